/**
 * The softirq side of receiving: NAPI contexts, each CPU's NET_RX loop and backlog, GRO and RPS.
 *
 * <pre>
 *   driver IRQ --&gt; Napi.schedule() --&gt; NetRxAction (the context's CPU): one packet per event
 *        --&gt; Napi.Driver.poll(napi, 1) --&gt; Napi.receive(skb)  [napi_gro_receive]
 *        --&gt; Gro (when the device's GRO is on; flushed at the end of every poll)
 *        --&gt; Softnet.netifReceiveSkb(skb, rps): RPS to another CPU's backlog, or
 *            NetNs.receiver() [netif_receive_skb: l2] on this CPU
 *   loopback, TAP --&gt; Softnet.netifRx(skb) --&gt; this CPU's backlog --&gt; NetNs.receiver()
 * </pre>
 *
 * <p>{@link dev.weir.napi.Softnet} is created once per namespace, before its devices: it
 * registers {@code net.core.dev_weight}, {@code netdev_budget}, {@code netdev_budget_usecs} and
 * {@code netdev_max_backlog}, holds one {@link dev.weir.napi.NetRxAction} per modelled CPU, and
 * prints {@code /proc/net/softnet_stat}. Every stage a packet passes charges its cost to the
 * namespace ({@link dev.weir.core.NetNs#charge}); the NET_RX loop bills it to its CPU and runs
 * the next packet when that work is done, so CPU time, budgets and overload behave as on Linux.
 *
 * <p>What reaches the receiver: data at the network header, the MAC header set 14 bytes before
 * it (Ethernet), {@code protocol} and {@code pkt_type} set by the driver's
 * {@code eth_type_trans}, the ingress ifindex, the receive queue, the flow hash when the device
 * gave one, and the checksum state ({@code CHECKSUM_UNNECESSARY} when the NIC or GRO verified
 * the L4 checksum). A GRO-merged TCP packet is a GSO buffer: {@code gso_size} = MSS,
 * {@code gso_segs}, {@code gso_type} TCPV4 or TCPV6, payloads after the first in page fragments.
 * The receiver charges its own stages' costs ({@code netif_receive} and up).
 */
package dev.weir.napi;
