package dev.weir.api.prog;

import dev.weir.api.wire.ArpPacket;
import dev.weir.api.wire.EthernetFrame;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6ExtHeaders;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.TcpPacket;
import dev.weir.api.wire.UdpPacket;

/**
 * One reusable instance of each wire view, owned by a context, so a program can parse headers
 * without allocating (it may not create views itself). Each view keeps whatever it was last
 * wrapped over, possibly from an earlier run: always {@code wrap} before reading, and check the
 * result.
 */
public final class WireViews {
    private final EthernetFrame eth = new EthernetFrame();
    private final ArpPacket arp = new ArpPacket();
    private final Ipv4Packet ipv4 = new Ipv4Packet();
    private final Ipv6Packet ipv6 = new Ipv6Packet();
    private final Ipv6ExtHeaders ipv6Ext = new Ipv6ExtHeaders();
    private final TcpPacket tcp = new TcpPacket();
    private final UdpPacket udp = new UdpPacket();
    private final Icmpv4Packet icmpv4 = new Icmpv4Packet();
    private final Icmpv6Packet icmpv6 = new Icmpv6Packet();

    /** For the runtime: one per context. */
    public WireViews() {}

    public EthernetFrame eth() {
        return eth;
    }

    public ArpPacket arp() {
        return arp;
    }

    public Ipv4Packet ipv4() {
        return ipv4;
    }

    public Ipv6Packet ipv6() {
        return ipv6;
    }

    /** The IPv6 extension-header walker. */
    public Ipv6ExtHeaders ipv6Ext() {
        return ipv6Ext;
    }

    public TcpPacket tcp() {
        return tcp;
    }

    public UdpPacket udp() {
        return udp;
    }

    public Icmpv4Packet icmpv4() {
        return icmpv4;
    }

    public Icmpv6Packet icmpv6() {
        return icmpv6;
    }
}
