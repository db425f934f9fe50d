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
 *         timestamp, source route, one byte each (0: absent)
 *  cb[4]  reassembly: offset of the fragment's data in the datagram
 *  cb[5]  reassembly: bits 0..31 end of the run this fragment heads, bit 32 "heads a run"
 * </pre>
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
