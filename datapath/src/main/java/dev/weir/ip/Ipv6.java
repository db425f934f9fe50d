package dev.weir.ip;

import dev.weir.api.prog.StageFunction;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv6FragmentHeader;
import dev.weir.api.wire.Ipv6Option;
import dev.weir.api.wire.Ipv6Packet;
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
 * A namespace's IPv6 layer, split around the netfilter hooks as Linux's {@code ip6_input.c},
 * {@code ip6_output.c} and {@code exthdrs.c}:
 *
 * <pre>
 * rcv (ipv6_rcv: validate, Hop-by-Hop) --[PREROUTING]--&gt; rcvFinish (route)
 *     local:   --[INPUT]--&gt; localDeliverFinish: Routing, Destination Options, Fragment
 *              (reassembly) headers in turn, then the protocol table
 *     forward: forward (hop limit, MTU; never fragments) --[FORWARD]--&gt; output
 *     error:   ICMPv6 unreachable and drop
 * send (route, header) --[OUTPUT]--&gt; output --[POSTROUTING]--&gt; finishOutput (fragment at
 *     the source only) --&gt; neighbour layer
 * </pre>
 *
 * Extension headers are processed where Linux processes them: Hop-by-Hop in {@code ipv6_rcv}
 * (RFC 8200 section 4.3: every node on the path), the others only at the destination
 * (section 4: "not examined or processed by any node along a packet's delivery path").
 * Unknown options act on their two high bits (section 4.2); a Hop-by-Hop header anywhere but
 * first, and an unknown Next Header, answer parameter problem code 1 pointing at the Next
 * Header field (section 4.1, 4.7).
 */
public final class Ipv6 extends InetLayer {
    /** Path-MTU discovery modes ({@code IPV6_PMTUDISC_*}): as {@link Ipv4#PMTUDISC_DONT} and friends. */
    public static final int PMTUDISC_DEFAULT = -1;
    public static final int PMTUDISC_DONT = 0;
    public static final int PMTUDISC_WANT = 1;
    public static final int PMTUDISC_DO = 2;
    public static final int PMTUDISC_PROBE = 3;

    final Ipv6Reassembly reasm;
    final Ipv6Fragmenter fragmenter;
    final Icmpv6 icmp;

    private final Flow flow = new Flow();
    private final FibResult res = new FibResult();

    private final NfOkFn rcvFinish = this::rcvFinish;
    private final NfOkFn localDeliverFinish = this::localDeliverFinish;
    private final NfOkFn forwardFinish = this::forwardFinish;
    private final NfOkFn output = s -> output(s);
    private final NfOkFn finishOutput = s -> finishOutput(s);
    private final NfOkFn finishOutput2 = s -> finishOutput2(s);

    Ipv6(NetNs net, IpSysctls sys, Routing routing, Netfilter nf, NeighOutput neigh, DevConf.Table conf,
            IcmpRateLimit rateLimit, IcmpMessages messages, IpLoop loop) {
        super(net, sys, routing, nf, neigh, conf, loop, NfHook.PF_IPV6, Addr.V6, EtherType.IPV6, Mib.Ip6OutRequests, "IPv6");
        this.icmp = new Icmpv6(net, this, sys, routing, rateLimit, messages);
        this.reasm = new Ipv6Reassembly(net, sys, icmp);
        this.fragmenter = new Ipv6Fragmenter(net, net.random().split("ipv6-frag-id"));
        register(IpProtocol.ICMPV6, icmp);
    }

    public Icmpv6 icmp() {
        return icmp;
    }

    public Ipv6Reassembly reassembly() {
        return reasm;
    }

    /** Extension headers and No Next Header are the layer's own. */
    @Override
    void checkRegistrable(int protocol) {
        if (IpProtocol.isIpv6WalkedExtension(protocol) || protocol == IpProtocol.NONE) {
            throw new IllegalArgumentException("IPv6 next header " + protocol + " (" + IpProtocol.name(protocol)
                    + ") is an extension header the IPv6 layer processes itself");
        }
    }

    // ---- receive ----

    /**
     * {@code ipv6_rcv}: the EtherType handler for IPv6 ({@code ip6_rcv_core}). A frame for
     * another host: OTHERHOST. {@code Ip6InReceives} counts the rest. IPv6 off on the device
     * ({@code disable_ipv6}): IPV6DISABLED, {@code Ip6InDiscards}. Fewer than 40 bytes or a
     * version other than 6: {@code Ip6InHdrErrors}; a loopback source or destination on a
     * device other than {@code lo} (RFC 4291 section 2.5.3), an interface-local multicast
     * destination from the wire (erratum 3480), multicast scope 0 or a multicast source
     * (section 2.7): IP_INHDR, {@code Ip6InHdrErrors}. A payload longer than the bytes present:
     * PKT_TOO_SMALL, {@code Ip6InTruncatedPkts}. The buffer is trimmed to the payload length;
     * a Hop-by-Hop header is processed now; then PREROUTING.
     */
    @Override
    public void rcv(SkBuff skb, NetDevice dev) {
        int t = trace.enter(StageFunction.IPV6_RCV, skb, null, 0, dev.ifindex(), 0, dev.ifindex());
        rcv0(skb, dev);
        trace.leaveRx(t);
    }

    private void rcv0(SkBuff skb, NetDevice dev) {
        net.charge(costs.ipRcv);
        if (skb.pktType() == SkBuff.PACKET_OTHERHOST) {
            net.drop(skb, DropReason.OTHERHOST);
            return;
        }
        c.inc(Mib.Ip6InReceives);
        c.add(Mib.Ip6InOctets, skb.len());
        DevConf dc = conf.get(dev.ifindex());
        if (dc != null && dc.disableIpv6.get() != 0) {
            c.inc(Mib.Ip6InDiscards);
            net.drop(skb, DropReason.IPV6DISABLED);
            return;
        }
        IpCb.clear(skb);
        IpCb.setIif(skb, dev.ifindex());
        if (!skb.mayPull(Ipv6Packet.HEADER_LEN)) {
            inHdrError(skb, DropReason.IP_INHDR);
            return;
        }
        byte[] b = skb.buf();
        int nh = skb.data();
        if ((b[nh] & 0xf0) != 0x60) {
            inHdrError(skb, DropReason.UNHANDLED_PROTO);
            return;
        }
        int tc = (Bytes.u16(b, nh) >>> 4) & 0xff;
        c.add(switch (tc & 3) {
            case 0 -> Mib.Ip6InNoECTPkts;
            case 1 -> Mib.Ip6InECT1Pkts;
            case 2 -> Mib.Ip6InECT0Pkts;
            default -> Mib.Ip6InCEPkts;
        }, Math.max(1, skb.gsoSegs()));
        long sHi = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET);
        long sLo = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET + 8);
        long dHi = Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET);
        long dLo = Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET + 8);
        boolean lo = (dev.flags() & NetDevice.IFF_LOOPBACK) != 0;
        boolean dstMulticast = (dHi >>> 56) == 0xff;
        if ((sHi == 0 && sLo == 1 || dHi == 0 && dLo == 1) && !lo
                || dstMulticast && !lo && skb.pktType() != Ipv4.PACKET_LOOPBACK && ((dHi >>> 48) & 0xf) == 1
                || dstMulticast && ((dHi >>> 48) & 0xf) == 0
                || (sHi >>> 56) == 0xff) {
            inHdrError(skb, DropReason.IP_INHDR);
            return;
        }
        skb.resetNetworkHeader();
        skb.setTransportHeader(nh + Ipv6Packet.HEADER_LEN);
        IpCb.setNhoff(skb, Ipv6Packet.NEXT_HEADER_OFFSET);
        int pktLen = Bytes.u16(b, nh + Ipv6Packet.PAYLOAD_LENGTH_OFFSET);
        int next = b[nh + Ipv6Packet.NEXT_HEADER_OFFSET] & 0xff;
        if (pktLen != 0 || next != IpProtocol.HOPOPTS) {
            if (pktLen + Ipv6Packet.HEADER_LEN > skb.len()) {
                c.inc(Mib.Ip6InTruncatedPkts);
                net.drop(skb, DropReason.PKT_TOO_SMALL);
                return;
            }
            skb.trim(pktLen + Ipv6Packet.HEADER_LEN);
        }
        if (next == IpProtocol.HOPOPTS && !hopByHop(skb)) {
            return;
        }
        skb.setSk(null);
        skb.setIfindex(dev.ifindex());
        nf.hook(NfHook.PF_IPV6, NfHook.PREROUTING, skb, dev, null, null, rcvFinish);
    }

    private void inHdrError(SkBuff skb, DropReason reason) {
        inHdrError(skb, reason, Mib.Ip6InHdrErrors);
    }

    /** {@code ipv6_parse_hopopts}: false when the packet was dropped (and counted). */
    private boolean hopByHop(SkBuff skb) {
        int at = skb.transportHeader();
        if (!mayPullTo(skb, at + 8) || !mayPullTo(skb, at + extLen(skb, at))) {
            inHdrError(skb, DropReason.IPV6_BAD_EXTHDR);
            return false;
        }
        at = skb.transportHeader();
        IpCb.addFlags(skb, IpCb.HOP_BY_HOP);
        if (!parseTlv(skb, at, true, sys.maxHbhOptsNumber.getInt())) {
            c.inc(Mib.Ip6InHdrErrors);
            return false;
        }
        skb.setTransportHeader(at + extLen(skb, at));
        IpCb.setNhoff(skb, Ipv6Packet.HEADER_LEN);
        return true;
    }

    /** Makes bytes up to absolute offset {@code end} linear; false when the packet is shorter. */
    private static boolean mayPullTo(SkBuff skb, int end) {
        return skb.mayPull(end - skb.data());
    }

    private static int extLen(SkBuff skb, int at) {
        return ((skb.buf()[at + 1] & 0xff) + 1) * 8;
    }

    /**
     * {@code ip6_parse_tlv} over the options header at {@code hdr}: at most 7 bytes of padding in
     * a row, PadN holding only zeros (RFC 4942 section 2.1.9.5), at most {@code maxCount}
     * non-padding options (a negative value: as many, and unknown ones dropped silently), a
     * Router Alert of length 2, a Jumbo Payload only as RFC 2675 allows (Weir carries no
     * jumbograms), and for an unknown option the action its high bits ask (RFC 8200 section 4.2):
     * skip, drop, or drop with a parameter problem code 2 pointing at it (for 11 only when the
     * destination is not multicast). Returns false when the packet was dropped.
     */
    private boolean parseTlv(SkBuff skb, int hdr, boolean hopByHop, int maxCount) {
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        boolean disallowUnknowns = maxCount < 0;
        int max = Math.abs(maxCount);
        int off = hdr + 2;
        int len = extLen(skb, hdr) - 2;
        int count = 0;
        int padlen = 0;
        while (len > 0) {
            int type = b[off] & 0xff;
            if (type == Ipv6Option.PAD1) {
                if (++padlen > 7) {
                    return bad(skb);
                }
                off++;
                len--;
                continue;
            }
            if (len < 2) {
                return bad(skb);
            }
            int optlen = (b[off + 1] & 0xff) + 2;
            if (optlen > len) {
                return bad(skb);
            }
            if (type == Ipv6Option.PADN) {
                padlen += optlen;
                if (padlen > 7) {
                    return bad(skb);
                }
                for (int i = 2; i < optlen; i++) {
                    if (b[off + i] != 0) {
                        return bad(skb);
                    }
                }
            } else {
                if (++count > max) {
                    return bad(skb);
                }
                if (hopByHop && type == Ipv6Option.ROUTER_ALERT) {
                    if (optlen != 4) {
                        return bad(skb);
                    }
                    IpCb.addFlags(skb, IpCb.ROUTER_ALERT);
                    skb.cb[2] = 0x1_0000L | Bytes.u16(b, off + 2);
                } else if (hopByHop && type == Ipv6Option.JUMBO) {
                    if (!jumbo(skb, b, nh, off - nh)) {
                        return false;
                    }
                } else if (!unknownOption(skb, b, nh, off - nh, disallowUnknowns)) {
                    return false;
                }
                padlen = 0;
            }
            off += optlen;
            len -= optlen;
        }
        return len == 0 || bad(skb);
    }

    private boolean bad(SkBuff skb) {
        net.drop(skb, DropReason.IPV6_BAD_EXTHDR);
        return false;
    }

    /** {@code ipv6_hop_jumbo}: length 4 at offset 4n+2, a length above 65535, a payload length field of 0. */
    private boolean jumbo(SkBuff skb, byte[] b, int nh, int optoff) {
        if ((b[nh + optoff + 1] & 0xff) != 4 || (optoff & 3) != 2) {
            return bad(skb);
        }
        long pktLen = Bytes.i32(b, nh + optoff + 2) & 0xffff_ffffL;
        if (pktLen <= 65_535) {
            icmp.parameterProblem(skb, Icmpv6Packet.PARAMPROB_HEADER_FIELD, optoff + 2);
            return false;
        }
        if (Bytes.u16(b, nh + Ipv6Packet.PAYLOAD_LENGTH_OFFSET) != 0) {
            icmp.parameterProblem(skb, Icmpv6Packet.PARAMPROB_HEADER_FIELD, optoff);
            return false;
        }
        c.inc(Mib.Ip6InTruncatedPkts);
        net.drop(skb, DropReason.PKT_TOO_SMALL);
        return false;
    }

    /** {@code ip6_tlv_opt_unknown}: true to skip the option, false when the packet was dropped. */
    private boolean unknownOption(SkBuff skb, byte[] b, int nh, int optoff, boolean disallowUnknowns) {
        if (!disallowUnknowns) {
            switch ((b[nh + optoff] & 0xc0) >>> 6) {
                case Ipv6Option.ACTION_SKIP -> {
                    return true;
                }
                case Ipv6Option.ACTION_DISCARD_ICMP_UNICAST -> {
                    if ((b[nh + Ipv6Packet.DST_OFFSET] & 0xff) != 0xff) {
                        icmp.parameterProblem(skb, Icmpv6Packet.PARAMPROB_UNKNOWN_OPTION, optoff, DropReason.UNHANDLED_PROTO);
                        return false;
                    }
                }
                case Ipv6Option.ACTION_DISCARD_ICMP -> {
                    icmp.parameterProblem(skb, Icmpv6Packet.PARAMPROB_UNKNOWN_OPTION, optoff, DropReason.UNHANDLED_PROTO);
                    return false;
                }
                default -> { }
            }
        }
        net.drop(skb, DropReason.UNHANDLED_PROTO);
        return false;
    }

    /**
     * {@code ip6_rcv_finish}: the input route. Local and multicast destinations are delivered,
     * others forwarded; with no route, or an unreachable route, ICMPv6 destination unreachable
     * code 0 ({@code Ip6InNoRoutes}, IP_INNOROUTES; an unspecified destination
     * {@code Ip6InAddrErrors}); a prohibit route code 1; a blackhole silently.
     */
    private void rcvFinish(SkBuff skb) {
        NetDevice dev = net.device(skb.ifindex());
        if (dev == null) {
            net.drop(skb, DropReason.LINK_DOWN);
            return;
        }
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        long dHi = Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET);
        long dLo = Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET + 8);
        long sHi = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET);
        long sLo = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET + 8);
        if ((dev.flags() & NetDevice.IFF_LOOPBACK) != 0 || skb.pktType() == Ipv4.PACKET_LOOPBACK) {
            boolean mc = (dHi >>> 56) == 0xff;
            IpCb.setRoute(skb, dev.ifindex(), dev.mtu(), mc ? RouteType.MULTICAST.number() : RouteType.LOCAL.number(),
                    IpCb.RT_LOCAL | (mc ? IpCb.RT_MULTICAST : 0), dHi, dLo);
        } else {
            int tc = (Bytes.u16(b, nh) >>> 4) & 0xff;
            flow.reset().set(Addr.V6, dHi, dLo, sHi, sLo).iif(dev.ifindex()).tos(tc).mark(skb.mark());
            int err = routing.inputRoute(flow, res);
            if (err != 0) {
                inputRouteError(skb, err, dHi, dLo);
                return;
            }
            storeRoute(skb, res, false);
        }
        if ((IpCb.routeFlags(skb) & IpCb.RT_MULTICAST) != 0) {
            c.inc(Mib.Ip6InMcastPkts);
            c.add(Mib.Ip6InMcastOctets, skb.len());
        }
        if ((IpCb.routeFlags(skb) & IpCb.RT_LOCAL) != 0) {
            nf.hook(NfHook.PF_IPV6, NfHook.INPUT, skb, dev, null, null, localDeliverFinish);
        } else {
            forward(skb);
        }
    }

    private void storeRoute(SkBuff skb, FibResult r, boolean output) {
        NetDevice out = r.dev();
        int mtu;
        if (output || (r.flags() & FibResult.RTCF_LOCAL) != 0) {
            mtu = r.mtu();
        } else {
            Route route = r.route();
            mtu = r.mtuLocked() || route == null ? r.mtu() : route.mtu() != 0 ? route.mtu() : out.mtu();
        }
        IpCb.setRoute(skb, out != null ? out.ifindex() : 0, mtu, r.type().number(), Ipv4.routeFlags(r), r.nextHopHi(), r.nextHopLo());
    }

    /** {@code ip6_pkt_drop}. */
    private void inputRouteError(SkBuff skb, int err, long dHi, long dLo) {
        int code;
        DropReason reason;
        switch (-err) {
            case Errno.ENETUNREACH, Errno.EHOSTUNREACH -> code = Icmpv6Packet.UNREACH_NO_ROUTE;
            case Errno.EACCES -> code = Icmpv6Packet.UNREACH_ADMIN_PROHIBITED;
            default -> {
                net.drop(skb, DropReason.NOT_SPECIFIED);
                return;
            }
        }
        if (dHi == 0 && dLo == 0) {
            c.inc(Mib.Ip6InAddrErrors);
            reason = DropReason.IP_INADDRERRORS;
        } else {
            c.inc(Mib.Ip6InNoRoutes);
            reason = DropReason.IP_INNOROUTES;
        }
        IpCb.setRoute(skb, 0, 0, RouteType.UNREACHABLE.number(), 0, 0, 0);
        icmp.send(skb, Icmpv6Packet.DEST_UNREACHABLE, code, 0);
        net.drop(skb, reason);
    }

    // ---- local delivery ----

    /**
     * {@code ip6_input_finish}: the headers after the fixed one (and Hop-by-Hop) in turn:
     * Routing ({@link #routingHeader}), Destination Options, Fragment (reassembly, RFC 8200
     * section 4.5), No Next Header (nothing to deliver), then the upper layer's handler
     * ({@code Ip6InDelivers}); no handler: parameter problem code 1 at the Next Header that
     * named it, {@code Ip6InUnknownProtos}, IP_NOPROTO.
     */
    private void localDeliverFinish(SkBuff skb) {
        while (true) {
            int nh = skb.networkHeader();
            int nhoff = IpCb.nhoff(skb);
            int at = skb.transportHeader();
            int next = skb.buf()[nh + nhoff] & 0xff;
            if (at > skb.data() + skb.headLen()) {
                if (!mayPullTo(skb, at)) {
                    inHdrDiscard(skb);
                    return;
                }
                nh = skb.networkHeader();
                at = skb.transportHeader();
            }
            skb.pull(at - skb.data());
            switch (next) {
                case IpProtocol.ROUTING -> {
                    if (!routingHeader(skb)) {
                        return;
                    }
                }
                case IpProtocol.DSTOPTS -> {
                    if (!destinationOptions(skb)) {
                        return;
                    }
                }
                case IpProtocol.FRAGMENT -> {
                    if (!mayPullTo(skb, at + Ipv6FragmentHeader.LEN)) {
                        inHdrDiscard(skb);
                        return;
                    }
                    nh = skb.networkHeader();
                    at = skb.transportHeader();
                    skb.push(skb.data() - nh);
                    SkBuff whole = reasm.defrag(skb, at, nhoff);
                    if (whole == null) {
                        return;
                    }
                    skb = whole;
                    if (IpCb.hasFlag(skb, IpCb.ATOMIC_FRAGMENT)) {
                        // An atomic fragment: go on after its Fragment header (RFC 6946).
                        IpCb.clearFlags(skb, IpCb.ATOMIC_FRAGMENT);
                        skb.setTransportHeader(at + Ipv6FragmentHeader.LEN);
                    }
                }
                case IpProtocol.NONE -> {
                    c.inc(Mib.Ip6InDelivers);
                    skb.consume();
                    return;
                }
                default -> {
                    IpProtocolHandler h = handler(next);
                    if (h != null) {
                        c.inc(Mib.Ip6InDelivers);
                        skb.resetTransportHeader();
                        h.rcv(skb);
                        return;
                    }
                    c.inc(Mib.Ip6InUnknownProtos);
                    icmp.parameterProblem(skb, Icmpv6Packet.PARAMPROB_UNKNOWN_NEXT_HEADER, nhoff, DropReason.IP_NOPROTO);
                    return;
                }
            }
        }
    }

    private void inHdrDiscard(SkBuff skb) {
        c.inc(Mib.Ip6InHdrErrors);
        net.drop(skb, DropReason.IPV6_BAD_EXTHDR);
    }

    /**
     * {@code ipv6_rthdr_rcv}: to a multicast destination or not for this host at the link
     * layer: {@code Ip6InAddrErrors}; segments left 0: skipped (RFC 8200 section 4.4); else,
     * as Weir routes no source-routed packets (type 0 is deprecated by RFC 5095, types 3 and 4
     * are off in Linux by default): parameter problem code 0 pointing at the Routing Type,
     * {@code Ip6InHdrErrors}.
     */
    private boolean routingHeader(SkBuff skb) {
        int at = skb.data();
        if (!mayPullTo(skb, at + 8) || !mayPullTo(skb, at + extLen(skb, at))) {
            inHdrDiscard(skb);
            return false;
        }
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        at = skb.data();
        if ((b[nh + Ipv6Packet.DST_OFFSET] & 0xff) == 0xff || skb.pktType() != SkBuff.PACKET_HOST) {
            c.inc(Mib.Ip6InAddrErrors);
            net.drop(skb, DropReason.IP_INADDRERRORS);
            return false;
        }
        int type = b[at + 2] & 0xff;
        int segmentsLeft = b[at + 3] & 0xff;
        if (type == 3 || type == 4) {
            net.drop(skb, DropReason.NOT_SPECIFIED); // RPL / segment routing: seg6_enabled 0
            return false;
        }
        if (segmentsLeft == 0) {
            IpCb.setNhoff(skb, at - nh);
            skb.setTransportHeader(at + extLen(skb, at));
            return true;
        }
        c.inc(Mib.Ip6InHdrErrors);
        icmp.parameterProblem(skb, Icmpv6Packet.PARAMPROB_HEADER_FIELD, at + 2 - nh, DropReason.IPV6_BAD_EXTHDR);
        return false;
    }

    /** {@code ipv6_destopt_rcv}. */
    private boolean destinationOptions(SkBuff skb) {
        int at = skb.data();
        if (!mayPullTo(skb, at + 8) || !mayPullTo(skb, at + extLen(skb, at))) {
            inHdrDiscard(skb);
            return false;
        }
        at = skb.data();
        if (!parseTlv(skb, at, false, sys.maxDstOptsNumber.getInt())) {
            c.inc(Mib.Ip6InHdrErrors);
            return false;
        }
        IpCb.setNhoff(skb, at - skb.networkHeader());
        skb.setTransportHeader(at + extLen(skb, at));
        return true;
    }

    // ---- forwarding ----

    /**
     * {@code ip6_forward}: only when {@code net.ipv6.conf.all.forwarding} is set (else
     * {@code Ip6InAddrErrors}); only frames for this host; a hop limit of 1 or less answers time
     * exceeded code 0 ({@code Ip6InHdrErrors}, IP_TTL_EXPIRED; RFC 8200 section 3); an
     * unspecified, multicast or loopback source is refused, a link-local one answers destination
     * unreachable code 2 "beyond scope of source address" (RFC 4443 section 3.1); a packet larger
     * than the next hop's MTU (at least 1280) answers packet too big with that MTU (RFC 8201;
     * {@code Ip6InTooBigErrors}, {@code Ip6FragFails}, PKT_TOO_BIG): routers never fragment
     * (RFC 8200 section 5). Else the hop limit is decremented and the packet crosses FORWARD.
     */
    private void forward(SkBuff skb) {
        int t = trace.enter(StageFunction.IP6_FORWARD, skb, null, 0, 0, 0, 0);
        forward0(skb);
        trace.leave(t, 0);
    }

    private void forward0(SkBuff skb) {
        net.charge(costs.ipForward);
        if (sys.forwardingAll6.get() == 0) {
            c.inc(Mib.Ip6InAddrErrors);
            net.drop(skb, DropReason.IP_INADDRERRORS);
            return;
        }
        if (skb.pktType() != SkBuff.PACKET_HOST || skb.sk() != null) {
            net.drop(skb, DropReason.NOT_SPECIFIED);
            return;
        }
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        if ((b[nh + Ipv6Packet.HOP_LIMIT_OFFSET] & 0xff) <= 1) {
            icmp.send(skb, Icmpv6Packet.TIME_EXCEEDED, Icmpv6Packet.EXCEEDED_HOP_LIMIT, 0);
            c.inc(Mib.Ip6InHdrErrors);
            net.drop(skb, DropReason.IP_TTL_EXPIRED);
            return;
        }
        NetDevice out = net.device(IpCb.oif(skb));
        if (out == null) {
            net.drop(skb, DropReason.LINK_DOWN);
            return;
        }
        if (IpCb.iif(skb) != out.ifindex()) {
            long sHi = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET);
            long sLo = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET + 8);
            if (sHi == 0 && (sLo == 0 || sLo == 1) || (sHi >>> 56) == 0xff) {
                c.inc(Mib.Ip6InAddrErrors);
                net.drop(skb, DropReason.IP_INADDRERRORS);
                return;
            }
            if (Addr.isV6LinkLocal(sHi)) {
                icmp.send(skb, Icmpv6Packet.DEST_UNREACHABLE, Icmpv6Packet.UNREACH_BEYOND_SCOPE, 0);
                c.inc(Mib.Ip6InAddrErrors);
                net.drop(skb, DropReason.IP_INADDRERRORS);
                return;
            }
        }
        c.inc(Mib.Ip6OutForwDatagrams);
        int mtu = Math.max(IpCb.routeMtu(skb), IcmpMessages.IPV6_MIN_MTU);
        if (tooBig(skb, mtu)) {
            icmp.send(skb, Icmpv6Packet.PACKET_TOO_BIG, 0, mtu);
            c.inc(Mib.Ip6InTooBigErrors);
            c.inc(Mib.Ip6FragFails);
            net.drop(skb, DropReason.PKT_TOO_BIG);
            return;
        }
        skb.makeWritable();
        b = skb.buf();
        nh = skb.networkHeader();
        b[nh + Ipv6Packet.HOP_LIMIT_OFFSET]--;
        IpCb.addFlags(skb, IpCb.FORWARDED);
        nf.hook(NfHook.PF_IPV6, NfHook.FORWARD, skb, net.device(skb.ifindex()), out, null, forwardFinish);
    }

    /** {@code ip6_pkt_too_big}. */
    private static boolean tooBig(SkBuff skb, int mtu) {
        if (skb.len() <= mtu) {
            return false;
        }
        if (IpCb.fragMaxSize(skb) > mtu) {
            return true;
        }
        if (IpCb.hasFlag(skb, IpCb.IGNORE_DF)) {
            return false;
        }
        return !skb.isGso() || skb.gsoSize() + (skb.transportHeader() - skb.networkHeader()) > mtu;
    }

    private void forwardFinish(SkBuff skb) {
        c.add(Mib.Ip6OutOctets, skb.len());
        skb.setTstamp(0);
        output(skb);
    }

    // ---- output ----

    /**
     * Sends an upper-layer packet from this host ({@code ip6_xmit}; the ICMPv6 and UDP path of
     * {@code ip6_append_data} alike): routes it, prepends the fixed header and passes it through
     * OUTPUT, POSTROUTING, source fragmentation and the neighbour layer. {@code skb.data()} is the
     * upper-layer header with room before it.
     *
     * @param srcHi source, high half; (0, 0) lets routing choose (RFC 6724)
     * @param nextHeader the upper-layer protocol
     * @param trafficClass DSCP and ECN
     * @param hopLimit -1 for the output device's {@code conf.<dev>.hop_limit} (1 for multicast)
     * @param pmtudisc one of {@code PMTUDISC_*}: DONT and WANT fragment a packet too large for the
     *     path MTU here, DO and PROBE refuse it with EMSGSIZE
     * @return 0, a negative errno for no route ({@code Ip6OutNoRoutes}), {@code -EMSGSIZE},
     *     {@code -EPERM} for a netfilter drop, {@code -ENOBUFS} when the device queue dropped it
     *     ({@code Ip6OutDiscards}); the packet is the layer's in every case
     */
    public int send(SkBuff skb, long srcHi, long srcLo, long dstHi, long dstLo, int nextHeader, int trafficClass, int flowLabel,
            int hopLimit, int pmtudisc, int oif, Object sk) {
        flow.reset().set(Addr.V6, dstHi, dstLo, srcHi, srcLo).oif(oif).tos(trafficClass).mark(skb.mark());
        int err = routing.outputRoute(flow, res);
        if (err != 0) {
            c.inc(Mib.Ip6OutNoRoutes);
            net.drop(skb, DropReason.IP_OUTNOROUTES);
            return err;
        }
        NetDevice dev = res.dev();
        int mode = pmtudisc == PMTUDISC_DEFAULT ? PMTUDISC_WANT : pmtudisc;
        int mtu = mode == PMTUDISC_PROBE ? dev.mtu() : res.mtu();
        int total = skb.len() + Ipv6Packet.HEADER_LEN;
        if (mode >= PMTUDISC_DO && total > mtu && !skb.isGso()) {
            net.drop(skb, DropReason.PKT_TOO_BIG);
            return -Ipv4.EMSGSIZE;
        }
        long sHi = srcHi;
        long sLo = srcLo;
        if (sHi == 0 && sLo == 0) {
            sHi = res.srcHi();
            sLo = res.srcLo();
        }
        int hl = hopLimit;
        if (hl < 0) {
            DevConf dc = conf.get(dev.ifindex());
            hl = (dstHi >>> 56) == 0xff ? 1 : dc != null ? dc.hopLimit6.getInt() : 64;
        }
        IpCb.clear(skb);
        if (mode < PMTUDISC_DO) {
            IpCb.addFlags(skb, IpCb.IGNORE_DF);
        }
        skb.push(Ipv6Packet.HEADER_LEN);
        skb.resetNetworkHeader();
        byte[] b = skb.buf();
        int at = skb.data();
        Bytes.put32(b, at, (6 << 28) | ((trafficClass & 0xff) << 20) | (flowLabel & Ipv6Packet.MAX_FLOW_LABEL));
        Bytes.put16(b, at + Ipv6Packet.PAYLOAD_LENGTH_OFFSET, skb.len() - Ipv6Packet.HEADER_LEN);
        b[at + Ipv6Packet.NEXT_HEADER_OFFSET] = (byte) nextHeader;
        b[at + Ipv6Packet.HOP_LIMIT_OFFSET] = (byte) hl;
        Bytes.put64(b, at + Ipv6Packet.SRC_OFFSET, sHi);
        Bytes.put64(b, at + Ipv6Packet.SRC_OFFSET + 8, sLo);
        Bytes.put64(b, at + Ipv6Packet.DST_OFFSET, dstHi);
        Bytes.put64(b, at + Ipv6Packet.DST_OFFSET + 8, dstLo);
        storeRoute(skb, res, true);
        skb.setSk(sk);
        return xmitErrno(localOut(skb, output), Mib.Ip6OutDiscards);
    }

    /**
     * {@code ndisc_send_skb}'s way out: a whole IPv6 packet the neighbour layer built (data at its
     * header) leaves by {@code dev} towards {@code dst}, through OUTPUT and POSTROUTING, as Linux
     * sends NDP with a route made for the device ({@code icmp6_dst_alloc}).
     */
    int sendNdisc(SkBuff skb, NetDevice dev, long dstHi, long dstLo) {
        IpCb.clear(skb);
        skb.resetNetworkHeader();
        boolean multicast = (dstHi >>> 56) == 0xff;
        IpCb.setRoute(skb, dev.ifindex(), dev.mtu(), multicast ? RouteType.MULTICAST.number() : RouteType.UNICAST.number(),
                multicast ? IpCb.RT_MULTICAST : 0, dstHi, dstLo);
        return localOut(skb, output);
    }

    /** {@code ip6_output}: a multicast to all nodes is also looped back here; POSTROUTING. */
    @Override
    int output(SkBuff skb) {
        int t = trace.enter(StageFunction.IP6_OUTPUT, skb, null, 0, 0, 0, 0);
        int rc = output0(skb);
        trace.leave(t, rc);
        return rc;
    }

    private int output0(SkBuff skb) {
        NetDevice out = outputDevice(skb);
        if (out == null) {
            return -Errno.ENODEV;
        }
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        long dHi = Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET);
        long dLo = Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET + 8);
        if ((dHi >>> 56) == 0xff && (out.flags() & NetDevice.IFF_LOOPBACK) == 0 && !IpCb.hasFlag(skb, IpCb.FORWARDED)
                && (dHi & 0xfff0_ffff_ffff_ffffL) == 0xff00_0000_0000_0000L && dLo == 1) {
            loop.loopBack(skb.copy(), out); // all-nodes (ff01::1, ff02::1): every node, this one too
        }
        NetDevice in = IpCb.hasFlag(skb, IpCb.FORWARDED) ? net.device(skb.ingressIfindex()) : null;
        int v = runHook(NfHook.POSTROUTING, skb, in, out, finishOutput);
        return v == CONTINUE ? finishOutput(skb) : v;
    }

    /**
     * {@code ip6_finish_output}: a packet larger than the path MTU is fragmented when its sender
     * allows (DONT/WANT); otherwise, as for a forwarded one, packet too big answers its sender
     * (this host: its path MTU learns it) and it is dropped ({@code Ip6FragFails}).
     */
    private int finishOutput(SkBuff skb) {
        int mtu = IpCb.routeMtu(skb);
        int max = IpCb.fragMaxSize(skb);
        if (skb.isGso() || skb.len() <= mtu && (max == 0 || skb.len() <= max)) {
            return finishOutput2(skb);
        }
        if (!IpCb.hasFlag(skb, IpCb.IGNORE_DF) && skb.len() > mtu || max > mtu) {
            c.inc(Mib.Ip6FragFails);
            icmp.send(skb, Icmpv6Packet.PACKET_TOO_BIG, 0, mtu);
            net.drop(skb, DropReason.PKT_TOO_BIG);
            return -Ipv4.EMSGSIZE;
        }
        if (max != 0) {
            mtu = Math.max(IcmpMessages.IPV6_MIN_MTU, Math.min(mtu, max));
        }
        skb.push(skb.data() - skb.networkHeader());
        int r = fragmenter.fragment(skb, mtu, fragmenter.nextId(), finishOutput2);
        if (r == Ipv6Fragmenter.OK) {
            return 0;
        }
        if (r == Ipv6Fragmenter.TOO_BIG) {
            icmp.send(skb, Icmpv6Packet.PACKET_TOO_BIG, 0, mtu);
            net.drop(skb, DropReason.PKT_TOO_BIG);
        } else {
            net.drop(skb, DropReason.IPV6_BAD_EXTHDR);
        }
        return -Ipv4.EMSGSIZE;
    }

    /** {@code ip6_finish_output2}. */
    private int finishOutput2(SkBuff skb) {
        c.inc(Mib.Ip6OutTransmits);
        c.add(Mib.Ip6OutOctets, skb.len());
        if ((IpCb.routeFlags(skb) & IpCb.RT_MULTICAST) != 0) {
            c.inc(Mib.Ip6OutMcastPkts);
            c.add(Mib.Ip6OutMcastOctets, skb.len());
        }
        return neighOutput(skb);
    }
}
