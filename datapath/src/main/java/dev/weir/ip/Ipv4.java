package dev.weir.ip;

import dev.weir.api.prog.StageFunction;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.api.prog.NfHook;
import dev.weir.netfilter.NfOkFn;
import dev.weir.netfilter.Netfilter;
import dev.weir.route.Addr;
import dev.weir.route.Errno;
import dev.weir.route.FibResult;
import dev.weir.route.Flow;
import dev.weir.route.Route;
import dev.weir.route.RouteType;
import dev.weir.route.Routing;
import dev.weir.skb.SkBuff;

/**
 * A namespace's IPv4 layer, each stage split around its netfilter hook as Linux's
 * {@code ip_input.c}, {@code ip_forward.c} and {@code ip_output.c}:
 *
 * <pre>
 * rcv (ip_rcv: validate) --[PREROUTING]--&gt; rcvFinish (route, options)
 *     local:   localDeliver (reassemble) --[INPUT]--&gt; localDeliverFinish --&gt; protocol table
 *     forward: forward (TTL, MTU) --[FORWARD]--&gt; forwardFinish --&gt; output
 *     error:   ip_error: ICMP unreachable (when forwarding) and drop
 * send (ip_queue_xmit: route, header) --[OUTPUT]--&gt; output
 * output (ip_output) --[POSTROUTING]--&gt; finishOutput (fragment) --&gt; neighbour layer
 * </pre>
 *
 * <p>Every drop names its reason and is counted in the {@code Ip}/{@code IpExt} MIB as Linux
 * counts it. The route a packet took rides in its cb ({@link IpCb}), as Linux keeps it in
 * {@code skb_dst}. CPU cost: {@code ip_rcv} for receive and route lookup, {@code ip_forward}
 * for a forwarded packet, {@code csum_per_byte} for the header checksums computed in software.
 */
public final class Ipv4 extends InetLayer {
    /** Socket path-MTU discovery modes ({@code IP_PMTUDISC_*}) for {@link #send}. */
    public static final int PMTUDISC_DEFAULT = -1;
    /** Never set DF; fragment as needed. */
    public static final int PMTUDISC_DONT = 0;
    /** Set DF when the datagram fits the path MTU and the route's MTU is not locked; else fragment. */
    public static final int PMTUDISC_WANT = 1;
    /** Always set DF; a datagram larger than the path MTU is refused with EMSGSIZE. */
    public static final int PMTUDISC_DO = 2;
    /** As DO, ignoring the learned path MTU (only the device MTU counts). */
    public static final int PMTUDISC_PROBE = 3;

    /** Linux's {@code EMSGSIZE}: the datagram exceeds the path MTU and may not be fragmented. */
    public static final int EMSGSIZE = 90;
    /** Linux's {@code EPERM}: what a netfilter drop on output returns. */
    public static final int EPERM = 1;
    /** Linux's {@code ENOBUFS}: the device queue refused a packet this host sent. */
    public static final int ENOBUFS = 105;
    /** {@code PACKET_LOOPBACK}: a broadcast or multicast this host sent, looped back to itself. */
    static final int PACKET_LOOPBACK = 5;

    private final IpIdents idents;
    final Ipv4Reassembly reasm;
    final Ipv4Fragmenter fragmenter;
    final Icmpv4 icmp;

    private final Flow flow = new Flow();
    private final FibResult res = new FibResult();

    private final NfOkFn rcvFinish = this::rcvFinish;
    private final NfOkFn localDeliverFinish = this::localDeliverFinish;
    private final NfOkFn forwardFinish = this::forwardFinish;
    private final NfOkFn output = s -> output(s);
    private final NfOkFn finishOutput = s -> finishOutput(s);
    private final NfOkFn finishOutput2 = s -> finishOutput2(s);

    Ipv4(NetNs net, IpSysctls sys, Routing routing, Netfilter nf, NeighOutput neigh, DevConf.Table conf,
            InetPeers peers4, IcmpRateLimit rateLimit, IcmpMessages messages, IpLoop loop) {
        super(net, sys, routing, nf, neigh, conf, loop, NfHook.PF_IPV4, Addr.V4, EtherType.IPV4, Mib.IpOutRequests, "IPv4");
        this.idents = new IpIdents(net.random().split("ipv4-ident"));
        this.icmp = new Icmpv4(net, this, sys, routing, rateLimit, messages);
        this.reasm = new Ipv4Reassembly(net, sys, peers4, icmp);
        this.fragmenter = new Ipv4Fragmenter(net);
        register(dev.weir.api.wire.IpProtocol.ICMP, icmp);
    }

    public Icmpv4 icmp() {
        return icmp;
    }

    public Ipv4Reassembly reassembly() {
        return reasm;
    }

    // ---- receive ----

    /**
     * {@code ip_rcv}: the EtherType handler for IPv4. Validates the header in Linux's order
     * ({@code ip_rcv_core}; RFC 1122 section 3.2.1, RFC 1812 section 5.2.2): a frame for
     * another host is dropped (OTHERHOST); {@code IpInReceives} counts the rest; fewer than 20
     * bytes, IHL below 5, a version other than 4, or a header not all present: IP_INHDR,
     * {@code IpInHdrErrors}; a bad header checksum: IP_CSUM, {@code IpInHdrErrors} and
     * {@code IpExtInCsumErrors}; fewer bytes than the total length: PKT_TOO_SMALL,
     * {@code IpExtInTruncatedPkts}; a total length below the header length: IP_INHDR. The
     * buffer is then trimmed to the total length (link-layer padding goes) and passed through
     * PREROUTING.
     */
    @Override
    public void rcv(SkBuff skb, NetDevice dev) {
        int t = trace.enter(StageFunction.IP_RCV, skb, null, 0, dev.ifindex(), 0, dev.ifindex());
        rcv0(skb, dev);
        trace.leaveRx(t);
    }

    private void rcv0(SkBuff skb, NetDevice dev) {
        net.charge(costs.ipRcv);
        if (skb.pktType() == SkBuff.PACKET_OTHERHOST) {
            net.drop(skb, DropReason.OTHERHOST);
            return;
        }
        c.inc(Mib.IpInReceives);
        c.add(Mib.IpExtInOctets, skb.len());
        if (!skb.mayPull(Ipv4Packet.HEADER_LEN)) {
            inHdrError(skb, DropReason.IP_INHDR);
            return;
        }
        byte[] b = skb.buf();
        int nh = skb.data();
        int vihl = b[nh] & 0xff;
        int ihl = (vihl & 0x0f) * 4;
        if (ihl < Ipv4Packet.HEADER_LEN || (vihl >>> 4) != 4) {
            inHdrError(skb, DropReason.IP_INHDR);
            return;
        }
        c.add(ecnCounter(b[nh + Ipv4Packet.TOS_OFFSET] & 3), Math.max(1, skb.gsoSegs()));
        if (!skb.mayPull(ihl)) {
            inHdrError(skb, DropReason.IP_INHDR);
            return;
        }
        b = skb.buf();
        nh = skb.data();
        chargeCsum(ihl);
        if (!Checksum.verifies(b, nh, ihl)) {
            c.inc(Mib.IpExtInCsumErrors);
            inHdrError(skb, DropReason.IP_CSUM);
            return;
        }
        int len = Bytes.u16(b, nh + Ipv4Packet.TOTAL_LENGTH_OFFSET);
        if (skb.len() < len) {
            c.inc(Mib.IpExtInTruncatedPkts);
            net.drop(skb, DropReason.PKT_TOO_SMALL);
            return;
        }
        if (len < ihl) {
            inHdrError(skb, DropReason.IP_INHDR);
            return;
        }
        skb.trim(len);
        skb.resetNetworkHeader();
        skb.setTransportHeader(nh + ihl);
        IpCb.clear(skb);
        IpCb.setIif(skb, skb.ingressIfindex() != 0 ? skb.ingressIfindex() : dev.ifindex());
        skb.setSk(null);
        skb.setIfindex(dev.ifindex());
        nf.hook(NfHook.PF_IPV4, NfHook.PREROUTING, skb, dev, null, null, rcvFinish);
    }

    private static Mib ecnCounter(int ecn) {
        return switch (ecn) {
            case 0 -> Mib.IpExtInNoECTPkts;
            case 1 -> Mib.IpExtInECT1Pkts;
            case 2 -> Mib.IpExtInECT0Pkts;
            default -> Mib.IpExtInCEPkts;
        };
    }

    private void inHdrError(SkBuff skb, DropReason reason) {
        inHdrError(skb, reason, Mib.IpInHdrErrors);
    }

    private void chargeCsum(int bytes) {
        net.charge(Math.round(costs.csumPerByte * bytes));
    }

    /**
     * {@code ip_rcv_finish}: the input route (RFC 1812 section 5.2.1 and 5.3: local, broadcast,
     * forward; martian addresses and the reverse-path filter are the routing stage's checks),
     * then the options, the broadcast and multicast counters, and on to local delivery or
     * forwarding. A packet looped back through {@code lo} keeps the route it was sent with, as
     * Linux's keeps its {@code skb_dst}.
     */
    private void rcvFinish(SkBuff skb) {
        int t = trace.enter(StageFunction.IP_RCV_FINISH, skb, null, 0, 0, 0, 0);
        rcvFinish0(skb);
        trace.leaveRx(t);
    }

    private void rcvFinish0(SkBuff skb) {
        NetDevice dev = net.device(skb.ifindex());
        if (dev == null) {
            net.drop(skb, DropReason.LINK_DOWN);
            return;
        }
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        int src = Bytes.i32(b, nh + Ipv4Packet.SRC_OFFSET);
        int dst = Bytes.i32(b, nh + Ipv4Packet.DST_OFFSET);
        int tos = b[nh + Ipv4Packet.TOS_OFFSET] & 0xff;
        int ihl = (b[nh] & 0x0f) * 4;
        if ((dev.flags() & NetDevice.IFF_LOOPBACK) != 0 || skb.pktType() == PACKET_LOOPBACK) {
            loopedRoute(skb, dev, dst);
        } else {
            flow.reset().v4(dst, src).iif(dev.ifindex()).tos(tos & 0x1e).mark(skb.mark());
            int err = routing.inputRoute(flow, res);
            if (err != 0) {
                inputRouteError(skb, dev, err, src, dst);
                return;
            }
            storeInputRoute(skb, res);
        }
        if (ihl > Ipv4Packet.HEADER_LEN && !rcvOptions(skb, dev)) {
            return;
        }
        int type = IpCb.routeType(skb);
        if (type == RouteType.MULTICAST.number()) {
            c.inc(Mib.IpExtInMcastPkts);
            c.add(Mib.IpExtInMcastOctets, skb.len());
        } else if (type == RouteType.BROADCAST.number()) {
            c.inc(Mib.IpExtInBcastPkts);
            c.add(Mib.IpExtInBcastOctets, skb.len());
        }
        if ((IpCb.routeFlags(skb) & IpCb.RT_LOCAL) != 0) {
            localDeliver(skb);
        } else {
            forward(skb);
        }
    }

    private void loopedRoute(SkBuff skb, NetDevice lo, int dst) {
        RouteType t = routing.addrType4(dst);
        int flags = IpCb.RT_LOCAL;
        if (t == RouteType.BROADCAST) {
            flags |= IpCb.RT_BROADCAST;
        } else if (t == RouteType.MULTICAST) {
            flags |= IpCb.RT_MULTICAST;
        } else {
            t = RouteType.LOCAL;
        }
        IpCb.setRoute(skb, lo.ifindex(), lo.mtu(), t.number(), flags, 0, Addr.v4(dst));
    }

    private void storeInputRoute(SkBuff skb, FibResult r) {
        int flags = routeFlags(r);
        int mtu;
        NetDevice out = r.dev();
        if ((flags & IpCb.RT_LOCAL) != 0) {
            mtu = out != null ? out.mtu() : 0;
        } else {
            // ip_dst_mtu_maybe_forward: a router uses the route's MTU or the device's, not a
            // learned path MTU, unless ip_forward_use_pmtu or the MTU is locked.
            Route route = r.route();
            if (sys.ipForwardUsePmtu.get() != 0 || r.mtuLocked() || route == null) {
                mtu = r.mtu();
            } else {
                mtu = route.mtu() != 0 ? route.mtu() : out.mtu();
            }
        }
        IpCb.setRoute(skb, out != null ? out.ifindex() : 0, mtu, r.type().number(), flags, r.nextHopHi(), r.nextHopLo());
    }

    static int routeFlags(FibResult r) {
        int f = 0;
        if ((r.flags() & FibResult.RTCF_LOCAL) != 0) {
            f |= IpCb.RT_LOCAL;
        }
        if ((r.flags() & FibResult.RTCF_BROADCAST) != 0) {
            f |= IpCb.RT_BROADCAST;
        }
        if ((r.flags() & FibResult.RTCF_MULTICAST) != 0) {
            f |= IpCb.RT_MULTICAST;
        }
        if (r.mtuLocked()) {
            f |= IpCb.RT_MTU_LOCKED;
        }
        return f;
    }

    /**
     * What Linux does when {@code ip_route_input} fails: martian addresses and reverse-path
     * failures are dropped silently (rp_filter failures as IP_RPFILTER, counted in
     * {@code TcpExtIPReversePathFilter}); blackhole routes too; for unreachable and prohibit
     * routes and missing routes, {@code ip_error}: a host (the device does not forward) counts
     * {@code IpInAddrErrors} or {@code IpExtInNoRoutes} and drops; a router answers ICMP
     * network/host unreachable or communication administratively prohibited (at most one per
     * second per source after a burst of five, {@code ip_rt_error_cost}) and drops.
     */
    private void inputRouteError(SkBuff skb, NetDevice dev, int err, int src, int dst) {
        if (err == -Errno.EXDEV) {
            c.inc(Mib.TcpExtIPReversePathFilter);
            net.drop(skb, DropReason.IP_RPFILTER);
            return;
        }
        if (err == -Errno.EINVAL) {
            net.drop(skb, martianReason(src, dst));
            return;
        }
        boolean forwarding = routing.forwarding4(dev);
        DropReason reason = err == -Errno.ENETUNREACH ? DropReason.IP_INNOROUTES : DropReason.NOT_SPECIFIED;
        if (!forwarding) {
            if (err == -Errno.EHOSTUNREACH) {
                c.inc(Mib.IpInAddrErrors);
                reason = DropReason.IP_INADDRERRORS;
            } else if (err == -Errno.ENETUNREACH) {
                c.inc(Mib.IpExtInNoRoutes);
            }
            net.drop(skb, reason);
            return;
        }
        int code;
        switch (-err) {
            case Errno.EHOSTUNREACH -> code = Icmpv4Packet.UNREACH_HOST;
            case Errno.ENETUNREACH -> {
                code = Icmpv4Packet.UNREACH_NET;
                c.inc(Mib.IpExtInNoRoutes);
            }
            case Errno.EACCES -> code = Icmpv4Packet.UNREACH_ADMIN_PROHIBITED;
            default -> {
                net.drop(skb, reason);
                return;
            }
        }
        // The offending packet has no route of its own: ICMP answers it as a forwarded one.
        IpCb.setRoute(skb, 0, 0, RouteType.UNREACHABLE.number(), 0, 0, 0);
        if (icmp.rateLimit().ipErrorAllow(src)) {
            icmp.send(skb, Icmpv4Packet.DEST_UNREACHABLE, code, 0);
        }
        net.drop(skb, reason);
    }

    /** The drop reason for a martian: source or destination not possible on the wire. */
    private static DropReason martianReason(int src, int dst) {
        long s = Addr.v4(src);
        long d = Addr.v4(dst);
        if (Addr.isMulticast(Addr.V4, 0, s) || Addr.isV4LimitedBroadcast(s) || Addr.isV4ZeroNet(s) || Addr.isV4Loopback(s)) {
            return DropReason.IP_INVALID_SOURCE;
        }
        if (Addr.isV4ZeroNet(d) || Addr.isV4Loopback(d)) {
            return DropReason.IP_INVALID_DEST;
        }
        return DropReason.NOT_SPECIFIED; // a blackhole route, or a local source with rp_filter off
    }

    /**
     * {@code ip_rcv_options}: options checked and processed ({@link Ipv4RxOptions}); a malformed
     * one answers a parameter problem pointing at it and drops (IP_INHDR, {@code IpInHdrErrors});
     * a source route is dropped unless {@code accept_source_route} allows it on both {@code all}
     * and the device (RFC 7126 recommends dropping), else followed ({@code ip_options_rcv_srr}).
     */
    private boolean rcvOptions(SkBuff skb, NetDevice dev) {
        skb.makeWritable();
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        int ihl = (b[nh] & 0x0f) * 4;
        int specDst = specDst(skb, b, nh);
        int bad = Ipv4RxOptions.compile(skb, b, nh, ihl, specDst, Ipv4RxOptions.timestamp(net.now()),
                a -> routing.addrType4(a) == RouteType.UNICAST);
        if (bad >= 0) {
            c.inc(Mib.IpInHdrErrors);
            icmp.send(skb, Icmpv4Packet.PARAMETER_PROBLEM, 0, bad << 24);
            net.drop(skb, DropReason.IP_INHDR);
            return false;
        }
        refreshChecksum(b, nh, ihl);
        if (IpCb.option(skb, IpCb.OPT_SRR) != 0) {
            DevConf dc = conf.get(dev.ifindex());
            boolean allowed = sys.acceptSourceRouteAll4.get() != 0 && dc != null && dc.acceptSourceRoute4.get() != 0;
            if (!allowed || !rcvSrr(skb, dev)) {
                net.drop(skb, DropReason.NOT_SPECIFIED);
                return false;
            }
        }
        return true;
    }

    private void refreshChecksum(byte[] b, int nh, int ihl) {
        Bytes.put16(b, nh + Ipv4Packet.CHECKSUM_OFFSET, 0);
        Bytes.put16(b, nh + Ipv4Packet.CHECKSUM_OFFSET, Checksum.internet(b, nh, ihl));
        chargeCsum(ihl);
    }

    /**
     * {@code fib_compute_spec_dst}: the address this host records about itself in a received
     * datagram's options: its destination when delivered here, else the preferred source of the
     * route back to the sender.
     */
    int specDst(SkBuff skb, byte[] b, int nh) {
        int dst = Bytes.i32(b, nh + Ipv4Packet.DST_OFFSET);
        if ((IpCb.routeFlags(skb) & (IpCb.RT_LOCAL | IpCb.RT_BROADCAST | IpCb.RT_MULTICAST)) == IpCb.RT_LOCAL) {
            return dst;
        }
        int src = Bytes.i32(b, nh + Ipv4Packet.SRC_OFFSET);
        NetDevice in = net.device(skb.ifindex());
        flow.reset().v4(src, 0).iif(routing.loopback() != null ? routing.loopback().ifindex() : 0);
        if (src != 0 && routing.outputRoute(flow, res) == 0) {
            return res.src4();
        }
        return routing.selectSource4(in, src, 0);
    }

    /** {@code ip_options_rcv_srr}: follow a source route addressed to this host. */
    private boolean rcvSrr(SkBuff skb, NetDevice dev) {
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        int o = nh + IpCb.option(skb, IpCb.OPT_SRR);
        if (skb.pktType() != SkBuff.PACKET_HOST) {
            return false;
        }
        int type = IpCb.routeType(skb);
        if (type == RouteType.UNICAST.number()) {
            if ((Ipv4RxOptions.flags(skb) & Ipv4RxOptions.STRICT_ROUTE) == 0) {
                return true;
            }
            icmp.send(skb, Icmpv4Packet.PARAMETER_PROBLEM, 0, 16 << 24);
            return false;
        }
        if (type != RouteType.LOCAL.number()) {
            return false;
        }
        int src = Bytes.i32(b, nh + Ipv4Packet.SRC_OFFSET);
        int space = b[o + 1] & 0xff;
        int ptr = b[o + 2] & 0xff;
        int nexthop = 0;
        for (; ptr <= space; ptr += 4) {
            if (ptr + 3 > space) {
                icmp.send(skb, Icmpv4Packet.PARAMETER_PROBLEM, 0, (o - nh + 2) << 24);
                return false;
            }
            nexthop = Bytes.i32(b, o + ptr - 1);
            flow.reset().v4(nexthop, src).iif(dev.ifindex());
            if (routing.inputRoute(flow, res) != 0 || res.type() != RouteType.UNICAST && res.type() != RouteType.LOCAL) {
                return false;
            }
            storeInputRoute(skb, res);
            if (res.type() != RouteType.LOCAL) {
                break;
            }
            Bytes.put32(b, nh + Ipv4Packet.DST_OFFSET, nexthop);
        }
        if (ptr <= space) {
            Ipv4RxOptions.setSrrNextHop(skb, nexthop);
        }
        refreshChecksum(b, nh, (b[nh] & 0x0f) * 4);
        return true;
    }

    // ---- local delivery ----

    /** {@code ip_local_deliver}: reassemble, then INPUT. */
    private void localDeliver(SkBuff skb) {
        int t = trace.enter(StageFunction.IP_LOCAL_DELIVER, skb, null, 0, 0, 0, 0);
        localDeliver0(skb);
        trace.leave(t, 0);
    }

    private void localDeliver0(SkBuff skb) {
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        if ((Bytes.u16(b, nh + Ipv4Packet.FLAGS_FRAGMENT_OFFSET) & (Ipv4Packet.FLAG_MF | Ipv4Packet.FRAGMENT_OFFSET_MASK)) != 0) {
            skb.push(skb.data() - nh);
            skb = reasm.defrag(skb, Ipv4Reassembly.USER_LOCAL_DELIVER, 0);
            if (skb == null) {
                return;
            }
        }
        nf.hook(NfHook.PF_IPV4, NfHook.INPUT, skb, net.device(skb.ifindex()), null, null, localDeliverFinish);
    }

    /**
     * {@code ip_local_deliver_finish}: the header is pulled and the protocol's handler gets the
     * datagram ({@code IpInDelivers}); with no handler, ICMP protocol unreachable
     * (RFC 1122 section 3.2.2.1), {@code IpInUnknownProtos}, IP_NOPROTO.
     */
    private void localDeliverFinish(SkBuff skb) {
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        int ihl = (b[nh] & 0x0f) * 4;
        int protocol = b[nh + Ipv4Packet.PROTOCOL_OFFSET] & 0xff;
        skb.pull(nh + ihl - skb.data());
        skb.resetTransportHeader();
        IpProtocolHandler h = handler(protocol);
        if (h != null) {
            c.inc(Mib.IpInDelivers);
            h.rcv(skb);
            return;
        }
        c.inc(Mib.IpInUnknownProtos);
        icmp.send(skb, Icmpv4Packet.DEST_UNREACHABLE, Icmpv4Packet.UNREACH_PROTOCOL, 0);
        net.drop(skb, DropReason.IP_NOPROTO);
    }

    // ---- forwarding ----

    /**
     * {@code ip_forward} (RFC 1812 section 5.2.1, 5.3.1): only frames sent to this host's
     * link-layer address; a TTL of 1 or less answers ICMP time exceeded in transit and drops
     * ({@code IpInHdrErrors}, IP_TTL_EXPIRED); a strict source route that would need a gateway
     * answers source route failed; a datagram larger than the next hop's MTU with DF set answers
     * fragmentation needed with that MTU (RFC 1191) and drops ({@code IpFragFails},
     * PKT_TOO_BIG); else the TTL is decremented (checksum updated incrementally) and the
     * datagram crosses FORWARD.
     */
    private void forward(SkBuff skb) {
        int t = trace.enter(StageFunction.IP_FORWARD, skb, null, 0, 0, 0, 0);
        forward0(skb);
        trace.leaveRx(t);
    }

    private void forward0(SkBuff skb) {
        net.charge(costs.ipForward);
        if (skb.pktType() != SkBuff.PACKET_HOST || skb.sk() != null) {
            net.drop(skb, DropReason.NOT_SPECIFIED);
            return;
        }
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        if ((b[nh + Ipv4Packet.TTL_OFFSET] & 0xff) <= 1) {
            c.inc(Mib.IpInHdrErrors);
            icmp.send(skb, Icmpv4Packet.TIME_EXCEEDED, Icmpv4Packet.EXCEEDED_TTL, 0);
            net.drop(skb, DropReason.IP_TTL_EXPIRED);
            return;
        }
        if ((Ipv4RxOptions.flags(skb) & Ipv4RxOptions.STRICT_ROUTE) != 0
                && IpCb.nextHopLo(skb) != Addr.v4(Bytes.i32(b, nh + Ipv4Packet.DST_OFFSET))) {
            icmp.send(skb, Icmpv4Packet.DEST_UNREACHABLE, Icmpv4Packet.UNREACH_SOURCE_ROUTE_FAILED, 0);
            net.drop(skb, DropReason.NOT_SPECIFIED);
            return;
        }
        IpCb.addFlags(skb, IpCb.FORWARDED);
        int mtu = IpCb.routeMtu(skb);
        if (exceedsMtu(skb, b, nh, mtu)) {
            c.inc(Mib.IpFragFails);
            icmp.send(skb, Icmpv4Packet.DEST_UNREACHABLE, Icmpv4Packet.UNREACH_FRAG_NEEDED, mtu);
            net.drop(skb, DropReason.PKT_TOO_BIG);
            return;
        }
        skb.makeWritable();
        b = skb.buf();
        nh = skb.networkHeader();
        decrementTtl(b, nh);
        NetDevice out = net.device(IpCb.oif(skb));
        nf.hook(NfHook.PF_IPV4, NfHook.FORWARD, skb, net.device(skb.ifindex()), out, null, forwardFinish);
    }

    /** {@code ip_exceeds_mtu}. */
    private static boolean exceedsMtu(SkBuff skb, byte[] b, int nh, int mtu) {
        if (skb.len() <= mtu) {
            return false;
        }
        if ((Bytes.u16(b, nh + Ipv4Packet.FLAGS_FRAGMENT_OFFSET) & Ipv4Packet.FLAG_DF) == 0) {
            return false;
        }
        if (IpCb.fragMaxSize(skb) > mtu) {
            return true;
        }
        if (IpCb.hasFlag(skb, IpCb.IGNORE_DF)) {
            return false;
        }
        return !skb.isGso() || skb.gsoSize() + (skb.transportHeader() - nh) > mtu;
    }

    /** {@code ip_decrease_ttl}: TTL - 1 and the checksum + 0x0100 with end-around carry (RFC 1141). */
    private static void decrementTtl(byte[] b, int nh) {
        int check = Bytes.u16(b, nh + Ipv4Packet.CHECKSUM_OFFSET) + 0x0100;
        check += check >= 0xffff ? 1 : 0;
        Bytes.put16(b, nh + Ipv4Packet.CHECKSUM_OFFSET, check);
        b[nh + Ipv4Packet.TTL_OFFSET]--;
    }

    /** {@code ip_forward_finish}: {@code IpForwDatagrams}, the options' outgoing addresses, then output. */
    private void forwardFinish(SkBuff skb) {
        c.inc(Mib.IpForwDatagrams);
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        int ihl = (b[nh] & 0x0f) * 4;
        if (ihl > Ipv4Packet.HEADER_LEN && Ipv4RxOptions.flags(skb) != 0) {
            NetDevice out = net.device(IpCb.oif(skb));
            int src = routing.selectSource4(out, (int) IpCb.nextHopLo(skb), 0);
            Ipv4RxOptions.forward(skb, b, nh, src);
            refreshChecksum(b, nh, ihl);
        }
        skb.setTstamp(0);
        output(skb);
    }

    // ---- output ----

    /**
     * Sends a transport segment from this host ({@code ip_queue_xmit}): routes it, prepends the
     * IPv4 header, and passes it through OUTPUT, POSTROUTING, fragmentation and the neighbour
     * layer. {@code skb.data()} must be the transport header with room before it for the IP
     * and link-layer headers ({@link dev.weir.skb.SkBuff#MAX_HEADER}).
     *
     * @param src the source address, 0 to let routing choose (RFC 1122 section 3.3.4.3)
     * @param tos the TOS octet (DSCP and ECN)
     * @param ttl the TTL, -1 for {@code net.ipv4.ip_default_ttl} (1 for multicast)
     * @param pmtudisc one of {@code PMTUDISC_*}; {@link #PMTUDISC_DEFAULT} follows
     *     {@code net.ipv4.ip_no_pmtu_disc} (0: WANT, else DONT)
     * @param id the identification to use (a connected socket's counter), -1 to have one
     *     chosen: 0 for a datagram with DF that may not be fragmented, else
     *     {@code ip_idents_reserve}
     * @param oif the output device to bind to, 0 for any
     * @param sk the sending socket, or null
     * @return 0 when the packet went on (it may still be queued or dropped further down),
     *     {@code -ENETUNREACH}, {@code -EHOSTUNREACH}, {@code -EACCES} or {@code -EINVAL} when
     *     there is no route ({@code IpOutNoRoutes}), {@code -EMSGSIZE} when PMTUDISC_DO and the
     *     datagram exceeds the path MTU, {@code -EPERM} when netfilter dropped it,
     *     {@code -ENOBUFS} when the device queue dropped it ({@code IpOutDiscards}, as
     *     {@code ip_send_skb} counts it). The packet is the layer's in every case.
     */
    public int send(SkBuff skb, int src, int dst, int protocol, int tos, int ttl, int pmtudisc, int id, int oif, Object sk) {
        flow.reset().v4(dst, src).oif(oif).tos(tos & 0x1e).mark(skb.mark());
        int err = routing.outputRoute(flow, res);
        if (err != 0) {
            c.inc(Mib.IpOutNoRoutes);
            net.drop(skb, DropReason.IP_OUTNOROUTES);
            return err;
        }
        int mode = pmtudisc != PMTUDISC_DEFAULT ? pmtudisc : sys.ipNoPmtuDisc.get() != 0 ? PMTUDISC_DONT : PMTUDISC_WANT;
        NetDevice dev = res.dev();
        int mtu = mode == PMTUDISC_PROBE ? dev.mtu() : res.mtu();
        int total = skb.len() + Ipv4Packet.HEADER_LEN;
        boolean df = mode == PMTUDISC_DO || mode == PMTUDISC_PROBE || mode == PMTUDISC_WANT && !res.mtuLocked() && total <= mtu;
        if ((mode == PMTUDISC_DO || mode == PMTUDISC_PROBE) && total > mtu && !skb.isGso()) {
            net.drop(skb, DropReason.PKT_TOO_BIG);
            return -EMSGSIZE;
        }
        int source = src != 0 ? src : res.src4();
        int t = ttl >= 0 ? ttl : (dst & 0xf000_0000) == 0xe000_0000 ? 1 : sys.ipDefaultTtl.getInt();
        IpCb.clear(skb);
        if (mode < PMTUDISC_DO) {
            IpCb.addFlags(skb, IpCb.IGNORE_DF);
        }
        int ident = id >= 0 ? id : df && mode >= PMTUDISC_DO ? 0
                : idents.select(dst, source, protocol, Math.max(1, skb.gsoSegs()), Jiffies.of(net.now()));
        pushHeader(skb, source, dst, protocol, tos, t, df, ident);
        IpCb.setRoute(skb, dev.ifindex(), mtu, res.type().number(), routeFlags(res), res.nextHopHi(), res.nextHopLo());
        skb.setSk(sk);
        return xmitErrno(localOut(skb, output), Mib.IpOutDiscards);
    }

    /** {@link #send} with TOS 0, the default TTL and PMTU discovery, a chosen identification, any device, no socket. */
    public int send(SkBuff skb, int src, int dst, int protocol) {
        return send(skb, src, dst, protocol, 0, -1, PMTUDISC_DEFAULT, -1, 0, null);
    }

    private static void pushHeader(SkBuff skb, int src, int dst, int protocol, int tos, int ttl, boolean df, int id) {
        skb.push(Ipv4Packet.HEADER_LEN);
        skb.resetNetworkHeader();
        byte[] b = skb.buf();
        int at = skb.data();
        b[at] = 0x45;
        b[at + Ipv4Packet.TOS_OFFSET] = (byte) tos;
        Bytes.put16(b, at + Ipv4Packet.TOTAL_LENGTH_OFFSET, skb.len());
        Bytes.put16(b, at + Ipv4Packet.IDENTIFICATION_OFFSET, id & 0xffff);
        Bytes.put16(b, at + Ipv4Packet.FLAGS_FRAGMENT_OFFSET, df ? Ipv4Packet.FLAG_DF : 0);
        b[at + Ipv4Packet.TTL_OFFSET] = (byte) ttl;
        b[at + Ipv4Packet.PROTOCOL_OFFSET] = (byte) protocol;
        Bytes.put32(b, at + Ipv4Packet.SRC_OFFSET, src);
        Bytes.put32(b, at + Ipv4Packet.DST_OFFSET, dst);
        Bytes.put16(b, at + Ipv4Packet.CHECKSUM_OFFSET, 0);
        Bytes.put16(b, at + Ipv4Packet.CHECKSUM_OFFSET, Checksum.internet(b, at, Ipv4Packet.HEADER_LEN));
    }

    /**
     * Sends a whole datagram this host built, header and all ({@code ip_local_out} after a route
     * lookup on its addresses): what a raw socket or a program's packet takes. Returns as
     * {@link #send}.
     */
    public int sendDatagram(SkBuff skb, int oif) {
        byte[] b = skb.buf();
        int nh = skb.data();
        skb.resetNetworkHeader();
        int src = Bytes.i32(b, nh + Ipv4Packet.SRC_OFFSET);
        int dst = Bytes.i32(b, nh + Ipv4Packet.DST_OFFSET);
        flow.reset().v4(dst, src).oif(oif).tos(b[nh + Ipv4Packet.TOS_OFFSET] & 0x1e).mark(skb.mark());
        int err = routing.outputRoute(flow, res);
        if (err != 0) {
            c.inc(Mib.IpOutNoRoutes);
            net.drop(skb, DropReason.IP_OUTNOROUTES);
            return err;
        }
        IpCb.clear(skb);
        IpCb.addFlags(skb, IpCb.IGNORE_DF);
        IpCb.setRoute(skb, res.dev().ifindex(), res.mtu(), res.type().number(), routeFlags(res), res.nextHopHi(), res.nextHopLo());
        return xmitErrno(localOut(skb, output), Mib.IpOutDiscards);
    }

    /**
     * {@code ip_output}: a broadcast or a multicast this host listens to is also looped back to
     * this host's own receive path; the packet crosses POSTROUTING to {@code ip_finish_output}.
     */
    @Override
    int output(SkBuff skb) {
        int t = trace.enter(StageFunction.IP_OUTPUT, skb, null, 0, 0, 0, 0);
        int rc = output0(skb);
        trace.leave(t, rc);
        return rc;
    }

    private int output0(SkBuff skb) {
        NetDevice out = outputDevice(skb);
        if (out == null) {
            return -Errno.ENODEV;
        }
        int flags = IpCb.routeFlags(skb);
        if ((flags & (IpCb.RT_BROADCAST | IpCb.RT_MULTICAST)) != 0 && (flags & IpCb.RT_LOCAL) != 0
                && (out.flags() & NetDevice.IFF_LOOPBACK) == 0 && !IpCb.hasFlag(skb, IpCb.FORWARDED)) {
            loop.loopBack(skb.copy(), out);
        }
        NetDevice in = IpCb.hasFlag(skb, IpCb.FORWARDED) ? net.device(skb.ingressIfindex()) : null;
        int v = runHook(NfHook.POSTROUTING, skb, in, out, finishOutput);
        return v == CONTINUE ? finishOutput(skb) : v;
    }

    /**
     * {@code ip_finish_output}: a datagram larger than the MTU is fragmented when DF is clear (or
     * may be ignored); with DF set it answers ICMP fragmentation needed to its sender (this host,
     * whose path MTU learns it) and is dropped ({@code IpFragFails}, PKT_TOO_BIG). GSO packets
     * go down whole: the device layer segments them.
     */
    private int finishOutput(SkBuff skb) {
        int t = trace.enter(StageFunction.IP_FINISH_OUTPUT, skb, null, 0, 0, 0, 0);
        int rc = finishOutput0(skb);
        trace.leave(t, rc);
        return rc;
    }

    private int finishOutput0(SkBuff skb) {
        int mtu = IpCb.routeMtu(skb);
        if (skb.isGso() || skb.len() <= mtu && IpCb.fragMaxSize(skb) == 0) {
            return finishOutput2(skb);
        }
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        boolean df = (Bytes.u16(b, nh + Ipv4Packet.FLAGS_FRAGMENT_OFFSET) & Ipv4Packet.FLAG_DF) != 0;
        if (df && (!IpCb.hasFlag(skb, IpCb.IGNORE_DF) || IpCb.fragMaxSize(skb) > mtu)) {
            c.inc(Mib.IpFragFails);
            icmp.send(skb, Icmpv4Packet.DEST_UNREACHABLE, Icmpv4Packet.UNREACH_FRAG_NEEDED, mtu);
            net.drop(skb, DropReason.PKT_TOO_BIG);
            return -EMSGSIZE;
        }
        if (skb.len() <= mtu) {
            return finishOutput2(skb);
        }
        skb.push(skb.data() - nh);
        return fragmenter.fragment(skb, mtu, finishOutput2) ? 0 : -EMSGSIZE;
    }

    /** {@code ip_finish_output2}: the counters of what leaves, then the neighbour layer. */
    private int finishOutput2(SkBuff skb) {
        c.inc(Mib.IpOutTransmits);
        c.add(Mib.IpExtOutOctets, skb.len());
        int type = IpCb.routeType(skb);
        if (type == RouteType.MULTICAST.number()) {
            c.inc(Mib.IpExtOutMcastPkts);
            c.add(Mib.IpExtOutMcastOctets, skb.len());
        } else if (type == RouteType.BROADCAST.number()) {
            c.inc(Mib.IpExtOutBcastPkts);
            c.add(Mib.IpExtOutBcastOctets, skb.len());
        }
        return neighOutput(skb);
    }
}
