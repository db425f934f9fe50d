package dev.weir.api.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * A reusable, allocation-free walker over an IPv6 packet's extension headers (RFC 8200
 * section 4): it validates the chain once and answers where the upper layer starts, what it is,
 * and what the fragment header (if any) says.
 *
 * <pre>{@code
 * Ipv6ExtHeaders ext = new Ipv6ExtHeaders();   // once, reused per packet
 * if (ext.walk(ip) == WireError.OK && ext.upperLayerProtocol() == IpProtocol.UDP) {
 *     udp.wrap(ip.buffer(), ext.upperLayerOffset(), ext.upperLayerLength());
 * }
 * }</pre>
 *
 * <p>The walk passes Hop-by-Hop Options, Routing, Fragment and Destination Options headers,
 * each of the form next header, length, body (the fragment header's length is fixed at 8). It
 * stops at anything else: AH and ESP (whose contents need keys or their own parser), No Next
 * Header, an upper-layer protocol, or an unknown number; that number is
 * {@link #upperLayerProtocol()} and where it starts {@link #upperLayerOffset()}. It also stops
 * right after a Fragment header whose offset is not zero: what follows is a piece of the
 * original payload, not a header.
 *
 * <p>Validation (anything but OK leaves the results meaningless except {@link #errorOffset()}):
 * <ul>
 *   <li>every header lies inside the payload, else TRUNCATED (RFC 8200 section 4.5 has the
 *       first fragment hold the whole chain, so a chain cut in a first fragment is truncated too);
 *   <li>a Hop-by-Hop Options header anywhere but right after the fixed header is BAD_FIELD
 *       (RFC 8200 section 4.1; Linux answers it with an ICMPv6 Parameter Problem, code 1,
 *       pointing at the Next Header field that named it: {@link #errorOffset()});
 *   <li>every option in an options header has its length and data inside the header, else
 *       BAD_OPTION. What an unrecognized option's action bits ask for is left to the stage
 *       that processes the header, as is a Routing header's type and segments left.
 * </ul>
 */
public final class Ipv6ExtHeaders {
    private byte[] buf;
    private int start;
    private int end;
    private int firstNextHeader;
    private boolean valid;

    private int count;
    private int upper;
    private int upperOffset;
    private int nextHeaderField;
    private int hopByHop;
    private int routing;
    private int destOptions;
    private int fragment;
    private int routerAlert;
    private int errorOffset;

    /** Walks the chain of a wrapped IPv6 packet, from its fixed header's Next Header. */
    public WireError walk(Ipv6Packet ip) {
        return walk(ip.buffer(), ip.payloadOffset(), ip.payloadLength(), ip.nextHeader(),
                ip.offset() + Ipv6Packet.NEXT_HEADER_OFFSET);
    }

    /**
     * Walks the chain in {@code [off, off + len)}, which starts right after a fixed header whose
     * Next Header is {@code nextHeader} (a Hop-by-Hop header may come first). For chains not
     * wrapped by an {@link Ipv6Packet}, such as the one quoted in an ICMPv6 error.
     */
    public WireError walk(byte[] buf, int off, int len, int nextHeader) {
        return walk(buf, off, len, nextHeader & 0xff, -1);
    }

    private WireError walk(byte[] buf, int off, int len, int nextHeader, int nhField) {
        valid = false;
        count = 0;
        hopByHop = routing = destOptions = fragment = -1;
        routerAlert = -1;
        errorOffset = -1;
        if (Views.outside(buf, off, len)) {
            return WireError.TRUNCATED;
        }
        this.buf = buf;
        this.start = off;
        this.end = off + len;
        this.firstNextHeader = nextHeader;
        int nh = nextHeader;
        int at = off;
        while (true) {
            int hl;
            switch (nh) {
                case IpProtocol.HOPOPTS, IpProtocol.DSTOPTS -> {
                    if (nh == IpProtocol.HOPOPTS && at != off) {
                        errorOffset = nhField;
                        return WireError.BAD_FIELD;
                    }
                    hl = extLength(at);
                    if (hl < 0) {
                        errorOffset = at;
                        return WireError.TRUNCATED;
                    }
                    int bad = Ipv6Option.badOptionAt(buf, at + 2, at + hl);
                    if (bad >= 0) {
                        errorOffset = bad;
                        return WireError.BAD_OPTION;
                    }
                    if (nh == IpProtocol.HOPOPTS) {
                        hopByHop = at;
                        routerAlert = findRouterAlert(at + 2, at + hl);
                    } else if (destOptions < 0) {
                        destOptions = at;
                    }
                }
                case IpProtocol.ROUTING -> {
                    hl = extLength(at);
                    if (hl < 0) {
                        errorOffset = at;
                        return WireError.TRUNCATED;
                    }
                    if (routing < 0) {
                        routing = at;
                    }
                }
                case IpProtocol.FRAGMENT -> {
                    hl = Ipv6FragmentHeader.LEN;
                    if (end - at < hl) {
                        errorOffset = at;
                        return WireError.TRUNCATED;
                    }
                    if (fragment < 0) {
                        fragment = at;
                    }
                    if ((Bytes.u16(buf, at + Ipv6FragmentHeader.OFFSET_FLAGS_OFFSET) >>> 3) != 0) {
                        // A later fragment: its bytes are payload, not headers.
                        count++;
                        return finish(buf[at] & 0xff, at + hl, at);
                    }
                }
                default -> {
                    return finish(nh, at, nhField);
                }
            }
            count++;
            nhField = at;
            nh = buf[at] & 0xff;
            at += hl;
        }
    }

    private WireError finish(int protocol, int offset, int field) {
        upper = protocol;
        upperOffset = offset;
        nextHeaderField = field;
        valid = true;
        return WireError.OK;
    }

    /** The length of the header at {@code at} from its Hdr Ext Len octet, or -1 when it does not fit. */
    private int extLength(int at) {
        if (end - at < 2) {
            return -1;
        }
        int hl = ((buf[at + 1] & 0xff) + 1) * 8;
        return hl > end - at ? -1 : hl;
    }

    /** The value of a well-formed Router Alert option in a validated range, or -1. */
    private int findRouterAlert(int p, int to) {
        while (p < to) {
            int type = buf[p] & 0xff;
            if (type == Ipv6Option.PAD1) {
                p++;
                continue;
            }
            int n = buf[p + 1] & 0xff;
            if (type == Ipv6Option.ROUTER_ALERT && n == 2) {
                return Bytes.u16(buf, p + 2);
            }
            p += 2 + n;
        }
        return -1;
    }

    /** What the walk stopped at: the upper-layer protocol, AH, ESP, No Next Header (59) or an unknown number. */
    public int upperLayerProtocol() {
        return upper;
    }

    /** Absolute offset where {@link #upperLayerProtocol()} starts. */
    public int upperLayerOffset() {
        return upperOffset;
    }

    /** Bytes from {@link #upperLayerOffset()} to the end of the payload. */
    public int upperLayerLength() {
        return end - upperOffset;
    }

    /**
     * Absolute offset of the Next Header field that named the upper layer (the fixed header's, or
     * the last extension header's first octet); -1 when a chain walked from raw bytes had none.
     * What an ICMPv6 Parameter Problem code 1 points at for an unknown protocol.
     */
    public int nextHeaderFieldOffset() {
        return nextHeaderField;
    }

    /** How many extension headers the walk passed. */
    public int headerCount() {
        return count;
    }

    /** Absolute offset of the Hop-by-Hop Options header, or -1. */
    public int hopByHopOffset() {
        return hopByHop;
    }

    /** The value of a Router Alert option in the Hop-by-Hop header (RFC 2711; 0 for MLD), or -1. */
    public int routerAlert() {
        return routerAlert;
    }

    /** Absolute offset of the first Destination Options header, or -1. */
    public int destinationOptionsOffset() {
        return destOptions;
    }

    /** Absolute offset of the first Routing header, or -1. */
    public int routingHeaderOffset() {
        return routing;
    }

    /** The first Routing header's type; only when {@link #routingHeaderOffset()} is not -1. */
    public int routingType() {
        return buf[routing + 2] & 0xff;
    }

    /** The first Routing header's segments left; only when {@link #routingHeaderOffset()} is not -1. */
    public int segmentsLeft() {
        return buf[routing + 3] & 0xff;
    }

    /** Absolute offset of the first Fragment header, or -1. */
    public int fragmentHeaderOffset() {
        return fragment;
    }

    public boolean hasFragmentHeader() {
        return fragment >= 0;
    }

    /** The fragment offset in units of 8 octets; 0 without a fragment header. */
    public int fragmentOffset() {
        return fragment < 0 ? 0 : Bytes.u16(buf, fragment + Ipv6FragmentHeader.OFFSET_FLAGS_OFFSET) >>> 3;
    }

    public int fragmentOffsetBytes() {
        return fragmentOffset() * 8;
    }

    /** The M flag; false without a fragment header. */
    public boolean moreFragments() {
        return fragment >= 0 && (buf[fragment + 3] & 1) != 0;
    }

    /** The fragment identification; 0 without a fragment header. */
    public int fragmentIdentification() {
        return fragment < 0 ? 0 : Bytes.i32(buf, fragment + Ipv6FragmentHeader.IDENTIFICATION_OFFSET);
    }

    /** True for a real fragment: a fragment header with M set or a non-zero offset (an atomic fragment, RFC 6946, is not one). */
    public boolean isFragment() {
        return fragment >= 0 && (Bytes.u16(buf, fragment + Ipv6FragmentHeader.OFFSET_FLAGS_OFFSET) & 0xfff9) != 0;
    }

    /** After a failed walk, the absolute offset of the byte at fault (see the class comment), or -1. */
    public int errorOffset() {
        return errorOffset;
    }

    /** The headers walked, as records, in order. Slow path: allocates. Only after OK. */
    public List<Ipv6ExtHeader> headers() {
        if (!valid) {
            throw new IllegalStateException("no IPv6 extension header chain: walk() did not return OK");
        }
        List<Ipv6ExtHeader> out = new ArrayList<>(count);
        int nh = firstNextHeader;
        int at = start;
        for (int i = 0; i < count; i++) {
            Ipv6ExtHeader h = switch (nh) {
                case IpProtocol.FRAGMENT -> Ipv6FragmentHeader.read(buf, at);
                case IpProtocol.ROUTING -> Ipv6RoutingHeader.read(buf, at, extLength(at));
                default -> Ipv6OptionsHeader.read(nh, buf, at, extLength(at));
            };
            out.add(h);
            nh = h.nextHeader();
            at += h.headerLength();
        }
        return out;
    }

    /** The first Fragment header as a record, or null. Slow path. */
    public Ipv6FragmentHeader fragmentHeader() {
        return fragment < 0 ? null : Ipv6FragmentHeader.read(buf, fragment);
    }
}
