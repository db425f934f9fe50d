package dev.weir.api.prog;

/**
 * What one ACK acknowledged, read-only (Linux's {@code struct ack_sample}), as
 * {@link CongestionControl#pktsAcked} receives it. Valid only during the call.
 */
public interface AckSample {
    /** Segments newly cumulatively acknowledged by this ACK (0 for a duplicate ACK). */
    int pktsAcked();

    /**
     * RTT in microseconds measured by this ACK from the most recently sent segment it newly
     * (S)ACKed ({@code ca_rtt_us}: the rate sample's {@code rtt_us}), or -1 when it gave none
     * (only retransmitted data, or nothing, newly acknowledged).
     */
    int rttUs();

    /**
     * Bytes in flight when the most recently (S)ACKed segment was sent, estimated as
     * {@code mss_cache * (delivered - rs.prior_delivered)} (Linux 6.x), unsigned.
     */
    int inFlight();
}
