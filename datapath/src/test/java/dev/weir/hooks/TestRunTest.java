package dev.weir.hooks;

import static dev.weir.hooks.testing.WeirAssertions.assertThatProgram;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.prog.NfHook;
import dev.weir.api.prog.NfVerdict;
import dev.weir.api.prog.StageFunction;
import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.Tracepoint;
import dev.weir.api.prog.XdpAction;
import dev.weir.core.DropReason;
import dev.weir.hooks.progs.DropUdpPort;
import dev.weir.hooks.progs.DropsByReason;
import dev.weir.hooks.progs.NfDropIcmp;
import dev.weir.hooks.progs.StageLatency;
import dev.weir.hooks.progs.TcDropUdpPort;
import dev.weir.hooks.progs.XdpOutOfBounds;
import dev.weir.hooks.progs.XdpReflect;
import dev.weir.hooks.testing.ProgramUnderTest;
import dev.weir.hooks.testing.WeirProgram;
import dev.weir.hooks.testing.WeirProgramExtension;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** BPF_PROG_TEST_RUN for every program type, and the JUnit extension and assertions built on it. */
@ExtendWith(WeirProgramExtension.class)
class TestRunTest {
    @WeirProgram(DropUdpPort.class)
    ProgramUnderTest drop;

    @Test
    void xdpVerdictMapChangesAndOutputOfEachRun() {
        byte[] to9 = Frames.udp4(1000, 9, 10);
        TestRun.Result r = drop.run(to9, 5);
        assertThatProgram(r, to9).hasVerdict(XdpAction.DROP).changedMap("drop_port").hasMapValue("drop_port", 1, 5)
                .outputEqualsInput().didNotAbort();
        assertThat(r.repeat()).isEqualTo(5);
        assertThat(r.budgetPerRun()).isPositive();
        assertThat(drop.map("drop_port").lookupLong(1, -1)).isEqualTo(5);
        drop.map("drop_port").updateLong(0, 53);
        assertThatProgram(drop.run(to9)).hasVerdict(XdpAction.PASS).changedNoMap();
        assertThatProgram(drop.run(Frames.udp4(1000, 53, 0))).hasVerdict(XdpAction.DROP);
    }

    @Test
    void eachTestGetsFreshMaps() {
        // the other test wrote 5 drops; this environment is new
        assertThat(drop.map("drop_port").lookupLong(1, -1)).isZero();
    }

    @Test
    void xdpOutputIsThePacketAsTheProgramLeftIt(@WeirProgram(XdpReflect.class) ProgramUnderTest reflect) {
        byte[] in = Frames.udp4(1000, 2000, 4);
        TestRun.Result r = reflect.run(in);
        assertThat(r.verdictName()).isEqualTo("XDP_TX");
        byte[] out = r.output();
        assertThat(Arrays.copyOfRange(out, 0, 6)).isEqualTo(Arrays.copyOfRange(in, 6, 12));
        assertThat(Arrays.copyOfRange(out, 26, 30)).isEqualTo(Arrays.copyOfRange(in, 30, 34));
        assertThat(out[34] << 8 | out[35] & 0xff).isEqualTo(2000);
    }

    @Test
    void anAbortIsReportedWithItsCause(@WeirProgram(XdpOutOfBounds.class) ProgramUnderTest oob) {
        TestRun.Result r = oob.run(Frames.udp4(1, 2, 0), 3);
        assertThatProgram(r).aborted().hasVerdict(XdpAction.ABORTED);
        assertThat(r.aborts()).isEqualTo(3);
        assertThat(r.abortCause()).hasMessageContaining("out of bounds");
        assertThat(oob.program().stats().aborts()).isEqualTo(3);
    }

    @Test
    void tcOnIngressAndEgress(@WeirProgram(TcDropUdpPort.class) ProgramUnderTest tc) {
        assertThatProgram(tc.run(Frames.udp4(1, 9, 0))).hasVerdict(TcAction.SHOT);
        assertThatProgram(tc.egress(Frames.udp4(1, 10, 0))).hasVerdict(TcAction.OK);
    }

    @Test
    void netfilterOnAnIpPacket(TestRun t) {
        var p = t.load(NfDropIcmp.class);
        byte[] frame = Frames.udp4(1, 2, 0);
        byte[] ip = Arrays.copyOfRange(frame, 14, frame.length);
        assertThatProgram(t.netfilter(p, ip, NfHook.PF_IPV4, NfHook.INPUT, 1)).hasVerdict(NfVerdict.ACCEPT).changedNoMap();
        ip[9] = 1; // ICMP
        assertThatProgram(t.netfilter(p, ip, NfHook.PF_IPV4, NfHook.INPUT, 1)).hasVerdict(NfVerdict.DROP).changedMap("icmp_src")
                .hasMapValue("icmp_src", 0x0a000001L, 1);
    }

    @Test
    void tracepointFieldsByName(TestRun t) {
        var p = t.load(DropsByReason.class);
        TestRun.Result r = t.tracepoint(p, Tracepoint.KFREE_SKB, Map.of("reason", DropReason.NO_SOCKET.ordinal(), "protocol", 0x800), 2);
        assertThatProgram(r).hasMapValue("drops", DropReason.NO_SOCKET.ordinal(), 2);
        assertThatThrownBy(() -> t.tracepoint(p, Tracepoint.KFREE_SKB, Map.of("rason", 1), 1))
                .hasMessageContaining("no field 'rason'").hasMessageContaining("skbaddr, location, protocol, reason");
    }

    @Test
    void probeAtEntryAndExit(TestRun t) {
        var p = t.load(StageLatency.class);
        assertThatProgram(t.probe(p, StageFunction.IP_RCV, false, Frames.udp4(1, 2, 0), new long[] {0, 2, 0, 2}, 0, 1))
                .changedMap("probe_inflight");
        assertThatProgram(t.probe(p, StageFunction.IP_RCV, true, null, new long[0], 1, 1)).hasMapValue("probe_calls", 1, 1);
    }
}
