package dev.weir.maps;

import dev.weir.api.wire.Bytes;

/**
 * Keys and values are stored as 64-bit words: byte {@code i} of a key is bits
 * {@code 63 - 8*(i%8) .. 56 - 8*(i%8)} of word {@code i/8}, big-endian, and the bytes past the
 * end of the last word are zero. A key or value of 8 bytes or fewer is then one word, the
 * {@code long} fast-path value shifted left by {@code 64 - 8*size}: adding to it wraps at the
 * value's width, and comparing words compares keys.
 */
final class Words {
    private Words() {}

    /** Words needed for {@code bytes} bytes. */
    static int count(int bytes) {
        return (bytes + 7) >>> 3;
    }

    /** The shift between a long fast-path value and its stored word for a size of 1..8 bytes. */
    static int shift(int size) {
        return size >= 8 ? 0 : 64 - 8 * size;
    }

    /** Word {@code j} of the {@code len} bytes at {@code off}. */
    static long read(byte[] b, int off, int len, int j) {
        int at = off + 8 * j;
        int left = len - 8 * j;
        if (left >= 8) {
            return Bytes.i64(b, at);
        }
        long w = 0;
        for (int k = 0; k < left; k++) {
            w |= (b[at + k] & 0xffL) << (56 - 8 * k);
        }
        return w;
    }

    /** Writes the bytes of word {@code j} that fall within the {@code len} bytes at {@code off}. */
    static void write(long w, byte[] b, int off, int len, int j) {
        int at = off + 8 * j;
        int left = len - 8 * j;
        if (left >= 8) {
            Bytes.put64(b, at, w);
            return;
        }
        for (int k = 0; k < left; k++) {
            b[at + k] = (byte) (w >>> (56 - 8 * k));
        }
    }

    /** Packs {@code len} bytes at {@code off} into {@code words} from index {@code at}. */
    static void pack(byte[] b, int off, int len, long[] words, int at) {
        int n = count(len);
        for (int j = 0; j < n; j++) {
            words[at + j] = read(b, off, len, j);
        }
    }

    /** Unpacks {@code len} bytes from {@code words} at index {@code at} into {@code b} at {@code off}. */
    static void unpack(long[] words, int at, byte[] b, int off, int len) {
        int n = count(len);
        for (int j = 0; j < n; j++) {
            write(words[at + j], b, off, len, j);
        }
    }

    /** True when {@code b} holds {@code len} bytes at {@code off}. */
    static boolean fits(byte[] b, int off, int len) {
        return b != null && off >= 0 && off <= b.length - len;
    }
}
