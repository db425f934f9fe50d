package dev.weir.plugins;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import java.util.Arrays;

/**
 * Frames and packets for the plugin tests, byte by byte with valid checksums: Ethernet II, IPv4
 * (20-byte header) or IPv6 (40), TCP (20-byte header), UDP, ICMP echo. {@link #checksumsValid}
 * re-checks an IPv4 packet after a program rewrote it.
 */
public final class Packets {
    public static final long MAC_A = 0x02_00_00_00_00_01L;
    public static final long MAC_B = 0x02_00_00_00_00_02L;

    public static final int SYN = 0x02;
    public static final int ACK = 0x10;
    public static final int FIN = 0x01;
    public static final int RST = 0x04;

    private Packets() {}

    public static int ip(String a) {
        return Ipv4Address.parse(a).bits();
    }

    /** An Ethernet frame around {@code ip} (EtherType from the IP version). */
    public static byte[] eth(byte[] ip) {
        byte[] f = new byte[14 + ip.length];
        Bytes.put48(f, 0, MAC_B);
        Bytes.put48(f, 6, MAC_A);
        Bytes.put16(f, 12, (ip[0] & 0xf0) == 0x60 ? 0x86dd : 0x0800);
        System.arraycopy(ip, 0, f, 14, ip.length);
        return f;
    }

    /** The IP packet inside an Ethernet frame. */
    public static byte[] strip(byte[] frame) {
        return Arrays.copyOfRange(frame, 14, frame.length);
    }

    public static byte[] udp4(String src, int sport, String dst, int dport, int payload) {
        byte[] l4 = new byte[8 + payload];
        Bytes.put16(l4, 0, sport);
        Bytes.put16(l4, 2, dport);
        Bytes.put16(l4, 4, l4.length);
        for (int i = 0; i < payload; i++) {
            l4[8 + i] = (byte) (i * 7);
        }
        return ipv4(ip(src), ip(dst), 17, l4, 6);
    }

    public static byte[] tcp4(String src, int sport, String dst, int dport, int flags, int payload) {
        byte[] l4 = new byte[20 + payload];
        Bytes.put16(l4, 0, sport);
        Bytes.put16(l4, 2, dport);
        Bytes.put32(l4, 4, 1000);
        Bytes.put32(l4, 8, (flags & ACK) != 0 ? 2000 : 0);
        l4[12] = 0x50;
        l4[13] = (byte) flags;
        Bytes.put16(l4, 14, 65535);
        for (int i = 0; i < payload; i++) {
            l4[20 + i] = (byte) (i * 3);
        }
        return ipv4(ip(src), ip(dst), 6, l4, 16);
    }

    /** An ICMP echo request (type 8) or reply (0). */
    public static byte[] icmp4(String src, String dst, int type, int id, int seq) {
        byte[] l4 = new byte[16];
        l4[0] = (byte) type;
        Bytes.put16(l4, 4, id);
        Bytes.put16(l4, 6, seq);
        Bytes.put16(l4, 2, Checksum.internet(l4, 0, l4.length));
        return ipv4(ip(src), ip(dst), 1, l4, -1);
    }

    private static byte[] ipv4(int src, int dst, int proto, byte[] l4, int csumAt) {
        byte[] p = new byte[20 + l4.length];
        p[0] = 0x45;
        Bytes.put16(p, 2, p.length);
        Bytes.put16(p, 4, 0x1234);
        p[8] = 64;
        p[9] = (byte) proto;
        Bytes.put32(p, 12, src);
        Bytes.put32(p, 16, dst);
        Bytes.put16(p, 10, Checksum.internet(p, 0, 20));
        if (csumAt >= 0) {
            long sum = Checksum.add(Checksum.pseudoHeaderV4(src, dst, proto, l4.length), l4, 0, l4.length);
            int c = Checksum.finish(sum);
            Bytes.put16(l4, csumAt, proto == 17 && c == 0 ? 0xffff : c);
        }
        System.arraycopy(l4, 0, p, 20, l4.length);
        return p;
    }

    public static byte[] udp6(String src, int sport, String dst, int dport, int payload) {
        Ipv6Address s = Ipv6Address.parse(src);
        Ipv6Address d = Ipv6Address.parse(dst);
        byte[] l4 = new byte[8 + payload];
        Bytes.put16(l4, 0, sport);
        Bytes.put16(l4, 2, dport);
        Bytes.put16(l4, 4, l4.length);
        long sum = Checksum.add(Checksum.pseudoHeaderV6(s.hi(), s.lo(), d.hi(), d.lo(), 17, l4.length), l4, 0, l4.length);
        int c = Checksum.finish(sum);
        Bytes.put16(l4, 6, c == 0 ? 0xffff : c);
        byte[] p = new byte[40 + l4.length];
        p[0] = 0x60;
        Bytes.put16(p, 4, l4.length);
        p[6] = 17;
        p[7] = 64;
        Bytes.put64(p, 8, s.hi());
        Bytes.put64(p, 16, s.lo());
        Bytes.put64(p, 24, d.hi());
        Bytes.put64(p, 32, d.lo());
        System.arraycopy(l4, 0, p, 40, l4.length);
        return p;
    }

    /** True when an IPv4 packet's header checksum and its TCP, UDP or ICMP checksum verify. */
    public static boolean checksumsValid(byte[] p) {
        if (!Checksum.verifies(p, 0, 20)) {
            return false;
        }
        int proto = p[9] & 0xff;
        int len = p.length - 20;
        if (proto == 1) {
            return Checksum.verifies(p, 20, len);
        }
        if (proto == 17 && Bytes.u16(p, 26) == 0) {
            return true;
        }
        long sum = Checksum.add(Checksum.pseudoHeaderV4(Bytes.i32(p, 12), Bytes.i32(p, 16), proto, len), p, 20, len);
        return Checksum.fold(sum) == 0xffff;
    }

    /** A (src, dst) swap of an IPv4 TCP/UDP packet with ports swapped too, flags set for TCP: the reply direction. */
    public static byte[] tcpReply(String src, int sport, String dst, int dport, int flags) {
        return tcp4(dst, dport, src, sport, flags, 0);
    }
}
