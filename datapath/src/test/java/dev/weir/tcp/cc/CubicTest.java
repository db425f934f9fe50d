package dev.weir.tcp.cc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.TcpCa;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CUBIC (Linux 6.x net/ipv4/tcp_cubic.c) on a bare socket state: the loss response, the cubic
 * function around its origin, the Reno-friendly region, HyStart's two exits with their thresholds
 * and counters, the epoch shift after idle, and two trajectories Linux reports through TCP_INFO.
 */
class CubicTest {
    private final Cubic.Params params = new Cubic.Params();
    private final Cubic cubic = params.newCubic();
    private final BareSock sk = new BareSock();

    private int word(int w) {
        return sk.caGetInt(w);
    }

    /** One ACK of {@code acked} segments at {@code tUs} with an RTT sample, as tcp_ack calls the ops. */
    private void ack(Cubic ca, long tUs, int acked, int rttUs) {
        sk.at(tUs);
        sk.sndUna += acked;
        ca.pktsAcked(sk, BareSock.sample(acked, rttUs));
        ca.congAvoid(sk, sk.sndUna, acked);
    }

    // ---- loss response ----

    @Test
    void ssthreshIsSevenTenthsOfCwndWithAFloorOfTwo() {
        // cubictcp_recalc_ssthresh: max(cwnd * beta / 1024, 2) with beta 717
        cubic.init(sk);
        int[][] cases = {{100, 70}, {10, 7}, {3, 2}, {2, 2}, {1, 2}, {1000, 700}, {1463, 1024}};
        for (int[] c : cases) {
            sk.cwnd = c[0];
            sk.caSetInt(Cubic.W_LAST_MAX_CWND, 0);
            assertThat(cubic.ssthresh(sk)).as("ssthresh at cwnd %d", c[0]).isEqualTo(c[1]);
            assertThat(word(Cubic.W_LAST_MAX_CWND)).isEqualTo(c[0]);
        }
    }

    @Test
    void aLossEndsTheEpochAndRecordsWmax() {
        cubic.init(sk);
        sk.caSetInt(Cubic.W_EPOCH_START, 12345);
        sk.cwnd = 100;
        cubic.ssthresh(sk);
        assertThat(word(Cubic.W_EPOCH_START)).isZero();
        assertThat(word(Cubic.W_LAST_MAX_CWND)).isEqualTo(100);
    }

    @Test
    void fastConvergenceLowersWmaxWhenTheWindowShrinksBetweenLosses() {
        // W_max = cwnd * (1024 + 717) / 2048 when cwnd < the previous W_max: 80 * 1741 / 2048 = 68
        cubic.init(sk);
        sk.cwnd = 100;
        cubic.ssthresh(sk);
        sk.cwnd = 80;
        assertThat(cubic.ssthresh(sk)).isEqualTo(56);
        assertThat(word(Cubic.W_LAST_MAX_CWND)).isEqualTo(68);
        // a loss above the previous W_max takes cwnd as is
        sk.cwnd = 90;
        cubic.ssthresh(sk);
        assertThat(word(Cubic.W_LAST_MAX_CWND)).isEqualTo(90);

        Cubic slow = new Cubic.Params(Map.of("fast_convergence", "0")).newCubic();
        BareSock s = new BareSock();
        slow.init(s);
        s.cwnd = 100;
        slow.ssthresh(s);
        s.cwnd = 80;
        slow.ssthresh(s);
        assertThat(s.caGetInt(Cubic.W_LAST_MAX_CWND)).isEqualTo(80);
    }

    @Test
    void betaWrittenAfterLoadChangesTheDecreaseButNotTheFriendlyScale() {
        params.set("beta", "512");
        sk.cwnd = 100;
        assertThat(cubic.ssthresh(sk)).isEqualTo(50);
        assertThat(params.lookupLong(Cubic.P_BETA_SCALE, -1)).isEqualTo(15);    // 8 * 1741 / 3 / 307, fixed at module load
        assertThat(new Cubic.Params(Map.of("beta", "512")).lookupLong(Cubic.P_BETA_SCALE, -1)).isEqualTo(8 * 1536 / 3 / 512);
    }

    @Test
    void undoRestoresTheWindowBeforeTheReduction() {
        // .undo_cwnd = tcp_reno_undo_cwnd: max(cwnd, prior_cwnd)
        sk.cwnd = 70;
        sk.priorCwnd = 100;
        assertThat(cubic.undoCwnd(sk)).isEqualTo(100);
        sk.cwnd = 120;
        assertThat(cubic.undoCwnd(sk)).isEqualTo(120);
    }

    @Test
    void enteringLossResetsTheCurveAndStartsAHyStartRound() {
        cubic.init(sk);
        for (int w = 0; w < Cubic.W_SAMPLE_FOUND; w++) {
            sk.caSetInt(w, 1000 + w);
        }
        sk.caSetInt(Cubic.W_SAMPLE_FOUND, (1 << 24) | (5 << 16));
        sk.at(777);
        sk.sndNxt = 4242;
        cubic.setState(sk, TcpCa.CA_RECOVERY);
        assertThat(word(Cubic.W_LAST_MAX_CWND)).isEqualTo(1001);   // only Loss resets
        cubic.setState(sk, TcpCa.CA_LOSS);
        for (int w = 0; w < Cubic.W_SAMPLE_FOUND; w++) {
            assertThat(word(w)).as("word %d", w).isZero();
        }
        assertThat(word(Cubic.W_SAMPLE_FOUND)).isZero();              // found and sample_cnt cleared
        assertThat(word(Cubic.W_ROUND_START)).isEqualTo((int) sk.mstamp);
        assertThat(word(Cubic.W_LAST_ACK)).isEqualTo((int) sk.mstamp);
        assertThat(word(Cubic.W_END_SEQ)).isEqualTo(4242);
        assertThat(word(Cubic.W_CURR_RTT)).isEqualTo(-1);
    }

    @Test
    void initialSsthreshAppliesOnlyWithoutHyStart() {
        Cubic.Params p = new Cubic.Params(Map.of("initial_ssthresh", "50"));
        BareSock s = new BareSock();
        p.newCubic().init(s);
        assertThat(s.ssthresh).isEqualTo(TcpCa.INFINITE_SSTHRESH);
        p.set("hystart", "0");
        p.newCubic().init(s);
        assertThat(s.ssthresh).isEqualTo(50);
    }

    // ---- the cubic function ----

    @Test
    void originIsReachedAfterKAndCntIsThenTheGapOverCwnd() {
        // W_max 100, cwnd 70: K = cbrt(30 * 2^40 / 410) = 4316 (1/1024 s; exactly 4318.4, cbrt(30/0.4) s)
        cubic.init(sk);
        sk.cwnd = 100;
        sk.ssthresh = cubic.ssthresh(sk);
        sk.cwnd = sk.ssthresh;
        ack(cubic, 0, 1, -1);
        assertThat(word(Cubic.W_K)).isEqualTo(4316);
        assertThat(word(Cubic.W_ORIGIN_POINT)).isEqualTo(100);
        // t = 0: the curve starts at W_max - C*K^3 = 100 - 29 = 71 (K rounds down): cnt = 70 / (71 - 70)
        assertThat(word(Cubic.W_CNT)).isEqualTo(70);
        // t = K (4316/1024 s = 4215 ms): the target is W_max; cnt = cwnd / (100 - cwnd) = 70 / 30
        ack(cubic, 4_215_000, 1, -1);
        assertThat(word(Cubic.W_CNT)).isEqualTo(2);
        // on the concave part, at 1 s: target 100 - C*(K - t)^3 = 100 - 13 = 87, cnt = 70 / 17
        BareSock s = new BareSock();
        Cubic c = params.newCubic();
        c.init(s);
        s.cwnd = 100;
        s.ssthresh = c.ssthresh(s);
        s.cwnd = 70;
        s.at(0);
        c.congAvoid(s, 0, 1);
        s.at(1_000_000);
        c.congAvoid(s, 0, 1);
        assertThat(s.caGetInt(Cubic.W_CNT)).isEqualTo(4);
        // far beyond K the target runs away: at most one segment per two ACKed
        ack(cubic, 60_000_000, 1, -1);
        assertThat(word(Cubic.W_CNT)).isEqualTo(2);
    }

    @Test
    void beforeTheFirstLossGrowthIsCappedAtFivePercentPerRtt() {
        // last_max_cwnd 0 (HyStart exit): cnt at most 20
        cubic.init(sk);
        sk.cwnd = 48;
        sk.ssthresh = 48;
        ack(cubic, 0, 2, -1);
        assertThat(word(Cubic.W_CNT)).isEqualTo(20);
        assertThat(word(Cubic.W_ORIGIN_POINT)).isEqualTo(48);
        assertThat(word(Cubic.W_K)).isZero();
    }

    @Test
    void cntIsRecomputedAtMostOncePerJiffyAndEvery32JiffiesWhenCwndIsUnchanged() {
        cubic.init(sk);
        sk.cwnd = 100;
        sk.ssthresh = cubic.ssthresh(sk);
        sk.cwnd = 70;
        ack(cubic, 0, 1, -1);
        int lastTime = word(Cubic.W_LAST_TIME);
        ack(cubic, 31_000, 1, -1);                  // same cwnd, 31 jiffies later: no update
        assertThat(word(Cubic.W_LAST_TIME)).isEqualTo(lastTime);
        assertThat(word(Cubic.W_ACK_CNT)).isEqualTo(2);
        ack(cubic, 32_000, 1, -1);                  // 32 jiffies: recomputed
        assertThat(word(Cubic.W_LAST_TIME)).isEqualTo(lastTime + 32);
    }

    @Test
    void renoFriendlinessKeepsCubicAtLeastAsFastAsReno() {
        // W_max 20 -> cwnd 14; near the plateau CUBIC adds 2 segments in 300 one-segment ACKs (1 ms
        // apart), while the Reno estimate (one segment per cwnd * beta_scale / 8 ACKed) lifts it to 22.
        int[] withIt = friendlyRun(new Cubic.Params());
        int[] without = friendlyRun(new Cubic.Params(Map.of("tcp_friendliness", "0")));
        assertThat(withIt).containsExactly(22, 22);
        assertThat(without).containsExactly(16, 14);
    }

    private static int[] friendlyRun(Cubic.Params p) {
        Cubic ca = p.newCubic();
        BareSock s = new BareSock();
        ca.init(s);
        s.cwnd = 20;
        s.ssthresh = ca.ssthresh(s);
        s.cwnd = s.ssthresh;
        s.caSetInt(Cubic.W_DELAY_MIN, 10_000);
        for (int i = 1; i <= 300; i++) {
            s.at(i * 1000L);
            ca.congAvoid(s, 0, 1);
        }
        return new int[] {s.cwnd, s.caGetInt(Cubic.W_TCP_CWND)};
    }

    @Test
    void theRenoEstimateGrowsOncePerFullDeltaStrictlyExceeded() {
        // while (ack_cnt > delta) { ack_cnt -= delta; tcp_cwnd++; } with delta = cwnd * 15 >> 3 = 30
        // at cwnd 16: 60 ACKed gives one step (60 > 30, 30 > 30 no), 61 gives two.
        int[][] cases = {{59, 1}, {60, 2}};
        for (int[] c : cases) {
            BareSock s = new BareSock();
            s.cwnd = 16;
            s.ssthresh = 16;
            s.at(5000);
            s.caSetInt(Cubic.W_EPOCH_START, s.jiffies - 5);
            s.caSetInt(Cubic.W_LAST_TIME, s.jiffies);      // cnt already computed this jiffy
            s.caSetInt(Cubic.W_CNT, 1000);
            s.caSetInt(Cubic.W_TCP_CWND, 16);
            s.caSetInt(Cubic.W_ACK_CNT, c[0]);
            cubic.congAvoid(s, 0, 1);
            assertThat(s.caGetInt(Cubic.W_TCP_CWND)).as("tcp_cwnd after %d ACKed", c[0] + 1).isEqualTo(16 + c[1]);
            assertThat(s.caGetInt(Cubic.W_ACK_CNT)).isEqualTo(c[0] + 1 - c[1] * 30);
            assertThat(s.caGetInt(Cubic.W_CNT)).isEqualTo(16 / c[1]);
        }
    }

    @Test
    void nothingGrowsWhenNotCwndLimited() {
        cubic.init(sk);
        sk.cwndLimited = false;
        sk.maxPacketsOut = 5;      // slow start, cwnd 10 >= 2 * 5
        ack(cubic, 0, 2, 1000);
        assertThat(sk.cwnd).isEqualTo(10);
        sk.maxPacketsOut = 6;
        ack(cubic, 1000, 2, 1000);
        assertThat(sk.cwnd).isEqualTo(12);
    }

    // ---- idle ----

    @Test
    void txStartAfterIdleShiftsTheEpochByTheIdleTime() {
        // cubictcp_cwnd_event: epoch_start += now - lsndtime, but not past now
        sk.caSetInt(Cubic.W_EPOCH_START, 1000);
        sk.lsndtime = 2000;
        sk.jiffies = 2500;
        cubic.cwndEvent(sk, TcpCa.CA_EVENT_TX_START);
        assertThat(word(Cubic.W_EPOCH_START)).isEqualTo(1500);
        sk.lsndtime = 1600;
        sk.jiffies = 9000;
        cubic.cwndEvent(sk, TcpCa.CA_EVENT_TX_START);
        assertThat(word(Cubic.W_EPOCH_START)).isEqualTo(8900);        // 1500 + 7400
        sk.lsndtime = 0;
        sk.jiffies = 9500;
        cubic.cwndEvent(sk, TcpCa.CA_EVENT_TX_START);
        assertThat(word(Cubic.W_EPOCH_START)).isEqualTo(9500);        // 8900 + 9500 is after now: now
        // jiffies wrap: the shift works across 0
        sk.caSetInt(Cubic.W_EPOCH_START, -100);
        sk.lsndtime = -50;
        sk.jiffies = 30;
        cubic.cwndEvent(sk, TcpCa.CA_EVENT_TX_START);
        assertThat(word(Cubic.W_EPOCH_START)).isEqualTo(-20);
        // no epoch, no idle, other events: nothing
        sk.caSetInt(Cubic.W_EPOCH_START, 0);
        cubic.cwndEvent(sk, TcpCa.CA_EVENT_TX_START);
        assertThat(word(Cubic.W_EPOCH_START)).isZero();
        sk.caSetInt(Cubic.W_EPOCH_START, 10);
        sk.lsndtime = sk.jiffies;
        cubic.cwndEvent(sk, TcpCa.CA_EVENT_TX_START);
        cubic.cwndEvent(sk, TcpCa.CA_EVENT_CWND_RESTART);
        cubic.cwndEvent(sk, TcpCa.CA_EVENT_LOSS);
        assertThat(word(Cubic.W_EPOCH_START)).isEqualTo(10);
    }

    // ---- delay samples ----

    @Test
    void delayMinTakesTheSmallestSampleAndIgnoresMissingOnesAndThoseRightAfterAReduction() {
        cubic.init(sk);
        sk.cwnd = 10;
        cubic.pktsAcked(sk, BareSock.sample(1, -1));
        assertThat(word(Cubic.W_DELAY_MIN)).isZero();
        cubic.pktsAcked(sk, BareSock.sample(1, 0));
        assertThat(word(Cubic.W_DELAY_MIN)).isEqualTo(1);             // a 0 us sample counts as 1
        sk.caSetInt(Cubic.W_DELAY_MIN, 0);
        cubic.pktsAcked(sk, BareSock.sample(1, 30_000));
        cubic.pktsAcked(sk, BareSock.sample(1, 20_000));
        cubic.pktsAcked(sk, BareSock.sample(1, 25_000));
        assertThat(word(Cubic.W_DELAY_MIN)).isEqualTo(20_000);
        // within HZ jiffies of the epoch start, samples are discarded
        sk.caSetInt(Cubic.W_EPOCH_START, sk.jiffies - 999);
        cubic.pktsAcked(sk, BareSock.sample(1, 5_000));
        assertThat(word(Cubic.W_DELAY_MIN)).isEqualTo(20_000);
        sk.caSetInt(Cubic.W_EPOCH_START, sk.jiffies - 1000);
        cubic.pktsAcked(sk, BareSock.sample(1, 5_000));
        assertThat(word(Cubic.W_DELAY_MIN)).isEqualTo(5_000);
    }

    // ---- HyStart ----

    /** A slow start at cwnd 20 with delay_min 10 ms; ACKs of one segment {@code spacingUs} apart. */
    private int trainExitAck(int pacingStatus, long pacingRate, int gapAtAck) {
        BareSock s = new BareSock();
        Cubic ca = new Cubic.Params().newCubic();
        s.pacingStatus = pacingStatus;
        s.pacingRate = pacingRate;
        s.cwnd = 20;
        s.at(0);
        ca.init(s);                       // round ends at snd_nxt 0: the first ACK starts a new one
        s.sndNxt = 100;
        long t = 0;
        for (int i = 1; i < 30; i++) {
            t += i == gapAtAck ? 3000 : 1000;
            s.at(t);
            s.sndUna = i;
            ca.pktsAcked(s, BareSock.sample(1, 10_000));
            if (s.caGetInt(Cubic.W_SAMPLE_FOUND) >>> 24 != 0) {
                assertThat(s.ssthresh).isEqualTo(20);
                assertThat(s.stats).containsExactly(1, 20, 0, 0);
                return i;
            }
        }
        assertThat(s.ssthresh).isEqualTo(TcpCa.INFINITE_SSTHRESH);
        assertThat(s.stats).containsExactly(0, 0, 0, 0);
        return -1;
    }

    @Test
    void ackTrainExitsOnceTheTrainOutlastsHalfTheMinimumRtt() {
        // The round starts at ACK 1; ACKs <= 2 ms apart extend the train; without pacing the exit is
        // when now - round_start > delay_min / 2 = 5 ms: at ACK 7 (6 ms).
        assertThat(trainExitAck(TcpCa.SK_PACING_NONE, 0, -1)).isEqualTo(7);
        // Paced (fq): the whole delay_min, 10 ms: ACK 12.
        assertThat(trainExitAck(TcpCa.SK_PACING_FQ, 0, -1)).isEqualTo(12);
        // With a pacing rate, hystart_ack_delay adds 4 GSO packets' time (65536 * 4 / 1e9 s = 262 us):
        // (10000 + 262) / 2 = 5131 us, still ACK 7; at 100 Mbyte/s the cushion is capped at 1 ms.
        assertThat(Cubic.hystartAckDelay(pacedAt(1_000_000_000L))).isEqualTo(262);
        assertThat(Cubic.hystartAckDelay(pacedAt(100_000_000L))).isEqualTo(1000);
        assertThat(Cubic.hystartAckDelay(pacedAt(0))).isZero();
        assertThat(trainExitAck(TcpCa.SK_PACING_NONE, 1_000_000_000L, -1)).isEqualTo(7);
        // A gap wider than hystart_ack_delta_us (2 ms) breaks the train for the rest of the round.
        assertThat(trainExitAck(TcpCa.SK_PACING_NONE, 0, 3)).isEqualTo(-1);
    }

    private static BareSock pacedAt(long rate) {
        BareSock s = new BareSock();
        s.pacingRate = rate;
        return s;
    }

    @Test
    void ackTrainSpacingLimitIsAModuleParameter() {
        params.set("hystart_ack_delta_us", "500");
        // 1 ms spacing is now too wide: no train, no exit
        BareSock s = new BareSock();
        Cubic ca = params.newCubic();
        s.cwnd = 20;
        s.at(0);
        ca.init(s);
        s.sndNxt = 100;
        for (int i = 1; i < 30; i++) {
            s.at(i * 1000L);
            s.sndUna = i;
            ca.pktsAcked(s, BareSock.sample(1, 10_000));
        }
        assertThat(s.stats[TcpCa.STAT_HYSTART_TRAIN_DETECT]).isZero();
    }

    /**
     * A round of delay samples: the first sample starts the round (delay_min {@code min}), then
     * {@code samples} more ACKs with the given RTTs. Returns the ACK (1-based, counting the first)
     * at which HyStart's delay test ended slow start, or -1.
     */
    private static int delayExit(int delayMin, int... rtts) {
        BareSock s = new BareSock();
        Cubic ca = new Cubic.Params(Map.of("hystart_detect", "2")).newCubic();
        s.cwnd = 20;
        s.at(0);
        ca.init(s);
        s.caSetInt(Cubic.W_DELAY_MIN, delayMin);
        s.sndNxt = 1000;
        for (int i = 0; i < rtts.length; i++) {
            s.at(1000L * (i + 1));
            s.sndUna = i + 1;
            ca.pktsAcked(s, BareSock.sample(1, rtts[i]));
            if (s.caGetInt(Cubic.W_SAMPLE_FOUND) >>> 24 != 0) {
                assertThat(s.ssthresh).isEqualTo(20);
                assertThat(s.stats).containsExactly(0, 0, 1, 20);
                return i + 1;
            }
        }
        assertThat(s.stats).containsExactly(0, 0, 0, 0);
        return -1;
    }

    private static int[] repeat(int v, int n) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void delayExitComparesTheRoundsMinimumWithDelayMinPlusAnEighthClampedTo4To16Ms() {
        // HYSTART_DELAY_THRESH(delay_min >> 3) = clamp(x, 4 ms, 16 ms); the test runs from the 9th
        // sample of a round on (HYSTART_MIN_SAMPLES 8 samples are collected first).
        assertThat(Cubic.delayThresh(200_000 >>> 3)).isEqualTo(16_000);
        assertThat(Cubic.delayThresh(20_000 >>> 3)).isEqualTo(4_000);
        assertThat(Cubic.delayThresh(64_000 >>> 3)).isEqualTo(8_000);
        // delay_min 64 ms: threshold 72 ms. 72 ms is not above it; 72.001 ms is, on the 9th sample.
        assertThat(delayExit(64_000, repeat(72_000, 12))).isEqualTo(-1);
        assertThat(delayExit(64_000, repeat(72_001, 12))).isEqualTo(9);
        // delay_min 200 ms: +16 ms cap (not +25 ms).
        assertThat(delayExit(200_000, repeat(216_001, 9))).isEqualTo(9);
        // delay_min 20 ms: +4 ms floor (not +2.5 ms).
        assertThat(delayExit(20_000, repeat(23_000, 12))).isEqualTo(-1);
        assertThat(delayExit(20_000, repeat(24_001, 9))).isEqualTo(9);
        // The round's minimum counts: one low sample among the first nine keeps slow start going.
        int[] rtts = repeat(90_000, 12);
        rtts[4] = 70_000;
        assertThat(delayExit(64_000, rtts)).isEqualTo(-1);
    }

    @Test
    void aNewLowerRttLowersDelayMinBeforeTheTest() {
        // Linux b344579ca847 "tcp_cubic: fix spurious HYSTART_DELAY exit upon drop in min RTT":
        // 8 samples at 201..208 ms over a 200 ms delay_min, then a 29 ms sample: no exit.
        int[] rtts = {200_000, 201_000, 202_000, 203_000, 204_000, 205_000, 206_000, 207_000, 29_000};
        assertThat(delayExit(200_000, rtts)).isEqualTo(-1);
    }

    @Test
    void hyStartWaitsForTheLowWindowAndStopsAfterAnExit() {
        BareSock s = new BareSock();
        Cubic ca = new Cubic.Params().newCubic();
        s.cwnd = 15;
        s.at(0);
        ca.init(s);
        s.caSetInt(Cubic.W_DELAY_MIN, 20_000);
        s.sndNxt = 1000;
        for (int i = 1; i <= 20; i++) {
            s.at(i * 5000L);
            s.sndUna = i;
            ca.pktsAcked(s, BareSock.sample(1, 90_000));
        }
        assertThat(s.ssthresh).isEqualTo(TcpCa.INFINITE_SSTHRESH);    // cwnd 15 < hystart_low_window 16
        s.cwnd = 16;
        for (int i = 21; i <= 40; i++) {
            s.at(i * 5000L);
            s.sndUna = i;
            ca.pktsAcked(s, BareSock.sample(1, 90_000));
        }
        assertThat(s.ssthresh).isEqualTo(16);
        assertThat(s.stats[TcpCa.STAT_HYSTART_DELAY_DETECT]).isEqualTo(1);
        // found: later rounds run no test, counters stay
        s.cwnd = 30;
        s.ssthresh = TcpCa.INFINITE_SSTHRESH;
        for (int i = 41; i <= 80; i++) {
            s.at(i * 5000L);
            s.sndUna = i + 2000;
            ca.pktsAcked(s, BareSock.sample(1, 90_000));
        }
        assertThat(s.stats).containsExactly(0, 0, 1, 16);
    }

    // ---- trajectories Linux reports ----

    @Test
    void bulkFlowAt166kbitMatchesLinuxTcpInfo() {
        // A bulk sender (IW10, 400 segments) whose peer ACKs 2 segments every 100 ms. Linux 6.x
        // reports tcpi_snd_cwnd 20, 30, 40 after 5, 10, 15 ACKs, 48 after 19 (HyStart's delay test
        // ends slow start at the 20th: RTTs have grown from 100 ms to 1.2 s), then 49, 50, 52, 58
        // after 30, 40, 50, 60 ACKs, and from there one segment per ACK (CUBIC's cap of one per two
        // segments ACKed).
        sk.pacingStatus = TcpCa.SK_PACING_FQ;
        sk.pacingRate = 400_000;
        sk.at(0);
        cubic.init(sk);
        long[] sent = new long[401];
        int[] cwndAfter = new int[201];
        int sndNxt = 0;
        for (; sndNxt < sk.cwnd; sndNxt++) {
            sent[sndNxt + 1] = 0;
        }
        sk.sndNxt = sndNxt;
        for (int k = 1; k <= 200; k++) {
            long now = 100_000L * k;
            sk.at(now);
            sk.sndUna = 2 * k;
            cubic.pktsAcked(sk, BareSock.sample(2, (int) (now - sent[2 * k])));
            cubic.congAvoid(sk, 2 * k, 2);
            while (sndNxt - sk.sndUna < sk.cwnd && sndNxt < 400) {
                sent[++sndNxt] = now;
            }
            sk.sndNxt = sndNxt;
            cwndAfter[k] = sk.cwnd;
        }
        assertThat(new int[] {cwndAfter[5], cwndAfter[10], cwndAfter[15], cwndAfter[19]}).containsExactly(20, 30, 40, 48);
        assertThat(new int[] {cwndAfter[30], cwndAfter[40], cwndAfter[50], cwndAfter[60]}).containsExactly(49, 50, 52, 58);
        for (int k = 61; k <= 200; k++) {
            assertThat(cwndAfter[k]).as("cwnd after ACK %d", k).isEqualTo(58 + (k - 60));
        }
        assertThat(sk.ssthresh).isEqualTo(48);
        assertThat(sk.stats).containsExactly(0, 0, 1, 48);
    }

    @Test
    void rtoThenSlowStartThenRenoFriendlyGrowthMatchesLinux() {
        // RTO at cwnd 10 (tcp_enter_loss: ssthresh, then set_state(Loss)), then one ACK per segment.
        // Linux reports ssthresh 7, cwnd 2 after the retransmission's ACK, slow start to 7, cwnd 7
        // for 15 more ACKs and 8 at the 16th: W_max was reset by the Loss state, so cnt starts at
        // 20 and the Reno-friendly estimate overtakes it (cwnd * 15 / 8 = 13 ACKed per segment).
        sk.at(0);
        cubic.init(sk);
        sk.priorCwnd = sk.cwnd;
        sk.ssthresh = cubic.ssthresh(sk);
        cubic.cwndEvent(sk, TcpCa.CA_EVENT_LOSS);
        sk.cwnd = 1;
        sk.cwndCnt = 0;
        cubic.setState(sk, TcpCa.CA_LOSS);
        assertThat(sk.ssthresh).isEqualTo(7);
        int[] gapsMs = {0, 100, 2, 98, 2, 2, 2, 98, 2, 2, 2, 2, 2, 2, 98, 2, 2, 2, 2, 2, 2, 98};
        int[] cwnd = new int[gapsMs.length];
        long t = 0;
        for (int i = 0; i < gapsMs.length; i++) {
            t += gapsMs[i] * 1000L;
            ack(cubic, t, 1, 100_000);
            cwnd[i] = sk.cwnd;
        }
        assertThat(Arrays.copyOf(cwnd, 6)).containsExactly(2, 3, 4, 5, 6, 7);
        assertThat(Arrays.copyOfRange(cwnd, 6, 21)).containsOnly(7);
        assertThat(cwnd[21]).isEqualTo(8);
    }

    // ---- program rules ----

    @Test
    void stateFitsThePrivateArea() {
        // BUILD_BUG_ON(sizeof(struct bictcp) > ICSK_CA_PRIV_SIZE): 15 words of the 26
        assertThat(Cubic.WORDS).isLessThanOrEqualTo(2 * TcpCa.CA_PRIV_SLOTS);
        // words beyond the struct stay untouched
        cubic.init(sk);
        for (int i = 0; i < 1000; i++) {
            ack(cubic, i * 1000L, 1, 5000 + i);
        }
        sk.cwnd = 300;
        cubic.ssthresh(sk);
        cubic.setState(sk, TcpCa.CA_LOSS);
        for (int w = Cubic.WORDS; w < 2 * TcpCa.CA_PRIV_SLOTS; w++) {
            assertThat(sk.caGetInt(w)).isZero();
        }
    }

    @Test
    void perAckCallbacksAllocateNothing() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var sample = BareSock.sample(2, 40_000);
        cubic.init(sk);
        sk.cwnd = 100;
        sk.ssthresh = cubic.ssthresh(sk);
        sk.cwnd = 70;
        long t = 0;
        for (int i = 0; i < 20_000; i++) {    // warm up
            t += 500;
            sk.at(t);
            cubic.pktsAcked(sk, sample);
            cubic.congAvoid(sk, i, 2);
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++) {
            t += 500;
            sk.at(t);
            cubic.pktsAcked(sk, sample);
            cubic.congAvoid(sk, i, 2);
            cubic.cwndEvent(sk, TcpCa.CA_EVENT_TX_START);
        }
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by 20000 ACKs").isZero();
    }
}
