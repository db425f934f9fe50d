package dev.weir.api.prog;

/**
 * The stage functions a {@link ProbeProgram} can attach to, on entry or exit: the functions of
 * Linux's network stack that Weir's stages mirror, by the same names. Each lists its arguments
 * as {@link ProbeContext#arg(int)} numbers them (pointers are opaque identities, see
 * {@link TraceContext}) and what its return value means at exit.
 */
public enum StageFunction {
    // ---- receive: device to protocol ----
    NAPI_GRO_RECEIVE("napi_gro_receive", "napi, skb", "gro_result: 0 MERGED, 1 MERGED_FREE, 2 HELD, 3 NORMAL, 4 CONSUMED"),
    NETIF_RECEIVE_SKB("netif_receive_skb", "skb", "NET_RX_SUCCESS 0 or NET_RX_DROP 1"),
    NETIF_RECEIVE_SKB_CORE("__netif_receive_skb_core", "skb, pfmemalloc, ppt_prev", "NET_RX_SUCCESS 0 or NET_RX_DROP 1"),
    ARP_RCV("arp_rcv", "skb, dev, pt, orig_dev", "0, or NET_RX_DROP 1"),
    IP_RCV("ip_rcv", "skb, dev, pt, orig_dev", "NET_RX_SUCCESS 0 or NET_RX_DROP 1 (after PREROUTING's verdict)"),
    IP_RCV_FINISH("ip_rcv_finish", "net, sk, skb", "NET_RX_SUCCESS 0 or NET_RX_DROP 1"),
    IP_LOCAL_DELIVER("ip_local_deliver", "skb", "0, or a negative errno"),
    IP_FORWARD("ip_forward", "skb", "0 (NET_RX_SUCCESS), or NET_RX_DROP 1"),
    IPV6_RCV("ipv6_rcv", "skb, dev, pt, orig_dev", "NET_RX_SUCCESS 0 or NET_RX_DROP 1"),
    IP6_FORWARD("ip6_forward", "skb", "0, or a negative errno"),
    NDISC_RCV("ndisc_rcv", "skb", "1 when handled, 0 otherwise"),
    TCP_V4_RCV("tcp_v4_rcv", "skb", "0"),
    TCP_V6_RCV("tcp_v6_rcv", "skb", "0"),
    TCP_RCV_ESTABLISHED("tcp_rcv_established", "sk, skb", "none (0)"),
    TCP_ACK("tcp_ack", "sk, skb, flag", "1 for a new ACK, 0 for a duplicate, negative for an invalid one"),
    UDP_RCV("udp_rcv", "skb", "0"),
    // ---- transmit: protocol to device ----
    TCP_SENDMSG("tcp_sendmsg", "sk, msg, size", "bytes accepted, or a negative errno"),
    TCP_TRANSMIT_SKB("tcp_transmit_skb", "sk, skb, clone_it, gfp_mask", "0, or a negative errno / NET_XMIT_* code"),
    TCP_RETRANSMIT_SKB("tcp_retransmit_skb", "sk, skb, segs", "0, or a negative errno"),
    UDP_SENDMSG("udp_sendmsg", "sk, msg, len", "bytes sent, or a negative errno"),
    IP_OUTPUT("ip_output", "net, sk, skb", "0, or a negative errno / NET_XMIT_* code"),
    IP_FINISH_OUTPUT("ip_finish_output", "net, sk, skb", "0, or a negative errno / NET_XMIT_* code"),
    IP6_OUTPUT("ip6_output", "net, sk, skb", "0, or a negative errno / NET_XMIT_* code"),
    NEIGH_RESOLVE_OUTPUT("neigh_resolve_output", "neigh, skb", "0 (sent or queued until resolved), or a negative errno"),
    DEV_QUEUE_XMIT("dev_queue_xmit", "skb", "NET_XMIT_SUCCESS 0, NET_XMIT_DROP 1, NET_XMIT_CN 2, or a negative errno");

    private final String symbol;
    private final String args;
    private final String returns;

    StageFunction(String symbol, String args, String returns) {
        this.symbol = symbol;
        this.args = args;
        this.returns = returns;
    }

    /** The function's name as in Linux ({@code ip_rcv}, {@code __netif_receive_skb_core}). */
    public String symbol() {
        return symbol;
    }

    /** Its arguments, in {@link ProbeContext#arg(int)} order: {@code "sk, msg, size"}. */
    public String args() {
        return args;
    }

    /** What its return value means at exit. */
    public String returns() {
        return returns;
    }

    /** The position of argument {@code name} ({@code "skb"}), or -1. */
    public int argIndex(String name) {
        String[] a = args.split(", ");
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** True when the function has an skb argument, so the probe's packet access sees it. */
    public boolean hasSkb() {
        return argIndex("skb") >= 0;
    }

    /** True when the function has a socket argument ({@link ProbeContext#skaddr()} non-zero). */
    public boolean hasSock() {
        return argIndex("sk") >= 0;
    }

    /** The function whose {@link #symbol()} is {@code symbol}, or null. */
    public static StageFunction bySymbol(String symbol) {
        for (StageFunction f : values()) {
            if (f.symbol.equals(symbol)) {
                return f;
            }
        }
        return null;
    }
}
