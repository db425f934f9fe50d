/**
 * Neighbour resolution (Linux's {@code net/core/neighbour.c}, {@code net/ipv4/arp.c},
 * {@code net/ipv6/ndisc.c}): the tables that map next-hop IP addresses to Ethernet addresses,
 * the NUD state machine that keeps them fresh ({@link dev.weir.neigh.Nud}), ARP for IPv4 and
 * Neighbor Discovery for IPv6, and {@code ip neigh}.
 *
 * <pre>
 *  ip output --&gt; {@link dev.weir.neigh.Arp#output(dev.weir.skb.SkBuff, int, dev.weir.core.NetDevice)}
 *             | {@link dev.weir.neigh.Ndisc#output(dev.weir.skb.SkBuff, long, long, dev.weir.core.NetDevice)}
 *     usable entry: Ethernet header, L2.devQueueXmit
 *     resolving:    queued (unres_qlen_bytes); failed: UnresolvedHandler (ICMP), NEIGH_FAILED
 *  L2 EtherType 0x0806 --&gt; {@link dev.weir.neigh.Arp#rcv}
 *  ip's icmpv6_rcv, types 133..137 --&gt; {@link dev.weir.neigh.Ndisc#ndiscRcv}
 *  TCP's dst_confirm --&gt; {@link dev.weir.neigh.NeighTable#confirm}
 * </pre>
 *
 * <p>Tunables are Linux's per-device sysctls, {@code net.ipv4.neigh.DEV.*} and
 * {@code net.ipv6.neigh.DEV.*} (with "default" for new devices and no "all"), plus
 * {@code net.ipv4.conf.DEV.arp_ignore}, {@code arp_announce}, {@code arp_accept},
 * {@code arp_evict_nocarrier} and {@code net.ipv6.conf.DEV.ndisc_evict_nocarrier}; randomness
 * (reachable_time) comes from the namespace's seeded source.
 *
 * <p>Not here: proxy ARP and proxy NDP, arp_filter, duplicate address detection of Weir's own
 * addresses (they are nodad), router advertisements and redirects (consumed, counted), and the
 * managed-neighbour and externally-learned flags. The local-address questions Linux asks its
 * routing tables are answered from the devices' address lists (see Addresses).
 */
package dev.weir.neigh;
