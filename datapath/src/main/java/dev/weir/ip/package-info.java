/**
 * IPv4 and IPv6: receive, forward and send, reassembly and fragmentation, ICMP and ICMPv6 with
 * their rate limits, each stage split around its netfilter hook as Linux splits
 * {@code ip_rcv} / {@code ip_rcv_finish}.
 *
 * <pre>
 *  l2 --&gt; Ipv4.rcv / Ipv6.rcv (validate) --[PREROUTING]--&gt; route
 *            local:   reassemble --[INPUT]--&gt; protocol table --&gt; IpProtocolHandler.rcv (udp, tcp, icmp)
 *            forward: TTL / hop limit, MTU --[FORWARD]--&gt; output
 *  transport --&gt; Ipv4.send / Ipv6.send (route, header) --[OUTPUT]--&gt; output
 *  output --[POSTROUTING]--&gt; fragment (IPv4: when DF allows; IPv6: at the source only)
 *         --&gt; NeighOutput (the neighbour layer)
 *  ICMP errors about sent packets --&gt; IpProtocolHandler.err of the quoting protocol
 * </pre>
 *
 * <h2>What transports use</h2>
 * <ul>
 *   <li><b>Registration</b>: {@link dev.weir.ip.Ipv4#register Ipv4.register(protocol, handler)}
 *       and {@link dev.weir.ip.Ipv6#register Ipv6.register} (Linux's {@code inet_add_protocol});
 *       one handler per protocol number.
 *   <li><b>Receive</b>: {@link dev.weir.ip.IpProtocolHandler#rcv} gets each whole datagram with
 *       data at the transport header and the IP header at {@code networkHeader()}.
 *   <li><b>Errors</b>: {@link dev.weir.ip.IpProtocolHandler#err} gets ICMP/ICMPv6 errors quoting
 *       what the protocol sent (port unreachable, fragmentation needed / packet too big with the
 *       MTU, which routing has already learned, time exceeded, parameter problem).
 *   <li><b>Send</b>: {@link dev.weir.ip.Ipv4#send Ipv4.send(skb, src, dst, protocol, tos, ttl,
 *       pmtudisc, id, oif, sk)} and {@link dev.weir.ip.Ipv6#send Ipv6.send} route the segment
 *       (data at the transport header, room before it), add the header with Linux's defaults
 *       (TTL {@code ip_default_ttl}, DF by {@code ip_no_pmtu_disc}, identification from the
 *       per-destination generator) and return 0 or a negative errno.
 *   <li><b>ICMP</b>: {@link dev.weir.ip.Icmpv4#send Icmpv4.send(in, type, code, info)} and
 *       {@link dev.weir.ip.Icmpv6#send Icmpv6.send} report an error about a received packet
 *       (UDP's port unreachable), applying RFC 1122 / RFC 4443 rules and the rate limits.
 *       {@link dev.weir.ip.Icmpv4#setPingHandler} takes echo replies for the ping layer.
 * </ul>
 *
 * <p>The route a packet takes rides in its cb ({@code IpCb}), as Linux keeps it in
 * {@code skb_dst}. Nothing on the per-packet paths allocates.
 */
package dev.weir.ip;
