package dev.weir.qdisc;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.skb.FlowDissector;
import dev.weir.skb.SkBuff;

/**
 * ECN in the IP header of a queued packet (Linux's {@code INET_ECN_set_ce} and
 * {@code skb_get_dsfield}): what CoDel, fq and netem use to mark Congestion Experienced instead
 * of dropping (RFC 3168 section 5).
 */
final class InetEcn {
    static final int NOT_ECT = 0;
    static final int ECT_1 = 1;
    static final int ECT_0 = 2;
    static final int CE = 3;

    private InetEcn() {}

    /**
     * Marks CE on an ECN-capable packet: ECT(0) or ECT(1) becomes CE in the IPv4 TOS (with the
     * header checksum updated incrementally, RFC 1624) or the IPv6 traffic class. Returns true
     * when the packet now carries CE (also when it already did), false for Not-ECT and non-IP
     * packets, which must be dropped instead. A buffer whose head is shared with a clone gets a
     * private copy first.
     */
    static boolean setCe(SkBuff skb) {
        long l3 = FlowDissector.locateNetworkHeader(skb);
        if (l3 < 0) {
            return false;
        }
        int proto = (int) (l3 >>> 32);
        int rel = (int) l3 - skb.data();
        int need = proto == FlowDissector.ETH_P_IP ? 20 : 40;
        if (rel < 0 || skb.data() + rel + need > skb.tail()) {
            return false;
        }
        int ecn = ecnOf(skb.buf(), skb.data() + rel, proto);
        if (ecn == NOT_ECT) {
            return false;
        }
        if (ecn == CE) {
            return true;
        }
        skb.makeWritable();
        byte[] b = skb.buf();
        int off = skb.data() + rel;
        if (proto == FlowDissector.ETH_P_IP) {
            int oldWord = Bytes.u16(b, off);
            int newWord = oldWord | CE;
            Bytes.put16(b, off, newWord);
            Bytes.put16(b, off + 10, Checksum.update16(Bytes.u16(b, off + 10), oldWord, newWord));
        } else {
            b[off + 1] |= (byte) (CE << 4);
        }
        return true;
    }

    /** The DS field (TOS or traffic class) of an IP packet, or -1 when it is not one. */
    static int dsfield(SkBuff skb) {
        long l3 = FlowDissector.locateNetworkHeader(skb);
        if (l3 < 0) {
            return -1;
        }
        int off = (int) l3;
        byte[] b = skb.buf();
        if ((int) (l3 >>> 32) == FlowDissector.ETH_P_IP) {
            return off + 2 > skb.tail() ? -1 : b[off + 1] & 0xff;
        }
        return off + 2 > skb.tail() ? -1 : ((b[off] & 0x0f) << 4) | ((b[off + 1] & 0xf0) >>> 4);
    }

    private static int ecnOf(byte[] b, int off, int proto) {
        if (proto == FlowDissector.ETH_P_IP) {
            return (b[off] & 0xf0) == 0x40 ? b[off + 1] & 3 : NOT_ECT;
        }
        return (b[off] & 0xf0) == 0x60 ? (b[off + 1] >>> 4) & 3 : NOT_ECT;
    }
}
