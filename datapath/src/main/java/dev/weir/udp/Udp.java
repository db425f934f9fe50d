package dev.weir.udp;

import dev.weir.api.prog.StageFunction;
import dev.weir.trace.Tracing;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.UdpPacket;
import dev.weir.core.Counters;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.core.NetNs;
import dev.weir.core.StageCosts;
import dev.weir.ip.IpStack;
import dev.weir.route.RouteType;
import dev.weir.route.Routing;
import dev.weir.socket.HostSockets;
import dev.weir.socket.PortTable;
import dev.weir.socket.Sock;
import dev.weir.socket.SockOpt;
import dev.weir.skb.Gso;
import dev.weir.skb.SkBuff;

/**
 * UDP for IPv4 and IPv6 on one host, as Linux's {@code net/ipv4/udp.c} and
 * {@code net/ipv6/udp.c}: the IP protocol handler of protocol 17 in both families, the
 * socket lookup, and the ICMP errors about what its sockets sent. Sockets are made with
 * {@link #socket}.
 *
 * <h2>Receive ({@code __udp4_lib_rcv}, {@code __udp6_lib_rcv})</h2>
 * <ol>
 *   <li>{@code udp_rcv} CPU cost; fewer than 8 bytes, or a length field larger than the
 *       datagram or under 8: {@code UdpInErrors}, PKT_TOO_SMALL. Bytes after the length are cut.
 *   <li>Checksum: trusted when the NIC or GRO verified it ({@code CHECKSUM_UNNECESSARY});
 *       an IPv4 datagram without one (0) is taken; otherwise verified in software, charging
 *       {@code csum_per_byte}. A bad one, or a zero one over IPv6 (RFC 8200 section 8.1):
 *       {@code UdpInCsumErrors} and {@code UdpInErrors}, UDP_CSUM. (Linux defers this check to
 *       {@code recvmsg} for a socket without a filter; Weir checks on arrival, so the counters
 *       move when the datagram arrives rather than when it is read.)
 *   <li>Broadcast ({@code IPv4}): a copy to every socket on the port whose bound address and
 *       peer fit; none: {@code UdpIgnoredMulti}. Multicast is out of scope: a multicast datagram
 *       is counted in {@code UdpIgnoredMulti} and consumed (no socket joins groups).
 *   <li>Unicast: the socket with the best score among those bound to the destination address,
 *       then among wildcard-bound ones ({@code udp4_lib_lookup2}): a connected socket's peer
 *       must match and scores more, as does a device binding; an {@code SO_REUSEPORT} group is
 *       spread by a hash of the 4-tuple ({@code udp_ehashfn}, seeded per host). An IPv6 socket
 *       that is not v6-only also receives IPv4 (as mapped addresses).
 *   <li>No socket: {@code UdpNoPorts}, ICMP port unreachable (the IP layer applies its rate
 *       limits), NO_SOCKET.
 *   <li>The socket's receive buffer refuses it ({@code __udp_enqueue_schedule_skb}: full
 *       unless one more datagram fits, or the buffer is not yet exceeded): {@code UdpRcvbufErrors}
 *       and {@code UdpInErrors}, SOCKET_RCVBUFF. {@code UdpInDatagrams} counts datagrams as
 *       applications read them, as Linux does.
 * </ol>
 * Counters are the IPv6 ones ({@code Udp6...}) for datagrams that came as IPv6.
 *
 * <h2>Errors ({@code __udp4_lib_err}, {@code __udp6_lib_err})</h2>
 * An ICMP error quoting a datagram a socket sent finds that socket; none:
 * {@code IcmpInErrors}. Port unreachable, protocol unreachable and the other "fatal" codes
 * ({@code icmp_err_convert}; for IPv6 {@code icmpv6_err_convert}), fragmentation needed / packet
 * too big when the socket does path-MTU discovery, and parameter problems set the socket's
 * error for a connected socket (the next call returns {@code ECONNREFUSED}...); with
 * {@code IP_RECVERR} every error is also queued for {@code MSG_ERRQUEUE} and sets it. Others
 * are ignored, as Linux ignores them on unconnected sockets.
 */
public final class Udp {
    final HostSockets sockets;
    final NetNs net;
    final IpStack ip;
    final Routing routing;
    final Counters c;
    final StageCosts costs;
    final PortTable table;
    private final long hashSeed;
    final Tracing trace;
    private final IpAddrs rxAddrs = new IpAddrs();
    private final IpAddrs errAddrs = new IpAddrs();

    private Udp(HostSockets sockets) {
        this.sockets = sockets;
        this.net = sockets.net();
        this.ip = sockets.ip();
        this.routing = sockets.routing();
        this.c = net.counters();
        this.costs = net.costs();
        this.table = sockets.portTable("udp", PortTable.UDP);
        this.hashSeed = net.random().split("udp-ehash").nextLong();
        this.trace = Tracing.of(net);
    }

    /** Builds a host's UDP and registers it with both IP layers for protocol 17 ({@code inet_add_protocol}). */
    public static Udp install(HostSockets sockets) {
        Udp u = new Udp(sockets);
        u.ip.v4().register(IpProtocol.UDP, new FamilyHandler("udp", false, u::rcv, u::err));
        u.ip.v6().register(IpProtocol.UDP, new FamilyHandler("udpv6", true, u::rcv, u::err));
        return u;
    }

    /** {@code socket(family, SOCK_DGRAM, IPPROTO_UDP)}. */
    public UdpSock socket(int family) {
        return new UdpSock(this, family);
    }

    public HostSockets sockets() {
        return sockets;
    }

    // ---- receive ----

    private void rcv(SkBuff skb, boolean v6) {
        int t = trace.enter(StageFunction.UDP_RCV, skb, null, 0, 0, 0, 0);
        rcv0(skb, v6);
        trace.leave(t, 0);
    }

    private void rcv0(SkBuff skb, boolean v6) {
        net.charge(costs.udpRcv);
        Mib inErrors = v6 ? Mib.Udp6InErrors : Mib.UdpInErrors;
        if (!skb.mayPull(UdpPacket.HEADER_LEN)) {
            c.inc(inErrors);
            net.drop(skb, DropReason.PKT_TOO_SMALL);
            return;
        }
        byte[] b = skb.buf();
        int th = skb.data();
        int ulen = Bytes.u16(b, th + UdpPacket.LENGTH_OFFSET);
        if (ulen > skb.len() || ulen < UdpPacket.HEADER_LEN) {
            c.inc(inErrors);
            net.drop(skb, DropReason.PKT_TOO_SMALL);
            return;
        }
        if (ulen < skb.len()) {
            skb.trim(ulen);
        }
        b = skb.buf();
        th = skb.data();
        IpAddrs a = rxAddrs.read(b, skb.networkHeader(), v6);
        if (!checksumOk(skb, v6, a, b, th, ulen)) {
            c.inc(v6 ? Mib.Udp6InCsumErrors : Mib.UdpInCsumErrors);
            c.inc(inErrors);
            net.drop(skb, DropReason.UDP_CSUM);
            return;
        }
        int sport = Bytes.u16(b, th + UdpPacket.SRC_PORT_OFFSET);
        int dport = Bytes.u16(b, th + UdpPacket.DST_PORT_OFFSET);
        if (v6 && (a.dHi >>> 56) == 0xff) {
            ignoredMulticast(skb, true);
            return;
        }
        if (!v6 && skb.pktType() != SkBuff.PACKET_HOST && isBroadcastOrMulticast((int) a.dLo)) {
            if ((a.dLo & 0xf000_0000L) == 0xe000_0000L) {
                ignoredMulticast(skb, false);
            } else {
                broadcast(skb, (int) a.sLo, sport, (int) a.dLo, dport);
            }
            return;
        }
        UdpSock sk = lookup(v6, a.sHi, a.sLo, sport, a.dHi, a.dLo, dport, skb.ifindex());
        if (sk != null) {
            deliver(sk, skb, v6);
            return;
        }
        c.inc(v6 ? Mib.Udp6NoPorts : Mib.UdpNoPorts);
        if (v6) {
            ip.v6().icmp().send(skb, Icmpv6Packet.DEST_UNREACHABLE, Icmpv6Packet.UNREACH_PORT, 0);
        } else {
            ip.v4().icmp().send(skb, Icmpv4Packet.DEST_UNREACHABLE, Icmpv4Packet.UNREACH_PORT, 0);
        }
        net.drop(skb, DropReason.NO_SOCKET);
    }

    /**
     * {@code udp4_csum_init} and {@code udp_lib_checksum_complete} (IPv6: {@code udp6_csum_init},
     * where a zero checksum is an error).
     */
    private boolean checksumOk(SkBuff skb, boolean v6, IpAddrs a, byte[] b, int th, int ulen) {
        if (skb.ipSummed() == SkBuff.CHECKSUM_UNNECESSARY) {
            return true;
        }
        int check = Bytes.u16(b, th + UdpPacket.CHECKSUM_OFFSET);
        if (check == 0) {
            return !v6;
        }
        net.charge(Math.round(costs.csumPerByte * ulen));
        long pseudo = v6 ? Checksum.pseudoHeaderV6(a.sHi, a.sLo, a.dHi, a.dLo, IpProtocol.UDP, ulen)
                : Checksum.pseudoHeaderV4((int) a.sLo, (int) a.dLo, IpProtocol.UDP, ulen);
        return Checksum.fold(Gso.checksum(skb, 0, ulen, pseudo)) == 0xffff;
    }

    private boolean isBroadcastOrMulticast(int dst) {
        return (dst & 0xf000_0000) == 0xe000_0000 || dst == -1 || routing.addrType4(dst) == RouteType.BROADCAST;
    }

    private void ignoredMulticast(SkBuff skb, boolean v6) {
        c.inc(v6 ? Mib.Udp6IgnoredMulti : Mib.UdpIgnoredMulti);
        skb.consume();
    }

    /**
     * {@code __udp4_lib_mcast_deliver} for a broadcast: a copy to every socket on the port that
     * is not v6-only, whose bound address is the wildcard or the destination, and whose peer
     * (if connected) is the sender; the last gets the original.
     */
    private void broadcast(SkBuff skb, int saddr, int sport, int daddr, int dport) {
        int dif = skb.ifindex();
        UdpSock last = null;
        for (Sock s = table.first(dport); s != null; s = table.next(s, dport)) {
            UdpSock u = (UdpSock) s;
            if (!u.acceptsBroadcast(saddr, sport, daddr, dif)) {
                continue;
            }
            if (last != null) {
                deliver(last, skb.clone(), false);
            }
            last = u;
        }
        if (last == null) {
            ignoredMulticast(skb, false);
        } else {
            deliver(last, skb, false);
        }
    }

    /** {@code udp_queue_rcv_skb}: the datagram to the socket, data at the payload. */
    private void deliver(UdpSock sk, SkBuff skb, boolean v6) {
        skb.setTransportHeader(skb.data());
        skb.pull(UdpPacket.HEADER_LEN);
        if (!sk.admit(skb.truesize())) {
            c.inc(v6 ? Mib.Udp6RcvbufErrors : Mib.UdpRcvbufErrors);
            c.inc(v6 ? Mib.Udp6InErrors : Mib.UdpInErrors);
            net.drop(skb, DropReason.SOCKET_RCVBUFF);
            return;
        }
        sk.queue(skb);
    }

    // ---- lookup ----

    /**
     * {@code __udp4_lib_lookup} / {@code __udp6_lib_lookup}: the socket for a datagram from
     * {@code (s, sport)} to {@code (d, dport)} that arrived on device {@code dif}; sockets bound
     * to {@code d} first, then wildcard-bound ones. Null when none.
     */
    UdpSock lookup(boolean v6, long sHi, long sLo, int sport, long dHi, long dLo, int dport, int dif) {
        UdpSock r = lookupPhase(v6, sHi, sLo, sport, dHi, dLo, dport, dif, false);
        return r != null ? r : lookupPhase(v6, sHi, sLo, sport, dHi, dLo, dport, dif, true);
    }

    private UdpSock lookupPhase(boolean v6, long sHi, long sLo, int sport, long dHi, long dLo, int dport, int dif, boolean wildcard) {
        UdpSock result = null;
        int best = -1;
        for (Sock s = table.first(dport); s != null; s = table.next(s, dport)) {
            UdpSock u = (UdpSock) s;
            if (!u.boundTo(v6, dHi, dLo, wildcard)) {
                continue;
            }
            int score = u.score(v6, sHi, sLo, sport, dif);
            if (score <= best) {
                continue;
            }
            best = score;
            result = u;
            if (u.state() != Sock.TCP_ESTABLISHED && u.reusePort()) {
                UdpSock pick = reuseportPick(u, v6, sHi, sLo, sport, dHi, dLo, dport);
                if (pick != null) {
                    return pick;
                }
            }
        }
        return result;
    }

    /**
     * {@code reuseport_select_sock}: the unconnected members of {@code first}'s group (same
     * port, same bound address and device, all with {@code SO_REUSEPORT}), in binding order,
     * one chosen by the flow hash ({@code reciprocal_scale}).
     */
    private UdpSock reuseportPick(UdpSock first, boolean v6, long sHi, long sLo, int sport, long dHi, long dLo, int dport) {
        int n = 0;
        for (Sock s = table.first(dport); s != null; s = table.next(s, dport)) {
            if (first.sameGroup((UdpSock) s)) {
                n++;
            }
        }
        if (n <= 1) {
            return null;
        }
        long h = ehash(sHi, sLo, sport, dHi, dLo, dport);
        int want = (int) (((h & 0xffff_ffffL) * n) >>> 32);
        // members are chained newest first; count from the oldest, as sockets joined the group
        int idx = n - 1 - want;
        for (Sock s = table.first(dport); s != null; s = table.next(s, dport)) {
            if (first.sameGroup((UdpSock) s) && idx-- == 0) {
                return (UdpSock) s;
            }
        }
        return null;
    }

    /** {@code udp_ehashfn}: a hash of the 4-tuple, keyed by a per-host random seed. */
    private long ehash(long sHi, long sLo, int sport, long dHi, long dLo, int dport) {
        long h = hashSeed;
        h = mix(h ^ sHi);
        h = mix(h ^ sLo);
        h = mix(h ^ dHi);
        h = mix(h ^ dLo);
        h = mix(h ^ ((long) sport << 16 | dport));
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51_afd7_ed55_8ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ce_b9fe_1a85_ec53L;
        return z ^ (z >>> 33);
    }

    // ---- ICMP errors ----

    /**
     * {@code __udp4_lib_err} / {@code __udp6_lib_err}: {@code skb.data()} is the quoted IP
     * header, the quoted UDP header {@code inner} bytes further; the outer IP header (who sent
     * the error) is at {@code skb.networkHeader()}.
     */
    private void err(SkBuff skb, boolean v6, int type, int code, int info, int inner) {
        byte[] b = skb.buf();
        int q = skb.data();
        int uh = q + inner;
        int qsport = Bytes.u16(b, uh + UdpPacket.SRC_PORT_OFFSET);
        int qdport = Bytes.u16(b, uh + UdpPacket.DST_PORT_OFFSET);
        IpAddrs a = errAddrs.read(b, q, v6);
        UdpSock sk = lookup(v6, a.dHi, a.dLo, qdport, a.sHi, a.sLo, qsport, skb.ifindex());
        if (sk == null) {
            c.inc(v6 ? Mib.Icmp6InErrors : Mib.IcmpInErrors);
            return;
        }
        int kind = IcmpErrors.classify(v6, type, code, sk.pmtuMode(!v6) == SockOpt.IP_PMTUDISC_DONT, false);
        if (kind == 0) {
            return;
        }
        int errno = kind & 0xffff;
        boolean hard = (kind & IcmpErrors.HARD) != 0;
        int payloadAt = uh + UdpPacket.HEADER_LEN;
        sk.icmpError(skb, v6, errno, hard, type, code, info, a.dHi, a.dLo, qdport, payloadAt);
    }

    @Override
    public String toString() {
        return "Udp[" + net.name() + ", " + table.size() + " bound]";
    }
}
