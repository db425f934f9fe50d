package dev.weir.plugins.cc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.TcpCa;
import dev.weir.hooks.testing.BareTcpSock;
import dev.weir.hooks.testing.ProgramUnderTest;
import dev.weir.hooks.testing.WeirProgram;
import dev.weir.hooks.testing.WeirProgramExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Vegas on a bare socket, round by round as tcp_vegas.c decides: each "RTT" is three RTT
 * samples then an ACK past beg_snd_nxt.
 */
@ExtendWith(WeirProgramExtension.class)
class VegasTest {
    @WeirProgram(Vegas.class)
    ProgramUnderTest prog;

    CongestionControl cc;
    final BareTcpSock sk = new BareTcpSock();

    @BeforeEach
    void start() {
        cc = prog.congestionControl();
        sk.sndNxt = 1000;
        cc.init(sk);
    }

    /** One RTT: samples of {@code rttUs}, then an ACK past the round's start; the next round starts at sndNxt + 100. */
    void round(int rttUs) {
        for (int i = 0; i < 3; i++) {
            cc.pktsAcked(sk, BareTcpSock.sample(1, rttUs, 0));
        }
        int ack = sk.sndNxt + 1;
        sk.sndNxt += 100;
        cc.congAvoid(sk, ack, 1);
    }

    @Test
    void growsByOnePerRttWhileTheQueueIsBelowAlpha() {
        sk.ssthresh = 10; // congestion avoidance
        sk.cwnd = 10;
        round(10_000);                // sets baseRTT; diff 0 < alpha
        assertThat(sk.cwnd).isEqualTo(11);
        round(10_000);
        assertThat(sk.cwnd).isEqualTo(12);
    }

    @Test
    void shrinksByOnePerRttWhenMoreThanBetaPacketsQueue() {
        sk.ssthresh = 20;
        sk.cwnd = 20;
        round(10_000);                // baseRTT 10001 us
        assertThat(sk.cwnd).isEqualTo(21);
        round(13_000);                // diff = 21 * 3000 / 10001 = 6 > beta
        assertThat(sk.cwnd).isEqualTo(20);
        assertThat(sk.ssthresh).isEqualTo(19);
        round(11_500);                // diff = 20 * 1500 / 10001 = 2: hold
        assertThat(sk.cwnd).isEqualTo(20);
    }

    @Test
    void leavesSlowStartWhenTheQueueGrowsBeyondGamma() {
        sk.cwnd = 10;                 // ssthresh infinite: slow start
        round(10_000);                // diff 0: slow start goes on
        assertThat(sk.cwnd).isEqualTo(11);
        round(15_000);                // diff = 11 * 5000 / 10001 = 5 > gamma: cwnd = min(11, 11*10001/15001 + 1) = 8
        assertThat(sk.cwnd).isEqualTo(8);
        assertThat(sk.ssthresh).isEqualTo(7);
        assertThat(sk.inSlowStart()).isFalse();
    }

    @Test
    void withTooFewSamplesOrOutsideOpenItIsReno() {
        sk.ssthresh = 10;
        sk.cwnd = 10;
        cc.pktsAcked(sk, BareTcpSock.sample(1, 10_000, 0));
        cc.congAvoid(sk, sk.sndNxt + 1, 1); // one sample: Reno's additive increase (cwnd_cnt)
        assertThat(sk.cwnd).isEqualTo(10);
        assertThat(sk.cwndCnt).isEqualTo(1);
        cc.setState(sk, TcpCa.CA_RECOVERY);
        cc.congAvoid(sk, sk.sndNxt + 1, 10);
        assertThat(sk.cwnd).isEqualTo(11); // Reno: 11 acked segments at cwnd 10
        assertThat(cc.ssthresh(sk)).isEqualTo(5);
    }
}
