package dev.weir.tcp.cc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.TcpCa;
import org.junit.jupiter.api.Test;

/** Reno (tcp_cong.c: tcp_reno_cong_avoid with tcp_slow_start and tcp_cong_avoid_ai) on a bare socket state. */
class RenoTest {
    private final Reno reno = new Reno();
    private final BareSock sk = new BareSock();

    @Test
    void slowStartAddsEverySegmentAcked() {
        // IW10, ACKs of 2 segments: 12, 14, ..., one segment per segment ACKed
        for (int i = 1; i <= 5; i++) {
            reno.congAvoid(sk, 0, 2);
            assertThat(sk.cwnd).isEqualTo(10 + 2 * i);
        }
        // a stretch ACK of 7 segments adds 7
        reno.congAvoid(sk, 0, 7);
        assertThat(sk.cwnd).isEqualTo(27);
    }

    @Test
    void anApplicationLimitedSlowStartGrowsToTwiceWhatWasSent() {
        // tcp_is_cwnd_limited: not cwnd-limited, but in slow start cwnd may reach 2 * max_packets_out.
        // IW10 with 10 segments sent, ACKed 2 at a time: 12, 14, 16, 18, 20, then no more.
        sk.cwndLimited = false;
        sk.maxPacketsOut = 10;
        int[] seen = new int[6];
        for (int i = 0; i < 6; i++) {
            reno.congAvoid(sk, 0, 2);
            seen[i] = sk.cwnd;
        }
        assertThat(seen).containsExactly(12, 14, 16, 18, 20, 20);
    }

    @Test
    void congestionAvoidanceAddsOneSegmentPerWindowAcked() {
        sk.cwnd = 20;
        sk.ssthresh = 20;
        for (int i = 1; i <= 19; i++) {
            reno.congAvoid(sk, 0, 1);
        }
        assertThat(sk.cwnd).isEqualTo(20);
        assertThat(sk.cwndCnt).isEqualTo(19);
        reno.congAvoid(sk, 0, 1);
        assertThat(sk.cwnd).isEqualTo(21);
        assertThat(sk.cwndCnt).isZero();
        // delayed ACKs: 2 per ACK, 21 per step: 10 ACKs give 20, the 11th 22 -> +1, 1 left over
        for (int i = 1; i <= 11; i++) {
            reno.congAvoid(sk, 0, 2);
        }
        assertThat(sk.cwnd).isEqualTo(22);
        assertThat(sk.cwndCnt).isEqualTo(1);
        // not cwnd-limited in congestion avoidance: nothing
        sk.cwndLimited = false;
        sk.maxPacketsOut = 1000;
        reno.congAvoid(sk, 0, 100);
        assertThat(sk.cwnd).isEqualTo(22);
    }

    @Test
    void whatSlowStartLeavesOverGoesToLinearIncrease() {
        sk.cwnd = 18;
        sk.ssthresh = 20;
        reno.congAvoid(sk, 0, 5);          // 2 to reach 20, 3 credited at w = 20
        assertThat(sk.cwnd).isEqualTo(20);
        assertThat(sk.cwndCnt).isEqualTo(3);
        sk.cwnd = 18;
        sk.cwndCnt = 0;
        reno.congAvoid(sk, 0, 2);          // exactly reaches ssthresh: nothing left
        assertThat(sk.cwnd).isEqualTo(20);
        assertThat(sk.cwndCnt).isZero();
    }

    @Test
    void theClampBoundsBothPhases() {
        sk.clamp = 11;
        reno.congAvoid(sk, 0, 5);
        assertThat(sk.cwnd).isEqualTo(11);
        sk.ssthresh = 11;
        for (int i = 0; i < 50; i++) {
            reno.congAvoid(sk, 0, 1);
        }
        assertThat(sk.cwnd).isEqualTo(11);
    }

    @Test
    void lossHalvesTheWindowAndUndoRestoresIt() {
        sk.cwnd = 41;
        assertThat(reno.ssthresh(sk)).isEqualTo(20);
        sk.cwnd = 3;
        assertThat(reno.ssthresh(sk)).isEqualTo(2);
        sk.cwnd = 1;
        assertThat(reno.ssthresh(sk)).isEqualTo(2);
        sk.cwnd = 20;
        sk.priorCwnd = 41;
        assertThat(reno.undoCwnd(sk)).isEqualTo(41);
        assertThat(reno.flags()).isEqualTo(TcpCa.CONG_NON_RESTRICTED);
        assertThat(reno.name()).isEqualTo("reno");
    }
}
