package dev.weir.tcp.cc;

import dev.weir.api.prog.RateSample;

/**
 * The rate sample of one ACK, filled in as Linux fills its on-stack {@code struct rate_sample}
 * during {@code tcp_ack}, and handed to {@link dev.weir.api.prog.CongestionControl#congControl}
 * as a read-only {@link RateSample}. One per socket, reused for every ACK:
 *
 * <ol>
 *   <li>{@link #reset(int)} when the ACK's processing starts (all zero, as
 *       {@code struct rate_sample rs = { .prior_delivered = 0 }}), with the packets in flight;
 *   <li>{@link DeliveryRate#onDelivered} for every segment the ACK newly SACKs or cumulatively
 *       acknowledges; {@link #setRttUs} with the ACK's RTT ({@code ca_rtt_us}, or -1);
 *   <li>{@link #setAckDelayed} and {@link DeliveryRate#generate} at the end of
 *       {@code tcp_ack}, before the congestion control runs.
 * </ol>
 */
public final class AckRateSample implements RateSample {
    long priorMstamp;
    int priorDelivered;
    int priorDeliveredCe;
    int delivered;
    int deliveredCe;
    long intervalUs;
    int sndIntervalUs;
    int rcvIntervalUs;
    long rttUs;
    int losses;
    int ackedSacked;
    int priorInFlight;
    int lastEndSeq;
    boolean isAppLimited;
    boolean isRetrans;
    boolean isAckDelayed;

    /** Starts the sample of a new ACK: every field 0 or false, {@code prior_in_flight} as given. */
    public void reset(int priorInFlight) {
        priorMstamp = 0;
        priorDelivered = 0;
        priorDeliveredCe = 0;
        delivered = 0;
        deliveredCe = 0;
        intervalUs = 0;
        sndIntervalUs = 0;
        rcvIntervalUs = 0;
        rttUs = 0;
        losses = 0;
        ackedSacked = 0;
        this.priorInFlight = priorInFlight;
        lastEndSeq = 0;
        isAppLimited = false;
        isRetrans = false;
        isAckDelayed = false;
    }

    /** The ACK's RTT from the most recently sent segment it newly (S)ACKed, or -1 ({@code tcp_clean_rtx_queue}). */
    public void setRttUs(long rttUs) {
        this.rttUs = rttUs;
    }

    /** Whether the ACK was likely delayed ({@code FLAG_ACK_MAYBE_DELAYED}). */
    public void setAckDelayed(boolean delayed) {
        this.isAckDelayed = delayed;
    }

    @Override
    public long priorMstamp() {
        return priorMstamp;
    }

    @Override
    public int priorDelivered() {
        return priorDelivered;
    }

    @Override
    public int priorDeliveredCe() {
        return priorDeliveredCe;
    }

    @Override
    public int delivered() {
        return delivered;
    }

    @Override
    public int deliveredCe() {
        return deliveredCe;
    }

    @Override
    public long intervalUs() {
        return intervalUs;
    }

    @Override
    public int sndIntervalUs() {
        return sndIntervalUs;
    }

    @Override
    public int rcvIntervalUs() {
        return rcvIntervalUs;
    }

    @Override
    public long rttUs() {
        return rttUs;
    }

    @Override
    public int losses() {
        return losses;
    }

    @Override
    public int ackedSacked() {
        return ackedSacked;
    }

    @Override
    public int priorInFlight() {
        return priorInFlight;
    }

    @Override
    public int lastEndSeq() {
        return lastEndSeq;
    }

    @Override
    public boolean isAppLimited() {
        return isAppLimited;
    }

    @Override
    public boolean isRetrans() {
        return isRetrans;
    }

    @Override
    public boolean isAckDelayed() {
        return isAckDelayed;
    }

    @Override
    public String toString() {
        return "rate_sample{delivered=" + delivered + " interval_us=" + intervalUs + " snd_us=" + sndIntervalUs
                + " rcv_us=" + rcvIntervalUs + " prior_delivered=" + priorDelivered + " prior_mstamp=" + priorMstamp
                + " acked_sacked=" + ackedSacked + " losses=" + losses + " app_limited=" + isAppLimited
                + " retrans=" + isRetrans + " rtt_us=" + rttUs + "}";
    }
}
