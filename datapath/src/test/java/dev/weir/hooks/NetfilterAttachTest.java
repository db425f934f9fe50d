package dev.weir.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.hooks.progs.NfDropIcmp;
import dev.weir.hooks.progs.NfLoop;
import org.junit.jupiter.api.Test;

/** Netfilter programs on the hooks, by priority, with NF verdicts. */
class NetfilterAttachTest {
    final HookRig rig = new HookRig();

    @Test
    void dropAtInputIsNetfilterDropAndTheProgramsMapCountsBySource() {
        ProgramLink l = rig.b.hooks().attach(rig.b.hooks().load(NfDropIcmp.class), "netfilter ipv4 INPUT", 0);
        rig.ping(rig.a, "10.0.0.1", "10.0.0.2", 1, 1);
        rig.ping(rig.a, "10.0.0.1", "10.0.0.2", 1, 2);
        rig.runMs(10);
        assertThat(rig.b.net().counters().drops(DropReason.NETFILTER_DROP)).isEqualTo(2);
        assertThat(rig.b.net().counters().get(Mib.IcmpInEchos)).isZero();
        assertThat(HookRig.hashValue(rig.b, "icmp_src", HookRig.ip("10.0.0.1") & 0xffffffffL)).isEqualTo(2);
        assertThat(rig.b.netfilter().callbacks(2, 1)).hasSize(1);
        l.detach();
        assertThat(rig.b.netfilter().callbacks(2, 1)).isEmpty();
        rig.ping(rig.a, "10.0.0.1", "10.0.0.2", 1, 3);
        rig.runMs(10);
        assertThat(rig.b.net().counters().get(Mib.IcmpInEchos)).isEqualTo(1);
    }

    @Test
    void aProgramThatRunsOutOfBudgetDropsWithProgAbortedAndTheStackGoesOn() {
        var p = rig.b.hooks().load(NfLoop.class);
        rig.b.hooks().attach(p, "netfilter ipv4 PREROUTING", -100);
        rig.ping(rig.a, "10.0.0.1", "10.0.0.2", 1, 1);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1, 2, 4);
        rig.runMs(10);
        assertThat(rig.b.net().counters().drops(DropReason.PROG_ABORTED)).isEqualTo(1);
        assertThat(rig.b.net().counters().drops(DropReason.NETFILTER_DROP)).isZero();
        assertThat(p.stats().budgetExhaustions()).isEqualTo(1);
        assertThat(p.stats().runs()).isEqualTo(2);
    }
}
