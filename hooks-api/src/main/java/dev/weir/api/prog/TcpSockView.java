package dev.weir.api.prog;

/**
 * A TCP socket's state as a congestion-control algorithm reads it: Linux's {@code tcp_sock}
 * fields that algorithms use, by the same names and units, read-only. Implemented by the TCP
 * stack; an algorithm can also be tested against a bare state object.
 *
 * <p>Numbers are unsigned 32-bit quantities in Java ints unless said otherwise; sequence numbers
 * wrap. Scaled fields keep Linux's scaling so ported code reads the same: {@link #srttUs()} is
 * the smoothed RTT times 8, {@link #mdevUs()} the mean deviation times 4.
 *
 * <p><b>The private area.</b> Each socket keeps {@link TcpCa#CA_PRIV_SLOTS} 64-bit slots for
 * the algorithm's own per-connection state (Linux's {@code inet_csk_ca(sk)}), zeroed before
 * {@code init}. It is the algorithm's to read and write from every callback, including the
 * query callbacks that otherwise see the socket read-only; programs have no fields, so this is
 * where an algorithm keeps its epoch, its last maximum window, its filters.
 */
public interface TcpSockView {
    /** Congestion window, in segments ({@code tcp_snd_cwnd(tp)}). */
    int sndCwnd();

    /** Slow-start threshold, in segments ({@link TcpCa#INFINITE_SSTHRESH} until the first reduction). */
    int sndSsthresh();

    /** Linear-increase counter ({@code snd_cwnd_cnt}). */
    int sndCwndCnt();

    /** Upper bound of the congestion window ({@code snd_cwnd_clamp}). */
    int sndCwndClamp();

    /** Smoothed RTT in microseconds, scaled by 8 ({@code srtt_us}); 0 before the first sample. */
    int srttUs();

    /** RTT mean deviation in microseconds, scaled by 4 ({@code mdev_us}). */
    int mdevUs();

    /** Minimum RTT over the windowed filter, in microseconds ({@code tcp_min_rtt(tp)}); ~0 before any sample. */
    int minRttUs();

    /** Segments sent and not yet acknowledged ({@code packets_out}). */
    int packetsOut();

    /** Segments SACKed ({@code sacked_out}). */
    int sackedOut();

    /** Segments marked lost ({@code lost_out}). */
    int lostOut();

    /** Segments retransmitted and not yet acknowledged ({@code retrans_out}). */
    int retransOut();

    /** Most segments in flight in the current window ({@code max_packets_out}). */
    int maxPacketsOut();

    /** Total segments delivered, including retransmits ({@code delivered}). */
    int delivered();

    /** Total segments delivered with a CE mark ({@code delivered_ce}). */
    int deliveredCe();

    /** Total segments marked lost ({@code lost}). */
    int lost();

    /** Current sending MSS ({@code mss_cache}). */
    int mssCache();

    /** The socket's clock in microseconds ({@code tcp_mstamp}): the virtual time of the current event. */
    long tcpMstamp();

    /** Congestion-avoidance state ({@link TcpCa#CA_OPEN} ...). */
    int caState();

    /** The {@code is_cwnd_limited} bit: the window, not the application, limited the last flight. */
    boolean isCwndLimited();

    /** Non-zero while the connection is application-limited ({@code app_limited}: the delivered mark where it ends). */
    int appLimited();

    /** Bytes acknowledged over the connection's life ({@code bytes_acked}, 64-bit). */
    long bytesAcked();

    /** First unacknowledged sequence number. */
    int sndUna();

    /** Next sequence number to send. */
    int sndNxt();

    /** The peer's advertised window, in bytes ({@code snd_wnd}). */
    int sndWnd();

    /** cwnd before the last reduction, for undo ({@code prior_cwnd}). */
    int priorCwnd();

    /** Current pacing rate in bytes per second ({@code sk_pacing_rate}, 64-bit). */
    long pacingRate();

    /** Maximum pacing rate ({@code sk_max_pacing_rate}; ~0 means unlimited). */
    long maxPacingRate();

    /** Virtual time, in microseconds, of the last cwnd change ({@code snd_cwnd_stamp}, here in us). */
    long sndCwndStampUs();

    /** True when ECN was negotiated on the connection. */
    boolean ecnEnabled();

    /** Slot {@code i} (0..{@link TcpCa#CA_PRIV_SLOTS}-1) of the algorithm's private area. */
    long caGet(int i);

    /** Sets slot {@code i} of the algorithm's private area (the only write a query callback may make). */
    void caSet(int i, long value);

    /** {@code tcp_packets_in_flight}: packets_out - (sacked_out + lost_out) + retrans_out. */
    default int packetsInFlight() {
        return packetsOut() - (sackedOut() + lostOut()) + retransOut();
    }

    /** {@code tcp_in_slow_start}: cwnd below ssthresh. */
    default boolean inSlowStart() {
        return Integer.compareUnsigned(sndCwnd(), sndSsthresh()) < 0;
    }

    /**
     * {@code tcp_is_cwnd_limited}: in slow start, whether cwnd is below twice the most packets
     * in flight (so slow start may still double); otherwise the {@link #isCwndLimited()} bit.
     */
    default boolean tcpIsCwndLimited() {
        if (inSlowStart()) {
            return Integer.compareUnsigned(sndCwnd(), 2 * maxPacketsOut()) < 0;
        }
        return isCwndLimited();
    }

    /** {@code tcp_reno_ssthresh}: half the window, at least 2. */
    default int renoSsthresh() {
        return Math.max(sndCwnd() >>> 1, 2);
    }

    /** {@code tcp_reno_undo_cwnd}: the window before the reduction, if larger. */
    default int renoUndoCwnd() {
        return Math.max(sndCwnd(), priorCwnd());
    }
}
