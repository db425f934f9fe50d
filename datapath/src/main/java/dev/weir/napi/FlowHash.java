package dev.weir.napi;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.skb.SkBuff;

/**
 * The software flow hash of a received packet (Linux's {@code skb_get_hash} over the flow
 * dissector's keys), for RPS when the device gave no hash: the IP addresses, the protocol and,
 * for TCP, UDP and SCTP outside fragments, the ports. Like Linux's
 * {@code __flow_hash_consistentify}, the two ends are put in a fixed order first, so both
 * directions of a connection hash alike. Reads the packet at {@link SkBuff#data()}, its
 * network header (after {@code eth_type_trans}), and allocates nothing.
 *
 * <p>Weir's own small hash (a multiply-xorshift mix), not Linux's siphash with a per-boot key:
 * what matters here is that it is stable per flow and spreads flows over CPUs.
 */
public final class FlowHash {
    private FlowHash() {}

    private static final int SCTP = 132;

    /**
     * The flow hash of {@code skb}, never 0 for IP; 0 when the packet is not IPv4/IPv6 or too
     * short to tell. Also stores it in the buffer ({@link SkBuff#setHash}, L4 when ports were
     * used), as Linux's {@code skb_get_hash} does.
     */
    public static int hash(SkBuff skb) {
        byte[] b = skb.buf();
        int p = skb.data();
        int len = skb.headLen();
        int proto;
        long a;
        long c;
        int l4;
        boolean fragment;
        if (skb.protocol() == EtherType.IPV4 && len >= Ipv4Packet.HEADER_LEN && (b[p] & 0xf0) == 0x40) {
            int ihl = (b[p] & 0x0f) * 4;
            a = Bytes.i32(b, p + Ipv4Packet.SRC_OFFSET) & 0xffff_ffffL;
            c = Bytes.i32(b, p + Ipv4Packet.DST_OFFSET) & 0xffff_ffffL;
            proto = Bytes.u8(b, p + Ipv4Packet.PROTOCOL_OFFSET);
            fragment = (Bytes.u16(b, p + Ipv4Packet.FLAGS_FRAGMENT_OFFSET) & (Ipv4Packet.FLAG_MF | Ipv4Packet.FRAGMENT_OFFSET_MASK)) != 0;
            l4 = p + ihl;
        } else if (skb.protocol() == EtherType.IPV6 && len >= Ipv6Packet.HEADER_LEN && (b[p] & 0xf0) == 0x60) {
            a = fold128(Bytes.i64(b, p + Ipv6Packet.SRC_OFFSET), Bytes.i64(b, p + Ipv6Packet.SRC_OFFSET + 8));
            c = fold128(Bytes.i64(b, p + Ipv6Packet.DST_OFFSET), Bytes.i64(b, p + Ipv6Packet.DST_OFFSET + 8));
            proto = Bytes.u8(b, p + Ipv6Packet.NEXT_HEADER_OFFSET);
            fragment = false;
            l4 = p + Ipv6Packet.HEADER_LEN;
        } else {
            return 0;
        }
        int sport = 0;
        int dport = 0;
        boolean ports = !fragment && (proto == IpProtocol.TCP || proto == IpProtocol.UDP || proto == SCTP) && l4 + 4 <= p + len;
        if (ports) {
            sport = Bytes.u16(b, l4);
            dport = Bytes.u16(b, l4 + 2);
        }
        if (a > c || (a == c && sport > dport)) {
            long t = a;
            a = c;
            c = t;
            int tp = sport;
            sport = dport;
            dport = tp;
        }
        long x = a * 0x9e3779b97f4a7c15L;
        x ^= c + 0xc2b2ae3d27d4eb4fL + (x << 6) + (x >>> 2);
        x ^= ((long) sport << 16 | dport) * 0x165667b19e3779f9L + ((long) proto << 40);
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        int h = (int) (x ^ (x >>> 32));
        if (h == 0) {
            h = 1;
        }
        skb.setHash(h, ports);
        return h;
    }

    private static long fold128(long hi, long lo) {
        long x = hi ^ Long.rotateLeft(lo, 29);
        return x ^ (x >>> 32);
    }
}
