package dev.weir.api.wire;

/** Checks and updates the views share. */
final class Views {
    private Views() {}

    /**
     * True unless {@code [off, off + len)} lies inside {@code buf}. Written so that no overflow of
     * {@code off + len} can let a bad range through: wrap receives whatever a caller passes.
     */
    static boolean outside(byte[] buf, int off, int len) {
        return buf == null || off < 0 || len < 0 || off > buf.length - len;
    }

    /** Refuses a setter or record value outside {@code 0..max}, naming the field ("IPv4 TTL"). */
    static int checkRange(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " must be 0.." + max + ", got " + value);
        }
        return (int) value;
    }

    /**
     * Writes {@code newWord} at {@code at} and updates the checksum at {@code checksumAt} by
     * RFC 1624 for that one 16-bit word, as Linux's {@code csum_replace2}.
     */
    static void replace16(byte[] buf, int at, int checksumAt, int newWord) {
        int old = Bytes.u16(buf, at);
        Bytes.put16(buf, at, newWord);
        Bytes.put16(buf, checksumAt, Checksum.update16(Bytes.u16(buf, checksumAt), old, newWord));
    }

    /** As {@link #replace16} for a 32-bit field, as Linux's {@code csum_replace4}. */
    static void replace32(byte[] buf, int at, int checksumAt, int newValue) {
        int old = Bytes.i32(buf, at);
        Bytes.put32(buf, at, newValue);
        Bytes.put16(buf, checksumAt, Checksum.update32(Bytes.u16(buf, checksumAt), old, newValue));
    }
}
