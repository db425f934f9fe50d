package dev.weir.api.prog;

/**
 * A TCP socket as a congestion-control callback that may act on it sees it: the read-only
 * {@link TcpSockView} plus the few writes an algorithm makes: the congestion window, the
 * slow-start threshold, the linear-increase counter and the pacing rate. Everything else (what
 * to send, when to retransmit) stays the stack's.
 *
 * <p>The default methods are Linux's exported building blocks for algorithms
 * ({@code tcp_slow_start}, {@code tcp_cong_avoid_ai}, {@code tcp_reno_cong_avoid}), written on
 * the getters and setters, so every implementation behaves alike.
 */
public interface TcpSock extends TcpSockView {
    /** Sets the congestion window in segments; the stack clamps it to at least 1. */
    void setSndCwnd(int cwnd);

    /** Sets the slow-start threshold in segments. */
    void setSndSsthresh(int ssthresh);

    /** Sets the linear-increase counter. */
    void setSndCwndCnt(int cnt);

    /** Sets the pacing rate in bytes per second (capped by {@link #maxPacingRate()}). */
    void setPacingRate(long bytesPerSecond);

    /**
     * {@code tcp_slow_start}: grows cwnd by {@code acked}, up to ssthresh and the clamp.
     *
     * @return the part of {@code acked} left over once ssthresh was reached (for congestion avoidance)
     */
    default int slowStart(int acked) {
        int cwnd = sndCwnd();
        long grown = Math.min(Integer.toUnsignedLong(cwnd) + Integer.toUnsignedLong(acked), Integer.toUnsignedLong(sndSsthresh()));
        int left = (int) (Integer.toUnsignedLong(acked) - (grown - Integer.toUnsignedLong(cwnd)));
        setSndCwnd((int) Math.min(grown, Integer.toUnsignedLong(sndCwndClamp())));
        return left;
    }

    /**
     * {@code tcp_cong_avoid_ai}: additive increase of one segment per {@code w} segments acked,
     * with the credit kept in snd_cwnd_cnt (credits earned at a larger w are applied first).
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
