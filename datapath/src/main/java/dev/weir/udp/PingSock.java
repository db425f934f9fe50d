package dev.weir.udp;

import static dev.weir.socket.SockOpt.*;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.route.Addr;
import dev.weir.socket.Errno;
import dev.weir.socket.PortTable;
import dev.weir.socket.RecvInfo;
import dev.weir.socket.SockAddr;
import dev.weir.skb.SkBuff;

/**
 * A ping socket (see {@link Ping}), as Linux's {@code ping_v4_sendmsg} / {@code ping_v6_sendmsg}
 * and {@code ping_recvmsg} run it.
 *
 * <p><b>Send.</b> The caller writes the whole ICMP message: type echo request (8, or 128 for
 * ICMPv6) and code 0 ({@code -EINVAL} otherwise, or when shorter than the 8-byte header), the
 * sequence number and the data; the socket puts in its identifier (its bound "port", taken on
 * first use) and the checksum (charging {@code csum_per_byte}). The destination is {@code to}
 * (its port ignored) or the connected peer ({@code -EDESTADDRREQ}); more than 65535 bytes
 * {@code -EMSGSIZE}; a broadcast needs {@code SO_BROADCAST}. The path-MTU rules are UDP's: with
 * {@code IP_MTU_DISCOVER} DO a datagram larger than the path MTU is {@code -EMSGSIZE} with a
 * local error ("local error: message too long, mtu=1400" in ping's words); with the default
 * WANT it is fragmented. Counts {@code IcmpOutMsgs}/{@code IcmpOutEchos} (ICMPv6's for IPv6).
 *
 * <p><b>Receive.</b> A pending error first; then the oldest echo reply, ICMP header and data, cut
 * to the buffer ({@code MSG_TRUNC} flag, the cut length returned); the sender with port 0, the
 * TTL / hop limit when asked for ({@code IP_RECVTTL}, {@code IPV6_RECVHOPLIMIT}). {@code MSG_OOB}
 * is {@code -EOPNOTSUPP}.
 */
public final class PingSock extends DatagramSock {
    private final Ping ping;

    PingSock(Ping ping, int family) {
        super(ping.sockets, family, SOCK_DGRAM, family == SockAddr.AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6);
        this.ping = ping;
    }

    @Override
    protected PortTable portTable() {
        return ping.table;
    }

    /** {@code ping_get_port}: the identifier asked for, or the next free one. */
    @Override
    protected int getPort(int port) {
        return ping.table.bindPing(this, port);
    }

    private boolean isV6() {
        return family == SockAddr.AF_INET6;
    }

    @Override
    protected int sendmsg(byte[] buf, int off, int len, int flags, SockAddr to) {
        boolean v6 = isV6();
        if (len > 0xffff) {
            return -Errno.EMSGSIZE;
        }
        if (len < Icmpv4Packet.HEADER_LEN) {
            return -Errno.EINVAL;
        }
        if ((flags & MSG_OOB) != 0) {
            return -Errno.EOPNOTSUPP;
        }
        if (!Ping.isEchoRequest(v6, buf[off] & 0xff) || buf[off + 1] != 0) {
            return -Errno.EINVAL;
        }
        long dHi;
        long dLo;
        int oif = 0;
        if (to != null) {
            if (to.family() != family) {
                return -Errno.EAFNOSUPPORT;
            }
            dHi = to.hi();
            dLo = to.lo();
            if (v6 && Addr.isV6LinkLocal(dHi)) {
                oif = to.scopeId();
            }
        } else {
            if (state != TCP_ESTABLISHED) {
                return -Errno.EDESTADDRREQ;
            }
            dHi = dstHi;
            dLo = dstLo;
        }
        if (v6) {
            if (oif == 0) {
                oif = boundDevIf;
            }
            if (Addr.isV6LinkLocal(dHi) && oif == 0 || (dHi == 0 && (dLo >>> 32) == 0xffffL)
                    || oif != 0 && boundDevIf != 0 && oif != boundDevIf) {
                return -Errno.EINVAL;
            }
        }
        int e = autobind();
        if (e != 0) {
            return e;
        }
        int savedDev = boundDevIf;
        boundDevIf = oif != 0 ? oif : boundDevIf;
        try {
            return send(!v6, dHi, dLo, buf, off, len, flags);
        } finally {
            boundDevIf = savedDev;
        }
    }

    private int send(boolean v4, long dHi, long dLo, byte[] buf, int off, int len, int flags) {
        int e = prepareSend(v4, dHi, dLo, len, flags, 0);
        if (e != 0) {
            return e;
        }
        SkBuff skb = net.pool().alloc(len, SkBuff.MAX_HEADER);
        int at = skb.put(len);
        byte[] b = skb.buf();
        System.arraycopy(buf, off, b, at, len);
        Bytes.put16(b, at + Icmpv4Packet.CHECKSUM_OFFSET, 0);
        Bytes.put16(b, at + Icmpv4Packet.IDENTIFIER_OFFSET, num);
        skb.resetTransportHeader();
        long sHi = sourceHi(v4);
        long sLo = sourceLo(v4);
        long sum = v4 ? 0 : Checksum.pseudoHeaderV6(sHi, sLo, dHi, dLo, IpProtocol.ICMPV6, len);
        net.charge(Math.round(net.costs().csumPerByte * len));
        Bytes.put16(b, at + Icmpv4Packet.CHECKSUM_OFFSET, Checksum.finish(Checksum.add(sum, b, at, len)));
        skb.setPriority(priority);
        skb.setMark(mark);
        chargeSend(skb);
        int r = v4
                ? host.ip().v4().send(skb, (int) sLo, (int) dLo, IpProtocol.ICMP, tos, ttl, ipPmtuMode(true), -1, boundDevIf, this)
                : host.ip().v6().send(skb, sHi, sLo, dHi, dLo, IpProtocol.ICMPV6, tclass, 0, hopLimit6(), ipPmtuMode(false),
                        boundDevIf, this);
        if (r < 0) {
            return r;
        }
        ping.countOut(!v4);
        return len;
    }

    // ---- receive ----

    /** {@code sock_queue_rcv_skb}'s admission: refused once the receive memory reaches {@code SO_RCVBUF}. */
    boolean admit() {
        if (rmemAlloc >= rcvbuf) {
            drops++;
            return false;
        }
        return true;
    }

    void queue(SkBuff skb) {
        enqueue(skb);
    }

    /** Whether the socket's bound address is the wildcard or {@code (hi, lo)}. */
    boolean boundToOrAny(long hi, long lo) {
        return rcvHi == 0 && rcvLo == 0 || rcvHi == hi && rcvLo == lo;
    }

    @Override
    protected int recvmsg(byte[] buf, int off, int len, int flags, RecvInfo info) {
        if ((flags & MSG_OOB) != 0) {
            return -Errno.EOPNOTSUPP;
        }
        int n = recvDatagram(buf, off, len, flags, info, false);
        return n < 0 ? n : Math.min(n, len);
    }
}
