package dev.weir.api.prog;

/**
 * What one ACK acknowledged, read-only (Linux's {@code struct ack_sample}), as
 * {@link CongestionControl#pktsAcked} receives it.
 */
public interface AckSample {
    /** Packets newly acknowledged. */
    int pktsAcked();

    /** RTT measured by this ACK in microseconds, or -1 when it gave none (retransmitted data). */
    int rttUs();

    /** Packets in flight before this ACK. */
    int inFlight();
}
