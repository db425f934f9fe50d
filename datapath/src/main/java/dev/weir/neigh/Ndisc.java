package dev.weir.neigh;

import dev.weir.api.prog.StageFunction;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.NdpOption;
import dev.weir.api.wire.WireError;
import dev.weir.core.DropReason;
import dev.weir.core.InetAddress6;
import dev.weir.core.Mib;
import dev.weir.core.NetDevice;
import dev.weir.core.Sysctls;
import dev.weir.l2.Eth;
import dev.weir.l2.L2;
import dev.weir.skb.SkBuff;

/**
 * IPv6 Neighbor Discovery (RFC 4861, Linux's {@code net/ipv6/ndisc.c}): the IPv6 neighbour
 * table, the solicitations and advertisements it sends, and the receive side the IPv6 layer
 * hands ICMPv6 types 133..137 to ({@link #ndiscRcv}).
 *
 * <p><b>Sending</b>: every NDP packet is built whole here (IPv6 header with hop limit 255,
 * traffic class and flow label 0, ICMPv6 with its checksum) and handed to the {@link Sender}:
 * by default this table's own output for the destination (a multicast destination maps straight
 * to 33:33:xx:xx:xx:xx); the IP layer may install one that passes its output hooks, as Linux's
 * ndisc_send_skb goes through ip6_output. Counts Icmp6OutMsgs and Icmp6Out{NeighborSolicits,
 * NeighborAdvertisements}.
 * <ul>
 * <li>Neighbor solicitation (ndisc_solicit, ndisc_send_ns): while INCOMPLETE to the target's
 *     solicited-node multicast address, while PROBE unicast to the target; from the waiting
 *     packet's source address if it is configured on the device, else from the device's
 *     link-local address (none: no solicitation, as Linux); with a Source Link-Layer Address
 *     option unless sent from the unspecified address.
 * <li>Neighbor advertisement (ndisc_send_na) answering a solicitation for one of the device's own
 *     addresses, link-local ones included: from that address, Solicited, Router when
 *     {@code net.ipv6.conf.DEV.forwarding} is set, Override and a Target Link-Layer Address
 *     option when the solicitation was multicast. A DAD probe (from ::) is answered to
 *     ff02::1. Weir's addresses are nodad: it sends no DAD probes itself.
 * </ul>
 *
 * <p><b>Receiving</b> ({@link #ndiscRcv}): hop limit not 255 drops IPV6_NDISC_HOP_LIMIT, code
 * not 0 IPV6_NDISC_BAD_CODE, a malformed option IPV6_NDISC_BAD_OPTIONS, a short message
 * PKT_TOO_SMALL. A solicitation for an address not on the receiving device drops
 * IPV6_NDISC_NS_OTHERHOST; one for ours creates or refreshes the sender's entry (STALE, from its
 * Source Link-Layer Address) and is answered. An advertisement updates an existing entry by
 * RFC 4861 section 7.2.5 (Solicited: REACHABLE, else STALE; Override decides whether a different
 * address replaces the cached one; Router sets or clears the router flag); one for an unknown
 * target, a FAILED entry or one of our own addresses is dropped. Router solicitations update the
 * sender's entry on a forwarding device and are otherwise dropped; router advertisements and
 * redirects are consumed unprocessed (Weir hosts do not autoconfigure or follow redirects),
 * counted only in Icmp6InRouterAdvertisements and Icmp6InRedirects.
 *
 * <p>Each packet received or sent charges {@code StageCosts.neigh}.
 */
public final class Ndisc extends NeighTable {
    /** The hop limit every NDP packet is sent with and must arrive with (RFC 4861 section 6.1). */
    public static final int HOP_LIMIT = 255;

    /**
     * Where NDP packets go: {@code skb} holds the whole IPv6 packet (data and network header at
     * the IPv6 header, transport header at ICMPv6, protocol IPv6), for {@code dst} on {@code dev}.
     */
    @FunctionalInterface
    public interface Sender {
        int send(SkBuff skb, NetDevice dev, long dstHi, long dstLo);
    }

    private final Icmpv6Packet view = new Icmpv6Packet();
    private Sender sender;

    private Ndisc(L2 l2) {
        super(l2, "ipv6", EtherType.IPV6, 0);
        this.sender = (skb, dev, hi, lo) -> output(skb, hi, lo, dev);
        Sysctls s = net.sysctls();
        if (!s.exists("net.ipv6.conf.default.ndisc_evict_nocarrier")) {
            s.registerPerDevice("net.ipv6.conf", "ndisc_evict_nocarrier", true, 1, 0, 1,
                    "flush the device's neighbour entries when it loses carrier");
        }
    }

    /** Creates the NDP table of {@code l2}'s namespace. The IPv6 layer calls {@link #ndiscRcv}. */
    public static Ndisc install(L2 l2) {
        return new Ndisc(l2);
    }

    /** Replaces where NDP packets are sent (the IPv6 layer's output path); the default is this table's {@link #output}. */
    public void setSender(Sender s) {
        this.sender = s;
    }

    @Override
    protected String keyString(long hi, long lo) {
        return Ipv6Address.toString(hi, lo);
    }

    @Override
    protected boolean evictOnCarrierLoss(NetDevice dev) {
        Sysctls s = net.sysctls();
        return Math.max(s.value("net.ipv6.conf.all.ndisc_evict_nocarrier").get(),
                s.device("net.ipv6.conf", dev.name(), "ndisc_evict_nocarrier").get()) != 0;
    }

    /** ip6_finish_output2's neighbour step: sends IPv6 packet {@code skb} (data at its IPv6 header) to next hop {@code hi:lo}. */
    @Override
    public int output(SkBuff skb, long hi, long lo, NetDevice dev) {
        return super.output(skb, hi, lo, dev);
    }

    /** The entry for {@code addr} on {@code dev}, or null. */
    public Neighbour lookup(Ipv6Address addr, NetDevice dev) {
        return lookup(addr.hi(), addr.lo(), dev);
    }

    /** The entry for {@code addr} on {@code dev}, created if missing (null when the table is full). */
    public Neighbour create(Ipv6Address addr, NetDevice dev) {
        return create(addr.hi(), addr.lo(), dev);
    }

    /** ndisc_constructor. */
    @Override
    protected void construct(Neighbour n) {
        NetDevice dev = n.dev;
        if ((n.keyHi >>> 56) == 0xff) {
            n.state = Nud.NOARP;
            n.ha = 0x3333_0000_0000L | (n.keyLo & 0xffff_ffffL);
        } else if ((dev.flags() & (NetDevice.IFF_NOARP | NetDevice.IFF_LOOPBACK)) != 0) {
            n.state = Nud.NOARP;
            n.ha = dev.mac();
        } else if ((dev.flags() & NetDevice.IFF_POINTOPOINT) != 0) {
            n.state = Nud.NOARP;
            n.ha = Eth.BROADCAST;
        }
    }

    /** ndisc_solicit. */
    @Override
    protected void solicit(Neighbour n, SkBuff queued) {
        NetDevice dev = n.dev;
        Ipv6Address src = null;
        if (queued != null && queued.networkHeader() >= 0 && queued.networkHeader() + Ipv6Packet.HEADER_LEN <= queued.tail()) {
            byte[] b = queued.buf();
            int nh = queued.networkHeader();
            long sh = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET);
            long sl = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET + 8);
            if (Addresses.onDeviceV6(dev, sh, sl) != null) {
                src = new Ipv6Address(sh, sl);
            }
        }
        NeighParms p = parms(dev);
        int probes = n.probes - (int) p.ucastSolicit.get();
        Ipv6Address target = new Ipv6Address(n.keyHi, n.keyLo);
        if (probes < 0) {
            sendNs(dev, target, target, src);
        } else if (probes - (int) p.appSolicit.get() >= 0) {
            sendNs(dev, target, target.solicitedNode(), src);
        }
    }

    /**
     * ndisc_send_ns: a solicitation for {@code target} to {@code dst}, from {@code src} or, when
     * null, the device's link-local address (none: nothing is sent).
     */
    public void sendNs(NetDevice dev, Ipv6Address target, Ipv6Address dst, Ipv6Address src) {
        if (src == null) {
            InetAddress6 ll = Addresses.linkLocalV6(dev);
            if (ll == null) {
                return;
            }
            src = ll.address();
        }
        boolean opt = !src.isUnspecified();
        int len = 24 + (opt ? 8 : 0);
        SkBuff skb = alloc(len);
        byte[] b = skb.buf();
        int th = skb.transportHeader();
        b[th] = (byte) Icmpv6Packet.NEIGHBOR_SOLICITATION;
        target.write(b, th + Icmpv6Packet.TARGET_OFFSET);
        if (opt) {
            linkLayerOption(b, th + 24, NdpOption.SOURCE_LINK_LAYER_ADDRESS, dev.mac());
        }
        send(skb, dev, src, dst, len, Mib.Icmp6OutNeighborSolicits);
    }

    /** ndisc_send_na: an advertisement of {@code target} (one of {@code dev}'s addresses) to {@code dst}. */
    public void sendNa(NetDevice dev, Ipv6Address dst, Ipv6Address target, boolean router, boolean solicited,
            boolean override, boolean targetOption) {
        int len = 24 + (targetOption ? 8 : 0);
        SkBuff skb = alloc(len);
        byte[] b = skb.buf();
        int th = skb.transportHeader();
        b[th] = (byte) Icmpv6Packet.NEIGHBOR_ADVERTISEMENT;
        b[th + Icmpv6Packet.NA_FLAGS_OFFSET] = (byte) ((router ? Icmpv6Packet.NA_FLAG_ROUTER : 0)
                | (solicited ? Icmpv6Packet.NA_FLAG_SOLICITED : 0) | (override ? Icmpv6Packet.NA_FLAG_OVERRIDE : 0));
        target.write(b, th + Icmpv6Packet.TARGET_OFFSET);
        if (targetOption) {
            linkLayerOption(b, th + 24, NdpOption.TARGET_LINK_LAYER_ADDRESS, dev.mac());
        }
        send(skb, dev, target, dst, len, Mib.Icmp6OutNeighborAdvertisements);
    }

    private static void linkLayerOption(byte[] b, int at, int type, long mac) {
        b[at] = (byte) type;
        b[at + 1] = 1;
        Bytes.put48(b, at + 2, mac);
    }

    /** ndisc_alloc_skb: room for the link-layer header, then the IPv6 header and a zeroed ICMPv6 message. */
    private SkBuff alloc(int icmpLen) {
        SkBuff skb = net.pool().alloc(Ipv6Packet.HEADER_LEN + icmpLen, SkBuff.NET_SKB_PAD + Eth.HLEN + Eth.VLAN_HLEN);
        int at = skb.put(Ipv6Packet.HEADER_LEN + icmpLen);
        java.util.Arrays.fill(skb.buf(), at, at + Ipv6Packet.HEADER_LEN + icmpLen, (byte) 0);
        skb.resetNetworkHeader();
        skb.setTransportHeader(at + Ipv6Packet.HEADER_LEN);
        skb.setProtocol(EtherType.IPV6);
        return skb;
    }

    /** ndisc_send_skb: the IPv6 header and checksum, then out through the sender, counted. */
    private void send(SkBuff skb, NetDevice dev, Ipv6Address src, Ipv6Address dst, int icmpLen, Mib typeCounter) {
        net.charge(net.costs().neigh);
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        Bytes.put32(b, nh, 6 << 28);
        Bytes.put16(b, nh + Ipv6Packet.PAYLOAD_LENGTH_OFFSET, icmpLen);
        b[nh + Ipv6Packet.NEXT_HEADER_OFFSET] = (byte) IpProtocol.ICMPV6;
        b[nh + Ipv6Packet.HOP_LIMIT_OFFSET] = (byte) HOP_LIMIT;
        src.write(b, nh + Ipv6Packet.SRC_OFFSET);
        dst.write(b, nh + Ipv6Packet.DST_OFFSET);
        int th = skb.transportHeader();
        long sum = Checksum.pseudoHeaderV6(src.hi(), src.lo(), dst.hi(), dst.lo(), IpProtocol.ICMPV6, icmpLen);
        Bytes.put16(b, th + Icmpv6Packet.CHECKSUM_OFFSET, Checksum.finish(Checksum.add(sum, b, th, icmpLen)));
        sender.send(skb, dev, dst.hi(), dst.lo());
        net.counters().inc(Mib.Icmp6OutMsgs);
        net.counters().inc(typeCounter);
    }

    // ---- receive ---------------------------------------------------------------------------

    /**
     * ndisc_rcv: a Neighbor Discovery message (ICMPv6 type 133..137) the IPv6 layer received and
     * whose checksum it verified. On entry the network header is the IPv6 header, {@code skb.data()}
     * the ICMPv6 header and {@code skb.len()} the message's length; {@link SkBuff#ifindex()} the
     * receiving device. The caller has counted Icmp6InMsgs; this counts the message's own
     * Icmp6In counter. Takes ownership: the packet is consumed or dropped with its reason.
     */
    public void ndiscRcv(SkBuff skb) {
        int t = trace.enter(StageFunction.NDISC_RCV, skb, null, 0, 0, 0, 0);
        long drops = net.dropCount();
        ndiscRcv0(skb);
        // ndisc_rcv returns 1 when it handled the message: here, when it was not dropped.
        trace.leave(t, t != 0 && net.dropCount() == drops ? 1 : 0);
    }

    private void ndiscRcv0(SkBuff skb) {
        net.charge(net.costs().neigh);
        NetDevice dev = l2.deviceByIndex(skb.ifindex());
        if (dev == null) {
            net.drop(skb, DropReason.LINK_DOWN);
            return;
        }
        skb.linearize();
        byte[] b = skb.buf();
        int nh = skb.networkHeader();
        int th = skb.data();
        int type = skb.len() > 0 ? b[th] & 0xff : 0;
        countIn(type);
        if ((b[nh + Ipv6Packet.HOP_LIMIT_OFFSET] & 0xff) != HOP_LIMIT) {
            net.drop(skb, DropReason.IPV6_NDISC_HOP_LIMIT);
            return;
        }
        if (skb.len() >= 2 && b[th + Icmpv6Packet.CODE_OFFSET] != 0) {
            net.drop(skb, DropReason.IPV6_NDISC_BAD_CODE);
            return;
        }
        WireError e = view.wrapNoChecksum(b, th, skb.len());
        if (e != WireError.OK) {
            net.drop(skb, switch (e) {
                case TRUNCATED -> DropReason.PKT_TOO_SMALL;
                case BAD_OPTION -> DropReason.IPV6_NDISC_BAD_OPTIONS;
                default -> DropReason.NOT_SPECIFIED; // a multicast target or redirect destination
            });
            return;
        }
        long srcHi = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET);
        long srcLo = Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET + 8);
        long dstHi = Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET);
        long dstLo = Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET + 8);
        DropReason r = switch (type) {
            case Icmpv6Packet.NEIGHBOR_SOLICITATION -> recvNs(dev, srcHi, srcLo, dstHi, dstLo);
            case Icmpv6Packet.NEIGHBOR_ADVERTISEMENT -> recvNa(dev, dstHi, dstLo);
            case Icmpv6Packet.ROUTER_SOLICITATION -> recvRs(dev, srcHi, srcLo);
            default -> null; // router advertisement, redirect: consumed unprocessed
        };
        if (r == null) {
            skb.consume();
        } else {
            net.drop(skb, r);
        }
    }

    private void countIn(int type) {
        Mib m = switch (type) {
            case Icmpv6Packet.ROUTER_SOLICITATION -> Mib.Icmp6InRouterSolicits;
            case Icmpv6Packet.ROUTER_ADVERTISEMENT -> Mib.Icmp6InRouterAdvertisements;
            case Icmpv6Packet.NEIGHBOR_SOLICITATION -> Mib.Icmp6InNeighborSolicits;
            case Icmpv6Packet.NEIGHBOR_ADVERTISEMENT -> Mib.Icmp6InNeighborAdvertisements;
            case Icmpv6Packet.REDIRECT -> Mib.Icmp6InRedirects;
            default -> null;
        };
        if (m != null) {
            net.counters().inc(m);
        }
    }

    private boolean forwarding(NetDevice dev) {
        Sysctls s = net.sysctls();
        String k = "net.ipv6.conf." + dev.name().replace('.', '/') + ".forwarding";
        return s.exists(k) && s.value(k).get() != 0;
    }

    /** ndisc_recv_ns; null when consumed, else the drop reason. */
    private DropReason recvNs(NetDevice dev, long srcHi, long srcLo, long dstHi, long dstLo) {
        Icmpv6Packet m = view;
        boolean dad = srcHi == 0 && srcLo == 0;
        boolean toSolicitedNode = dstHi == 0xff02_0000_0000_0000L && (dstLo >>> 24) == 0x0000_0001_ffL;
        if (dad && !toSolicitedNode) {
            return DropReason.NOT_SPECIFIED; // RFC 4861 7.1.1: DAD goes to the solicited-node address
        }
        long slla = m.sourceLinkLayerAddress();
        if (slla >= 0 && dad) {
            return DropReason.NOT_SPECIFIED; // RFC 4861 7.1.1: no SLLA option from ::
        }
        boolean inc = (dstHi >>> 56) == 0xff;
        Ipv6Address target = new Ipv6Address(m.targetHi(), m.targetLo());
        if (Addresses.onDeviceV6(dev, target.hi(), target.lo()) == null) {
            return DropReason.IPV6_NDISC_NS_OTHERHOST;
        }
        boolean router = forwarding(dev);
        if (dad) {
            sendNa(dev, Ipv6Address.ALL_NODES, target, router, false, true, true);
            return null;
        }
        if (inc) {
            stats.rcvProbesMcast++;
        } else {
            stats.rcvProbesUcast++;
        }
        Neighbour n = lookup(srcHi, srcLo, dev);
        if (n == null && (!inc || slla >= 0)) {
            n = create(srcHi, srcLo, dev);
        }
        if (n == null) {
            return DropReason.NOT_SPECIFIED;
        }
        update(n, slla, Nud.STALE, F_WEAK_OVERRIDE | F_OVERRIDE);
        sendNa(dev, new Ipv6Address(srcHi, srcLo), target, router, true, inc, inc);
        return null;
    }

    /** ndisc_recv_na; null when consumed, else the drop reason. */
    private DropReason recvNa(NetDevice dev, long dstHi, long dstLo) {
        Icmpv6Packet m = view;
        if ((dstHi >>> 56) == 0xff && m.naSolicited()) {
            return DropReason.NOT_SPECIFIED; // a solicited advertisement must be unicast
        }
        long tlla = m.targetLinkLayerAddress();
        if (Addresses.onDeviceV6(dev, m.targetHi(), m.targetLo()) != null) {
            return DropReason.NOT_SPECIFIED; // someone advertises our own address
        }
        Neighbour n = lookup(m.targetHi(), m.targetLo(), dev);
        if (n == null || (n.state & Nud.FAILED) != 0) {
            return DropReason.NOT_SPECIFIED;
        }
        int flags = F_WEAK_OVERRIDE | F_OVERRIDE_ISROUTER | (m.naOverride() ? F_OVERRIDE : 0) | (m.naRouter() ? F_ISROUTER : 0);
        update(n, tlla, m.naSolicited() ? Nud.REACHABLE : Nud.STALE, flags);
        return null;
    }

    /** ndisc_recv_rs: only a router (forwarding on) learns from solicitations. */
    private DropReason recvRs(NetDevice dev, long srcHi, long srcLo) {
        if (!forwarding(dev)) {
            return DropReason.NOT_SPECIFIED;
        }
        long slla = view.sourceLinkLayerAddress();
        if (slla < 0 || (srcHi == 0 && srcLo == 0)) {
            return null;
        }
        Neighbour n = lookup(srcHi, srcLo, dev);
        if (n == null) {
            n = create(srcHi, srcLo, dev);
        }
        if (n != null) {
            update(n, slla, Nud.STALE, F_WEAK_OVERRIDE | F_OVERRIDE | F_OVERRIDE_ISROUTER);
        }
        return null;
    }
}
