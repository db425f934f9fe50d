package dev.weir.udp;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6Packet;

/**
 * The source and destination of an IP header, read into two longs each as the routing stage
 * keeps addresses (IPv4 in the low 32 bits of {@code lo}); one per protocol, reused for every
 * packet, so reading them allocates nothing.
 */
final class IpAddrs {
    long sHi;
    long sLo;
    long dHi;
    long dLo;

    /** Reads the addresses of the IPv4 or IPv6 header at {@code at}. */
    IpAddrs read(byte[] b, int at, boolean v6) {
        if (v6) {
            sHi = Bytes.i64(b, at + Ipv6Packet.SRC_OFFSET);
            sLo = Bytes.i64(b, at + Ipv6Packet.SRC_OFFSET + 8);
            dHi = Bytes.i64(b, at + Ipv6Packet.DST_OFFSET);
            dLo = Bytes.i64(b, at + Ipv6Packet.DST_OFFSET + 8);
        } else {
            sHi = 0;
            sLo = Bytes.i32(b, at + Ipv4Packet.SRC_OFFSET) & 0xffff_ffffL;
            dHi = 0;
            dLo = Bytes.i32(b, at + Ipv4Packet.DST_OFFSET) & 0xffff_ffffL;
        }
        return this;
    }
}
