package dev.weir.api.wire;

/**
 * A view over an ICMP message for IPv4 (RFC 792).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   rest of header: by type                                     |
 * |     echo:            Identifier       |   Sequence Number     |
 * |     unreachable:     unused           |   Next-Hop MTU (code 4, RFC 1191)
 * |     redirect:        Gateway Internet Address                 |
 * |     param. problem:  Pointer  |  unused                       |
 * |     time exceeded:   unused                                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   data: echo data, or for errors the original datagram's      |
 * |   IP header and at least its first 8 data bytes ...           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>{@link #wrap} needs the 8-byte header (TRUNCATED) and a checksum over the whole message
 * that verifies (BAD_CHECKSUM; RFC 1122 section 3.2.2: a host discards such a message). The
 * length handed in is the message: the IP payload length. Types and codes are not judged here
 * (RFC 1122 section 3.2.2 has unknown types silently discarded by the ICMP layer, not refused
 * as malformed); {@link Icmpv4Repr#parse} gives them an {@link Icmpv4Repr.Other} form. A quoted
 * datagram can be read with {@link Ipv4Packet#wrapQuoted} at {@link #dataOffset()}.
 *
 * <p>A view is a reusable flyweight: after OK every accessor is in bounds. Setters of the
 * rest-of-header keep the checksum right by RFC 1624 update, as a NAT rewriting the echo
 * identifier needs.
 */
public final class Icmpv4Packet {
    public static final int TYPE_OFFSET = 0;
    public static final int CODE_OFFSET = 1;
    public static final int CHECKSUM_OFFSET = 2;
    /** The 4 bytes after the checksum: identifier and sequence, MTU, gateway or pointer. */
    public static final int REST_OFFSET = 4;
    public static final int IDENTIFIER_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 6;
    public static final int NEXT_HOP_MTU_OFFSET = 6;
    public static final int GATEWAY_OFFSET = 4;
    public static final int POINTER_OFFSET = 4;
    public static final int DATA_OFFSET = 8;
    public static final int HEADER_LEN = 8;

    // Types (RFC 792).
    public static final int ECHO_REPLY = 0;
    public static final int DEST_UNREACHABLE = 3;
    /** Source Quench: deprecated by RFC 6633, parsed as {@link Icmpv4Repr.Other}. */
    public static final int SOURCE_QUENCH = 4;
    public static final int REDIRECT = 5;
    public static final int ECHO_REQUEST = 8;
    public static final int TIME_EXCEEDED = 11;
    public static final int PARAMETER_PROBLEM = 12;

    // Destination Unreachable codes (RFC 792, RFC 1122 section 3.2.2.1, RFC 1812 section 5.2.7.1).
    public static final int UNREACH_NET = 0;
    public static final int UNREACH_HOST = 1;
    public static final int UNREACH_PROTOCOL = 2;
    public static final int UNREACH_PORT = 3;
    /** Fragmentation needed and DF set; the next-hop MTU rides in the header (RFC 1191). */
    public static final int UNREACH_FRAG_NEEDED = 4;
    public static final int UNREACH_SOURCE_ROUTE_FAILED = 5;
    public static final int UNREACH_NET_UNKNOWN = 6;
    public static final int UNREACH_HOST_UNKNOWN = 7;
    public static final int UNREACH_NET_PROHIBITED = 9;
    public static final int UNREACH_HOST_PROHIBITED = 10;
    /** Communication administratively prohibited (RFC 1812), what an iptables REJECT can send. */
    public static final int UNREACH_ADMIN_PROHIBITED = 13;

    // Time Exceeded codes.
    public static final int EXCEEDED_TTL = 0;
    public static final int EXCEEDED_REASSEMBLY = 1;

    // Redirect codes.
    public static final int REDIRECT_NET = 0;
    public static final int REDIRECT_HOST = 1;
    public static final int REDIRECT_TOS_NET = 2;
    public static final int REDIRECT_TOS_HOST = 3;

    // Parameter Problem codes (RFC 792, RFC 1122 section 3.2.2.5).
    public static final int PARAMPROB_POINTER = 0;
    public static final int PARAMPROB_MISSING_OPTION = 1;

    private byte[] buf;
    private int off;
    private int len;

    /** Validates an ICMP message of {@code len} bytes at {@code off}, checksum included. */
    public WireError wrap(byte[] buf, int off, int len) {
        return wrap(buf, off, len, true);
    }

    /** As {@link #wrap} without the checksum check: for a message being built in place, which {@link #fillChecksum()} completes. */
    public WireError wrapNoChecksum(byte[] buf, int off, int len) {
        return wrap(buf, off, len, false);
    }

    private WireError wrap(byte[] buf, int off, int len, boolean verify) {
        this.buf = null;
        if (Views.outside(buf, off, len) || len < HEADER_LEN) {
            return WireError.TRUNCATED;
        }
        if (verify && !Checksum.verifies(buf, off, len)) {
            return WireError.BAD_CHECKSUM;
        }
        this.buf = buf;
        this.off = off;
        this.len = len;
        return WireError.OK;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    /** The whole message's length. */
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

    /** The error types RFC 1122 section 3.2.2 names: unreachable, source quench, redirect, time exceeded, parameter problem. */
    public boolean isError() {
        int t = type();
        return t == DEST_UNREACHABLE || t == SOURCE_QUENCH || t == REDIRECT || t == TIME_EXCEEDED || t == PARAMETER_PROBLEM;
    }

    /** The 4 bytes after the checksum, as one big-endian int. */
    public int restOfHeader() {
        return Bytes.i32(buf, off + REST_OFFSET);
    }

    public int echoIdentifier() {
        return Bytes.u16(buf, off + IDENTIFIER_OFFSET);
    }

    public int echoSequence() {
        return Bytes.u16(buf, off + SEQUENCE_OFFSET);
    }

    /** The next-hop MTU of a fragmentation-needed message (RFC 1191 section 4); 0 from routers that predate it. */
    public int nextHopMtu() {
        return Bytes.u16(buf, off + NEXT_HOP_MTU_OFFSET);
    }

    /** The gateway address of a redirect. */
    public int gateway() {
        return Bytes.i32(buf, off + GATEWAY_OFFSET);
    }

    /** The octet offset of the error in the quoted header, for a parameter problem. */
    public int pointer() {
        return buf[off + POINTER_OFFSET] & 0xff;
    }

    /** Absolute offset of the data after the 8-byte header: echo data or the quoted datagram. */
    public int dataOffset() {
        return off + DATA_OFFSET;
    }

    public int dataLength() {
        return len - DATA_OFFSET;
    }

    /** True when the checksum over the message verifies now. */
    public boolean checksumValid() {
        return Checksum.verifies(buf, off, len);
    }

    private void replace16(int fieldOffset, int newWord) {
        Views.replace16(buf, off + fieldOffset, off + CHECKSUM_OFFSET, newWord);
    }

    /** Sets the type (an echo request turned into its reply in place). */
    public void setType(int type) {
        Views.checkRange("ICMP type", type, 255);
        replace16(TYPE_OFFSET, (type << 8) | code());
    }

    public void setCode(int code) {
        Views.checkRange("ICMP code", code, 255);
        replace16(TYPE_OFFSET, (type() << 8) | code);
    }

    public void setEchoIdentifier(int id) {
        Views.checkRange("ICMP echo identifier", id, 0xffff);
        replace16(IDENTIFIER_OFFSET, id);
    }

    public void setEchoSequence(int seq) {
        Views.checkRange("ICMP echo sequence", seq, 0xffff);
        replace16(SEQUENCE_OFFSET, seq);
    }

    /** Sets the 4 bytes after the checksum. */
    public void setRestOfHeader(int rest) {
        Views.replace32(buf, off + REST_OFFSET, off + CHECKSUM_OFFSET, rest);
    }

    /** Sets the checksum field as is. */
    public void setChecksum(int checksum) {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, checksum);
    }

    /** Recomputes the checksum over the whole message. */
    public void fillChecksum() {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, 0);
        Bytes.put16(buf, off + CHECKSUM_OFFSET, Checksum.internet(buf, off, len));
    }
}
