package dev.weir.ip;

import dev.weir.core.NetNs;
import dev.weir.netfilter.Netfilter;
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
