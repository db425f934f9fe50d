package dev.weir.api.wire;

import java.util.Objects;

/**
 * The parsed form of an IPv4 header (RFC 791), for tests, the command line and slow paths.
 * The options are kept byte for byte; {@link #emit} writes the header with its checksum.
 *
 * <p>Not kept: the reserved flag bit (RFC 791: must be zero; emit writes zero) and the checksum
 * (emit computes it).
 *
 * @param src source address
 * @param dst destination address
 * @param protocol the upper-layer protocol ({@link IpProtocol})
 * @param ttl time to live, 0..255
 * @param dscp differentiated services code point, 0..63 (RFC 2474)
 * @param ecn explicit congestion notification, 0..3 (RFC 3168)
 * @param identification 0..65535
 * @param dontFragment the DF flag
 * @param moreFragments the MF flag
 * @param fragmentOffset in units of 8 bytes, 0..8191
 * @param options the option bytes, a multiple of 4 and at most 40 (padding included, as on the wire)
 * @param payloadLength bytes of data after the header; the total length is header plus this
 */
public record Ipv4Repr(Ipv4Address src, Ipv4Address dst, int protocol, int ttl, int dscp, int ecn,
        int identification, boolean dontFragment, boolean moreFragments, int fragmentOffset,
        Octets options, int payloadLength) {

    public Ipv4Repr {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(options, "options");
        Views.checkRange("IPv4 protocol", protocol, 255);
        Views.checkRange("IPv4 TTL", ttl, 255);
        Views.checkRange("IPv4 DSCP", dscp, 63);
        Views.checkRange("IPv4 ECN", ecn, 3);
        Views.checkRange("IPv4 identification", identification, 0xffff);
        Views.checkRange("IPv4 fragment offset", fragmentOffset, Ipv4Packet.FRAGMENT_OFFSET_MASK);
        if (options.length() % 4 != 0 || options.length() > Ipv4Packet.MAX_HEADER_LEN - Ipv4Packet.HEADER_LEN) {
            throw new IllegalArgumentException("IPv4 options must be a multiple of 4 bytes and at most 40, got "
                    + options.length() + " (pad with End of Option List)");
        }
        byte[] raw = options.toByteArray();
        int bad = Ipv4Options.badOptionAt(raw, 0, raw.length);
        if (bad >= 0) {
            throw new IllegalArgumentException("malformed IPv4 option at options byte " + bad + ": " + options
                    + " (RFC 791 section 3.1: a length octet of at least 2 that ends inside the options)");
        }
        Views.checkRange("IPv4 payload length", payloadLength, Ipv4Packet.MAX_TOTAL_LENGTH - Ipv4Packet.HEADER_LEN - options.length());
    }

    /** An unfragmented datagram without options, DSCP 0, identification 0. */
    public Ipv4Repr(Ipv4Address src, Ipv4Address dst, int protocol, int ttl, int payloadLength) {
        this(src, dst, protocol, ttl, 0, 0, 0, false, false, 0, Octets.EMPTY, payloadLength);
    }

    /** Reads a header the view validated; never fails. */
    public static Ipv4Repr parse(Ipv4Packet p) {
        return new Ipv4Repr(new Ipv4Address(p.src()), new Ipv4Address(p.dst()), p.protocol(), p.ttl(),
                p.dscp(), p.ecn(), p.identification(), p.dontFragment(), p.moreFragments(), p.fragmentOffset(),
                Octets.copyOf(p.buffer(), p.optionsOffset(), p.optionsLength()),
                p.totalLength() - p.headerLength());
    }

    public int headerLength() {
        return Ipv4Packet.HEADER_LEN + options.length();
    }

    /** The total length: header and data. */
    public int bufferLength() {
        return headerLength() + payloadLength;
    }

    public int fragmentOffsetBytes() {
        return fragmentOffset * 8;
    }

    public boolean isFragment() {
        return moreFragments || fragmentOffset != 0;
    }

    /** Writes the header, checksum included, at {@code off}; returns its length. The data is the caller's. */
    public int emit(byte[] b, int off) {
        int hl = headerLength();
        Bytes.put8(b, off + Ipv4Packet.VERSION_IHL_OFFSET, 0x40 | (hl / 4));
        Bytes.put8(b, off + Ipv4Packet.TOS_OFFSET, (dscp << 2) | ecn);
        Bytes.put16(b, off + Ipv4Packet.TOTAL_LENGTH_OFFSET, hl + payloadLength);
        Bytes.put16(b, off + Ipv4Packet.IDENTIFICATION_OFFSET, identification);
        Bytes.put16(b, off + Ipv4Packet.FLAGS_FRAGMENT_OFFSET,
                (dontFragment ? Ipv4Packet.FLAG_DF : 0) | (moreFragments ? Ipv4Packet.FLAG_MF : 0) | fragmentOffset);
        Bytes.put8(b, off + Ipv4Packet.TTL_OFFSET, ttl);
        Bytes.put8(b, off + Ipv4Packet.PROTOCOL_OFFSET, protocol);
        Bytes.put16(b, off + Ipv4Packet.CHECKSUM_OFFSET, 0);
        src.write(b, off + Ipv4Packet.SRC_OFFSET);
        dst.write(b, off + Ipv4Packet.DST_OFFSET);
        options.copyTo(b, off + Ipv4Packet.OPTIONS_OFFSET);
        Bytes.put16(b, off + Ipv4Packet.CHECKSUM_OFFSET, Checksum.internet(b, off, hl));
        return hl;
    }
}
