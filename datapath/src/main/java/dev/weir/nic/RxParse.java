package dev.weir.nic;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.EthernetFrame;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.TcpPacket;
import dev.weir.api.wire.UdpPacket;

/**
 * What the NIC's receive "hardware" works out from a frame before the driver sees it: the RSS
 * hash (and whether it covered the ports) and the receive checksum verdict. One per NIC, reused
 * for every frame; reads the bytes in place and allocates nothing. Never throws on malformed
 * frames: a frame it cannot parse gets no hash and no checksum verdict.
 */
final class RxParse {
    /** Checksum verdicts, as a NIC reports them in the descriptor. */
    static final byte CSUM_NONE = 0;
    static final byte CSUM_GOOD = 1;
    static final byte CSUM_BAD = 2;

    private static final int ICMP = IpProtocol.ICMP;
    private static final int ICMPV6 = IpProtocol.ICMPV6;

    int hash;
    boolean l4Hash;
    boolean hashed;
    byte csum;

    /** Parses {@code len} bytes at {@code off}; fills {@link #hash}, {@link #l4Hash}, {@link #hashed}, {@link #csum}. */
    void parse(byte[] b, int off, int len, Rss rss, boolean rxCsum) {
        hash = 0;
        l4Hash = false;
        hashed = false;
        csum = CSUM_NONE;
        int end = off + len;
        int p = off + EthernetFrame.TYPE_OFFSET;
        if (p + 2 > end) {
            return;
        }
        int type = Bytes.u16(b, p);
        int tags = 0;
        while (EtherType.isVlanTpid(type) && tags < EthernetFrame.MAX_TAGS && p + 6 <= end) {
            p += EthernetFrame.TAG_LEN;
            type = Bytes.u16(b, p);
            tags++;
        }
        int l3 = p + 2;
        if (type == EtherType.IPV4) {
            parseV4(b, l3, end, rss, rxCsum);
        } else if (type == EtherType.IPV6) {
            parseV6(b, l3, end, rss, rxCsum);
        }
    }

    private void parseV4(byte[] b, int l3, int end, Rss rss, boolean rxCsum) {
        if (l3 + Ipv4Packet.HEADER_LEN > end || (b[l3] & 0xf0) != 0x40) {
            return;
        }
        int ihl = (b[l3] & 0x0f) * 4;
        int total = Bytes.u16(b, l3 + Ipv4Packet.TOTAL_LENGTH_OFFSET);
        if (ihl < Ipv4Packet.HEADER_LEN || l3 + ihl > end || total < ihl || l3 + total > end) {
            return;
        }
        int src = Bytes.i32(b, l3 + Ipv4Packet.SRC_OFFSET);
        int dst = Bytes.i32(b, l3 + Ipv4Packet.DST_OFFSET);
        int proto = Bytes.u8(b, l3 + Ipv4Packet.PROTOCOL_OFFSET);
        boolean fragment = (Bytes.u16(b, l3 + Ipv4Packet.FLAGS_FRAGMENT_OFFSET) & (Ipv4Packet.FLAG_MF | Ipv4Packet.FRAGMENT_OFFSET_MASK)) != 0;
        int l4 = l3 + ihl;
        int l4Len = total - ihl;
        int fields = Rss.FIELDS_SD;
        if (!fragment && proto == IpProtocol.TCP) {
            fields = rss.fields(Rss.TCP4);
        } else if (!fragment && proto == IpProtocol.UDP) {
            fields = rss.fields(Rss.UDP4);
        }
        boolean ports = (fields & Rss.RXH_L4_B_0_1) != 0 && l4Len >= 4;
        hash = rss.hashV4(src, dst, ports ? Bytes.u16(b, l4) : 0, ports ? Bytes.u16(b, l4 + 2) : 0, ports);
        l4Hash = ports;
        hashed = true;
        if (!rxCsum) {
            return;
        }
        if (!Checksum.verifies(b, l3, ihl)) {
            csum = CSUM_BAD;
            return;
        }
        if (fragment) {
            return;
        }
        long pseudo = Checksum.pseudoHeaderV4(src, dst, proto, l4Len);
        verifyL4(b, l4, l4Len, proto, pseudo, false);
    }

    private void parseV6(byte[] b, int l3, int end, Rss rss, boolean rxCsum) {
        if (l3 + Ipv6Packet.HEADER_LEN > end || (b[l3] & 0xf0) != 0x60) {
            return;
        }
        int plen = Bytes.u16(b, l3 + Ipv6Packet.PAYLOAD_LENGTH_OFFSET);
        if (l3 + Ipv6Packet.HEADER_LEN + plen > end) {
            return;
        }
        int proto = Bytes.u8(b, l3 + Ipv6Packet.NEXT_HEADER_OFFSET);
        int l4 = l3 + Ipv6Packet.HEADER_LEN;
        int fields = Rss.FIELDS_SD;
        if (proto == IpProtocol.TCP) {
            fields = rss.fields(Rss.TCP6);
        } else if (proto == IpProtocol.UDP) {
            fields = rss.fields(Rss.UDP6);
        }
        boolean ports = (fields & Rss.RXH_L4_B_0_1) != 0 && plen >= 4;
        hash = rss.hashV6(b, l3 + Ipv6Packet.SRC_OFFSET, l3 + Ipv6Packet.DST_OFFSET,
                ports ? Bytes.u16(b, l4) : 0, ports ? Bytes.u16(b, l4 + 2) : 0, ports);
        l4Hash = ports;
        hashed = true;
        if (!rxCsum) {
            return;
        }
        long pseudo = Checksum.pseudoHeaderV6(Bytes.i64(b, l3 + Ipv6Packet.SRC_OFFSET), Bytes.i64(b, l3 + Ipv6Packet.SRC_OFFSET + 8),
                Bytes.i64(b, l3 + Ipv6Packet.DST_OFFSET), Bytes.i64(b, l3 + Ipv6Packet.DST_OFFSET + 8), proto, plen);
        verifyL4(b, l4, plen, proto, pseudo, true);
    }

    private void verifyL4(byte[] b, int l4, int len, int proto, long pseudo, boolean v6) {
        if (proto == IpProtocol.TCP) {
            if (len < TcpPacket.HEADER_LEN) {
                return;
            }
            csum = Checksum.fold(Checksum.add(pseudo, b, l4, len)) == 0xffff ? CSUM_GOOD : CSUM_BAD;
        } else if (proto == IpProtocol.UDP) {
            if (len < UdpPacket.HEADER_LEN) {
                return;
            }
            if (Bytes.u16(b, l4 + UdpPacket.CHECKSUM_OFFSET) == 0) {
                // IPv4: no checksum sent (RFC 768), nothing to verify; IPv6: zero is invalid (RFC 8200 8.1).
                csum = v6 ? CSUM_BAD : CSUM_NONE;
                return;
            }
            csum = Checksum.fold(Checksum.add(pseudo, b, l4, len)) == 0xffff ? CSUM_GOOD : CSUM_BAD;
        } else if (proto == ICMP && !v6) {
            csum = Checksum.verifies(b, l4, len) ? CSUM_GOOD : CSUM_BAD;
        } else if (proto == ICMPV6 && v6) {
            csum = Checksum.fold(Checksum.add(pseudo, b, l4, len)) == 0xffff ? CSUM_GOOD : CSUM_BAD;
        }
    }
}
