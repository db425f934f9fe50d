/**
 * The device layer of a host (Linux's {@code net/core/dev.c}, {@code net/ethernet/eth.c},
 * {@code net/8021q} and {@code net/bridge}): where every received frame is classified and
 * handed to its protocol, and where every packet leaves through a qdisc to a driver.
 *
 * <pre>
 *  driver/NAPI/GRO --&gt; {@link dev.weir.l2.L2#receive}  (installed as NetNs.receiver())
 *     eth_type_trans --&gt; [taps] --&gt; 802.1Q untag --&gt; [tc ingress: TcHook]
 *     --&gt; {@link dev.weir.l2.VlanDevice} (next round on it) | rx_handler: {@link dev.weir.l2.Bridge}
 *     --&gt; EtherType table: {@link dev.weir.l2.L2#register} (ip: IPv4, IPv6; neigh: ARP)
 *
 *  neigh output --&gt; {@link dev.weir.l2.Eth#hardHeader} --&gt; {@link dev.weir.l2.L2#devQueueXmit}
 *     [tc egress: TcHook] --&gt; qdisc (run quota dev_weight x dev_weight_tx_bias; NET_TX event)
 *     | noqueue --&gt; VLAN tag, software GSO ({@link dev.weir.l2.Segmenter}), checksum
 *     --&gt; [taps] --&gt; NetDevice.startXmit (NETDEV_TX_BUSY: requeued)
 * </pre>
 *
 * <p>Use from the layers above: one {@link dev.weir.l2.L2} per namespace
 * ({@code L2.install(net)}); protocols register their EtherType; the neighbour layer builds the
 * Ethernet header and calls {@code devQueueXmit}; captures attach {@link dev.weir.l2.PacketTap}s;
 * {@code ip link} ({@link dev.weir.l2.IpLink}) and {@code bridge fdb show}
 * ({@link dev.weir.l2.BridgeCommand}) are the user's view. A device gets its default qdiscs
 * when it first comes up ({@code Qdiscs.activate}, Linux's dev_activate); devices with
 * IFF_NO_QUEUE (loopback, VLAN, bridge) get the noqueue marker, and their packets, like those of
 * a queue with no qdisc at all, go straight to the driver.
 *
 * <p>Where Weir differs from Linux, on purpose: capture taps see a frame's VLAN tag in its bytes
 * on the lower device (Linux's taps get it as metadata, and libpcap puts it back); VLAN devices
 * are 802.1Q only; the bridge has no STP, VLAN filtering or multicast snooping (it floods
 * multicast and hands it up, as with mcast_snooping 0), and Weir's devices keep no multicast
 * address lists, so {@code bridge fdb show} has no "self" entries.
 */
package dev.weir.l2;
