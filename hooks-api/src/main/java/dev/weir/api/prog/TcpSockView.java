package dev.weir.api.prog;

/**
 * A TCP socket's state as a congestion-control algorithm reads it: Linux's {@code tcp_sock}
 * fields that algorithms use, by the same names and units, read-only. Implemented by the TCP
 * stack; an algorithm can also be tested against a bare state object.
 *
 * <p>Numbers are unsigned 32-bit quantities in Java ints unless said otherwise (compare them
 * with {@link Integer#compareUnsigned}); sequence numbers and jiffies wrap. Scaled fields keep
 * Linux's scaling so ported code reads the same: {@link #srttUs()} is the smoothed RTT times 8,
 * {@link #mdevUs()} the mean deviation times 4.
 *
 * <p><b>Clocks.</b> Two clocks, as in Linux, both derived from the host's virtual time by the
 * stack: {@link #tcpMstamp()}, microseconds, the time of the event being processed (Linux's
 * {@code tp->tcp_mstamp}, refreshed once per incoming segment and per transmit); and
 * {@link #tcpJiffies32()}, ticks of {@link TcpCa#HZ} (1000 per second), the time base of
 * {@link #lsndtime()} and {@link #sndCwndStamp()} (Linux's {@code tcp_jiffies32}). Neither is
 * ever 0 while a connection runs: like Linux's, they do not count from 0 at start (see
 * {@link TcpCa#jiffies32(long)}), and 0 means "no time" to the rate estimator and to CUBIC.
 *
 * <p><b>The private area.</b> Each socket keeps {@link TcpCa#CA_PRIV_SLOTS} 64-bit slots for
 * the algorithm's own per-connection state (Linux's {@code inet_csk_ca(sk)}, 104 bytes). The
 * stack zeroes it when it assigns the algorithm to the socket (at socket creation, and when
 * {@code TCP_CONGESTION} selects another), not at every {@code init}. It is the algorithm's to
 * read and write from every callback, including the query callbacks that otherwise see the
 * socket read-only; programs have no fields, so this is where an algorithm keeps its epoch, its
 * last maximum window, its filters. {@link #caGetInt}/{@link #caSetInt} address it as 26
 * 32-bit words, the natural layout for ports of Linux's {@code u32} structs.
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

    /** Most segments in flight in the current window ({@code max_packets_out}, kept by {@code tcp_cwnd_validate}). */
    int maxPacketsOut();

    /** Total segments delivered, including retransmits ({@code delivered}). */
    int delivered();

    /** Total segments delivered with a CE mark ({@code delivered_ce}). */
    int deliveredCe();

    /** Total segments marked lost ({@code lost}). */
    int lost();

    /** Current sending MSS ({@code mss_cache}). */
    int mssCache();

    /**
     * The socket's clock in microseconds ({@code tcp_mstamp}, 64-bit): the virtual time of the
     * current event. Never 0 (see the class comment).
     */
    long tcpMstamp();

    /** {@code tcp_jiffies32}: the jiffies clock ({@link TcpCa#HZ} ticks per second), truncated to 32 bits. */
    int tcpJiffies32();

    /** Jiffies of the last data transmission ({@code lsndtime}); CUBIC measures idle time from it. */
    int lsndtime();

    /** Congestion-avoidance state ({@link TcpCa#CA_OPEN} ...). */
    int caState();

    /**
     * The {@code is_cwnd_limited} bit as {@code tcp_cwnd_validate} keeps it: the congestion
     * window, not the application or the pacing, limited the flight of the current window.
     */
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

    /** Current pacing rate in bytes per second ({@code sk_pacing_rate}, 64-bit); 0 before the first RTT sample. */
    long pacingRate();

    /** Maximum pacing rate ({@code sk_max_pacing_rate}; ~0 means unlimited). */
    long maxPacingRate();

    /**
     * Who paces the flow ({@code sk_pacing_status}): {@link TcpCa#SK_PACING_NONE},
     * {@link TcpCa#SK_PACING_NEEDED} (TCP paces itself) or {@link TcpCa#SK_PACING_FQ} (the fq
     * qdisc paces it).
     */
    int pacingStatus();

    /** Largest GSO/TSO packet the route's device takes, in bytes ({@code sk_gso_max_size}). */
    int gsoMaxSize();

    /** Jiffies of the last cwnd change by the stack ({@code snd_cwnd_stamp}). */
    int sndCwndStamp();

    /** True when ECN was negotiated on the connection. */
    boolean ecnEnabled();

    /** Slot {@code i} (0..{@link TcpCa#CA_PRIV_SLOTS}-1) of the algorithm's private area. */
    long caGet(int i);

    /** Sets slot {@code i} of the algorithm's private area (the only write a query callback may make). */
    void caSet(int i, long value);

    /**
     * 32-bit word {@code w} (0..2*{@link TcpCa#CA_PRIV_SLOTS}-1) of the private area: the low
     * half of slot {@code w/2} for even {@code w}, the high half for odd.
     */
    default int caGetInt(int w) {
        long slot = caGet(w >>> 1);
        return (w & 1) == 0 ? (int) slot : (int) (slot >>> 32);
    }

    /** Sets 32-bit word {@code w} of the private area, leaving the other half of its slot as it was. */
    default void caSetInt(int w, int value) {
        long slot = caGet(w >>> 1);
        long v = Integer.toUnsignedLong(value);
        caSet(w >>> 1, (w & 1) == 0 ? (slot & 0xFFFF_FFFF_0000_0000L) | v : (slot & 0xFFFF_FFFFL) | (v << 32));
    }

    /** {@code tcp_packets_in_flight}: packets_out - (sacked_out + lost_out) + retrans_out. */
    default int packetsInFlight() {
        return packetsOut() - (sackedOut() + lostOut()) + retransOut();
    }

    /** {@code tcp_in_slow_start}: cwnd below ssthresh. */
    default boolean inSlowStart() {
        return Integer.compareUnsigned(sndCwnd(), sndSsthresh()) < 0;
    }

    /** {@code tcp_in_initial_slowstart}: no reduction yet (ssthresh still infinite). */
    default boolean inInitialSlowStart() {
        return Integer.compareUnsigned(sndSsthresh(), TcpCa.INFINITE_SSTHRESH) >= 0;
    }

    /** {@code tcp_in_cwnd_reduction}: in CWR or Recovery, where the stack (PRR), not the algorithm, moves cwnd. */
    default boolean inCwndReduction() {
        int s = caState();
        return s == TcpCa.CA_CWR || s == TcpCa.CA_RECOVERY;
    }

    /**
     * {@code tcp_is_cwnd_limited}: true when the {@link #isCwndLimited()} bit is set; otherwise,
     * in slow start, whether cwnd is below twice the most packets in flight (so an
     * application-limited flow may still grow cwnd to twice what it used); otherwise false.
     */
    default boolean tcpIsCwndLimited() {
        if (isCwndLimited()) {
            return true;
        }
        if (inSlowStart()) {
            return Integer.compareUnsigned(sndCwnd(), 2 * maxPacketsOut()) < 0;
        }
        return false;
    }

    /**
     * {@code tcp_current_ssthresh}: ssthresh during a reduction; otherwise the larger of ssthresh
     * and three quarters of cwnd.
     */
    default int currentSsthresh() {
        if (inCwndReduction()) {
            return sndSsthresh();
        }
        int threeQuarters = (sndCwnd() >>> 1) + (sndCwnd() >>> 2);
        return Integer.compareUnsigned(sndSsthresh(), threeQuarters) >= 0 ? sndSsthresh() : threeQuarters;
    }

    /** {@code tcp_reno_ssthresh}: half the window, at least 2. */
    default int renoSsthresh() {
        int half = sndCwnd() >>> 1;
        return Integer.compareUnsigned(half, 2) >= 0 ? half : 2;
    }

    /** {@code tcp_reno_undo_cwnd}: the window before the reduction, if larger. */
    default int renoUndoCwnd() {
        return Integer.compareUnsigned(sndCwnd(), priorCwnd()) >= 0 ? sndCwnd() : priorCwnd();
    }
}
