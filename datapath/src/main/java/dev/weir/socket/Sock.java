package dev.weir.socket;

import static dev.weir.socket.SockOpt.*;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.core.DropReason;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.PacedSender;
import dev.weir.route.RouteType;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbQueue;
import java.util.ArrayDeque;

/**
 * An internet socket: what Linux keeps in {@code struct sock} / {@code inet_sock} /
 * {@code ipv6_pinfo} and does in {@code net/core/sock.c}, {@code af_inet.c}, {@code af_inet6.c}
 * and the IP-level option code, shared by every protocol. A protocol ({@code UdpSock}, ping
 * sockets, TCP) subclasses it and supplies {@link #connect}, {@link #sendmsg}, {@link #recvmsg}
 * and its port table.
 *
 * <h2>Calls</h2>
 * Every call is shaped like the system call and returns an {@code int}: a count or 0 on success,
 * a negative {@link Errno} ({@code -EAGAIN}) on failure. Nothing is thrown for an errno. A closed
 * socket answers {@code -EBADF}.
 *
 * <h2>Nothing blocks</h2>
 * The socket runs on the simulation thread, which cannot sleep. A call that would sleep in Linux
 * (no datagram to read, send memory used up) returns {@code -EAGAIN} whether or not the socket
 * is non-blocking; a blocking-style caller waits for readiness and calls again (see the package
 * documentation and {@link BlockingCall}), applying {@link #rcvTimeoNanos} /
 * {@link #sndTimeoNanos} as the timeout.
 *
 * <h2>Readiness</h2>
 * {@link #poll()} gives the {@code EPOLL*} mask now; {@link SockListener}s are told when it may
 * have changed (data ready, write space, state change, error), which is how {@link Epoll} and
 * blocking callers learn it.
 *
 * <h2>Memory</h2>
 * Received buffers count their {@link SkBuff#truesize()} against {@code SO_RCVBUF}
 * ({@code sk_rmem_alloc}) until read; sent buffers against {@code SO_SNDBUF}
 * ({@code sk_wmem_alloc}) until the device layer frees them ({@link SkBuff#setOwner}).
 *
 * <p>Everything runs on the host's simulation thread. Weir's applications run as root: options
 * needing {@code CAP_NET_ADMIN} or {@code CAP_NET_BIND_SERVICE} are allowed, and every socket
 * has the same owner (for {@code SO_REUSEPORT} groups).
 */
public abstract class Sock implements PacedSender {
    // sk_state, in TCP's numbering as Linux uses it for every inet socket
    public static final int TCP_ESTABLISHED = 1;
    public static final int TCP_SYN_SENT = 2;
    public static final int TCP_SYN_RECV = 3;
    public static final int TCP_FIN_WAIT1 = 4;
    public static final int TCP_FIN_WAIT2 = 5;
    public static final int TCP_TIME_WAIT = 6;
    public static final int TCP_CLOSE = 7;
    public static final int TCP_CLOSE_WAIT = 8;
    public static final int TCP_LAST_ACK = 9;
    public static final int TCP_LISTEN = 10;
    public static final int TCP_CLOSING = 11;

    // sk_shutdown
    public static final int RCV_SHUTDOWN = 1;
    public static final int SEND_SHUTDOWN = 2;
    public static final int SHUTDOWN_MASK = 3;

    // sk_userlocks
    public static final int SOCK_SNDBUF_LOCK = 1;
    public static final int SOCK_RCVBUF_LOCK = 2;
    public static final int SOCK_BINDADDR_LOCK = 4;
    public static final int SOCK_BINDPORT_LOCK = 8;

    /**
     * The smallest buffers {@code SO_SNDBUF}/{@code SO_RCVBUF} give: Linux's
     * {@code SOCK_MIN_SNDBUF} and {@code SOCK_MIN_RCVBUF} on x86-64 (2 and 1 times
     * {@code TCP_SKB_MIN_TRUESIZE} = 2048 + 256).
     */
    public static final int SOCK_MIN_SNDBUF = 4608;
    public static final int SOCK_MIN_RCVBUF = 2304;

    /** {@code sk_rcv_saddr} of an IPv6 socket bound to a non-mapped address ({@code LOOPBACK4_IPV6}, 127.0.0.6). */
    static final int LOOPBACK4_IPV6 = 0x7f00_0006;

    /** An infinite timeout ({@code MAX_SCHEDULE_TIMEOUT}). */
    public static final long NO_TIMEOUT = Long.MAX_VALUE;

    private static final long JIFFY_NANOS = 1_000_000; // HZ = 1000, as the IP layer's timers

    protected final HostSockets host;
    protected final NetNs net;
    protected final int family;
    protected final int type;
    protected final int protocol;
    protected int state = TCP_CLOSE;
    protected int shutdown;
    private boolean closed;

    // addresses: IPv4 in the low 32 bits of lo, IPv6 sockets keep IPv6 (or v4-mapped) addresses
    /** {@code sk_rcv_saddr} / {@code sk_v6_rcv_saddr}: the bound local address. */
    protected long rcvHi;
    protected long rcvLo;
    /** {@code inet_saddr} / {@code np->saddr}: the source used for sending (0: routing chooses). */
    protected long srcHi;
    protected long srcLo;
    /** {@code inet_num}: the local port, 0 while unbound. */
    protected int num;
    /** {@code inet_daddr} / {@code sk_v6_daddr} and {@code inet_dport}: the peer of a connected socket. */
    protected long dstHi;
    protected long dstLo;
    protected int dport;
    /** {@code sk_bound_dev_if}. */
    protected int boundDevIf;
    protected int userlocks;

    // SOL_SOCKET options
    protected boolean reuse;
    protected boolean reuseport;
    protected int rcvbuf;
    protected int sndbuf;
    protected boolean linger;
    protected int lingerSeconds;
    protected boolean keepalive;
    protected boolean broadcast;
    protected boolean dontroute;
    protected boolean debug;
    protected boolean oobinline;
    protected boolean noCheckTx;
    protected boolean timestampOn;
    protected boolean rxqOvfl;
    protected int priority;
    protected int mark;
    protected int rcvlowat = 1;
    protected long rcvTimeo = NO_TIMEOUT;
    protected long sndTimeo = NO_TIMEOUT;
    /** {@code SO_MAX_PACING_RATE} in bytes per second, {@code Long.MAX_VALUE} for none. */
    protected long maxPacingRate = Long.MAX_VALUE;
    /** The protocol's own pacing rate ({@code sk_pacing_rate}; TCP sets it), {@code Long.MAX_VALUE} for none. */
    protected long pacingRate = Long.MAX_VALUE;
    private boolean nonBlocking;

    // SOL_IP / SOL_IPV6 options
    protected int tos;
    /** {@code uc_ttl}: -1 for the default. */
    protected int ttl = -1;
    protected int pmtudisc;
    protected boolean recverr;
    protected boolean recvttl;
    protected boolean recvtos;
    protected boolean pktinfo;
    protected boolean freebind;
    protected boolean bindAddressNoPort;
    protected int mcastTtl = 1;
    protected boolean v6only;
    /** {@code np->hop_limit}: -1 for the default. */
    protected int hopLimit = -1;
    protected int mcastHops = -1;
    protected int tclass;
    protected int pmtudisc6 = IP_PMTUDISC_WANT;
    protected boolean recverr6;
    protected boolean recvHopLimit;
    protected boolean recvTclass;

    // memory and errors
    protected long rmemAlloc;
    protected long wmemAlloc;
    /** {@code sk_drops}: datagrams dropped because the receive buffer was full. */
    protected long drops;
    protected int err;
    protected int errSoft;
    /** {@code SOCK_NOSPACE}: a sender found the send buffer full. */
    protected boolean noSpace;
    protected final SkbQueue receiveQueue = new SkbQueue();
    private final ArrayDeque<SockExtendedErr> errorQueue = new ArrayDeque<>();

    private SockListener[] listeners = new SockListener[0];
    /** The destructor every sent buffer carries ({@code sock_wfree}), made once. */
    private final SkBuff.Destructor wfree = this::wfree;
    private PortTable boundIn;
    /** Next socket on the same port-table chain. */
    Sock bindNext;

    protected Sock(HostSockets host, int family, int type, int protocol) {
        if (family != SockAddr.AF_INET && family != SockAddr.AF_INET6) {
            throw new IllegalArgumentException("an internet socket is AF_INET or AF_INET6, got family " + family);
        }
        this.host = host;
        this.net = host.net();
        this.family = family;
        this.type = type;
        this.protocol = protocol;
        this.rcvbuf = host.rmemDefault.getInt();
        this.sndbuf = host.wmemDefault.getInt();
        this.pmtudisc = host.ipNoPmtuDisc() != 0 ? IP_PMTUDISC_DONT : IP_PMTUDISC_WANT;
        this.v6only = family == SockAddr.AF_INET6 && host.bindV6Only.get() != 0;
        host.add(this);
    }

    // ---- identity ----

    public final int family() {
        return family;
    }

    public final int type() {
        return type;
    }

    public final int protocol() {
        return protocol;
    }

    /** {@code sk_state} ({@link #TCP_CLOSE} for an unconnected datagram socket, {@link #TCP_ESTABLISHED} once connected). */
    public final int state() {
        return state;
    }

    public final boolean isClosed() {
        return closed;
    }

    public final HostSockets host() {
        return host;
    }

    /** The local port ({@code inet_num}), 0 while unbound. */
    public final int localPort() {
        return num;
    }

    /**
     * {@code getsockname} ({@code inet_getname}): the bound address, else the source address in
     * use, and the local port (the wildcard and 0 while unbound).
     */
    public final SockAddr localAddress() {
        return rcvHi == 0 && rcvLo == 0 ? addr(srcHi, srcLo, num) : addr(rcvHi, rcvLo, num);
    }

    /** {@code getpeername}: the peer of a connected socket, or null ({@code -ENOTCONN}). */
    public final SockAddr peerAddress() {
        return dport == 0 && dstHi == 0 && dstLo == 0 ? null : addr(dstHi, dstLo, dport);
    }

    private SockAddr addr(long hi, long lo, int port) {
        if (family == SockAddr.AF_INET) {
            return SockAddr.v4((int) lo, port);
        }
        boolean linkLocal = (hi & 0xffc0_0000_0000_0000L) == 0xfe80_0000_0000_0000L;
        return SockAddr.v6(hi, lo, port, linkLocal ? boundDevIf : 0);
    }

    /** {@code sk_bound_dev_if}: the device the socket is bound to, 0 for none. */
    public final int boundDevice() {
        return boundDevIf;
    }

    /** {@code IPV6_V6ONLY} (also set by binding a non-mapped IPv6 address, as Linux does). */
    public final boolean v6only() {
        return v6only;
    }

    public final boolean reuseAddr() {
        return reuse;
    }

    public final boolean reusePort() {
        return reuseport;
    }

    /** Receive memory in use ({@code sk_rmem_alloc}; {@code ss}'s Recv-Q for UDP). */
    public final long rmemAlloc() {
        return rmemAlloc;
    }

    /** Send memory in use ({@code sk_wmem_alloc}; {@code ss}'s Send-Q for UDP). */
    public final long wmemAlloc() {
        return wmemAlloc;
    }

    public final int rcvbuf() {
        return rcvbuf;
    }

    public final int sndbuf() {
        return sndbuf;
    }

    /** Datagrams dropped because the receive buffer was full ({@code sk_drops}). */
    public final long drops() {
        return drops;
    }

    /** {@code SO_RCVTIMEO} in nanoseconds, {@link #NO_TIMEOUT} for none: how long a blocking read waits. */
    public final long rcvTimeoNanos() {
        return rcvTimeo;
    }

    /** {@code SO_SNDTIMEO} in nanoseconds, {@link #NO_TIMEOUT} for none. */
    public final long sndTimeoNanos() {
        return sndTimeo;
    }

    /** The pacing rate fq reads ({@code sk_pacing_rate}), capped by {@code SO_MAX_PACING_RATE}. */
    @Override
    public long pacingRate() {
        long r = Math.min(pacingRate, maxPacingRate);
        return r == Long.MAX_VALUE ? UNPACED : r;
    }

    // ---- O_NONBLOCK ----

    /** {@code fcntl(F_SETFL, O_NONBLOCK)}. */
    public final void setNonBlocking(boolean on) {
        nonBlocking = on;
    }

    public final boolean isNonBlocking() {
        return nonBlocking;
    }

    /** True when a call with {@code flags} may not wait: {@code O_NONBLOCK} or {@code MSG_DONTWAIT}. */
    protected final boolean noWait(int flags) {
        return nonBlocking || (flags & MSG_DONTWAIT) != 0;
    }

    // ---- listeners ----

    /** Adds a listener told of readiness changes; adding one twice adds it once. */
    public final void addListener(SockListener l) {
        for (SockListener x : listeners) {
            if (x == l) {
                return;
            }
        }
        SockListener[] n = java.util.Arrays.copyOf(listeners, listeners.length + 1);
        n[listeners.length] = l;
        listeners = n;
    }

    public final void removeListener(SockListener l) {
        SockListener[] cur = listeners;
        for (int i = 0; i < cur.length; i++) {
            if (cur[i] == l) {
                SockListener[] n = new SockListener[cur.length - 1];
                System.arraycopy(cur, 0, n, 0, i);
                System.arraycopy(cur, i + 1, n, i, n.length - i);
                listeners = n;
                return;
            }
        }
    }

    /**
     * Wakes the socket's waiters with {@code event} (a {@link SockListener} constant), charging
     * the wakeup cost when anyone is waiting ({@code wq_has_sleeper}).
     */
    protected final void wake(int event) {
        SockListener[] ls = listeners;
        if (ls.length == 0) {
            return;
        }
        net.charge(net.costs().sockWakeup);
        for (SockListener l : ls) {
            l.onEvent(this, event);
        }
    }

    /** {@code sk_data_ready}. */
    protected final void dataReady() {
        wake(SockListener.DATA_READY);
    }

    /** {@code sk_state_change}. */
    protected final void stateChange() {
        wake(SockListener.STATE_CHANGE);
    }

    // ---- poll ----

    /**
     * The readiness mask now ({@code EPOLLIN}, {@code EPOLLOUT}, {@code EPOLLERR}...), as
     * {@code datagram_poll} computes it: an error or a queued extended error is
     * {@code EPOLLERR}; receive shutdown {@code EPOLLRDHUP | EPOLLIN | EPOLLRDNORM}; both
     * directions shut {@code EPOLLHUP}; queued data {@code EPOLLIN | EPOLLRDNORM}; send memory
     * under half of {@code SO_SNDBUF} {@code EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND}. TCP
     * overrides it.
     */
    public int poll() {
        int mask = 0;
        if (err != 0 || !errorQueue.isEmpty()) {
            mask |= Epoll.EPOLLERR;
        }
        if ((shutdown & RCV_SHUTDOWN) != 0) {
            mask |= Epoll.EPOLLRDHUP | Epoll.EPOLLIN | Epoll.EPOLLRDNORM;
        }
        if (shutdown == SHUTDOWN_MASK) {
            mask |= Epoll.EPOLLHUP;
        }
        if (!receiveQueue.isEmpty()) {
            mask |= Epoll.EPOLLIN | Epoll.EPOLLRDNORM;
        }
        if (sockWriteable()) {
            mask |= Epoll.EPOLLOUT | Epoll.EPOLLWRNORM | Epoll.EPOLLWRBAND;
        } else {
            noSpace = true;
        }
        return mask;
    }

    // ---- bind ----

    /**
     * {@code bind}: {@code inet_bind} / {@code inet6_bind}. Errors: {@code -EAFNOSUPPORT} for an
     * address of the other family (AF_UNSPEC with the wildcard is taken for AF_INET, as Linux
     * does), {@code -EADDRNOTAVAIL} for an address that is not this host's (unless
     * {@code IP_FREEBIND} or {@code ip_nonlocal_bind}), {@code -EINVAL} when already bound or for
     * a link-local IPv6 address without a scope or bound device, or a mapped address on a
     * v6-only socket, {@code -ENODEV} for a scope that is no device, {@code -EADDRINUSE} when
     * the port table refuses. Binding a non-mapped IPv6 address makes the socket v6-only.
     */
    public final int bind(SockAddr a) {
        if (closed) {
            return -Errno.EBADF;
        }
        return family == SockAddr.AF_INET ? bind4(a) : bind6(a);
    }

    private int bind4(SockAddr a) {
        if (a.family() != SockAddr.AF_INET && (a.family() != SockAddr.AF_UNSPEC || !a.isAny())) {
            return -Errno.EAFNOSUPPORT;
        }
        int v4 = a.v4();
        RouteType t = v4 == 0 ? RouteType.LOCAL : host.routing().addrType4(v4);
        if (v4 != 0 && t != RouteType.LOCAL && t != RouteType.MULTICAST && t != RouteType.BROADCAST && !nonlocalOk(false)) {
            return -Errno.EADDRNOTAVAIL;
        }
        if (state != TCP_CLOSE || num != 0) {
            return -Errno.EINVAL;
        }
        rcvHi = 0;
        rcvLo = v4 & 0xffff_ffffL;
        srcHi = 0;
        srcLo = t == RouteType.MULTICAST || t == RouteType.BROADCAST ? 0 : rcvLo;
        return finishBind(a.port(), v4 != 0);
    }

    private int bind6(SockAddr a) {
        if (a.family() != SockAddr.AF_INET6) {
            return -Errno.EAFNOSUPPORT;
        }
        if (state != TCP_CLOSE || num != 0) {
            return -Errno.EINVAL;
        }
        boolean mapped = a.isV4Mapped();
        boolean any = a.isAny();
        boolean multicast = (a.hi() >>> 56) == 0xff;
        if (multicast && type == SOCK_STREAM) {
            return -Errno.EINVAL;
        }
        if (mapped) {
            if (v6only) {
                return -Errno.EINVAL;
            }
            if (boundDevIf != 0 && net.device(boundDevIf) == null) {
                return -Errno.ENODEV;
            }
            int v4 = a.v4();
            RouteType t = v4 == 0 ? RouteType.LOCAL : host.routing().addrType4(v4);
            if (v4 != 0 && t != RouteType.LOCAL && t != RouteType.MULTICAST && t != RouteType.BROADCAST && !nonlocalOk(false)) {
                return -Errno.EADDRNOTAVAIL;
            }
        } else if (!any) {
            boolean needsScope = (a.hi() & 0xffc0_0000_0000_0000L) == 0xfe80_0000_0000_0000L
                    || multicast && ((a.hi() >>> 48) & 0xf) <= 2;
            if (needsScope) {
                if (a.scopeId() != 0) {
                    boundDevIf = a.scopeId();
                }
                if (boundDevIf == 0) {
                    return -Errno.EINVAL;
                }
            }
            if (boundDevIf != 0 && net.device(boundDevIf) == null) {
                return -Errno.ENODEV;
            }
            if (!multicast && !host.routing().isLocal6(a.hi(), a.lo()) && !nonlocalOk(true)) {
                return -Errno.EADDRNOTAVAIL;
            }
        }
        rcvHi = a.hi();
        rcvLo = a.lo();
        srcHi = multicast ? 0 : a.hi();
        srcLo = multicast ? 0 : a.lo();
        boolean savedV6only = v6only;
        if (!any && !mapped) {
            v6only = true;
        }
        int r = finishBind(a.port(), !any);
        if (r != 0) {
            v6only = savedV6only;
        }
        return r;
    }

    private boolean nonlocalOk(boolean v6) {
        return freebind || (v6 ? host.nonlocalBind6.get() : host.nonlocalBind4.get()) != 0;
    }

    private int finishBind(int port, boolean addrLocked) {
        if (port != 0 || !bindAddressNoPort) {
            if (getPort(port) != 0) {
                rcvHi = rcvLo = srcHi = srcLo = 0;
                return -Errno.EADDRINUSE;
            }
        }
        if (addrLocked) {
            userlocks |= SOCK_BINDADDR_LOCK;
        }
        if (port != 0) {
            userlocks |= SOCK_BINDPORT_LOCK;
        }
        dstHi = dstLo = 0;
        dport = 0;
        return 0;
    }

    /** {@code inet_autobind}: an unbound socket gets an ephemeral port; {@code -EAGAIN} when none is free. */
    protected final int autobind() {
        if (num != 0) {
            return 0;
        }
        return getPort(0) == 0 ? 0 : -Errno.EAGAIN;
    }

    /** The table this protocol binds its ports in (UDP's, TCP's, ping's). */
    protected abstract PortTable portTable();

    /** {@code sk_prot->get_port}: takes {@code port} (0: an ephemeral one) in {@link #portTable}; 0 or -1 when taken. */
    protected int getPort(int port) {
        return portTable().bind(this, port);
    }

    final void setBound(PortTable t, int port) {
        boundIn = t;
        num = port;
    }

    /** The source address as IPv4 ({@code inet_saddr}), as {@link #rcv4} maps an IPv6 socket's. */
    protected final int src4() {
        if (family == SockAddr.AF_INET) {
            return (int) srcLo;
        }
        if (srcHi == 0 && srcLo == 0) {
            return 0;
        }
        return SockAddr.isMapped(srcHi, srcLo) ? (int) srcLo : LOOPBACK4_IPV6;
    }

    /** Gives the port back ({@code udp_lib_unhash}); the socket may bind again. */
    protected final void unhash() {
        if (boundIn != null) {
            boundIn.unbind(this);
            boundIn = null;
        }
        num = 0;
    }

    /** The bound address as IPv4 ({@code sk_rcv_saddr}): an IPv6 socket's mapped address, 0 for {@code ::}, else 127.0.0.6. */
    protected final int rcv4() {
        if (family == SockAddr.AF_INET) {
            return (int) rcvLo;
        }
        if (rcvHi == 0 && rcvLo == 0) {
            return 0;
        }
        return SockAddr.isMapped(rcvHi, rcvLo) ? (int) rcvLo : LOOPBACK4_IPV6;
    }

    // ---- connect, send, receive: the protocol's ----

    /** {@code connect}: the protocol's. {@link SockAddr#UNSPEC} dissolves a datagram association. */
    public abstract int connect(SockAddr to);

    /** {@code listen}: only stream sockets listen. */
    public int listen(int backlog) {
        return closed ? -Errno.EBADF : -Errno.EOPNOTSUPP;
    }

    /**
     * {@code sendto}: sends {@code len} bytes of {@code buf} from {@code off} to {@code to} (null:
     * the connected peer). Returns the bytes sent or a negative errno.
     */
    public final int sendto(byte[] buf, int off, int len, int flags, SockAddr to) {
        if (closed) {
            return -Errno.EBADF;
        }
        if (off < 0 || len < 0 || off + len > buf.length) {
            return -Errno.EFAULT;
        }
        return sendmsg(buf, off, len, flags, to);
    }

    /** {@code send}: {@link #sendto} to the connected peer. */
    public final int send(byte[] buf, int off, int len, int flags) {
        return sendto(buf, off, len, flags, null);
    }

    /**
     * {@code recvmsg}: copies the next datagram (or stream bytes) into {@code buf}; returns the
     * count or a negative errno. {@code info} (may be null) gets the sender and the control
     * data. {@code MSG_ERRQUEUE} reads the error queue instead.
     */
    public final int recvfrom(byte[] buf, int off, int len, int flags, RecvInfo info) {
        if (closed) {
            return -Errno.EBADF;
        }
        if (off < 0 || len < 0 || off + len > buf.length) {
            return -Errno.EFAULT;
        }
        if (info != null) {
            info.reset();
        }
        if ((flags & MSG_ERRQUEUE) != 0) {
            return recvError(buf, off, len, info);
        }
        return recvmsg(buf, off, len, flags, info);
    }

    public final int recv(byte[] buf, int off, int len, int flags) {
        return recvfrom(buf, off, len, flags, null);
    }

    /** The protocol's send path ({@code sendmsg}). Arguments are checked. */
    protected abstract int sendmsg(byte[] buf, int off, int len, int flags, SockAddr to);

    /** The protocol's receive path ({@code recvmsg}); {@code info} is reset or null. */
    protected abstract int recvmsg(byte[] buf, int off, int len, int flags, RecvInfo info);

    /**
     * {@code shutdown} as {@code inet_shutdown} does it for datagram sockets: {@code -EINVAL} for
     * a bad {@code how}; an unconnected socket answers {@code -ENOTCONN} but still records the
     * shutdown (so pollers see {@code EPOLLHUP}). TCP overrides it.
     */
    public int shutdown(int how) {
        if (closed) {
            return -Errno.EBADF;
        }
        if (how < SHUT_RD || how > SHUT_RDWR) {
            return -Errno.EINVAL;
        }
        int r = state == TCP_CLOSE ? -Errno.ENOTCONN : 0;
        shutdown |= how + 1;
        stateChange();
        return r;
    }

    /**
     * {@code close}: the protocol lets go ({@link #onClose}), the port is given back, queued
     * datagrams are dropped (QUEUE_PURGE) and the socket leaves the host's list. Later calls
     * answer {@code -EBADF}.
     */
    public final int close() {
        if (closed) {
            return -Errno.EBADF;
        }
        onClose();
        closed = true;
        unhash();
        purgeReceiveQueue();
        errorQueue.clear();
        rmemAlloc = 0;
        host.remove(this);
        stateChange();
        return 0;
    }

    /** What the protocol does on close, before the generic clean-up. */
    protected void onClose() {}

    protected final void purgeReceiveQueue() {
        SkBuff skb;
        while ((skb = receiveQueue.pollFirst()) != null) {
            rmemAlloc -= skb.cb[0];
            net.drop(skb, DropReason.QUEUE_PURGE);
        }
    }

    /** {@code ss}'s Recv-Q: receive memory in use for a datagram socket; TCP reports unread bytes or its accept queue. */
    protected long ssRecvQ() {
        return rmemAlloc;
    }

    /** {@code ss}'s Send-Q: send memory in use for a datagram socket. */
    protected long ssSendQ() {
        return wmemAlloc;
    }

    /** {@code SIOCINQ}: the bytes waiting to be read (a datagram protocol reports its next datagram). */
    public int inq() {
        return (int) receiveQueue.bytes();
    }

    /** {@code SIOCOUTQ}: send memory in use. */
    public int outq() {
        return (int) wmemAlloc;
    }

    // ---- receive memory ----

    /**
     * {@code __sock_queue_rcv_skb}: queues {@code skb} (data at what the reader gets), charging
     * its truesize; refuses with {@code -ENOMEM} (the caller drops it, SOCKET_RCVBUFF) when the
     * receive memory already reaches {@code SO_RCVBUF}. The socket owns the buffer's cb from now.
     */
    protected int queueRcv(SkBuff skb) {
        if (rmemAlloc >= rcvbuf) {
            drops++;
            return -Errno.ENOMEM;
        }
        enqueue(skb);
        return 0;
    }

    /** Appends {@code skb} to the receive queue, charging its truesize (kept in {@code cb[0]}), and wakes readers. */
    protected final void enqueue(SkBuff skb) {
        long t = skb.truesize();
        skb.cb[0] = t;
        if (skb.tstamp() == 0) {
            skb.setTstamp(net.now());
        }
        skb.setSk(null);
        rmemAlloc += t;
        receiveQueue.addLast(skb);
        dataReady();
    }

    /** The first queued buffer, or null; with {@code peek} it stays queued. */
    protected final SkBuff dequeue(boolean peek) {
        return peek ? receiveQueue.peekFirst() : receiveQueue.pollFirst();
    }

    /** Ends a buffer taken from the receive queue: its memory is given back ({@code skb_free_datagram}). */
    protected final void freeReceived(SkBuff skb) {
        rmemAlloc -= skb.cb[0];
        skb.consume();
    }

    /**
     * Fills what {@code recvmsg} reports besides the bytes of a queued datagram (network header
     * at {@code skb.networkHeader()}): the sender with {@code port} (an IPv4 sender of an IPv6
     * socket as a mapped address), the receive time ({@code SO_TIMESTAMP}), and the TTL / hop
     * limit and TOS / traffic class when {@code IP_RECVTTL}, {@code IPV6_RECVHOPLIMIT},
     * {@code IP_RECVTOS}, {@code IPV6_RECVTCLASS} ask for them.
     */
    protected final void fillRecvInfo(RecvInfo info, SkBuff skb, int port) {
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        boolean v4 = (b[nh] & 0xf0) == 0x40;
        if (v4) {
            long src = Bytes.i32(b, nh + Ipv4Packet.SRC_OFFSET) & 0xffff_ffffL;
            if (family == SockAddr.AF_INET6) {
                info.setAddress(SockAddr.AF_INET6, 0, 0x0000_ffff_0000_0000L | src, port, 0);
            } else {
                info.setAddress(SockAddr.AF_INET, 0, src, port, 0);
            }
            if (recvttl) {
                info.setTtl(b[nh + Ipv4Packet.TTL_OFFSET] & 0xff);
            }
            if (recvtos) {
                info.setTos(b[nh + Ipv4Packet.TOS_OFFSET] & 0xff);
            }
        } else {
            long hi = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET);
            long lo = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET + 8);
            boolean linkLocal = (hi & 0xffc0_0000_0000_0000L) == 0xfe80_0000_0000_0000L;
            info.setAddress(SockAddr.AF_INET6, hi, lo, port, linkLocal ? skb.ifindex() : 0);
            if (recvHopLimit) {
                info.setTtl(b[nh + Ipv6Packet.HOP_LIMIT_OFFSET] & 0xff);
            }
            if (recvTclass) {
                info.setTos((Bytes.u16(b, nh) >>> 4) & 0xff);
            }
        }
        info.setTimestamp(skb.tstamp());
    }

    /** Marks a read as truncated ({@code MSG_TRUNC} in {@code msg_flags}). */
    protected static void truncated(RecvInfo info) {
        if (info != null) {
            info.addFlags(MSG_TRUNC);
        }
    }

    // ---- send memory ----

    /** {@code sock_writeable}: send memory under half the buffer. */
    protected final boolean sockWriteable() {
        return wmemAlloc < (sndbuf >> 1);
    }

    /**
     * True when a new send must wait ({@code sk_wmem_alloc >= sk_sndbuf} in
     * {@code sock_alloc_send_pskb}); marks the socket so that freed memory wakes writers.
     */
    protected final boolean sndbufFull() {
        if (wmemAlloc < sndbuf) {
            return false;
        }
        noSpace = true;
        return true;
    }

    /** {@code skb_set_owner_w}: charges {@code skb} to this socket's send memory until it is freed. */
    protected final void chargeSend(SkBuff skb) {
        long t = skb.truesize();
        wmemAlloc += t;
        skb.setOwner(this, wfree, t);
    }

    /** {@code sock_wfree} and {@code sock_def_write_space}: memory back; writers woken once writable. */
    private void wfree(SkBuff skb, long charge) {
        wmemAlloc -= charge;
        if (noSpace && sockWriteable()) {
            noSpace = false;
            wake(SockListener.WRITE_SPACE);
        }
    }

    // ---- errors ----

    /** {@code sock_error}: takes and clears the pending error; returns it negated, or 0. */
    protected final int sockError() {
        int e = err;
        if (e == 0) {
            return 0;
        }
        err = 0;
        return -e;
    }

    /** Sets {@code sk_err} and reports it ({@code sk_error_report}). */
    protected final void reportError(int errno) {
        err = errno;
        wake(SockListener.ERROR);
    }

    /** The pending error ({@code sk_err}), not cleared. */
    public final int pendingError() {
        return err;
    }

    /** True when {@code IP_RECVERR} (AF_INET) or {@code IPV6_RECVERR} (AF_INET6) asks for the error queue. */
    protected final boolean wantsErrQueue(boolean v4Packet) {
        return family == SockAddr.AF_INET || v4Packet ? recverr : recverr6;
    }

    /**
     * {@code ip_icmp_error} / {@code ipv6_icmp_error}: queues an extended error about a packet
     * this socket sent, which an ICMP error quoted; refused (and dropped) when the receive
     * memory is full ({@code sock_queue_err_skb}). The caller sets {@code sk_err} as its
     * protocol decides.
     */
    protected final void queueIcmpError(int errno, boolean v6Icmp, int type, int code, int info, SockAddr offender, SockAddr target,
            byte[] payload, long truesize) {
        queueError(new SockExtendedErr(errno, v6Icmp ? SO_EE_ORIGIN_ICMP6 : SO_EE_ORIGIN_ICMP, type, code, info, offender, target,
                payload, truesize));
    }

    /**
     * {@code ip_local_error} / {@code ipv6_local_error}: a local error ({@code EMSGSIZE} with the
     * MTU) for the error queue, when {@code IP_RECVERR}/{@code IPV6_RECVERR} is on.
     */
    protected final void queueLocalError(int errno, SockAddr target, int info) {
        if (!wantsErrQueue(target.family() == SockAddr.AF_INET || target.isV4Mapped())) {
            return;
        }
        queueError(new SockExtendedErr(errno, SO_EE_ORIGIN_LOCAL, 0, 0, info, null, target, new byte[0], 576 + 256));
    }

    private void queueError(SockExtendedErr e) {
        if (rmemAlloc + e.truesize() >= rcvbuf) {
            return;
        }
        rmemAlloc += e.truesize();
        errorQueue.addLast(e);
        wake(SockListener.ERROR);
    }

    /** The queued extended errors, oldest first (for tests and reports). */
    public final int errorQueueLength() {
        return errorQueue.size();
    }

    /**
     * {@code ip_recv_error} / {@code ipv6_recv_error}: the oldest queued error into {@code buf}
     * (its quoted bytes), {@code info} (the target as sender, the extended error,
     * {@code MSG_ERRQUEUE}); {@code -EAGAIN} when there is none. Reading it sets {@code sk_err}
     * to the next queued ICMP error's errno, or clears it ({@code sock_dequeue_err_skb}).
     */
    private int recvError(byte[] buf, int off, int len, RecvInfo info) {
        SockExtendedErr e = errorQueue.pollFirst();
        if (e == null) {
            return -Errno.EAGAIN;
        }
        rmemAlloc -= e.truesize();
        SockExtendedErr next = errorQueue.peekFirst();
        boolean nextIcmp = next != null && next.origin() != SO_EE_ORIGIN_LOCAL;
        if (nextIcmp) {
            err = next.errno();
        } else if (e.origin() != SO_EE_ORIGIN_LOCAL) {
            err = 0;
        }
        int copied = Math.min(len, e.payload().length);
        System.arraycopy(e.payload(), 0, buf, off, copied);
        if (info != null) {
            if (copied < e.payload().length) {
                info.addFlags(MSG_TRUNC);
            }
            SockAddr t = e.target();
            if (family == SockAddr.AF_INET6 && t.family() == SockAddr.AF_INET) {
                t = SockAddr.mapped(t.v4(), t.port());
            }
            info.setAddress(t.family(), t.hi(), t.lo(), t.port(), t.scopeId());
            info.setError(e);
            info.addFlags(MSG_ERRQUEUE);
        }
        if (next != null) {
            wake(SockListener.ERROR);
        }
        return copied;
    }

    // ---- options ----

    /** {@code setsockopt} with an int value. */
    public final int setsockopt(int level, int name, int value) {
        return setsockopt(level, name, OptVal.of(value));
    }

    /**
     * {@code setsockopt}: 0 or a negative errno; {@code -ENOPROTOOPT} for an option this socket
     * does not know, {@code -EINVAL} for a value of the wrong size or range. SOL_SOCKET,
     * SOL_IP (also on IPv6 sockets, for their IPv4-mapped traffic) and SOL_IPV6 (IPv6 sockets
     * only) are handled here; the protocol's own level goes to {@link #setProtocolOption}.
     */
    public final int setsockopt(int level, int name, OptVal v) {
        if (closed) {
            return -Errno.EBADF;
        }
        return switch (level) {
            case SOL_SOCKET -> setSocketOption(name, v);
            case SOL_IP -> setIpOption(name, v);
            case SOL_IPV6 -> family == SockAddr.AF_INET6 ? setIpv6Option(name, v) : -Errno.ENOPROTOOPT;
            default -> level == protocol ? setProtocolOption(level, name, v) : -Errno.ENOPROTOOPT;
        };
    }

    /**
     * {@code getsockopt}: fills {@code out} and returns 0, or a negative errno
     * ({@code -ENOPROTOOPT} for an unknown option, {@code -ENOTCONN} for {@code IP_MTU} of an
     * unconnected socket; a level the socket does not speak is {@code -EOPNOTSUPP} on an IPv4
     * socket and {@code -ENOPROTOOPT} on an IPv6 one, as Linux answers).
     */
    public final int getsockopt(int level, int name, OptVal out) {
        if (closed) {
            return -Errno.EBADF;
        }
        out.clear();
        if (level == SOL_SOCKET) {
            return getSocketOption(name, out);
        }
        if (level == SOL_IP) {
            return getIpOption(name, out);
        }
        if (level == SOL_IPV6 && family == SockAddr.AF_INET6) {
            return getIpv6Option(name, out);
        }
        if (level == protocol) {
            return getProtocolOption(level, name, out);
        }
        // ip_getsockopt answers a level it does not know with EOPNOTSUPP, ipv6_getsockopt with ENOPROTOOPT
        return family == SockAddr.AF_INET ? -Errno.EOPNOTSUPP : -Errno.ENOPROTOOPT;
    }

    /** Options of the protocol's own level ({@code SOL_UDP} for UDP, {@code SOL_TCP} for TCP); none by default. */
    protected int setProtocolOption(int level, int name, OptVal v) {
        return -Errno.ENOPROTOOPT;
    }

    protected int getProtocolOption(int level, int name, OptVal out) {
        return -Errno.ENOPROTOOPT;
    }

    /** Told when {@code SO_KEEPALIVE} changes ({@code tcp_set_keepalive}). */
    protected void keepaliveChanged(boolean on) {}

    /** The path MTU of a connected socket's route ({@code IP_MTU}), or a negative errno. */
    protected int pathMtu() {
        return -Errno.ENOTCONN;
    }

    private static boolean hasInt(OptVal v) {
        return v.count() >= 1;
    }

    private int setSocketOption(int name, OptVal v) {
        if (name == SO_BINDTODEVICE) {
            return bindToDevice(v);
        }
        if (name == SO_LINGER) {
            if (v.count() < 2) {
                return -Errno.EINVAL;
            }
            if (v.get(0) == 0) {
                linger = false;
            } else {
                lingerSeconds = Math.max(0, v.get(1));
                linger = true;
            }
            return 0;
        }
        if (name == SO_RCVTIMEO || name == SO_SNDTIMEO) {
            if (v.count() < 2) {
                return -Errno.EINVAL;
            }
            long t = timeout(v.get(0), v.get(1));
            if (t == -1) {
                return -Errno.EDOM;
            }
            if (name == SO_RCVTIMEO) {
                rcvTimeo = t;
            } else {
                sndTimeo = t;
            }
            return 0;
        }
        if (!hasInt(v)) {
            return -Errno.EINVAL;
        }
        int val = v.intValue();
        boolean on = val != 0;
        switch (name) {
            case SO_DEBUG -> debug = on;
            case SO_REUSEADDR -> reuse = on;
            case SO_REUSEPORT -> reuseport = on;
            case SO_DONTROUTE -> dontroute = on;
            case SO_BROADCAST -> broadcast = on;
            case SO_SNDBUF -> setSndbuf(unsignedMin(val, host.wmemMax.getInt()));
            case SO_SNDBUFFORCE -> setSndbuf(Math.max(val, 0));
            case SO_RCVBUF -> setRcvbuf(unsignedMin(val, host.rmemMax.getInt()));
            case SO_RCVBUFFORCE -> setRcvbuf(Math.max(val, 0));
            case SO_KEEPALIVE -> {
                keepaliveChanged(on);
                keepalive = on;
            }
            case SO_OOBINLINE -> oobinline = on;
            case SO_NO_CHECK -> noCheckTx = on;
            case SO_PRIORITY -> priority = val;
            case SO_RCVLOWAT -> rcvlowat = val < 0 ? Integer.MAX_VALUE : val == 0 ? 1 : val;
            case SO_TIMESTAMP -> timestampOn = on;
            case SO_MARK -> mark = val;
            case SO_RXQ_OVFL -> rxqOvfl = on;
            case SO_BINDTOIFINDEX -> {
                if (val != 0 && net.device(val) == null) {
                    return -Errno.ENODEV;
                }
                boundDevIf = val;
            }
            case SO_MAX_PACING_RATE -> maxPacingRate = val == -1 ? Long.MAX_VALUE : val & 0xffff_ffffL;
            default -> {
                return -Errno.ENOPROTOOPT; // SO_TYPE, SO_ERROR, SO_PROTOCOL, SO_DOMAIN, SO_SNDLOWAT... are read-only
            }
        }
        return 0;
    }

    /** {@code min_t(u32, val, max)}: a negative value is a huge unsigned one. */
    private static int unsignedMin(int val, int max) {
        return Integer.compareUnsigned(val, max) < 0 ? val : max;
    }

    /** {@code sock_setsockopt(SO_SNDBUF)}: doubled (for sk_buff overhead), at least {@link #SOCK_MIN_SNDBUF}. */
    private void setSndbuf(int val) {
        int v = Math.min(val, Integer.MAX_VALUE / 2);
        userlocks |= SOCK_SNDBUF_LOCK;
        sndbuf = Math.max(v * 2, SOCK_MIN_SNDBUF);
        if (sockWriteable()) {
            noSpace = false;
            wake(SockListener.WRITE_SPACE);
        }
    }

    /** {@code __sock_set_rcvbuf}: doubled, at least {@link #SOCK_MIN_RCVBUF}. */
    private void setRcvbuf(int val) {
        int v = Math.min(val, Integer.MAX_VALUE / 2);
        userlocks |= SOCK_RCVBUF_LOCK;
        rcvbuf = Math.max(v * 2, SOCK_MIN_RCVBUF);
    }

    /**
     * {@code sock_set_timeout}: {@code {0, 0}} is no timeout, a negative second count is 0
     * (return at once), a microsecond count outside 0..999999 is EDOM (-1 here); otherwise the
     * time rounded up to whole jiffies (HZ 1000).
     */
    private static long timeout(int sec, int usec) {
        if (usec < 0 || usec >= 1_000_000) {
            return -1;
        }
        if (sec < 0) {
            return 0;
        }
        if (sec == 0 && usec == 0) {
            return NO_TIMEOUT;
        }
        long jiffies = sec * 1000L + (usec + 999) / 1000;
        return jiffies * JIFFY_NANOS;
    }

    private int bindToDevice(OptVal v) {
        String name = v.text();
        if (name == null) {
            return -Errno.EINVAL;
        }
        if (name.isEmpty()) {
            boundDevIf = 0;
            return 0;
        }
        NetDevice d = net.device(name);
        if (d == null) {
            return -Errno.ENODEV;
        }
        boundDevIf = d.ifindex();
        return 0;
    }

    private int getSocketOption(int name, OptVal out) {
        switch (name) {
            case SO_DEBUG -> out.set(debug ? 1 : 0);
            case SO_REUSEADDR -> out.set(reuse ? 1 : 0);
            case SO_REUSEPORT -> out.set(reuseport ? 1 : 0);
            case SO_TYPE -> out.set(type);
            case SO_PROTOCOL -> out.set(protocol);
            case SO_DOMAIN -> out.set(family);
            case SO_ERROR -> {
                int e = -sockError();
                if (e == 0) {
                    e = errSoft;
                    errSoft = 0;
                }
                out.set(e);
            }
            case SO_DONTROUTE -> out.set(dontroute ? 1 : 0);
            case SO_BROADCAST -> out.set(broadcast ? 1 : 0);
            case SO_SNDBUF -> out.set(sndbuf);
            case SO_RCVBUF -> out.set(rcvbuf);
            case SO_KEEPALIVE -> out.set(keepalive ? 1 : 0);
            case SO_OOBINLINE -> out.set(oobinline ? 1 : 0);
            case SO_NO_CHECK -> out.set(noCheckTx ? 1 : 0);
            case SO_PRIORITY -> out.set(priority);
            case SO_LINGER -> out.set(linger ? 1 : 0, lingerSeconds);
            case SO_RCVLOWAT -> out.set(rcvlowat);
            case SO_SNDLOWAT -> out.set(1);
            case SO_RCVTIMEO -> setTimeval(out, rcvTimeo);
            case SO_SNDTIMEO -> setTimeval(out, sndTimeo);
            case SO_TIMESTAMP -> out.set(timestampOn ? 1 : 0);
            case SO_ACCEPTCONN -> out.set(state == TCP_LISTEN ? 1 : 0);
            case SO_MARK -> out.set(mark);
            case SO_RXQ_OVFL -> out.set(rxqOvfl ? 1 : 0);
            case SO_BINDTOIFINDEX -> out.set(boundDevIf);
            case SO_BINDTODEVICE -> {
                NetDevice d = boundDevIf == 0 ? null : net.device(boundDevIf);
                out.setText(d == null ? "" : d.name());
            }
            case SO_MAX_PACING_RATE -> out.set(maxPacingRate == Long.MAX_VALUE ? -1 : (int) Math.min(maxPacingRate, 0xffff_fffeL));
            default -> {
                return -Errno.ENOPROTOOPT;
            }
        }
        return 0;
    }

    private static void setTimeval(OptVal out, long t) {
        if (t == NO_TIMEOUT) {
            out.set(0, 0);
        } else {
            long us = t / 1000;
            out.set((int) (us / 1_000_000), (int) (us % 1_000_000));
        }
    }

    private int setIpOption(int name, OptVal v) {
        if (!hasInt(v)) {
            return -Errno.EINVAL;
        }
        int val = v.intValue();
        boolean on = val != 0;
        switch (name) {
            case IP_TOS -> setTos(val);
            case IP_TTL -> {
                if (val != -1 && (val < 1 || val > 255)) {
                    return -Errno.EINVAL;
                }
                ttl = val;
            }
            case IP_MTU_DISCOVER -> {
                return setPmtuMode(val, false);
            }
            case IP_RECVERR -> setRecverr(on, false);
            case IP_RECVTTL -> recvttl = on;
            case IP_RECVTOS -> recvtos = on;
            case IP_PKTINFO -> pktinfo = on;
            case IP_FREEBIND -> freebind = on;
            case IP_BIND_ADDRESS_NO_PORT -> bindAddressNoPort = on;
            case IP_MULTICAST_TTL -> {
                if (val < -1 || val > 255) {
                    return -Errno.EINVAL;
                }
                mcastTtl = val == -1 ? 1 : val;
            }
            default -> {
                return -Errno.ENOPROTOOPT;
            }
        }
        return 0;
    }

    /** {@code IP_MTU_DISCOVER} / {@code IPV6_MTU_DISCOVER}: DONT..OMIT, else {@code -EINVAL}. */
    private int setPmtuMode(int val, boolean v6) {
        if (val < IP_PMTUDISC_DONT || val > IP_PMTUDISC_OMIT) {
            return -Errno.EINVAL;
        }
        if (v6) {
            pmtudisc6 = val;
        } else {
            pmtudisc = val;
        }
        return 0;
    }

    /** {@code IP_RECVERR} / {@code IPV6_RECVERR}; turning it off empties the error queue, as Linux does. */
    private void setRecverr(boolean on, boolean v6) {
        if (v6) {
            recverr6 = on;
        } else {
            recverr = on;
        }
        if (!on) {
            clearErrorQueue();
        }
    }

    private void clearErrorQueue() {
        for (SockExtendedErr e : errorQueue) {
            rmemAlloc -= e.truesize();
        }
        errorQueue.clear();
    }

    /**
     * {@code __ip_sock_set_tos}: a stream socket keeps its ECN bits (TCP owns them); the
     * priority follows the TOS ({@code rt_tos2priority}).
     */
    private void setTos(int val) {
        int t = val & 0xff;
        if (type == SOCK_STREAM) {
            t = (t & ~3) | (tos & 3);
        }
        if (t != tos) {
            tos = t;
            priority = tos2priority(t);
        }
    }

    /** Linux's {@code ip_tos2prio} table: TOS bits to a {@code TC_PRIO_*} band. */
    private static final int[] TOS2PRIO = {0, 0, 0, 0, 2, 2, 2, 2, 6, 6, 6, 6, 4, 4, 4, 4};

    static int tos2priority(int tos) {
        return TOS2PRIO[(tos & 0x1e) >> 1];
    }

    private int getIpOption(int name, OptVal out) {
        switch (name) {
            case IP_TOS -> out.set(tos);
            case IP_TTL -> out.set(ttl >= 0 ? ttl : host.ipDefaultTtl());
            case IP_MTU_DISCOVER -> out.set(pmtudisc);
            case IP_RECVERR -> out.set(recverr ? 1 : 0);
            case IP_RECVTTL -> out.set(recvttl ? 1 : 0);
            case IP_RECVTOS -> out.set(recvtos ? 1 : 0);
            case IP_PKTINFO -> out.set(pktinfo ? 1 : 0);
            case IP_FREEBIND -> out.set(freebind ? 1 : 0);
            case IP_BIND_ADDRESS_NO_PORT -> out.set(bindAddressNoPort ? 1 : 0);
            case IP_MULTICAST_TTL -> out.set(mcastTtl);
            case IP_MTU -> {
                return mtuOption(out);
            }
            default -> {
                return -Errno.ENOPROTOOPT;
            }
        }
        return 0;
    }

    /** {@code IP_MTU} / {@code IPV6_MTU}: the connected route's path MTU, or {@code -ENOTCONN}. */
    private int mtuOption(OptVal out) {
        int m = pathMtu();
        if (m < 0) {
            return m;
        }
        out.set(m);
        return 0;
    }

    private int setIpv6Option(int name, OptVal v) {
        if (!hasInt(v)) {
            return -Errno.EINVAL;
        }
        int val = v.intValue();
        boolean on = val != 0;
        switch (name) {
            case IPV6_V6ONLY -> {
                if (num != 0) {
                    return -Errno.EINVAL;
                }
                v6only = on;
            }
            case IPV6_UNICAST_HOPS, IPV6_MULTICAST_HOPS -> {
                if (val > 255 || val < -1) {
                    return -Errno.EINVAL;
                }
                if (name == IPV6_UNICAST_HOPS) {
                    hopLimit = val;
                } else {
                    mcastHops = val;
                }
            }
            case IPV6_MTU_DISCOVER -> {
                return setPmtuMode(val, true);
            }
            case IPV6_RECVERR -> setRecverr(on, true);
            case IPV6_TCLASS -> {
                if (val < -1 || val > 0xff) {
                    return -Errno.EINVAL;
                }
                int t = val == -1 ? 0 : val;
                tclass = type == SOCK_STREAM ? (t & ~3) | (tclass & 3) : t;
            }
            case IPV6_RECVHOPLIMIT -> recvHopLimit = on;
            case IPV6_RECVTCLASS -> recvTclass = on;
            default -> {
                return -Errno.ENOPROTOOPT;
            }
        }
        return 0;
    }

    private int getIpv6Option(int name, OptVal out) {
        switch (name) {
            case IPV6_V6ONLY -> out.set(v6only ? 1 : 0);
            case IPV6_UNICAST_HOPS -> out.set(hopLimit >= 0 ? hopLimit : host.defaultHopLimit6());
            case IPV6_MULTICAST_HOPS -> out.set(mcastHops >= 0 ? mcastHops : 1);
            case IPV6_MTU_DISCOVER -> out.set(pmtudisc6);
            case IPV6_RECVERR -> out.set(recverr6 ? 1 : 0);
            case IPV6_TCLASS -> out.set(tclass);
            case IPV6_RECVHOPLIMIT -> out.set(recvHopLimit ? 1 : 0);
            case IPV6_RECVTCLASS -> out.set(recvTclass ? 1 : 0);
            case IPV6_MTU -> {
                return mtuOption(out);
            }
            default -> {
                return -Errno.ENOPROTOOPT;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        String proto = protocol == IPPROTO_UDP ? "udp" : protocol == IPPROTO_TCP ? "tcp"
                : protocol == IPPROTO_ICMP || protocol == IPPROTO_ICMPV6 ? "ping" : Integer.toString(protocol);
        SockAddr peer = peerAddress();
        return proto + (family == SockAddr.AF_INET6 ? "6" : "") + " " + localAddress() + (peer != null ? " -> " + peer : "")
                + (closed ? " (closed)" : "");
    }
}
