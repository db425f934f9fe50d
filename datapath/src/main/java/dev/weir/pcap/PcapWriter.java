package dev.weir.pcap;

import static dev.weir.pcap.Pcap.*;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes classic pcap (layout in {@link Pcap}): little-endian, nanosecond magic
 * ({@code a1b23c4d}), version 2.4, one link type for the whole file. For tools that do not read
 * pcapng; {@link PcapngWriter} is Weir's usual output. Deterministic and allocation-free per
 * packet, as {@link PcapngWriter} is.
 */
public final class PcapWriter implements Closeable, Flushable {
    /** tcpdump's default snap length, the largest libpcap accepts for most link types. */
    public static final int DEFAULT_SNAPLEN = 262_144;
    private static final long MAX_TIMESTAMP_NANOS = (1L << 32) * 1_000_000_000L - 1;

    private final OutputStream out;
    private final int snaplen;
    private final byte[] scratch = new byte[HEADER_LENGTH];
    private long packets;
    private boolean closed;

    /** An Ethernet capture with tcpdump's default snap length. */
    public PcapWriter(OutputStream out) throws IOException {
        this(out, LinkType.ETHERNET, DEFAULT_SNAPLEN);
    }

    /**
     * Writes the file header to {@code out} (buffered here; closed by {@link #close}).
     *
     * @param snaplen the most bytes kept of each packet, at least 1
     */
    public PcapWriter(OutputStream out, int linkType, int snaplen) throws IOException {
        if (linkType < 0 || linkType > LINKTYPE_MASK) {
            throw new IllegalArgumentException("link type " + linkType + " is outside 0..65535");
        }
        if (snaplen <= 0) {
            throw new IllegalArgumentException("snaplen " + snaplen + " is not positive");
        }
        this.out = new BufferedOutputStream(Objects.requireNonNull(out, "out"), 64 << 10);
        this.snaplen = snaplen;
        Endian.put32(scratch, 0, MAGIC_NANOS);
        Endian.put16(scratch, MAJOR_OFFSET, VERSION_MAJOR);
        Endian.put16(scratch, MINOR_OFFSET, VERSION_MINOR);
        Endian.put32(scratch, 8, 0);
        Endian.put32(scratch, 12, 0);
        Endian.put32(scratch, SNAPLEN_OFFSET, snaplen);
        Endian.put32(scratch, LINKTYPE_OFFSET, linkType);
        this.out.write(scratch, 0, HEADER_LENGTH);
    }

    /** An Ethernet capture on a new file at {@code file} (replacing any). */
    public static PcapWriter create(Path file) throws IOException {
        return CaptureOutput.create(file, PcapWriter::new);
    }

    /**
     * Writes one record: {@code buf[off, off + len)} cut to the snap length.
     *
     * @param tsNanos nanoseconds since the epoch, from 0 to the pcap limit (year 2106)
     * @param origLen the packet's length on the wire, at least {@code len}
     */
    public void write(long tsNanos, byte[] buf, int off, int len, int origLen) throws IOException {
        if (closed) {
            throw new IllegalStateException("pcap writer is closed");
        }
        if (tsNanos < 0 || tsNanos > MAX_TIMESTAMP_NANOS) {
            throw new IllegalArgumentException("timestamp " + tsNanos + " ns is outside what pcap's 32-bit seconds hold");
        }
        Objects.checkFromIndexSize(off, len, buf.length);
        if (origLen < len) {
            throw new IllegalArgumentException("original length " + origLen + " is below the " + len + " bytes given");
        }
        int caplen = Math.min(len, snaplen);
        Endian.put32(scratch, TS_SEC_OFFSET, (int) (tsNanos / 1_000_000_000L));
        Endian.put32(scratch, TS_FRAC_OFFSET, (int) (tsNanos % 1_000_000_000L));
        Endian.put32(scratch, CAPLEN_OFFSET, caplen);
        Endian.put32(scratch, ORIGLEN_OFFSET, origLen);
        out.write(scratch, 0, RECORD_HEADER_LENGTH);
        out.write(buf, off, caplen);
        packets++;
    }

    /** How many packets have been written. */
    public long packetsWritten() {
        return packets;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes and closes the underlying stream. Closing twice does nothing. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
