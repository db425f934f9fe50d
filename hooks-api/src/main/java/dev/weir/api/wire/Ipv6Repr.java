package dev.weir.api.wire;

import java.util.Objects;

/**
 * The parsed form of the fixed IPv6 header (RFC 8200 section 3), for tests, the command line
 * and slow paths. Extension headers are separate records ({@link Ipv6ExtHeader}), parsed by
 * {@link Ipv6ExtHeaders#headers()}.
 *
 * @param src source address
 * @param dst destination address
 * @param nextHeader the first extension header or the upper-layer protocol ({@link IpProtocol})
 * @param payloadLength bytes after the fixed header, extension headers included, 0..65535
 * @param hopLimit 0..255
 * @param trafficClass DSCP and ECN, 0..255
 * @param flowLabel 0..0xfffff (RFC 6437)
 */
public record Ipv6Repr(Ipv6Address src, Ipv6Address dst, int nextHeader, int payloadLength, int hopLimit,
        int trafficClass, int flowLabel) {

    public Ipv6Repr {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        Views.checkRange("IPv6 next header", nextHeader, 255);
        Views.checkRange("IPv6 payload length", payloadLength, 0xffff);
        Views.checkRange("IPv6 hop limit", hopLimit, 255);
        Views.checkRange("IPv6 traffic class", trafficClass, 255);
        Views.checkRange("IPv6 flow label", flowLabel, Ipv6Packet.MAX_FLOW_LABEL);
    }

    /** Traffic class 0 and flow label 0. */
    public Ipv6Repr(Ipv6Address src, Ipv6Address dst, int nextHeader, int payloadLength, int hopLimit) {
        this(src, dst, nextHeader, payloadLength, hopLimit, 0, 0);
    }

    public static Ipv6Repr parse(Ipv6Packet p) {
        return new Ipv6Repr(new Ipv6Address(p.srcHi(), p.srcLo()), new Ipv6Address(p.dstHi(), p.dstLo()),
                p.nextHeader(), p.payloadLength(), p.hopLimit(), p.trafficClass(), p.flowLabel());
    }

    public int headerLength() {
        return Ipv6Packet.HEADER_LEN;
    }

    /** Header and payload. */
    public int bufferLength() {
        return Ipv6Packet.HEADER_LEN + payloadLength;
    }

    /** Writes the fixed header at {@code off}; returns 40. */
    public int emit(byte[] b, int off) {
        Bytes.put32(b, off + Ipv6Packet.VERSION_TC_FLOW_OFFSET, (6 << 28) | (trafficClass << 20) | flowLabel);
        Bytes.put16(b, off + Ipv6Packet.PAYLOAD_LENGTH_OFFSET, payloadLength);
        Bytes.put8(b, off + Ipv6Packet.NEXT_HEADER_OFFSET, nextHeader);
        Bytes.put8(b, off + Ipv6Packet.HOP_LIMIT_OFFSET, hopLimit);
        src.write(b, off + Ipv6Packet.SRC_OFFSET);
        dst.write(b, off + Ipv6Packet.DST_OFFSET);
        return Ipv6Packet.HEADER_LEN;
    }
}
