package dev.weir.ip;

import dev.weir.core.Counters;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.route.FibResult;
import dev.weir.route.Flow;
import dev.weir.route.Routing;
import dev.weir.skb.SkBuff;

/** What ICMP and ICMPv6 share: the stages they use, the ping handler, the route back and its costs. */
abstract sealed class IcmpLayer implements IpProtocolHandler, FragIcmp permits Icmpv4, Icmpv6 {
    final NetNs net;
    final IpSysctls sys;
    final Routing routing;
    final IcmpRateLimit rateLimit;
    final IcmpMessages messages;
    final Counters c;
    /** The route back to whom a message goes, reused per message. */
    final Flow flow = new Flow();
    final FibResult res = new FibResult();
    IpProtocolHandler ping;

    IcmpLayer(NetNs net, IpSysctls sys, Routing routing, IcmpRateLimit rateLimit, IcmpMessages messages) {
        this.net = net;
        this.sys = sys;
        this.routing = routing;
        this.rateLimit = rateLimit;
        this.messages = messages;
        this.c = net.counters();
    }

    IcmpRateLimit rateLimit() {
        return rateLimit;
    }

    /**
     * The ping socket layer: it receives echo replies (data at the ICMP header) in
     * {@link IpProtocolHandler#rcv} and errors quoting echo requests in
     * {@link IpProtocolHandler#err}. Without one, echo replies are consumed.
     */
    public void setPingHandler(IpProtocolHandler handler) {
        this.ping = handler;
    }

    /** An echo reply to the ping handler, or consumed without one. */
    void toPing(SkBuff skb) {
        if (ping != null) {
            ping.rcv(skb);
        } else {
            skb.consume();
        }
    }

    /** True when the route in {@link #res} leaves by a loopback device (no per-host limit then). */
    boolean loopbackOut() {
        return res.dev() != null && (res.dev().flags() & NetDevice.IFF_LOOPBACK) != 0;
    }

    /** True when {@code skb} arrived on a loopback device (no global limit then). */
    boolean fromLoopback(SkBuff skb) {
        NetDevice in = net.device(skb.ingressIfindex());
        return in != null && (in.flags() & NetDevice.IFF_LOOPBACK) != 0;
    }

    /** Charges a software checksum over {@code bytes}. */
    void chargeCsum(int bytes) {
        net.charge(Math.round(net.costs().csumPerByte * bytes));
    }
}
