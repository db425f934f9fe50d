package dev.weir.ip;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.Ipv4Options;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.core.Counters;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.core.NetNs;
import dev.weir.netfilter.NfOkFn;
import dev.weir.skb.SkBuff;

/**
 * Cuts an IPv4 datagram into fragments that fit an MTU, as Linux's {@code ip_do_fragment}
 * (slow path) does (RFC 791 section 3.2, RFC 1812 section 5.2.6):
 * <ul>
 *   <li>every fragment but the last carries a multiple of 8 data bytes, as many as fit:
 *       {@code (mtu - header length) & ~7};
 *   <li>each fragment gets the datagram's header with its own total length, fragment offset,
 *       MF (set on all but the last, and on the last too when the datagram was itself a
 *       non-final fragment) and checksum; identification, TOS, TTL and DF are kept;
 *   <li>the first fragment keeps every option; the later ones keep only those with the copied
 *       flag, the others overwritten with No Operation so the header length stays the same
 *       ({@code ip_options_fragment});
 *   <li>fragments are sent in order, first to last; {@code IpFragCreates} counts each and
 *       {@code IpFragOKs} the datagram.
 * </ul>
 * Whether the datagram may be fragmented at all (DF, ICMP fragmentation needed) is the caller's
 * decision, made before.
 */
final class Ipv4Fragmenter {
    private final NetNs net;
    private final Counters counters;
    private final byte[] header = new byte[Ipv4Packet.MAX_HEADER_LEN];

    Ipv4Fragmenter(NetNs net) {
        this.net = net;
        this.counters = net.counters();
    }

    /**
     * Fragments {@code skb} (data at its IPv4 header, length its total length) for {@code mtu}
     * and hands each fragment to {@code out}; the datagram is consumed. False when the MTU
     * leaves no room for 8 data bytes: the datagram is then dropped (PKT_TOO_BIG) and
     * {@code IpFragFails} counted.
     */
    boolean fragment(SkBuff skb, int mtu, NfOkFn out) {
        int hlen = (skb.buf()[skb.data()] & 0x0f) * 4;
        int room = mtu - hlen;
        if (room < 8 || !skb.mayPull(hlen)) {
            counters.inc(Mib.IpFragFails);
            net.drop(skb, DropReason.PKT_TOO_BIG);
            return false;
        }
        System.arraycopy(skb.buf(), skb.data(), header, 0, hlen);
        int word = Bytes.u16(header, Ipv4Packet.FLAGS_FRAGMENT_OFFSET);
        int offset = (word & Ipv4Packet.FRAGMENT_OFFSET_MASK) << 3;
        boolean notLastFrag = (word & Ipv4Packet.FLAG_MF) != 0;
        int keptFlags = word & Ipv4Packet.FLAG_DF;
        int left = skb.len() - hlen;
        int ptr = hlen;
        boolean first = true;
        while (left > 0) {
            int len = Math.min(left, room);
            if (len < left) {
                len &= ~7;
            }
            SkBuff frag = net.pool().alloc(hlen + len, Skbs.LL_RESERVED);
            Skbs.copyMetadata(skb, frag);
            int at = frag.put(hlen + len);
            byte[] fb = frag.buf();
            System.arraycopy(header, 0, fb, at, hlen);
            skb.copyBits(ptr, fb, at + hlen, len);
            left -= len;
            Bytes.put16(fb, at + Ipv4Packet.TOTAL_LENGTH_OFFSET, hlen + len);
            Bytes.put16(fb, at + Ipv4Packet.FLAGS_FRAGMENT_OFFSET,
                    keptFlags | (offset >> 3) | (left > 0 || notLastFrag ? Ipv4Packet.FLAG_MF : 0));
            Bytes.put16(fb, at + Ipv4Packet.CHECKSUM_OFFSET, 0);
            Bytes.put16(fb, at + Ipv4Packet.CHECKSUM_OFFSET, Checksum.internet(fb, at, hlen));
            frag.resetNetworkHeader();
            frag.setTransportHeader(at + hlen);
            if (first) {
                optionsFragment(header, hlen);
                first = false;
            }
            ptr += len;
            offset += len;
            counters.inc(Mib.IpFragCreates);
            out.ok(frag);
        }
        counters.inc(Mib.IpFragOKs);
        skb.consume();
        return true;
    }

    /** {@code ip_options_fragment}: options without the copied flag become No Operation octets. */
    static void optionsFragment(byte[] h, int hlen) {
        int p = Ipv4Packet.HEADER_LEN;
        while (p < hlen) {
            int type = h[p] & 0xff;
            if (type == Ipv4Options.EOL) {
                return;
            }
            if (type == Ipv4Options.NOP) {
                p++;
                continue;
            }
            int optlen = p + 1 < hlen ? h[p + 1] & 0xff : 0;
            if (optlen < 2 || optlen > hlen - p) {
                return;
            }
            if ((type & 0x80) == 0) {
                for (int i = 0; i < optlen; i++) {
                    h[p + i] = (byte) Ipv4Options.NOP;
                }
            }
            p += optlen;
        }
    }
}
