package dev.weir.netfilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.prog.NfHook;
import dev.weir.api.prog.NfVerdict;
import dev.weir.core.DropReason;
import dev.weir.core.NetNs;
import dev.weir.sim.Scheduler;
import dev.weir.sim.SimRandom;
import dev.weir.skb.SkBuff;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NetfilterTest {
    private static final int V4 = NfHook.PF_IPV4;
    private static final int V6 = NfHook.PF_IPV6;

    private final NetNs net = new NetNs("h", new Scheduler(), new SimRandom(1), 1);
    private final Netfilter nf = new Netfilter(net);
    private final List<String> calls = new ArrayList<>();
    private final List<SkBuff> finished = new ArrayList<>();
    private final NfOkFn finish = skb -> {
        calls.add("okfn");
        finished.add(skb);
    };

    @AfterEach
    void nothingLeaks() {
        finished.forEach(SkBuff::consume);
        net.pool().assertNoLeaks();
    }

    private SkBuff packet() {
        SkBuff skb = net.pool().alloc(64, 64);
        skb.put(20);
        return skb;
    }

    private NfHookFn recording(String name, int verdict) {
        return (st, skb) -> {
            calls.add(name);
            return verdict;
        };
    }

    @Test
    void chainRunsByLinuxPriorityAndEqualPrioritiesInRegistrationOrder() {
        nf.register(V4, NfHook.PREROUTING, NfHook.PRI_NAT_SRC, "snat", recording("snat", NfVerdict.ACCEPT));
        nf.register(V4, NfHook.PREROUTING, NfHook.PRI_FILTER, "filter-a", recording("filter-a", NfVerdict.ACCEPT));
        nf.register(V4, NfHook.PREROUTING, NfHook.PRI_CONNTRACK, "conntrack", recording("conntrack", NfVerdict.ACCEPT));
        nf.register(V4, NfHook.PREROUTING, NfHook.PRI_SECURITY, "security", recording("security", NfVerdict.ACCEPT));
        nf.register(V4, NfHook.PREROUTING, NfHook.PRI_MANGLE, "mangle", recording("mangle", NfVerdict.ACCEPT));
        nf.register(V4, NfHook.PREROUTING, NfHook.PRI_FILTER, "filter-b", recording("filter-b", NfVerdict.ACCEPT));
        nf.register(V4, NfHook.PREROUTING, NfHook.PRI_NAT_DST, "dnat", recording("dnat", NfVerdict.ACCEPT));

        int v = nf.hook(V4, NfHook.PREROUTING, packet(), null, null, null, finish);

        assertThat(v).isEqualTo(NfVerdict.ACCEPT);
        assertThat(calls).containsExactly("conntrack", "mangle", "dnat", "filter-a", "filter-b", "security", "snat", "okfn");
        assertThat(NfHook.PRI_CONNTRACK).isEqualTo(-200);
        assertThat(NfHook.PRI_MANGLE).isEqualTo(-150);
        assertThat(NfHook.PRI_NAT_DST).isEqualTo(-100);
        assertThat(NfHook.PRI_SECURITY).isEqualTo(50);
        assertThat(NfHook.PRI_NAT_SRC).isEqualTo(100);
    }

    @Test
    void hooksAreSeparatePerFamilyAndHook() {
        nf.register(V6, NfHook.INPUT, 0, "v6-input", recording("v6-input", NfVerdict.DROP));
        nf.hook(V4, NfHook.INPUT, packet(), null, null, null, finish);
        nf.hook(V6, NfHook.FORWARD, packet(), null, null, null, finish);
        assertThat(calls).containsExactly("okfn", "okfn");
        assertThat(nf.hasCallbacks(V6, NfHook.INPUT)).isTrue();
        assertThat(nf.hasCallbacks(V4, NfHook.INPUT)).isFalse();
    }

    @Test
    void stateNamesHookFamilyDevicesAndSocket() {
        Object sock = new Object();
        NfHookState[] seen = new NfHookState[1];
        int[] hook = new int[2];
        nf.register(V6, NfHook.OUTPUT, 0, "look", (st, skb) -> {
            seen[0] = st;
            hook[0] = st.hook();
            hook[1] = st.pf();
            assertThat(st.sk()).isSameAs(sock);
            assertThat(st.net()).isSameAs(net);
            assertThat(st.okfn()).isSameAs(finish);
            return NfVerdict.ACCEPT;
        });
        nf.hook(V6, NfHook.OUTPUT, packet(), null, null, sock, finish);
        assertThat(hook).containsExactly(NfHook.OUTPUT, V6);
        assertThat(seen[0].sk()).as("state is cleared after the run: callbacks must not keep it").isNull();
    }

    @Test
    void dropFreesThePacketUnderNetfilterDropAndSkipsTheRest() {
        nf.register(V4, NfHook.FORWARD, 0, "drop", recording("drop", NfVerdict.DROP));
        nf.register(V4, NfHook.FORWARD, 10, "later", recording("later", NfVerdict.ACCEPT));
        SkBuff skb = packet();
        int v = nf.hook(V4, NfHook.FORWARD, skb, null, null, null, finish);
        assertThat(v).isEqualTo(NfVerdict.DROP);
        assertThat(calls).containsExactly("drop");
        assertThat(skb.isFreed()).isTrue();
        assertThat(net.counters().drops(DropReason.NETFILTER_DROP)).isEqualTo(1);
    }

    @Test
    void stolenLeavesThePacketWithTheCallback() {
        List<SkBuff> kept = new ArrayList<>();
        nf.register(V4, NfHook.INPUT, 0, "steal", (st, skb) -> {
            kept.add(skb);
            return NfVerdict.STOLEN;
        });
        nf.register(V4, NfHook.INPUT, 10, "later", recording("later", NfVerdict.ACCEPT));
        int v = nf.hook(V4, NfHook.INPUT, packet(), null, null, null, finish);
        assertThat(v).isEqualTo(NfVerdict.STOLEN);
        assertThat(calls).isEmpty();
        assertThat(kept.get(0).isFreed()).isFalse();
        assertThat(net.counters().totalDrops()).isZero();
        kept.get(0).consume();
    }

    @Test
    void queueIsUnsupportedSoTheCallbackDropsItAndItIsCounted() {
        nf.register(V4, NfHook.PREROUTING, 0, "queue", recording("queue", NfVerdict.QUEUE));
        int v = nf.hook(V4, NfHook.PREROUTING, packet(), null, null, null, finish);
        assertThat(v).isEqualTo(NfVerdict.DROP);
        assertThat(nf.queueDrops()).isEqualTo(1);
        assertThat(net.counters().drops(DropReason.NETFILTER_DROP)).isEqualTo(1);
        assertThat(calls).containsExactly("queue");
    }

    @Test
    void stopAcceptsWithoutRunningTheRest() {
        nf.register(V4, NfHook.POSTROUTING, 0, "stop", recording("stop", NfVerdict.STOP));
        nf.register(V4, NfHook.POSTROUTING, 10, "later", recording("later", NfVerdict.DROP));
        int v = nf.hook(V4, NfHook.POSTROUTING, packet(), null, null, null, finish);
        assertThat(v).isEqualTo(NfVerdict.ACCEPT);
        assertThat(calls).containsExactly("stop", "okfn");
    }

    @Test
    void repeatCallsTheSameCallbackAgainUntilItDecides() {
        int[] n = new int[1];
        nf.register(V4, NfHook.PREROUTING, 0, "first", recording("first", NfVerdict.ACCEPT));
        nf.register(V4, NfHook.PREROUTING, 5, "repeat", (st, skb) -> {
            calls.add("repeat");
            return ++n[0] < 3 ? NfVerdict.REPEAT : NfVerdict.ACCEPT;
        });
        nf.register(V4, NfHook.PREROUTING, 10, "last", recording("last", NfVerdict.ACCEPT));
        nf.hook(V4, NfHook.PREROUTING, packet(), null, null, null, finish);
        assertThat(calls).containsExactly("first", "repeat", "repeat", "repeat", "last", "okfn");
    }

    @Test
    void endlessRepeatIsBoundedAndDropsThePacket() {
        int[] n = new int[1];
        nf.register(V4, NfHook.PREROUTING, 0, "forever", (st, skb) -> {
            n[0]++;
            return NfVerdict.REPEAT;
        });
        SkBuff skb = packet();
        int v = nf.hook(V4, NfHook.PREROUTING, skb, null, null, null, finish);
        assertThat(v).isEqualTo(NfVerdict.DROP);
        assertThat(n[0]).isEqualTo(1 + Netfilter.MAX_REPEATS);
        assertThat(nf.repeatDrops()).isEqualTo(1);
        assertThat(skb.isFreed()).isTrue();
        assertThat(net.counters().drops(DropReason.NETFILTER_DROP)).isEqualTo(1);
    }

    @Test
    void aValueThatIsNoVerdictDropsAndIsCounted() {
        nf.register(V4, NfHook.PREROUTING, 0, "broken", (st, skb) -> 42);
        assertThat(nf.hook(V4, NfHook.PREROUTING, packet(), null, null, null, finish)).isEqualTo(NfVerdict.DROP);
        assertThat(nf.invalidVerdicts()).isEqualTo(1);
    }

    @Test
    void registrationWhileRunningTakesEffectFromTheNextPacket() {
        List<NfHookHandle> added = new ArrayList<>();
        nf.register(V4, NfHook.PREROUTING, 0, "adder", (st, skb) -> {
            calls.add("adder");
            if (added.isEmpty()) {
                added.add(nf.register(V4, NfHook.PREROUTING, 10, "added", recording("added", NfVerdict.ACCEPT)));
            }
            return NfVerdict.ACCEPT;
        });
        nf.hook(V4, NfHook.PREROUTING, packet(), null, null, null, finish);
        assertThat(calls).containsExactly("adder", "okfn");
        calls.clear();
        nf.hook(V4, NfHook.PREROUTING, packet(), null, null, null, finish);
        assertThat(calls).containsExactly("adder", "added", "okfn");
    }

    @Test
    void aCallbackUnregisteredWhileRunningIsNotCalledAgainEvenForThisPacket() {
        NfHookHandle[] victim = new NfHookHandle[1];
        nf.register(V4, NfHook.INPUT, 0, "remover", (st, skb) -> {
            calls.add("remover");
            if (victim[0].isRegistered()) {
                victim[0].unregister();
            }
            return NfVerdict.ACCEPT;
        });
        victim[0] = nf.register(V4, NfHook.INPUT, 10, "victim", recording("victim", NfVerdict.DROP));
        nf.hook(V4, NfHook.INPUT, packet(), null, null, null, finish);
        assertThat(calls).containsExactly("remover", "okfn");
        assertThat(nf.callbacks(V4, NfHook.INPUT)).extracting(NfHookHandle::name).containsExactly("remover");
        assertThatThrownBy(victim[0]::unregister).hasMessageContaining("victim").hasMessageContaining("not registered");
    }

    @Test
    void nestedHooksFromInsideACallbackGetTheirOwnState() {
        // A callback that answers with a packet of its own (a REJECT sending an ICMP error):
        // the reply crosses OUTPUT while PREROUTING is still running.
        nf.register(V4, NfHook.OUTPUT, 0, "out", (st, skb) -> {
            calls.add("out:" + NfHook.name(st.hook()));
            return NfVerdict.ACCEPT;
        });
        nf.register(V4, NfHook.PREROUTING, 0, "reject", (st, skb) -> {
            nf.hook(V4, NfHook.OUTPUT, packet(), null, null, null, finish);
            calls.add("reject:" + NfHook.name(st.hook()));
            return NfVerdict.DROP;
        });
        nf.hook(V4, NfHook.PREROUTING, packet(), null, null, null, finish);
        assertThat(calls).containsExactly("out:OUTPUT", "okfn", "reject:PREROUTING");
    }

    @Test
    void refusesUnknownFamiliesAndHooks() {
        assertThatThrownBy(() -> nf.register(7, 0, 0, "x", recording("x", 1))).hasMessageContaining("got 7");
        assertThatThrownBy(() -> nf.register(V4, 5, 0, "x", recording("x", 1))).hasMessageContaining("got 5");
    }

    @Test
    void runningHooksAllocatesNothingPerPacket() {
        nf.register(V4, NfHook.PREROUTING, 0, "a", (st, skb) -> NfVerdict.ACCEPT);
        nf.register(V4, NfHook.PREROUTING, 1, "b", (st, skb) -> NfVerdict.ACCEPT);
        SkBuff skb = packet();
        NfOkFn none = s -> { };
        Runnable round = () -> {
            nf.hook(V4, NfHook.PREROUTING, skb, null, null, null, none);
            nf.hook(V4, NfHook.INPUT, skb, null, null, null, none);
        };
        round.run();
        round.run();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            round.run();
        }
        long bytes = threads.getCurrentThreadAllocatedBytes() - before;
        skb.consume();
        // One 16-byte object per run would be 3.2 MB; the JIT and the counter take a few kB.
        assertThat(bytes).as("bytes allocated by 200,000 hook runs").isLessThan(200_000);
    }
}
