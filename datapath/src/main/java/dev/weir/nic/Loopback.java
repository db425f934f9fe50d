package dev.weir.nic;

import dev.weir.core.Features;
import dev.weir.core.NetDevice;
import dev.weir.core.NetdevQueue;
import dev.weir.napi.Softnet;
import dev.weir.skb.SkBuff;

/**
 * The loopback device {@code lo} (Linux's drivers/net/loopback.c): what a host sends to itself
 * comes straight back in through the sending CPU's backlog ({@link Softnet#netifRx}), so it is
 * received in the NET_RX softirq like any packet, after the sender's work.
 *
 * <p>MTU 64 KiB; flags LOOPBACK and UP from creation, carrier always on; no queueing discipline
 * ({@link #isNoQueue()}). Its features say the packet never leaves the host: checksum offload
 * and TSO/GSO on, so packets stay large and their checksums are not computed; received packets
 * are {@code CHECKSUM_UNNECESSARY}. Counters as Linux's {@code lstats}: each packet accepted by
 * the backlog counts once as sent and once as received, its length without the Ethernet header.
 */
public final class Loopback extends NetDevice implements EthtoolOps {
    public static final int LOOPBACK_MTU = 65536;

    private final Softnet softnet;

    private Loopback(Softnet softnet) {
        super(softnet.net(), "lo", ARPHRD_LOOPBACK, LOOPBACK_MTU, 68, LOOPBACK_MTU, 1, 1);
        this.softnet = softnet;
        setFlag(IFF_LOOPBACK, true);
        setNoQueue(true);
        bornWithCarrier();
        features = Features.SG | Features.HW_CSUM | Features.RXCSUM | Features.ALL_TSO | Features.GSO | Features.GRO | Features.LOOPBACK;
        hwFeatures = Features.ALL_TSO | Features.GSO | Features.GRO;
    }

    /** Creates {@code lo}, registers it in the namespace and brings it up. */
    public static Loopback create(Softnet softnet) {
        Loopback lo = new Loopback(softnet);
        softnet.net().register(lo);
        lo.open();
        return lo;
    }

    /**
     * loopback_xmit: the packet (data at its Ethernet header) is orphaned from its socket, given
     * back its protocol by {@code eth_type_trans}, marked checksum-verified and queued on the
     * current CPU's backlog; counted when the backlog took it.
     */
    @Override
    public int startXmit(SkBuff skb, NetdevQueue txq) {
        skb.setSk(null);
        skb.setTstamp(0);
        Eth.typeTrans(skb, this);
        skb.setIpSummed(SkBuff.CHECKSUM_UNNECESSARY);
        skb.setIngressIfindex(ifindex());
        skb.setIfindex(ifindex());
        int len = skb.len();
        if (softnet.netifRx(skb) == Softnet.NET_RX_SUCCESS) {
            stats.txPackets++;
            stats.txBytes += len;
            stats.rxPackets++;
            stats.rxBytes += len;
        }
        return NETDEV_TX_OK;
    }

    /** As Linux's lo: the unmodelled features it shows on or changeable. */
    @Override
    public String unmodelledFeature(String kernelName) {
        return switch (kernelName) {
            case "tx-checksum-sctp", "tx-scatter-gather-fraglist", "highdma", "vlan-challenged", "loopback" -> "on [fixed]";
            case "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp-accecn-segmentation",
                    "tx-sctp-segmentation", "tx-udp-segmentation", "tx-gso-list" -> "on";
            case "rx-gro-list", "rx-udp-gro-forwarding" -> "off";
            default -> null;
        };
    }
}
