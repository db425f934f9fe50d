package dev.weir.pcap;

import static dev.weir.pcap.Pcapng.*;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes pcapng (layout in {@link Pcapng}), little-endian, one section: a Section Header Block
 * with {@code shb_userappl} "Weir", one Interface Description Block per capture point
 * ({@code if_name}, {@code if_tsresol} 9: nanoseconds), and an Enhanced Packet Block per packet
 * with {@code epb_flags} (direction, reception type) and {@code opt_comment} when given.
 *
 * <p><b>Deterministic.</b> The output depends only on the calls made: no wall clock, host name
 * or OS string is written unless passed in, so a simulation with the same seed writes the same
 * bytes.
 *
 * <p><b>Cheap per packet.</b> {@link #write} copies the packet into a buffered stream from the
 * caller's array and builds block header and options in a reused scratch array; with a null or
 * ASCII comment it allocates nothing. Nothing reaches the underlying stream before the buffer
 * fills or {@link #flush}/{@link #close} is called.
 *
 * <p>Arguments a caller gets wrong (an interface never added, lengths out of range) are
 * {@link IllegalArgumentException}s; failures of the stream are {@link IOException}s. Not
 * thread-safe.
 */
public final class PcapngWriter implements Closeable, Flushable {
    /** What {@code shb_userappl} says. */
    public static final String USER_APPLICATION = "Weir";
    /** Nanosecond timestamps (if_tsresol = 9). */
    private static final int TSRESOL_NANOS = 9;
    private static final int MAX_OPTION_LENGTH = 0xffff;
    private static final byte[] ZEROS = new byte[4];

    private final OutputStream out;
    private byte[] scratch = new byte[256];
    private int[] snaplens = new int[4];
    private int interfaceCount;
    private long packets;
    private boolean closed;

    /** Starts a section on {@code out} with no hardware or OS description. */
    public PcapngWriter(OutputStream out) throws IOException {
        this(out, null, null);
    }

    /**
     * Starts a section on {@code out} (buffered here; closed by {@link #close}).
     *
     * @param hardware {@code shb_hardware}, or null to leave it out
     * @param os {@code shb_os}, or null to leave it out
     */
    public PcapngWriter(OutputStream out, String hardware, String os) throws IOException {
        this.out = new BufferedOutputStream(Objects.requireNonNull(out, "out"), 64 << 10);
        int p = SHB_OPTIONS_OFFSET;
        p = putStringOption(p, SHB_HARDWARE, hardware);
        p = putStringOption(p, SHB_OS, os);
        p = putStringOption(p, SHB_USERAPPL, USER_APPLICATION);
        p = putEndOfOptions(p);
        int length = p + 4;
        Endian.put32(scratch, TYPE_OFFSET, SHB_TYPE);
        Endian.put32(scratch, LENGTH_OFFSET, length);
        Endian.put32(scratch, SHB_BOM_OFFSET, BYTE_ORDER_MAGIC);
        Endian.put16(scratch, SHB_MAJOR_OFFSET, VERSION_MAJOR);
        Endian.put16(scratch, SHB_MINOR_OFFSET, VERSION_MINOR);
        Endian.put64(scratch, SHB_SECTION_LENGTH_OFFSET, -1L);  // unknown: the section is written as a stream
        Endian.put32(scratch, p, length);
        this.out.write(scratch, 0, length);
    }

    /** A writer on a new file at {@code file} (replacing any). */
    public static PcapngWriter create(Path file) throws IOException {
        return CaptureOutput.create(file, PcapngWriter::new);
    }

    /**
     * Describes a capture point; returns its interface ID (0, 1, 2... in call order) for
     * {@link #write}.
     *
     * @param name {@code if_name}, e.g. "client:eth0" (host and device)
     * @param linkType the link-layer header of its packets ({@link LinkType#ETHERNET})
     * @param snaplen the most bytes kept of each packet; 0 for no limit
     */
    public int addInterface(String name, int linkType, int snaplen) throws IOException {
        checkOpen();
        Objects.requireNonNull(name, "name");
        if (linkType < 0 || linkType > 0xffff) {
            throw new IllegalArgumentException("link type " + linkType + " is outside 0..65535");
        }
        if (snaplen < 0) {
            throw new IllegalArgumentException("snaplen " + snaplen + " is negative");
        }
        int p = IDB_OPTIONS_OFFSET;
        p = putStringOption(p, IF_NAME, name);
        p = putOptionHeader(p, IF_TSRESOL, 1);
        scratch[p] = TSRESOL_NANOS;
        scratch[p + 1] = 0;
        scratch[p + 2] = 0;
        scratch[p + 3] = 0;
        p = putEndOfOptions(p + 4);
        int length = p + 4;
        Endian.put32(scratch, TYPE_OFFSET, IDB_TYPE);
        Endian.put32(scratch, LENGTH_OFFSET, length);
        Endian.put16(scratch, IDB_LINKTYPE_OFFSET, linkType);
        Endian.put16(scratch, IDB_RESERVED_OFFSET, 0);
        Endian.put32(scratch, IDB_SNAPLEN_OFFSET, snaplen);
        Endian.put32(scratch, p, length);
        out.write(scratch, 0, length);
        if (interfaceCount == snaplens.length) {
            snaplens = Arrays.copyOf(snaplens, interfaceCount * 2);
        }
        snaplens[interfaceCount] = snaplen;
        return interfaceCount++;
    }

    /**
     * Writes one packet with no reception type.
     *
     * @see #write(int, long, byte[], int, int, int, int, int, String)
     */
    public void write(int iface, long tsNanos, byte[] buf, int off, int len, int origLen, int direction,
            String commentOrNull) throws IOException {
        write(iface, tsNanos, buf, off, len, origLen, direction, CapturedPacket.RECEPTION_UNSPECIFIED, commentOrNull);
    }

    /**
     * Writes one packet as an Enhanced Packet Block: {@code buf[off, off + len)}, cut to the
     * interface's snap length.
     *
     * @param iface an ID {@link #addInterface} returned
     * @param tsNanos nanoseconds since the epoch (virtual time in a simulation), not negative
     * @param origLen the packet's length on the wire, at least {@code len}
     * @param direction {@link CapturedPacket#DIRECTION_UNKNOWN}, {@code _INBOUND} or {@code _OUTBOUND}
     * @param receptionType {@link CapturedPacket#RECEPTION_UNSPECIFIED} ... {@code _PROMISCUOUS}
     * @param commentOrNull {@code opt_comment}, such as a drop reason; null for none
     */
    public void write(int iface, long tsNanos, byte[] buf, int off, int len, int origLen, int direction,
            int receptionType, String commentOrNull) throws IOException {
        checkOpen();
        if (iface < 0 || iface >= interfaceCount) {
            throw new IllegalArgumentException("interface " + iface + " was not added (" + interfaceCount + " added)");
        }
        if (tsNanos < 0) {
            throw new IllegalArgumentException("timestamp " + tsNanos + " ns is before the epoch");
        }
        Objects.checkFromIndexSize(off, len, buf.length);
        if (origLen < len) {
            throw new IllegalArgumentException("original length " + origLen + " is below the " + len + " bytes given");
        }
        if (direction < 0 || direction > CapturedPacket.DIRECTION_OUTBOUND) {
            throw new IllegalArgumentException("direction " + direction + " is not 0 (unknown), 1 (in) or 2 (out)");
        }
        if (receptionType < 0 || receptionType > FLAGS_RECEPTION_MASK) {
            throw new IllegalArgumentException("reception type " + receptionType + " is outside 0..7");
        }
        int snaplen = snaplens[iface];
        int caplen = snaplen == 0 ? len : Math.min(len, snaplen);

        Endian.put32(scratch, TYPE_OFFSET, EPB_TYPE);
        Endian.put32(scratch, EPB_INTERFACE_OFFSET, iface);
        Endian.put32(scratch, EPB_TS_HIGH_OFFSET, (int) (tsNanos >>> 32));
        Endian.put32(scratch, EPB_TS_LOW_OFFSET, (int) tsNanos);
        Endian.put32(scratch, EPB_CAPLEN_OFFSET, caplen);
        Endian.put32(scratch, EPB_ORIGLEN_OFFSET, origLen);
        // Options after the data go into the scratch array from EPB_DATA_OFFSET on.
        int p = EPB_DATA_OFFSET;
        int flags = direction | receptionType << FLAGS_RECEPTION_SHIFT;
        if (flags != 0) {
            p = putOptionHeader(p, EPB_FLAGS, 4);
            Endian.put32(scratch, p, flags);
            p += 4;
        }
        p = putStringOption(p, OPT_COMMENT, commentOrNull);
        if (p != EPB_DATA_OFFSET) {
            p = putEndOfOptions(p);
        }
        int optionsLength = p - EPB_DATA_OFFSET;
        int padding = pad4(caplen) - caplen;
        int length = EPB_DATA_OFFSET + caplen + padding + optionsLength + 4;
        Endian.put32(scratch, LENGTH_OFFSET, length);
        Endian.put32(scratch, p, length);
        out.write(scratch, 0, EPB_DATA_OFFSET);
        out.write(buf, off, caplen);
        out.write(ZEROS, 0, padding);
        out.write(scratch, EPB_DATA_OFFSET, optionsLength + 4);
        packets++;
    }

    /** How many packets have been written. */
    public long packetsWritten() {
        return packets;
    }

    /** How many interfaces have been added. */
    public int interfaceCount() {
        return interfaceCount;
    }

    @Override
    public void flush() throws IOException {
        checkOpen();
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

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("pcapng writer is closed");
        }
    }

    /** An option holding {@code s} as UTF-8 at {@code scratch[p]}, padded; nothing for null. Returns the end. */
    private int putStringOption(int p, int code, String s) {
        if (s == null) {
            return p;
        }
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        byte[] utf8 = ascii ? null : s.getBytes(StandardCharsets.UTF_8);
        int length = ascii ? n : utf8.length;
        if (length > MAX_OPTION_LENGTH) {
            throw new IllegalArgumentException("option " + code + " string of " + length + " bytes exceeds the "
                    + MAX_OPTION_LENGTH + "-byte option limit");
        }
        int value = putOptionHeader(p, code, length);
        int end = value + pad4(length);
        if (ascii) {
            for (int i = 0; i < n; i++) {
                scratch[value + i] = (byte) s.charAt(i);
            }
        } else {
            System.arraycopy(utf8, 0, scratch, value, length);
        }
        Arrays.fill(scratch, value + length, end, (byte) 0);
        return end;
    }

    /** Writes an option header at {@code p}; returns where its value starts. */
    private int putOptionHeader(int p, int code, int length) {
        ensureScratch(p + OPTION_HEADER_LENGTH + pad4(length) + OPTION_HEADER_LENGTH + 4);
        Endian.put16(scratch, p, code);
        Endian.put16(scratch, p + 2, length);
        return p + OPTION_HEADER_LENGTH;
    }

    private int putEndOfOptions(int p) {
        ensureScratch(p + OPTION_HEADER_LENGTH + 4);
        Endian.put32(scratch, p, 0);
        return p + OPTION_HEADER_LENGTH;
    }

    /** Room for {@code n} bytes (an option, the end-of-options marker and the trailing length). */
    private void ensureScratch(int n) {
        if (n > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(n, scratch.length * 2));
        }
    }
}
