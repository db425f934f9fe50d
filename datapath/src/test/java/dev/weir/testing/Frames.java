package dev.weir.testing;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.EthernetRepr;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv4Repr;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.Ipv6Repr;
import dev.weir.api.wire.MacAddress;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbPool;
import java.util.Arrays;

/** Builders of frames and packets for the device and neighbour layer tests, from the wire records. */
public final class Frames {
    private Frames() {}

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
