package dev.weir.api.wire;

/**
 * A view over an ICMPv6 message (RFC 4443), Neighbor Discovery messages included (RFC 4861).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  by type:                                                     |
 * |  echo (128, 129):     Identifier    |    Sequence Number      |
 * |  packet too big (2):  MTU                                     |
 * |  param. problem (4):  Pointer                                 |
 * |  unreachable (1), time exceeded (3): unused                   |
 * |  RS (133):            reserved                                |
 * |  RA (134):   Cur Hop Limit |M|O| rsvd |   Router Lifetime     |
 * |              Reachable Time (32) | Retrans Timer (32)         |
 * |  NS (135):            reserved        | Target Address (16)   |
 * |  NA (136):   |R|S|O| reserved         | Target Address (16)   |
 * |  Redirect (137):      reserved | Target (16) | Destination (16)|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  echo data, the invoking packet (errors), or NDP options ...  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The checksum covers the IPv6 pseudo-header (RFC 8200 section 8.1: source, destination,
 * upper-layer length, next header 58) and the whole message, so {@link #wrap} takes the
 * addresses. {@link #wrap} checks, in order:
 * <ol>
 *   <li>at least the 8-byte header, else TRUNCATED (as Linux's {@code icmpv6_rcv});
 *   <li>the checksum verifies, else BAD_CHECKSUM (RFC 4443 section 2.4 (a)), not by {@link #wrapNoChecksum};
 *   <li>for the Neighbor Discovery messages 133..137, the checks of RFC 4861 sections 6.1.1,
 *       6.1.2, 7.1.1, 7.1.2 and 8.1 that need no IP header: code 0, else BAD_FIELD; the fixed
 *       part present (8, 16, 24, 24, 40 bytes), else TRUNCATED; a Target Address (NS, NA) or
 *       Destination Address (redirect) that is not multicast, and a redirect Target that is
 *       link-local or equal to the Destination, else BAD_ADDRESS; every option of non-zero
 *       length (section 4.6) and inside the message, else BAD_OPTION.
 * </ol>
 * What needs the IP header (hop limit 255, a solicitation from the unspecified address carrying
 * no source link-layer address option, a redirect from a link-local source) is the neighbor
 * stage's to check. Other types are not judged; they parse as {@link Icmpv6Repr.Other}.
 *
 * <p>A view is a reusable flyweight: after OK every accessor is in bounds. Link-layer address
 * and MTU options of an NDP message are found during wrap (the first of each, as Linux's
 * {@code ndisc_parse_options} keeps) and read without allocation.
 */
public final class Icmpv6Packet {
    public static final int TYPE_OFFSET = 0;
    public static final int CODE_OFFSET = 1;
    public static final int CHECKSUM_OFFSET = 2;
    public static final int IDENTIFIER_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 6;
    public static final int MTU_OFFSET = 4;
    public static final int POINTER_OFFSET = 4;
    /** Where echo data and the invoking packet of an error start. */
    public static final int DATA_OFFSET = 8;
    public static final int HEADER_LEN = 8;

    public static final int RA_CUR_HOP_LIMIT_OFFSET = 4;
    public static final int RA_FLAGS_OFFSET = 5;
    public static final int RA_ROUTER_LIFETIME_OFFSET = 6;
    public static final int RA_REACHABLE_TIME_OFFSET = 8;
    public static final int RA_RETRANS_TIMER_OFFSET = 12;
    public static final int NA_FLAGS_OFFSET = 4;
    /** Target Address of NS, NA and redirect. */
    public static final int TARGET_OFFSET = 8;
    /** Destination Address of a redirect. */
    public static final int REDIRECT_DESTINATION_OFFSET = 24;

    // Types (RFC 4443 section 2.1, RFC 4861 section 4, RFC 3810).
    public static final int DEST_UNREACHABLE = 1;
    public static final int PACKET_TOO_BIG = 2;
    public static final int TIME_EXCEEDED = 3;
    public static final int PARAMETER_PROBLEM = 4;
    public static final int ECHO_REQUEST = 128;
    public static final int ECHO_REPLY = 129;
    public static final int MLD_QUERY = 130;
    public static final int MLD_REPORT = 131;
    public static final int MLD_DONE = 132;
    public static final int ROUTER_SOLICITATION = 133;
    public static final int ROUTER_ADVERTISEMENT = 134;
    public static final int NEIGHBOR_SOLICITATION = 135;
    public static final int NEIGHBOR_ADVERTISEMENT = 136;
    public static final int REDIRECT = 137;
    public static final int MLDV2_REPORT = 143;

    // Destination Unreachable codes (RFC 4443 section 3.1).
    public static final int UNREACH_NO_ROUTE = 0;
    public static final int UNREACH_ADMIN_PROHIBITED = 1;
    public static final int UNREACH_BEYOND_SCOPE = 2;
    public static final int UNREACH_ADDRESS = 3;
    public static final int UNREACH_PORT = 4;
    public static final int UNREACH_SOURCE_POLICY = 5;
    public static final int UNREACH_REJECT_ROUTE = 6;

    // Time Exceeded codes (RFC 4443 section 3.3).
    public static final int EXCEEDED_HOP_LIMIT = 0;
    public static final int EXCEEDED_REASSEMBLY = 1;

    // Parameter Problem codes (RFC 4443 section 3.4).
    public static final int PARAMPROB_HEADER_FIELD = 0;
    public static final int PARAMPROB_UNKNOWN_NEXT_HEADER = 1;
    public static final int PARAMPROB_UNKNOWN_OPTION = 2;

    /** Router advertisement flags (RFC 4861 section 4.2). */
    public static final int RA_FLAG_MANAGED = 0x80;
    public static final int RA_FLAG_OTHER = 0x40;
    /** Neighbor advertisement flags (RFC 4861 section 4.4), in the first octet after the checksum. */
    public static final int NA_FLAG_ROUTER = 0x80;
    public static final int NA_FLAG_SOLICITED = 0x40;
    public static final int NA_FLAG_OVERRIDE = 0x20;

    private byte[] buf;
    private int off;
    private int len;
    private int optionsAt;
    private int slla;
    private int tlla;
    private int mtuOpt;

    /**
     * Validates an ICMPv6 message of {@code len} bytes at {@code off}, checksum included, sent from
     * {@code src} to {@code dst} (each as high and low 8 bytes). On anything but OK the view must
     * not be read.
     */
    public WireError wrap(byte[] buf, int off, int len, long srcHi, long srcLo, long dstHi, long dstLo) {
        this.buf = null;
        if (Views.outside(buf, off, len) || len < HEADER_LEN) {
            return WireError.TRUNCATED;
        }
        long sum = Checksum.pseudoHeaderV6(srcHi, srcLo, dstHi, dstLo, IpProtocol.ICMPV6, len);
        if (Checksum.fold(Checksum.add(sum, buf, off, len)) != 0xffff) {
            return WireError.BAD_CHECKSUM;
        }
        return check(buf, off, len);
    }

    /**
     * As {@link #wrap} without the checksum: for a message being built in place, which
     * {@link #fillChecksum} completes, or one whose checksum a NIC verified.
     */
    public WireError wrapNoChecksum(byte[] buf, int off, int len) {
        this.buf = null;
        if (Views.outside(buf, off, len) || len < HEADER_LEN) {
            return WireError.TRUNCATED;
        }
        return check(buf, off, len);
    }

    private WireError check(byte[] buf, int off, int len) {
        int type = buf[off] & 0xff;
        int fixed = ndpFixedLength(type);
        slla = tlla = mtuOpt = -1;
        optionsAt = off + len;
        if (fixed > 0) {
            if (buf[off + CODE_OFFSET] != 0) {
                return WireError.BAD_FIELD;
            }
            if (len < fixed) {
                return WireError.TRUNCATED;
            }
            if (type == NEIGHBOR_SOLICITATION || type == NEIGHBOR_ADVERTISEMENT || type == REDIRECT) {
                long targetHi = Bytes.i64(buf, off + TARGET_OFFSET);
                if ((targetHi >>> 56) == 0xff) {
                    return WireError.BAD_ADDRESS;
                }
                if (type == REDIRECT) {
                    long destHi = Bytes.i64(buf, off + REDIRECT_DESTINATION_OFFSET);
                    long destLo = Bytes.i64(buf, off + REDIRECT_DESTINATION_OFFSET + 8);
                    boolean linkLocal = (targetHi >>> 54) == (0xfe80L >>> 6);
                    boolean same = targetHi == destHi && Bytes.i64(buf, off + TARGET_OFFSET + 8) == destLo;
                    if ((destHi >>> 56) == 0xff || !(linkLocal || same)) {
                        return WireError.BAD_ADDRESS;
                    }
                }
            }
            WireError e = walkOptions(buf, off + fixed, off + len);
            if (e != WireError.OK) {
                return e;
            }
            optionsAt = off + fixed;
        }
        this.buf = buf;
        this.off = off;
        this.len = len;
        return WireError.OK;
    }

    /** The fixed part of an NDP message before its options, or 0 for other types. */
    private static int ndpFixedLength(int type) {
        return switch (type) {
            case ROUTER_SOLICITATION -> 8;
            case ROUTER_ADVERTISEMENT -> 16;
            case NEIGHBOR_SOLICITATION, NEIGHBOR_ADVERTISEMENT -> 24;
            case REDIRECT -> 40;
            default -> 0;
        };
    }

    private WireError walkOptions(byte[] b, int p, int end) {
        while (p < end) {
            if (end - p < 2) {
                return WireError.BAD_OPTION;
            }
            int n = (b[p + 1] & 0xff) * 8;
            if (n == 0 || n > end - p) {
                return WireError.BAD_OPTION;
            }
            int type = b[p] & 0xff;
            if (n == 8) {
                if (type == NdpOption.SOURCE_LINK_LAYER_ADDRESS && slla < 0) {
                    slla = p;
                } else if (type == NdpOption.TARGET_LINK_LAYER_ADDRESS && tlla < 0) {
                    tlla = p;
                } else if (type == NdpOption.MTU && mtuOpt < 0) {
                    mtuOpt = p;
                }
            }
            p += n;
        }
        return WireError.OK;
    }

    /** The pseudo-header sum and the message sum folded: 0xffff when the checksum is right for these addresses. */
    public boolean verifyChecksum(long srcHi, long srcLo, long dstHi, long dstLo) {
        long sum = Checksum.pseudoHeaderV6(srcHi, srcLo, dstHi, dstLo, IpProtocol.ICMPV6, len);
        return Checksum.fold(Checksum.add(sum, buf, off, len)) == 0xffff;
    }

    /** Computes and writes the checksum for a message sent from {@code src} to {@code dst}. */
    public void fillChecksum(long srcHi, long srcLo, long dstHi, long dstLo) {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, 0);
        long sum = Checksum.pseudoHeaderV6(srcHi, srcLo, dstHi, dstLo, IpProtocol.ICMPV6, len);
        Bytes.put16(buf, off + CHECKSUM_OFFSET, Checksum.finish(Checksum.add(sum, buf, off, len)));
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    public int length() {
        return len;
    }

    public int type() {
        return buf[off] & 0xff;
    }

    public int code() {
        return buf[off + CODE_OFFSET] & 0xff;
    }

    public int checksum() {
        return Bytes.u16(buf, off + CHECKSUM_OFFSET);
    }

    /** Error messages have types 0..127 (RFC 4443 section 2.1). */
    public boolean isError() {
        return type() < 128;
    }

    /** One of the five Neighbor Discovery messages, 133..137. */
    public boolean isNdp() {
        return ndpFixedLength(type()) > 0;
    }

    /** The 4 bytes after the checksum, as one big-endian int. */
    public int restOfHeader() {
        return Bytes.i32(buf, off + 4);
    }

    public int echoIdentifier() {
        return Bytes.u16(buf, off + IDENTIFIER_OFFSET);
    }

    public int echoSequence() {
        return Bytes.u16(buf, off + SEQUENCE_OFFSET);
    }

    /** The MTU of a packet too big message. */
    public long mtu() {
        return Bytes.u32L(buf, off + MTU_OFFSET);
    }

    /** The octet offset of the error in the invoking packet, for a parameter problem. */
    public long pointer() {
        return Bytes.u32L(buf, off + POINTER_OFFSET);
    }

    /** Absolute offset of what follows the 8-byte header: echo data, the invoking packet of an error. */
    public int dataOffset() {
        return off + DATA_OFFSET;
    }

    public int dataLength() {
        return len - DATA_OFFSET;
    }

    public int raCurHopLimit() {
        return buf[off + RA_CUR_HOP_LIMIT_OFFSET] & 0xff;
    }

    /** The router advertisement's flags octet: M 0x80, O 0x40, and others raw. */
    public int raFlags() {
        return buf[off + RA_FLAGS_OFFSET] & 0xff;
    }

    /** Seconds; 0 means not a default router. */
    public int raRouterLifetime() {
        return Bytes.u16(buf, off + RA_ROUTER_LIFETIME_OFFSET);
    }

    /** Milliseconds; 0 means unspecified. */
    public long raReachableTime() {
        return Bytes.u32L(buf, off + RA_REACHABLE_TIME_OFFSET);
    }

    /** Milliseconds; 0 means unspecified. */
    public long raRetransTimer() {
        return Bytes.u32L(buf, off + RA_RETRANS_TIMER_OFFSET);
    }

    /** The neighbor advertisement's flags octet: R 0x80, S 0x40, O 0x20. */
    public int naFlags() {
        return buf[off + NA_FLAGS_OFFSET] & 0xff;
    }

    public boolean naRouter() {
        return (naFlags() & NA_FLAG_ROUTER) != 0;
    }

    public boolean naSolicited() {
        return (naFlags() & NA_FLAG_SOLICITED) != 0;
    }

    public boolean naOverride() {
        return (naFlags() & NA_FLAG_OVERRIDE) != 0;
    }

    /** Target Address (NS, NA, redirect), high 8 bytes. */
    public long targetHi() {
        return Bytes.i64(buf, off + TARGET_OFFSET);
    }

    public long targetLo() {
        return Bytes.i64(buf, off + TARGET_OFFSET + 8);
    }

    /** Destination Address of a redirect, high 8 bytes. */
    public long redirectDestinationHi() {
        return Bytes.i64(buf, off + REDIRECT_DESTINATION_OFFSET);
    }

    public long redirectDestinationLo() {
        return Bytes.i64(buf, off + REDIRECT_DESTINATION_OFFSET + 8);
    }

    /** Absolute offset of an NDP message's options (the message end for other types). */
    public int ndpOptionsOffset() {
        return optionsAt;
    }

    public int ndpOptionsLength() {
        return off + len - optionsAt;
    }

    /** The first 8-octet Source Link-Layer Address option's MAC, or -1. */
    public long sourceLinkLayerAddress() {
        return slla < 0 ? -1 : Bytes.u48(buf, slla + 2);
    }

    /** The first 8-octet Target Link-Layer Address option's MAC, or -1. */
    public long targetLinkLayerAddress() {
        return tlla < 0 ? -1 : Bytes.u48(buf, tlla + 2);
    }

    /** The first MTU option's value, or -1. */
    public long mtuOption() {
        return mtuOpt < 0 ? -1 : Bytes.u32L(buf, mtuOpt + 4);
    }

    private void replace16(int fieldOffset, int newWord) {
        Views.replace16(buf, off + fieldOffset, off + CHECKSUM_OFFSET, newWord);
    }

    /** Sets the type (an echo request turned into its reply in place), keeping the checksum right (RFC 1624). */
    public void setType(int type) {
        Views.checkRange("ICMPv6 type", type, 255);
        replace16(TYPE_OFFSET, (type << 8) | code());
    }

    public void setCode(int code) {
        Views.checkRange("ICMPv6 code", code, 255);
        replace16(TYPE_OFFSET, (type() << 8) | code);
    }

    /** Sets the echo identifier, keeping the checksum right (RFC 1624), as a NAT66 rewriting it must. */
    public void setEchoIdentifier(int id) {
        Views.checkRange("ICMPv6 echo identifier", id, 0xffff);
        replace16(IDENTIFIER_OFFSET, id);
    }

    public void setEchoSequence(int seq) {
        Views.checkRange("ICMPv6 echo sequence", seq, 0xffff);
        replace16(SEQUENCE_OFFSET, seq);
    }

    /** Sets the checksum field as is (after {@link Checksum#update128} for a rewritten address). */
    public void setChecksum(int checksum) {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, checksum);
    }
}
