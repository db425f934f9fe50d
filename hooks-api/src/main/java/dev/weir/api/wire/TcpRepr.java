package dev.weir.api.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The parsed form of a TCP header (RFC 9293 section 3.1), for tests, the command line and slow
 * paths.
 *
 * <p>Parsing then emitting gives back the header byte for byte: options are kept in wire order
 * with their NOPs, an {@link TcpOption.EndOfList} ends the list when the header had one, and the
 * bytes after it (padding, normally zero) are kept in {@link #optionTrailer()}. When options and
 * trailer do not fill a multiple of four bytes, {@link #emit} pads with zero bytes, which read as
 * EOL followed by padding.
 *
 * @param srcPort source port
 * @param dstPort destination port
 * @param seqNumber sequence number, unsigned 32-bit
 * @param ackNumber acknowledgment number, unsigned 32-bit
 * @param flags the twelve bits after the data offset ({@link TcpPacket#SYN}, {@link TcpPacket#ACK}...)
 * @param window window field as sent (unscaled)
 * @param checksum checksum field as parsed; {@link #emit(byte[], int)} writes it as is,
 *     {@link #emit(byte[], int, long, byte[], int)} computes it
 * @param urgentPointer urgent pointer
 * @param options options in wire order; {@link TcpOption.EndOfList} may only be last
 * @param optionTrailer header bytes after an EOL (empty unless the options end with EOL)
 * @param payloadLength bytes of data after the header
 */
public record TcpRepr(int srcPort, int dstPort, long seqNumber, long ackNumber, int flags, int window,
        int checksum, int urgentPointer, List<TcpOption> options, byte[] optionTrailer, int payloadLength) {

    public TcpRepr {
        check("source port", srcPort, 0xffff);
        check("destination port", dstPort, 0xffff);
        check("flags", flags, TcpPacket.FLAGS_MASK);
        check("window", window, 0xffff);
        check("checksum", checksum, 0xffff);
        check("urgent pointer", urgentPointer, 0xffff);
        check("payload length", payloadLength, Integer.MAX_VALUE);
        if (seqNumber < 0 || seqNumber > 0xffff_ffffL || ackNumber < 0 || ackNumber > 0xffff_ffffL) {
            throw new IllegalArgumentException("sequence numbers are unsigned 32-bit: seq " + seqNumber + ", ack " + ackNumber);
        }
        options = List.copyOf(options);
        optionTrailer = optionTrailer.clone();
        int bytes = optionTrailer.length;
        for (int i = 0; i < options.size(); i++) {
            TcpOption o = options.get(i);
            if (o instanceof TcpOption.EndOfList && i != options.size() - 1) {
                throw new IllegalArgumentException("EOL must be the last option, found at index " + i + " of " + options);
            }
            bytes += o.length();
        }
        if (bytes > TcpOption.MAX_OPTIONS_LEN) {
            throw new IllegalArgumentException("options take " + bytes + " bytes, more than the " + TcpOption.MAX_OPTIONS_LEN
                    + " a header can hold: " + options);
        }
        if (optionTrailer.length > 0 && (options.isEmpty() || !(options.getLast() instanceof TcpOption.EndOfList))) {
            throw new IllegalArgumentException("an option trailer (" + optionTrailer.length + " bytes) must follow an EOL option");
        }
    }

    /** A header with no urgent pointer, no trailer and a zero checksum field. */
    public TcpRepr(int srcPort, int dstPort, long seqNumber, long ackNumber, int flags, int window,
            List<TcpOption> options, int payloadLength) {
        this(srcPort, dstPort, seqNumber, ackNumber, flags, window, 0, 0, options, new byte[0], payloadLength);
    }

    /** Reads the header of a view that wrapped {@link WireError#OK}. */
    public static TcpRepr parse(TcpPacket p) {
        int count = 0;
        int last = -1;
        for (int pos = p.firstOption(); pos >= 0; pos = p.nextOption(pos)) {
            count++;
            last = pos;
        }
        TcpOption[] opts = new TcpOption[count];
        int i = 0;
        for (int pos = p.firstOption(); pos >= 0; pos = p.nextOption(pos)) {
            opts[i++] = TcpOption.read(p, pos);
        }
        int headerEnd = p.offset() + p.headerLength();
        byte[] trailer = last >= 0 && p.optionKind(last) == TcpOption.KIND_EOL
                ? Arrays.copyOfRange(p.buffer(), last + 1, headerEnd)
                : new byte[0];
        return new TcpRepr(p.srcPort(), p.dstPort(), Integer.toUnsignedLong(p.seqNumber()),
                Integer.toUnsignedLong(p.ackNumber()), p.flags(), p.window(), p.checksum(), p.urgentPointer(),
                List.of(opts), trailer, p.payloadLength());
    }

    /** A copy of the header bytes after EOL. */
    @Override
    public byte[] optionTrailer() {
        return optionTrailer.clone();
    }

    /** Header length in bytes: 20 plus options and trailer, rounded up to a multiple of 4. */
    public int headerLength() {
        int n = optionTrailer.length;
        for (TcpOption o : options) {
            n += o.length();
        }
        return TcpPacket.HEADER_LEN + ((n + 3) & ~3);
    }

    /** Header and payload: the segment length the pseudo-header counts. */
    public int bufferLength() {
        return headerLength() + payloadLength;
    }

    /** Writes the header (checksum field as recorded) at {@code off}; returns its length. */
    public int emit(byte[] b, int off) {
        int h = headerLength();
        Bytes.put16(b, off + TcpPacket.SRC_PORT_OFFSET, srcPort);
        Bytes.put16(b, off + TcpPacket.DST_PORT_OFFSET, dstPort);
        Bytes.put32(b, off + TcpPacket.SEQ_OFFSET, (int) seqNumber);
        Bytes.put32(b, off + TcpPacket.ACK_OFFSET, (int) ackNumber);
        Bytes.put16(b, off + TcpPacket.DATA_OFFSET_FLAGS_OFFSET, (h / 4) << 12 | flags);
        Bytes.put16(b, off + TcpPacket.WINDOW_OFFSET, window);
        Bytes.put16(b, off + TcpPacket.CHECKSUM_OFFSET, checksum);
        Bytes.put16(b, off + TcpPacket.URGENT_OFFSET, urgentPointer);
        int at = off + TcpPacket.HEADER_LEN;
        for (TcpOption o : options) {
            at += o.write(b, at);
        }
        System.arraycopy(optionTrailer, 0, b, at, optionTrailer.length);
        at += optionTrailer.length;
        Arrays.fill(b, at, off + h, (byte) 0);
        return h;
    }

    /**
     * Writes the header at {@code off} and fills in the checksum over the header,
     * {@link #payloadLength()} bytes of {@code payload} at {@code payloadOff}, and
     * {@code pseudoHeaderSum}, which must count {@link #bufferLength()} as the length
     * ({@code Checksum.pseudoHeaderV4(src, dst, 6, repr.bufferLength())}). The payload is summed
     * where it lies (in {@code b} right after the header, or elsewhere) and not copied.
     * Returns the header length.
     */
    public int emit(byte[] b, int off, long pseudoHeaderSum, byte[] payload, int payloadOff) {
        int h = emit(b, off);
        Bytes.put16(b, off + TcpPacket.CHECKSUM_OFFSET, 0);
        // The header is a multiple of 4 bytes, so the payload's words line up with a contiguous sum.
        long s = Checksum.add(pseudoHeaderSum, b, off, h);
        s = Checksum.add(s, payload, payloadOff, payloadLength);
        Bytes.put16(b, off + TcpPacket.CHECKSUM_OFFSET, Checksum.finish(s));
        return h;
    }

    // ---- option conveniences ----

    /** The MSS option's value, if the header carries one. */
    public OptionalInt mss() {
        for (TcpOption o : options) {
            if (o instanceof TcpOption.Mss m) {
                return OptionalInt.of(m.mss());
            }
        }
        return OptionalInt.empty();
    }

    /** The window scale option's shift count as sent, if any. */
    public OptionalInt windowScale() {
        for (TcpOption o : options) {
            if (o instanceof TcpOption.WindowScale w) {
                return OptionalInt.of(w.shift());
            }
        }
        return OptionalInt.empty();
    }

    public boolean sackPermitted() {
        return options.stream().anyMatch(o -> o instanceof TcpOption.SackPermitted);
    }

    public Optional<TcpOption.Timestamps> timestamps() {
        for (TcpOption o : options) {
            if (o instanceof TcpOption.Timestamps t) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The blocks of the SACK option, or an empty list. */
    public List<TcpOption.Sack.Block> sackBlocks() {
        for (TcpOption o : options) {
            if (o instanceof TcpOption.Sack s) {
                return s.blocks();
            }
        }
        return List.of();
    }

    // ---- printing ----

    /** The flags as tcpdump prints them, e.g. {@code [S.]}: see {@link #flagsString(int)}. */
    public String flagsString() {
        return flagsString(flags);
    }

    /**
     * Flags the way tcpdump prints them in {@code Flags [...]}: one letter per bit in the order
     * F S R P . U E W e (FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE), as tcpdump's
     * {@code tcp_flag_values} table lists them, or {@code none} when no such bit is set
     * (reserved bits print nothing). A SYN-ACK is {@code [S.]}, a data segment {@code [P.]},
     * an ECN-setup SYN {@code [SEW]}.
     */
    public static String flagsString(int flags) {
        StringBuilder sb = new StringBuilder(11).append('[');
        String letters = "FSRP.UEWe";
        for (int i = 0; i < letters.length(); i++) {
            if ((flags & (1 << i)) != 0) {
                sb.append(letters.charAt(i));
            }
        }
        if (sb.length() == 1) {
            sb.append("none");
        }
        return sb.append(']').toString();
    }

    /** One line in tcpdump's style: ports, flags, seq, ack, win, urg, options, length. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(srcPort).append(" > ").append(dstPort).append(": Flags ").append(flagsString());
        sb.append(", seq ").append(seqNumber);
        if ((flags & TcpPacket.ACK) != 0) {
            sb.append(", ack ").append(ackNumber);
        }
        sb.append(", win ").append(window);
        if ((flags & TcpPacket.URG) != 0) {
            sb.append(", urg ").append(urgentPointer);
        }
        if (!options.isEmpty()) {
            sb.append(", options [");
            for (int i = 0; i < options.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(options.get(i));
            }
            sb.append(']');
        }
        if (optionTrailer.length > 0) {
            sb.append(", trailer 0x").append(Bytes.hex(optionTrailer, 0, optionTrailer.length));
        }
        return sb.append(", length ").append(payloadLength).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpRepr r
                && r.srcPort == srcPort && r.dstPort == dstPort && r.seqNumber == seqNumber && r.ackNumber == ackNumber
                && r.flags == flags && r.window == window && r.checksum == checksum && r.urgentPointer == urgentPointer
                && r.options.equals(options) && Arrays.equals(r.optionTrailer, optionTrailer)
                && r.payloadLength == payloadLength;
    }

    @Override
    public int hashCode() {
        int h = srcPort * 31 + dstPort;
        h = h * 31 + Long.hashCode(seqNumber);
        h = h * 31 + Long.hashCode(ackNumber);
        h = h * 31 + flags;
        h = h * 31 + window;
        h = h * 31 + checksum;
        h = h * 31 + urgentPointer;
        h = h * 31 + options.hashCode();
        h = h * 31 + Arrays.hashCode(optionTrailer);
        return h * 31 + payloadLength;
    }

    private static void check(String what, int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException("TCP " + what + " must be 0.." + max + ", got " + v);
        }
    }
}
