package dev.weir.ip;

import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.core.NetNs;
import dev.weir.l2.L2;
import dev.weir.neigh.Arp;
import dev.weir.neigh.Ndisc;
import dev.weir.netfilter.Netfilter;
import dev.weir.route.Addr;
import dev.weir.route.Routing;

/**
 * A namespace's IP layers: {@link Ipv4}, {@link Ipv6}, their ICMPs, and what they share (the
 * sysctls, the ICMP rate limits with their global bucket, the per-device knobs, the loopback of
 * broadcasts). Build it once per host after the routing and netfilter stages; register the
 * transports with {@link Ipv4#register} / {@link Ipv6#register}.
 */
public final class IpStack {
    private final NetNs net;
    private final IpSysctls sys;
    private final Netfilter netfilter;
    private final Ipv4 v4;
    private final Ipv6 v6;

    /**
     * @param neigh where finished packets go (the neighbour layer's output)
     */
    public IpStack(NetNs net, Routing routing, Netfilter netfilter, NeighOutput neigh) {
        this.net = net;
        this.netfilter = netfilter;
        this.sys = new IpSysctls(net.sysctls());
        DevConf.Table conf = new DevConf.Table(net, sys);
        InetPeers peers4 = new InetPeers();
        InetPeers peers6 = new InetPeers();
        IcmpRateLimit rateLimit = new IcmpRateLimit(sys, net.counters(), net.scheduler(), net.random().split("icmp-ratelimit"), peers4, peers6);
        IcmpMessages messages = new IcmpMessages(net.pool());
        IpLoop loop = new IpLoop(net);
        this.v4 = new Ipv4(net, sys, routing, netfilter, neigh, conf, peers4, rateLimit, messages, loop);
        this.v6 = new Ipv6(net, sys, routing, netfilter, neigh, conf, rateLimit, messages, loop);
        loop.v4 = v4;
        loop.v6 = v6;
    }

    /**
     * Builds a host's IP layers and plugs them into the stages around them, as Linux's
     * {@code inet_init} / {@code inet6_init} do:
     * <ul>
     *   <li>the EtherType handlers for IPv4 (0x0800) and IPv6 (0x86dd) on {@code l2}
     *       ({@code dev_add_pack});
     *   <li>output through the neighbour tables: ARP for IPv4 next hops, NDP for IPv6;
     *   <li>ICMPv6 types 133-137 to {@code ndisc} ({@code ndisc_rcv}), and NDP's own packets
     *       out through IPv6's OUTPUT and POSTROUTING ({@code ndisc_send_skb});
     *   <li>a packet whose next hop fails to resolve answers ICMP host unreachable
     *       ({@code ipv4_link_failure}) / ICMPv6 address unreachable ({@code ip6_link_failure}).
     * </ul>
     */
    public static IpStack install(NetNs net, L2 l2, Arp arp, Ndisc ndisc, Routing routing, Netfilter netfilter) {
        IpStack ip = new IpStack(net, routing, netfilter, (skb, dev, family, nhHi, nhLo) ->
                family == Addr.V4 ? arp.output(skb, (int) nhLo, dev) : ndisc.output(skb, nhHi, nhLo, dev));
        l2.register(EtherType.IPV4, ip.v4::rcv);
        l2.register(EtherType.IPV6, ip.v6::rcv);
        ip.v6.icmp().setNdiscReceiver((skb, dev) -> ndisc.ndiscRcv(skb));
        ndisc.setSender(ip.v6::sendNdisc);
        arp.setUnresolvedHandler((n, skb) -> ip.v4.icmp().send(skb, Icmpv4Packet.DEST_UNREACHABLE, Icmpv4Packet.UNREACH_HOST, 0));
        ndisc.setUnresolvedHandler((n, skb) -> ip.v6.icmp().send(skb, Icmpv6Packet.DEST_UNREACHABLE, Icmpv6Packet.UNREACH_ADDRESS, 0));
        return ip;
    }

    public NetNs net() {
        return net;
    }

    public Ipv4 v4() {
        return v4;
    }

    public Ipv6 v6() {
        return v6;
    }

    public IpSysctls sysctls() {
        return sys;
    }

    public Netfilter netfilter() {
        return netfilter;
    }
}
