package dev.weir.ip;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.route.RouteType;
import dev.weir.route.Routing;
import dev.weir.skb.SkBuff;

/**
 * ICMP for IPv4, as Linux's {@code icmp.c}: the receive side is the IP protocol handler of
 * protocol 1 ({@code icmp_rcv}); the send side is {@link #send} ({@code icmp_send}), which the
 * IP layer and the transports call to report an error about a packet.
 *
 * <p>Receive (RFC 792, RFC 1122 section 3.2.2): {@code IcmpInMsgs}; a bad checksum is
 * ICMP_CSUM ({@code IcmpInCsumErrors}, {@code IcmpInErrors}); an unknown type above 18 is
 * dropped (UNHANDLED_PROTO, {@code IcmpInErrors}); to a broadcast or multicast address only
 * echo, timestamp and address requests are taken, and echo and timestamp not when
 * {@code icmp_echo_ignore_broadcasts} is set (RFC 1122 section 3.2.2.6). Echo requests are
 * answered from the address they were sent to ({@code icmp_echo_ignore_all} turns that off);
 * timestamp requests get a timestamp reply; echo replies go to the ping handler
 * ({@link #setPingHandler}); errors (unreachable, source quench, redirect, time exceeded,
 * parameter problem) go to the {@link IpProtocolHandler#err err handler} of the protocol that
 * sent the quoted datagram (RFC 1122 section 3.2.2.1, 3.2.2.2), after "fragmentation needed" has
 * taught routing the path MTU ({@code ip_no_pmtu_disc} permitting).
 */
public final class Icmpv4 extends IcmpLayer {
    private final Ipv4 ip;

    Icmpv4(NetNs net, Ipv4 ip, IpSysctls sys, Routing routing, IcmpRateLimit rateLimit, IcmpMessages messages) {
        super(net, sys, routing, rateLimit, messages);
        this.ip = ip;
    }

    // ---- receive ----

    @Override
    public void rcv(SkBuff skb) {
        net.charge(net.costs().icmpRcv);
        c.inc(Mib.IcmpInMsgs);
        int len = skb.len();
        if (len < Icmpv4Packet.HEADER_LEN) {
            c.inc(Mib.IcmpInErrors);
            net.drop(skb, DropReason.PKT_TOO_SMALL);
            return;
        }
        skb.linearize();
        byte[] b = skb.buf();
        int at = skb.data();
        if (skb.ipSummed() != SkBuff.CHECKSUM_UNNECESSARY) {
            chargeCsum(len);
            if (!Checksum.verifies(b, at, len)) {
                c.inc(Mib.IcmpInCsumErrors);
                c.inc(Mib.IcmpInErrors);
                net.drop(skb, DropReason.ICMP_CSUM);
                return;
            }
        }
        int type = b[at] & 0xff;
        countIn(type);
        if (type > IcmpMessages.NR_ICMP_TYPES) {
            c.inc(Mib.IcmpInErrors);
            net.drop(skb, DropReason.UNHANDLED_PROTO);
            return;
        }
        if ((IpCb.routeFlags(skb) & (IpCb.RT_BROADCAST | IpCb.RT_MULTICAST)) != 0) {
            boolean echoOrTs = type == Icmpv4Packet.ECHO_REQUEST || type == TIMESTAMP;
            if (echoOrTs && sys.icmpEchoIgnoreBroadcasts.get() != 0 || !echoOrTs && type != ADDRESS && type != ADDRESS_REPLY) {
                c.inc(Mib.IcmpInErrors);
                net.drop(skb, DropReason.INVALID_PROTO);
                return;
            }
        }
        switch (type) {
            case Icmpv4Packet.ECHO_REPLY -> {
                toPing(skb);
            }
            case Icmpv4Packet.ECHO_REQUEST -> {
                if (sys.icmpEchoIgnoreAll.get() == 0) {
                    echo(skb);
                }
                skb.consume();
            }
            case TIMESTAMP -> timestamp(skb);
            case Icmpv4Packet.DEST_UNREACHABLE, Icmpv4Packet.SOURCE_QUENCH, Icmpv4Packet.TIME_EXCEEDED,
                    Icmpv4Packet.PARAMETER_PROBLEM, Icmpv4Packet.REDIRECT -> unreach(skb, type);
            default -> skb.consume();
        }
    }

    /** Timestamp request/reply and address mask request/reply (RFC 792, RFC 950). */
    static final int TIMESTAMP = 13;
    static final int TIMESTAMP_REPLY = 14;
    static final int ADDRESS = 17;
    static final int ADDRESS_REPLY = 18;

    private void countIn(int type) {
        switch (type) {
            case Icmpv4Packet.DEST_UNREACHABLE -> c.inc(Mib.IcmpInDestUnreachs);
            case Icmpv4Packet.SOURCE_QUENCH -> c.inc(Mib.IcmpInSrcQuenchs);
            case Icmpv4Packet.REDIRECT -> c.inc(Mib.IcmpInRedirects);
            case Icmpv4Packet.ECHO_REQUEST -> c.inc(Mib.IcmpInEchos);
            case Icmpv4Packet.ECHO_REPLY -> c.inc(Mib.IcmpInEchoReps);
            case Icmpv4Packet.TIME_EXCEEDED -> c.inc(Mib.IcmpInTimeExcds);
            case Icmpv4Packet.PARAMETER_PROBLEM -> c.inc(Mib.IcmpInParmProbs);
            case TIMESTAMP -> c.inc(Mib.IcmpInTimestamps);
            case TIMESTAMP_REPLY -> c.inc(Mib.IcmpInTimestampReps);
            default -> { }
        }
    }

    private void countOut(int type) {
        c.inc(Mib.IcmpOutMsgs);
        switch (type) {
            case Icmpv4Packet.DEST_UNREACHABLE -> c.inc(Mib.IcmpOutDestUnreachs);
            case Icmpv4Packet.TIME_EXCEEDED -> c.inc(Mib.IcmpOutTimeExcds);
            case Icmpv4Packet.PARAMETER_PROBLEM -> c.inc(Mib.IcmpOutParmProbs);
            case Icmpv4Packet.REDIRECT -> c.inc(Mib.IcmpOutRedirects);
            case Icmpv4Packet.ECHO_REQUEST -> c.inc(Mib.IcmpOutEchos);
            case Icmpv4Packet.ECHO_REPLY -> c.inc(Mib.IcmpOutEchoReps);
            default -> { }
        }
    }

    /**
     * {@code icmp_echo} / {@code icmp_reply}: the same message as an echo reply, from the
     * address the request was sent to ({@code fib_compute_spec_dst}), with the request's TOS,
     * the default TTL and DF clear (ICMP sockets do not discover path MTUs).
     */
    private void echo(SkBuff req) {
        SkBuff reply = messages.echoReply(req, Icmpv4Packet.ECHO_REPLY, true);
        chargeCsum(reply.len());
        reply(req, reply, Icmpv4Packet.ECHO_REPLY);
    }

    private void reply(SkBuff req, SkBuff reply, int type) {
        byte[] b = req.buf();
        int nh = req.networkHeader();
        int daddr = Bytes.i32(b, nh + Ipv4Packet.SRC_OFFSET);
        int tos = b[nh + Ipv4Packet.TOS_OFFSET] & 0xff;
        int saddr = ip.specDst(req, b, nh);
        int g = rateLimit.globalAllow4(type, 0);
        if (g == IcmpRateLimit.REFUSED || !routeTo(daddr, saddr, tos, reply) || !rateLimit.hostAllow4(daddr, loopbackOut(), g)) {
            net.drop(reply, DropReason.ICMP_RATELIMIT);
            return;
        }
        countOut(type);
        reply.setMark(req.mark());
        ip.send(reply, saddr, daddr, IpProtocol.ICMP, tos, -1, Ipv4.PMTUDISC_DONT, -1, 0, null);
    }

    /** Routes back to {@code daddr}; false (reply dropped by the caller) when there is no route. */
    private boolean routeTo(int daddr, int saddr, int tos, SkBuff reply) {
        flow.reset().v4(daddr, saddr).tos(tos & 0x1e).mark(reply.mark());
        return routing.outputRoute(flow, res) == 0;
    }

    /** {@code icmp_timestamp}: a reply with the originate timestamp and this host's receive and transmit times. */
    private void timestamp(SkBuff skb) {
        if (skb.len() < Icmpv4Packet.HEADER_LEN + 4) {
            c.inc(Mib.IcmpInErrors);
            net.drop(skb, DropReason.PKT_TOO_SMALL);
            return;
        }
        byte[] b = skb.buf();
        int at = skb.data();
        SkBuff reply = net.pool().alloc(20, IcmpMessages.HEADROOM);
        int r = reply.put(20);
        byte[] rb = reply.buf();
        System.arraycopy(b, at, rb, r, 12);
        rb[r] = TIMESTAMP_REPLY;
        rb[r + 1] = 0;
        int now = Ipv4RxOptions.timestamp(net.now());
        Bytes.put32(rb, r + 12, now);
        Bytes.put32(rb, r + 16, now);
        Bytes.put16(rb, r + 2, 0);
        Bytes.put16(rb, r + 2, Checksum.internet(rb, r, 20));
        reply.resetTransportHeader();
        reply(skb, reply, TIMESTAMP_REPLY);
        skb.consume();
    }

    /**
     * {@code icmp_unreach} and {@code icmp_socket_deliver}: the quoted header must be whole
     * (else {@code IcmpInErrors}); fragmentation needed teaches routing the path MTU when
     * {@code ip_no_pmtu_disc} is 0 (or 3, for protocols that validate the quote); reassembly
     * time exceeded is only counted; then the quoting protocol's err handler is told.
     */
    private void unreach(SkBuff skb, int type) {
        byte[] b = skb.buf();
        int at = skb.data();
        int code = b[at + 1] & 0xff;
        int rest = Bytes.i32(b, at + Icmpv4Packet.REST_OFFSET);
        skb.setTransportHeader(at);
        skb.pull(Icmpv4Packet.HEADER_LEN);
        if (skb.len() < Ipv4Packet.HEADER_LEN) {
            c.inc(Mib.IcmpInErrors);
            net.drop(skb, DropReason.PKT_TOO_SMALL);
            return;
        }
        int q = skb.data();
        int ihl = (b[q] & 0x0f) * 4;
        if (ihl < Ipv4Packet.HEADER_LEN) {
            c.inc(Mib.IcmpInErrors);
            net.drop(skb, DropReason.IP_INHDR);
            return;
        }
        int qproto = b[q + Ipv4Packet.PROTOCOL_OFFSET] & 0xff;
        int qdst = Bytes.i32(b, q + Ipv4Packet.DST_OFFSET);
        int info = 0;
        switch (type) {
            case Icmpv4Packet.DEST_UNREACHABLE -> {
                if (code == Icmpv4Packet.UNREACH_FRAG_NEEDED) {
                    long mode = sys.ipNoPmtuDisc.get();
                    if (mode == 2 || mode == 3 && qproto != IpProtocol.TCP) {
                        skb.consume();
                        return;
                    }
                    if (mode == 0 || mode == 3) {
                        info = rest & 0xffff;
                        routing.learnPmtu4(qdst, info);
                    }
                }
                if (code > 15) {
                    skb.consume();
                    return;
                }
            }
            case Icmpv4Packet.PARAMETER_PROBLEM -> info = rest >>> 24;
            case Icmpv4Packet.TIME_EXCEEDED -> {
                if (code == Icmpv4Packet.EXCEEDED_REASSEMBLY) {
                    skb.consume();
                    return;
                }
            }
            case Icmpv4Packet.REDIRECT -> info = rest;
            default -> { }
        }
        if (sys.icmpIgnoreBogusErrorResponses.get() == 0 && routing.addrType4(qdst) == RouteType.BROADCAST) {
            skb.consume();
            return;
        }
        if (skb.len() < ihl + 8) {
            c.inc(Mib.IcmpInErrors);
            net.drop(skb, DropReason.PKT_TOO_SMALL);
            return;
        }
        IpProtocolHandler h = qproto == IpProtocol.ICMP ? (isEchoQuote(b, q + ihl) ? ping : null) : ip.handler(qproto);
        if (h != null) {
            h.err(skb, type, code, info, ihl);
        }
        skb.consume();
    }

    private static boolean isEchoQuote(byte[] b, int icmpAt) {
        return (b[icmpAt] & 0xff) == Icmpv4Packet.ECHO_REQUEST;
    }

    // ---- reassembly ----

    /**
     * {@code ip_expire}: only the final destination reports a reassembly timeout (RFC 792), so
     * the first fragment's route must be local.
     */
    @Override
    public void reassemblyTimedOut(SkBuff head, int iif) {
        if ((IpCb.routeFlags(head) & IpCb.RT_LOCAL) != 0) {
            send(head, Icmpv4Packet.TIME_EXCEEDED, Icmpv4Packet.EXCEEDED_REASSEMBLY, 0);
        }
    }

    /** IPv4 reassembly never asks for a parameter problem. */
    @Override
    public void parameterProblem(SkBuff skb, int code, int pointer) {
        net.drop(skb, DropReason.IP_INHDR);
    }

    // ---- send ----

    /**
     * {@code icmp_send}: reports an error of {@code type}/{@code code} about {@code in} to its
     * sender. {@code info} is the 4 bytes after the checksum: the next-hop MTU for
     * fragmentation needed, the pointer (in the top byte) for a parameter problem, a gateway for
     * a redirect. {@code in} must have its network header set and, if received, its route in the
     * cb; it stays the caller's.
     *
     * <p>Nothing is sent when the rules forbid it (see {@link IcmpMessages#errorAllowed4}), when
     * the offending packet was routed as broadcast or multicast, when the global or per-host
     * rate limit refuses (not for a packet that came in on a loopback device), or when there is
     * no route back. The message comes from the address the packet was sent to when it was for
     * this host, else from the address routing picks (or the arrival interface's, with
     * {@code icmp_errors_use_inbound_ifaddr}); it has TOS {@code (tos & 0x1e) | 0xc0}, the
     * default TTL, DF clear, and quotes as much of the packet as fits in 576 bytes.
     */
    public void send(SkBuff in, int type, int code, int info) {
        int flags = IpCb.routeFlags(in);
        if ((flags & (IpCb.RT_BROADCAST | IpCb.RT_MULTICAST)) != 0 || !messages.errorAllowed4(in, type)) {
            return;
        }
        byte[] b = in.buf();
        int nh = in.networkHeader();
        NetDevice inDev = net.device(in.ingressIfindex());
        boolean fromLoopback = fromLoopback(in);
        int g = IcmpRateLimit.NOT_LIMITED;
        if (!fromLoopback) {
            g = rateLimit.globalAllow4(type, code);
            if (g == IcmpRateLimit.REFUSED) {
                return;
            }
        }
        int saddr = Bytes.i32(b, nh + Ipv4Packet.DST_OFFSET);
        int daddr = Bytes.i32(b, nh + Ipv4Packet.SRC_OFFSET);
        if ((flags & IpCb.RT_LOCAL) == 0) {
            saddr = 0;
            if (sys.icmpErrorsUseInboundIfaddr.get() != 0 && inDev != null && in.ingressIfindex() != 0) {
                saddr = routing.selectSource4(inDev, daddr, 253);
            }
        }
        int tos = IcmpMessages.isError4(type) ? (b[nh + Ipv4Packet.TOS_OFFSET] & 0x1e) | 0xc0 : b[nh + Ipv4Packet.TOS_OFFSET] & 0xff;
        flow.reset().v4(daddr, saddr).tos(tos & 0x1e).mark(in.mark());
        if (routing.outputRoute(flow, res) != 0) {
            return;
        }
        if (!rateLimit.hostAllow4(daddr, loopbackOut(), g)) {
            return;
        }
        int source = saddr != 0 ? saddr : res.src4();
        int quote = IcmpMessages.quoteLength4(in, res.mtu(), 0);
        if (quote < 0) {
            return;
        }
        SkBuff msg = messages.error4(in, type, code, info, quote);
        chargeCsum(msg.len());
        countOut(type);
        msg.setMark(in.mark());
        ip.send(msg, source, daddr, IpProtocol.ICMP, tos, -1, Ipv4.PMTUDISC_DONT, -1, 0, null);
    }
}
