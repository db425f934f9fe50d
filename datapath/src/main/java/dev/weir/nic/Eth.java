package dev.weir.nic;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EthernetFrame;
import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;

/** Ethernet helpers drivers share. */
public final class Eth {
    private Eth() {}

    /** The smallest value of the type/length field that is an EtherType (ETH_P_802_3_MIN). */
    public static final int ETH_P_802_3_MIN = 0x0600;
    /** skb->protocol for an 802.3 frame whose payload is an 802.2 LLC header. */
    public static final int ETH_P_802_2 = 0x0004;
    /** skb->protocol for a raw 802.3 (Novell) frame: payload starts 0xffff. */
    public static final int ETH_P_802_3 = 0x0001;

    private static final long BROADCAST = 0xffff_ffff_ffffL;

    /**
     * Linux's {@code eth_type_trans}: called by a driver on a received frame whose data starts at
     * the Ethernet header (at least 14 linear bytes). Sets the MAC header there and
     * {@code pkt_type} from the destination (broadcast, multicast, this device's address: host,
     * else other host), pulls the header, sets the network header at the new data, and returns
     * (and sets) {@code skb->protocol}: the EtherType, or for an 802.3 length field
     * {@link #ETH_P_802_3} / {@link #ETH_P_802_2}. A VLAN-tagged frame keeps its TPID as the
     * protocol; the tag is the receive path's to strip.
     */
    public static int typeTrans(SkBuff skb, NetDevice dev) {
        byte[] b = skb.buf();
        int d = skb.data();
        skb.resetMacHeader();
        long dst = Bytes.u48(b, d + EthernetFrame.DST_OFFSET);
        int pkt;
        if ((b[d] & 1) != 0) {
            pkt = dst == BROADCAST ? SkBuff.PACKET_BROADCAST : SkBuff.PACKET_MULTICAST;
        } else {
            pkt = dst == dev.mac() ? SkBuff.PACKET_HOST : SkBuff.PACKET_OTHERHOST;
        }
        skb.setPktType(pkt);
        int type = Bytes.u16(b, d + EthernetFrame.TYPE_OFFSET);
        skb.pull(EthernetFrame.HEADER_LEN);
        skb.resetNetworkHeader();
        int proto;
        if (type >= ETH_P_802_3_MIN) {
            proto = type;
        } else if (skb.headLen() >= 2 && Bytes.u16(b, skb.data()) == 0xffff) {
            proto = ETH_P_802_3;
        } else {
            proto = ETH_P_802_2;
        }
        skb.setProtocol(proto);
        return proto;
    }
}
