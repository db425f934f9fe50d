package dev.weir.ip;

import dev.weir.skb.SkBuff;

/**
 * The IP layers' use of {@link SkBuff#cb} while they own a packet (Linux's
 * {@code struct inet_skb_parm} / {@code inet6_skb_parm} in {@code skb->cb}):
 *
 * <pre>
 *  cb[0]  bits 0..31 iif: ifindex the packet arrived on     bits 32..63 flags (IPSKB_*)
 *  cb[1]  bits 0..31 frag_max_size: largest fragment a reassembled datagram was built from
 *         bits 32..63 nhoff (IPv6): offset from the network header of the Next Header octet
 *                     that names the header being processed
 *  cb[2]  options (IPv4): offsets from the network header of router alert, record route,
 *         timestamp, source route, one byte each (0: absent), then option flags
 *         IPv6: the router alert value (bits 0..15, 0x10000 when present)
 *  cb[3]  the route (Linux keeps it in skb_dst): bits 0..31 the output device's ifindex,
 *         32..51 the MTU to send with, 52..59 the route type (RTN_*), 60..63 RT_* flags
 *  cb[4]  next hop, high 64 bits (IPv6)          | while queued for reassembly: the
 *  cb[5]  next hop, low 64 bits (IPv4: low 32)   | fragment's offset and run (see below)
 * </pre>
 * Reassembly only happens before local delivery, which needs no next hop, so it may reuse
 * cb[4] and cb[5].
 * Transports that take a packet from the IP layer may reuse the cb as they like.
 */
final class IpCb {
    private IpCb() {}

    /** Reassembled from fragments ({@code IPSKB_FRAG_COMPLETE} / {@code IP6SKB_FRAGMENTED}). */
    static final int FRAGMENTED = 0x1;
    /** Forwarded ({@code IPSKB_FORWARDED}). */
    static final int FORWARDED = 0x2;
    /** Reassembled and DF was set on its largest fragment ({@code IPSKB_FRAG_PMTU}). */
    static final int FRAG_PMTU = 0x4;
    /** Carries a router alert option ({@code IPSKB_ROUTERALERT}). */
    static final int ROUTER_ALERT = 0x8;
    /** Went through a Hop-by-Hop header ({@code IP6SKB_HOPBYHOP}). */
    static final int HOP_BY_HOP = 0x10;
    /** An atomic IPv6 fragment (RFC 6946) just passed reassembly: go on after its Fragment header. */
    static final int ATOMIC_FRAGMENT = 0x20;
    /** Fragmenting is allowed even with DF set or when it exceeds the MTU ({@code skb->ignore_df}). */
    static final int IGNORE_DF = 0x100;

    static int iif(SkBuff skb) {
        return (int) skb.cb[0];
    }

    static void setIif(SkBuff skb, int iif) {
        skb.cb[0] = (skb.cb[0] & 0xffff_ffff_0000_0000L) | (iif & 0xffff_ffffL);
    }

    static int flags(SkBuff skb) {
        return (int) (skb.cb[0] >>> 32);
    }

    static boolean hasFlag(SkBuff skb, int flag) {
        return (flags(skb) & flag) != 0;
    }

    static void addFlags(SkBuff skb, int flags) {
        skb.cb[0] |= (long) flags << 32;
    }

    static void clearFlags(SkBuff skb, int flags) {
        skb.cb[0] &= ~((long) flags << 32);
    }

    static int fragMaxSize(SkBuff skb) {
        return (int) skb.cb[1];
    }

    static void setFragMaxSize(SkBuff skb, int size) {
        skb.cb[1] = (skb.cb[1] & 0xffff_ffff_0000_0000L) | (size & 0xffff_ffffL);
    }

    static int nhoff(SkBuff skb) {
        return (int) (skb.cb[1] >>> 32);
    }

    static void setNhoff(SkBuff skb, int nhoff) {
        skb.cb[1] = (skb.cb[1] & 0xffff_ffffL) | ((long) nhoff << 32);
    }

    // IPv4 options found by ip_options_compile, as offsets from the network header.
    static final int OPT_ROUTER_ALERT = 0;
    static final int OPT_RR = 1;
    static final int OPT_TS = 2;
    static final int OPT_SRR = 3;

    static int option(SkBuff skb, int which) {
        return (int) (skb.cb[2] >>> (which * 8)) & 0xff;
    }

    static void setOption(SkBuff skb, int which, int offset) {
        int shift = which * 8;
        skb.cb[2] = (skb.cb[2] & ~(0xffL << shift)) | ((long) (offset & 0xff) << shift);
    }

    // The route (dst).

    /** The route delivers locally ({@code RTCF_LOCAL}). */
    static final int RT_LOCAL = 0x1;
    /** Broadcast ({@code RTCF_BROADCAST}). */
    static final int RT_BROADCAST = 0x2;
    /** Multicast ({@code RTCF_MULTICAST}). */
    static final int RT_MULTICAST = 0x4;
    /** The MTU is locked ({@code mtu lock}): no DF, and never learn a smaller one. */
    static final int RT_MTU_LOCKED = 0x8;

    static void setRoute(SkBuff skb, int oif, int mtu, int type, int flags, long nhHi, long nhLo) {
        skb.cb[3] = (oif & 0xffff_ffffL) | ((long) (mtu & 0xf_ffff) << 32) | ((long) (type & 0xff) << 52) | ((long) (flags & 0xf) << 60);
        skb.cb[4] = nhHi;
        skb.cb[5] = nhLo;
    }

    static boolean hasRoute(SkBuff skb) {
        return skb.cb[3] != 0;
    }

    static int oif(SkBuff skb) {
        return (int) skb.cb[3];
    }

    static int routeMtu(SkBuff skb) {
        return (int) (skb.cb[3] >>> 32) & 0xf_ffff;
    }

    /** The route's type as its RTN_ number (1 unicast, 2 local, 3 broadcast, 5 multicast). */
    static int routeType(SkBuff skb) {
        return (int) (skb.cb[3] >>> 52) & 0xff;
    }

    static int routeFlags(SkBuff skb) {
        return (int) (skb.cb[3] >>> 60) & 0xf;
    }

    static long nextHopHi(SkBuff skb) {
        return skb.cb[4];
    }

    static long nextHopLo(SkBuff skb) {
        return skb.cb[5];
    }

    // Reassembly bookkeeping (Linux's FRAG_CB).

    static int fragOffset(SkBuff skb) {
        return (int) skb.cb[4];
    }

    static void setFragOffset(SkBuff skb, int offset) {
        skb.cb[4] = offset;
    }

    static boolean isRunHead(SkBuff skb) {
        return (skb.cb[5] & (1L << 32)) != 0;
    }

    static int runEnd(SkBuff skb) {
        return (int) skb.cb[5];
    }

    static void setRun(SkBuff skb, boolean head, int runEnd) {
        skb.cb[5] = (head ? 1L << 32 : 0) | (runEnd & 0xffff_ffffL);
    }

    /** Clears everything the IP layer keeps (a packet entering ip_rcv or leaving to a transport). */
    static void clear(SkBuff skb) {
        for (int i = 0; i < skb.cb.length; i++) {
            skb.cb[i] = 0;
        }
    }
}
