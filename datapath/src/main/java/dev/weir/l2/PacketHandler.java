package dev.weir.l2;

import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;

/**
 * A protocol's receive function for one EtherType (Linux's {@code packet_type.func}: ip_rcv,
 * ipv6_rcv, arp_rcv), registered with {@link L2#register}.
 *
 * <p>Called once per received frame whose {@link SkBuff#protocol()} is the registered type,
 * after taps, VLAN demux and the device's rx handler (a bridge port's). On entry:
 * {@code skb.data()} is the first byte after the link-layer header (tags removed), the MAC
 * header is set ({@link SkBuff#macHeader()}), the network header is set to {@code data()},
 * {@link SkBuff#pktType()} is HOST, BROADCAST, MULTICAST or OTHERHOST (OTHERHOST frames are
 * for the protocol to drop, as ip_rcv does), and {@code dev} is the device the frame belongs to
 * now (a VLAN or bridge device rather than the NIC it arrived on).
 *
 * <p>The handler owns {@code skb}: it must end it (consume, drop through
 * {@link dev.weir.core.NetNs#drop}, or hand it on).
 */
@FunctionalInterface
public interface PacketHandler {
    void rcv(SkBuff skb, NetDevice dev);
}
