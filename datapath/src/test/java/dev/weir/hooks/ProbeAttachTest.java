package dev.weir.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.StageFunction;
import dev.weir.hooks.progs.StageLatency;
import dev.weir.trace.Tracing;
import dev.weir.verifier.LoadedProgram;
import org.junit.jupiter.api.Test;

/** Stage probes at the entry and exit of ip_rcv: arguments, the skb at entry, the return value at exit. */
class ProbeAttachTest {
    final HookRig rig = new HookRig();

    @Test
    void entryAndExitPairUpByTheSkbAndTheExitSeesTheReturnValue() {
        LoadedProgram<?> p = rig.b.hooks().load(StageLatency.class);
        ProgramLink in = rig.b.hooks().attach(p, "probe ip_rcv entry", 0);
        ProgramLink out = rig.b.hooks().attach(p, "probe ip_rcv exit", 0);
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1000, 2000, 10);
        rig.ping(rig.a, "10.0.0.1", "10.0.0.2", 1, 1);
        rig.runMs(10);
        assertThat(HookRig.slot(rig.b, "probe_calls", 0)).isEqualTo(2);
        // the datagram is dropped inside ip_rcv (no UDP here: IP_NOPROTO): NET_RX_DROP; the echo is answered: 0
        assertThat(HookRig.slot(rig.b, "probe_calls", 1)).isEqualTo(1);
        assertThat(HookRig.slot(rig.b, "probe_calls", 2)).isEqualTo(2);
        assertThat(HookRig.slot(rig.b, "probe_calls", 3)).isEqualTo(2);
        assertThat(Tracing.of(rig.b.net()).probed(StageFunction.IP_RCV)).isTrue();
        in.detach();
        out.detach();
        assertThat(Tracing.of(rig.b.net()).probed(StageFunction.IP_RCV)).isFalse();
    }
}
