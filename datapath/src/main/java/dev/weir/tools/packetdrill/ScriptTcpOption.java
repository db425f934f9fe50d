package dev.weir.tools.packetdrill;

import dev.weir.api.wire.TcpOption;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One TCP option in a packet line's {@code <...>} list, in script terms. Values are the
 * script's: SACK edges and the timestamp echo are script-space numbers that the runner maps
 * ({@link SeqSpace}, {@link TsValMap}) before it injects or compares anything.
 *
 * <p>{@link #toString()} prints the option in script syntax; {@link #toWire()} builds the
 * option of {@code dev.weir.api.wire} with the script's values.
 */
public sealed interface ScriptTcpOption {
    /** TCP option kinds packetdrill writes that {@link TcpOption} keeps as {@code Unknown}. */
    int KIND_MD5 = 19;
    /** TCP Fast Open, RFC 7413 section 4.1.1. */
    int KIND_FAST_OPEN = 34;
    /** The shared experimental kind (RFC 6994) that Fast Open used before kind 34. */
    int KIND_EXPERIMENT = 254;
    /** The RFC 6994 experiment id of Fast Open, written after kind and length. */
    int FAST_OPEN_MAGIC = 0xF989;
    /** Longest cookie that fits the 40 option bytes: behind kind and length (kind 34), or also the magic (kind 254). */
    int MAX_COOKIE_BYTES = 38;
    int MAX_EXP_COOKIE_BYTES = 36;
    /** An MD5 digest, RFC 2385. */
    int MD5_DIGEST_BYTES = 16;

    /** Bytes on the wire, kind and length included. */
    int length();

    /** The option as {@code dev.weir.api.wire} models it, carrying the script's numbers. */
    TcpOption toWire();

    /** {@code nop}. */
    record Nop() implements ScriptTcpOption {
        public int length() {
            return 1;
        }

        public TcpOption toWire() {
            return TcpOption.NOP;
        }

        @Override
        public String toString() {
            return "nop";
        }
    }

    /** {@code eol}. */
    record Eol() implements ScriptTcpOption {
        public int length() {
            return 1;
        }

        public TcpOption toWire() {
            return TcpOption.EOL;
        }

        @Override
        public String toString() {
            return "eol";
        }
    }

    /** {@code mss N}. */
    record Mss(int mss) implements ScriptTcpOption {
        public int length() {
            return 4;
        }

        public TcpOption toWire() {
            return new TcpOption.Mss(mss);
        }

        @Override
        public String toString() {
            return "mss " + mss;
        }
    }

    /** {@code wscale N}. */
    record WindowScale(int shift) implements ScriptTcpOption {
        public int length() {
            return 3;
        }

        public TcpOption toWire() {
            return new TcpOption.WindowScale(shift);
        }

        @Override
        public String toString() {
            return "wscale " + shift;
        }
    }

    /** {@code sackOK}. */
    record SackPermitted() implements ScriptTcpOption {
        public int length() {
            return 2;
        }

        public TcpOption toWire() {
            return TcpOption.SACK_PERMITTED;
        }

        @Override
        public String toString() {
            return "sackOK";
        }
    }

    /** {@code sack a:b c:d}: blocks of script sequence numbers, left edge then right edge. */
    record Sack(List<Block> blocks) implements ScriptTcpOption {
        /** One block {@code left:right}. */
        public record Block(long left, long right) {
            @Override
            public String toString() {
                return left + ":" + right;
            }
        }

        public Sack {
            blocks = List.copyOf(blocks);
        }

        public int length() {
            return 2 + 8 * blocks.size();
        }

        public TcpOption toWire() {
            return new TcpOption.Sack(blocks.stream().map(b -> new TcpOption.Sack.Block(b.left, b.right)).toList());
        }

        @Override
        public String toString() {
            return "sack " + blocks.stream().map(Block::toString).collect(Collectors.joining(" "));
        }
    }

    /** {@code TS val X ecr Y}. */
    record Timestamp(long val, long ecr) implements ScriptTcpOption {
        public int length() {
            return 10;
        }

        public TcpOption toWire() {
            return new TcpOption.Timestamps(val, ecr);
        }

        @Override
        public String toString() {
            return "TS val " + val + " ecr " + ecr;
        }
    }

    /**
     * {@code FO cookie} (kind 34) or, when {@code experimental}, {@code FOEXP cookie} (kind 254
     * with the Fast Open magic); an empty cookie is a cookie request.
     */
    record FastOpen(boolean experimental, byte[] cookie) implements ScriptTcpOption {
        public FastOpen {
            cookie = cookie.clone();
        }

        @Override
        public byte[] cookie() {
            return cookie.clone();
        }

        public int length() {
            return (experimental ? 4 : 2) + cookie.length;
        }

        public TcpOption toWire() {
            byte[] data = new byte[length() - 2];
            int off = 0;
            if (experimental) {
                data[0] = (byte) (FAST_OPEN_MAGIC >>> 8);
                data[1] = (byte) FAST_OPEN_MAGIC;
                off = 2;
            }
            System.arraycopy(cookie, 0, data, off, cookie.length);
            return new TcpOption.Unknown(experimental ? KIND_EXPERIMENT : KIND_FAST_OPEN, data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FastOpen f && f.experimental == experimental && java.util.Arrays.equals(f.cookie, cookie);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(cookie) * 2 + (experimental ? 1 : 0);
        }

        @Override
        public String toString() {
            String name = experimental ? "FOEXP" : "FO";
            return cookie.length == 0 ? name : name + " " + HexFormat.of().formatHex(cookie);
        }
    }

    /** {@code md5 digest}: a TCP MD5 signature (RFC 2385), up to 16 bytes as written. */
    record Md5(byte[] digest) implements ScriptTcpOption {
        public Md5 {
            digest = digest.clone();
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }

        public int length() {
            return 2 + digest.length;
        }

        public TcpOption toWire() {
            return new TcpOption.Unknown(KIND_MD5, digest);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Md5 m && java.util.Arrays.equals(m.digest, digest);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(digest);
        }

        @Override
        public String toString() {
            return "md5 " + HexFormat.of().formatHex(digest);
        }
    }
}
