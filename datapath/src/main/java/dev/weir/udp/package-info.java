/**
 * UDP (Linux's {@code net/ipv4/udp.c}, {@code net/ipv6/udp.c}) and ICMP echo "ping" sockets
 * ({@code net/ipv4/ping.c}) over the socket layer.
 *
 * <pre>
 *   ip: local delivery, protocol 17 ──▶ Udp.rcv: length, checksum, lookup ──▶ UdpSock queue ──▶ recvfrom
 *                                           no socket: UdpNoPorts, ICMP port unreachable
 *   ip: ICMP errors quoting UDP ───────▶ Udp.err ──▶ sk_err / error queue of the sender
 *   sendto ──▶ UdpSock: route, size, checksum (offloaded or computed) ──▶ Ipv4.send / Ipv6.send
 *   ip: echo replies, errors quoting echoes ──▶ Ping (the ICMP layers' ping handler) ──▶ PingSock
 * </pre>
 *
 * <p>Build them per host after the socket layer: {@link dev.weir.udp.Udp#install} and
 * {@link dev.weir.udp.Ping#install}; sockets come from {@link dev.weir.udp.Udp#socket} and
 * {@link dev.weir.udp.Ping#socket}. {@link dev.weir.udp.Udp} documents the receive path with
 * its counters and drop reasons, {@link dev.weir.udp.UdpSock} the send and receive calls,
 * {@link dev.weir.udp.Ping} and {@link dev.weir.udp.PingSock} ping sockets. CPU: UDP charges
 * {@code udp_rcv} per datagram, {@code csum_per_byte} for checksums done in software, and the
 * socket layer {@code sock_wakeup} per wakeup of a waiting reader or writer.
 *
 * <p>Out of scope: multicast (group membership, {@code IP_MULTICAST_*} beyond TTL; a multicast
 * datagram counts {@code UdpIgnoredMulti}), UDP-Lite, {@code UDP_CORK}/{@code MSG_MORE}
 * corking, UDP GSO/GRO ({@code UDP_SEGMENT}, {@code UDP_GRO}), encapsulation sockets, and the
 * deferred checksum of Linux (which verifies at {@code recvmsg}; Weir verifies on arrival).
 */
package dev.weir.udp;
