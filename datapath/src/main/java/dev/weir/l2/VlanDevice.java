package dev.weir.l2;

import dev.weir.core.Features;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.core.Qdisc;
import dev.weir.skb.SkBuff;

/**
 * An IEEE 802.1Q VLAN device stacked on a lower Ethernet device (Linux's 8021q
 * {@code vlan_dev}): {@code ip link add link eth0 name eth0.100 type vlan id 100}.
 *
 * <p>Receive: a frame tagged with this VLAN id on the lower device is untagged by the device
 * layer and goes up on this device (taps, rx handler and protocol dispatch see it here). A frame
 * to this device's own address that the lower device classed OTHERHOST becomes HOST.
 *
 * <p>Transmit: noqueue. The packet gets this VLAN id as a metadata tag ({@link SkBuff#vlanTci()})
 * and goes to the lower device's {@code dev_queue_xmit}; the tag is written into the frame there,
 * before the lower device's taps, unless the lower device offloads VLAN insertion
 * ({@link Features#HW_VLAN_CTAG_TX}), in which case its driver inserts it.
 *
 * <p>State follows the lower device as in Linux: created down with the lower device's address
 * and MTU; may go up only while the lower device is up ("Network is down"); goes down when it
 * does and up again when it comes back; carrier is the lower device's carrier, and without it
 * the operational state is LOWERLAYERDOWN. Removed with the lower device.
 */
public final class VlanDevice extends NetDevice {
    /** VLAN_VID_MASK: the 12-bit VLAN id field; 4095 is reserved. */
    public static final int VID_MASK = 0x0fff;

    private final L2 l2;
    private final NetDevice lower;
    private final int vid;

    VlanDevice(L2 l2, String name, NetDevice lower, int vid) {
        super(lower.net(), name, ARPHRD_ETHER, lower.mtu(), 0, 65535, 1, 1);
        this.l2 = l2;
        this.lower = lower;
        this.vid = vid;
        setMac(lower.mac());
        setFlag(IFF_BROADCAST | IFF_MULTICAST, true);
        setNoQueue(true); // IFF_NO_QUEUE: the noqueue qdisc when it comes up
        bornWithCarrier();
        long inherit = Features.SG | Features.TX_CSUM | Features.ALL_TSO | Features.GSO;
        features = lower.features() & inherit;
        hwFeatures = features;
        setCarrier(lower.hasCarrier());
    }

    public NetDevice lower() {
        return lower;
    }

    public int vid() {
        return vid;
    }

    /** vlan_dev_open: refused while the lower device is down. */
    @Override
    public void open() {
        if (!lower.isUp()) {
            throw new IllegalStateException("Network is down: " + name() + "'s lower device " + lower.name() + " is down");
        }
        super.open();
    }

    /** vlan_dev_change_mtu: no larger than the lower device's MTU. */
    @Override
    public void setMtu(int newMtu) {
        if (newMtu > lower.mtu()) {
            throw new IllegalArgumentException("mtu " + newMtu + " is larger than " + lower.name() + "'s mtu " + lower.mtu());
        }
        super.setMtu(newMtu);
    }

    @Override
    public String operState() {
        if (!isUp()) {
            return "DOWN";
        }
        return hasCarrier() ? "UP" : "LOWERLAYERDOWN";
    }

    /** vlan_dev_hard_start_xmit: tag as metadata and send through the lower device. */
    @Override
    public int startXmit(SkBuff skb, NetdevQueue txq) {
        int len = skb.len();
        skb.setVlanTci(vid); // priority 0: no egress-qos-map
        int rc = l2.devQueueXmit(skb, lower);
        if (rc == Qdisc.NET_XMIT_SUCCESS || rc == Qdisc.NET_XMIT_CN) {
            stats.txPackets++;
            stats.txBytes += len;
        } else {
            stats.txDropped++;
        }
        return NETDEV_TX_OK;
    }

    /** vlan_do_receive: the frame is now this device's. */
    void received(SkBuff skb) {
        skb.setIfindex(ifindex());
        skb.setVlanTci(-1);
        if (skb.pktType() == SkBuff.PACKET_OTHERHOST && Eth.destination(skb) == mac()) {
            skb.setPktType(SkBuff.PACKET_HOST);
        }
        stats.rxPackets++;
        stats.rxBytes += skb.len();
        if (skb.pktType() == SkBuff.PACKET_MULTICAST) {
            stats.multicast++;
        }
    }

    /** vlan_device_event: the lower device went up, down, or changed carrier. */
    void lowerEvent(NetNs.DeviceEvent e) {
        switch (e) {
            case DOWN -> close();
            case UP -> {
                open();
                setCarrier(lower.hasCarrier());
            }
            case CARRIER_UP -> setCarrier(true);
            case CARRIER_DOWN -> setCarrier(false);
            default -> {
            }
        }
    }
}
