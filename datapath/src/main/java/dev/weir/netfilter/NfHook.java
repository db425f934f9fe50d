package dev.weir.netfilter;

/**
 * The five netfilter hooks of the IPv4 and IPv6 packet paths, numbered as Linux's
 * {@code enum nf_inet_hooks}, and the families that have them ({@code NFPROTO_*}).
 *
 * <pre>
 *  receive --&gt; PRE_ROUTING --&gt; route --+--&gt; LOCAL_IN --&gt; socket
 *                                      |
 *                                      +--&gt; FORWARD --+--&gt; POST_ROUTING --&gt; transmit
 *                                                     |
 *  socket --&gt; route --&gt; LOCAL_OUT --&gt; route again -----+
 * </pre>
 */
public final class NfHook {
    private NfHook() {}

    /** After the IP header is validated, before the route lookup ({@code ip_rcv}). */
    public static final int PRE_ROUTING = 0;
    /** For packets routed to this host, before the transport protocol ({@code ip_local_deliver}). */
    public static final int LOCAL_IN = 1;
    /** For forwarded packets, after the TTL decrement ({@code ip_forward}). */
    public static final int FORWARD = 2;
    /** For packets this host sends, after their route is chosen ({@code __ip_local_out}). */
    public static final int LOCAL_OUT = 3;
    /** For every packet leaving, sent or forwarded, before fragmentation ({@code ip_output}). */
    public static final int POST_ROUTING = 4;
    public static final int COUNT = 5;

    /** {@code NFPROTO_IPV4}. */
    public static final int NFPROTO_IPV4 = 2;
    /** {@code NFPROTO_IPV6}. */
    public static final int NFPROTO_IPV6 = 10;

    /** The name iptables and nft use: PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING. */
    public static String name(int hook) {
        return switch (hook) {
            case PRE_ROUTING -> "PREROUTING";
            case LOCAL_IN -> "INPUT";
            case FORWARD -> "FORWARD";
            case LOCAL_OUT -> "OUTPUT";
            case POST_ROUTING -> "POSTROUTING";
            default -> throw new IllegalArgumentException("no netfilter hook " + hook + " (0..4: PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING)");
        };
    }

    /** "ipv4" or "ipv6". */
    public static String familyName(int pf) {
        return switch (pf) {
            case NFPROTO_IPV4 -> "ipv4";
            case NFPROTO_IPV6 -> "ipv6";
            default -> throw new IllegalArgumentException("no netfilter family " + pf + " (2 for IPv4, 10 for IPv6)");
        };
    }
}
