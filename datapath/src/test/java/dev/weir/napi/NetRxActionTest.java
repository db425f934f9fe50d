package dev.weir.napi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.EtherType;
import dev.weir.core.Cpu;
import dev.weir.core.DropReason;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbQueue;
import dev.weir.testing.Frames;
import dev.weir.testing.TestHost;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NetRxActionTest {
    private final TestHost h = new TestHost("h", 4);

    @AfterEach
    void nothingLeaked() {
        h.assertNoLeaks();
    }

    /** An skb as a driver hands it up after eth_type_trans: data at the IPv4 header. */
    private SkBuff packet(int sport) {
        SkBuff s = Frames.skb(h.net.pool(), Frames.tcp4().udp().ports(sport, 53).payload(100).build());
        s.resetMacHeader();
        s.pull(14);
        s.resetNetworkHeader();
        s.setProtocol(EtherType.IPV4);
        return s;
    }

    /** A driver whose "ring" is a queue of ready packets, each costing {@code cost} ns to read. */
    private final class QueueDriver implements Napi.Driver {
        final SkbQueue ring = new SkbQueue();
        final long cost;
        int completes;

        QueueDriver(long cost) {
            this.cost = cost;
        }

        void fill(int n) {
            for (int i = 0; i < n; i++) {
                ring.addLast(packet(1000 + i));
            }
        }

        @Override
        public int poll(Napi napi, int budget) {
            int n = 0;
            SkBuff s;
            while (n < budget && (s = ring.pollFirst()) != null) {
                h.net.charge(cost);
                napi.receive(s);
                n++;
            }
            return n;
        }

        @Override
        public void complete(Napi napi) {
            completes++;
        }
    }

    @Test
    void aPollProcessesAtMostTheWeightAndOneNapiIsPolledOncePerRound() {
        QueueDriver d = new QueueDriver(100);
        Napi napi = h.softnet.newNapi("q0", 0, Napi.POLL_WEIGHT, d);
        d.fill(200);
        napi.schedule();
        h.sched.run();

        assertThat(h.received).hasSize(200);
        assertThat(napi.maxPollWork()).isEqualTo(64);
        // 64 + 64 + 64 + 8: the last poll finds the ring empty and completes.
        assertThat(napi.polls()).isEqualTo(4);
        assertThat(napi.lastPollWork()).isEqualTo(8);
        assertThat(d.completes).isEqualTo(1);
        assertThat(napi.isScheduled()).isFalse();
        // Linux's net_rx_action polls each context once per round and re-raises for the rest.
        assertThat(h.softnet.cpu(0).rounds()).isEqualTo(4);
        assertThat(h.softnet.cpu(0).maxRoundWork()).isEqualTo(64);
        assertThat(h.net.cpu(0).timeSqueeze).as("one busy NAPI never runs out of budget").isZero();
    }

    @Test
    void aRoundStopsOnceNetdevBudgetIsUsedAndCountsTimeSqueeze() {
        List<QueueDriver> drivers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            QueueDriver d = new QueueDriver(100);
            d.fill(100);
            drivers.add(d);
            h.softnet.newNapi("q" + i, 0, Napi.POLL_WEIGHT, d).schedule();
        }
        h.sched.run();

        assertThat(h.received).hasSize(600);
        // The budget (300) is checked after each poll: the fifth poll of 64 takes it to -20.
        assertThat(h.softnet.cpu(0).maxRoundWork()).isEqualTo(320);
        assertThat(h.net.cpu(0).timeSqueeze).isGreaterThanOrEqualTo(1);
        assertThat(h.net.cpu(0).processed).isEqualTo(600);
        for (QueueDriver d : drivers) {
            assertThat(d.completes).isEqualTo(1);
        }
    }

    @Test
    void aRoundStopsWhenNetdevBudgetUsecsIsOver() {
        h.net.sysctls().set("net.core.netdev_budget_usecs", "50");
        for (int i = 0; i < 2; i++) {
            QueueDriver d = new QueueDriver(1000);
            d.fill(100);
            h.softnet.newNapi("q" + i, 0, Napi.POLL_WEIGHT, d).schedule();
        }
        h.sched.run();

        assertThat(h.received).hasSize(200);
        // Time is checked after each poll: rounds of 64 (64 us > 50 us), 64, then 36 + 36 (72 us).
        assertThat(h.softnet.cpu(0).rounds()).isEqualTo(3);
        assertThat(h.softnet.cpu(0).maxRoundWork()).isEqualTo(72);
        assertThat(h.net.cpu(0).timeSqueeze).isEqualTo(3);
    }

    @Test
    void eachPacketIsProcessedWhenThePreviousOnesWorkIsDoneAndBilledToTheCpu() {
        QueueDriver d = new QueueDriver(800);
        h.receiverCost = 4200;
        Napi napi = h.softnet.newNapi("q0", 2, Napi.POLL_WEIGHT, d);
        d.fill(100);
        h.sched.runUntil(1_000);
        napi.schedule();
        h.sched.run();

        Cpu cpu = h.net.cpu(2);
        assertThat(h.received).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(h.received.get(i).time()).isEqualTo(1_000 + i * 5_000L);
            assertThat(h.received.get(i).cpu()).isEqualTo(2);
        }
        assertThat(cpu.busyNanos).isEqualTo(100 * 5_000L);
        assertThat(cpu.softirqNanos).isEqualTo(100 * 5_000L);
        assertThat(cpu.busyUntil).isEqualTo(1_000 + 100 * 5_000L);
        assertThat(cpu.processed).isEqualTo(100);
        assertThat(h.net.cpu(0).busyNanos).isZero();
    }

    @Test
    void workChargedToTheCpuOutsideTheSoftirqDelaysIt() {
        QueueDriver d = new QueueDriver(1000);
        Napi napi = h.softnet.newNapi("q0", 0, Napi.POLL_WEIGHT, d);
        d.fill(3);
        h.net.cpu(0).charge(0, 7_000);
        napi.schedule();
        h.sched.run();
        assertThat(h.received.get(0).time()).isEqualTo(7_000);
        assertThat(h.received.get(2).time()).isEqualTo(9_000);
    }

    @Test
    void aCompletedNapiCanBeScheduledAgainAndADisabledOneIsSkipped() {
        QueueDriver d = new QueueDriver(100);
        Napi napi = h.softnet.newNapi("q0", 1, Napi.POLL_WEIGHT, d);
        d.fill(5);
        assertThat(napi.schedule()).isTrue();
        assertThat(napi.schedule()).as("already scheduled").isFalse();
        h.sched.run();
        assertThat(d.completes).isEqualTo(1);

        d.fill(5);
        napi.schedule();
        napi.disable();
        h.sched.run();
        assertThat(h.received).hasSize(5);
        assertThat(napi.isScheduled()).isFalse();
        napi.enable();
        napi.schedule();
        h.sched.run();
        assertThat(h.received).hasSize(10);
        assertThat(d.completes).isEqualTo(2);
    }

    @Test
    void netifRxQueuesOnTheCurrentCpusBacklogAndDropsBeyondNetdevMaxBacklog() {
        h.net.sysctls().set("net.core.netdev_max_backlog", "5");
        h.net.runOn(h.net.cpu(3));
        int ok = 0;
        for (int i = 0; i < 10; i++) {
            if (h.softnet.netifRx(packet(i)) == Softnet.NET_RX_SUCCESS) {
                ok++;
            }
        }
        // Linux admits while the queue holds at most netdev_max_backlog: 6 of 10.
        assertThat(ok).isEqualTo(6);
        assertThat(h.net.cpu(3).dropped).isEqualTo(4);
        assertThat(h.net.counters().drops(DropReason.CPU_BACKLOG)).isEqualTo(4);
        h.sched.run();
        assertThat(h.received).hasSize(6).allMatch(r -> r.cpu() == 3);
        assertThat(h.net.cpu(3).receivedRps).as("own CPU: no IPI").isZero();
    }

    @Test
    void devWeightSetsTheBacklogWeight() {
        h.net.sysctls().set("net.core.dev_weight", "16");
        h.net.runOn(h.net.cpu(0));
        for (int i = 0; i < 40; i++) {
            h.softnet.netifRx(packet(i));
        }
        h.sched.run();
        assertThat(h.softnet.cpu(0).backlogNapi().maxPollWork()).isEqualTo(16);
        assertThat(h.received).hasSize(40);
    }

    @Test
    void rpsSteersEachFlowToOneCpuOfTheMapByHash() {
        RpsMap map = new RpsMap(4);
        map.setMask("e");
        assertThat(map.cpus()).containsExactly(1, 2, 3);
        assertThat(map.mask()).isEqualTo("e");
        h.net.runOn(h.net.cpu(0));
        for (int i = 0; i < 300; i++) {
            h.softnet.netifReceiveSkb(packet(2000 + i % 30), map);
        }
        h.sched.run();
        long[] per = h.perCpu();
        assertThat(per[0]).isZero();
        assertThat(per[1]).isPositive();
        assertThat(per[2]).isPositive();
        assertThat(per[3]).isPositive();
        assertThat(h.net.cpu(1).receivedRps + h.net.cpu(2).receivedRps + h.net.cpu(3).receivedRps).isPositive();
        // One flow, one CPU.
        for (int f = 0; f < 30; f++) {
            int port = 2000 + f;
            assertThat(h.received.stream().filter(r -> sport(r) == port).map(TestHost.Received::cpu).distinct().count()).isEqualTo(1);
        }
    }

    private static int sport(TestHost.Received r) {
        byte[] b = r.bytes();
        return (b[20] & 0xff) << 8 | (b[21] & 0xff);
    }

    /** Linux's get_rps_cpu steers by the flow hash whatever the protocol: ARP too, to one CPU. */
    @Test
    void nonIpPacketsAreSteeredByTheirHashToo() {
        RpsMap map = new RpsMap(4);
        map.setCpus(1, 2);
        h.net.runOn(h.net.cpu(3));
        for (int i = 0; i < 4; i++) {
            SkBuff arp = Frames.skb(h.net.pool(), new byte[60]);
            arp.pull(14);
            arp.resetNetworkHeader();
            arp.setProtocol(EtherType.ARP);
            h.softnet.netifReceiveSkb(arp, map);
        }
        h.sched.run();
        assertThat(h.received).hasSize(4);
        assertThat(h.received.stream().map(TestHost.Received::cpu).distinct()).hasSize(1).allMatch(c -> c == 1 || c == 2);
    }

    @Test
    void rpsMaskParsingAndPrinting() {
        RpsMap m = new RpsMap(40);
        m.setMask("00000080,00000001");
        assertThat(m.cpus()).containsExactly(0, 39);
        assertThat(m.mask()).isEqualTo("80,00000001");
        m.setMask("0");
        assertThat(m.size()).isZero();
        RpsMap small = new RpsMap(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.setMask("4")).hasMessageContaining("CPU 2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.setMask("xyz")).hasMessageContaining("not a hex CPU mask");
    }

    @Test
    void sysctlsAreRegisteredWithLinuxDefaults() {
        assertThat(h.net.sysctls().get("net.core.dev_weight")).isEqualTo("64");
        assertThat(h.net.sysctls().get("net.core.netdev_budget")).isEqualTo("300");
        assertThat(h.net.sysctls().get("net.core.netdev_budget_usecs")).isEqualTo("2000");
        assertThat(h.net.sysctls().get("net.core.netdev_max_backlog")).isEqualTo("1000");
    }

    @Test
    void softnetStatHasLinuxsFifteenColumnsPerCpu() {
        h.net.cpu(1).processed = 0x765;
        h.net.cpu(1).timeSqueeze = 2;
        String[] lines = h.softnet.softnetStat().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).isEqualTo("00000765 00000000 00000002 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 "
                + "00000000 00000001 00000000 00000000");
    }
}
