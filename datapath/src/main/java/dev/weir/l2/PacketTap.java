package dev.weir.l2;

import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;

/**
 * A capture point on a device: where tcpdump sees packets (Linux's {@code ptype_all} packet
 * taps, {@code dev_queue_xmit_nit} on transmit). Added with {@link L2#addTap}.
 *
 * <p>When: on receive, for every frame a device gets, after GRO and before tc ingress, VLAN
 * demux and protocol dispatch (so a frame for {@code eth0.100} is seen on {@code eth0} with its
 * tag in the bytes, then on {@code eth0.100} without it); on transmit, after the qdisc and after
 * GSO and checksum completion, just before the driver's {@code startXmit}, once per attempt.
 *
 * <p>What: {@code skb.data()} is the first byte of the Ethernet header and {@code skb.len()} the
 * frame's length (without FCS); the bytes are read with {@link SkBuff#copyBits} or, for the
 * linear part, {@link SkBuff#buf()}. {@link SkBuff#vlanTci()} {@code >= 0} means a tag that is
 * not in the bytes (stripped or to be inserted by hardware offload); a capture writer inserts
 * it as libpcap does. {@code outgoing} tells the direction (Linux's PACKET_OUTGOING).
 *
 * <p>What not: a tap must not keep the skb, write its bytes or change its metadata, and must
 * not free it. To keep the packet, take {@link SkBuff#clone()} (and free the clone later) or
 * copy the bytes.
 */
@FunctionalInterface
public interface PacketTap {
    void tap(NetDevice dev, SkBuff skb, boolean outgoing);
}
