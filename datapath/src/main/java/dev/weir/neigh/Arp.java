package dev.weir.neigh;

import dev.weir.api.prog.StageFunction;

import dev.weir.api.wire.ArpPacket;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.WireError;
import dev.weir.core.DropReason;
import dev.weir.core.InetAddress4;
import dev.weir.core.NetDevice;
import dev.weir.core.Sysctls;
import dev.weir.l2.Eth;
import dev.weir.l2.L2;
import dev.weir.l2.PacketHandler;
import dev.weir.skb.SkBuff;

/**
 * ARP (RFC 826, Linux's {@code net/ipv4/arp.c}): the IPv4 neighbour table, the resolution
 * requests it sends, and the handler of received ARP packets (EtherType 0x0806).
 *
 * <p><b>Requests</b> (arp_solicit): broadcast while INCOMPLETE, unicast to the known address while
 * PROBE; the target hardware address is zero. The sender address follows
 * {@code net.ipv4.conf.DEV.arp_announce}: 0 (default) the waiting packet's source if it is a
 * local address, 1 that source only if on the target's subnet, 2 never; otherwise the device's
 * primary address on the target's subnet, its first primary address, or any other device's.
 *
 * <p><b>Received packets</b> (arp_rcv, arp_process): frames for other hosts and devices with
 * NOARP are consumed unread. A request for a local address (of any device, as with
 * {@code arp_ignore} 0; 1: only if configured on the receiving device; 2: and the sender on its
 * subnet; 3: not for host-scope addresses; 8: never) is answered and its sender entered STALE
 * (or refreshed). Otherwise an existing entry for the sender is updated: a unicast reply to us
 * makes it REACHABLE, a broadcast reply or a request STALE; a different address overrides only
 * after {@code locktime} since the last update, or from a gratuitous ARP (sender = target, the
 * sender's address not ours). No entry is created for unsolicited packets ({@code arp_accept} 0;
 * 1 creates them from gratuitous ARP and replies). Multicast and loopback targets are dropped.
 * Proxy ARP and arp_filter are not implemented.
 *
 * <p>Each packet processed charges {@code StageCosts.neigh}.
 */
public final class Arp extends NeighTable implements PacketHandler {
    private final ArpPacket view = new ArpPacket();

    private Arp(L2 l2) {
        super(l2, "ipv4", EtherType.IPV4, 100);
        Sysctls s = net.sysctls();
        conf(s, "arp_ignore", 0, 8, "which ARP requests for local addresses to answer (0 any, 1 on this device, 2 and sender on its subnet, 3 not host scope, 8 none)");
        conf(s, "arp_announce", 0, 2, "which sender address ARP requests carry (0 the packet's, 1 only on the target's subnet, 2 the device's primary)");
        conf(s, "arp_accept", 0, 2, "create neighbour entries from gratuitous ARP and unsolicited replies (1)");
        conf(s, "arp_evict_nocarrier", 1, 1, "flush the device's ARP entries when it loses carrier");
    }

    /** Creates the ARP table of {@code l2}'s namespace and registers it for EtherType 0x0806. */
    public static Arp install(L2 l2) {
        Arp arp = new Arp(l2);
        l2.register(EtherType.ARP, arp);
        return arp;
    }

    private static void conf(Sysctls s, String leaf, long def, long max, String doc) {
        if (!s.exists("net.ipv4.conf.default." + leaf)) {
            s.registerPerDevice("net.ipv4.conf", leaf, true, def, 0, max, doc);
        }
    }

    /** IN_DEV_MAXCONF: the larger of the "all" and the device's value. */
    private long maxConf(NetDevice dev, String leaf) {
        Sysctls s = net.sysctls();
        return Math.max(s.value("net.ipv4.conf.all." + leaf).get(), s.device("net.ipv4.conf", dev.name(), leaf).get());
    }

    @Override
    protected String keyString(long hi, long lo) {
        return Ipv4Address.toString((int) lo);
    }

    @Override
    protected boolean evictOnCarrierLoss(NetDevice dev) {
        return maxConf(dev, "arp_evict_nocarrier") != 0;
    }

    // ---- the IP layer's entry points -------------------------------------------------------

    /**
     * ip_finish_output2's neighbour step: sends IPv4 packet {@code skb} (data at its IP header)
     * to next hop {@code nexthop} on {@code dev}, resolving it first if needed. Takes ownership.
     */
    public int output(SkBuff skb, int nexthop, NetDevice dev) {
        return output(skb, 0, nexthop & 0xffff_ffffL, dev);
    }

    /** The entry for {@code ip} on {@code dev}, or null. */
    public Neighbour lookup(int ip, NetDevice dev) {
        return lookup(0, ip & 0xffff_ffffL, dev);
    }

    /** The entry for {@code ip} on {@code dev}, created if missing (null when the table is full). */
    public Neighbour create(int ip, NetDevice dev) {
        return create(0, ip & 0xffff_ffffL, dev);
    }

    // ---- the table's protocol part ----------------------------------------------------------

    /** arp_constructor. */
    @Override
    protected void construct(Neighbour n) {
        int ip = (int) n.keyLo;
        NetDevice dev = n.dev;
        if (Addresses.isMulticastV4(ip)) {
            n.state = Nud.NOARP;
            n.ha = 0x0100_5e00_0000L | (ip & 0x7f_ffffL);
        } else if ((dev.flags() & (NetDevice.IFF_NOARP | NetDevice.IFF_LOOPBACK)) != 0) {
            n.state = Nud.NOARP;
            n.ha = dev.mac();
        } else if (Addresses.isBroadcastV4(net, ip) || (dev.flags() & NetDevice.IFF_POINTOPOINT) != 0) {
            n.state = Nud.NOARP;
            n.ha = Eth.BROADCAST;
        }
    }

    /** arp_solicit. */
    @Override
    protected void solicit(Neighbour n, SkBuff queued) {
        NetDevice dev = n.dev;
        int target = (int) n.keyLo;
        int saddr = 0;
        long announce = maxConf(dev, "arp_announce");
        if (queued != null && queued.networkHeader() >= 0 && queued.networkHeader() + 20 <= queued.tail()) {
            int src = Bytes.i32(queued.buf(), queued.networkHeader() + 12);
            if (announce == 0 && Addresses.isLocalV4(net, src)) {
                saddr = src;
            } else if (announce == 1 && Addresses.isLocalV4(net, src) && Addresses.onLink(dev, target, src)) {
                saddr = src;
            }
        }
        if (saddr == 0) {
            saddr = Addresses.selectV4(net, dev, target);
        }
        NeighParms p = parms(dev);
        int probes = n.probes - (int) p.ucastSolicit.get();
        long dst;
        if (probes < 0) {
            dst = n.ha; // PROBE: unicast to the address we have
        } else if (probes - (int) p.appSolicit.get() < 0) {
            return; // left to a user-space daemon (app_solicit): Weir has none
        } else {
            dst = Eth.BROADCAST;
        }
        send(ArpPacket.OP_REQUEST, dev, dst, saddr, dev.mac(), target, 0);
    }

    /**
     * arp_create + arp_xmit: an ARP packet out of {@code dev} in an Ethernet frame to
     * {@code ethDst} (no padding: the NIC pads to 60 bytes, and taps see 42 as in Linux).
     */
    void send(int op, NetDevice dev, long ethDst, int senderIp, long senderMac, int targetIp, long targetMac) {
        net.charge(net.costs().neigh);
        SkBuff skb = net.pool().alloc(ArpPacket.LEN, SkBuff.NET_SKB_PAD + Eth.HLEN);
        int at = skb.put(ArpPacket.LEN);
        byte[] b = skb.buf();
        Bytes.put16(b, at + ArpPacket.HTYPE_OFFSET, ArpPacket.HTYPE_ETHERNET);
        Bytes.put16(b, at + ArpPacket.PTYPE_OFFSET, EtherType.IPV4);
        b[at + ArpPacket.HLEN_OFFSET] = 6;
        b[at + ArpPacket.PLEN_OFFSET] = 4;
        Bytes.put16(b, at + ArpPacket.OPER_OFFSET, op);
        Bytes.put48(b, at + ArpPacket.SHA_OFFSET, senderMac);
        Bytes.put32(b, at + ArpPacket.SPA_OFFSET, senderIp);
        Bytes.put48(b, at + ArpPacket.THA_OFFSET, targetMac);
        Bytes.put32(b, at + ArpPacket.TPA_OFFSET, targetIp);
        skb.resetNetworkHeader();
        Eth.hardHeader(skb, dev, EtherType.ARP, ethDst);
        l2.devQueueXmit(skb, dev);
    }

    // ---- receive ---------------------------------------------------------------------------

    /** arp_rcv + arp_process. Takes ownership of {@code skb}. */
    @Override
    public void rcv(SkBuff skb, NetDevice dev) {
        int t = trace.enter(StageFunction.ARP_RCV, skb, null, 0, dev.ifindex(), 0, dev.ifindex());
        rcv0(skb, dev);
        trace.leaveRx(t);
    }

    private void rcv0(SkBuff skb, NetDevice dev) {
        net.charge(net.costs().neigh);
        if ((dev.flags() & NetDevice.IFF_NOARP) != 0 || skb.pktType() == SkBuff.PACKET_OTHERHOST) {
            skb.consume(); // not for us: consumed unread, not a drop (as Linux)
            return;
        }
        if (!skb.mayPull(ArpPacket.LEN)) {
            net.drop(skb, DropReason.PKT_TOO_SMALL);
            return;
        }
        ArpPacket a = view;
        if (a.wrap(skb.buf(), skb.data(), skb.headLen()) != WireError.OK) {
            net.drop(skb, DropReason.NOT_SPECIFIED); // another hardware/protocol pairing or operation
            return;
        }
        int op = a.operation();
        long sha = a.senderMac();
        int sip = a.senderIp();
        long tha = a.targetMac();
        int tip = a.targetIp();
        if (Addresses.isMulticastV4(tip) || (tip >>> 24) == 127) {
            net.drop(skb, DropReason.NOT_SPECIFIED);
            return;
        }
        if (sip == 0) {
            // RFC 2131 duplicate address detection probe: answered, nothing learned.
            if (op == ArpPacket.OP_REQUEST && Addresses.isLocalV4(net, tip) && !ignore(dev, sip, tip)) {
                send(ArpPacket.OP_REPLY, dev, sha, tip, dev.mac(), sip, sha);
            }
            skb.consume();
            return;
        }
        if (op == ArpPacket.OP_REQUEST && Addresses.isLocalV4(net, tip)) {
            if (!ignore(dev, sip, tip)) {
                // neigh_event_ns: the requester is probably about to talk to us.
                Neighbour n = create(sip, dev);
                if (n != null) {
                    update(n, sha, Nud.STALE, F_OVERRIDE);
                    send(ArpPacket.OP_REPLY, dev, sha, tip, dev.mac(), sip, sha);
                }
            }
            skb.consume();
            return;
        }
        Neighbour n = lookup(sip, dev);
        boolean garp = false;
        boolean accept = maxConf(dev, "arp_accept") != 0;
        if (n != null || accept) {
            garp = sip == tip && (op != ArpPacket.OP_REPLY || sha == tha) && Addresses.isUnicastV4(net, sip);
        }
        if (accept && n == null && (garp || (op == ArpPacket.OP_REPLY && Addresses.isUnicastV4(net, sip)))) {
            n = create(sip, dev);
        }
        if (n != null) {
            NeighParms p = parms(dev);
            boolean override = net.now() > n.updated + p.locktime.get() * 10_000_000L || garp;
            // Broadcast replies and requests do not assert reachability.
            int state = op == ArpPacket.OP_REPLY && skb.pktType() == SkBuff.PACKET_HOST ? Nud.REACHABLE : Nud.STALE;
            update(n, sha, state, override ? F_OVERRIDE : 0);
        }
        skb.consume();
    }

    /** arp_ignore: true when the request for {@code tip} from {@code sip} must go unanswered. */
    private boolean ignore(NetDevice dev, int sip, int tip) {
        int mode = (int) maxConf(dev, "arp_ignore");
        return switch (mode) {
            case 1 -> !Addresses.configuredOn(dev, tip, 0, InetAddress4.SCOPE_HOST);
            case 2 -> !Addresses.configuredOn(dev, tip, sip, InetAddress4.SCOPE_HOST);
            case 3 -> !Addresses.confirmedAnywhere(net, tip, InetAddress4.SCOPE_LINK);
            case 8 -> true;
            default -> false;
        };
    }
}
