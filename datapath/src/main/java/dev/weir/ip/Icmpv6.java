package dev.weir.ip;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.Ipv6ExtHeaders;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.WireError;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.route.Addr;
import dev.weir.route.Routing;
import dev.weir.skb.SkBuff;

/**
 * ICMPv6, as Linux's {@code ipv6/icmp.c}: the receive side is the IPv6 protocol handler of
 * next header 58 ({@code icmpv6_rcv}); {@link #send} is {@code icmp6_send}.
 *
 * <p>Receive (RFC 4443): {@code Icmp6InMsgs}; a bad checksum (with the pseudo-header, section
 * 2.3) is ICMP_CSUM ({@code Icmp6InCsumErrors}, {@code Icmp6InErrors}). Echo requests are
 * answered from the address they were sent to, out of the interface they came in by
 * ({@code echo_ignore_all} and {@code echo_ignore_multicast} turn that off); echo replies go to
 * the ping handler; packet too big teaches routing the path MTU (RFC 8201); errors and error
 * types this layer does not know (section 2.4 (d)) go to the err handler of the protocol the
 * quoted packet was for; Neighbor Discovery messages (133-137) go to the neighbour layer
 * ({@link #setNdiscReceiver}); MLD and unknown informational messages are consumed.
 */
public final class Icmpv6 extends IcmpLayer {
    /** The neighbour layer's NDP entry ({@code ndisc_rcv}): takes the packet, data at the ICMPv6 header. */
    @FunctionalInterface
    public interface NdiscReceiver {
        void rcv(SkBuff skb, NetDevice dev);
    }

    private final Ipv6 ip;
    private final Ipv6ExtHeaders walker = new Ipv6ExtHeaders();
    private NdiscReceiver ndisc;

    Icmpv6(NetNs net, Ipv6 ip, IpSysctls sys, Routing routing, IcmpRateLimit rateLimit, IcmpMessages messages) {
        super(net, sys, routing, rateLimit, messages);
        this.ip = ip;
    }

    /** The neighbour layer's receive entry for router and neighbor solicitations and advertisements and redirects. */
    public void setNdiscReceiver(NdiscReceiver receiver) {
        this.ndisc = receiver;
    }

    // ---- receive ----

    @Override
    public void rcv(SkBuff skb) {
        net.charge(net.costs().icmpRcv);
        c.inc(Mib.Icmp6InMsgs);
        int len = skb.len();
        skb.linearize();
        byte[] b = skb.buf();
        int at = skb.data();
        int nh = skb.networkHeader();
        if (skb.ipSummed() != SkBuff.CHECKSUM_UNNECESSARY) {
            chargeCsum(len);
            long s = Checksum.pseudoHeaderV6(Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET), Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET + 8),
                    Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET), Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET + 8), IpProtocol.ICMPV6, len);
            if (Checksum.fold(Checksum.add(s, b, at, len)) != 0xffff) {
                c.inc(Mib.Icmp6InCsumErrors);
                c.inc(Mib.Icmp6InErrors);
                net.drop(skb, DropReason.ICMP_CSUM);
                return;
            }
        }
        if (len < Icmpv6Packet.HEADER_LEN) {
            c.inc(Mib.Icmp6InErrors);
            net.drop(skb, DropReason.PKT_TOO_SMALL);
            return;
        }
        int type = b[at] & 0xff;
        countIn(type);
        switch (type) {
            case Icmpv6Packet.ECHO_REQUEST -> {
                if (sys.icmp6EchoIgnoreAll.get() == 0) {
                    echo(skb);
                }
                skb.consume();
            }
            case Icmpv6Packet.ECHO_REPLY -> {
                toPing(skb);
            }
            case Icmpv6Packet.PACKET_TOO_BIG, Icmpv6Packet.DEST_UNREACHABLE, Icmpv6Packet.TIME_EXCEEDED,
                    Icmpv6Packet.PARAMETER_PROBLEM -> notify(skb, type);
            case Icmpv6Packet.ROUTER_SOLICITATION, Icmpv6Packet.ROUTER_ADVERTISEMENT, Icmpv6Packet.NEIGHBOR_SOLICITATION,
                    Icmpv6Packet.NEIGHBOR_ADVERTISEMENT, Icmpv6Packet.REDIRECT -> {
                NetDevice dev = net.device(skb.ifindex());
                if (ndisc != null && dev != null) {
                    ndisc.rcv(skb, dev);
                } else {
                    net.drop(skb, DropReason.UNHANDLED_PROTO);
                }
            }
            default -> {
                if ((type & 0x80) != 0) {
                    skb.consume(); // MLD and other informational messages
                } else {
                    notify(skb, type); // RFC 4443 section 2.4 (d): unknown errors go up
                }
            }
        }
    }

    private void countIn(int type) {
        switch (type) {
            case Icmpv6Packet.DEST_UNREACHABLE -> c.inc(Mib.Icmp6InDestUnreachs);
            case Icmpv6Packet.PACKET_TOO_BIG -> c.inc(Mib.Icmp6InPktTooBigs);
            case Icmpv6Packet.TIME_EXCEEDED -> c.inc(Mib.Icmp6InTimeExcds);
            case Icmpv6Packet.PARAMETER_PROBLEM -> c.inc(Mib.Icmp6InParmProblems);
            case Icmpv6Packet.ECHO_REQUEST -> c.inc(Mib.Icmp6InEchos);
            case Icmpv6Packet.ECHO_REPLY -> c.inc(Mib.Icmp6InEchoReplies);
            default -> { } // Neighbor Discovery messages are counted by the neighbour layer (ndisc_rcv)
        }
    }

    private void countOut(int type) {
        c.inc(Mib.Icmp6OutMsgs);
        switch (type) {
            case Icmpv6Packet.DEST_UNREACHABLE -> c.inc(Mib.Icmp6OutDestUnreachs);
            case Icmpv6Packet.PACKET_TOO_BIG -> c.inc(Mib.Icmp6OutPktTooBigs);
            case Icmpv6Packet.TIME_EXCEEDED -> c.inc(Mib.Icmp6OutTimeExcds);
            case Icmpv6Packet.PARAMETER_PROBLEM -> c.inc(Mib.Icmp6OutParmProblems);
            case Icmpv6Packet.ECHO_REQUEST -> c.inc(Mib.Icmp6OutEchos);
            case Icmpv6Packet.ECHO_REPLY -> c.inc(Mib.Icmp6OutEchoReplies);
            default -> { }
        }
    }

    /**
     * {@code icmpv6_echo_reply}: from the request's destination when that was unicast, else
     * from the address routing picks; back out the interface it came in by; the request's
     * traffic class; the output device's hop limit.
     */
    private void echo(SkBuff req) {
        byte[] b = req.buf();
        int nh = req.networkHeader();
        long dHi = Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET);
        long dLo = Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET + 8);
        boolean multicast = (dHi >>> 56) == 0xff;
        if (multicast && sys.icmp6EchoIgnoreMulticast.get() != 0) {
            return;
        }
        long srcHi = multicast ? 0 : dHi;
        long srcLo = multicast ? 0 : dLo;
        long toHi = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET);
        long toLo = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET + 8);
        int tc = (Bytes.u16(b, nh) >>> 4) & 0xff;
        int oif = IpCb.iif(req);
        flow.reset().set(Addr.V6, toHi, toLo, srcHi, srcLo).oif(oif).mark(req.mark());
        if (routing.outputRoute(flow, res) != 0) {
            return;
        }
        int g = fromLoopback(req) ? IcmpRateLimit.NOT_LIMITED : rateLimit.globalAllow6(Icmpv6Packet.ECHO_REPLY);
        if (g == IcmpRateLimit.REFUSED || !rateLimit.hostAllow6(toHi, toLo, prefixLen(), loopbackOut(), g)) {
            return;
        }
        if (srcHi == 0 && srcLo == 0) {
            srcHi = res.srcHi();
            srcLo = res.srcLo();
        }
        SkBuff reply = messages.echoReply(req, Icmpv6Packet.ECHO_REPLY, false);
        IcmpMessages.fillChecksum6(reply, srcHi, srcLo, toHi, toLo);
        chargeCsum(reply.len());
        countOut(Icmpv6Packet.ECHO_REPLY);
        reply.setMark(req.mark());
        ip.send(reply, srcHi, srcLo, toHi, toLo, IpProtocol.ICMPV6, tc, 0, -1, Ipv6.PMTUDISC_DONT, oif, null);
    }

    private int prefixLen() {
        return res.route() != null ? res.route().dstLen() : 128;
    }

    /**
     * {@code icmpv6_notify}: the quoted packet's extension headers are skipped to its upper layer
     * (a malformed chain: IPV6_BAD_EXTHDR, {@code Icmp6InErrors}), at least 8 bytes of that must
     * be present, and its protocol's err handler is told. Packet too big first teaches routing
     * the path MTU to the quoted destination.
     */
    private void notify(SkBuff skb, int type) {
        byte[] b = skb.buf();
        int at = skb.data();
        int code = b[at + 1] & 0xff;
        int info = Bytes.i32(b, at + 4);
        skb.setTransportHeader(at);
        skb.pull(Icmpv6Packet.HEADER_LEN);
        if (skb.len() < Ipv6Packet.HEADER_LEN) {
            c.inc(Mib.Icmp6InErrors);
            net.drop(skb, DropReason.PKT_TOO_SMALL);
            return;
        }
        int q = skb.data();
        long qdHi = Bytes.i64(b, q + Ipv6Packet.DST_OFFSET);
        long qdLo = Bytes.i64(b, q + Ipv6Packet.DST_OFFSET + 8);
        if (type == Icmpv6Packet.PACKET_TOO_BIG) {
            routing.learnPmtu(Addr.V6, qdHi, qdLo, info);
        }
        int next = b[q + Ipv6Packet.NEXT_HEADER_OFFSET] & 0xff;
        int inner = Ipv6Packet.HEADER_LEN;
        if (IpProtocol.isIpv6WalkedExtension(next)) {
            WireError e = walker.walk(b, q + Ipv6Packet.HEADER_LEN, skb.len() - Ipv6Packet.HEADER_LEN, next);
            if (e != WireError.OK) {
                c.inc(Mib.Icmp6InErrors);
                net.drop(skb, DropReason.IPV6_BAD_EXTHDR);
                return;
            }
            next = walker.upperLayerProtocol();
            inner = walker.upperLayerOffset() - q;
        }
        if (skb.len() < inner + 8) {
            c.inc(Mib.Icmp6InErrors);
            net.drop(skb, DropReason.PKT_TOO_SMALL);
            return;
        }
        IpProtocolHandler h = next == IpProtocol.ICMPV6
                ? ((b[q + inner] & 0xff) == Icmpv6Packet.ECHO_REQUEST ? ping : null)
                : ip.handler(next);
        if (h != null) {
            h.err(skb, type, code, info, inner);
        }
        skb.consume();
    }

    // ---- reassembly ----

    /** {@code ip6frag_expire_frag_queue}: time exceeded, fragment reassembly time exceeded. */
    @Override
    public void reassemblyTimedOut(SkBuff head, int iif) {
        send(head, Icmpv6Packet.TIME_EXCEEDED, Icmpv6Packet.EXCEEDED_REASSEMBLY, 0);
    }

    /** {@code icmpv6_param_prob}: the parameter problem, then the packet is dropped (IP_INHDR). */
    @Override
    public void parameterProblem(SkBuff skb, int code, int pointer) {
        parameterProblem(skb, code, pointer, DropReason.IP_INHDR);
    }

    /** {@code icmpv6_param_prob_reason}: parameter problem {@code code} at {@code pointer}, then drop as {@code reason}. */
    void parameterProblem(SkBuff skb, int code, int pointer, DropReason reason) {
        send(skb, Icmpv6Packet.PARAMETER_PROBLEM, code, pointer);
        net.drop(skb, reason);
    }

    // ---- send ----

    /**
     * {@code icmp6_send}: reports an error about {@code in} to its source. {@code info} is the MTU
     * of a packet too big or the pointer of a parameter problem. {@code in} stays the caller's.
     *
     * <p>Nothing is sent when RFC 4443 section 2.4 (e) forbids it
     * ({@link IcmpMessages#errorAllowed6}), when the global or per-host limit refuses (packets
     * that came in on a loopback device are exempt from the global one), or without a route
     * back. The message comes from the offending packet's destination when that is one of this
     * host's addresses, else from the address the arrival interface would use towards the
     * sender; it quotes as much as fits in 1280 bytes, with the output device's hop limit.
     */
    public void send(SkBuff in, int type, int code, int info) {
        if (!messages.errorAllowed6(in, type, code, info)) {
            return;
        }
        byte[] b = in.buf();
        int nh = in.networkHeader();
        long dHi = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET);
        long dLo = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET + 8);
        long pHi = Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET);
        long pLo = Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET + 8);
        NetDevice inDev = net.device(in.ingressIfindex());
        boolean fromLoopback = fromLoopback(in);
        int g = IcmpRateLimit.NOT_LIMITED;
        if (!fromLoopback) {
            g = rateLimit.globalAllow6(type);
            if (g == IcmpRateLimit.REFUSED) {
                return;
            }
        }
        long sHi = 0;
        long sLo = 0;
        if ((pHi >>> 56) != 0xff && in.pktType() == SkBuff.PACKET_HOST && routing.isLocal6(pHi, pLo)) {
            sHi = pHi;
            sLo = pLo;
        } else if (inDev != null && in.ingressIfindex() != 0) {
            Ipv6Address a = routing.selectSource6(inDev, new Ipv6Address(dHi, dLo));
            if (a != null) {
                sHi = a.hi();
                sLo = a.lo();
            }
        }
        int oif = Addr.isV6LinkLocal(dHi) ? IpCb.iif(in) : 0;
        flow.reset().set(Addr.V6, dHi, dLo, sHi, sLo).oif(oif).mark(in.mark());
        if (routing.outputRoute(flow, res) != 0) {
            return;
        }
        if (!rateLimit.hostAllow6(dHi, dLo, prefixLen(), loopbackOut(), g)) {
            return;
        }
        if (sHi == 0 && sLo == 0) {
            sHi = res.srcHi();
            sLo = res.srcLo();
        }
        SkBuff msg = messages.error6(in, type, code, info, IcmpMessages.quoteLength6(in));
        IcmpMessages.fillChecksum6(msg, sHi, sLo, dHi, dLo);
        chargeCsum(msg.len());
        countOut(type);
        msg.setMark(in.mark());
        ip.send(msg, sHi, sLo, dHi, dLo, IpProtocol.ICMPV6, 0, 0, -1, Ipv6.PMTUDISC_DONT, oif, null);
    }
}
