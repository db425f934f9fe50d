package dev.weir.api.prog;

/**
 * A tc program (a {@code clsact} classifier in direct-action mode), attached to a device's
 * ingress or egress.
 *
 * <p><b>When:</b> ingress: for each skb received on the device, after GRO and the capture taps,
 * before the protocol layers (Ethernet demux, ARP, IP). Egress: for each skb about to be queued
 * to the device's qdisc, after neighbour resolution has written the link-layer header. Several
 * programs on one hook run in priority order until one returns something other than
 * {@link TcAction#UNSPEC}/{@link TcAction#PIPE}.
 *
 * <p><b>May:</b> read and rewrite the packet and its metadata through {@link SkbContext} (mark,
 * priority, classid, tstamp for EDT pacing, VLAN tag, length), redirect it, use maps and
 * helpers, and return a {@link TcAction}.
 *
 * <p><b>Must not:</b> keep state in fields, allocate, or keep references to the context or its
 * buffer past the call. A program cannot see which hook it is on except through
 * {@link SkbContext#isIngress()}.
 */
public interface TcProgram {
    /** Decides the packet's fate: one of {@link TcAction}'s values. */
    int run(SkbContext ctx);
}
