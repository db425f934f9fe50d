package dev.weir.api.prog;

/**
 * Constants and small helpers of the congestion-control interface, with Linux's values: the
 * congestion-avoidance states ({@code icsk_ca_state}), the events of
 * {@link CongestionControl#cwndEvent}, the flags of {@link CongestionControl#inAckEvent} and of
 * {@link CongestionControl#flags()}, the size of the algorithm's private area, the pacing
 * states, the counters an algorithm may add to, and the clock and sequence-number arithmetic
 * of {@code include/net/tcp.h} and {@code include/linux/jiffies.h}.
 */
public final class TcpCa {
    private TcpCa() {}

    // ---- states (enum tcp_ca_state) ----
    /** Nothing bad has been observed: normal operation. */
    public static final int CA_OPEN = 0;
    /** Duplicate ACKs or SACKs seen: something may be lost or reordered. */
    public static final int CA_DISORDER = 1;
    /** The window is being reduced after an ECN echo or local congestion. */
    public static final int CA_CWR = 2;
    /** Fast recovery after a loss detected by duplicate ACKs / SACK. */
    public static final int CA_RECOVERY = 3;
    /** Loss recovery after a retransmission timeout (or SACK reneging). */
    public static final int CA_LOSS = 4;

    // ---- events (enum tcp_ca_event) ----
    /** First transmit when no packets are in flight. */
    public static final int CA_EVENT_TX_START = 0;
    /** Congestion window restart after idle. */
    public static final int CA_EVENT_CWND_RESTART = 1;
    /** End of the window reduction of CWR. */
    public static final int CA_EVENT_COMPLETE_CWR = 2;
    /** Loss timeout. */
    public static final int CA_EVENT_LOSS = 3;
    /** ECN: an ACK for a segment not marked CE. */
    public static final int CA_EVENT_ECN_NO_CE = 4;
    /** ECN: an ACK for a segment marked CE. */
    public static final int CA_EVENT_ECN_IS_CE = 5;

    // ---- in_ack_event flags (enum tcp_ca_ack_event_flags) ----
    /** The ACK was processed on the slow path. */
    public static final int CA_ACK_SLOWPATH = 1;
    /** The ACK updated the send window. */
    public static final int CA_ACK_WIN_UPDATE = 2;
    /** The ACK carried ECE (ECN echo). */
    public static final int CA_ACK_ECE = 4;

    // ---- the flag argument of CongestionControl.congControl (tcp_input.c's FLAG_*) ----
    /** The ACK carried data. */
    public static final int FLAG_DATA = 0x01;
    /** The ACK updated the send window. */
    public static final int FLAG_WIN_UPDATE = 0x02;
    /** The ACK acknowledged new data. */
    public static final int FLAG_DATA_ACKED = 0x04;
    /** ... some of which had been retransmitted. */
    public static final int FLAG_RETRANS_DATA_ACKED = 0x08;
    /** The ACK acknowledged the SYN. */
    public static final int FLAG_SYN_ACKED = 0x10;
    /** The ACK carried new SACK information. */
    public static final int FLAG_DATA_SACKED = 0x20;
    /** The ACK carried ECE. */
    public static final int FLAG_ECE = 0x40;
    /** The ACK showed a retransmission lost. */
    public static final int FLAG_LOST_RETRANS = 0x80;
    /** The ACK was processed on the slow path. */
    public static final int FLAG_SLOWPATH = 0x100;
    /** Never-retransmitted data was (S)ACKed. */
    public static final int FLAG_ORIG_SACK_ACKED = 0x200;
    /** snd_una advanced. */
    public static final int FLAG_SND_UNA_ADVANCED = 0x400;
    /** The ACK carried D-SACK information. */
    public static final int FLAG_DSACKING_ACK = 0x800;
    /** snd_una advanced to a SACKed sequence (the receiver reneged). */
    public static final int FLAG_SACK_RENEGING = 0x2000;
    /** The ACK is likely a delayed ACK. */
    public static final int FLAG_ACK_MAYBE_DELAYED = 0x10000;
    /** {@code FLAG_ACKED}: data or the SYN acknowledged. */
    public static final int FLAG_ACKED = FLAG_DATA_ACKED | FLAG_SYN_ACKED;
    /** {@code FLAG_FORWARD_PROGRESS}: something newly acknowledged or SACKed. */
    public static final int FLAG_FORWARD_PROGRESS = FLAG_ACKED | FLAG_DATA_SACKED;

    // ---- algorithm flags ----
    /** {@code TCP_CONG_NON_RESTRICTED}: unprivileged users may select the algorithm. */
    public static final int CONG_NON_RESTRICTED = 0x1;
    /** {@code TCP_CONG_NEEDS_ECN}: the algorithm needs ECN negotiated (DCTCP). */
    public static final int CONG_NEEDS_ECN = 0x2;

    /** The flag bits an algorithm may declare ({@code TCP_CONG_MASK}); others are refused at registration. */
    public static final int CONG_MASK = CONG_NON_RESTRICTED | CONG_NEEDS_ECN;
    /** Size of an algorithm's name buffer with its terminating NUL ({@code TCP_CA_NAME_MAX}): names have 1 to 15 characters. */
    public static final int CA_NAME_MAX = 16;

    /** Slots of 8 bytes in the algorithm's private area per socket (Linux's ICSK_CA_PRIV_SIZE, 104 bytes). */
    public static final int CA_PRIV_SLOTS = 13;
    /** ssthresh before the first loss ({@code TCP_INFINITE_SSTHRESH}). */
    public static final int INFINITE_SSTHRESH = 0x7fffffff;

    // ---- sk_pacing_status (enum sk_pacing) ----
    /** Nobody paces the flow. */
    public static final int SK_PACING_NONE = 0;
    /** TCP paces the flow itself (an algorithm asked for pacing and no fq qdisc does it). */
    public static final int SK_PACING_NEEDED = 1;
    /** The fq qdisc paces the flow. */
    public static final int SK_PACING_FQ = 2;

    // ---- counters an algorithm owns (TcpSock.netAddStats), with their nstat names ----
    /** {@code TcpExtTCPHystartTrainDetect}: slow starts ended by HyStart's ACK-train test. */
    public static final int STAT_HYSTART_TRAIN_DETECT = 0;
    /** {@code TcpExtTCPHystartTrainCwnd}: sum of cwnd at those exits. */
    public static final int STAT_HYSTART_TRAIN_CWND = 1;
    /** {@code TcpExtTCPHystartDelayDetect}: slow starts ended by HyStart's delay-increase test. */
    public static final int STAT_HYSTART_DELAY_DETECT = 2;
    /** {@code TcpExtTCPHystartDelayCwnd}: sum of cwnd at those exits. */
    public static final int STAT_HYSTART_DELAY_CWND = 3;

    // ---- clocks ----
    /** Ticks per second of {@link TcpSockView#tcpJiffies32()} (Linux's {@code HZ}, 1000 on the usual configurations). */
    public static final int HZ = 1000;
    /**
     * Jiffies at virtual time 0: Linux starts its jiffies 5 minutes before they wrap
     * ({@code INITIAL_JIFFIES}, -300 * HZ), so that code comparing jiffies meets the wrap early.
     */
    public static final int INITIAL_JIFFIES = -300 * HZ;

    /**
     * {@code tcp_jiffies32} at a host's virtual time in nanoseconds: {@link #INITIAL_JIFFIES}
     * plus whole milliseconds, truncated to 32 bits. The TCP stack derives
     * {@link TcpSockView#tcpJiffies32()} this way.
     */
    public static int jiffies32(long virtualNanos) {
        return (int) (INITIAL_JIFFIES + virtualNanos / (1_000_000_000L / HZ));
    }

    /** {@code usecs_to_jiffies}: microseconds to jiffies, rounded up. */
    public static int usecsToJiffies(int usecs) {
        long perTick = 1_000_000L / HZ;
        return (int) ((Integer.toUnsignedLong(usecs) + perTick - 1) / perTick);
    }

    /** {@code tcp_stamp_us_delta}: {@code t1 - t0} in microseconds, or 0 when t1 is earlier. */
    public static long stampUsDelta(long t1, long t0) {
        return Math.max(t1 - t0, 0);
    }

    /** {@code before(seq1, seq2)}: seq1 comes before seq2 in 32-bit sequence space. */
    public static boolean before(int seq1, int seq2) {
        return seq1 - seq2 < 0;
    }

    /** {@code after(seq2, seq1)}: seq2 comes after seq1 in 32-bit sequence space (also used on jiffies). */
    public static boolean after(int seq2, int seq1) {
        return before(seq1, seq2);
    }

    /** Linux's name of a state ({@code TCP_CA_Open}, ...). */
    public static String stateName(int state) {
        return switch (state) {
            case CA_OPEN -> "TCP_CA_Open";
            case CA_DISORDER -> "TCP_CA_Disorder";
            case CA_CWR -> "TCP_CA_CWR";
            case CA_RECOVERY -> "TCP_CA_Recovery";
            case CA_LOSS -> "TCP_CA_Loss";
            default -> "TCP_CA_Unknown(" + state + ")";
        };
    }

    /** Linux's name of an event ({@code CA_EVENT_TX_START}, ...). */
    public static String eventName(int event) {
        return switch (event) {
            case CA_EVENT_TX_START -> "CA_EVENT_TX_START";
            case CA_EVENT_CWND_RESTART -> "CA_EVENT_CWND_RESTART";
            case CA_EVENT_COMPLETE_CWR -> "CA_EVENT_COMPLETE_CWR";
            case CA_EVENT_LOSS -> "CA_EVENT_LOSS";
            case CA_EVENT_ECN_NO_CE -> "CA_EVENT_ECN_NO_CE";
            case CA_EVENT_ECN_IS_CE -> "CA_EVENT_ECN_IS_CE";
            default -> "CA_EVENT_UNKNOWN(" + event + ")";
        };
    }
}
