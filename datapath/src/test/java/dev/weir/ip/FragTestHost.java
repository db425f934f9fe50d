package dev.weir.ip;

import dev.weir.api.wire.Bytes;
import dev.weir.core.DropReason;
import dev.weir.core.NetNs;
import dev.weir.sim.Scheduler;
import dev.weir.sim.SimRandom;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.List;

/** A bare namespace with the IP layers' reassembly and fragmentation, recording what they ask of ICMP. */
final class FragTestHost implements FragIcmp {
    final Scheduler scheduler = new Scheduler();
    final NetNs net = new NetNs("host", scheduler, new SimRandom(42), 1);
    final IpSysctls sys = new IpSysctls(net.sysctls());
    final InetPeers peers4 = new InetPeers();
    final Ipv4Reassembly reasm4 = new Ipv4Reassembly(net, sys, peers4, this);
    final Ipv6Reassembly reasm6 = new Ipv6Reassembly(net, sys, this);
    final Ipv4Fragmenter frag4 = new Ipv4Fragmenter(net);
    final Ipv6Fragmenter frag6 = new Ipv6Fragmenter(net, net.random().split("ipv6-frag-id"));

    /** Bytes of the first fragments that timed out, as handed to ICMP. */
    final List<byte[]> timedOut = new ArrayList<>();
    /** Parameter problems asked for: code, pointer. */
    final List<int[]> paramProblems = new ArrayList<>();

    FragTestHost() {
        net.pool().trackLeaks(true);
    }

    @Override
    public void reassemblyTimedOut(SkBuff head, int iif) {
        timedOut.add(head.toByteArray());
    }

    @Override
    public void parameterProblem(SkBuff skb, int code, int pointer) {
        paramProblems.add(new int[] {code, pointer});
        net.drop(skb, DropReason.IP_INHDR);
    }

    /** An IPv4 packet in a buffer as ip_rcv leaves it: data at the header, trimmed to the total length. */
    SkBuff v4(byte[] packet) {
        int total = Bytes.u16(packet, 2);
        return received(packet, total);
    }

    /** An IPv6 packet as ipv6_rcv leaves it: data at the header, trimmed to 40 + payload length. */
    SkBuff v6(byte[] packet) {
        return received(packet, 40 + Bytes.u16(packet, 4));
    }

    /** The truesize a received buffer holding {@code packet} is charged. */
    int truesizeOf(byte[] packet) {
        SkBuff skb = v4(packet);
        int t = Skbs.truesize(skb);
        skb.consume();
        return t;
    }

    private SkBuff received(byte[] packet, int len) {
        SkBuff skb = net.pool().alloc(Math.max(2048, len), SkBuff.NET_SKB_PAD + 14);
        skb.putBytes(packet, 0, len);
        skb.resetNetworkHeader();
        skb.setIngressIfindex(2);
        skb.setIfindex(2);
        IpCb.setIif(skb, 2);
        return skb;
    }

    /** IPv6 defrag of a packet whose Fragment header follows the fixed header directly. */
    SkBuff defrag6(SkBuff skb) {
        return reasm6.defrag(skb, skb.data() + 40, 6);
    }
}
