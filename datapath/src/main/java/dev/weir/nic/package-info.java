/**
 * Devices with drivers: the simulated multi-queue Ethernet {@link dev.weir.nic.Nic} plugged into
 * a link, the {@link dev.weir.nic.Loopback} device, and the {@link dev.weir.nic.Ethtool} command
 * with the ops a device may offer it ({@link dev.weir.nic.EthtoolOps}).
 *
 * <p>Assembling a host:
 *
 * <pre>{@code
 * NetNs net = new NetNs("h1", sim.scheduler(), sim.random("host:h1"), 4);
 * Softnet softnet = new Softnet(net);                  // per-CPU NET_RX, net.core.* sysctls
 * net.setReceiver(l2::netifReceiveSkb);                // what drivers hand packets to
 * net.setTxScheduler(qdiscLayer::schedule);            // woken transmit queues run their qdisc
 * Loopback lo = Loopback.create(softnet);              // "lo", registered and up
 * Nic eth0 = Nic.create(softnet, "eth0", mac);         // min(CPUs, 8) queues, registered, down
 * eth0.connect(link.a());                              // LinkPort of that end; carrier follows
 * eth0.open();                                         // posts rx buffers
 * new Ethtool(net).run(new Args("ethtool", Args.split("-G eth0 rx 1024")), out);
 * }</pre>
 *
 * <p>Transmit: the device layer calls {@code startXmit(skb, txq)} with data at the Ethernet
 * header; {@code NETDEV_TX_BUSY} means the ring is full and the queue is stopped; it is woken
 * (through {@code NetNs.txScheduler()}) when transmit completions free room. The NIC segments GSO
 * buffers (TSO) and fills {@code CHECKSUM_PARTIAL} checksums itself; a device layer talking to a
 * device without those offloads uses {@link dev.weir.skb.Gso} in software.
 */
package dev.weir.nic;
