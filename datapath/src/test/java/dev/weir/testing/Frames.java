package dev.weir.testing;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.EthernetRepr;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv4Repr;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.Ipv6Repr;
import dev.weir.api.wire.MacAddress;
import dev.weir.api.wire.TcpPacket;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbPool;
import java.util.Arrays;

/**
 * Builds Ethernet frames carrying TCP or UDP over IPv4 or IPv6, with correct checksums, for
 * tests of the NIC, NAPI, GRO and GSO. Fields are public and chainable; {@link Tcp#build()}
 * lays the headers out byte by byte (RFC 791, RFC 8200, RFC 9293, RFC 768). For the device and
 * neighbour layers: Ethernet and 802.1Q frames around any payload, IP datagrams from the wire
 * records, and buffers as the IP layer hands them to the neighbour layer.
 */
public final class Frames {
    private Frames() {}

    public static final long MAC_A = 0x02_00_00_00_00_01L;
    public static final long MAC_B = 0x02_00_00_00_00_02L;
    public static final int IP_A = 0x0a_00_00_01;
    public static final int IP_B = 0x0a_00_00_02;
    /** fd00::1 and fd00::2. */
    public static final long IP6_HI = 0xfd00_0000_0000_0000L;

    /** Deterministic payload bytes: byte i is a function of (seed, i). */
    public static byte[] payload(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 31 + seed * 7 + (i >>> 8));
        }
        return b;
    }

    /** The TCP timestamps option padded with two NOPs (12 bytes), as Linux sends it. */
    public static byte[] tsOption(int val, int ecr) {
        byte[] o = new byte[12];
        o[0] = 1;
        o[1] = 1;
        o[2] = 8;
        o[3] = 10;
        Bytes.put32(o, 4, val);
        Bytes.put32(o, 8, ecr);
        return o;
    }

    /** A buffer of {@code pool} holding {@code frame}, data at its first byte, with driver headroom. */
    public static SkBuff skb(SkbPool pool, byte[] frame) {
        SkBuff s = pool.alloc(frame.length, SkBuff.NET_SKB_PAD);
        s.putBytes(frame, 0, frame.length);
        return s;
    }

    public static Tcp tcp4() {
        return new Tcp(false);
    }

    public static Tcp tcp6() {
        return new Tcp(true);
    }

    /** A TCP (or, with {@link #udp}, UDP) segment in an Ethernet frame. */
    public static final class Tcp {
        public final boolean v6;
        public long srcMac = MAC_A;
        public long dstMac = MAC_B;
        public int src = IP_A;
        public int dst = IP_B;
        public long src6Lo = 1;
        public long dst6Lo = 2;
        public int sport = 40000;
        public int dport = 5001;
        public int seq = 1000;
        public int ack = 5000;
        public int flags = TcpPacket.ACK;
        public int window = 502;
        public byte[] options = tsOption(100, 200);
        public byte[] payload = new byte[0];
        public int ipId = 1;
        public boolean df = true;
        public int ttl = 64;
        public int tos = 0;
        public int flowLabel = 0x12345;
        public boolean udp;
        /** Extra IPv4 header bytes (options), a multiple of 4. */
        public byte[] ipOptions = new byte[0];

        Tcp(boolean v6) {
            this.v6 = v6;
        }

        public Tcp seq(int s) {
            seq = s;
            return this;
        }

        public Tcp ack(int a) {
            ack = a;
            return this;
        }

        public Tcp flags(int f) {
            flags = f;
            return this;
        }

        public Tcp payload(byte[] p) {
            payload = p;
            return this;
        }

        public Tcp payload(int len) {
            payload = Frames.payload(len, seq);
            return this;
        }

        public Tcp ports(int s, int d) {
            sport = s;
            dport = d;
            return this;
        }

        public Tcp addrs(int s, int d) {
            src = s;
            dst = d;
            return this;
        }

        public Tcp options(byte[] o) {
            options = o;
            return this;
        }

        public Tcp id(int i) {
            ipId = i;
            return this;
        }

        public Tcp udp() {
            udp = true;
            return this;
        }

        public int l4HeaderLength() {
            return udp ? 8 : 20 + options.length;
        }

        public int l3HeaderLength() {
            return v6 ? 40 : 20 + ipOptions.length;
        }

        public int length() {
            return 14 + l3HeaderLength() + l4HeaderLength() + payload.length;
        }

        public byte[] build() {
            int l3 = 14;
            int l3h = l3HeaderLength();
            int l4 = l3 + l3h;
            int l4h = l4HeaderLength();
            int l4len = l4h + payload.length;
            byte[] b = new byte[l4 + l4len];
            Bytes.put48(b, 0, dstMac);
            Bytes.put48(b, 6, srcMac);
            Bytes.put16(b, 12, v6 ? EtherType.IPV6 : EtherType.IPV4);
            int proto = udp ? IpProtocol.UDP : IpProtocol.TCP;
            long pseudo;
            if (v6) {
                Bytes.put32(b, l3, 0x6000_0000 | (tos << 20) | flowLabel);
                Bytes.put16(b, l3 + 4, l4len);
                b[l3 + 6] = (byte) proto;
                b[l3 + 7] = (byte) ttl;
                Bytes.put64(b, l3 + 8, IP6_HI);
                Bytes.put64(b, l3 + 16, src6Lo);
                Bytes.put64(b, l3 + 24, IP6_HI);
                Bytes.put64(b, l3 + 32, dst6Lo);
                pseudo = Checksum.pseudoHeaderV6(IP6_HI, src6Lo, IP6_HI, dst6Lo, proto, l4len);
            } else {
                b[l3] = (byte) (0x40 | (l3h / 4));
                b[l3 + 1] = (byte) tos;
                Bytes.put16(b, l3 + 2, l3h + l4len);
                Bytes.put16(b, l3 + 4, ipId);
                Bytes.put16(b, l3 + 6, df ? 0x4000 : 0);
                b[l3 + 8] = (byte) ttl;
                b[l3 + 9] = (byte) proto;
                Bytes.put32(b, l3 + 12, src);
                Bytes.put32(b, l3 + 16, dst);
                System.arraycopy(ipOptions, 0, b, l3 + 20, ipOptions.length);
                Bytes.put16(b, l3 + 10, Checksum.internet(b, l3, l3h));
                pseudo = Checksum.pseudoHeaderV4(src, dst, proto, l4len);
            }
            Bytes.put16(b, l4, sport);
            Bytes.put16(b, l4 + 2, dport);
            if (udp) {
                Bytes.put16(b, l4 + 4, l4len);
                System.arraycopy(payload, 0, b, l4 + 8, payload.length);
                int c = Checksum.finish(Checksum.add(pseudo, b, l4, l4len));
                Bytes.put16(b, l4 + 6, c == 0 ? 0xffff : c);
            } else {
                Bytes.put32(b, l4 + 4, seq);
                Bytes.put32(b, l4 + 8, ack);
                Bytes.put16(b, l4 + 12, ((l4h / 4) << 12) | flags);
                Bytes.put16(b, l4 + 14, window);
                System.arraycopy(options, 0, b, l4 + 20, options.length);
                System.arraycopy(payload, 0, b, l4 + l4h, payload.length);
                Bytes.put16(b, l4 + 16, Checksum.finish(Checksum.add(pseudo, b, l4, l4len)));
            }
            return b;
        }
    }

    /** An Ethernet frame around {@code payload}. */
    public static byte[] ether(long dst, long src, int type, byte[] payload) {
        EthernetRepr e = new EthernetRepr(new MacAddress(dst), new MacAddress(src), type);
        byte[] f = new byte[e.headerLength() + payload.length];
        int n = e.emit(f, 0);
        System.arraycopy(payload, 0, f, n, payload.length);
        return f;
    }

    /** An 802.1Q-tagged Ethernet frame around {@code payload}. */
    public static byte[] tagged(long dst, long src, int vid, int type, byte[] payload) {
        EthernetRepr e = new EthernetRepr(new MacAddress(dst), new MacAddress(src), type,
                java.util.List.of(EthernetRepr.VlanTag.dot1q(vid)));
        byte[] f = new byte[e.headerLength() + payload.length];
        int n = e.emit(f, 0);
        System.arraycopy(payload, 0, f, n, payload.length);
        return f;
    }

    /** An IPv4 datagram (UDP by protocol number, no options) with {@code data} bytes of payload 0x00, 0x01, ... */
    public static byte[] ipv4(String src, String dst, int ttl, int data) {
        Ipv4Repr r = new Ipv4Repr(Ipv4Address.parse(src), Ipv4Address.parse(dst), IpProtocol.UDP, ttl, data);
        byte[] p = new byte[r.bufferLength()];
        int h = r.emit(p, 0);
        for (int i = 0; i < data; i++) {
            p[h + i] = (byte) i;
        }
        return p;
    }

    /** An IPv6 packet (next header UDP) with {@code data} bytes of payload. */
    public static byte[] ipv6(String src, String dst, int hopLimit, int data) {
        Ipv6Repr r = new Ipv6Repr(Ipv6Address.parse(src), Ipv6Address.parse(dst), IpProtocol.UDP, data, hopLimit);
        byte[] p = new byte[r.bufferLength()];
        int h = r.emit(p, 0);
        for (int i = 0; i < data; i++) {
            p[h + i] = (byte) i;
        }
        return p;
    }

    /**
     * An skb as the IP layer hands one to the neighbour layer: {@code packet} (an IP datagram) with
     * room for the link-layer header, data and network header at its first byte, protocol set.
     */
    public static SkBuff ipSkb(SkbPool pool, byte[] packet) {
        SkBuff skb = pool.alloc(packet.length, SkBuff.MAX_HEADER);
        skb.putBytes(packet, 0, packet.length);
        skb.resetNetworkHeader();
        skb.setProtocol((packet[0] & 0xf0) == 0x60 ? EtherType.IPV6 : EtherType.IPV4);
        return skb;
    }

    /** The bytes of {@code frame} from {@code from}, for comparing what followed a header. */
    public static byte[] tail(byte[] frame, int from) {
        return Arrays.copyOfRange(frame, from, frame.length);
    }

    /** The EtherType of an untagged frame. */
    public static int type(byte[] frame) {
        return Bytes.u16(frame, 12);
    }

    public static long dst(byte[] frame) {
        return Bytes.u48(frame, 0);
    }

    public static long src(byte[] frame) {
        return Bytes.u48(frame, 6);
    }
}
