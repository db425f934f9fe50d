package dev.weir.pcap;

import dev.weir.api.wire.Bytes;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a capture file, classic pcap or pcapng, told apart by its first four bytes, one packet
 * at a time:
 *
 * <pre>{@code
 * try (CaptureReader r = CaptureReader.open(path)) {
 *     for (CapturedPacket p; (p = r.next()) != null; ) { ... }
 * }
 * }</pre>
 *
 * <p><b>Malformed input.</b> A reader throws {@link CaptureFormatException} for any bytes that do
 * not form a valid file, naming the block or record, its byte offset and what is wrong, and no
 * other exception for bad bytes (a property test feeds random and mutated files to check that).
 * It stops there: the packets already returned stand. It allocates in proportion to the bytes it
 * actually reads, never to a length field, and always advances, so a hostile file can neither
 * exhaust memory nor make it loop.
 *
 * <p>Not thread-safe.
 */
public abstract sealed class CaptureReader implements Closeable permits PcapReader, PcapngReader {
    /** The two file formats. */
    public enum Format {
        /** Classic libpcap format (draft-ietf-opsawg-pcap), microsecond or nanosecond. */
        PCAP,
        /** PCAP Next Generation (draft-ietf-opsawg-pcapng). */
        PCAPNG
    }

    final CaptureInput in;
    /** Set by the subclass from the file (pcap) or the current section (pcapng) header. */
    boolean bigEndian;
    int versionMajor;
    int versionMinor;
    private CaptureFormatException failure;

    CaptureReader(CaptureInput in) {
        this.in = in;
    }

    /** Opens {@code file}, detecting its format. The message of any error starts with the path. */
    public static CaptureReader open(Path file) throws IOException {
        InputStream s = Files.newInputStream(file);
        try {
            return open(s, file.toString());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Reads a capture from {@code in}, detecting its format; {@code source} names it in error
     * messages. The reader buffers the stream and closes it when closed.
     */
    public static CaptureReader open(InputStream in, String source) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 64 << 10);
        b.mark(4);
        byte[] head = b.readNBytes(4);
        b.reset();
        CaptureInput input = new CaptureInput(b, source);
        if (head.length < 4) {
            throw new CaptureFormatException(source, "file header", 0, head.length == 0
                    ? "empty file: no pcap or pcapng header"
                    : "file ends after " + head.length + " bytes, inside the 4-byte magic number", true);
        }
        int magic = Bytes.i32(head, 0);
        if (magic == Pcapng.SHB_TYPE) {
            return new PcapngReader(input);
        }
        if (PcapReader.isMagic(magic)) {
            return new PcapReader(input);
        }
        String problem = switch (magic) {
            case 0xa1b2cd34, 0x34cdb2a1 -> "modified (Kuznetzov) pcap format is not supported";
            default -> String.format("not a pcap or pcapng file: magic number 0x%08x", magic);
        };
        throw new CaptureFormatException(source, "file header", 0, problem, false);
    }

    /** Every packet of {@code file}, in file order. */
    public static List<CapturedPacket> readAll(Path file) throws IOException {
        try (CaptureReader r = open(file)) {
            return r.readAll();
        }
    }

    /** Every remaining packet, in file order. */
    public List<CapturedPacket> readAll() throws IOException {
        List<CapturedPacket> out = new ArrayList<>();
        for (CapturedPacket p; (p = next()) != null; ) {
            out.add(p);
        }
        return out;
    }

    /**
     * The next packet, or null at the end of the file. Blocks that carry no packet (interface
     * descriptions, statistics, name resolution, custom blocks) are read and skipped.
     *
     * @throws CaptureFormatException the next block or record is malformed or cut short; the
     *     reader stays failed and every later call throws the same exception
     */
    public final CapturedPacket next() throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            return read();
        } catch (CaptureFormatException e) {
            failure = e;
            throw e;
        }
    }

    /** {@link #next()} without the sticky failure. */
    abstract CapturedPacket read() throws IOException;

    /** Which of the two formats the file is in. */
    public abstract Format format();

    /** The byte order of the file (pcapng: of the current section, which may differ from the last). */
    public ByteOrder byteOrder() {
        return bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** The format's major version in the file (pcap: 2; pcapng: 1, of the current section). */
    public int versionMajor() {
        return versionMajor;
    }

    public int versionMinor() {
        return versionMinor;
    }

    /** The name given for the file in error messages. */
    public String source() {
        return in.source();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
