package dev.weir.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.prog.CongestionControl;
import dev.weir.hooks.progs.CcAbortingSsthresh;
import dev.weir.hooks.progs.XdpPass;
import dev.weir.hooks.testing.BareTcpSock;
import org.junit.jupiter.api.Test;

/** Congestion-control programs: registered by name, selectable by sysctl, budgeted, falling back to Reno on abort. */
class CcProgramTest {
    final HookRig rig = new HookRig();

    @Test
    void registeredUnderItsNameSelectableAndUnregisteredOnDetach() {
        var p = rig.a.hooks().load(CcAbortingSsthresh.class);
        ProgramLink l = rig.a.hooks().attach(p, "congestion abort_cc", 0);
        assertThat(HookRig.sh(rig.sa, "sysctl net.ipv4.tcp_available_congestion_control")).contains("reno cubic abort_cc");
        HookRig.sh(rig.sa, "sysctl -w net.ipv4.tcp_congestion_control=abort_cc");
        CongestionControl cc = rig.a.congestionControl().find("abort_cc");
        assertThat(cc.name()).isEqualTo("abort_cc");
        // congAvoid runs the program: Reno's slow start
        BareTcpSock sk = new BareTcpSock();
        sk.cwnd = 10;
        cc.congAvoid(sk, 1, 2);
        assertThat(sk.cwnd).isEqualTo(12);
        // ssthresh never returns: this call falls back to Reno (half of 12), counted
        sk.cwnd = 12;
        assertThat(cc.ssthresh(sk)).isEqualTo(6);
        assertThat(rig.a.hooks().ccFallbacks(l)).isEqualTo(1);
        assertThat(p.stats().budgetExhaustions()).isEqualTo(1);
        // the default cannot go away (Linux: EBUSY), another default first
        assertThatThrownBy(l::detach).hasMessageContaining("in use as net.ipv4.tcp_congestion_control");
        HookRig.sh(rig.sa, "sysctl -w net.ipv4.tcp_congestion_control=cubic");
        l.detach();
        assertThat(rig.a.congestionControl().find("abort_cc")).isNull();
    }

    @Test
    void aNameThatIsNotTheProgramsIsRefused() {
        var p = rig.a.hooks().load(CcAbortingSsthresh.class);
        assertThatThrownBy(() -> rig.a.hooks().attach(p, "congestion vegas", 0)).hasMessageContaining("named 'abort_cc', not 'vegas'");
        var x = rig.a.hooks().load(XdpPass.class);
        assertThatThrownBy(() -> rig.a.hooks().attach(x, "congestion", 0)).hasMessageContaining("is a xdp program");
    }
}
