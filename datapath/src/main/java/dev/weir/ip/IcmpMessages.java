package dev.weir.ip;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6ExtHeaders;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.WireError;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbPool;

/**
 * Building ICMP and ICMPv6 messages, and the rules on when an error may be sent at all, as
 * Linux's {@code __icmp_send} and {@code icmp6_send} apply them before routing. The messages are
 * built as the transport part of a new buffer (data at the ICMP header, room before it for the
 * IP and link-layer headers); the IP layer adds its header and sends them.
 *
 * <p>What an error quotes: the offending packet from its network header on, as much as fits in
 * 576 bytes with the new IPv4 and ICMP headers (RFC 1812 section 4.3.2.3, RFC 1122 section
 * 3.2.2) or in the IPv6 minimum MTU of 1280 (RFC 4443 section 2.4 (c)).
 */
final class IcmpMessages {
    /** RFC 1812 section 4.3.2.3: an ICMP error is at most 576 bytes. */
    static final int IPV4_ERROR_MAX = 576;
    /** RFC 8200 section 5: the IPv6 minimum link MTU, the bound of an ICMPv6 error. */
    static final int IPV6_MIN_MTU = 1280;
    /** Room to leave before a message for the IP header (options included) and link layer. */
    static final int HEADROOM = Skbs.LL_RESERVED + Ipv4Packet.MAX_HEADER_LEN;
    /** Linux's {@code NR_ICMP_TYPES}: types above it count as errors for the reply rule. */
    static final int NR_ICMP_TYPES = 18;

    private final SkbPool pool;
    private final Ipv6ExtHeaders walker = new Ipv6ExtHeaders();
    private final byte[] head = new byte[512];
    private final byte[] one = new byte[1];

    IcmpMessages(SkbPool pool) {
        this.pool = pool;
    }

    /** True for the ICMPv4 error types ({@code icmp_pointers[type].error}); unknown types too. */
    static boolean isError4(int type) {
        return switch (type) {
            case Icmpv4Packet.DEST_UNREACHABLE, Icmpv4Packet.SOURCE_QUENCH, Icmpv4Packet.REDIRECT,
                    Icmpv4Packet.TIME_EXCEEDED, Icmpv4Packet.PARAMETER_PROBLEM -> true;
            default -> type > NR_ICMP_TYPES;
        };
    }

    /** Bytes of {@code in} from its network header to its end. */
    static int lengthFromNetworkHeader(SkBuff in) {
        return in.len() - (in.networkHeader() - in.data());
    }

    /** Copies {@code n} bytes of {@code in} starting at its network header into {@code dst}. */
    static void copyFromNetworkHeader(SkBuff in, byte[] dst, int dstOff, int n) {
        int rel = in.networkHeader() - in.data();
        if (rel >= 0) {
            in.copyBits(rel, dst, dstOff, n);
        } else {
            int pre = Math.min(-rel, n);
            System.arraycopy(in.buf(), in.networkHeader(), dst, dstOff, pre);
            if (n > pre) {
                in.copyBits(0, dst, dstOff + pre, n - pre);
            }
        }
    }

    /** The first bytes of {@code in} from its network header, in {@link #head}; returns how many. */
    private int peek(SkBuff in) {
        int n = Math.min(head.length, lengthFromNetworkHeader(in));
        copyFromNetworkHeader(in, head, 0, n);
        return n;
    }

    /**
     * The rules of {@code __icmp_send} that need no route: may an ICMPv4 error of {@code type}
     * answer {@code in}? Not when the packet is not a whole IPv4 header; was not addressed to this
     * host at the link layer (RFC 1122 section 3.2.2: not for a link-layer broadcast or
     * multicast); is a fragment other than the first; is itself an ICMP error (or of an unknown
     * type) and this is an error; or comes from an address that names no single host: 0.0.0.0,
     * 255.255.255.255 or multicast (RFC 1122 section 3.2.2; Linux refuses these earlier, as
     * martian sources). Whether the route says broadcast or multicast is the caller's check.
     */
    boolean errorAllowed4(SkBuff in, int type) {
        int n = peek(in);
        if (n < Ipv4Packet.HEADER_LEN || (head[0] & 0xf0) != 0x40) {
            return false;
        }
        if (in.pktType() != SkBuff.PACKET_HOST) {
            return false;
        }
        if ((Bytes.u16(head, Ipv4Packet.FLAGS_FRAGMENT_OFFSET) & Ipv4Packet.FRAGMENT_OFFSET_MASK) != 0) {
            return false;
        }
        int src = Bytes.i32(head, Ipv4Packet.SRC_OFFSET);
        if (src == 0 || src == -1 || (src & 0xf000_0000) == 0xe000_0000) {
            return false;
        }
        if (isError4(type) && (head[Ipv4Packet.PROTOCOL_OFFSET] & 0xff) == IpProtocol.ICMP) {
            int at = (head[0] & 0x0f) * 4;
            if (at >= n) {
                return false;
            }
            return !isError4(head[at] & 0xff);
        }
        return true;
    }

    /**
     * The length of the quote an ICMPv4 error about {@code in} may carry: as much of it as fits
     * in {@code min(mtu, 576)} after an IPv4 header with {@code optLen} bytes of options and the
     * 8-byte ICMP header; -1 when that leaves no room for more than an IPv4 header (Linux's
     * "guard against tiny mtu").
     */
    static int quoteLength4(SkBuff in, int mtu, int optLen) {
        int room = Math.min(mtu, IPV4_ERROR_MAX) - Ipv4Packet.HEADER_LEN - optLen - Icmpv4Packet.HEADER_LEN;
        if (room <= Ipv4Packet.HEADER_LEN) {
            return -1;
        }
        return Math.min(room, lengthFromNetworkHeader(in));
    }

    /**
     * An ICMPv4 error: type, code, the 4 bytes after the checksum ({@code rest}: the next-hop MTU,
     * a gateway, a pointer in its top byte) and {@code quoteLen} bytes of {@code in} from its
     * network header. Data at the ICMP header, transport header set, checksum filled.
     */
    SkBuff error4(SkBuff in, int type, int code, int rest, int quoteLen) {
        SkBuff skb = error(in, type, code, rest, quoteLen);
        byte[] b = skb.buf();
        Bytes.put16(b, skb.data() + Icmpv4Packet.CHECKSUM_OFFSET, Checksum.internet(b, skb.data(), skb.len()));
        return skb;
    }

    /** The 8-byte header both ICMPs share (checksum zero) and the quote. */
    private SkBuff error(SkBuff in, int type, int code, int rest, int quoteLen) {
        int len = Icmpv4Packet.HEADER_LEN + quoteLen;
        SkBuff skb = pool.alloc(len, HEADROOM);
        int at = skb.put(len);
        byte[] b = skb.buf();
        b[at] = (byte) type;
        b[at + 1] = (byte) code;
        Bytes.put16(b, at + Icmpv4Packet.CHECKSUM_OFFSET, 0);
        Bytes.put32(b, at + Icmpv4Packet.REST_OFFSET, rest);
        copyFromNetworkHeader(in, b, at + Icmpv4Packet.DATA_OFFSET, quoteLen);
        skb.resetTransportHeader();
        return skb;
    }

    /**
     * An echo reply to the echo request {@code req}, whose data is at its ICMP header: the same
     * message with type {@code replyType} and a fresh checksum (RFC 792; RFC 1122 section
     * 3.2.2.6: identifier, sequence and data unchanged). For IPv6 the caller fills the
     * checksum once the addresses are known ({@link #fillChecksum6}).
     */
    SkBuff echoReply(SkBuff req, int replyType, boolean v4) {
        int len = req.len();
        SkBuff skb = pool.alloc(len, HEADROOM);
        int at = skb.put(len);
        byte[] b = skb.buf();
        req.copyBits(0, b, at, len);
        b[at] = (byte) replyType;
        Bytes.put16(b, at + Icmpv4Packet.CHECKSUM_OFFSET, 0);
        if (v4) {
            Bytes.put16(b, at + Icmpv4Packet.CHECKSUM_OFFSET, Checksum.internet(b, at, len));
        }
        skb.resetTransportHeader();
        return skb;
    }

    // ---- IPv6 ----

    /**
     * The rules of {@code icmp6_send} that need no route (RFC 4443 section 2.4 (e)): may an
     * ICMPv6 error of {@code type}/{@code code} answer {@code in}? Not when the packet is not a
     * whole IPv6 header; when its destination is multicast or it was not addressed to this host
     * at the link layer, unless this is a packet too big, or a parameter problem code 2 about an
     * option whose action bits are 10 ({@code info} is the pointer); not when its source is
     * unspecified or multicast; not when it is itself an ICMPv6 error ({@code is_ineligible}:
     * a packet whose upper-layer header is ICMPv6 and not an informational type). Linux, and Weir,
     * do answer fragments other than the first.
     */
    boolean errorAllowed6(SkBuff in, int type, int code, int info) {
        int n = peek(in);
        if (n < Ipv6Packet.HEADER_LEN || (head[0] & 0xf0) != 0x60) {
            return false;
        }
        boolean dstMulticast = (head[Ipv6Packet.DST_OFFSET] & 0xff) == 0xff;
        if (dstMulticast || in.pktType() != SkBuff.PACKET_HOST) {
            boolean optUnrec = type == Icmpv6Packet.PARAMETER_PROBLEM && code == Icmpv6Packet.PARAMPROB_UNKNOWN_OPTION
                    && info >= 0 && info < lengthFromNetworkHeader(in) && (optionType(in, info, n) & 0xc0) == 0x80;
            if (type != Icmpv6Packet.PACKET_TOO_BIG && !optUnrec) {
                return false;
            }
        }
        long srcHi = Bytes.i64(head, Ipv6Packet.SRC_OFFSET);
        long srcLo = Bytes.i64(head, Ipv6Packet.SRC_OFFSET + 8);
        if (srcHi == 0 && srcLo == 0 || (srcHi >>> 56) == 0xff) {
            return false;
        }
        return !ineligible(in, n);
    }

    /** The octet at {@code pointer} from the network header: the option type a parameter problem points at. */
    private int optionType(SkBuff in, int pointer, int n) {
        if (pointer < n) {
            return head[pointer] & 0xff;
        }
        in.copyBits(in.networkHeader() - in.data() + pointer, one, 0, 1);
        return one[0] & 0xff;
    }

    /** {@code is_ineligible}: the packet is an ICMPv6 error (its type lacks the informational bit). */
    private boolean ineligible(SkBuff in, int n) {
        int total = lengthFromNetworkHeader(in);
        if (total < Ipv6Packet.HEADER_LEN) {
            return true;
        }
        WireError e = walker.walk(head, Ipv6Packet.HEADER_LEN, n - Ipv6Packet.HEADER_LEN, head[Ipv6Packet.NEXT_HEADER_OFFSET]);
        if (e != WireError.OK || walker.upperLayerProtocol() != IpProtocol.ICMPV6) {
            return false;
        }
        if (walker.hasFragmentHeader() && walker.fragmentOffset() != 0) {
            return false; // a later fragment: no ICMPv6 header to look at
        }
        int at = walker.upperLayerOffset();
        return at >= n || (head[at] & 0x80) == 0;
    }

    /** How much of {@code in} an ICMPv6 error may quote: up to 1280 bytes for the whole error. */
    static int quoteLength6(SkBuff in) {
        return Math.min(IPV6_MIN_MTU - Ipv6Packet.HEADER_LEN - Icmpv6Packet.HEADER_LEN, lengthFromNetworkHeader(in));
    }

    /**
     * An ICMPv6 error of {@code type}/{@code code} with {@code info} (MTU or pointer) after the
     * checksum, quoting {@code quoteLen} bytes of {@code in}; the checksum is left for
     * {@link #fillChecksum6} once the addresses are known.
     */
    SkBuff error6(SkBuff in, int type, int code, int info, int quoteLen) {
        return error(in, type, code, info, quoteLen);
    }

    /** Fills the checksum of the ICMPv6 message at {@code skb}'s data (RFC 4443 section 2.3: with the pseudo-header). */
    static void fillChecksum6(SkBuff skb, long srcHi, long srcLo, long dstHi, long dstLo) {
        byte[] b = skb.buf();
        int at = skb.data();
        int len = skb.len();
        Bytes.put16(b, at + Icmpv6Packet.CHECKSUM_OFFSET, 0);
        long s = Checksum.pseudoHeaderV6(srcHi, srcLo, dstHi, dstLo, IpProtocol.ICMPV6, len);
        Bytes.put16(b, at + Icmpv6Packet.CHECKSUM_OFFSET, Checksum.finish(Checksum.add(s, b, at, len)));
    }
}
