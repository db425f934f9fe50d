package dev.weir.api.prog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The default building blocks of TcpSock behave as Linux's tcp_slow_start, tcp_cong_avoid_ai
 * and tcp_reno_cong_avoid (net/ipv4/tcp_cong.c), on a bare state object (ns-3's way of testing
 * an algorithm without a connection).
 */
class TcpSockTest {
    /** The socket fields an algorithm reads and writes, and nothing else. */
    static final class State implements TcpSock {
        int cwnd = 10;
        int ssthresh = TcpCa.INFINITE_SSTHRESH;
        int cnt;
        int clamp = 100_000;
        int priorCwnd;
        int maxPacketsOut = 10;
        boolean cwndLimited = true;
        int caState = TcpCa.CA_OPEN;
        long pacing;
        final long[] priv = new long[TcpCa.CA_PRIV_SLOTS];

        @Override public int sndCwnd() { return cwnd; }
        @Override public int sndSsthresh() { return ssthresh; }
        @Override public int sndCwndCnt() { return cnt; }
        @Override public int sndCwndClamp() { return clamp; }
        @Override public int srttUs() { return 0; }
        @Override public int mdevUs() { return 0; }
        @Override public int minRttUs() { return -1; }
        @Override public int packetsOut() { return 0; }
        @Override public int sackedOut() { return 0; }
        @Override public int lostOut() { return 0; }
        @Override public int retransOut() { return 0; }
        @Override public int maxPacketsOut() { return maxPacketsOut; }
        @Override public int delivered() { return 0; }
        @Override public int deliveredCe() { return 0; }
        @Override public int lost() { return 0; }
        @Override public int mssCache() { return 1448; }
        @Override public long tcpMstamp() { return 1; }
        @Override public int tcpJiffies32() { return 1; }
        @Override public int lsndtime() { return 1; }
        @Override public int caState() { return caState; }
        @Override public boolean isCwndLimited() { return cwndLimited; }
        @Override public int appLimited() { return 0; }
        @Override public long bytesAcked() { return 0; }
        @Override public int sndUna() { return 0; }
        @Override public int sndNxt() { return 0; }
        @Override public int sndWnd() { return 65535; }
        @Override public int priorCwnd() { return priorCwnd; }
        @Override public long pacingRate() { return pacing; }
        @Override public long maxPacingRate() { return -1; }
        @Override public int pacingStatus() { return TcpCa.SK_PACING_NONE; }
        @Override public int gsoMaxSize() { return 65536; }
        @Override public int sndCwndStamp() { return 0; }
        @Override public boolean ecnEnabled() { return false; }
        @Override public long caGet(int i) { return priv[i]; }
        @Override public void caSet(int i, long value) { priv[i] = value; }
        @Override public void setSndCwnd(int v) { cwnd = v; }
        @Override public void setSndSsthresh(int v) { ssthresh = v; }
        @Override public void setSndCwndCnt(int v) { cnt = v; }
        @Override public void setPacingRate(long v) { pacing = v; }
        @Override public void netAddStats(int stat, long value) {}
    }

    @Test
    void slowStartStopsAtSsthreshAndReturnsTheRest() {
        State s = new State();
        s.ssthresh = 20;
        assertThat(s.slowStart(4)).isZero();
        assertThat(s.cwnd).isEqualTo(14);
        // min(14 + 15, 20) = 20; 15 - (20 - 14) = 9 acked left for congestion avoidance
        assertThat(s.slowStart(15)).isEqualTo(9);
        assertThat(s.cwnd).isEqualTo(20);
    }

    @Test
    void slowStartRespectsTheClamp() {
        State s = new State();
        s.clamp = 12;
        s.slowStart(10);
        assertThat(s.cwnd).isEqualTo(12);
    }

    @Test
    void congAvoidAiAddsOneSegmentPerWindowAcked() {
        State s = new State();
        s.cwnd = 20;
        s.congAvoidAi(20, 5);
        assertThat(s.cwnd).isEqualTo(20);
        assertThat(s.cnt).isEqualTo(5);
        s.congAvoidAi(20, 15);
        assertThat(s.cwnd).isEqualTo(21);
        assertThat(s.cnt).isZero();
        // 45 acked at w = 21: two segments, 3 credits kept
        s.congAvoidAi(21, 45);
        assertThat(s.cwnd).isEqualTo(23);
        assertThat(s.cnt).isEqualTo(3);
    }

    @Test
    void congAvoidAiAppliesCreditsEarnedAtALargerWindowFirst() {
        State s = new State();
        s.cwnd = 10;
        s.cnt = 30;
        s.congAvoidAi(10, 1);
        // cnt >= w: reset and +1, then cnt = 1
        assertThat(s.cwnd).isEqualTo(11);
        assertThat(s.cnt).isEqualTo(1);
    }

    @Test
    void renoCongAvoidDoesNothingWhenNotCwndLimited() {
        State s = new State();
        s.ssthresh = 100;
        s.cwndLimited = false;
        s.maxPacketsOut = 2;   // slow start: limited only while cwnd < 2 * max_packets_out
        s.renoCongAvoid(0, 5);
        assertThat(s.cwnd).isEqualTo(10);
        s.maxPacketsOut = 10;
        s.renoCongAvoid(0, 5);
        assertThat(s.cwnd).isEqualTo(15);
    }

    @Test
    void renoCongAvoidCarriesSlowStartLeftoverIntoLinearIncrease() {
        State s = new State();
        s.ssthresh = 12;
        s.cwnd = 10;
        s.renoCongAvoid(0, 14);
        // slow start to 12 uses 2; 12 left at w = 12: one more segment
        assertThat(s.cwnd).isEqualTo(13);
        assertThat(s.cnt).isZero();
    }

    @Test
    void renoSsthreshHalvesWithAFloorOfTwoAndUndoRestores() {
        State s = new State();
        s.cwnd = 3;
        assertThat(s.renoSsthresh()).isEqualTo(2);
        s.cwnd = 40;
        assertThat(s.renoSsthresh()).isEqualTo(20);
        s.priorCwnd = 60;
        assertThat(s.renoUndoCwnd()).isEqualTo(60);
        s.cwnd = 10;
        s.ssthresh = 20;
        assertThat(s.inSlowStart()).isTrue();
        assertThat(s.packetsInFlight()).isZero();
    }

    @Test
    void theIsCwndLimitedBitWinsEvenInSlowStart() {
        // tcp_is_cwnd_limited (Linux 6.x): "if (tp->is_cwnd_limited) return true;" comes first
        State s = new State();
        s.ssthresh = 100;
        s.cwnd = 30;
        s.maxPacketsOut = 10;
        s.cwndLimited = true;
        assertThat(s.tcpIsCwndLimited()).isTrue();
        s.cwndLimited = false;
        assertThat(s.tcpIsCwndLimited()).isFalse();   // 30 >= 2 * 10
        s.maxPacketsOut = 16;
        assertThat(s.tcpIsCwndLimited()).isTrue();    // 30 < 32: slow start may double what was used
        s.ssthresh = 30;                              // congestion avoidance: only the bit counts
        assertThat(s.tcpIsCwndLimited()).isFalse();
    }

    @Test
    void slowStartFromTheInfiniteThresholdGrowsByAcked() {
        State s = new State();
        assertThat(s.slowStart(2)).isZero();
        assertThat(s.cwnd).isEqualTo(12);
        assertThat(s.inInitialSlowStart()).isTrue();
    }

    @Test
    void currentSsthreshIsThreeQuartersOfCwndOutsideReductions() {
        // tcp_current_ssthresh: max(ssthresh, (cwnd >> 1) + (cwnd >> 2)) unless in CWR or Recovery
        State s = new State();
        s.cwnd = 40;
        s.ssthresh = 20;
        assertThat(s.currentSsthresh()).isEqualTo(30);
        s.caState = TcpCa.CA_RECOVERY;
        assertThat(s.inCwndReduction()).isTrue();
        assertThat(s.currentSsthresh()).isEqualTo(20);
        s.caState = TcpCa.CA_LOSS;
        assertThat(s.inCwndReduction()).isFalse();
        assertThat(s.currentSsthresh()).isEqualTo(30);
    }

    @Test
    void privateAreaWordsAreTheHalvesOfTheSlots() {
        State s = new State();
        s.caSetInt(0, 0xCAFEBABE);
        s.caSetInt(1, 7);
        s.caSetInt(25, -1);
        assertThat(s.priv[0]).isEqualTo(0x0000_0007_CAFE_BABEL);
        assertThat(s.caGetInt(0)).isEqualTo(0xCAFEBABE);
        assertThat(s.caGetInt(1)).isEqualTo(7);
        assertThat(s.priv[12]).isEqualTo(0xFFFF_FFFF_0000_0000L);
        s.caSetInt(0, 1);
        assertThat(s.priv[0]).isEqualTo(0x0000_0007_0000_0001L);
    }

    @Test
    void clockHelpersFollowJiffiesH() {
        // INITIAL_JIFFIES = -300 * HZ: jiffies wrap 5 minutes after boot
        assertThat(TcpCa.jiffies32(0)).isEqualTo(-300_000);
        assertThat(TcpCa.jiffies32(300_000_000_000L)).isZero();
        assertThat(TcpCa.jiffies32(1_999_999L)).isEqualTo(-300_000 + 1);
        // usecs_to_jiffies rounds up
        assertThat(TcpCa.usecsToJiffies(0)).isZero();
        assertThat(TcpCa.usecsToJiffies(1)).isEqualTo(1);
        assertThat(TcpCa.usecsToJiffies(100_000)).isEqualTo(100);
        assertThat(TcpCa.usecsToJiffies(100_001)).isEqualTo(101);
        assertThat(TcpCa.usecsToJiffies(-1)).isEqualTo(4_294_968);
        assertThat(TcpCa.after(5, -3)).isTrue();
        assertThat(TcpCa.before(0x7fff_fff0, 0x8000_0010)).isTrue();
        assertThat(TcpCa.stampUsDelta(5, 9)).isZero();
    }
}
