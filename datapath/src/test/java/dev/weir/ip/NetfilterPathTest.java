package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.IpProtocol;
import dev.weir.core.DropReason;
import dev.weir.api.prog.NfHook;
import dev.weir.api.prog.NfVerdict;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The netfilter hooks see packets where Linux's do: PREROUTING and INPUT for local delivery,
 * PREROUTING, FORWARD and POSTROUTING for forwarding, OUTPUT and POSTROUTING for what a host
 * sends; a DROP at any of them ends the packet there as NETFILTER_DROP; STOLEN hands it over.
 */
class NetfilterPathTest {
    private final IpTestNet net = new IpTestNet();
    private final IpTestNet.Host a = net.host("a");
    private final IpTestNet.Host r = net.host("r");
    private final IpTestNet.Host b = net.host("b");
    private final IpTestNet.Dev aEth = a.dev("eth0");
    private final IpTestNet.Dev rEth0 = r.dev("eth0");
    private final IpTestNet.Dev rEth1 = r.dev("eth1");
    private final IpTestNet.Dev bEth = b.dev("eth0");
    private final List<SkBuff> atB = new ArrayList<>();

    NetfilterPathTest() {
        IpTestNet.connect(aEth, rEth0);
        IpTestNet.connect(rEth1, bEth);
        a.ip("addr add 10.0.1.1/24 dev eth0");
        a.ip("addr add fd01::1/64 dev eth0");
        a.ip("route add default via 10.0.1.254");
        a.ip("-6 route add default via fd01::fe");
        r.ip("addr add 10.0.1.254/24 dev eth0");
        r.ip("addr add 10.0.2.254/24 dev eth1");
        r.ip("addr add fd01::fe/64 dev eth0");
        r.ip("addr add fd02::fe/64 dev eth1");
        r.sysctl("net.ipv4.ip_forward", "1");
        r.sysctl("net.ipv6.conf.all.forwarding", "1");
        b.ip("addr add 10.0.2.1/24 dev eth0");
        b.ip("addr add fd02::1/64 dev eth0");
        b.ip.v4().register(IpProtocol.UDP, atB::add);
        b.ip.v6().register(IpProtocol.UDP, atB::add);
    }

    @AfterEach
    void nothingLeaks() {
        atB.forEach(SkBuff::consume);
        net.assertNoLeaks();
    }

    /** Records "host:HOOK" for every packet on every hook of {@code pf}, answering {@code verdict} at {@code dropAt}. */
    private List<String> watch(int pf, String dropHost, int dropAt, int verdict, List<SkBuff> stolen) {
        List<String> seen = new ArrayList<>();
        for (IpTestNet.Host h : List.of(a, r, b)) {
            for (int hook = 0; hook < NfHook.COUNT; hook++) {
                int hk = hook;
                h.nf.register(pf, hook, NfHook.PRI_FILTER, "watch", (st, skb) -> {
                    seen.add(h.ns.name() + ":" + NfHook.name(hk) + (st.in() != null ? " in " + st.in().name() : "")
                            + (st.out() != null ? " out " + st.out().name() : ""));
                    if (h.ns.name().equals(dropHost) && hk == dropAt) {
                        if (verdict == NfVerdict.STOLEN) {
                            stolen.add(skb);
                        }
                        return verdict;
                    }
                    return NfVerdict.ACCEPT;
                });
            }
        }
        return seen;
    }

    private void sendUdp4() {
        SkBuff skb = a.ns.pool().alloc(12, SkBuff.MAX_HEADER);
        int at = skb.put(12);
        Bytes.put16(skb.buf(), at + 4, 12);
        a.ip.v4().send(skb, 0, 0x0a00_0201, IpProtocol.UDP);
        net.run(1_000_000);
    }

    private void sendUdp6() {
        SkBuff skb = a.ns.pool().alloc(12, SkBuff.MAX_HEADER);
        int at = skb.put(12);
        Bytes.put16(skb.buf(), at + 4, 12);
        dev.weir.api.wire.Ipv6Address dst = dev.weir.api.wire.Ipv6Address.parse("fd02::1");
        a.ip.v6().send(skb, 0, 0, dst.hi(), dst.lo(), IpProtocol.UDP, 0, 0, -1, Ipv6.PMTUDISC_DEFAULT, 0, null);
        net.run(1_000_000);
    }

    @Test
    void eachIpv4StageCrossesItsHookWithTheDevicesLinuxNames() {
        List<String> seen = watch(NfHook.PF_IPV4, "", -1, NfVerdict.ACCEPT, null);
        sendUdp4();
        assertThat(seen).containsExactly(
                "a:OUTPUT out eth0", "a:POSTROUTING out eth0",
                "r:PREROUTING in eth0", "r:FORWARD in eth0 out eth1", "r:POSTROUTING in eth0 out eth1",
                "b:PREROUTING in eth0", "b:INPUT in eth0");
        assertThat(atB).hasSize(1);
    }

    @Test
    void eachIpv6StageCrossesItsHook() {
        List<String> seen = watch(NfHook.PF_IPV6, "", -1, NfVerdict.ACCEPT, null);
        sendUdp6();
        assertThat(seen).containsExactly(
                "a:OUTPUT out eth0", "a:POSTROUTING out eth0",
                "r:PREROUTING in eth0", "r:FORWARD in eth0 out eth1", "r:POSTROUTING in eth0 out eth1",
                "b:PREROUTING in eth0", "b:INPUT in eth0");
        assertThat(atB).hasSize(1);
    }

    @Test
    void aDropAtAnyHookEndsThePacketThereAsNetfilterDrop() {
        String[][] where = {{"a", "3"}, {"a", "4"}, {"r", "0"}, {"r", "2"}, {"r", "4"}, {"b", "0"}, {"b", "1"}};
        for (String[] w : where) {
            for (IpTestNet.Host h : List.of(a, r, b)) {
                for (int hook = 0; hook < NfHook.COUNT; hook++) {
                    for (var cb : h.nf.callbacks(NfHook.PF_IPV4, hook)) {
                        cb.unregister();
                    }
                }
            }
            List<String> seen = watch(NfHook.PF_IPV4, w[0], Integer.parseInt(w[1]), NfVerdict.DROP, null);
            IpTestNet.Host h = w[0].equals("a") ? a : w[0].equals("r") ? r : b;
            long before = h.drops(DropReason.NETFILTER_DROP);
            sendUdp4();
            assertThat(h.drops(DropReason.NETFILTER_DROP)).as("drop at %s %s", w[0], NfHook.name(Integer.parseInt(w[1]))).isEqualTo(before + 1);
            assertThat(seen.get(seen.size() - 1)).startsWith(w[0] + ":" + NfHook.name(Integer.parseInt(w[1])));
        }
        assertThat(atB).isEmpty();
    }

    @Test
    void aLocalSendDroppedAtOutputReturnsEperm() {
        watch(NfHook.PF_IPV4, "a", NfHook.OUTPUT, NfVerdict.DROP, null);
        SkBuff skb = a.ns.pool().alloc(12, SkBuff.MAX_HEADER);
        skb.put(12);
        assertThat(a.ip.v4().send(skb, 0, 0x0a00_0201, IpProtocol.UDP)).isEqualTo(-Ipv4.EPERM);
    }

    @Test
    void aStolenPacketIsTheCallbacksAndGoesNoFurther() {
        List<SkBuff> stolen = new ArrayList<>();
        List<String> seen = watch(NfHook.PF_IPV4, "r", NfHook.FORWARD, NfVerdict.STOLEN, stolen);
        sendUdp4();
        assertThat(stolen).hasSize(1);
        assertThat(seen.get(seen.size() - 1)).startsWith("r:FORWARD");
        assertThat(r.ns.counters().totalDrops()).isZero();
        assertThat(rEth1.sent).isEmpty();
        stolen.get(0).consume();
    }
}
