package dev.weir.tcp.cc;

import dev.weir.api.prog.TcpCa;
import dev.weir.api.prog.TcpSockView;

/**
 * One connection's delivery-rate estimator, Linux's net/ipv4/tcp_rate.c: on every ACK it
 * measures how many segments the network delivered over how long, as the
 * {@link AckRateSample} that rate-based congestion control (BBR) consumes and that
 * {@code TCP_INFO}'s {@code tcpi_delivery_rate} reports.
 *
 * <p>The method: each transmitted segment records the connection's delivery count and its time
 * ({@link TxSnapshot}); when the segment is (S)ACKed, the delivered count since then divided by
 * the elapsed time is a rate sample. The interval is the longer of the send phase (between the
 * first and the last transmission of the window) and the ACK phase (between the delivery
 * recorded at transmission and now), so neither ACK compression nor bursty sending inflates the
 * rate: {@code interval_us = max(snd_us, ack_us)}. Samples taken while the application left the
 * pipe partly empty are marked application-limited.
 *
 * <p>This object holds the socket fields tcp_rate.c owns ({@code first_tx_mstamp},
 * {@code delivered_mstamp}, {@code app_limited}, and the last reported rate); the TCP stack
 * owns {@code delivered}, {@code delivered_ce}, {@code packets_out} and the clock and passes them
 * through its {@link TcpSockView}. The stack calls, like Linux:
 * <ul>
 *   <li>{@link #onSent} when a segment is transmitted or retransmitted ({@code __tcp_transmit_skb}),
 *       before a new segment is counted in {@code packets_out};
 *   <li>{@link #onDelivered} for every segment an ACK newly SACKs ({@code tcp_sacktag_one}) or
 *       cumulatively acknowledges ({@code tcp_clean_rtx_queue}), after {@code delivered} counts it;
 *   <li>{@link #generate} once per ACK, after the loss-recovery state machine and before the
 *       congestion control ({@code tcp_ack});
 *   <li>{@link #checkAppLimited} when the application writes ({@code tcp_sendmsg_locked}).
 * </ul>
 * Nothing here allocates. All sequence numbers are 32-bit and wrap; times are microseconds of the
 * socket clock, never 0 (0 marks "no timestamp").
 */
public final class DeliveryRate {
    private long firstTxMstamp;
    private long deliveredMstamp;
    private int appLimited;
    private int rateDelivered;
    private long rateIntervalUs;
    private boolean rateAppLimited;

    /**
     * {@code tcp_rate_skb_sent}: snapshots the delivery state into the segment. When nothing is
     * in flight ({@code packets_out} 0), a new send phase and delivery interval start now: ACKs
     * after this prove the network delivered those segments within the interval.
     *
     * @param tp the socket; {@code packetsOut()}, {@code delivered()}, {@code deliveredCe()} are read
     * @param txTstampUs the segment's transmit time ({@code tcp_skb_timestamp_us}: its departure
     *        time, later than now when the segment is paced)
     */
    public void onSent(TcpSockView tp, TxSnapshot tx, long txTstampUs) {
        if (tp.packetsOut() == 0) {
            firstTxMstamp = txTstampUs;
            deliveredMstamp = txTstampUs;
        }
        tx.firstTxMstamp = firstTxMstamp;
        tx.deliveredMstamp = deliveredMstamp;
        tx.delivered = tp.delivered();
        tx.deliveredCe = tp.deliveredCe() & TxSnapshot.DELIVERED_CE_MASK;
        tx.appLimited = appLimited != 0;
    }

    /**
     * {@code tcp_rate_skb_delivered}: the segment was newly SACKed or acknowledged. Of all the
     * segments one ACK delivers, the sample keeps the state of the most recently sent (latest
     * transmit time; on a tie, highest end sequence), and the send phase is measured up to it.
     * A SACKed segment gives its sample once: its snapshot is spent, so the cumulative ACK that
     * later covers it does not count it again.
     *
     * @param txTstampUs the segment's last transmit time
     * @param endSeq the segment's end sequence number
     * @param retrans the segment was retransmitted ({@code TCPCB_RETRANS})
     * @param sacked the segment is being SACKed now, or was before ({@code TCPCB_SACKED_ACKED})
     */
    public void onDelivered(TxSnapshot tx, long txTstampUs, int endSeq, boolean retrans, boolean sacked, AckRateSample rs) {
        if (tx.deliveredMstamp == 0) {
            return;
        }
        if (rs.priorDelivered == 0 || sentAfter(txTstampUs, firstTxMstamp, endSeq, rs.lastEndSeq)) {
            rs.priorDeliveredCe = tx.deliveredCe;
            rs.priorDelivered = tx.delivered;
            rs.priorMstamp = tx.deliveredMstamp;
            rs.isAppLimited = tx.appLimited;
            rs.isRetrans = retrans;
            rs.lastEndSeq = endSeq;
            firstTxMstamp = txTstampUs;
            rs.intervalUs = TcpCa.stampUsDelta(firstTxMstamp, tx.firstTxMstamp);
        }
        if (sacked) {
            tx.deliveredMstamp = 0;
        }
    }

    /** {@code tcp_skb_sent_after}: t1 later than t2, or at the same time with a higher sequence. */
    static boolean sentAfter(long t1, long t2, int seq1, int seq2) {
        return t1 > t2 || (t1 == t2 && TcpCa.after(seq1, seq2));
    }

    /**
     * {@code tcp_rate_gen}: completes the ACK's sample. {@code tp.delivered()} already includes
     * this ACK's deliveries.
     *
     * @param delivered segments newly delivered (ACKed or SACKed) by this ACK
     * @param lost segments newly marked lost while processing it
     * @param isSackReneg the receiver reneged on SACKed data: the sample is invalid
     */
    public void generate(TcpSockView tp, int delivered, int lost, boolean isSackReneg, AckRateSample rs) {
        // The application-limited bubble is gone once everything sent before it is delivered.
        if (appLimited != 0 && TcpCa.after(tp.delivered(), appLimited)) {
            appLimited = 0;
        }
        if (delivered != 0) {
            deliveredMstamp = tp.tcpMstamp();
        }
        rs.ackedSacked = delivered;
        rs.losses = lost;
        if (rs.priorMstamp == 0 || isSackReneg) {
            rs.delivered = -1;
            rs.intervalUs = -1;
            return;
        }
        rs.delivered = tp.delivered() - rs.priorDelivered;
        rs.deliveredCe = (tp.deliveredCe() - rs.priorDeliveredCe) & TxSnapshot.DELIVERED_CE_MASK;

        int sndUs = (int) rs.intervalUs;
        int ackUs = (int) TcpCa.stampUsDelta(tp.tcpMstamp(), rs.priorMstamp);
        rs.intervalUs = Integer.toUnsignedLong(Integer.compareUnsigned(sndUs, ackUs) >= 0 ? sndUs : ackUs);
        rs.sndIntervalUs = sndUs;
        rs.rcvIntervalUs = ackUs;

        // An interval shorter than the minimum RTT is an artefact (e.g. of a spurious
        // retransmission being ACKed): no rate from it.
        if (rs.intervalUs < Integer.toUnsignedLong(tp.minRttUs())) {
            rs.intervalUs = -1;
            return;
        }
        // Keep the last sample that was not application-limited, or a higher app-limited rate.
        if (!rs.isAppLimited
                || Long.compareUnsigned(Integer.toUnsignedLong(rs.delivered) * Integer.toUnsignedLong((int) rateIntervalUs),
                        Integer.toUnsignedLong(rateDelivered) * rs.intervalUs) >= 0) {
            rateDelivered = rs.delivered;
            rateIntervalUs = rs.intervalUs;
            rateAppLimited = rs.isAppLimited;
        }
    }

    /**
     * {@code tcp_rate_check_app_limited}: if the application has less than a segment to send,
     * nothing of the socket waits below TCP, the window is not full and every lost segment has
     * been retransmitted, the connection is application-limited until everything in flight now
     * is delivered: {@code app_limited = delivered + in_flight} (1 if that is 0).
     *
     * @param writeSeq end of the data the application has written ({@code write_seq})
     * @param queuedBelow the socket has data in a qdisc or device queue
     *        ({@code sk_wmem_alloc} at least one skb's truesize)
     */
    public void checkAppLimited(TcpSockView tp, int writeSeq, boolean queuedBelow) {
        int inFlight = tp.packetsInFlight();
        if (Integer.compareUnsigned(writeSeq - tp.sndNxt(), tp.mssCache()) < 0
                && !queuedBelow
                && Integer.compareUnsigned(inFlight, tp.sndCwnd()) < 0
                && Integer.compareUnsigned(tp.lostOut(), tp.retransOut()) <= 0) {
            int mark = tp.delivered() + inFlight;
            appLimited = mark != 0 ? mark : 1;
        }
    }

    /** {@code app_limited}: 0, or the delivered count at which the application-limited period ends. */
    public int appLimited() {
        return appLimited;
    }

    /** {@code first_tx_mstamp}: start of the current send phase, us. */
    public long firstTxMstamp() {
        return firstTxMstamp;
    }

    /** {@code delivered_mstamp}: when {@code delivered} last grew, us. */
    public long deliveredMstamp() {
        return deliveredMstamp;
    }

    /** {@code rate_delivered}: segments of the sample {@code tcpi_delivery_rate} reports. */
    public int rateDelivered() {
        return rateDelivered;
    }

    /** {@code rate_interval_us}: its interval. */
    public long rateIntervalUs() {
        return rateIntervalUs;
    }

    /** {@code rate_app_limited}: {@code tcpi_delivery_rate_app_limited}. */
    public boolean rateAppLimited() {
        return rateAppLimited;
    }

    /**
     * {@code tcp_compute_delivery_rate}, {@code TCP_INFO}'s {@code tcpi_delivery_rate}: bytes per
     * second of the recorded sample, {@code rate_delivered * mss * 10^6 / rate_interval_us}; 0
     * without a sample.
     */
    public long deliveryRateBytesPerSec(int mssCache) {
        if (rateDelivered == 0 || rateIntervalUs == 0) {
            return 0;
        }
        return Long.divideUnsigned(Integer.toUnsignedLong(rateDelivered) * Integer.toUnsignedLong(mssCache) * 1_000_000L,
                Integer.toUnsignedLong((int) rateIntervalUs));
    }
}
