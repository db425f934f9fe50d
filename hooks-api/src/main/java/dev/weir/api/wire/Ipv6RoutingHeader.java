package dev.weir.api.wire;

import java.util.Objects;

/**
 * The parsed form of an IPv6 Routing header (RFC 8200 section 4.4); the type-specific data is
 * kept raw. Type 0 is deprecated (RFC 5095); Segment Routing is type 4 (RFC 8754).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |  Hdr Ext Len  |  Routing Type | Segments Left |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       type-specific data                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param nextHeader what follows
 * @param routingType the routing variant
 * @param segmentsLeft route segments still to visit; 0 means a node ignores the header
 * @param data the 8n+4 octets after the first four
 */
public record Ipv6RoutingHeader(int nextHeader, int routingType, int segmentsLeft, Octets data) implements Ipv6ExtHeader {
    public Ipv6RoutingHeader {
        Views.checkRange("IPv6 routing header next header", nextHeader, 255);
        Views.checkRange("IPv6 routing type", routingType, 255);
        Views.checkRange("IPv6 segments left", segmentsLeft, 255);
        Objects.requireNonNull(data, "data");
        int total = data.length() + 4;
        if (total % 8 != 0 || total > 2048) {
            throw new IllegalArgumentException("routing header length must be a multiple of 8 up to 2048, got " + total);
        }
    }

    static Ipv6RoutingHeader read(byte[] b, int off, int len) {
        return new Ipv6RoutingHeader(b[off] & 0xff, b[off + 2] & 0xff, b[off + 3] & 0xff, Octets.copyOf(b, off + 4, len - 4));
    }

    @Override
    public int protocol() {
        return IpProtocol.ROUTING;
    }

    @Override
    public int headerLength() {
        return data.length() + 4;
    }

    @Override
    public int emit(byte[] b, int off) {
        b[off] = (byte) nextHeader;
        b[off + 1] = (byte) (headerLength() / 8 - 1);
        b[off + 2] = (byte) routingType;
        b[off + 3] = (byte) segmentsLeft;
        data.copyTo(b, off + 4);
        return headerLength();
    }
}
