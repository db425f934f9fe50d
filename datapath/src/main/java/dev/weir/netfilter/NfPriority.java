package dev.weir.netfilter;

/**
 * Where a callback sits in its hook's chain: lower runs first; equal priorities run in the order
 * they were registered. The values are Linux's {@code enum nf_ip_hook_priorities} (IPv6 uses the
 * same numbers), so a callback placed "after conntrack, before filter" lands where the
 * equivalent iptables table would.
 */
public final class NfPriority {
    private NfPriority() {}

    public static final int FIRST = Integer.MIN_VALUE;
    /** {@code NF_IP_PRI_RAW_BEFORE_DEFRAG}. */
    public static final int RAW_BEFORE_DEFRAG = -450;
    /** {@code NF_IP_PRI_CONNTRACK_DEFRAG}. */
    public static final int CONNTRACK_DEFRAG = -400;
    /** {@code NF_IP_PRI_RAW}: the raw table. */
    public static final int RAW = -300;
    /** {@code NF_IP_PRI_SELINUX_FIRST}. */
    public static final int SELINUX_FIRST = -225;
    /** {@code NF_IP_PRI_CONNTRACK}: connection tracking. */
    public static final int CONNTRACK = -200;
    /** {@code NF_IP_PRI_MANGLE}: the mangle table. */
    public static final int MANGLE = -150;
    /** {@code NF_IP_PRI_NAT_DST}: destination NAT. */
    public static final int NAT_DST = -100;
    /** {@code NF_IP_PRI_FILTER}: the filter table. */
    public static final int FILTER = 0;
    /** {@code NF_IP_PRI_SECURITY}: the security table. */
    public static final int SECURITY = 50;
    /** {@code NF_IP_PRI_NAT_SRC}: source NAT. */
    public static final int NAT_SRC = 100;
    /** {@code NF_IP_PRI_SELINUX_LAST}. */
    public static final int SELINUX_LAST = 225;
    /** {@code NF_IP_PRI_CONNTRACK_HELPER}. */
    public static final int CONNTRACK_HELPER = 300;
    /** {@code NF_IP_PRI_CONNTRACK_CONFIRM}: conntrack confirms new entries last. */
    public static final int CONNTRACK_CONFIRM = Integer.MAX_VALUE;
    public static final int LAST = Integer.MAX_VALUE;
}
