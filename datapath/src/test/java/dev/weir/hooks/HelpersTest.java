package dev.weir.hooks;

import static dev.weir.hooks.testing.WeirAssertions.assertThatProgram;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.maps.MapError;
import dev.weir.api.maps.ProgramArrayMap;
import dev.weir.api.prog.FibLookupParams;
import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.XdpAction;
import dev.weir.core.Mib;
import dev.weir.hooks.progs.DropUdpPort;
import dev.weir.hooks.progs.TcReshape;
import dev.weir.hooks.progs.XdpAdjust;
import dev.weir.hooks.progs.XdpPass;
import dev.weir.hooks.progs.XdpRouter;
import dev.weir.hooks.progs.XdpTailCaller;
import dev.weir.hooks.testing.ProgramUnderTest;
import dev.weir.hooks.testing.WeirProgram;
import dev.weir.hooks.testing.WeirProgramExtension;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The helpers: tail calls, head/tail adjustment, skb reshaping, trace print, FIB lookup on a host. */
@ExtendWith(WeirProgramExtension.class)
class HelpersTest {
    @Test
    void tailCallsJumpAndTheirFailuresReturnTheError(TestRun t) {
        var caller = t.load(XdpTailCaller.class);
        var drop = t.load(DropUdpPort.class);
        var pass = t.load(XdpPass.class);
        ProgramArrayMap jmp = (ProgramArrayMap) t.maps().pinned("jmp");
        assertThat(jmp.set(0, drop.program())).isEqualTo(MapError.OK);
        byte[] f = Frames.udp4(1000, 9, 0);
        f[0] = 0; // slot 0: the drop program, which drops UDP to port 9
        assertThatProgram(t.xdp(caller, f, 1)).hasVerdict(XdpAction.DROP).hasMapValue("tail_count", 0, 1);
        f[0] = 1; // an empty slot: the call fails, the caller goes on
        assertThatProgram(t.xdp(caller, f, 1)).hasVerdict(XdpAction.PASS).hasMapValue("tail_count", 1, MapError.ENOENT & 0xffffffffffffffffL);
        f[0] = 9; // out of range
        assertThat(t.xdp(caller, f, 1).verdict()).isEqualTo(XdpAction.PASS);
        assertThat(t.maps().pinned("tail_count").name()).isEqualTo("tail_count");
        // a program array holds one program type
        assertThat(jmp.set(2, t.load(TcReshape.class).program())).isEqualTo(MapError.EPERM);
        // the caller tail-calling itself: 3 runs so far, then this one and 33 jumps (MAX_TAIL_CALL_CNT), then EBUSY
        jmp.set(3, caller.program());
        f[0] = 3;
        TestRun.Result r = t.xdp(caller, f, 1);
        assertThat(r.verdict()).isEqualTo(XdpAction.PASS);
        assertThat(r.changesOf("tail_count").get(0).after()).isEqualTo(dev.weir.hooks.testing.MapHandle.number(3 + 34, 8));
        assertThat(pass.type()).isNotNull();
    }

    @Test
    void adjustHeadAndTailMoveTheFrameWithinItsBuffer(@WeirProgram(XdpAdjust.class) ProgramUnderTest p) {
        byte[] in = Frames.udp4(1, 2, 10);
        TestRun.Result r = p.run(in);
        assertThatProgram(r).hasVerdict(XdpAction.PASS).printed("bpf_trace_printk: len " + (in.length + 6))
                .hasMapValue("adjust_rc", 0, MapError.EINVAL & 0xffffffffffffffffL)
                .hasMapValue("adjust_rc", 1, MapError.EINVAL & 0xffffffffffffffffL);
        byte[] out = r.output();
        assertThat(out).hasSize(in.length + 6);
        assertThat(Arrays.copyOfRange(out, 0, 4)).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(Arrays.copyOfRange(out, 4, 4 + in.length)).isEqualTo(in);
        assertThat(Arrays.copyOfRange(out, 4 + in.length, out.length)).containsExactly(0, 0);
    }

    @Test
    void changeTailAndAdjustRoomReshapeTheSkb(@WeirProgram(TcReshape.class) ProgramUnderTest p) {
        byte[] in = Frames.udp4(1, 2, 6);
        TestRun.Result r = p.run(in);
        assertThatProgram(r).hasVerdict(TcAction.OK);
        byte[] out = r.output();
        assertThat(out).hasSize(in.length + 12);
        assertThat(Arrays.copyOfRange(out, 0, 34)).isEqualTo(Arrays.copyOfRange(in, 0, 34));
        assertThat(Arrays.copyOfRange(out, 34, 42)).containsExactly(0x11, 0, 0, 0, 0, 0, 0, 0);
        assertThat(Arrays.copyOfRange(out, 42, 42 + in.length - 34)).isEqualTo(Arrays.copyOfRange(in, 34, in.length));
        assertThat(Arrays.copyOfRange(out, out.length - 4, out.length)).containsExactly(0, 0, 0, 0);
    }

    @Test
    void anXdpRouterForwardsWithFibLookupAndRedirectBypassingTheStack() {
        HookRig rig = new HookRig().withRouter();
        rig.ping(rig.b, "10.0.1.1", "10.0.1.2", 1, 1); // b learns c's MAC
        rig.runMs(10);
        rig.b.hooks().attach(rig.b.hooks().load(XdpRouter.class), "xdp dev eth0", 0);
        rig.udp(rig.a, "10.0.0.1", "10.0.1.2", 1000, 2000, 30);
        rig.runMs(10);
        assertThat(HookRig.slot(rig.b, "fwd_last", 0)).isEqualTo(FibLookupParams.RET_SUCCESS);
        assertThat(HookRig.slot(rig.b, "fwd_last", 1)).isEqualTo(rig.b.net().device("eth1").ifindex());
        assertThat(rig.b.net().device("eth0").ethtoolStats().get("rx_xdp_redirect")).isEqualTo(1);
        assertThat(rig.c.net().counters().get(Mib.UdpNoPorts)).isEqualTo(1); // c's stack got it: nobody listens on 2000
        // the datagram never reached b's stack; only c's port unreachable, back through eth1 (no XDP there), was forwarded
        assertThat(rig.b.net().counters().get(Mib.IpForwDatagrams)).isEqualTo(1);
        assertThat(rig.a.net().counters().get(Mib.IcmpInDestUnreachs)).isEqualTo(1);
        // with forwarding off, the lookup says so and the frame goes to the stack (which drops it)
        HookRig.sh(rig.sb, "sysctl -w net.ipv4.ip_forward=0");
        rig.udp(rig.a, "10.0.0.1", "10.0.1.2", 1000, 2000, 30);
        rig.runMs(10);
        assertThat(HookRig.slot(rig.b, "fwd_last", 0)).isEqualTo(FibLookupParams.RET_FWD_DISABLED);
    }
}
