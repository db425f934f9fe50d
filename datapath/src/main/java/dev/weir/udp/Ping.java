package dev.weir.udp;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.core.Counters;
import dev.weir.core.DropReason;
import dev.weir.core.NetNs;
import dev.weir.socket.Errno;
import dev.weir.socket.HostSockets;
import dev.weir.socket.PortTable;
import dev.weir.socket.Sock;
import dev.weir.socket.SockAddr;
import dev.weir.socket.SockOpt;
import dev.weir.skb.SkBuff;

/**
 * ICMP echo sockets ("ping sockets", Linux's {@code net/ipv4/ping.c}): {@code socket(AF_INET,
 * SOCK_DGRAM, IPPROTO_ICMP)} and {@code socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6)}, what
 * iputils' {@code ping} uses when it may. The socket's local "port" is the echo identifier:
 * {@code bind} with a port chooses it, otherwise the first send takes the next free one.
 *
 * <p>The IP layers hand this layer ({@link dev.weir.ip.Icmpv4#setPingHandler}) echo replies
 * and the ICMP errors that quote an echo request. A reply goes to the socket bound to its
 * identifier (and to its destination address, or the wildcard, and its device): none,
 * NO_SOCKET; a full receive buffer ({@code rmem >= SO_RCVBUF}), SOCKET_RCVBUFF. An error
 * ({@code ping_err}) becomes the socket's error as for UDP: time exceeded and unreachable are
 * {@code EHOSTUNREACH} (unreachable by {@code icmp_err_convert}), fragmentation needed
 * {@code EMSGSIZE} unless the socket does not discover path MTUs, parameter problem
 * {@code EPROTO}, source quench and redirect {@code EREMOTEIO}; reported without
 * {@code IP_RECVERR} only when hard and connected, with it always, queued for
 * {@code MSG_ERRQUEUE} with the quoted echo header, so {@code ping} can say "From 10.0.1.1
 * icmp_seq=1 Destination Host Unreachable".
 *
 * <p>Who may open one is {@code net.ipv4.ping_group_range}, which Weir sets to allow everyone
 * (see {@link HostSockets}); {@link #checkCreate} says {@code -EACCES} otherwise.
 */
public final class Ping {
    final HostSockets sockets;
    final NetNs net;
    final Counters c;
    final PortTable table;
    private final IpAddrs addrs = new IpAddrs();
    private final IpAddrs errAddrs = new IpAddrs();

    private Ping(HostSockets sockets) {
        this.sockets = sockets;
        this.net = sockets.net();
        this.c = net.counters();
        this.table = sockets.portTable("ping", PortTable.UDP);
    }

    /** Builds a host's ping sockets and gives them the echo replies and errors of both ICMPs. */
    public static Ping install(HostSockets sockets) {
        Ping p = new Ping(sockets);
        sockets.ip().v4().icmp().setPingHandler(new FamilyHandler("ping", false, p::rcv, p::err));
        sockets.ip().v6().icmp().setPingHandler(new FamilyHandler("pingv6", true, p::rcv, p::err));
        return p;
    }

    /** 0 when {@code ping_group_range} lets this host's applications open ping sockets, else {@code -EACCES}. */
    public int checkCreate() {
        return sockets.pingAllowed() ? 0 : -Errno.EACCES;
    }

    /**
     * {@code socket(family, SOCK_DGRAM, IPPROTO_ICMP or IPPROTO_ICMPV6)}; call {@link #checkCreate}
     * first: opening one that {@code ping_group_range} forbids is a programming error here.
     */
    public PingSock socket(int family) {
        if (checkCreate() != 0) {
            throw new IllegalStateException("net.ipv4.ping_group_range does not allow ping sockets on " + net.name()
                    + " (socket() would fail with EACCES; check checkCreate() first)");
        }
        return new PingSock(this, family);
    }

    public HostSockets sockets() {
        return sockets;
    }

    /** {@code ping_rcv}: an echo reply, data at its ICMP header, to the socket of its identifier. */
    private void rcv(SkBuff skb, boolean v6) {
        byte[] b = skb.buf();
        int id = Bytes.u16(b, skb.data() + Icmpv4Packet.IDENTIFIER_OFFSET);
        PingSock sk = lookup(v6, skb, id);
        if (sk == null) {
            net.drop(skb, DropReason.NO_SOCKET);
            return;
        }
        if (!sk.admit()) {
            net.drop(skb, DropReason.SOCKET_RCVBUFF);
            return;
        }
        skb.setTransportHeader(skb.data());
        sk.queue(skb);
    }

    /**
     * {@code ping_lookup}: the socket bound to identifier {@code id} in the packet's family whose
     * bound address is the wildcard or the packet's destination (the outer header at
     * {@code skb.networkHeader()}), and whose device, if bound, is the one it came in on.
     */
    private PingSock lookup(boolean v6, SkBuff skb, int id) {
        IpAddrs a = addrs.read(skb.buf(), skb.networkHeader(), v6);
        int family = v6 ? SockAddr.AF_INET6 : SockAddr.AF_INET;
        for (Sock s = table.first(id); s != null; s = table.next(s, id)) {
            PingSock p = (PingSock) s;
            if (p.family() != family) {
                continue;
            }
            if (!p.boundToOrAny(a.dHi, a.dLo)) {
                continue;
            }
            if (p.boundDevice() != 0 && p.boundDevice() != skb.ifindex()) {
                continue;
            }
            return p;
        }
        return null;
    }

    /**
     * {@code ping_err}: {@code skb.data()} is the quoted IP header, the quoted echo request
     * {@code inner} bytes further; the outer header (who sent the error, and our address) at
     * {@code skb.networkHeader()}.
     */
    private void err(SkBuff skb, boolean v6, int type, int code, int info, int inner) {
        byte[] b = skb.buf();
        int q = skb.data();
        int icmp = q + inner;
        int id = Bytes.u16(b, icmp + Icmpv4Packet.IDENTIFIER_OFFSET);
        PingSock sk = lookup(v6, skb, id);
        if (sk == null) {
            return;
        }
        int kind = IcmpErrors.classify(v6, type, code, sk.pmtuMode(!v6) == SockOpt.IP_PMTUDISC_DONT, true);
        if (kind == 0) {
            return;
        }
        int errno = kind & 0xffff;
        boolean hard = (kind & IcmpErrors.HARD) != 0;
        IpAddrs quoted = errAddrs.read(b, q, v6);
        sk.icmpError(skb, v6, errno, hard, type, code, info, quoted.dHi, quoted.dLo, 0, icmp);
    }

    /** Echo requests sent by ping sockets ({@code icmp_out_count} / {@code ICMP6MSGOUT}). */
    void countOut(boolean v6) {
        if (v6) {
            c.inc(dev.weir.core.Mib.Icmp6OutMsgs);
            c.inc(dev.weir.core.Mib.Icmp6OutEchos);
        } else {
            c.inc(dev.weir.core.Mib.IcmpOutMsgs);
            c.inc(dev.weir.core.Mib.IcmpOutEchos);
        }
    }

    static boolean isEchoRequest(boolean v6, int type) {
        return v6 ? type == Icmpv6Packet.ECHO_REQUEST : type == Icmpv4Packet.ECHO_REQUEST;
    }

    @Override
    public String toString() {
        return "Ping[" + net.name() + ", " + table.size() + " bound]";
    }
}
