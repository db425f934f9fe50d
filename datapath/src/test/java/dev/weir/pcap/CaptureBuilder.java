package dev.weir.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds capture files byte by byte, in either byte order, for tests: big-endian files (which
 * Weir never writes), the block types Weir does not write (SPB, the obsolete PB, NRB, ISB,
 * custom), and broken files. Written from the drafts' layouts independently of the writers, so
 * that a reader test does not just check the writer against itself.
 */
final class CaptureBuilder {
    private final ByteOrder order;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private CaptureBuilder(ByteOrder order) {
        this.order = order;
    }

    /** A pcapng file in {@code order}, empty until {@link #shb} is called. */
    static CaptureBuilder pcapng(ByteOrder order) {
        return new CaptureBuilder(order);
    }

    /** A classic pcap file in {@code order}: the 24-byte header written, records to follow. */
    static CaptureBuilder pcap(ByteOrder order, boolean nanos, int snaplen, int linkTypeWord) {
        CaptureBuilder b = new CaptureBuilder(order);
        b.out.writeBytes(b.buffer(24)
                .putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4)
                .putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0)
                .putInt(snaplen).putInt(linkTypeWord)
                .array());
        return b;
    }

    /** A pcap record. */
    CaptureBuilder record(long seconds, long fraction, byte[] data, int origLen) {
        out.writeBytes(buffer(16).putInt((int) seconds).putInt((int) fraction)
                .putInt(data.length).putInt(origLen).array());
        out.writeBytes(data);
        return this;
    }

    /** A Section Header Block, version 1.0, section length -1 (unknown). */
    CaptureBuilder shb(byte[]... options) {
        return shb(1, 0, options);
    }

    CaptureBuilder shb(int major, int minor, byte[]... options) {
        ByteBuffer body = buffer(16).putInt(0x1A2B3C4D).putShort((short) major).putShort((short) minor).putLong(-1L);
        return block(0x0A0D0D0A, concat(body.array(), options));
    }

    /** An Interface Description Block. */
    CaptureBuilder idb(int linkType, int snaplen, byte[]... options) {
        ByteBuffer body = buffer(8).putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        return block(1, concat(body.array(), options));
    }

    /** An Enhanced Packet Block; {@code units} in the interface's resolution. */
    CaptureBuilder epb(int iface, long units, byte[] data, int origLen, byte[]... options) {
        ByteBuffer head = buffer(20).putInt(iface).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(data.length).putInt(origLen);
        return block(6, concat(concat(head.array(), padded(data)), options));
    }

    /** An obsolete Packet Block (type 2): 16-bit interface ID and drops count. */
    CaptureBuilder pb(int iface, int drops, long units, byte[] data, int origLen, byte[]... options) {
        ByteBuffer head = buffer(20).putShort((short) iface).putShort((short) drops)
                .putInt((int) (units >>> 32)).putInt((int) units).putInt(data.length).putInt(origLen);
        return block(2, concat(concat(head.array(), padded(data)), options));
    }

    /** A Simple Packet Block carrying {@code data} (padded). */
    CaptureBuilder spb(int origLen, byte[] data) {
        return block(3, concat(buffer(4).putInt(origLen).array(), padded(data)));
    }

    /** Any block: type, length, {@code body} padded to 32 bits, length. */
    CaptureBuilder block(int type, byte[] body) {
        byte[] b = padded(body);
        int length = b.length + 12;
        out.writeBytes(buffer(8).putInt(type).putInt(length).array());
        out.writeBytes(b);
        out.writeBytes(buffer(4).putInt(length).array());
        return this;
    }

    /** Raw bytes, for framing no block method will produce. */
    CaptureBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Four bytes holding {@code v} in this file's byte order. */
    byte[] int32(int v) {
        return buffer(4).putInt(v).array();
    }

    /** An option: code, length, value padded to 32 bits. */
    byte[] opt(int code, byte[] value) {
        return concat(buffer(4).putShort((short) code).putShort((short) value.length).array(), padded(value));
    }

    byte[] opt(int code, String value) {
        return opt(code, value.getBytes(StandardCharsets.UTF_8));
    }

    byte[] optInt(int code, int value) {
        return opt(code, int32(value));
    }

    byte[] optLong(int code, long value) {
        return opt(code, buffer(8).putLong(value).array());
    }

    byte[] endOfOptions() {
        return new byte[4];
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private ByteBuffer buffer(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    private static byte[] padded(byte[] b) {
        byte[] p = new byte[(b.length + 3) & ~3];
        System.arraycopy(b, 0, p, 0, b.length);
        return p;
    }

    private static byte[] concat(byte[] first, byte[]... rest) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(first);
        for (byte[] r : rest) {
            o.writeBytes(r);
        }
        return o.toByteArray();
    }
}
