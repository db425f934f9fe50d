package dev.weir.tcp.cc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The delivery-rate estimator (Linux net/ipv4/tcp_rate.c) driven the way tcp_output.c and
 * tcp_input.c drive it: onSent per transmission, onDelivered per (S)ACKed segment, generate per
 * ACK. Times in microseconds; the socket clock starts at 1000 s (never 0).
 */
class DeliveryRateTest {
    private static final long T = 1_000_000_000L;
    private static final int MS = 1000;

    private final BareSock tp = new BareSock();
    private final DeliveryRate rate = new DeliveryRate();
    private final AckRateSample rs = new AckRateSample();
    private final TxSnapshot[] seg = new TxSnapshot[64];
    private final long[] sentAt = new long[64];

    DeliveryRateTest() {
        for (int i = 0; i < seg.length; i++) {
            seg[i] = new TxSnapshot();
        }
        tp.minRttUs = 100 * MS;
    }

    /** Transmits segment {@code i} (end_seq i * 1000) at {@code t}, as __tcp_transmit_skb then tcp_event_new_data_sent. */
    private void send(int i, long t) {
        tp.mstamp = t;
        rate.onSent(tp, seg[i], t);
        sentAt[i] = t;
        tp.packetsOut++;
    }

    /** One ACK at {@code t} that newly delivers segments {@code from..to} cumulatively. */
    private AckRateSample ack(long t, int from, int to) {
        tp.mstamp = t;
        rs.reset(tp.packetsOut);
        for (int i = from; i <= to; i++) {
            rate.onDelivered(seg[i], sentAt[i], i * 1000, false, false, rs);
        }
        int n = to - from + 1;
        tp.delivered += n;
        tp.packetsOut -= n;
        rate.generate(tp, n, 0, false, rs);
        return rs;
    }

    @Test
    void anAckClockedFlowMeasuresDeliveredOverTheAckPhase() {
        for (int i = 1; i <= 10; i++) {
            send(i, T);                      // IW10 in one burst: a send phase of 0
        }
        assertThat(rate.firstTxMstamp()).isEqualTo(T);
        AckRateSample s = ack(T + 100 * MS, 1, 2);
        // prior_delivered 0 at T; now delivered 2: 2 segments over max(0, 100 ms)
        assertThat(s.delivered()).isEqualTo(2);
        assertThat(s.intervalUs()).isEqualTo(100 * MS);
        assertThat(s.sndIntervalUs()).isZero();
        assertThat(s.rcvIntervalUs()).isEqualTo(100 * MS);
        assertThat(s.priorInFlight()).isEqualTo(10);
        assertThat(s.ackedSacked()).isEqualTo(2);
        assertThat(s.lastEndSeq()).isEqualTo(2000);
        assertThat(s.isAppLimited()).isFalse();
        assertThat(rate.deliveredMstamp()).isEqualTo(T + 100 * MS);
        send(11, T + 100 * MS);
        send(12, T + 100 * MS);
        assertThat(seg[11].delivered()).isEqualTo(2);
        assertThat(seg[11].deliveredMstamp()).isEqualTo(T + 100 * MS);
        assertThat(seg[11].firstTxMstamp()).isEqualTo(T);
        for (int k = 0; k < 4; k++) {
            ack(T + (110 + 10 * k) * MS, 3 + 2 * k, 4 + 2 * k);
        }
        assertThat(rs.delivered()).isEqualTo(10);
        assertThat(rs.intervalUs()).isEqualTo(140 * MS);
        // Segments 11 and 12 (sent at 100 ms, when 2 were delivered): 10 delivered since, over
        // max(send phase 100 ms from T to 100 ms, ACK phase 200 - 100 ms).
        s = ack(T + 200 * MS, 11, 12);
        assertThat(s.priorDelivered()).isEqualTo(2);
        assertThat(s.priorMstamp()).isEqualTo(T + 100 * MS);
        assertThat(s.delivered()).isEqualTo(10);
        assertThat(s.sndIntervalUs()).isEqualTo(100 * MS);
        assertThat(s.rcvIntervalUs()).isEqualTo(100 * MS);
        assertThat(s.intervalUs()).isEqualTo(100 * MS);
        assertThat(s.lastEndSeq()).isEqualTo(12_000);          // same send time: the higher end_seq wins
        assertThat(rate.rateDelivered()).isEqualTo(10);
        assertThat(rate.rateIntervalUs()).isEqualTo(100 * MS);
        // tcpi_delivery_rate: 10 * 1000 bytes per 100 ms
        assertThat(rate.deliveryRateBytesPerSec(1000)).isEqualTo(100_000);
    }

    @Test
    void underAckCompressionTheSendPhaseSetsTheInterval() {
        tp.minRttUs = 10 * MS;
        send(1, T);
        send(2, T);
        ack(T + 40 * MS, 1, 1);                 // delivered 1 at 40 ms; the send phase began at T
        for (int i = 3; i <= 6; i++) {
            send(i, T + (40 + 10 * (i - 3)) * MS);   // 40, 50, 60, 70 ms, segment 2 still in flight
        }
        // 2..6 ACKed together 5 ms after the last was sent; segment 6 (sent last) sets the sample
        AckRateSample s = ack(T + 75 * MS, 2, 6);
        assertThat(s.priorDelivered()).isEqualTo(1);
        assertThat(s.delivered()).isEqualTo(5);
        assertThat(s.sndIntervalUs()).isEqualTo(70 * MS);   // from T (phase start) to 70 ms
        assertThat(s.rcvIntervalUs()).isEqualTo(35 * MS);   // from 40 ms (delivered_mstamp) to 75 ms
        assertThat(s.intervalUs()).isEqualTo(70 * MS);
    }

    @Test
    void aSackedSegmentGivesItsSampleOnce() {
        for (int i = 1; i <= 4; i++) {
            send(i, T + i * MS);
        }
        // segment 3 SACKed at 101 ms
        tp.mstamp = T + 101 * MS;
        rs.reset(tp.packetsOut);
        rate.onDelivered(seg[3], sentAt[3], 3000, false, true, rs);
        tp.delivered += 1;
        rate.generate(tp, 1, 0, false, rs);
        assertThat(rs.delivered()).isEqualTo(1);
        assertThat(seg[3].deliveredMstamp()).isZero();
        // the cumulative ACK of 1..4 later: segment 3 is skipped; 4 (latest sent) sets the sample
        tp.mstamp = T + 110 * MS;
        rs.reset(tp.packetsOut);
        for (int i = 1; i <= 4; i++) {
            rate.onDelivered(seg[i], sentAt[i], i * 1000, false, false, rs);
        }
        tp.delivered += 3;
        tp.packetsOut = 0;
        rate.generate(tp, 3, 0, false, rs);
        assertThat(rs.lastEndSeq()).isEqualTo(4000);
        assertThat(rs.delivered()).isEqualTo(4);
        assertThat(rs.ackedSacked()).isEqualTo(3);
    }

    @Test
    void samplesWithoutTimingOrAfterRenegingAreInvalidAndShortOnesHaveNoInterval() {
        send(1, T);
        send(2, T);
        // only an already-spent (SACKed) segment delivered: no prior_mstamp
        seg[1].deliveredMstamp = 0;
        AckRateSample s = ack(T + 100 * MS, 1, 1);
        assertThat(s.delivered()).isEqualTo(-1);
        assertThat(s.intervalUs()).isEqualTo(-1);
        assertThat(s.ackedSacked()).isEqualTo(1);
        // SACK reneging
        tp.mstamp = T + 120 * MS;
        rs.reset(1);
        rate.onDelivered(seg[2], sentAt[2], 2000, false, false, rs);
        tp.delivered += 1;
        rate.generate(tp, 1, 2, true, rs);
        assertThat(rs.delivered()).isEqualTo(-1);
        assertThat(rs.intervalUs()).isEqualTo(-1);
        assertThat(rs.losses()).isEqualTo(2);
        // an interval below min_rtt: the count stays, the interval is invalid, nothing recorded
        tp.packetsOut = 0;
        send(3, T + 200 * MS);
        s = ack(T + 250 * MS, 3, 3);
        assertThat(s.delivered()).isEqualTo(1);
        assertThat(s.intervalUs()).isEqualTo(-1);
        assertThat(rate.rateDelivered()).isZero();
        assertThat(rate.deliveryRateBytesPerSec(1000)).isZero();
    }

    @Test
    void aRetransmittedSegmentMarksTheSample() {
        send(1, T);
        tp.mstamp = T + 300 * MS;
        rate.onSent(tp, seg[1], T + 300 * MS);       // retransmission: packets_out still counts it
        sentAt[1] = T + 300 * MS;
        tp.mstamp = T + 400 * MS;
        rs.reset(1);
        rate.onDelivered(seg[1], sentAt[1], 1000, true, false, rs);
        tp.delivered += 1;
        tp.packetsOut = 0;
        rate.generate(tp, 1, 0, false, rs);
        assertThat(rs.isRetrans()).isTrue();
        assertThat(rs.delivered()).isEqualTo(1);
        assertThat(rs.intervalUs()).isEqualTo(400 * MS);  // delivered_mstamp still T: the whole wait
    }

    @Test
    void applicationLimitedPeriodsAreMarkedUntilTheirDataIsDelivered() {
        tp.cwnd = 10;
        tp.delivered = 20;
        for (int i = 1; i <= 2; i++) {
            send(i, T);
        }
        tp.sndNxt = 2000;
        // less than an MSS unsent, nothing queued below, in_flight 2 < cwnd, no unrepaired loss
        rate.checkAppLimited(tp, 2500, false);
        assertThat(rate.appLimited()).isEqualTo(22);              // delivered + in_flight
        send(3, T + 1 * MS);
        assertThat(seg[3].appLimited()).isTrue();
        assertThat(seg[1].appLimited()).isFalse();
        AckRateSample s = ack(T + 100 * MS, 1, 2);
        assertThat(s.isAppLimited()).isFalse();
        assertThat(rate.appLimited()).isEqualTo(22);              // delivered 22 is not after 22
        s = ack(T + 101 * MS, 3, 3);
        assertThat(s.isAppLimited()).isTrue();
        assertThat(rate.appLimited()).isZero();                   // delivered 23: the bubble is gone
    }

    @Test
    void appLimitedNeedsEveryConditionOfTcpRateCheckAppLimited() {
        tp.cwnd = 10;
        tp.sndNxt = 5000;
        tp.packetsOut = 3;
        rate.checkAppLimited(tp, 5000 + 1000, false);            // a full MSS waiting to be sent
        rate.checkAppLimited(tp, 5000, true);                    // data queued in the qdisc/NIC
        tp.packetsOut = 10;
        rate.checkAppLimited(tp, 5000, false);                   // cwnd full
        tp.packetsOut = 3;
        tp.lostOut = 2;
        tp.retransOut = 1;
        rate.checkAppLimited(tp, 5000, false);                   // a lost segment not retransmitted
        assertThat(rate.appLimited()).isZero();
        tp.retransOut = 2;                                       // in_flight 3 - 2 + 2 = 3
        rate.checkAppLimited(tp, 5000, false);
        assertThat(rate.appLimited()).isEqualTo(3);
        // nothing delivered and nothing in flight: 1, so that the mark is never 0
        BareSock idle = new BareSock();
        DeliveryRate fresh = new DeliveryRate();
        fresh.checkAppLimited(idle, 0, false);
        assertThat(fresh.appLimited()).isEqualTo(1);
    }

    @Test
    void anAppLimitedSampleReplacesTheRecordedRateOnlyWhenFaster() {
        tp.minRttUs = 1;
        send(1, T);
        ack(T + 100 * MS, 1, 1);                   // 1 per 100 ms, not app-limited
        assertThat(rate.rateDelivered()).isEqualTo(1);
        rate.checkAppLimited(tp, 0, false);
        send(2, T + 100 * MS);
        ack(T + 300 * MS, 2, 2);                   // app-limited, 1 per 200 ms: slower, kept out
        assertThat(rs.isAppLimited()).isTrue();
        assertThat(rate.rateIntervalUs()).isEqualTo(100 * MS);
        assertThat(rate.rateAppLimited()).isFalse();
        rate.checkAppLimited(tp, 0, false);
        send(3, T + 300 * MS);
        send(4, T + 300 * MS);
        ack(T + 350 * MS, 3, 4);                   // app-limited, 2 per 50 ms: faster, recorded
        assertThat(rate.rateDelivered()).isEqualTo(2);
        assertThat(rate.rateIntervalUs()).isEqualTo(50 * MS);
        assertThat(rate.rateAppLimited()).isTrue();
    }

    @Test
    void deliveredCeIsCountedIn20Bits() {
        tp.deliveredCe = (1 << 20) + 5;
        send(1, T);
        assertThat(seg[1].deliveredCe()).isEqualTo(5);
        tp.deliveredCe += 3;
        AckRateSample s = ack(T + 100 * MS, 1, 1);
        assertThat(s.priorDeliveredCe()).isEqualTo(5);
        assertThat(s.deliveredCe()).isEqualTo(3);
    }
}
