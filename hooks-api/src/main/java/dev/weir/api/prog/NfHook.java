package dev.weir.api.prog;

/**
 * The five netfilter hooks (Linux's {@code NF_INET_*} numbers), where they sit on the packet
 * path, and the standard priorities ({@code enum nf_ip_hook_priorities}) that order the
 * functions on one hook: lower runs first; a program attached at {@link #PRI_FILTER} runs where
 * iptables' filter table would, after conntrack and DNAT.
 *
 * <pre>
 *  rcv ──▶ PREROUTING ──▶ route ──▶ INPUT ──▶ local socket
 *                           │
 *                           └──▶ FORWARD ──▶ POSTROUTING ──▶ neighbour, tc egress, qdisc
 *  local socket ──▶ route ──▶ OUTPUT ──────────────┘
 * </pre>
 */
public final class NfHook {
    private NfHook() {}

    /** After IP receive checks (and reassembly at conntrack's priority), before routing. */
    public static final int PREROUTING = 0;
    /** Routed to this host, before the transport protocol. */
    public static final int INPUT = 1;
    /** Routed through this host, after the TTL decrement. */
    public static final int FORWARD = 2;
    /** Sent by this host, after the route lookup. */
    public static final int OUTPUT = 3;
    /** Leaving this host (forwarded or local), before neighbour resolution. */
    public static final int POSTROUTING = 4;
    /** Number of hooks. */
    public static final int COUNT = 5;

    /** Protocol family of a netfilter hook: IPv4 ({@code NFPROTO_IPV4}). */
    public static final int PF_IPV4 = 2;
    /** Protocol family of a netfilter hook: IPv6 ({@code NFPROTO_IPV6}). */
    public static final int PF_IPV6 = 10;

    public static final int PRI_FIRST = Integer.MIN_VALUE;
    public static final int PRI_RAW_BEFORE_DEFRAG = -450;
    public static final int PRI_CONNTRACK_DEFRAG = -400;
    public static final int PRI_RAW = -300;
    public static final int PRI_SELINUX_FIRST = -225;
    public static final int PRI_CONNTRACK = -200;
    public static final int PRI_MANGLE = -150;
    public static final int PRI_NAT_DST = -100;
    public static final int PRI_FILTER = 0;
    public static final int PRI_SECURITY = 50;
    public static final int PRI_NAT_SRC = 100;
    public static final int PRI_SELINUX_LAST = 225;
    public static final int PRI_CONNTRACK_HELPER = 300;
    public static final int PRI_LAST = Integer.MAX_VALUE;

    /** The hook's name as iptables spells its chain: PREROUTING, INPUT, ... */
    public static String name(int hook) {
        return switch (hook) {
            case PREROUTING -> "PREROUTING";
            case INPUT -> "INPUT";
            case FORWARD -> "FORWARD";
            case OUTPUT -> "OUTPUT";
            case POSTROUTING -> "POSTROUTING";
            default -> "HOOK_UNKNOWN(" + hook + ")";
        };
    }

    /** The hook named {@code name}: the chain name or Linux's {@code NF_INET_PRE_ROUTING}/{@code LOCAL_IN}/... (any case), or -1. */
    public static int byName(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        if (n.startsWith("NF_INET_")) {
            n = n.substring("NF_INET_".length());
        } else if (n.startsWith("NF_IP_")) {
            n = n.substring("NF_IP_".length());
        }
        n = n.replace("_", "");
        for (int h = 0; h < COUNT; h++) {
            if (name(h).equals(n)) {
                return h;
            }
        }
        return switch (n) {
            case "LOCALIN" -> INPUT;
            case "LOCALOUT" -> OUTPUT;
            default -> -1;
        };
    }
}
