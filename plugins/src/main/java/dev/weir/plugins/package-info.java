/**
 * Ready programs, written against hooks-api only and loaded and verified like a user's:
 *
 * <table>
 *   <caption>The plugins</caption>
 *   <tr><th>program</th><th>type</th><th>attach</th><th>does</th></tr>
 *   <tr><td>{@link dev.weir.plugins.firewall.XdpFirewall}</td><td>xdp</td><td>{@code xdp dev DEV}</td>
 *       <td>drops by source prefix (IPv4/IPv6 LPM tries) and by destination port, counts per rule</td></tr>
 *   <tr><td>{@link dev.weir.plugins.firewall.TcFirewall}</td><td>tc</td><td>{@code tc ingress|egress dev DEV}</td>
 *       <td>the same rules and maps on skbs (egress: by destination prefix)</td></tr>
 *   <tr><td>{@link dev.weir.plugins.conntrack.Conntrack}</td><td>netfilter</td>
 *       <td>{@code netfilter ipv4|ipv6 PREROUTING} and {@code OUTPUT}, priority -200</td>
 *       <td>connection tracking with TCP states and timeouts; {@code conntrack -L}</td></tr>
 *   <tr><td>{@link dev.weir.plugins.nat.Masquerade}</td><td>netfilter</td>
 *       <td>{@code netfilter ipv4 POSTROUTING} (100) and {@code PREROUTING} (-100)</td>
 *       <td>source NAT to the external address with port allocation, reverse on the way back</td></tr>
 *   <tr><td>{@link dev.weir.plugins.lb.XdpLoadBalancer}</td><td>xdp</td><td>{@code xdp dev DEV}</td>
 *       <td>VIP to backends by flow hash, MAC rewrite, XDP_TX (direct server return)</td></tr>
 *   <tr><td>{@link dev.weir.plugins.ratelimit.TokenBucket}</td><td>tc</td><td>{@code tc ingress|egress dev DEV}</td>
 *       <td>a token bucket per IPv4 address: polices what exceeds rate and burst</td></tr>
 *   <tr><td>{@link dev.weir.plugins.trace.DropMonitor}</td><td>tracepoint</td><td>{@code tracepoint skb:kfree_skb}</td>
 *       <td>drops counted by reason (and optionally streamed to a ring buffer)</td></tr>
 *   <tr><td>{@link dev.weir.plugins.trace.TcpRttTracer}</td><td>tracepoint</td><td>{@code tracepoint tcp:tcp_probe}</td>
 *       <td>RTT and cwnd records of TCP connections into a ring buffer</td></tr>
 *   <tr><td>{@link dev.weir.plugins.cc.Vegas}</td><td>struct_ops</td><td>{@code congestion vegas}</td>
 *       <td>TCP Vegas, the delay-based algorithm of Linux's tcp_vegas.c</td></tr>
 * </table>
 *
 * <p>Every map is declared pinned, under the names the classes document, so user space (the
 * {@code map} commands, topology files) configures and reads them, and the programs that work
 * together (the two firewalls) share them.
 */
package dev.weir.plugins;
