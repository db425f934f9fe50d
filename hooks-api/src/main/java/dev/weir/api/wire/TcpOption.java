package dev.weir.api.wire;

import java.util.Arrays;
import java.util.List;

/**
 * One TCP option in parsed form (RFC 9293 section 3.2), for {@link TcpRepr} and slow paths. The
 * fast path reads options in place through {@link TcpPacket#firstOption()} without building
 * these.
 *
 * <p>A list of options keeps wire order, NOP padding and all, so that a parsed header emits byte
 * for byte: Linux lays out a SYN as {@code <mss 1460,sackOK,TS val X ecr 0,nop,wscale 7>} and a
 * data segment as {@code <nop,nop,TS val X ecr Y>}, and the NOPs are part of what was sent.
 * Kinds this class does not model (MPTCP, TCP-AO, RFC 6994 experiments...) are kept as
 * {@link Unknown}, data and all.
 *
 * <p>Records validate their fields so that every option built fits a TCP header and parses back
 * to an equal record. {@link #toString()} prints the option as tcpdump does.
 */
public sealed interface TcpOption {
    /** End of option list (RFC 9293 section 3.2): one byte; what follows it is padding. */
    int KIND_EOL = 0;
    /** No-operation (RFC 9293 section 3.2): one byte, used to align the next option. */
    int KIND_NOP = 1;
    /** Maximum segment size (RFC 9293 section 3.7.1), length 4. */
    int KIND_MSS = 2;
    /** Window scale (RFC 7323 section 2.2), length 3. */
    int KIND_WINDOW_SCALE = 3;
    /** SACK permitted (RFC 2018 section 2), length 2. */
    int KIND_SACK_PERMITTED = 4;
    /** SACK (RFC 2018 section 3), length 2 + 8n for n = 1..4 blocks. */
    int KIND_SACK = 5;
    /** Timestamps (RFC 7323 section 3.2), length 10. */
    int KIND_TIMESTAMPS = 8;

    /** Most bytes the options of one header may take: data offset 15 words minus the fixed 20 bytes. */
    int MAX_OPTIONS_LEN = TcpPacket.MAX_HEADER_LEN - TcpPacket.HEADER_LEN;

    Nop NOP = new Nop();
    EndOfList EOL = new EndOfList();
    SackPermitted SACK_PERMITTED = new SackPermitted();

    /** The option-kind byte. */
    int kind();

    /** Bytes the option takes on the wire, kind and length bytes included. */
    int length();

    /** Writes the option at {@code off}; returns {@link #length()}. */
    int write(byte[] b, int off);

    /**
     * The option at absolute position {@code pos} of a view that wrapped {@link WireError#OK},
     * as returned by {@link TcpPacket#firstOption()} / {@link TcpPacket#nextOption(int)}.
     */
    static TcpOption read(TcpPacket p, int pos) {
        byte[] b = p.buffer();
        int kind = p.optionKind(pos);
        int v = p.optionValueOffset(pos);
        return switch (kind) {
            case KIND_EOL -> EOL;
            case KIND_NOP -> NOP;
            case KIND_MSS -> new Mss(Bytes.u16(b, v));
            case KIND_WINDOW_SCALE -> new WindowScale(Bytes.u8(b, v));
            case KIND_SACK_PERMITTED -> SACK_PERMITTED;
            case KIND_TIMESTAMPS -> new Timestamps(Bytes.u32L(b, v), Bytes.u32L(b, v + 4));
            case KIND_SACK -> {
                Sack.Block[] blocks = new Sack.Block[(p.optionLength(pos) - 2) / 8];
                for (int i = 0; i < blocks.length; i++) {
                    blocks[i] = new Sack.Block(Bytes.u32L(b, v + 8 * i), Bytes.u32L(b, v + 8 * i + 4));
                }
                yield new Sack(List.of(blocks));
            }
            default -> new Unknown(kind, Arrays.copyOfRange(b, v, pos + p.optionLength(pos)));
        };
    }

    /** True for the kinds with a fixed or structured length checked on parse (MSS, WS, SACK-permitted, SACK, TS). */
    static boolean isKnownKind(int kind) {
        return switch (kind) {
            case KIND_EOL, KIND_NOP, KIND_MSS, KIND_WINDOW_SCALE, KIND_SACK_PERMITTED, KIND_SACK, KIND_TIMESTAMPS -> true;
            default -> false;
        };
    }

    /** Maximum segment size the sender can receive (RFC 9293 section 3.7.1); only meaningful on SYN. */
    record Mss(int mss) implements TcpOption {
        public Mss {
            checkRange("MSS", mss, 0xffff);
        }

        @Override
        public int kind() {
            return KIND_MSS;
        }

        @Override
        public int length() {
            return 4;
        }

        @Override
        public int write(byte[] b, int off) {
            b[off] = KIND_MSS;
            b[off + 1] = 4;
            Bytes.put16(b, off + 2, mss);
            return 4;
        }

        @Override
        public String toString() {
            return "mss " + mss;
        }
    }

    /**
     * Window scale shift count (RFC 7323 section 2.2). The byte is kept as sent, so it round-trips;
     * a receiver uses at most 14 (RFC 7323 section 2.3), which is the caller's business.
     */
    record WindowScale(int shift) implements TcpOption {
        public WindowScale {
            checkRange("window scale shift", shift, 0xff);
        }

        @Override
        public int kind() {
            return KIND_WINDOW_SCALE;
        }

        @Override
        public int length() {
            return 3;
        }

        @Override
        public int write(byte[] b, int off) {
            b[off] = KIND_WINDOW_SCALE;
            b[off + 1] = 3;
            b[off + 2] = (byte) shift;
            return 3;
        }

        @Override
        public String toString() {
            return "wscale " + shift;
        }
    }

    /** SACK permitted (RFC 2018 section 2); only meaningful on SYN. */
    record SackPermitted() implements TcpOption {
        @Override
        public int kind() {
            return KIND_SACK_PERMITTED;
        }

        @Override
        public int length() {
            return 2;
        }

        @Override
        public int write(byte[] b, int off) {
            b[off] = KIND_SACK_PERMITTED;
            b[off + 1] = 2;
            return 2;
        }

        @Override
        public String toString() {
            return "sackOK";
        }
    }

    /**
     * Selective acknowledgment (RFC 2018 section 3): one to four blocks of received data, each
     * from {@code left} (first sequence number) to {@code right} (the one after the last).
     */
    record Sack(List<Block> blocks) implements TcpOption {
        /** Four blocks fill 34 of the 40 option bytes (RFC 2018 section 3). */
        public static final int MAX_BLOCKS = 4;

        /** One SACK block; sequence numbers as unsigned 32-bit values. */
        public record Block(long left, long right) {
            public Block {
                checkU32("SACK block left edge", left);
                checkU32("SACK block right edge", right);
            }

            @Override
            public String toString() {
                return "{" + left + ":" + right + "}";
            }
        }

        public Sack {
            blocks = List.copyOf(blocks);
            if (blocks.isEmpty() || blocks.size() > MAX_BLOCKS) {
                throw new IllegalArgumentException("a SACK option carries 1.." + MAX_BLOCKS + " blocks, got " + blocks.size());
            }
        }

        @Override
        public int kind() {
            return KIND_SACK;
        }

        @Override
        public int length() {
            return 2 + 8 * blocks.size();
        }

        @Override
        public int write(byte[] b, int off) {
            b[off] = KIND_SACK;
            b[off + 1] = (byte) length();
            int at = off + 2;
            for (Block k : blocks) {
                Bytes.put32(b, at, (int) k.left());
                Bytes.put32(b, at + 4, (int) k.right());
                at += 8;
            }
            return length();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("sack ").append(blocks.size()).append(' ');
            blocks.forEach(sb::append);
            return sb.toString();
        }
    }

    /** Timestamps (RFC 7323 section 3.2), as unsigned 32-bit values. */
    record Timestamps(long tsVal, long tsEcr) implements TcpOption {
        public Timestamps {
            checkU32("TSval", tsVal);
            checkU32("TSecr", tsEcr);
        }

        @Override
        public int kind() {
            return KIND_TIMESTAMPS;
        }

        @Override
        public int length() {
            return 10;
        }

        @Override
        public int write(byte[] b, int off) {
            b[off] = KIND_TIMESTAMPS;
            b[off + 1] = 10;
            Bytes.put32(b, off + 2, (int) tsVal);
            Bytes.put32(b, off + 6, (int) tsEcr);
            return 10;
        }

        @Override
        public String toString() {
            return "TS val " + tsVal + " ecr " + tsEcr;
        }
    }

    /** No-operation, one byte (RFC 9293 section 3.2). */
    record Nop() implements TcpOption {
        @Override
        public int kind() {
            return KIND_NOP;
        }

        @Override
        public int length() {
            return 1;
        }

        @Override
        public int write(byte[] b, int off) {
            b[off] = KIND_NOP;
            return 1;
        }

        @Override
        public String toString() {
            return "nop";
        }
    }

    /**
     * End of option list, one byte (RFC 9293 section 3.2). Only ever the last element of a list;
     * the header bytes after it are {@link TcpRepr#optionTrailer()}.
     */
    record EndOfList() implements TcpOption {
        @Override
        public int kind() {
            return KIND_EOL;
        }

        @Override
        public int length() {
            return 1;
        }

        @Override
        public int write(byte[] b, int off) {
            b[off] = KIND_EOL;
            return 1;
        }

        @Override
        public String toString() {
            return "eol";
        }
    }

    /**
     * An option of a kind not modelled above, kept byte for byte: MPTCP (30, RFC 8684), TCP-AO
     * (29), Fast Open (34), the shared experimental kinds 253/254 (RFC 6994: the first two data
     * bytes are the experiment id)...
     *
     * @param kind the option-kind byte, not one of the kinds modelled by the other records
     * @param data the bytes after kind and length (length - 2 of them)
     */
    record Unknown(int kind, byte[] data) implements TcpOption {
        public Unknown {
            checkRange("option kind", kind, 0xff);
            if (isKnownKind(kind)) {
                throw new IllegalArgumentException("option kind " + kind + " has its own record; Unknown is for other kinds");
            }
            if (data.length > MAX_OPTIONS_LEN - 2) {
                throw new IllegalArgumentException("option kind " + kind + " with " + data.length
                        + " data bytes does not fit in " + MAX_OPTIONS_LEN + " option bytes");
            }
            data = data.clone();
        }

        /** A copy of the data bytes. */
        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public int length() {
            return 2 + data.length;
        }

        @Override
        public int write(byte[] b, int off) {
            b[off] = (byte) kind;
            b[off + 1] = (byte) length();
            System.arraycopy(data, 0, b, off + 2, data.length);
            return length();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.kind == kind && Arrays.equals(u.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * kind + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "unknown-" + kind + " 0x" + Bytes.hex(data, 0, data.length);
        }
    }

    private static void checkRange(String what, int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " must be 0.." + max + ", got " + v);
        }
    }

    private static void checkU32(String what, long v) {
        if (v < 0 || v > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " must be an unsigned 32-bit value, got " + v);
        }
    }
}
