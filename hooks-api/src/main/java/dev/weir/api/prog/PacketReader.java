package dev.weir.api.prog;

/**
 * Read access to the packet a program was given, at offsets from the start of its data
 * (XDP: the frame's first byte; tc: the Ethernet header; netfilter: the IP header).
 *
 * <p>Two kinds of load, as in eBPF:
 * <ul>
 *   <li>The {@code loadUxx} methods are direct loads: big-endian, bounds-checked against
 *       {@link #len()}. A load outside the packet ends the run at once, as a direct packet
 *       access the kernel's verifier could not prove safe would be refused: the program's
 *       verdict is its type's abort verdict (XDP_ABORTED, TC_ACT_SHOT, NF_DROP) and the failure
 *       is counted. Check {@link #len()} first, as a C program compares with {@code data_end}.
 *   <li>{@link #loadBytes} is the helper ({@code bpf_skb_load_bytes}): it returns
 *       {@code EFAULT} instead, and reads non-linear skbs too.
 * </ul>
 */
public interface PacketReader {
    /** Bytes of packet data from offset 0 (XDP: data_end - data; skb: skb-&gt;len). */
    int len();

    /** The unsigned byte at {@code off}. */
    int loadU8(int off);

    /** The unsigned big-endian 16-bit value at {@code off}. */
    int loadU16(int off);

    /** The big-endian 32 bits at {@code off} (an int: use {@code Integer.toUnsignedLong} for the unsigned value). */
    int loadU32(int off);

    /** The big-endian 64 bits at {@code off}. */
    long loadU64(int off);

    /**
     * Copies {@code len} packet bytes from {@code off} into {@code dst} at {@code dstOff}:
     * {@code MapError.OK}, or {@code MapError.EFAULT} when either range is out of bounds
     * (nothing copied).
     */
    int loadBytes(int off, byte[] dst, int dstOff, int len);
}
