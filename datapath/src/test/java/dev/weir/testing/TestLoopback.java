package dev.weir.testing;

import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.skb.SkBuff;

/**
 * A loopback device as {@code ip link} shows one (ARPHRD_LOOPBACK, LOOPBACK flag, MTU 65536,
 * address zero, always with carrier): what it is given comes straight back up the stack.
 */
public final class TestLoopback extends NetDevice {
    public TestLoopback(NetNs net) {
        super(net, "lo", ARPHRD_LOOPBACK, 65536, 68, 65536, 1, 1);
        setFlag(IFF_LOOPBACK, true);
        setNoQueue(true);
        bornWithCarrier();
    }

    @Override
    public int startXmit(SkBuff skb, NetdevQueue txq) {
        stats.txPackets++;
        stats.txBytes += skb.len();
        stats.rxPackets++;
        stats.rxBytes += skb.len();
        skb.setMacHeader(-1);
        net().receiver().receive(skb);
        return NETDEV_TX_OK;
    }
}
