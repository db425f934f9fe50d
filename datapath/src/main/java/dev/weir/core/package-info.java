/**
 * What every stage of a host's packet path shares, and how the stages plug together: the
 * namespace ({@link dev.weir.core.NetNs}), devices ({@link dev.weir.core.NetDevice}) and their
 * transmit queues and qdisc contract, sysctls, nstat counters, drop reasons, and the modelled
 * CPUs with their per-stage costs.
 *
 * <h2>The packet path and its packages</h2>
 * <pre>
 * receive:
 *   link --&gt; nic: rx ring (DMA into posted buffers; ring full =&gt; rx_missed)
 *        --&gt; IRQ (coalesced) --&gt; napi: poll on a CPU (weight 64, netdev_budget 300, budget_usecs)
 *        --&gt; [XDP] --&gt; skb built --&gt; napi: GRO (flushed at the end of a poll)
 *        --&gt; NetNs.receiver() = l2: netif_receive_skb: [taps] [tc ingress] rx_handler (bridge)
 *            EtherType dispatch --&gt; neigh (ARP, NDP) | ip (IPv4/IPv6 rcv, reassembly)
 *        --&gt; ip: [PREROUTING] --&gt; route lookup
 *              local:   [INPUT] --&gt; udp / tcp / icmp --&gt; socket queue --&gt; application
 *              forward: TTL-1 --&gt; [FORWARD] --&gt; transmit path from ip output
 * transmit:
 *   application --&gt; socket --&gt; tcp / udp --&gt; ip output, route [OUTPUT] [POSTROUTING]
 *        --&gt; neigh: resolve (queue while INCOMPLETE) --&gt; l2: dev_queue_xmit [tc egress]
 *        --&gt; qdisc --&gt; GSO/TSO, checksum --&gt; [taps] --&gt; nic: tx ring --&gt; link
 * </pre>
 *
 * <p>Packages are layered in this order, each using only those before it (checked by
 * {@code LayeringTest}): skb, sim, link, pcap, core, trace, qdisc, napi, nic, l2, neigh,
 * netfilter, route, ip, socket, udp, tcp, maps, verifier, hooks, js, app, host, tools, topo,
 * cli (hooks sits above maps and verifier: attach points run loaded programs and redirect
 * through device maps). Calls down the stack are plain method calls. The few calls up it go through what this
 * package defines: {@link dev.weir.core.NetNs#receiver()} (driver to l2),
 * {@link dev.weir.core.NetNs#txScheduler()} (a woken queue to its qdisc), and handler
 * registries owned by the stage being called (l2's EtherType table, ip's protocol table).
 *
 * <h2>Ownership and drops</h2>
 * A buffer has one owner. A stage that ends a packet either consumes it (delivered, sent) or
 * drops it through {@link dev.weir.core.NetNs#drop}, which counts it under a
 * {@link dev.weir.core.DropReason}, tells listeners (the {@code skb:kfree_skb} tracepoint) and
 * frees it. Nothing disappears uncounted.
 *
 * <h2>Time and CPUs</h2>
 * All work runs on the simulation thread at virtual time {@link dev.weir.core.NetNs#now()}.
 * Stages {@link dev.weir.core.NetNs#charge charge} their cost ({@link dev.weir.core.StageCosts})
 * to the packet being processed; the softirq loop bills it to the {@link dev.weir.core.Cpu}
 * running it and starts the next packet when that work is done, so a saturated CPU falls
 * behind and its rings overflow.
 */
package dev.weir.core;
