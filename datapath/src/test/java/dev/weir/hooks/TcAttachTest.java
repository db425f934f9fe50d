package dev.weir.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.hooks.progs.NfCountMark;
import dev.weir.hooks.progs.TcAbort;
import dev.weir.hooks.progs.TcDropUdpPort;
import dev.weir.hooks.progs.TcRedirect;
import org.junit.jupiter.api.Test;

/** tc ingress and egress with direct-action programs (clsact + bpf da). */
class TcAttachTest {
    final HookRig rig = new HookRig();

    @Test
    void ingressShotDropsAsTcIngressAndOkGoesOnWithTheMarkSet() {
        rig.b.hooks().attach(rig.b.hooks().load(TcDropUdpPort.class), "tc ingress dev eth0", 0);
        rig.b.hooks().attach(rig.b.hooks().load(NfCountMark.class), "netfilter ipv4 PREROUTING", 0);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1000, 9, 10);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1000, 10, 10);
        rig.runMs(10);
        assertThat(rig.b.net().counters().drops(DropReason.TC_INGRESS)).isEqualTo(1);
        assertThat(rig.b.net().counters().get(Mib.IpInReceives)).isEqualTo(1);
        assertThat(HookRig.hashValue(rig.b, "marks", 7)).isEqualTo(1); // the datagram to port 10, marked by tc
    }

    @Test
    void egressShotDropsBeforeTheQdiscAndTheWireNeverSeesIt() {
        rig.a.hooks().attach(rig.a.hooks().load(TcDropUdpPort.class), "tc egress dev eth0", 0);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1000, 9, 10);
        rig.runMs(10);
        assertThat(rig.a.net().counters().drops(DropReason.TC_EGRESS)).isEqualTo(1);
        assertThat(rig.b.net().counters().get(Mib.IpInReceives)).isZero();
    }

    @Test
    void redirectToAnotherDevicesEgressRunsItsQdiscAndSendsTheFrameOut() {
        rig.withRouter();
        rig.b.hooks().attach(rig.b.hooks().load(TcRedirect.class), "tc ingress dev eth0", 0);
        HookRig.sh(rig.sb, "map update pinned tc_target key 0 0 0 0 value 0 0 0 " + rig.b.net().device("eth1").ifindex());
        rig.udp(rig.a, "10.0.0.1", "10.0.1.2", 1000, 2000, 20);
        rig.runMs(10);
        // Not routed by b: sent as it came (to b's MAC), so c's stack sees a frame for another host.
        assertThat(rig.b.net().counters().get(Mib.IpInReceives)).isZero();
        assertThat(rig.b.net().device("eth1").stats.txPackets).isGreaterThanOrEqualTo(1);
        assertThat(rig.c.net().counters().drops(DropReason.OTHERHOST)).isEqualTo(1);
    }

    @Test
    void anAbortingProgramDropsWithProgAbortedAndIsCounted() {
        var p = rig.b.hooks().load(TcAbort.class);
        rig.b.hooks().attach(p, "tc ingress dev eth0", 0);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1000, 10, 10);
        rig.runMs(10);
        assertThat(rig.b.net().counters().drops(DropReason.PROG_ABORTED)).isEqualTo(1);
        assertThat(p.stats().aborts()).isEqualTo(1);
        assertThat(p.stats().lastAbort()).isInstanceOf(ArithmeticException.class);
    }
}
