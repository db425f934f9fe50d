package dev.weir.core;

/**
 * What the fq qdisc reads from the socket that owns a packet ({@code skb.sk()}), as Linux's
 * sch_fq reads {@code sk->sk_pacing_rate}: the rate at which the socket wants its packets spaced.
 * TCP sets it from its congestion state (BBR, or cwnd/srtt scaled as Linux does); an application
 * caps it like {@code SO_MAX_PACING_RATE}.
 *
 * <p>Read once per dequeued packet on the simulation thread; must be cheap and must not allocate.
 * A socket that is not a {@code PacedSender} (or {@code skb.sk()} null) is unpaced.
 */
public interface PacedSender {
    /** No pacing. */
    long UNPACED = 0;

    /** The pacing rate in bytes per second, or {@link #UNPACED} (0) for none. */
    long pacingRate();
}
