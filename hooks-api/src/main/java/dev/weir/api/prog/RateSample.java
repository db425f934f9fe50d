package dev.weir.api.prog;

/**
 * A delivery-rate sample, read-only (Linux's {@code struct rate_sample}), as
 * {@link CongestionControl#congControl} receives it on each ACK: how much was delivered over
 * what interval, for model-based algorithms such as BBR. Times are microseconds of the
 * socket's clock ({@link TcpSockView#tcpMstamp()}). Valid only during the call.
 *
 * <p>As Linux's {@code tcp_rate_gen} produces it: the sample is invalid when {@link #delivered()}
 * or {@link #intervalUs()} is negative. {@code delivered} is -1 when no delivered segment carried
 * timing information or SACK was reneged; {@code interval_us} alone is -1 when the interval came
 * out shorter than the minimum RTT (an ACK-compression artefact). {@code delivered / interval}
 * is then the delivery rate in segments per microsecond; {@link #isAppLimited()} says it may
 * underestimate the path because the application left the pipe partly empty.
 */
public interface RateSample {
    /** Start of the sampled interval ({@code prior_mstamp}). */
    long priorMstamp();

    /** {@code tp->delivered} at the start of the interval. */
    int priorDelivered();

    /** {@code tp->delivered_ce} at the start of the interval. */
    int priorDeliveredCe();

    /** Packets delivered over the interval: {@code tp->delivered - prior_delivered} (-1: no valid sample). */
    int delivered();

    /** Packets delivered with a CE mark over the interval. */
    int deliveredCe();

    /** The sampled interval, the longer of the send and ACK intervals (-1: invalid, see above). */
    long intervalUs();

    /** The send part of the interval. */
    int sndIntervalUs();

    /** The receive (ACK) part of the interval. */
    int rcvIntervalUs();

    /** RTT of the last (S)ACKed packet (-1: none). */
    long rttUs();

    /** Packets marked lost upon this ACK. */
    int losses();

    /** Packets newly (S)ACKed upon this ACK. */
    int ackedSacked();

    /** Packets in flight before this ACK. */
    int priorInFlight();

    /** End sequence of the most recently delivered packet. */
    int lastEndSeq();

    /** True when the sample comes from an application-limited period. */
    boolean isAppLimited();

    /** True when the sample is from a retransmitted packet. */
    boolean isRetrans();

    /** True when the ACK was (likely) delayed. */
    boolean isAckDelayed();
}
