package dev.weir.udp;

import dev.weir.api.prog.StageFunction;

import static dev.weir.socket.SockOpt.*;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.UdpPacket;
import dev.weir.core.Mib;
import dev.weir.ip.Ipv4;
import dev.weir.socket.Errno;
import dev.weir.socket.PortTable;
import dev.weir.socket.RecvInfo;
import dev.weir.socket.SockAddr;
import dev.weir.skb.SkBuff;

/**
 * A UDP socket ({@code socket(AF_INET or AF_INET6, SOCK_DGRAM, 0)}), as Linux's
 * {@code udp_sendmsg} / {@code udpv6_sendmsg} and {@code udp_recvmsg} run it.
 *
 * <h2>sendto / send</h2>
 * <ol>
 *   <li>{@code MSG_OOB}: {@code -EOPNOTSUPP}; more than 65535 bytes: {@code -EMSGSIZE}.
 *   <li>The destination: {@code to}, or the connected peer ({@code -EDESTADDRREQ} without one);
 *       port 0 is {@code -EINVAL}; the other family {@code -EAFNOSUPPORT} (an IPv6 socket sends
 *       IPv4 to an IPv4 or mapped address, unless v6-only: {@code -ENETUNREACH}).
 *   <li>An unbound socket gets an ephemeral port ({@code -EAGAIN} when none is free).
 *   <li>The route ({@code -ENETUNREACH}, {@code -EHOSTUNREACH}... with {@code IpOutNoRoutes});
 *       a broadcast route needs {@code SO_BROADCAST} ({@code -EACCES}).
 *   <li>Size: over 65507 bytes (IPv4) or 65527 (IPv6), or, when {@code IP_MTU_DISCOVER} is DO /
 *       PROBE, over the path MTU: {@code -EMSGSIZE}, with a local error for {@code IP_RECVERR}.
 *       A larger datagram is otherwise fragmented by IP, DF as the mode says (WANT: DF when it
 *       fits).
 *   <li>A pending error ({@code ECONNREFUSED} after a port unreachable...) is returned and
 *       cleared.
 *   <li>Send memory at {@code SO_SNDBUF}: {@code -EAGAIN} (a blocking caller waits for
 *       {@code EPOLLOUT}), {@code UdpSndbufErrors}.
 *   <li>The checksum is left to the device ({@code CHECKSUM_PARTIAL}, seeded with the
 *       pseudo-header) when it offloads checksums and the datagram is not fragmented, else
 *       computed here (charging {@code csum_per_byte}); {@code SO_NO_CHECK} sends none (IPv4).
 *   <li>IP sends it with the socket's TOS, TTL, mark, priority and device; a device queue
 *       refusing it ({@code -ENOBUFS}) counts {@code UdpSndbufErrors} and reports success unless
 *       {@code IP_RECVERR}; otherwise {@code UdpOutDatagrams}. Returns the byte count.
 * </ol>
 *
 * <h2>recvfrom / recv</h2>
 * A pending error first; then the oldest datagram ({@code MSG_PEEK} leaves it queued), cut to
 * the buffer with {@code MSG_TRUNC} in the flags (and its whole length returned when
 * {@code MSG_TRUNC} was asked); none: 0 after {@code shutdown(SHUT_RD)}, else {@code -EAGAIN}.
 * {@code UdpInDatagrams} counts what is read.
 *
 * <p>{@code SOL_UDP} options ({@code UDP_CORK}, {@code UDP_SEGMENT}, {@code UDP_GRO}) and
 * {@code MSG_MORE} corking are not modelled ({@code -ENOPROTOOPT} / ignored).
 */
public final class UdpSock extends DatagramSock {
    private final Udp udp;

    UdpSock(Udp udp, int family) {
        super(udp.sockets, family, SOCK_DGRAM, IPPROTO_UDP);
        this.udp = udp;
    }

    @Override
    protected PortTable portTable() {
        return udp.table;
    }

    // ---- send ----

    @Override
    protected int sendmsg(byte[] buf, int off, int len, int flags, SockAddr to) {
        int t = udp.trace.enter(StageFunction.UDP_SENDMSG, null, null, 0, 0, len, 0);
        int rc = sendmsg0(buf, off, len, flags, to);
        udp.trace.leave(t, rc);
        return rc;
    }

    private int sendmsg0(byte[] buf, int off, int len, int flags, SockAddr to) {
        if ((flags & MSG_OOB) != 0) {
            return -Errno.EOPNOTSUPP;
        }
        if (len > 0xffff) {
            return -Errno.EMSGSIZE;
        }
        long dHi;
        long dLo;
        int port;
        int scope = 0;
        if (to != null) {
            int f = to.family();
            if (family == SockAddr.AF_INET) {
                if (f != SockAddr.AF_INET && f != SockAddr.AF_UNSPEC) {
                    return -Errno.EAFNOSUPPORT;
                }
                dHi = 0;
                dLo = to.v4() & 0xffff_ffffL;
            } else if (f == SockAddr.AF_INET || to.isV4Mapped()) {
                if (v6only) {
                    return -Errno.ENETUNREACH;
                }
                dHi = 0;
                dLo = 0x0000_ffff_0000_0000L | (to.v4() & 0xffff_ffffL);
            } else if (f != SockAddr.AF_INET6) {
                return -Errno.EAFNOSUPPORT;
            } else {
                dHi = to.hi();
                dLo = to.lo();
                scope = to.scopeId();
            }
            port = to.port();
            if (port == 0) {
                return -Errno.EINVAL;
            }
        } else {
            if (state != TCP_ESTABLISHED) {
                return -Errno.EDESTADDRREQ;
            }
            dHi = dstHi;
            dLo = dstLo;
            port = dport;
        }
        boolean v4 = v4Dest(dHi, dLo);
        int e = autobind();
        if (e != 0) {
            return e;
        }
        int savedDev = boundDevIf;
        if (scope != 0 && boundDevIf == 0) {
            boundDevIf = scope; // a link-local destination's scope picks the device for this datagram
        }
        try {
            return send(v4, dHi, v4 ? dLo & 0xffff_ffffL : dLo, port, buf, off, len, flags);
        } finally {
            boundDevIf = savedDev;
        }
    }

    private int send(boolean v4, long dHi, long dLo, int port, byte[] buf, int off, int len, int flags) {
        int length = len + UdpPacket.HEADER_LEN;
        int e = prepareSend(v4, dHi, dLo, length, flags, v4 ? dport : port);
        if (e == -Errno.EAGAIN) {
            udp.c.inc(v4 ? Mib.UdpSndbufErrors : Mib.Udp6SndbufErrors);
        }
        if (e != 0) {
            return e;
        }
        SkBuff skb = net.pool().alloc(length, SkBuff.MAX_HEADER);
        int th = skb.put(length);
        byte[] b = skb.buf();
        Bytes.put16(b, th + UdpPacket.SRC_PORT_OFFSET, num);
        Bytes.put16(b, th + UdpPacket.DST_PORT_OFFSET, port);
        Bytes.put16(b, th + UdpPacket.LENGTH_OFFSET, length);
        Bytes.put16(b, th + UdpPacket.CHECKSUM_OFFSET, 0);
        System.arraycopy(buf, off, b, th + UdpPacket.HEADER_LEN, len);
        skb.resetTransportHeader();
        long sHi = sourceHi(v4);
        long sLo = sourceLo(v4);
        if (!(v4 && noCheckTx)) {
            long pseudo = v4 ? Checksum.pseudoHeaderV4((int) sLo, (int) dLo, IpProtocol.UDP, length)
                    : Checksum.pseudoHeaderV6(sHi, sLo, dHi, dLo, IpProtocol.UDP, length);
            if (offloadChecksum(v4, length)) {
                Bytes.put16(b, th + UdpPacket.CHECKSUM_OFFSET, Checksum.fold(pseudo));
                skb.setCsumPartial(th, UdpPacket.CHECKSUM_OFFSET);
            } else {
                net.charge(Math.round(net.costs().csumPerByte * length));
                int cs = Checksum.finish(Checksum.add(pseudo, b, th, length));
                Bytes.put16(b, th + UdpPacket.CHECKSUM_OFFSET, cs == 0 ? 0xffff : cs);
            }
        }
        skb.setPriority(priority);
        skb.setMark(mark);
        chargeSend(skb);
        int r = v4
                ? host.ip().v4().send(skb, (int) sLo, (int) dLo, IpProtocol.UDP, tos, ttl, ipPmtuMode(true), -1, boundDevIf, this)
                : host.ip().v6().send(skb, sHi, sLo, dHi, dLo, IpProtocol.UDP, tclass, 0, hopLimit6(), ipPmtuMode(false), boundDevIf,
                        this);
        if (r < 0) {
            if (r == -Ipv4.ENOBUFS && !wantsErrQueue(v4)) {
                udp.c.inc(v4 ? Mib.UdpSndbufErrors : Mib.Udp6SndbufErrors);
                return len;
            }
            return r;
        }
        udp.c.inc(v4 ? Mib.UdpOutDatagrams : Mib.Udp6OutDatagrams);
        return len;
    }

    // ---- receive ----

    /**
     * {@code __udp_enqueue_schedule_skb}'s admission: a datagram of {@code size} bytes of memory
     * is refused when it would take the receive memory over {@code SO_RCVBUF}, unless the memory
     * has not yet passed it (one datagram may overshoot, so a tiny buffer still takes one).
     */
    boolean admit(long size) {
        if (rmemAlloc + size > rcvbuf && (rcvbuf > Integer.MAX_VALUE >> 1 || rmemAlloc > rcvbuf)) {
            drops++;
            return false;
        }
        return true;
    }

    void queue(SkBuff skb) {
        enqueue(skb);
    }

    @Override
    protected int recvmsg(byte[] buf, int off, int len, int flags, RecvInfo info) {
        int n = recvDatagram(buf, off, len, flags, info, true);
        return n < 0 || (flags & MSG_TRUNC) != 0 ? n : Math.min(n, len);
    }

    /** {@code UdpInDatagrams} / {@code Udp6InDatagrams} count what applications read, by the datagram's family. */
    @Override
    void read(SkBuff skb) {
        udp.c.inc(isV4Packet(skb) ? Mib.UdpInDatagrams : Mib.Udp6InDatagrams);
    }

    /** {@code SIOCINQ} for UDP: the payload length of the next datagram, 0 when none. */
    @Override
    public int inq() {
        SkBuff skb = receiveQueue.peekFirst();
        return skb == null ? 0 : skb.len();
    }

    /** The path MTU of the connected peer's route ({@code IP_MTU}), {@code -ENOTCONN} when unconnected. */
    @Override
    protected int pathMtu() {
        if (state != TCP_ESTABLISHED) {
            return -Errno.ENOTCONN;
        }
        boolean v4 = v4Dest(dstHi, dstLo);
        int e = route(v4, dstHi, v4 ? dstLo & 0xffff_ffffL : dstLo, 0);
        return e != 0 ? e : res.mtu();
    }

    // ---- lookup support (udp.c's compute_score and friends) ----

    /**
     * Whether the socket is bound where a datagram to {@code (dHi, dLo)} may find it: exactly
     * that address, or (in the wildcard phase) the wildcard. An IPv4 datagram finds IPv4
     * sockets and IPv6 ones that are not v6-only (bound to {@code ::} or the mapped address).
     */
    boolean boundTo(boolean v6Packet, long dHi, long dLo, boolean wildcard) {
        if (v6Packet) {
            if (family != SockAddr.AF_INET6) {
                return false;
            }
            return wildcard ? rcvHi == 0 && rcvLo == 0 : rcvHi == dHi && rcvLo == dLo;
        }
        if (family == SockAddr.AF_INET6 && v6only) {
            return false;
        }
        int r = rcv4();
        return wildcard ? r == 0 : r == (int) dLo;
    }

    /**
     * {@code compute_score}: -1 when the socket cannot take a datagram from {@code (s, sport)}
     * arriving on {@code dif}; otherwise IPv4: 2 for an IPv4 socket (1 for IPv6), +4 for a
     * matching connected peer address, +4 for a matching peer port, +4 for a matching device;
     * IPv6: +1 each.
     */
    int score(boolean v6Packet, long sHi, long sLo, int sport, int dif) {
        int step = v6Packet ? 1 : 4;
        int score = v6Packet ? 0 : family == SockAddr.AF_INET ? 2 : 1;
        if (dstHi != 0 || dstLo != 0) {
            boolean match = v6Packet ? dstHi == sHi && dstLo == sLo : (int) dstLo == (int) sLo;
            if (!match) {
                return -1;
            }
            score += step;
        }
        if (dport != 0) {
            if (dport != sport) {
                return -1;
            }
            score += step;
        }
        if (boundDevIf != 0) {
            if (boundDevIf != dif) {
                return -1;
            }
            score += step;
        }
        return score;
    }

    /** {@code __udp_is_mcast_sock} for a broadcast datagram. */
    boolean acceptsBroadcast(int saddr, int sport, int daddr, int dif) {
        if (family == SockAddr.AF_INET6 && v6only) {
            return false;
        }
        if ((dstLo != 0 && (int) dstLo != saddr) || (dport != 0 && dport != sport)) {
            return false;
        }
        int r = rcv4();
        if (r != 0 && r != daddr) {
            return false;
        }
        return boundDevIf == 0 || boundDevIf == dif;
    }

    /** Whether {@code o} is in this socket's {@code SO_REUSEPORT} group (and unconnected, so selectable). */
    boolean sameGroup(UdpSock o) {
        return o.reuseport && reuseport && o.state != TCP_ESTABLISHED && o.family == family && o.v6only == v6only
                && o.boundDevIf == boundDevIf && o.rcvHi == rcvHi && o.rcvLo == rcvLo;
    }
}
