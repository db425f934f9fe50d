package dev.weir.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.XdpAction;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.hooks.progs.CountEvents;
import dev.weir.hooks.progs.DropUdpPort;
import dev.weir.hooks.progs.XdpCountPass;
import dev.weir.hooks.progs.XdpCountPass2;
import dev.weir.hooks.progs.XdpOutOfBounds;
import dev.weir.hooks.progs.XdpRedirectMap;
import dev.weir.hooks.progs.XdpReflect;
import dev.weir.api.prog.Tracepoint;
import dev.weir.nic.Nic;
import dev.weir.verifier.LoadedProgram;
import org.junit.jupiter.api.Test;

/** XDP in the NIC's receive path: each verdict as Linux's drivers carry it out, counters, links. */
class XdpAttachTest {
    final HookRig rig = new HookRig();

    long ethtool(dev.weir.host.Host h, String dev, String key) {
        return h.net().device(dev).ethtoolStats().get(key);
    }

    @Test
    void dropRecyclesTheBufferCountsRxXdpDropAndTheStackNeverSeesTheFrame() {
        LoadedProgram<?> p = rig.b.hooks().load(DropUdpPort.class);
        ProgramLink link = rig.b.hooks().attach(p, "xdp dev eth0", 0);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1000, 9, 10);   // dropped
        rig.runMs(10);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1000, 9, 10);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1000, 10, 10);  // passes
        rig.runMs(10);
        assertThat(ethtool(rig.b, "eth0", "rx_xdp_drop")).isEqualTo(2);
        assertThat(rig.b.net().counters().drops(DropReason.XDP)).isEqualTo(2);
        // The ARP request/reply and the datagram to port 10 went up; only the latter is IP.
        assertThat(rig.b.net().counters().get(Mib.IpInReceives)).isEqualTo(1);
        assertThat(HookRig.slot(rig.b, "drop_port", 1)).isEqualTo(2);
        assertThat(p.stats().runs()).isGreaterThanOrEqualTo(4); // ARP, 3 datagrams
        assertThat(p.stats().aborts()).isZero();
        link.detach();
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1000, 9, 10);
        rig.runMs(10);
        assertThat(ethtool(rig.b, "eth0", "rx_xdp_drop")).isEqualTo(2);
        assertThat(rig.b.net().counters().get(Mib.IpInReceives)).isEqualTo(2);
        assertThat(((Nic) rig.b.net().device("eth0")).xdp()).isNull();
    }

    @Test
    void txBouncesTheRewrittenFrameOutOfTheSameNic() {
        rig.b.hooks().attach(rig.b.hooks().load(XdpReflect.class), "xdp dev eth0", 0);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1000, 2000, 20);
        rig.runMs(10);
        assertThat(ethtool(rig.b, "eth0", "rx_xdp_tx_xmit")).isEqualTo(1);
        assertThat(ethtool(rig.b, "eth0", "tx_xdp_xmit")).isEqualTo(1);
        // a receives its own datagram back, from 10.0.0.2 port 2000 to 1000; having no UDP layer
        // it answers ICMP protocol unreachable, the only IP packet b's stack sees.
        assertThat(rig.a.net().counters().get(Mib.IpInReceives)).isEqualTo(1);
        assertThat(rig.b.net().counters().get(Mib.IpInReceives)).isEqualTo(1);
        assertThat(rig.b.net().counters().get(Mib.IcmpInDestUnreachs)).isEqualTo(1);
    }

    @Test
    void abortedDropsWithProgAbortedAndFiresXdpException() {
        LoadedProgram<?> tp = rig.b.hooks().load(CountEvents.class);
        rig.b.hooks().attach(tp, "tracepoint xdp:xdp_exception", 0);
        LoadedProgram<?> p = rig.b.hooks().load(XdpOutOfBounds.class);
        rig.b.hooks().attach(p, "xdp dev eth0", 0);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1000, 2000, 20);
        rig.runMs(10);
        long aborted = ethtool(rig.b, "eth0", "rx_xdp_aborted");
        assertThat(aborted).isGreaterThanOrEqualTo(1); // the ARP request, at least
        assertThat(rig.b.net().counters().drops(DropReason.PROG_ABORTED)).isEqualTo(aborted);
        assertThat(p.stats().aborts()).isEqualTo(aborted);
        assertThat(HookRig.slot(rig.b, "tp_count", Tracepoint.XDP_EXCEPTION.ordinal())).isEqualTo(aborted);
        assertThat(HookRig.slot(rig.b, "tp_last", Tracepoint.XDP_EXCEPTION.ordinal())).isEqualTo(XdpAction.ABORTED);
    }

    @Test
    void redirectThroughADeviceMapSendsOutOfTheOtherNic() {
        rig.withRouter();
        LoadedProgram<?> p = rig.b.hooks().load(XdpRedirectMap.class);
        rig.b.hooks().attach(p, "xdp dev eth0", 0);
        HookRig.sh(rig.sb, "map update pinned tx_port key 0 0 0 0 value 0 0 0 " + rig.b.net().device("eth1").ifindex());
        // The frame leaves eth1 unchanged (still addressed to b's eth0 MAC): c's NIC drops it as another host's.
        rig.udp(rig.a, "10.0.0.1", "10.0.1.2", 1000, 2000, 20);
        rig.runMs(10);
        assertThat(ethtool(rig.b, "eth0", "rx_xdp_redirect")).isEqualTo(1);
        assertThat(ethtool(rig.b, "eth1", "tx_xdp_xmit")).isEqualTo(1);
        assertThat(rig.c.net().device("eth0").stats.rxPackets).isGreaterThanOrEqualTo(1);
        assertThat(rig.b.net().counters().get(Mib.IpForwDatagrams)).isZero();
    }

    @Test
    void severalProgramsRunByPriorityAndReplaceIsAtomic() {
        LoadedProgram<?> one = rig.b.hooks().load(XdpCountPass.class);
        LoadedProgram<?> two = rig.b.hooks().load(XdpCountPass2.class);
        ProgramLink l2 = rig.b.hooks().attach(two, "xdp dev eth0", 20);
        ProgramLink l1 = rig.b.hooks().attach(one, "xdp dev eth0", 10);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1000, 2000, 20);
        rig.runMs(10);
        long frames = HookRig.slot(rig.b, "xdp_seen", 0);
        assertThat(frames).isGreaterThanOrEqualTo(2); // ARP request + datagram
        // run order recorded as digits: 1 then 2 for each frame
        assertThat(Long.toString(HookRig.slot(rig.b, "xdp_seen", 1))).isEqualTo("12".repeat((int) frames));
        l2.replace(one);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1000, 2000, 20);
        rig.runMs(10);
        assertThat(HookRig.slot(rig.b, "xdp_seen", 0)).isEqualTo(frames + 2);
        l1.detach();
        assertThat(rig.b.hooks().links()).containsExactly(l2);
    }
}
