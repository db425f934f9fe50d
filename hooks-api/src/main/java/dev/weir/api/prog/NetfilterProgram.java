package dev.weir.api.prog;

/**
 * A netfilter program: a hook function at one of the five {@link NfHook netfilter hooks} of
 * IPv4 or IPv6, at a priority among the other functions of that hook (conntrack, NAT, other
 * programs), as iptables/nftables chains and Linux's {@code BPF_PROG_TYPE_NETFILTER} are.
 *
 * <p><b>When:</b> for each packet passing the hook, with the packet's data starting at its
 * network (IP) header: PREROUTING after IP receive checks, INPUT after the route lookup chose
 * local delivery, FORWARD after the TTL decrement, OUTPUT after a local packet was routed,
 * POSTROUTING before neighbour resolution.
 *
 * <p><b>May:</b> read and rewrite the packet (NAT, mangling; keeping checksums right with the
 * checksum helpers), set the mark, use maps and helpers, and return an {@link NfVerdict}.
 *
 * <p><b>Must not:</b> keep state in fields, allocate, or keep references past the call.
 * Changing addresses in PREROUTING/OUTPUT before the route lookup changes where the packet is
 * routed, as DNAT does; after it (INPUT, FORWARD, POSTROUTING) it does not re-route.
 */
public interface NetfilterProgram {
    /** Decides the packet's fate: one of {@link NfVerdict}'s values. */
    int run(NfContext ctx);
}
