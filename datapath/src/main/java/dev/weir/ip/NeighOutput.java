package dev.weir.ip;

import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;

/**
 * Where the IP layers hand a finished packet ({@code ip_finish_output2} /
 * {@code ip6_finish_output2}): the neighbour layer, which resolves {@code nextHop} on
 * {@code dev}, builds the link-layer header (queueing the packet while resolution is under
 * way) and passes it to the device queue.
 */
@FunctionalInterface
public interface NeighOutput {
    /**
     * Takes {@code skb} (data at the IP header, {@link SkBuff#protocol()} the EtherType) and
     * returns {@code Qdisc.NET_XMIT_SUCCESS}, or a drop or congestion code for a packet that did
     * not get on the queue.
     *
     * @param family 4 or 6
     * @param nhHi the next hop's high 64 bits (IPv6; 0 for IPv4)
     * @param nhLo the next hop's low 64 bits (IPv4: the address in the low 32)
     */
    int output(SkBuff skb, NetDevice dev, int family, long nhHi, long nhLo);
}
