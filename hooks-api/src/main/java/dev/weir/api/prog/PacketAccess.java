package dev.weir.api.prog;

/**
 * Read and write access to the packet (XDP, tc, netfilter), and the views to parse it.
 *
 * <p><b>Direct access.</b> {@link #buffer()} is the array holding the packet's linear data from
 * {@link #dataOffset()} to {@link #dataEnd()}: wrap a wire view over it with the context's
 * {@link #views()} to parse and rewrite headers without copying:
 * <pre>{@code
 * Ipv4Packet ip = ctx.views().ipv4();
 * if (ip.wrap(ctx.buffer(), ctx.dataOffset() + 14, ctx.dataEnd() - ctx.dataOffset() - 14) != WireError.OK) return XdpAction.PASS;
 * }</pre>
 * The array and offsets are valid until the program changes the packet's size
 * ({@code adjustHead}, {@code changeTail}, ...) or returns; after a size change read them
 * again and re-wrap. Writing outside {@code [dataOffset, dataEnd)} is forbidden (it would
 * corrupt headroom the stack owns); the views and the store methods never do.
 *
 * <p><b>Stores</b> are big-endian and bounds-checked like the loads (out of bounds ends the run
 * with the abort verdict); {@link #storeBytes} is the {@code bpf_skb_store_bytes} helper and
 * returns EFAULT instead.
 *
 * <p><b>Checksums.</b> After rewriting a field covered by a checksum, update the checksum
 * incrementally (RFC 1624) rather than recomputing it, with {@link #l3ChecksumReplace} and
 * {@link #l4ChecksumReplace}: Linux's {@code bpf_l3_csum_replace} and
 * {@code bpf_l4_csum_replace}.
 */
public interface PacketAccess extends PacketReader {
    /** {@link #l4ChecksumReplace} flags: the low 4 bits give the changed field's size (0, 2 or 4). */
    int F_HDR_FIELD_MASK = 0xf;
    /**
     * {@link #l4ChecksumReplace} flag ({@code BPF_F_PSEUDO_HDR}): the changed field is part of
     * the pseudo-header (an IP address). Needed for a packet whose transport checksum the
     * device will complete (checksum offload): its checksum field then holds only the
     * pseudo-header sum, which must follow the address change.
     */
    int F_PSEUDO_HDR = 0x10;
    /**
     * {@link #l4ChecksumReplace} flag ({@code BPF_F_MARK_MANGLED_0}): UDP's rule that a zero
     * checksum means "none": a zero field is left zero, and a result of zero is written as
     * 0xffff.
     */
    int F_MARK_MANGLED_0 = 0x20;

    /** The array holding the linear packet data. */
    byte[] buffer();

    /** Offset in {@link #buffer()} of packet offset 0. */
    int dataOffset();

    /** Offset in {@link #buffer()} just past the linear data (XDP: past the frame). */
    int dataEnd();

    /** One reusable instance of each wire view, for this context only. */
    WireViews views();

    void storeU8(int off, int v);

    void storeU16(int off, int v);

    void storeU32(int off, int v);

    void storeU64(int off, long v);

    /** Copies {@code len} bytes of {@code src} into the packet at {@code off}: OK or EFAULT. */
    int storeBytes(int off, byte[] src, int srcOff, int len);

    /**
     * {@code bpf_l3_csum_replace}: the 16-bit checksum at {@code csumOff} is updated for a field
     * of {@code size} bytes (2 or 4) that changed from {@code from} to {@code to} (the new value
     * must already be, or later be, stored by the program). Size 0: {@code to} is a
     * pre-computed one's-complement difference added to the checksum.
     *
     * @return OK, EINVAL (size), EFAULT (checksum offset out of the packet)
     */
    int l3ChecksumReplace(int csumOff, int from, int to, int size);

    /**
     * {@code bpf_l4_csum_replace}: as {@link #l3ChecksumReplace} for a TCP/UDP/ICMPv6 checksum;
     * {@code flags} carries the field size in its low bits ({@link #F_HDR_FIELD_MASK}) and
     * {@link #F_PSEUDO_HDR} / {@link #F_MARK_MANGLED_0}. To follow an IPv4 address rewritten by
     * NAT: {@code l3ChecksumReplace(ipCsum, old, new, 4)} and
     * {@code l4ChecksumReplace(tcpCsum, old, new, F_PSEUDO_HDR | 4)}.
     *
     * @return OK, EINVAL (size or unknown flags), EFAULT
     */
    int l4ChecksumReplace(int csumOff, int from, int to, int flags);
}
