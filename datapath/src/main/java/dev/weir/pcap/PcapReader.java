package dev.weir.pcap;

import static dev.weir.pcap.Pcap.*;

import dev.weir.api.wire.Bytes;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads classic pcap (layout in {@link Pcap}): either byte order, microsecond or nanosecond
 * magic, any snap length and link type. Every packet gets interface 0, no interface name, no
 * direction and no comment: the format has none of those. Obtain one through
 * {@link CaptureReader#open}.
 *
 * <p>Record lengths are checked, not trusted: a captured length above
 * {@link CaptureInput#MAX_RECORD} is an error; a captured length above the snap length or the
 * original length is accepted as libpcap accepts it (some writers produce such files).
 */
public final class PcapReader extends CaptureReader {
    private final boolean nanos;
    private final long snaplen;
    private final int linkType;
    private long records;

    PcapReader(CaptureInput in) throws IOException {
        super(in);
        int got = in.readUpTo(0, HEADER_LENGTH);
        if (got < HEADER_LENGTH) {
            throw new CaptureFormatException(in.source(), "file header", 0,
                    "file ends after " + got + " bytes, inside the " + HEADER_LENGTH + "-byte pcap file header", true);
        }
        byte[] b = in.buf;
        int magic = Bytes.i32(b, 0);
        bigEndian = magic == MAGIC_MICROS || magic == MAGIC_NANOS;
        nanos = magic == MAGIC_NANOS || magic == MAGIC_NANOS_SWAPPED;
        versionMajor = Endian.u16(b, MAJOR_OFFSET, bigEndian);
        versionMinor = Endian.u16(b, MINOR_OFFSET, bigEndian);
        if (versionMajor != VERSION_MAJOR) {
            throw new CaptureFormatException(in.source(), "file header", 0,
                    "unsupported pcap version " + versionMajor + "." + versionMinor + " (only 2.x is defined)", false);
        }
        snaplen = Endian.u32(b, SNAPLEN_OFFSET, bigEndian);
        linkType = Endian.i32(b, LINKTYPE_OFFSET, bigEndian) & LINKTYPE_MASK;
    }

    static boolean isMagic(int magic) {
        return magic == MAGIC_MICROS || magic == MAGIC_MICROS_SWAPPED
                || magic == MAGIC_NANOS || magic == MAGIC_NANOS_SWAPPED;
    }

    @Override
    CapturedPacket read() throws IOException {
        long at = in.offset();
        int got = in.readUpTo(0, RECORD_HEADER_LENGTH);
        if (got == 0) {
            return null;
        }
        records++;
        if (got < RECORD_HEADER_LENGTH) {
            throw error(at, "truncated record: file ends after " + got + " bytes, inside the "
                    + RECORD_HEADER_LENGTH + "-byte record header", true);
        }
        byte[] b = in.buf;
        long sec = Endian.u32(b, TS_SEC_OFFSET, bigEndian);
        long frac = Endian.u32(b, TS_FRAC_OFFSET, bigEndian);
        long caplen = Endian.u32(b, CAPLEN_OFFSET, bigEndian);
        long origlen = Endian.u32(b, ORIGLEN_OFFSET, bigEndian);
        if (caplen > CaptureInput.MAX_RECORD) {
            throw error(at, "captured length " + caplen + " exceeds the reader's limit of "
                    + CaptureInput.MAX_RECORD + " bytes", false);
        }
        if (origlen > Integer.MAX_VALUE) {
            throw error(at, "original length " + origlen + " is beyond any packet", false);
        }
        int n = (int) caplen;
        got = in.readUpTo(RECORD_HEADER_LENGTH, n);
        if (got < n) {
            throw error(at, "truncated record: it declares " + n + " captured bytes but the file ends after "
                    + got, true);
        }
        b = in.buf;
        // Seconds are unsigned 32-bit, so sec * 1e9 + frac * 1000 stays below 2^63.
        long ts = sec * 1_000_000_000L + (nanos ? frac : frac * 1_000L);
        return new CapturedPacket(ts, 0, null, linkType, (int) origlen,
                Arrays.copyOfRange(b, RECORD_HEADER_LENGTH, RECORD_HEADER_LENGTH + n),
                CapturedPacket.DIRECTION_UNKNOWN, null);
    }

    private CaptureFormatException error(long at, String problem, boolean truncated) {
        return new CaptureFormatException(in.source(), "record " + records, at, problem, truncated);
    }

    @Override
    public Format format() {
        return Format.PCAP;
    }

    /** The link type of every packet in the file. */
    public int linkType() {
        return linkType;
    }

    /** The file header's snap length (unsigned). */
    public long snaplen() {
        return snaplen;
    }

    /** True for the nanosecond magic, false for microseconds. */
    public boolean nanosecondResolution() {
        return nanos;
    }
}
