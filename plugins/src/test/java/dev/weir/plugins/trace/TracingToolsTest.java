package dev.weir.plugins.trace;

import static dev.weir.hooks.testing.WeirAssertions.assertThatProgram;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.Tracepoint;
import dev.weir.api.wire.Bytes;
import dev.weir.hooks.TestRun;
import dev.weir.hooks.testing.ProgramUnderTest;
import dev.weir.hooks.testing.WeirProgram;
import dev.weir.hooks.testing.WeirProgramExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The drop monitor and the TCP RTT tracer on test-run events. */
@ExtendWith(WeirProgramExtension.class)
class TracingToolsTest {
    @Test
    void dropMonitorCountsByReasonAndStreamsWhenAsked(@WeirProgram(DropMonitor.class) ProgramUnderTest dm) {
        Map<String, Object> drop = Map.of("reason", 5, "protocol", 0x0800, "skbaddr", 42);
        assertThatProgram(dm.tracepoint(Tracepoint.KFREE_SKB, drop)).hasMapValue("drop_reasons", 5, 1)
                .hasMapValue("drop_protos", 5L << 16 | 0x0800, 1).wroteRecords("drop_events", 0);
        dm.map("drop_config").updateLong(0, 1);
        TestRun.Result r = dm.tracepoint(Tracepoint.KFREE_SKB, drop);
        assertThatProgram(r).hasMapValue("drop_reasons", 5, 2).wroteRecords("drop_events", 1);
        byte[] rec = r.ringRecords().get("drop_events").get(0);
        assertThat(Bytes.i32(rec, 8)).isEqualTo(5);
        assertThat(Bytes.i32(rec, 12)).isEqualTo(0x0800);
        assertThat(Bytes.i64(rec, 16)).isEqualTo(42);
    }

    @Test
    void rttTracerRecordsEachProbe(@WeirProgram(TcpRttTracer.class) ProgramUnderTest t) {
        Map<String, Object> probe = Map.of("saddr", 0x0a000001, "daddr", 0x0a000002, "sport", 40000, "dport", 80,
                "srtt", 12_500, "snd_cwnd", 10, "ssthresh", 0x7fffffff, "snd_una", 1001, "data_len", 0);
        TestRun.Result r = t.tracepoint(Tracepoint.TCP_PROBE, probe);
        assertThatProgram(r).wroteRecords("tcp_rtt_events", 1).hasMapValue("tcp_rtt_last", 40000L << 16 | 80, 12_500);
        byte[] rec = r.ringRecords().get("tcp_rtt_events").get(0);
        assertThat(Bytes.i32(rec, 8)).isEqualTo(0x0a000001);
        assertThat(Bytes.u16(rec, 16)).isEqualTo(40000);
        assertThat(Bytes.i32(rec, 20)).isEqualTo(12_500);
        assertThat(Bytes.i32(rec, 24)).isEqualTo(10);
    }
}
