package dev.weir.api.prog;

/**
 * What a {@link NetfilterProgram} sees: the skb at a netfilter hook ({@code struct bpf_nf_ctx}:
 * the hook state and the skb). The packet's data starts at its IP header, so offset 0 is the
 * first byte of the IPv4 or IPv6 header ({@link #networkOffset()} is 0), and
 * {@link #transportOffset()} is known from PREROUTING on (after IP receive) and on the output
 * path.
 *
 * <p>A netfilter program may rewrite the packet (NAT, mangling) with the stores and the
 * checksum helpers, and set the mark (which policy routing and the qdiscs see). The packet is
 * linear here from the IP header through the transport header at least.
 */
public interface NfContext extends Helpers, PacketAccess, SkbMeta {
    /** The hook: {@link NfHook#PREROUTING} .. {@link NfHook#POSTROUTING}. */
    int hook();

    /** The protocol family: {@link NfHook#PF_IPV4} or {@link NfHook#PF_IPV6}. */
    int pf();

    /** The input device (PREROUTING, INPUT, FORWARD), else 0. */
    int inIfindex();

    /** The output device (FORWARD, OUTPUT, POSTROUTING), else 0. */
    int outIfindex();

    void setMark(int mark);
}
