package dev.weir.api.prog;

/**
 * Constants of the congestion-control interface, with Linux's values: the congestion-avoidance
 * states ({@code icsk_ca_state}), the events of {@link CongestionControl#cwndEvent}, the flags
 * of {@link CongestionControl#inAckEvent} and of {@link CongestionControl#flags()}, and the
 * size of the algorithm's private area.
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

    // ---- algorithm flags ----
    /** {@code TCP_CONG_NON_RESTRICTED}: unprivileged users may select the algorithm. */
    public static final int CONG_NON_RESTRICTED = 0x1;
    /** {@code TCP_CONG_NEEDS_ECN}: the algorithm needs ECN negotiated (DCTCP). */
    public static final int CONG_NEEDS_ECN = 0x2;

    /** Slots of 8 bytes in the algorithm's private area per socket (Linux's ICSK_CA_PRIV_SIZE, 104 bytes). */
    public static final int CA_PRIV_SLOTS = 13;
    /** ssthresh before the first loss ({@code TCP_INFINITE_SSTHRESH}). */
    public static final int INFINITE_SSTHRESH = 0x7fffffff;

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
