package dev.weir.ip;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Ipv4Options;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.skb.SkBuff;
import java.util.function.IntPredicate;

/**
 * What a router or host does with the IPv4 options of a received datagram, as Linux's
 * {@code ip_options_compile} (RFC 791 section 3.1, RFC 1812 section 5.2.4, RFC 2113):
 * <ul>
 *   <li>every option is checked: a length octet of at least 2 that ends inside the options;
 *       a source route and record route with a pointer of at least 4 and room for an address;
 *       a timestamp with a pointer of at least 5, a known flag and room for its entry; a router
 *       alert of length 4; no option twice. A fault answers a parameter problem pointing at the
 *       octet at fault (an overflowing timestamp points at its overflow/flags octet);
 *   <li>Record Route and Timestamp are filled in on receipt: this host's address (the
 *       destination when delivering locally, else the preferred source of the route back), and
 *       the time in milliseconds since midnight UT; a timestamp option that is full counts its
 *       overflow instead;
 *   <li>a Router Alert of value 0 marks the packet (Linux would hand it to RSVP sockets);
 *   <li>bytes after End of Option List are set to End of Option List.
 * </ul>
 * Where each option is and what was filled is kept in {@link IpCb} (cb[2]) for forwarding,
 * which writes the outgoing address over what receipt recorded ({@code ip_forward_options}).
 */
final class Ipv4RxOptions {
    private Ipv4RxOptions() {}

    static final int TS_TSONLY = 0;
    static final int TS_TSANDADDR = 1;
    static final int TS_PRESPEC = 3;

    // Flags in cb[2] bits 32.. (ip_options' rr_needaddr, ts_needaddr, ts_needtime, is_strictroute, srr_is_hit).
    static final int RR_NEEDADDR = 1;
    static final int TS_NEEDADDR = 2;
    static final int TS_NEEDTIME = 4;
    static final int STRICT_ROUTE = 8;
    static final int SRR_IS_HIT = 16;

    static int flags(SkBuff skb) {
        return (int) (skb.cb[2] >>> 32);
    }

    static void addFlags(SkBuff skb, int f) {
        skb.cb[2] |= (long) f << 32;
    }

    /**
     * Checks and processes the options of the datagram whose header starts at {@code nh} in
     * {@code b} ({@code hl} bytes long). Returns -1 when they are acceptable, else the offset
     * from the header of the octet a parameter problem must point at. {@code specDst} is the
     * address to record; {@code msSinceMidnight} the timestamp; {@code unicast} tells whether
     * an address is not one of this host's (for prespecified timestamps).
     */
    static int compile(SkBuff skb, byte[] b, int nh, int hl, int specDst, int msSinceMidnight, IntPredicate unicast) {
        int p = nh + Ipv4Packet.HEADER_LEN;
        int end = nh + hl;
        while (p < end) {
            int type = b[p] & 0xff;
            if (type == Ipv4Options.EOL) {
                for (int q = p + 1; q < end; q++) {
                    b[q] = Ipv4Options.EOL;
                }
                return -1;
            }
            if (type == Ipv4Options.NOP) {
                p++;
                continue;
            }
            int l = end - p;
            if (l < 2) {
                return p - nh;
            }
            int optlen = b[p + 1] & 0xff;
            if (optlen < 2 || optlen > l) {
                return p - nh;
            }
            int ptr = optlen >= 3 ? b[p + 2] & 0xff : 0;
            switch (type) {
                case Ipv4Options.LSRR, Ipv4Options.SSRR -> {
                    if (optlen < 3) {
                        return p + 1 - nh;
                    }
                    if (ptr < 4) {
                        return p + 2 - nh;
                    }
                    if (IpCb.option(skb, IpCb.OPT_SRR) != 0) {
                        return p - nh; // RFC 1812 section 5.2.4.1: at most one source route
                    }
                    if (type == Ipv4Options.SSRR) {
                        addFlags(skb, STRICT_ROUTE);
                    }
                    IpCb.setOption(skb, IpCb.OPT_SRR, p - nh);
                }
                case Ipv4Options.RECORD_ROUTE -> {
                    if (IpCb.option(skb, IpCb.OPT_RR) != 0) {
                        return p - nh;
                    }
                    if (optlen < 3) {
                        return p + 1 - nh;
                    }
                    if (ptr < 4) {
                        return p + 2 - nh;
                    }
                    if (ptr <= optlen) {
                        if (ptr + 3 > optlen) {
                            return p + 2 - nh;
                        }
                        Bytes.put32(b, p + ptr - 1, specDst);
                        b[p + 2] = (byte) (ptr + 4);
                        addFlags(skb, RR_NEEDADDR);
                    }
                    IpCb.setOption(skb, IpCb.OPT_RR, p - nh);
                }
                case Ipv4Options.TIMESTAMP -> {
                    if (IpCb.option(skb, IpCb.OPT_TS) != 0) {
                        return p - nh;
                    }
                    if (optlen < 4) {
                        return p + 1 - nh;
                    }
                    if (ptr < 5) {
                        return p + 2 - nh;
                    }
                    int oflw = b[p + 3] & 0xff;
                    if (ptr <= optlen) {
                        if (ptr + 3 > optlen) {
                            return p + 2 - nh;
                        }
                        switch (oflw & 0xf) {
                            case TS_TSONLY -> {
                                Bytes.put32(b, p + ptr - 1, msSinceMidnight);
                                addFlags(skb, TS_NEEDTIME);
                                b[p + 2] = (byte) (ptr + 4);
                            }
                            case TS_TSANDADDR -> {
                                if (ptr + 7 > optlen) {
                                    return p + 2 - nh;
                                }
                                Bytes.put32(b, p + ptr - 1, specDst);
                                Bytes.put32(b, p + ptr + 3, msSinceMidnight);
                                addFlags(skb, TS_NEEDADDR | TS_NEEDTIME);
                                b[p + 2] = (byte) (ptr + 8);
                            }
                            case TS_PRESPEC -> {
                                if (ptr + 7 > optlen) {
                                    return p + 2 - nh;
                                }
                                // Only the host whose address is prespecified stamps it.
                                if (!unicast.test(Bytes.i32(b, p + ptr - 1))) {
                                    Bytes.put32(b, p + ptr + 3, msSinceMidnight);
                                    addFlags(skb, TS_NEEDTIME);
                                    b[p + 2] = (byte) (ptr + 8);
                                }
                            }
                            default -> {
                                // an unknown flag: Linux lets received ones pass untouched
                            }
                        }
                    } else if ((oflw & 0xf) != TS_PRESPEC) {
                        int overflow = oflw >>> 4;
                        if (overflow == 15) {
                            return p + 3 - nh;
                        }
                        b[p + 3] = (byte) ((oflw & 0xf) | ((overflow + 1) << 4));
                    }
                    IpCb.setOption(skb, IpCb.OPT_TS, p - nh);
                }
                case Ipv4Options.ROUTER_ALERT -> {
                    if (optlen < 4) {
                        return p + 1 - nh;
                    }
                    if (b[p + 2] == 0 && b[p + 3] == 0) {
                        IpCb.setOption(skb, IpCb.OPT_ROUTER_ALERT, p - nh);
                        IpCb.addFlags(skb, IpCb.ROUTER_ALERT);
                    }
                }
                default -> {
                    // security and other options: a received datagram's pass untouched
                }
            }
            p += optlen;
        }
        return -1;
    }

    /**
     * {@code ip_forward_options}: the outgoing address {@code src} over the addresses receipt
     * recorded in Record Route and Timestamp, and the next source-route hop as destination. The
     * caller recomputes the header checksum.
     */
    static void forward(SkBuff skb, byte[] b, int nh, int src) {
        int f = flags(skb);
        if ((f & RR_NEEDADDR) != 0) {
            int o = nh + IpCb.option(skb, IpCb.OPT_RR);
            Bytes.put32(b, o + (b[o + 2] & 0xff) - 5, src);
        }
        if ((f & SRR_IS_HIT) != 0) {
            int o = nh + IpCb.option(skb, IpCb.OPT_SRR);
            int nexthop = srrNextHop(skb);
            int space = b[o + 1] & 0xff;
            int ptr = b[o + 2] & 0xff;
            for (; ptr + 3 <= space; ptr += 4) {
                if (Bytes.i32(b, o + ptr - 1) == nexthop) {
                    break;
                }
            }
            if (ptr + 3 <= space) {
                Bytes.put32(b, nh + Ipv4Packet.DST_OFFSET, nexthop);
                Bytes.put32(b, o + ptr - 1, src);
                b[o + 2] = (byte) (ptr + 4);
            }
        }
        if ((f & TS_NEEDADDR) != 0) {
            int o = nh + IpCb.option(skb, IpCb.OPT_TS);
            Bytes.put32(b, o + (b[o + 2] & 0xff) - 9, src);
        }
    }

    /** The next source-route hop chosen on receipt (kept in cb[1]'s high half). */
    static int srrNextHop(SkBuff skb) {
        return (int) (skb.cb[1] >>> 32);
    }

    static void setSrrNextHop(SkBuff skb, int nexthop) {
        skb.cb[1] = (skb.cb[1] & 0xffff_ffffL) | ((long) nexthop << 32);
        addFlags(skb, SRR_IS_HIT);
    }

    /** Milliseconds since midnight UT at virtual time {@code nanos} (RFC 791's timestamp). */
    static int timestamp(long nanos) {
        return (int) ((nanos / 1_000_000L) % 86_400_000L);
    }
}
