package dev.weir.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.hooks.progs.DropUdpPort;
import dev.weir.hooks.progs.TcDropUdpPort;
import dev.weir.hooks.progs.XdpPass;
import org.junit.jupiter.api.Test;

/** Links (detach, replace, unload rules), run statistics and the bpftool-like listing. */
class LinkAndStatsTest {
    final HookRig rig = new HookRig();

    @Test
    void replaceKeepsPinnedMapsAndRefusesAnotherType() {
        var a = rig.b.hooks().load(DropUdpPort.class);
        ProgramLink l = rig.b.hooks().attach(a, "xdp dev eth0", 0);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1, 9, 0);
        rig.runMs(10);
        var a2 = rig.b.hooks().load(DropUdpPort.class); // a reload: a new program, the same pinned map
        l.replace(a2);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1, 9, 0);
        rig.runMs(10);
        assertThat(HookRig.slot(rig.b, "drop_port", 1)).isEqualTo(2);
        assertThat(l.program()).isSameAs(a2);
        var tc = rig.b.hooks().load(TcDropUdpPort.class);
        assertThatThrownBy(() -> l.replace(tc)).hasMessageContaining("takes xdp programs");
        int oldId = rig.b.hooks().programs().idOf(a);
        rig.b.hooks().unload(oldId);
        assertThatThrownBy(() -> rig.b.hooks().unload(rig.b.hooks().programs().idOf(a2))).hasMessageContaining("is attached");
        l.detach();
        assertThatThrownBy(l::detach).hasMessageContaining("already detached");
    }

    @Test
    void runTimeIsMeasuredOnlyWithBpfStatsEnabled() {
        var p = rig.b.hooks().load(XdpPass.class);
        rig.b.hooks().attach(p, "xdp dev eth0", 0);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1, 2, 0);
        rig.runMs(10);
        assertThat(p.stats().runs()).isPositive();
        assertThat(p.stats().totalTimeNs()).isZero();
        HookRig.sh(rig.sb, "sysctl -w kernel.bpf_stats_enabled=1");
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1, 2, 0);
        rig.runMs(10);
        assertThat(p.stats().totalTimeNs()).isPositive();
    }

    @Test
    void progAndMapCommandsPrintAsBpftool() {
        var p = rig.b.hooks().load(DropUdpPort.class);
        rig.b.hooks().attach(p, "xdp dev eth0", 5);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1, 9, 0);
        rig.runMs(10);
        String show = HookRig.sh(rig.sb, "prog show id 1");
        assertThat(show).startsWith("1: xdp  name drop_udp_port  tag " + p.tag() + "\n")
                .contains("class dev.weir.hooks.progs.DropUdpPort").contains("map_ids 1").contains("run_cnt 2")
                .contains("attached xdp dev eth0 prio 5  link 1");
        assertThat(HookRig.sh(rig.sb, "bpftool prog list")).isEqualTo(show);
        assertThat(HookRig.sh(rig.sb, "map dump drop_port")).isEqualTo(
                "key: 00 00 00 00  value: 00 00 00 00 00 00 00 00\n"
                        + "key: 00 00 00 01  value: 00 00 00 00 00 00 00 01\n"
                        + "Found 2 elements\n");
        HookRig.sh(rig.sb, "map update drop_port key 0 0 0 0 value 0 0 0 0 0 0 0 10");
        assertThat(HookRig.sh(rig.sb, "map lookup pinned drop_port key 0 0 0 0")).isEqualTo(
                "key: 00 00 00 00  value: 00 00 00 00 00 00 00 0a\n");
        assertThat(HookRig.sh(rig.sb, "link list")).isEqualTo("1: xdp dev eth0  prio 5  prog_id 1  name drop_udp_port\n");
        HookRig.sh(rig.sb, "prog detach link 1");
        assertThat(HookRig.sh(rig.sb, "link")).isEmpty();
    }
}
