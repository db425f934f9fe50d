package dev.weir.udp;

import static dev.weir.socket.SockOpt.*;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.core.Features;
import dev.weir.core.Mib;
import dev.weir.core.NetDevice;
import dev.weir.ip.Ipv4;
import dev.weir.route.Addr;
import dev.weir.route.FibResult;
import dev.weir.route.Flow;
import dev.weir.socket.Errno;
import dev.weir.socket.HostSockets;
import dev.weir.socket.RecvInfo;
import dev.weir.socket.Sock;
import dev.weir.socket.SockAddr;
import dev.weir.skb.SkBuff;

/**
 * What UDP and ping sockets share, as Linux's {@code net/ipv4/datagram.c} and
 * {@code net/ipv6/datagram.c} and the datagram half of {@code ip_append_data}: connecting
 * ({@code ip4_datagram_connect}, {@code ip6_datagram_connect}), the route of a datagram about to
 * be sent, the path-MTU check that refuses a datagram too large to leave unfragmented
 * ({@code EMSGSIZE} with a local error for {@code IP_RECVERR}), the offload decision for the
 * checksum, and what a reader learns besides the bytes (sender, TTL, TOS, timestamp).
 *
 * <p>An IPv6 socket that is not v6-only speaks IPv4 to IPv4-mapped addresses
 * ({@code ::ffff:a.b.c.d}); {@link #v4Dest} tells which family a datagram takes.
 */
abstract class DatagramSock extends Sock {
    /** The route of the datagram being sent or the association being made (reused). */
    final Flow flow = new Flow();
    final FibResult res = new FibResult();

    DatagramSock(HostSockets host, int family, int type, int protocol) {
        super(host, family, type, protocol);
    }

    /** True when a datagram to {@code (hi, lo)} goes as IPv4: an IPv4 socket, or a mapped address. */
    final boolean v4Dest(long hi, long lo) {
        return family == SockAddr.AF_INET || hi == 0 && (lo >>> 32) == 0xffffL;
    }

    /**
     * Looks up the route for a datagram to {@code (dHi, dLo)} from this socket's source
     * ({@code inet_saddr}), device, TOS and mark; {@code MSG_DONTROUTE} and {@code SO_DONTROUTE}
     * keep it on link. Returns 0 (the route in {@link #res}) or the routing error, counting
     * {@code IpOutNoRoutes} for {@code -ENETUNREACH} as {@code udp_sendmsg} does.
     */
    final int route(boolean v4, long dHi, long dLo, int flags) {
        flow.reset();
        if (v4) {
            flow.v4((int) dLo, src4()).tos(tos & 0x1e);
        } else {
            flow.v6(dHi, dLo, srcHi, srcLo).tos(tclass);
        }
        flow.oif(boundDevIf).mark(mark);
        if (dontroute || (flags & MSG_DONTROUTE) != 0) {
            flow.scope(253);
        }
        int e = host.routing().outputRoute(flow, res);
        if (e == -Errno.ENETUNREACH) {
            net.counters().inc(v4 ? Mib.IpOutNoRoutes : Mib.Ip6OutNoRoutes);
        }
        return e;
    }

    /** The route is a broadcast one that the socket may not use ({@code SO_BROADCAST} unset): {@code -EACCES}. */
    final boolean broadcastRefused() {
        return (res.flags() & FibResult.RTCF_BROADCAST) != 0 && !broadcast;
    }

    // ---- connect ----

    /**
     * {@code ip4_datagram_connect} / {@code ip6_datagram_connect}: the socket is bound to an
     * ephemeral port if it has none, the route to {@code to} gives the source address (which
     * also becomes the bound address if the socket had none), and the socket is ESTABLISHED
     * with {@code to} as its peer. {@link SockAddr#UNSPEC} disconnects. Errors:
     * {@code -EAFNOSUPPORT}, {@code -EAGAIN} (no port), the routing error
     * ({@code -ENETUNREACH}...), {@code -EACCES} for a broadcast without {@code SO_BROADCAST},
     * {@code -EINVAL} for a link-local IPv6 peer without a scope.
     */
    @Override
    public int connect(SockAddr to) {
        if (isClosed()) {
            return -Errno.EBADF;
        }
        if (to.family() == SockAddr.AF_UNSPEC) {
            return disconnect();
        }
        int e = autobind();
        if (e != 0) {
            return e;
        }
        if (family == SockAddr.AF_INET) {
            if (to.family() != SockAddr.AF_INET) {
                return -Errno.EAFNOSUPPORT;
            }
            return connect4(to.v4(), to.port());
        }
        if (to.family() == SockAddr.AF_INET) {
            if (v6only) {
                return -Errno.EAFNOSUPPORT;
            }
            return connect4(to.v4(), to.port());
        }
        long dHi = to.hi();
        long dLo = to.lo();
        if (to.isV4Mapped()) {
            return v6only ? -Errno.ENETUNREACH : connect4(to.v4(), to.port());
        }
        if (dHi == 0 && dLo == 0) {
            dLo = 1; // connect to self: ::1
        }
        if (Addr.isV6LinkLocal(dHi)) {
            if (to.scopeId() != 0) {
                boundDevIf = to.scopeId();
            }
            if (boundDevIf == 0) {
                return -Errno.EINVAL;
            }
        }
        e = route(false, dHi, dLo, 0);
        if (e != 0) {
            return e;
        }
        if (srcHi == 0 && srcLo == 0) {
            srcHi = res.srcHi();
            srcLo = res.srcLo();
        }
        if (rcvHi == 0 && rcvLo == 0) {
            rcvHi = res.srcHi();
            rcvLo = res.srcLo();
        }
        dstHi = dHi;
        dstLo = dLo;
        dport = to.port();
        state = TCP_ESTABLISHED;
        return 0;
    }

    /** {@code __ip4_datagram_connect}, for an IPv4 socket or a mapped peer of an IPv6 one. */
    private int connect4(int daddr, int port) {
        boolean mapped = family == SockAddr.AF_INET6;
        int e = route(true, 0, daddr & 0xffff_ffffL, 0);
        if (e != 0) {
            return e;
        }
        if (broadcastRefused()) {
            return -Errno.EACCES;
        }
        long src = res.src4() & 0xffff_ffffL;
        long mappedHi = 0;
        long prefix = mapped ? 0x0000_ffff_0000_0000L : 0;
        if (src4() == 0) {
            srcHi = mappedHi;
            srcLo = prefix | src;
        }
        if (rcv4() == 0) {
            rcvHi = mappedHi;
            rcvLo = prefix | src;
        }
        dstHi = 0;
        dstLo = prefix | (daddr & 0xffff_ffffL);
        dport = port;
        state = TCP_ESTABLISHED;
        return 0;
    }

    /**
     * {@code __udp_disconnect}: back to CLOSE without a peer; the device binding goes; an
     * address not set by {@code bind} is forgotten, and so is a port not set by {@code bind}.
     */
    private int disconnect() {
        state = TCP_CLOSE;
        dstHi = dstLo = 0;
        dport = 0;
        boundDevIf = 0;
        if ((userlocks & SOCK_BINDADDR_LOCK) == 0) {
            rcvHi = rcvLo = srcHi = srcLo = 0;
        }
        if ((userlocks & SOCK_BINDPORT_LOCK) == 0) {
            unhash();
        }
        return 0;
    }

    // ---- send ----

    /**
     * The checks between the route and the building of a datagram of {@code length} bytes
     * (transport header included), in Linux's order: the route ({@code -ENETUNREACH}...), a
     * broadcast without {@code SO_BROADCAST} ({@code -EACCES}), the size
     * ({@link #sizeCheck}: {@code -EMSGSIZE}, {@code errPort} naming the port of the local
     * error), a pending error, and send memory ({@code -EAGAIN}). 0: the route is in
     * {@link #res} and the datagram may be built.
     */
    final int prepareSend(boolean v4, long dHi, long dLo, int length, int flags, int errPort) {
        int e = route(v4, dHi, dLo, flags);
        if (e != 0) {
            return e;
        }
        if (v4 && broadcastRefused()) {
            return -Errno.EACCES;
        }
        e = sizeCheck(v4, length, dHi, dLo, errPort);
        if (e != 0) {
            return e;
        }
        e = sockError();
        if (e != 0) {
            return e;
        }
        return sndbufFull() ? -Errno.EAGAIN : 0;
    }

    /** The path-MTU discovery mode of a datagram of the family given ({@code IP_MTU_DISCOVER} / {@code IPV6_MTU_DISCOVER}). */
    final int pmtuMode(boolean v4) {
        return v4 ? pmtudisc : pmtudisc6;
    }

    /**
     * The MTU a datagram is measured against ({@code cork->fragsize}): the path MTU of the
     * route, or the device's MTU in the modes that ignore learned path MTUs (PROBE and beyond).
     */
    final int fragsize(boolean v4) {
        NetDevice d = res.dev();
        return pmtuMode(v4) >= IP_PMTUDISC_PROBE && d != null ? d.mtu() : res.mtu();
    }

    /**
     * {@code __ip_append_data} / {@code __ip6_append_data}'s size checks for {@code length} bytes
     * of transport header and payload: more than an IP datagram can carry, or (in the modes that
     * may not fragment: DO, PROBE, INTERFACE) more than the MTU, is {@code -EMSGSIZE}, with a
     * local error ({@code ee_info} the MTU) for {@code IP_RECVERR}. Returns 0 when it may go.
     */
    final int sizeCheck(boolean v4, int length, long dHi, long dLo, int port) {
        int mtu = fragsize(v4);
        int hdr = v4 ? Ipv4Packet.HEADER_LEN : Ipv6Packet.HEADER_LEN;
        int mode = pmtuMode(v4);
        boolean ignoreDf = mode < IP_PMTUDISC_DO || mode == IP_PMTUDISC_OMIT;
        int limit = v4 ? 0xffff - hdr : 0xffff;
        if (!ignoreDf) {
            limit = Math.min(limit, mtu - hdr);
        }
        if (length > limit) {
            SockAddr target = v4 ? SockAddr.v4((int) dLo, port) : SockAddr.v6(dHi, dLo, port);
            queueLocalError(Errno.EMSGSIZE, target, mtu);
            return -Errno.EMSGSIZE;
        }
        return 0;
    }

    /**
     * Whether the device of the route fills the transport checksum ({@code CHECKSUM_PARTIAL}):
     * it offloads checksums for the family and the datagram leaves in one piece
     * ({@code length + header <= fragsize}), as {@code __ip_append_data} decides.
     */
    final boolean offloadChecksum(boolean v4, int length) {
        NetDevice d = res.dev();
        if (d == null || length + (v4 ? Ipv4Packet.HEADER_LEN : Ipv6Packet.HEADER_LEN) > fragsize(v4)) {
            return false;
        }
        long f = d.features();
        return (f & Features.HW_CSUM) != 0 || (f & (v4 ? Features.IP_CSUM : Features.IPV6_CSUM)) != 0;
    }

    /** The IP layer's PMTUDISC mode for this socket's setting (INTERFACE as PROBE, OMIT as DONT). */
    final int ipPmtuMode(boolean v4) {
        int m = pmtuMode(v4);
        return m == IP_PMTUDISC_INTERFACE ? Ipv4.PMTUDISC_PROBE : m == IP_PMTUDISC_OMIT ? Ipv4.PMTUDISC_DONT : m;
    }

    /** The hop limit of a datagram ({@code IPV6_UNICAST_HOPS}), -1 for the device's. */
    final int hopLimit6() {
        return hopLimit;
    }

    /** The source address for a datagram: the socket's, else what the route chose. */
    final long sourceHi(boolean v4) {
        return v4 ? 0 : (srcHi != 0 || srcLo != 0 ? srcHi : res.srcHi());
    }

    final long sourceLo(boolean v4) {
        if (v4) {
            return src4() != 0 ? src4() & 0xffff_ffffL : res.src4() & 0xffff_ffffL;
        }
        return srcHi != 0 || srcLo != 0 ? srcLo : res.srcLo();
    }

    // ---- errors ----

    /**
     * What {@code __udp4_lib_err}, {@code __udp6_lib_err} and {@code ping_err} do once they have
     * the socket and the errno: without {@code IP_RECVERR} / {@code IPV6_RECVERR} only a hard
     * error on a connected socket is reported; with it every error is queued for
     * {@code MSG_ERRQUEUE} (quoting the bytes from {@code payloadAt}, the sender of the ICMP
     * error as offender, the failed datagram's destination as target) and sets the error.
     */
    final void icmpError(SkBuff skb, boolean v6, int errno, boolean hard, int type, int code, int info, long qdHi, long qdLo,
            int qdport, int payloadAt) {
        if (!wantsErrQueue(!v6)) {
            if (!hard || state != TCP_ESTABLISHED) {
                return;
            }
        } else {
            byte[] b = skb.buf();
            int nh = skb.networkHeader();
            int end = skb.data() + skb.headLen();
            byte[] payload = new byte[Math.max(0, end - payloadAt)];
            System.arraycopy(b, payloadAt, payload, 0, payload.length);
            IpAddrs outer = new IpAddrs().read(b, nh, v6);
            SockAddr offender = v6 ? SockAddr.v6(outer.sHi, outer.sLo, 0) : SockAddr.v4((int) outer.sLo, 0);
            SockAddr target = v6 ? SockAddr.v6(qdHi, qdLo, qdport) : SockAddr.v4((int) qdLo, qdport);
            queueIcmpError(errno, v6, type, code, info, offender, target, payload, skb.truesize());
        }
        reportError(errno);
    }

    // ---- receive ----

    /**
     * {@code skb_recv_datagram} and the copy out, as UDP and ping sockets read: a pending error
     * first; then the oldest datagram ({@code MSG_PEEK} leaves it queued), copied into
     * {@code buf} up to {@code len} bytes ({@code MSG_TRUNC} in {@code info} when cut), its
     * sender in {@code info} with {@code port}; none: 0 after receive shutdown, else
     * {@code -EAGAIN}. Returns the datagram's whole length; the caller returns that or what was
     * copied, as its protocol does.
     */
    final int recvDatagram(byte[] buf, int off, int len, int flags, RecvInfo info, boolean udpPort) {
        int e = sockError();
        if (e != 0) {
            return e;
        }
        boolean peek = (flags & MSG_PEEK) != 0;
        SkBuff skb = dequeue(peek);
        if (skb == null) {
            return (shutdown & RCV_SHUTDOWN) != 0 ? 0 : -Errno.EAGAIN;
        }
        int n = skb.len();
        int copied = Math.min(len, n);
        skb.copyBits(0, buf, off, copied);
        if (copied < n) {
            truncated(info);
        }
        if (info != null) {
            int port = udpPort ? Bytes.u16(skb.buf(), skb.transportHeader()) : 0;
            fillRecvInfo(info, skb, port);
        }
        if (!peek) {
            read(skb);
            freeReceived(skb);
        }
        return n;
    }

    /** Told of each datagram a reader takes (not peeks), before it is freed: UDP counts it. */
    void read(SkBuff skb) {}

    /** True when the queued datagram came as IPv4 (its network header's version). */
    static boolean isV4Packet(SkBuff skb) {
        return (skb.buf()[skb.networkHeader()] & 0xf0) == 0x40;
    }
}
