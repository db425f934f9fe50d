/**
 * The socket layer: what UDP, ping sockets and TCP share, shaped like Linux's socket system
 * calls and {@code struct sock}.
 *
 * <pre>
 *   application (event loop, or a blocking-style caller driving the scheduler)
 *      │  bind connect sendto recvfrom setsockopt getsockopt shutdown close poll   (int: n or -errno)
 *      ▼
 *   Sock ── options, sk_err + error queue, rmem/wmem accounting, listeners ──▶ Epoll, BlockingCall
 *      │  protocol part: connect, sendmsg, recvmsg, poll (TCP), get_port
 *      ▼
 *   UdpSock / PingSock (dev.weir.udp), TcpSock (dev.weir.tcp) ──▶ ip: Ipv4.send / Ipv6.send
 *   HostSockets: the host's sockets (ss), PortTables ("udp", "tcp", "ping"), socket sysctls
 * </pre>
 *
 * <h2>Calls</h2>
 * {@link dev.weir.socket.Sock} methods are the system calls: they return a count or 0, or a
 * negative {@link dev.weir.socket.Errno} with Linux's number ({@code -EAGAIN},
 * {@code -ECONNREFUSED}); nothing is thrown for an errno. Addresses are
 * {@link dev.weir.socket.SockAddr}; option values {@link dev.weir.socket.OptVal}; what
 * {@code recvmsg} reports besides the bytes (sender, TTL, timestamp, extended error)
 * {@link dev.weir.socket.RecvInfo}, reusable so that receive loops allocate nothing. Constants
 * ({@code SOL_SOCKET}, {@code SO_RCVBUF}, {@code MSG_PEEK}...) are in
 * {@link dev.weir.socket.SockOpt}, which also finds them by name.
 *
 * <h2>Readiness</h2>
 * {@link dev.weir.socket.Sock#poll()} gives the {@code EPOLL*} mask now. Listeners
 * ({@link dev.weir.socket.SockListener}) are told, from inside the stack, when it may have
 * changed: data ready, write space, state change, error; a socket with listeners charges the
 * host's {@code sock_wakeup} cost for each. {@link dev.weir.socket.Epoll} builds on them
 * (level- and edge-triggered, one-shot).
 *
 * <h2>Event-driven applications</h2>
 * An application inside the simulation registers its sockets with an {@code Epoll} (or a
 * listener), and on a wakeup schedules its work as a new event at the same virtual time; the
 * work calls the socket with {@code MSG_DONTWAIT} (or on an {@code O_NONBLOCK} socket) until
 * {@code -EAGAIN}. See {@code dev.weir.app}.
 *
 * <h2>Blocking callers</h2>
 * Nothing blocks: a call that would sleep in Linux (no datagram to read, no send memory, a
 * stream not yet connected) returns {@code -EAGAIN} whether or not the socket is
 * non-blocking. A caller that drives the simulation itself (a packetdrill runner, a test) makes
 * a blocking call thus:
 * <ol>
 *   <li>call; unless it answered {@code -EAGAIN} on a blocking socket, that is the result;
 *   <li>add a listener; run the scheduler event by event until a wakeup shows the awaited
 *       event in {@code poll()} ({@code EPOLLIN} to read, {@code EPOLLOUT} to write; an
 *       {@code EPOLLERR} or {@code EPOLLHUP} also ends the wait, for the call to report);
 *   <li>call again; repeat.
 * </ol>
 * The timeout is {@link dev.weir.socket.Sock#rcvTimeoNanos()} ({@code SO_RCVTIMEO}) for reads
 * and {@link dev.weir.socket.Sock#sndTimeoNanos()} ({@code SO_SNDTIMEO}) for writes; when it
 * passes the call's answer is {@code -EAGAIN}, as Linux's. {@link dev.weir.socket.BlockingCall}
 * does exactly this.
 *
 * <h2>Memory</h2>
 * Each received buffer's {@link dev.weir.skb.SkBuff#truesize()} counts against
 * {@code SO_RCVBUF} from when it is queued until it is read (and a queued extended error too);
 * each sent buffer's against {@code SO_SNDBUF} until the device layer frees it, through the
 * buffer's owner destructor ({@link dev.weir.skb.SkBuff#setOwner}). {@code SO_RCVBUF} and
 * {@code SO_SNDBUF} are doubled and clamped as Linux does ({@code rmem_max}, {@code wmem_max},
 * minimums 2304 and 4608). A sender over its buffer gets {@code -EAGAIN}; it becomes writable
 * ({@code EPOLLOUT}) when the memory in flight falls under half the buffer.
 *
 * <h2>Errors</h2>
 * A protocol reports an asynchronous error (an ICMP port unreachable, a reset) in
 * {@code sk_err}: the next send or receive returns it once, {@code SO_ERROR} reads and clears
 * it, {@code poll} shows {@code EPOLLERR}. With {@code IP_RECVERR}/{@code IPV6_RECVERR} the
 * details also go to the error queue, read with {@code MSG_ERRQUEUE}
 * ({@link dev.weir.socket.SockExtendedErr}: Linux's {@code sock_extended_err} with offender).
 *
 * <h2>Ports</h2>
 * {@link dev.weir.socket.PortTable}: bind conflicts as {@code udp_lib_lport_inuse} and
 * {@code inet_csk_bind_conflict} decide them ({@code SO_REUSEADDR}, {@code SO_REUSEPORT},
 * {@code IPV6_V6ONLY}, device bindings), ephemeral ports from
 * {@code net.ipv4.ip_local_port_range} in an order drawn from the host's seeded random source.
 *
 * <h2>For TCP</h2>
 * A {@code TcpSock} extends {@code Sock}: its {@code portTable()} is
 * {@code host.portTable("tcp", PortTable.TCP)}; it implements {@code connect},
 * {@code sendmsg}, {@code recvmsg}, and overrides {@code listen}, {@code poll},
 * {@code shutdown}, {@code onClose}, {@code ssRecvQ}/{@code ssSendQ},
 * {@code setProtocolOption}/{@code getProtocolOption} (SOL_TCP), {@code keepaliveChanged},
 * {@code pathMtu}; it uses {@code state} (TCP's numbering), {@code sockError}/{@code reportError},
 * {@code queueIcmpError}/{@code queueLocalError}, {@code chargeSend} for what it hands to IP,
 * {@code wake} for its wakeups, and sets {@code pacingRate} for fq. {@link dev.weir.socket.Ss}
 * lists TCP sockets already (states, queues, addresses); its details ({@code -i}, {@code -m},
 * {@code -e}, {@code -o}, {@code -p}) and filters are left to TCP.
 *
 * <p>Left out: {@code SO_PEEK_OFF}, {@code SO_ATTACH_FILTER}, {@code SO_INCOMING_CPU},
 * {@code SO_BUSY_POLL}, {@code SO_TXTIME}, {@code SO_ZEROCOPY}, {@code IP_OPTIONS},
 * {@code IP_PKTINFO} control messages on send, multicast memberships; {@code SO_RCVTIMEO} and
 * {@code SO_SNDTIMEO} round to Weir's HZ of 1000 (this machine's Linux had 250); every
 * application runs as root (capabilities granted, one owner for {@code SO_REUSEPORT} groups).
 */
package dev.weir.socket;
