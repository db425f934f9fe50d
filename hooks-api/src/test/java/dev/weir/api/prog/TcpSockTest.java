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
        @Override public long tcpMstamp() { return 0; }
        @Override public int caState() { return TcpCa.CA_OPEN; }
        @Override public boolean isCwndLimited() { return cwndLimited; }
        @Override public int appLimited() { return 0; }
        @Override public long bytesAcked() { return 0; }
        @Override public int sndUna() { return 0; }
        @Override public int sndNxt() { return 0; }
        @Override public int sndWnd() { return 65535; }
        @Override public int priorCwnd() { return priorCwnd; }
        @Override public long pacingRate() { return pacing; }
        @Override public long maxPacingRate() { return -1; }
        @Override public long sndCwndStampUs() { return 0; }
        @Override public boolean ecnEnabled() { return false; }
        @Override public long caGet(int i) { return priv[i]; }
        @Override public void caSet(int i, long value) { priv[i] = value; }
        @Override public void setSndCwnd(int v) { cwnd = v; }
        @Override public void setSndSsthresh(int v) { ssthresh = v; }
        @Override public void setSndCwndCnt(int v) { cnt = v; }
        @Override public void setPacingRate(long v) { pacing = v; }
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
}
