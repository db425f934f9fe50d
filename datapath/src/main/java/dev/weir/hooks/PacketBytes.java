package dev.weir.hooks;

import dev.weir.api.wire.Bytes;
import dev.weir.api.prog.PacketAccess;

/**
 * Checksum arithmetic of the checksum-replace helpers ({@code bpf_l3_csum_replace},
 * {@code bpf_l4_csum_replace}): RFC 1624's incremental update, {@code HC' = ~(~HC + ~m + m')},
 * over 16-bit words with end-around carry.
 */
final class PacketBytes {
    private PacketBytes() {}

    /** One's-complement sum of the 16-bit halves of {@code v}'s low {@code size} bytes (2 or 4). */
    private static long words(int v, int size) {
        return size == 4 ? ((v >>> 16) & 0xffff) + (v & 0xffff) : v & 0xffff;
    }

    private static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /**
     * The 16-bit checksum {@code check} after a field of {@code size} bytes (2 or 4) changed
     * from {@code from} to {@code to}; size 0: {@code to} is a 32-bit difference (as
     * {@code bpf_csum_diff} returns) added to the sum. The checksum is complemented (as stored
     * in headers).
     */
    static int replace(int check, int from, int to, int size) {
        long s = ~check & 0xffff;
        if (size == 0) {
            s += words(to, 4);
        } else {
            s += words(~from, size) + words(to, size);
        }
        return ~fold(s) & 0xffff;
    }

    /**
     * As {@link #replace} on a field that holds a plain (not complemented) partial sum: the
     * pseudo-header sum a CHECKSUM_PARTIAL packet carries until the device completes it.
     */
    static int replacePartial(int sum, int from, int to, int size) {
        long s = sum & 0xffff;
        if (size == 0) {
            s += words(to, 4);
        } else {
            s += words(~from, size) + words(to, size);
        }
        return fold(s);
    }

    /** The l4 helper's flags check: the field size (0, 2, 4) or -1 for bad flags. */
    static int l4Size(int flags) {
        if ((flags & ~(PacketAccess.F_HDR_FIELD_MASK | PacketAccess.F_PSEUDO_HDR | PacketAccess.F_MARK_MANGLED_0)) != 0) {
            return -1;
        }
        int size = flags & PacketAccess.F_HDR_FIELD_MASK;
        return size == 0 || size == 2 || size == 4 ? size : -1;
    }

    /** The l3 helper's size check. */
    static boolean l3SizeOk(int size) {
        return size == 0 || size == 2 || size == 4;
    }

    /** bpf_l3_csum_replace on the 16-bit checksum at {@code b[p]} (size already checked). */
    static void l3Update(byte[] b, int p, int from, int to, int size) {
        Bytes.put16(b, p, replace(Bytes.u16(b, p), from, to, size));
    }

    /**
     * bpf_l4_csum_replace on the checksum at {@code b[p]} ({@code flags} already checked, of
     * field size {@code size}), as {@code inet_proto_csum_replace*}: a CHECKSUM_PARTIAL packet
     * ({@code partial}) holds only the pseudo-header sum there, which follows an address change
     * ({@code F_PSEUDO_HDR}) and nothing else; a UDP checksum of 0 stays 0 and a result of 0 is
     * written 0xffff with {@code F_MARK_MANGLED_0}.
     */
    static void l4Update(byte[] b, int p, int from, int to, int flags, int size, boolean partial) {
        int check = Bytes.u16(b, p);
        if (partial) {
            if ((flags & PacketAccess.F_PSEUDO_HDR) != 0) {
                Bytes.put16(b, p, replacePartial(check, from, to, size));
            }
            return;
        }
        boolean mangled0 = (flags & PacketAccess.F_MARK_MANGLED_0) != 0;
        if (mangled0 && check == 0) {
            return;
        }
        int c = replace(check, from, to, size);
        Bytes.put16(b, p, mangled0 && c == 0 ? 0xffff : c);
    }
}
