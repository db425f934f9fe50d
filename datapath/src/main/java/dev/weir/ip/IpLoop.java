package dev.weir.ip;

import dev.weir.api.wire.EtherType;
import dev.weir.core.DropReason;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.sim.Timer;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbQueue;

/**
 * The copy of a broadcast or multicast this host sends that comes back to its own receive
 * path ({@code ip_mc_output} / {@code ip6_finish_output2} with {@code dev_loopback_xmit}): queued
 * and received after the sender's work, as Linux queues it on the backlog with
 * {@code netif_rx}, marked {@code PACKET_LOOPBACK} and keeping its route.
 */
final class IpLoop {
    private final NetNs net;
    private final SkbQueue queue = new SkbQueue();
    private final Timer timer;
    Ipv4 v4;
    Ipv6 v6;

    IpLoop(NetNs net) {
        this.net = net;
        this.timer = net.scheduler().newTimer("ip-loopback", this::drain);
    }

    /** Queues {@code skb} (a private copy; data at the IP header) to be received on {@code dev}. */
    void loopBack(SkBuff skb, NetDevice dev) {
        skb.setIngressIfindex(dev.ifindex());
        skb.setIfindex(dev.ifindex());
        skb.setSk(null);
        queue.addLast(skb);
        if (!timer.isPending()) {
            timer.scheduleIn(0);
        }
    }

    private void drain() {
        SkBuff skb;
        while ((skb = queue.pollFirst()) != null) {
            NetDevice dev = net.device(skb.ifindex());
            if (dev == null || !dev.isUp()) {
                net.drop(skb, DropReason.DEV_READY);
            } else if (skb.protocol() == EtherType.IPV4) {
                v4.rcvLooped(skb, dev);
            } else {
                v6.rcvLooped(skb, dev);
            }
        }
    }
}
