package dev.weir.api.wire;

/**
 * The parsed form of a UDP header (RFC 768), for tests, the command line and slow paths.
 *
 * @param srcPort source port
 * @param dstPort destination port
 * @param checksum checksum field as parsed (0: none, IPv4 only); {@link #emit(byte[], int)}
 *     writes it as is, {@link #emit(byte[], int, long, byte[], int)} computes it
 * @param payloadLength bytes of data; the length field is this plus 8
 */
public record UdpRepr(int srcPort, int dstPort, int checksum, int payloadLength) {
    /** Most payload a length field can describe. */
    public static final int MAX_PAYLOAD = 0xffff - UdpPacket.HEADER_LEN;

    public UdpRepr {
        check("source port", srcPort, 0xffff);
        check("destination port", dstPort, 0xffff);
        check("checksum", checksum, 0xffff);
        check("payload length", payloadLength, MAX_PAYLOAD);
    }

    /** A header with a zero checksum field. */
    public UdpRepr(int srcPort, int dstPort, int payloadLength) {
        this(srcPort, dstPort, 0, payloadLength);
    }

    /** Reads the header of a view that wrapped {@link WireError#OK}. */
    public static UdpRepr parse(UdpPacket p) {
        return new UdpRepr(p.srcPort(), p.dstPort(), p.checksum(), p.payloadLength());
    }

    public int headerLength() {
        return UdpPacket.HEADER_LEN;
    }

    /** Header and payload: the length field's value. */
    public int bufferLength() {
        return UdpPacket.HEADER_LEN + payloadLength;
    }

    /** Writes the header (checksum field as recorded) at {@code off}; returns its length. */
    public int emit(byte[] b, int off) {
        Bytes.put16(b, off + UdpPacket.SRC_PORT_OFFSET, srcPort);
        Bytes.put16(b, off + UdpPacket.DST_PORT_OFFSET, dstPort);
        Bytes.put16(b, off + UdpPacket.LENGTH_OFFSET, bufferLength());
        Bytes.put16(b, off + UdpPacket.CHECKSUM_OFFSET, checksum);
        return UdpPacket.HEADER_LEN;
    }

    /**
     * Writes the header at {@code off} and fills in the checksum over the header,
     * {@link #payloadLength()} bytes of {@code payload} at {@code payloadOff}, and
     * {@code pseudoHeaderSum}, which must count {@link #bufferLength()} as the length. A computed
     * zero is written as 0xffff (RFC 768). The payload is summed where it lies and not copied.
     * Returns the header length.
     */
    public int emit(byte[] b, int off, long pseudoHeaderSum, byte[] payload, int payloadOff) {
        emit(b, off);
        Bytes.put16(b, off + UdpPacket.CHECKSUM_OFFSET, 0);
        long s = Checksum.add(pseudoHeaderSum, b, off, UdpPacket.HEADER_LEN);
        s = Checksum.add(s, payload, payloadOff, payloadLength);
        Bytes.put16(b, off + UdpPacket.CHECKSUM_OFFSET, UdpPacket.nonZero(Checksum.finish(s)));
        return UdpPacket.HEADER_LEN;
    }

    private static void check(String what, int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException("UDP " + what + " must be 0.." + max + ", got " + v);
        }
    }
}
