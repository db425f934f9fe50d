package dev.weir.skb;

import dev.weir.api.wire.Bytes;

/**
 * The software flow hash of a packet (Linux's {@code skb_get_hash} over the flow dissector's
 * keys): what fq_codel, fq, RPS and transmit-queue selection use to tell flows apart.
 *
 * <p><b>What is hashed.</b> The EtherType, the VLAN id (from the tag in the frame or the one
 * hardware stripped), the IP protocol, the IPv6 flow label, the source and destination addresses
 * and, for TCP, UDP, UDP-Lite, SCTP and DCCP, the ports. Addresses and ports enter in a canonical
 * order (lower address first, then lower port), as Linux's {@code __flow_hash_consistentify}
 * does, so both directions of a connection get the same hash. A fragment (IPv4 MF or offset, an
 * IPv6 fragment header) is hashed without ports, as Linux does by default: every fragment of a
 * datagram then falls in the same flow. The mixing is seeded (Linux's {@code hashrnd}); a host
 * passes one seed to every user so that they agree.
 *
 * <p><b>Where parsing starts.</b> At the network header when the stack has set it together
 * with {@link SkBuff#protocol()} (receive after {@code eth_type_trans}, transmit after the IP
 * layer); otherwise at the MAC header (or {@link SkBuff#data()}) as an Ethernet frame. Up to two
 * VLAN tags (802.1Q, 802.1ad) are walked; IPv6 extension headers (hop-by-hop, routing,
 * destination options, fragment, AH) are skipped, at most {@value #MAX_EXT_HEADERS} of them.
 *
 * <p><b>Robustness.</b> Only the linear part is read. A truncated or malformed header ends the
 * parse where it is: the hash covers what was read before it and {@code l4} is false. Nothing
 * here throws on packet contents or allocates.
 */
public final class FlowDissector {
    public static final int ETH_P_IP = 0x0800;
    public static final int ETH_P_IPV6 = 0x86dd;
    public static final int ETH_P_8021Q = 0x8100;
    public static final int ETH_P_8021AD = 0x88a8;

    static final int ETH_HLEN = 14;
    static final int MAX_VLAN_TAGS = 2;
    static final int MAX_EXT_HEADERS = 8;

    private static final int IPPROTO_HOPOPTS = 0;
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;
    private static final int IPPROTO_DCCP = 33;
    private static final int IPPROTO_ROUTING = 43;
    private static final int IPPROTO_FRAGMENT = 44;
    private static final int IPPROTO_AH = 51;
    private static final int IPPROTO_DSTOPTS = 60;
    private static final int IPPROTO_SCTP = 132;
    private static final int IPPROTO_UDPLITE = 136;

    /** Bit set in {@link #dissect}'s result when ports were hashed (Linux's skb->l4_hash). */
    static final long L4 = 1L << 32;

    private FlowDissector() {}

    /** The flow hash of {@code skb} (never 0), computed from its bytes; {@code skb} is not changed. */
    public static int hash(SkBuff skb, int seed) {
        return (int) dissect(skb, seed);
    }

    /**
     * Linux's {@code skb_get_hash}: the hash already on the buffer (a NIC's RSS hash or an
     * earlier computation), else computes it and stores it with {@link SkBuff#setHash}.
     */
    public static int getHash(SkBuff skb, int seed) {
        int h = skb.hash();
        if (h != 0) {
            return h;
        }
        long r = dissect(skb, seed);
        skb.setHash((int) r, (r & L4) != 0);
        return (int) r;
    }

    /**
     * Where the IP header of {@code skb} is: {@code (etherType << 32) | offsetInBuf}, or -1 when
     * the packet is not IPv4/IPv6 or its link-layer headers are truncated. The offset indexes
     * {@link SkBuff#buf()}; the caller checks that the header it reads fits before
     * {@link SkBuff#tail()}.
     */
    public static long locateNetworkHeader(SkBuff skb) {
        long l2 = walkLinkLayer(skb);
        int proto = l2Proto(l2);
        if (l2Truncated(l2) || (proto != ETH_P_IP && proto != ETH_P_IPV6)) {
            return -1;
        }
        return ((long) proto << 32) | l2Offset(l2);
    }

    private static final int L2_TRUNCATED = 0xfffff;

    /**
     * Where the network header starts: at the network header when the stack set it with
     * {@link SkBuff#protocol()}, else past the Ethernet header at the MAC header (or data), then
     * past up to {@value #MAX_VLAN_TAGS} VLAN tags. Packed as offset (bits 0-19,
     * {@link #L2_TRUNCATED} when a header is cut short), EtherType (bits 20-35) and the VLAN id
     * (bits 36-47; from the innermost tag, or the one the NIC stripped).
     */
    private static long walkLinkLayer(SkBuff skb) {
        byte[] b = skb.buf();
        int end = skb.tail();
        long vlan = skb.vlanTci() >= 0 ? skb.vlanTci() & 0xfff : 0;
        int off;
        int proto;
        int nh = skb.networkHeader();
        if (nh >= 0 && nh <= end && skb.protocol() != 0) {
            off = nh;
            proto = skb.protocol();
        } else {
            off = skb.macHeaderSet() ? skb.macHeader() : skb.data();
            if (off < 0 || off + ETH_HLEN > end) {
                return L2_TRUNCATED | (vlan << 36);
            }
            proto = Bytes.u16(b, off + 12);
            off += ETH_HLEN;
        }
        for (int tags = 0; tags < MAX_VLAN_TAGS && (proto == ETH_P_8021Q || proto == ETH_P_8021AD); tags++) {
            if (off + 4 > end) {
                return L2_TRUNCATED | ((long) proto << 20) | (vlan << 36);
            }
            vlan = Bytes.u16(b, off) & 0xfff;
            proto = Bytes.u16(b, off + 2);
            off += 4;
        }
        if (off >= L2_TRUNCATED) {
            return L2_TRUNCATED | ((long) proto << 20) | (vlan << 36);
        }
        return off | ((long) proto << 20) | (vlan << 36);
    }

    private static int l2Offset(long l2) {
        return (int) (l2 & 0xfffff);
    }

    private static boolean l2Truncated(long l2) {
        return l2Offset(l2) == L2_TRUNCATED;
    }

    private static int l2Proto(long l2) {
        return (int) ((l2 >>> 20) & 0xffff);
    }

    private static int l2Vlan(long l2) {
        return (int) ((l2 >>> 36) & 0xfff);
    }

    /** The hash in the low 32 bits, {@link #L4} set when ports were part of it. */
    static long dissect(SkBuff skb, int seed) {
        long l2 = walkLinkLayer(skb);
        int proto = l2Proto(l2);
        int vlan = l2Vlan(l2);
        if (!l2Truncated(l2)) {
            if (proto == ETH_P_IP) {
                return dissectIpv4(skb.buf(), l2Offset(l2), skb.tail(), seed, vlan);
            }
            if (proto == ETH_P_IPV6) {
                return dissectIpv6(skb.buf(), l2Offset(l2), skb.tail(), seed, vlan);
            }
        }
        return finish(seed, proto, vlan, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static long dissectIpv4(byte[] b, int off, int end, int seed, int vlan) {
        if (off + 20 > end || (b[off] & 0xf0) != 0x40) {
            return finish(seed, ETH_P_IP, vlan, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        int ihl = (b[off] & 0x0f) * 4;
        int ipProto = b[off + 9] & 0xff;
        int src = Bytes.i32(b, off + 12);
        int dst = Bytes.i32(b, off + 16);
        boolean fragment = (Bytes.u16(b, off + 6) & 0x3fff) != 0;
        int ports = 0;
        boolean l4 = false;
        int l4off = off + ihl;
        if (ihl >= 20 && !fragment && hasPorts(ipProto) && l4off + 4 <= end) {
            ports = Bytes.i32(b, l4off);
            l4 = true;
        }
        return finish(seed, ETH_P_IP, vlan, ipProto, 0, 0, 0, 0, src, 0, 0, 0, dst, l4 ? ports : 0) | (l4 ? L4 : 0);
    }

    private static long dissectIpv6(byte[] b, int off, int end, int seed, int vlan) {
        if (off + 40 > end || (b[off] & 0xf0) != 0x60) {
            return finish(seed, ETH_P_IPV6, vlan, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        int label = Bytes.i32(b, off) & 0xfffff;
        int next = b[off + 6] & 0xff;
        int s0 = Bytes.i32(b, off + 8);
        int s1 = Bytes.i32(b, off + 12);
        int s2 = Bytes.i32(b, off + 16);
        int s3 = Bytes.i32(b, off + 20);
        int d0 = Bytes.i32(b, off + 24);
        int d1 = Bytes.i32(b, off + 28);
        int d2 = Bytes.i32(b, off + 32);
        int d3 = Bytes.i32(b, off + 36);
        int p = off + 40;
        boolean fragment = false;
        boolean truncated = false;
        for (int i = 0; i < MAX_EXT_HEADERS && !truncated; i++) {
            if (next == IPPROTO_HOPOPTS || next == IPPROTO_ROUTING || next == IPPROTO_DSTOPTS) {
                if (p + 8 > end) {
                    truncated = true;
                } else {
                    next = b[p] & 0xff;
                    p += ((b[p + 1] & 0xff) + 1) * 8;
                }
            } else if (next == IPPROTO_FRAGMENT) {
                if (p + 8 > end) {
                    truncated = true;
                } else {
                    // Offset or M flag set: a fragment; its transport header is not for us to read.
                    fragment |= (Bytes.u16(b, p + 2) & 0xfff9) != 0;
                    next = b[p] & 0xff;
                    p += 8;
                }
            } else if (next == IPPROTO_AH) {
                if (p + 8 > end) {
                    truncated = true;
                } else {
                    next = b[p] & 0xff;
                    p += ((b[p + 1] & 0xff) + 2) * 4;
                }
            } else {
                break;
            }
        }
        int ports = 0;
        boolean l4 = false;
        if (!truncated && !fragment && hasPorts(next) && p + 4 <= end) {
            ports = Bytes.i32(b, p);
            l4 = true;
        }
        int ipProto = truncated ? 0 : next;
        return finish(seed, ETH_P_IPV6, vlan, ipProto, label, s0, s1, s2, s3, d0, d1, d2, d3, l4 ? ports : 0) | (l4 ? L4 : 0);
    }

    private static boolean hasPorts(int ipProto) {
        return ipProto == IPPROTO_TCP || ipProto == IPPROTO_UDP || ipProto == IPPROTO_UDPLITE
                || ipProto == IPPROTO_SCTP || ipProto == IPPROTO_DCCP;
    }

    /**
     * Mixes the keys in canonical order: the endpoints are swapped when the destination address
     * (then port) is the lower, so a reply hashes like its request. IPv4 addresses come in
     * {@code s3}/{@code d3} with the other words zero.
     */
    private static long finish(int seed, int etherType, int vlan, int ipProto, int label,
                               int s0, int s1, int s2, int s3, int d0, int d1, int d2, int d3, int ports) {
        int sport = ports >>> 16;
        int dport = ports & 0xffff;
        int cmp = compareUnsigned(d0, s0);
        cmp = cmp != 0 ? cmp : compareUnsigned(d1, s1);
        cmp = cmp != 0 ? cmp : compareUnsigned(d2, s2);
        cmp = cmp != 0 ? cmp : compareUnsigned(d3, s3);
        if (cmp < 0 || (cmp == 0 && dport < sport)) {
            int t;
            t = s0; s0 = d0; d0 = t;
            t = s1; s1 = d1; d1 = t;
            t = s2; s2 = d2; d2 = t;
            t = s3; s3 = d3; d3 = t;
            t = sport; sport = dport; dport = t;
        }
        int h = seed;
        h = mix(h, etherType | (ipProto << 16));
        h = mix(h, vlan | (label << 12));
        h = mix(h, s0);
        h = mix(h, s1);
        h = mix(h, s2);
        h = mix(h, s3);
        h = mix(h, d0);
        h = mix(h, d1);
        h = mix(h, d2);
        h = mix(h, d3);
        h = mix(h, (sport << 16) | dport);
        h = fmix(h ^ 44);
        return (h == 0 ? 1 : h) & 0xffff_ffffL;
    }

    private static int compareUnsigned(int a, int b) {
        return Integer.compareUnsigned(a, b);
    }

    /** One round of MurmurHash3's 32-bit body: multiply, rotate, multiply, fold into h. */
    private static int mix(int h, int k) {
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1b873593;
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    /** MurmurHash3's finaliser: every input bit reaches every output bit. */
    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
