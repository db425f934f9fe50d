package dev.weir.l2;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EthernetFrame;
import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;

/**
 * Ethernet helpers of the device layer (Linux's {@code net/ethernet/eth.c}): classifying a
 * received frame ({@link #typeTrans}, eth_type_trans) and building the header of one to send
 * ({@link #hardHeader}, eth_header / dev_hard_header), plus the address tests the bridge and
 * the neighbour layer share. Addresses are 48-bit values in the low bits of a long, as
 * {@link dev.weir.api.wire.MacAddress} holds them.
 */
public final class Eth {
    private Eth() {}

    /** Length of an untagged Ethernet header (ETH_HLEN). */
    public static final int HLEN = EthernetFrame.HEADER_LEN;
    /** Length of one 802.1Q tag (VLAN_HLEN). */
    public static final int VLAN_HLEN = EthernetFrame.TAG_LEN;
    /** Smallest EtherType; smaller values in the type field are 802.3 lengths. */
    public static final int ETH_P_802_3_MIN = dev.weir.nic.Eth.ETH_P_802_3_MIN;
    /** skb->protocol for a raw 802.3 frame (IPX over 802.3: the payload starts 0xffff). */
    public static final int ETH_P_802_3 = dev.weir.nic.Eth.ETH_P_802_3;
    /** skb->protocol for an 802.3 frame carrying 802.2 LLC. */
    public static final int ETH_P_802_2 = dev.weir.nic.Eth.ETH_P_802_2;

    public static final long BROADCAST = 0xffff_ffff_ffffL;
    private static final long GROUP_BIT = 0x0100_0000_0000L;

    /** Group (I/G) bit set: multicast or broadcast. */
    public static boolean isMulticast(long mac) {
        return (mac & GROUP_BIT) != 0;
    }

    public static boolean isBroadcast(long mac) {
        return mac == BROADCAST;
    }

    /** is_valid_ether_addr: not multicast, not all zero. */
    public static boolean isValidUnicast(long mac) {
        return mac != 0 && !isMulticast(mac);
    }

    /** is_link_local_ether_addr: 01:80:c2:00:00:00 to 01:80:c2:00:00:0f (IEEE 802.1D table 7-10). */
    public static boolean isLinkLocal(long mac) {
        return (mac & ~0xfL) == 0x0180_c200_0000L;
    }

    /**
     * eth_type_trans ({@link dev.weir.nic.Eth#typeTrans}): sets the MAC header at
     * {@code skb.data()}, classifies the frame against {@code device}'s address
     * ({@link SkBuff#setPktType}: HOST, BROADCAST, MULTICAST, else OTHERHOST, whatever the
     * device's promiscuity), pulls the header and sets {@link SkBuff#protocol()}. The caller has
     * made sure the 14 header bytes are in the linear part.
     */
    public static void typeTrans(SkBuff skb, NetDevice device) {
        dev.weir.nic.Eth.typeTrans(skb, device);
    }

    /**
     * eth_header: pushes a 14-byte Ethernet header in front of {@code skb.data()} (reallocating
     * the head when the headroom is short) with destination {@code dst}, source {@code src} and
     * EtherType {@code type}; sets the MAC header there and {@link SkBuff#protocol()} to
     * {@code type}. The network header, if set, stays where it was.
     */
    public static void hardHeader(SkBuff skb, int type, long dst, long src) {
        skb.ensureHeadroom(HLEN);
        int at = skb.push(HLEN);
        byte[] b = skb.buf();
        Bytes.put48(b, at + EthernetFrame.DST_OFFSET, dst);
        Bytes.put48(b, at + EthernetFrame.SRC_OFFSET, src);
        Bytes.put16(b, at + EthernetFrame.TYPE_OFFSET, type);
        skb.resetMacHeader();
        skb.setProtocol(type);
    }

    /** dev_hard_header for a frame {@code dev} sends: its own address is the source. */
    public static void hardHeader(SkBuff skb, NetDevice dev, int type, long dst) {
        hardHeader(skb, type, dst, dev.mac());
    }

    /** The destination address of the frame whose MAC header {@code skb} has set. */
    public static long destination(SkBuff skb) {
        return Bytes.u48(skb.buf(), skb.macHeader() + EthernetFrame.DST_OFFSET);
    }

    /** The source address of the frame whose MAC header {@code skb} has set. */
    public static long source(SkBuff skb) {
        return Bytes.u48(skb.buf(), skb.macHeader() + EthernetFrame.SRC_OFFSET);
    }
}
