package dev.weir.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The bytes of a capture file as the readers consume them: one reusable buffer that holds the
 * current block or record, and the offset of the next unread byte.
 *
 * <p>A declared length is never trusted for allocation: the buffer grows with the bytes that
 * actually arrive, so a block claiming 16 MiB in a 100-byte file costs 64 KiB, not 16 MiB.
 */
final class CaptureInput implements Closeable {
    /** Largest block or record the readers accept, as Wireshark's pcapng reader limits blocks to 16 MiB. */
    static final int MAX_RECORD = 16 << 20;
    private static final int GROWTH = 64 << 10;

    private final InputStream in;
    private final String source;
    private long offset;
    byte[] buf = new byte[4096];

    CaptureInput(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    String source() {
        return source;
    }

    /** Offset of the next byte to be read, from the start of the file. */
    long offset() {
        return offset;
    }

    /**
     * Reads up to {@code n} bytes into {@code buf[at, at + n)}, growing {@link #buf} as bytes
     * arrive (keeping {@code buf[0, at)}). Returns how many were read: fewer than {@code n} only
     * at the end of the input.
     */
    int readUpTo(int at, int n) throws IOException {
        int got = 0;
        while (got < n) {
            int pos = at + got;
            if (pos == buf.length) {
                int more = (int) Math.min(n - got, Math.max((long) got, GROWTH));
                buf = Arrays.copyOf(buf, pos + more);
            }
            int r = in.read(buf, pos, Math.min(n - got, buf.length - pos));
            if (r < 0) {
                break;
            }
            got += r;
            offset += r;
        }
        return got;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
