package dev.weir.api.prog;

/**
 * A TCP socket as a congestion-control callback that may act on it sees it: the read-only
 * {@link TcpSockView} plus the few writes an algorithm makes: the congestion window, the
 * slow-start threshold, the linear-increase counter, the pacing rate, and the algorithm's
 * counters in {@code nstat}. Everything else (what to send, when to retransmit) stays the
 * stack's.
 *
 * <p>Writes take effect at once and are seen by the getters within the same callback; the
 * stack acts on them when the callback returns (it sends what the new window allows after the
 * ACK's processing, as Linux does).
 *
 * <p>The default methods are Linux's exported building blocks for algorithms
 * ({@code tcp_slow_start}, {@code tcp_cong_avoid_ai}, {@code tcp_reno_cong_avoid}), written on
 * the getters and setters with Linux's unsigned 32-bit arithmetic, so every implementation
 * behaves alike.
 */
public interface TcpSock extends TcpSockView {
    /**
     * Sets the congestion window in segments ({@code tcp_snd_cwnd_set}). Like Linux's, it does not
     * apply {@link #sndCwndClamp()}: the building blocks below do. A value below 1 (as a signed
     * int) is a program error that Linux only warns about; the stack stores 1 instead, so a faulty
     * algorithm cannot stall the connection.
     */
    void setSndCwnd(int cwnd);

    /** Sets the slow-start threshold in segments. */
    void setSndSsthresh(int ssthresh);

    /** Sets the linear-increase counter. */
    void setSndCwndCnt(int cnt);

    /**
     * Sets the pacing rate in bytes per second, as an algorithm owning pacing
     * ({@link CongestionControl#congControl}) writes {@code sk_pacing_rate}; the stack caps it at
     * {@link #maxPacingRate()}. Algorithms using {@link CongestionControl#congAvoid} leave it to
     * the stack, which recomputes it after every ACK ({@code tcp_update_pacing_rate}).
     */
    void setPacingRate(long bytesPerSecond);

    /**
     * Adds {@code value} to one of the host's counters an algorithm owns ({@code NET_ADD_STATS}):
     * {@link TcpCa#STAT_HYSTART_TRAIN_DETECT} and the other {@code STAT_*} constants. An unknown
     * {@code stat} is ignored.
     */
    void netAddStats(int stat, long value);

    /**
     * {@code tcp_slow_start}: grows cwnd by {@code acked}, up to ssthresh and the clamp.
     *
     * @return the part of {@code acked} left over once ssthresh was reached (for congestion avoidance)
     */
    default int slowStart(int acked) {
        int cwnd = sndCwnd() + acked;
        if (Integer.compareUnsigned(cwnd, sndSsthresh()) > 0) {
            cwnd = sndSsthresh();
        }
        int left = acked - (cwnd - sndCwnd());
        setSndCwnd(Integer.compareUnsigned(cwnd, sndCwndClamp()) <= 0 ? cwnd : sndCwndClamp());
        return left;
    }

    /**
     * {@code tcp_cong_avoid_ai}: additive increase of one segment per {@code w} segments acked,
     * with the credit kept in snd_cwnd_cnt (credits earned at a larger w are applied first), and
     * cwnd capped at the clamp.
     */
    default void congAvoidAi(int w, int acked) {
        if (Integer.compareUnsigned(sndCwndCnt(), w) >= 0) {
            setSndCwndCnt(0);
            setSndCwnd(sndCwnd() + 1);
        }
        setSndCwndCnt(sndCwndCnt() + acked);
        if (Integer.compareUnsigned(sndCwndCnt(), w) >= 0) {
            int delta = Integer.divideUnsigned(sndCwndCnt(), w);
            setSndCwndCnt(sndCwndCnt() - delta * w);
            setSndCwnd(sndCwnd() + delta);
        }
        if (Integer.compareUnsigned(sndCwnd(), sndCwndClamp()) > 0) {
            setSndCwnd(sndCwndClamp());
        }
    }

    /**
     * {@code tcp_reno_cong_avoid}: nothing unless cwnd-limited; slow start below ssthresh, then
     * one segment per window.
     */
    default void renoCongAvoid(int ack, int acked) {
        if (!tcpIsCwndLimited()) {
            return;
        }
        int left = acked;
        if (inSlowStart()) {
            left = slowStart(acked);
            if (left == 0) {
                return;
            }
        }
        congAvoidAi(sndCwnd(), left);
    }
}
