package dev.weir.ip;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv6FragmentHeader;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.core.Counters;
import dev.weir.core.Mib;
import dev.weir.core.NetNs;
import dev.weir.netfilter.NfOkFn;
import dev.weir.sim.SimRandom;
import dev.weir.skb.SkBuff;

/**
 * Cuts an IPv6 packet into fragments at its source, as Linux's {@code ip6_fragment} (slow path)
 * does (RFC 8200 section 4.5):
 * <ul>
 *   <li>the unfragmentable part is the fixed header with the Hop-by-Hop and Routing headers and
 *       any Destination Options header before the Routing header; Linux also counts a
 *       Destination Options header with no Routing header after it as unfragmentable
 *       ({@code ip6_find_1stfragopt}), and so does Weir;
 *   <li>each fragment is that part, with the Next Header that named what followed it now naming
 *       44, a Fragment header (the original Next Header, offset, M on all but the last, the one
 *       identification), and {@code (mtu - unfragmentable - 8) & ~7} data bytes (the rest in the
 *       last);
 *   <li>{@code Ip6FragCreates} counts each fragment and {@code Ip6FragOKs} the packet.
 * </ul>
 * Routers never fragment IPv6 (RFC 8200 section 5): the caller only fragments what this host
 * sends. Identifications come from {@link #nextId()}: random, never 0, from the host's random
 * source, as Linux's {@code ipv6_select_ident}.
 */
final class Ipv6Fragmenter {
    /** {@link #fragment} results. */
    static final int OK = 0;
    /** The MTU cannot hold the unfragmentable part, a Fragment header and 8 bytes: send packet too big. */
    static final int TOO_BIG = 1;
    /** The extension header chain is malformed. */
    static final int BAD_HEADERS = 2;

    private final NetNs net;
    private final Counters counters;
    private final SimRandom random;
    private final byte[] unfrag = new byte[65_535];
    /** Set by {@link #unfragmentableLength}: offset from the network header of the Next Header octet before the fragmentable part. */
    private int prevHdr;

    Ipv6Fragmenter(NetNs net, SimRandom random) {
        this.net = net;
        this.counters = net.counters();
        this.random = random;
    }

    /** A fresh Fragment identification, never 0. */
    int nextId() {
        int id;
        do {
            id = (int) random.nextLong();
        } while (id == 0);
        return id;
    }

    /**
     * {@code ip6_find_1stfragopt}: the length of the unfragmentable part of the packet at
     * {@code nh}, {@code len} bytes, or -1 when the chain runs past the packet.
     */
    int unfragmentableLength(byte[] b, int nh, int len) {
        int offset = Ipv6Packet.HEADER_LEN;
        prevHdr = Ipv6Packet.NEXT_HEADER_OFFSET;
        boolean foundRouting = false;
        while (offset <= len) {
            switch (b[nh + prevHdr] & 0xff) {
                case IpProtocol.HOPOPTS -> { }
                case IpProtocol.ROUTING -> foundRouting = true;
                case IpProtocol.DSTOPTS -> {
                    if (foundRouting) {
                        return offset;
                    }
                }
                default -> {
                    return offset;
                }
            }
            if (offset + 2 > len) {
                return -1;
            }
            int hl = ((b[nh + offset + 1] & 0xff) + 1) * 8;
            prevHdr = offset;
            offset += hl;
        }
        return -1;
    }

    /**
     * Fragments {@code skb} (data at its IPv6 header, length its packet length) so that each
     * fragment is at most {@code mtu} bytes, with identification {@code id}, handing each to
     * {@code out}. On {@link #OK} the packet is consumed; on {@link #TOO_BIG} or
     * {@link #BAD_HEADERS} it is left to the caller ({@code Ip6FragFails} is counted).
     */
    int fragment(SkBuff skb, int mtu, int id, NfOkFn out) {
        skb.linearize();
        byte[] b = skb.buf();
        int nh = skb.data();
        int hlen = unfragmentableLength(b, nh, skb.len());
        if (hlen < 0) {
            counters.inc(Mib.Ip6FragFails);
            return BAD_HEADERS;
        }
        if (mtu < hlen + Ipv6FragmentHeader.LEN + 8) {
            counters.inc(Mib.Ip6FragFails);
            return TOO_BIG;
        }
        int room = mtu - hlen - Ipv6FragmentHeader.LEN;
        int nextHeader = b[nh + prevHdr] & 0xff;
        System.arraycopy(b, nh, unfrag, 0, hlen);
        unfrag[prevHdr] = (byte) IpProtocol.FRAGMENT;
        int left = skb.len() - hlen;
        int ptr = nh + hlen;
        int offset = 0;
        while (left > 0) {
            int len = Math.min(left, room);
            if (len < left) {
                len &= ~7;
            }
            int total = hlen + Ipv6FragmentHeader.LEN + len;
            SkBuff frag = net.pool().alloc(total, Skbs.LL_RESERVED);
            Skbs.copyMetadata(skb, frag);
            int at = frag.put(total);
            byte[] fb = frag.buf();
            System.arraycopy(unfrag, 0, fb, at, hlen);
            Bytes.put16(fb, at + Ipv6Packet.PAYLOAD_LENGTH_OFFSET, total - Ipv6Packet.HEADER_LEN);
            int fh = at + hlen;
            left -= len;
            fb[fh] = (byte) nextHeader;
            fb[fh + 1] = 0;
            Bytes.put16(fb, fh + Ipv6FragmentHeader.OFFSET_FLAGS_OFFSET, offset | (left > 0 ? 1 : 0));
            Bytes.put32(fb, fh + Ipv6FragmentHeader.IDENTIFICATION_OFFSET, id);
            System.arraycopy(b, ptr, fb, fh + Ipv6FragmentHeader.LEN, len);
            frag.resetNetworkHeader();
            frag.setTransportHeader(fh + Ipv6FragmentHeader.LEN);
            ptr += len;
            offset += len;
            counters.inc(Mib.Ip6FragCreates);
            out.ok(frag);
        }
        counters.inc(Mib.Ip6FragOKs);
        skb.consume();
        return OK;
    }
}
