package dev.weir.api.wire;

/**
 * The parsed form of an IPv6 Fragment header (RFC 8200 section 4.5). The reserved fields are
 * not kept; emit writes them zero, as RFC 8200 has senders do.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Identification                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param nextHeader the protocol of the fragmentable part
 * @param fragmentOffset in units of 8 octets, 0..8191
 * @param moreFragments the M flag
 * @param identification the 32-bit identification, as a Java int
 */
public record Ipv6FragmentHeader(int nextHeader, int fragmentOffset, boolean moreFragments, int identification)
        implements Ipv6ExtHeader {
    public static final int LEN = 8;
    public static final int OFFSET_FLAGS_OFFSET = 2;
    public static final int IDENTIFICATION_OFFSET = 4;

    public Ipv6FragmentHeader {
        Views.checkRange("IPv6 fragment header next header", nextHeader, 255);
        Views.checkRange("IPv6 fragment offset (units of 8 octets)", fragmentOffset, 8191);
    }

    static Ipv6FragmentHeader read(byte[] b, int off) {
        int w = Bytes.u16(b, off + OFFSET_FLAGS_OFFSET);
        return new Ipv6FragmentHeader(b[off] & 0xff, w >>> 3, (w & 1) != 0, Bytes.i32(b, off + IDENTIFICATION_OFFSET));
    }

    public int fragmentOffsetBytes() {
        return fragmentOffset * 8;
    }

    /** False for an atomic fragment (offset 0, M clear: RFC 6946), which is a whole packet. */
    public boolean isFragment() {
        return moreFragments || fragmentOffset != 0;
    }

    @Override
    public int protocol() {
        return IpProtocol.FRAGMENT;
    }

    @Override
    public int headerLength() {
        return LEN;
    }

    @Override
    public int emit(byte[] b, int off) {
        b[off] = (byte) nextHeader;
        b[off + 1] = 0;
        Bytes.put16(b, off + OFFSET_FLAGS_OFFSET, (fragmentOffset << 3) | (moreFragments ? 1 : 0));
        Bytes.put32(b, off + IDENTIFICATION_OFFSET, identification);
        return LEN;
    }
}
