package dev.weir.neigh;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.WireError;
import dev.weir.core.DropReason;
import dev.weir.core.InetAddress4;
import dev.weir.core.InetAddress6;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.l2.L2;
import dev.weir.sim.Simulation;
import dev.weir.skb.SkBuff;
import dev.weir.testing.Frames;
import dev.weir.testing.TestNic;
import java.util.ArrayList;
import java.util.List;

/**
 * One host for the neighbour tests: a namespace with the device layer, ARP and NDP, one
 * {@link TestNic} eth0 with IPv4 {@code 10.0.0.N/24} and IPv6 {@code fd00::N/64} and
 * {@code fe80::ff:fe00:N/64} (the link-local address of its MAC 02:00:00:00:00:0N), as in the
 * capture fixtures. Stand-ins for the IP layers record the IP packets delivered to the host,
 * and hand ICMPv6 types 133..137 to {@link Ndisc#ndiscRcv} as ipv6_rcv and icmpv6_rcv would.
 */
final class Host {
    final NetNs net;
    final L2 l2;
    final Arp arp;
    final Ndisc ndisc;
    final TestNic eth0;
    final int n;
    /** IP packets (from the IP header) delivered to this host, and their pkt_type. */
    final List<byte[]> delivered = new ArrayList<>();
    /** Neighbour state changes: "ADDRESS OLD>NEW @nanos". */
    final List<String> changes = new ArrayList<>();

    Host(Simulation sim, int n) {
        this.n = n;
        net = new NetNs("h" + n, sim.scheduler(), sim.rootRandom().split("h" + n), 1);
        l2 = L2.install(net);
        arp = Arp.install(l2);
        ndisc = Ndisc.install(l2);
        eth0 = new TestNic(net, "eth0", mac(n));
        net.register(eth0);
        eth0.open();
        eth0.setCarrier(true); // until plugged into a link, whose state it then follows
        int v4 = Ipv4Address.parse("10.0.0." + n).bits();
        eth0.ipv4AddressList().add(new InetAddress4(v4, 24, v4 | 0xff, InetAddress4.SCOPE_UNIVERSE, false));
        eth0.ipv6AddressList().add(new InetAddress6(Ipv6Address.parse("fd00::" + n), 64, InetAddress4.SCOPE_UNIVERSE, true));
        eth0.ipv6AddressList().add(new InetAddress6(Ipv6Address.linkLocal(new dev.weir.api.wire.MacAddress(mac(n))), 64,
                InetAddress4.SCOPE_LINK, true));
        l2.register(EtherType.IPV4, (skb, dev) -> {
            delivered.add(skb.toByteArray());
            skb.consume();
        });
        l2.register(EtherType.IPV6, this::ipv6Rcv);
        NeighTable.Listener l = (nb, old) -> changes.add(nb.address() + " " + Nud.names(old).trim() + ">"
                + Nud.names(nb.state()).trim() + " @" + net.now());
        arp.addListener(l);
        ndisc.addListener(l);
    }

    static long mac(int n) {
        return 0x02_00_00_00_00_00L | n;
    }

    /** What ipv6_rcv and icmpv6_rcv do before ndisc_rcv: headers set, pulled to ICMPv6, trimmed to the payload length. */
    private void ipv6Rcv(SkBuff skb, NetDevice dev) {
        skb.linearize();
        byte[] b = skb.buf();
        int nh = skb.data();
        if (new Ipv6Packet().wrap(b, nh, skb.len()) != WireError.OK) {
            net.drop(skb, DropReason.IP_INHDR); // ipv6_rcv's header checks
            return;
        }
        int payload = Bytes.u16(b, nh + Ipv6Packet.PAYLOAD_LENGTH_OFFSET);
        int type = skb.len() > Ipv6Packet.HEADER_LEN ? b[nh + Ipv6Packet.HEADER_LEN] & 0xff : -1;
        if ((b[nh + Ipv6Packet.NEXT_HEADER_OFFSET] & 0xff) == IpProtocol.ICMPV6
                && type >= Icmpv6Packet.ROUTER_SOLICITATION && type <= Icmpv6Packet.REDIRECT) {
            skb.trim(Ipv6Packet.HEADER_LEN + payload);
            skb.pull(Ipv6Packet.HEADER_LEN);
            skb.resetTransportHeader();
            ndisc.ndiscRcv(skb);
            return;
        }
        delivered.add(skb.toByteArray());
        skb.consume();
    }

    /** Hands an IPv4 datagram from this host to {@code dst} (also the next hop) to ARP. */
    int sendV4(String dst, int data) {
        SkBuff skb = Frames.ipSkb(net.pool(), Frames.ipv4("10.0.0." + n, dst, 64, data));
        return arp.output(skb, Ipv4Address.parse(dst).bits(), eth0);
    }

    /** Hands an IPv6 packet from {@code src} to {@code dst} (also the next hop) to NDP. */
    int sendV6(String src, String dst, int data) {
        SkBuff skb = Frames.ipSkb(net.pool(), Frames.ipv6(src, dst, 64, data));
        Ipv6Address d = Ipv6Address.parse(dst);
        return ndisc.output(skb, d.hi(), d.lo(), eth0);
    }

    Neighbour v4(String addr) {
        return arp.lookup(Ipv4Address.parse(addr).bits(), eth0);
    }

    Neighbour v6(String addr) {
        return ndisc.lookup(Ipv6Address.parse(addr), eth0);
    }
}
