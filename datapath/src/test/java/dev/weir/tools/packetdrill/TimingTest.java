package dev.weir.tools.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** packetdrill's timing rules (run.c verify_time, adjust_relative_event_times; run_packet.c TS val check). */
class TimingTest {
    private static final Timing.Config C = Timing.Config.DEFAULT;

    @Test
    void toleranceIsTheLargerOfFourMillisecondsAndAnEighthOfTheGap() {
        // Gap 10 ms: 12.5% is 1.25 ms, below the 4 ms floor.
        assertThat(Timing.tolerance(C, 110_000, OptionalLong.of(100_000))).isEqualTo(4000);
        // Gap 1 s: 125 ms.
        assertThat(Timing.tolerance(C, 1_100_000, OptionalLong.of(100_000))).isEqualTo(125_000);
        // Truncated to whole microseconds as C's double-to-long conversion does: 12.5% of 40001 us is 5000.125.
        assertThat(Timing.tolerance(C, 40_001, OptionalLong.of(0))).isEqualTo(5000);
        // First event: no gap, the floor only.
        assertThat(Timing.tolerance(C, 3_000_000, OptionalLong.empty())).isEqualTo(4000);
        assertThat(Timing.tolerance(new Timing.Config(20_000, 12.5, 0), 110_000, OptionalLong.of(100_000))).isEqualTo(20_000);
    }

    @Test
    void configComesFromTheScriptsOptions() throws ScriptSyntaxException {
        Script s = ScriptParser.parse("t.pkt", "--tolerance_usecs=10000\n--tcp_ts_tick_usecs=1000\n0 close(3) = 0");
        assertThat(Timing.Config.of(s)).isEqualTo(new Timing.Config(10_000, 12.5, 1000));
        assertThat(Timing.Config.of(ScriptParser.parse("t.pkt", "--tolerance_percent=25\n0 close(3) = 0")))
                .isEqualTo(new Timing.Config(4000, 25, 0));
        Script bad = ScriptParser.parse("t.pkt", "--tolerance_usecs=abc\n0 close(3) = 0");
        assertThatThrownBy(() -> Timing.Config.of(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t.pkt:1: --tolerance_usecs needs a non-negative integer, got 'abc'");
    }

    @Test
    void relativeTimesCountFromNowExceptBetweenInboundPackets() {
        Timing.Scheduled s = Timing.startOf(new TimeSpec.Relative(100_000), false, 50_000, 230_000);
        assertThat(s).isEqualTo(new Timing.Scheduled(330_000, 330_000, 230_000));
        // Two inbound packets in a row: the second counts from the first's scheduled time, not from now.
        Action in = new Action.PacketIn(null);
        assertThat(Timing.anchored(in, in)).isTrue();
        assertThat(Timing.anchored(new Action.Command("x"), in)).isFalse();
        assertThat(Timing.startOf(new TimeSpec.Relative(10_000), true, 200_000, 203_000)).isEqualTo(new Timing.Scheduled(210_000, 210_000, 200_000));
        assertThat(Timing.startOf(new TimeSpec.Absolute(500_000), false, 0, 230_000)).isEqualTo(new Timing.Scheduled(500_000, 500_000, 0));
        assertThat(Timing.startOf(new TimeSpec.RelativeRange(100_000, 105_000), false, 0, 1_000))
                .isEqualTo(new Timing.Scheduled(101_000, 106_000, 1_000));
        assertThat(Timing.startOf(new TimeSpec.Any(), false, 0, 7)).isEqualTo(new Timing.Scheduled(7, 7, 7));
    }

    @Test
    void blockingCallEndCountsFromTheSameOriginAsItsStart() {
        // "+.01...0.020 poll(...)" reached at now = 1 s: starts at 1.010, must return at 1.020.
        Timing.Scheduled start = Timing.startOf(new TimeSpec.Relative(10_000), false, 0, 1_000_000);
        long end = Timing.blockingEnd(new TimeSpec.Relative(10_000), start, 20_000);
        assertThat(end).isEqualTo(1_020_000);
        // Absolute: "0.5...0.7".
        assertThat(Timing.blockingEnd(new TimeSpec.Absolute(500_000), Timing.startOf(new TimeSpec.Absolute(500_000), false, 0, 0), 700_000))
                .isEqualTo(700_000);
        // Tolerance from the call's own duration: 10 ms -> the 4 ms floor.
        assertThat(Timing.verifyBlockingReturn(C, start, end, 1_024_000)).isEmpty();
        assertThat(Timing.verifyBlockingReturn(C, start, end, 1_024_001)).contains(
                "timing error: expected system call return at 1.020000 sec but happened at 1.024001 sec; tolerance 0.004000 sec");
    }

    @Test
    void outboundPacketOnTimeWithinTolerance() {
        Timing.Scheduled s = new Timing.Scheduled(1_100_000, 1_100_000, 1_000_000);
        TimeSpec rel = new TimeSpec.Relative(100_000);
        OptionalLong prev = OptionalLong.of(1_000_000);
        // Gap 100 ms: 12.5 ms tolerance.
        assertThat(Timing.verify(C, rel, s, 1_112_500, prev, "outbound packet")).isEmpty();
        assertThat(Timing.verify(C, rel, s, 1_087_500, prev, "outbound packet")).isEmpty();
        assertThat(Timing.verify(C, rel, s, 1_112_501, prev, "outbound packet")).contains(
                "timing error: expected outbound packet at 1.100000 sec but happened at 1.112501 sec; tolerance 0.012500 sec");
        assertThat(Timing.verify(C, rel, s, 1_087_499, prev, "outbound packet")).isPresent();
    }

    @Test
    void rangesWidenBothEndsAndStarIsNeverLate() {
        TimeSpec range = new TimeSpec.RelativeRange(100_000, 105_000);
        Timing.Scheduled s = Timing.startOf(range, false, 0, 1_000_000);
        OptionalLong prev = OptionalLong.of(1_000_000);
        // Tolerance: 12.5% of the 100 ms gap to the range's start.
        assertThat(Timing.verify(C, range, s, 1_087_500, prev, "outbound packet")).isEmpty();
        assertThat(Timing.verify(C, range, s, 1_117_500, prev, "outbound packet")).isEmpty();
        assertThat(Timing.verify(C, range, s, 1_117_501, prev, "outbound packet")).contains(
                "timing error: expected outbound packet in relative time range +0.100000~+0.105000 sec but happened at +0.117501 sec");
        TimeSpec abs = new TimeSpec.AbsoluteRange(100_000, 200_000);
        assertThat(Timing.verify(C, abs, Timing.startOf(abs, false, 0, 0), 300_000, OptionalLong.of(0), "outbound packet")).contains(
                "timing error: expected outbound packet in time range 0.100000~0.200000 sec but happened at 0.300000 sec");
        assertThat(Timing.verify(C, new TimeSpec.Any(), new Timing.Scheduled(0, 0, 0), 99_000_000, OptionalLong.of(0), "x")).isEmpty();
    }

    @Test
    void tsValIsCheckedOnlyWithATickLength() {
        assertThat(Timing.tsValOnTime(C, 100, 9_999_999, 1_000_000)).isTrue();
        Timing.Config ms = new Timing.Config(4000, 12.5, 1000);
        // 1 s into the script: 125 ms tolerance = 125 ticks of 1 ms.
        assertThat(Timing.tsValOnTime(ms, 1000, 1125, 1_000_000)).isTrue();
        assertThat(Timing.tsValOnTime(ms, 1000, 1126, 1_000_000)).isFalse();
        assertThat(Timing.tsValOnTime(ms, 1000, 875, 1_000_000)).isTrue();
        // Across the 32-bit wrap the difference is signed: 0xffffffff to 2 is 3 ticks.
        assertThat(Timing.tsValOnTime(ms, 0xffff_ffffL, 2, 0)).isTrue();
    }

    @Test
    void scriptTimesStartAtZeroAndAbsoluteTimesDoNotGoBack() throws ScriptSyntaxException {
        assertThat(Timing.checkScriptTimes(ScriptParser.parse("t", "0 close(3) = 0\n0.2 close(4) = 0\n+.1 close(5) = 0"))).isEmpty();
        assertThat(Timing.checkScriptTimes(ScriptParser.parse("t", "0.1 close(3) = 0")))
                .isEqualTo(Optional.of("1: first event should be at time 0"));
        assertThat(Timing.checkScriptTimes(ScriptParser.parse("t", "0 close(3) = 0\n0.3 close(4) = 0\n0.2 close(5) = 0")))
                .isEqualTo(Optional.of("3: time goes backward in script from 300000 usec to 200000 usec"));
    }
}
