package dev.weir.ip;

import dev.weir.trace.Tracing;

import dev.weir.api.wire.IpProtocol;
import dev.weir.core.Counters;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.Qdisc;
import dev.weir.core.StageCosts;
import dev.weir.api.prog.NfHook;
import dev.weir.netfilter.NfOkFn;
import dev.weir.api.prog.NfVerdict;
import dev.weir.netfilter.Netfilter;
import dev.weir.route.Errno;
import dev.weir.route.Routing;
import dev.weir.skb.SkBuff;

/**
 * What {@link Ipv4} and {@link Ipv6} share: the stages they call into, the protocol table,
 * and the small steps both paths take the same way (running a hook on the way out, handing a
 * packet to the neighbour layer, a looped-back packet's receive).
 */
abstract sealed class InetLayer permits Ipv4, Ipv6 {
    /** {@link #runHook}: every callback accepted; the caller goes on with the packet. */
    static final int CONTINUE = Integer.MIN_VALUE;

    final NetNs net;
    final Routing routing;
    final Netfilter nf;
    final NeighOutput neigh;
    final IpSysctls sys;
    final Counters c;
    final StageCosts costs;
    final DevConf.Table conf;
    final IpLoop loop;
    final Tracing trace;
    private final int pf;
    private final int family;
    private final int etherType;
    private final Mib outRequests;
    private final String name;
    private final IpProtocolHandler[] protos = new IpProtocolHandler[256];

    InetLayer(NetNs net, IpSysctls sys, Routing routing, Netfilter nf, NeighOutput neigh, DevConf.Table conf, IpLoop loop,
            int pf, int family, int etherType, Mib outRequests, String name) {
        this.net = net;
        this.sys = sys;
        this.routing = routing;
        this.nf = nf;
        this.neigh = neigh;
        this.conf = conf;
        this.loop = loop;
        this.trace = Tracing.of(net);
        this.c = net.counters();
        this.costs = net.costs();
        this.pf = pf;
        this.family = family;
        this.etherType = etherType;
        this.outRequests = outRequests;
        this.name = name;
    }

    public NetNs net() {
        return net;
    }

    public Routing routing() {
        return routing;
    }

    /** The EtherType handler ({@code ip_rcv} / {@code ipv6_rcv}). */
    public abstract void rcv(SkBuff skb, NetDevice dev);

    // ---- the protocol table (inet_protos / inet6_protos) ----

    /**
     * {@code inet_add_protocol} / {@code inet6_add_protocol}: {@code handler} receives the
     * datagrams of protocol {@code protocol} delivered to this host and the ICMP errors about
     * those it sent. One handler per protocol; a second is refused, naming the first.
     */
    public void register(int protocol, IpProtocolHandler handler) {
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException(name + " protocol must be 0..255, got " + protocol);
        }
        checkRegistrable(protocol);
        if (protos[protocol] != null) {
            throw new IllegalStateException(name + " protocol " + protocol + " (" + IpProtocol.name(protocol)
                    + ") already has a handler on " + net.name() + ": " + protos[protocol]);
        }
        protos[protocol] = java.util.Objects.requireNonNull(handler, "handler");
    }

    /** Refuses protocol numbers the layer handles itself. */
    void checkRegistrable(int protocol) {}

    /** {@code inet_del_protocol}; false when {@code handler} was not the one registered. */
    public boolean unregister(int protocol, IpProtocolHandler handler) {
        if (protocol >= 0 && protocol < 256 && protos[protocol] == handler) {
            protos[protocol] = null;
            return true;
        }
        return false;
    }

    IpProtocolHandler handler(int protocol) {
        return protos[protocol];
    }

    // ---- shared steps ----

    void inHdrError(SkBuff skb, DropReason reason, Mib counter) {
        c.inc(counter);
        net.drop(skb, reason);
    }

    /**
     * Runs hook {@code hook} on a packet on its way out: {@link #CONTINUE} when it was accepted,
     * else what the sender hears: {@code -EPERM} for a drop (as {@code nf_hook} returns), 0 when
     * a callback stole it.
     */
    int runHook(int hook, SkBuff skb, NetDevice in, NetDevice out, NfOkFn okfn) {
        int v = nf.run(pf, hook, skb, in, out, skb.sk(), okfn);
        if (v == NfVerdict.DROP) {
            return -Ipv4.EPERM;
        }
        return v == NfVerdict.STOLEN ? 0 : CONTINUE;
    }

    /** {@code ip_local_out} / {@code ip6_local_out}: {@code OutRequests}, OUTPUT, then {@link #output}. */
    int localOut(SkBuff skb, NfOkFn okfn) {
        c.inc(outRequests);
        skb.setProtocol(etherType);
        int v = runHook(NfHook.OUTPUT, skb, null, net.device(IpCb.oif(skb)), okfn);
        return v == CONTINUE ? output(skb) : v;
    }

    /** {@code dst_output}: the packet to its output device, through POSTROUTING. */
    abstract int output(SkBuff skb);

    /**
     * The device a packet leaves by, with the packet's device and protocol set for it; null when
     * it is gone (the packet is dropped, LINK_DOWN).
     */
    NetDevice outputDevice(SkBuff skb) {
        NetDevice out = net.device(IpCb.oif(skb));
        if (out == null) {
            net.drop(skb, DropReason.LINK_DOWN);
            return null;
        }
        skb.setIfindex(out.ifindex());
        skb.setProtocol(etherType);
        return out;
    }

    /** {@code net_xmit_errno}: a queue's refusal of a packet this host sent, counted in {@code discards}. */
    int xmitErrno(int r, Mib discards) {
        if (r <= 0 || r == Qdisc.NET_XMIT_CN) {
            return Math.min(r, 0);
        }
        c.inc(discards);
        return -Ipv4.ENOBUFS;
    }

    /** The last step of output: the packet (data back at its network header) to the neighbour layer. */
    int neighOutput(SkBuff skb) {
        NetDevice dev = net.device(IpCb.oif(skb));
        if (dev == null) {
            net.drop(skb, DropReason.LINK_DOWN);
            return -Errno.ENODEV;
        }
        int at = skb.networkHeader() - skb.data();
        if (at < 0) {
            skb.push(-at);
        }
        return neigh.output(skb, dev, family, IpCb.nextHopHi(skb), IpCb.nextHopLo(skb));
    }

    /** Receive entry for a packet this host looped back to itself (a broadcast or multicast it sent). */
    void rcvLooped(SkBuff skb, NetDevice dev) {
        skb.setPktType(Ipv4.PACKET_LOOPBACK);
        skb.setIngressIfindex(dev.ifindex());
        skb.setIpSummed(SkBuff.CHECKSUM_UNNECESSARY);
        rcv(skb, dev);
    }
}
