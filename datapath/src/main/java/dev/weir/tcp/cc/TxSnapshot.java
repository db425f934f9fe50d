package dev.weir.tcp.cc;

/**
 * What the delivery-rate estimator records in a segment when it is (re)transmitted, Linux's
 * {@code TCP_SKB_CB(skb)->tx}: the connection's delivery state at that moment, from which the
 * segment's ACK later measures a rate. The TCP stack keeps one per segment of its retransmission
 * queue (allocated with the segment, reused across retransmissions) and hands it to
 * {@link DeliveryRate}; nothing else writes it.
 */
public final class TxSnapshot {
    /** {@code TCPCB_DELIVERED_CE_MASK}: Linux keeps delivered_ce in 20 bits of the skb. */
    static final int DELIVERED_CE_MASK = (1 << 20) - 1;

    long firstTxMstamp;
    long deliveredMstamp;
    int delivered;
    int deliveredCe;
    boolean appLimited;

    /** Start of the send phase the segment belongs to ({@code tx.first_tx_mstamp}), us. */
    public long firstTxMstamp() {
        return firstTxMstamp;
    }

    /**
     * When {@link #delivered()} was reached ({@code tx.delivered_mstamp}), us; 0 once the segment
     * was SACKed (its sample was taken) or before it was sent.
     */
    public long deliveredMstamp() {
        return deliveredMstamp;
    }

    /** Segments delivered on the connection when this one was sent ({@code tx.delivered}). */
    public int delivered() {
        return delivered;
    }

    /** CE-marked segments delivered when this one was sent, 20 bits ({@code tx.delivered_ce}). */
    public int deliveredCe() {
        return deliveredCe;
    }

    /** True when sent while the connection was application-limited ({@code tx.is_app_limited}). */
    public boolean appLimited() {
        return appLimited;
    }

    /** Forgets everything, for a segment object the stack reuses for new data. */
    public void clear() {
        firstTxMstamp = 0;
        deliveredMstamp = 0;
        delivered = 0;
        deliveredCe = 0;
        appLimited = false;
    }
}
