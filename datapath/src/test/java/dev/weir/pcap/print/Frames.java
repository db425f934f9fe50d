package dev.weir.pcap.print;

import dev.weir.api.wire.ArpRepr;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.EthernetRepr;
import dev.weir.api.wire.Icmpv4Repr;
import dev.weir.api.wire.Icmpv6Repr;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv4Repr;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.Ipv6ExtHeader;
import dev.weir.api.wire.Ipv6Repr;
import dev.weir.api.wire.MacAddress;
import dev.weir.api.wire.Octets;
import dev.weir.api.wire.TcpOption;
import dev.weir.api.wire.TcpRepr;
import dev.weir.api.wire.UdpRepr;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds test frames with the wire records' emitters (checksums included), for comparing the
 * printer with tcpdump on traffic the fixtures lack. Two hosts: A (02:00:00:00:00:01, 10.0.0.1,
 * fd00::1) and B (...:02, 10.0.0.2, fd00::2).
 */
final class Frames {
    static final MacAddress MAC_A = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress MAC_B = MacAddress.parse("02:00:00:00:00:02");
    static final Ipv4Address A = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address B = Ipv4Address.parse("10.0.0.2");
    static final Ipv6Address A6 = Ipv6Address.parse("fd00::1");
    static final Ipv6Address B6 = Ipv6Address.parse("fd00::2");

    private Frames() {}

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static Octets join(Octets... parts) {
        byte[][] arrays = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            arrays[i] = parts[i].toByteArray();
        }
        return Octets.copyOf(concat(arrays));
    }

    /** A copy of {@code b} with the 16-bit field at {@code off} set to {@code value}: a header made wrong on purpose. */
    static byte[] with16(byte[] b, int off, int value) {
        byte[] c = b.clone();
        Bytes.put16(c, off, value);
        return c;
    }

    /** A copy of {@code b} with the byte at {@code off} set to {@code value}. */
    static byte[] with8(byte[] b, int off, int value) {
        byte[] c = b.clone();
        c[off] = (byte) value;
        return c;
    }

    static byte[] hex(String hex) {
        return Bytes.fromHex(hex);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] ether(int etherType, byte[] payload) {
        return ether(new EthernetRepr(MAC_B, MAC_A, etherType), payload);
    }

    static byte[] ether(EthernetRepr h, byte[] payload) {
        byte[] b = new byte[h.headerLength() + payload.length];
        int n = h.emit(b, 0);
        System.arraycopy(payload, 0, b, n, payload.length);
        return b;
    }

    static byte[] ipv4Frame(byte[] ipPacket) {
        return ether(EtherType.IPV4, ipPacket);
    }

    static byte[] ipv6Frame(byte[] ipPacket) {
        return ether(EtherType.IPV6, ipPacket);
    }

    static byte[] arp(ArpRepr r) {
        byte[] b = new byte[r.bufferLength()];
        r.emit(b, 0);
        return ether(EtherType.ARP, b);
    }

    /** An IPv4 packet, DF set, TTL 64, identification 1. */
    static byte[] ipv4(Ipv4Address src, Ipv4Address dst, int protocol, byte[] payload) {
        return ipv4(new Ipv4Repr(src, dst, protocol, 64, 0, 0, 1, true, false, 0, Octets.EMPTY, payload.length), payload);
    }

    static byte[] ipv4(Ipv4Repr h, byte[] payload) {
        byte[] b = new byte[h.headerLength() + payload.length];
        int n = h.emit(b, 0);
        System.arraycopy(payload, 0, b, n, payload.length);
        return b;
    }

    /** An IPv6 packet, hop limit 64, with extension headers (in order) before {@code payload}. */
    static byte[] ipv6(Ipv6Address src, Ipv6Address dst, int nextHeader, byte[] payload, Ipv6ExtHeader... ext) {
        int extLen = 0;
        for (Ipv6ExtHeader h : ext) {
            extLen += h.headerLength();
        }
        Ipv6Repr h = new Ipv6Repr(src, dst, ext.length > 0 ? ext[0].protocol() : nextHeader, extLen + payload.length, 64);
        byte[] b = new byte[40 + extLen + payload.length];
        int at = h.emit(b, 0);
        for (Ipv6ExtHeader e : ext) {
            at += e.emit(b, at);
        }
        System.arraycopy(payload, 0, b, at, payload.length);
        return b;
    }

    static byte[] icmp4(Icmpv4Repr r) {
        byte[] b = new byte[r.bufferLength()];
        r.emit(b, 0);
        return b;
    }

    static byte[] icmp6(Icmpv6Repr r, Ipv6Address src, Ipv6Address dst) {
        byte[] b = new byte[r.bufferLength()];
        r.emit(b, 0, src, dst);
        return b;
    }

    /** An ICMPv6 message in an IPv6 packet from {@code src} to {@code dst}, in an Ethernet frame. */
    static byte[] icmp6Frame(Icmpv6Repr r, Ipv6Address src, Ipv6Address dst) {
        return ipv6Frame(ipv6(src, dst, IpProtocol.ICMPV6, icmp6(r, src, dst)));
    }

    static byte[] udp4(Ipv4Address src, Ipv4Address dst, int sport, int dport, byte[] payload) {
        UdpRepr u = new UdpRepr(sport, dport, payload.length);
        byte[] b = concat(new byte[8], payload);
        u.emit(b, 0, Checksum.pseudoHeaderV4(src.bits(), dst.bits(), IpProtocol.UDP, u.bufferLength()), b, 8);
        return b;
    }

    static byte[] udp6(Ipv6Address src, Ipv6Address dst, int sport, int dport, byte[] payload) {
        UdpRepr u = new UdpRepr(sport, dport, payload.length);
        byte[] b = concat(new byte[8], payload);
        u.emit(b, 0, Checksum.pseudoHeaderV6(src.hi(), src.lo(), dst.hi(), dst.lo(), IpProtocol.UDP, u.bufferLength()), b, 8);
        return b;
    }

    static TcpRepr tcpHeader(int sport, int dport, long seq, long ack, int flags, int window, List<TcpOption> options,
            int payloadLength) {
        // Sequence space wraps at 2^32 (RFC 9293 section 3.4).
        return new TcpRepr(sport, dport, seq & 0xffff_ffffL, ack & 0xffff_ffffL, flags, window, options, payloadLength);
    }

    static byte[] tcp4(Ipv4Address src, Ipv4Address dst, TcpRepr h, byte[] payload) {
        byte[] b = concat(new byte[h.headerLength()], payload);
        h.emit(b, 0, Checksum.pseudoHeaderV4(src.bits(), dst.bits(), IpProtocol.TCP, h.bufferLength()), b, h.headerLength());
        return b;
    }

    static byte[] tcp6(Ipv6Address src, Ipv6Address dst, TcpRepr h, byte[] payload) {
        byte[] b = concat(new byte[h.headerLength()], payload);
        h.emit(b, 0, Checksum.pseudoHeaderV6(src.hi(), src.lo(), dst.hi(), dst.lo(), IpProtocol.TCP, h.bufferLength()),
                b, h.headerLength());
        return b;
    }

    /** A TCP segment from A to B (or B to A when {@code fromB}) over IPv4 in an Ethernet frame. */
    static byte[] tcp4Frame(boolean fromB, TcpRepr h, byte[] payload) {
        Ipv4Address s = fromB ? B : A;
        Ipv4Address d = fromB ? A : B;
        return ipv4Frame(ipv4(s, d, IpProtocol.TCP, tcp4(s, d, h, payload)));
    }
}
