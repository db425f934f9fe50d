/**
 * TCP congestion control: the host's registry of algorithms, the built-in algorithms, and the
 * delivery-rate estimator, for the TCP stack to call as Linux's calls
 * {@code tcp_congestion_ops} (the contract, with each op's call site, is
 * {@link dev.weir.api.prog.CongestionControl}'s).
 *
 * <pre>
 *   sysctl net.ipv4.tcp_congestion_control ─┐
 *   setsockopt TCP_CONGESTION ──────────────┴▶ CongestionControlRegistry ──▶ CongestionControl
 *                                               (reno, cubic, loaded programs)     │
 *   TCP stack, per ACK:  DeliveryRate.onDelivered ... generate ─▶ AckRateSample ───┤
 *                        ack_sample (RTT) ─────────────────────────────────────────┤
 *                        the socket, as TcpSock / TcpSockView ─────────────────────┘
 * </pre>
 *
 * <ul>
 *   <li>{@link dev.weir.tcp.cc.CongestionControlRegistry}: per host; reno and cubic registered,
 *       cubic the default; refuses incomplete, misnamed and duplicate algorithms as
 *       {@code tcp_register_congestion_control} does; the three
 *       {@code net.ipv4.tcp_*congestion_control} sysctls.
 *   <li>{@link dev.weir.tcp.cc.Reno}, {@link dev.weir.tcp.cc.Cubic}: written as ordinary
 *       {@link dev.weir.api.prog.CongestionControl} programs (state in the socket's private area,
 *       no allocation), with Linux's exact integer arithmetic; CUBIC's module parameters are
 *       {@link dev.weir.tcp.cc.Cubic.Params}, one set per host.
 *   <li>{@link dev.weir.tcp.cc.DeliveryRate} with {@link dev.weir.tcp.cc.TxSnapshot} (per
 *       segment) and {@link dev.weir.tcp.cc.AckRateSample} (per ACK): tcp_rate.c.
 * </ul>
 *
 * <p>What the TCP stack must provide: a {@link dev.weir.api.prog.TcpSock} per socket (its
 * fields, the 13-slot private area zeroed when an algorithm is assigned, the jiffies and
 * microsecond clocks from {@link dev.weir.api.prog.TcpCa#jiffies32}, and
 * {@code netAddStats} mapped with {@link dev.weir.tcp.cc.CongestionControlRegistry#mib}), and the
 * calls at the points listed in {@link dev.weir.api.prog.CongestionControl} and
 * {@link dev.weir.tcp.cc.DeliveryRate}.
 */
package dev.weir.tcp.cc;
