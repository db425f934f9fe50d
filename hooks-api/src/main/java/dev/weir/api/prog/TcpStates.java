package dev.weir.api.prog;

/**
 * TCP states with Linux's numbers ({@code TCP_ESTABLISHED} = 1, ...), as the tracepoints'
 * {@code state}, {@code oldstate} and {@code newstate} fields and {@code ss} carry them.
 */
public final class TcpStates {
    private TcpStates() {}

    public static final int ESTABLISHED = 1;
    public static final int SYN_SENT = 2;
    public static final int SYN_RECV = 3;
    public static final int FIN_WAIT1 = 4;
    public static final int FIN_WAIT2 = 5;
    public static final int TIME_WAIT = 6;
    public static final int CLOSE = 7;
    public static final int CLOSE_WAIT = 8;
    public static final int LAST_ACK = 9;
    public static final int LISTEN = 10;
    public static final int CLOSING = 11;
    public static final int NEW_SYN_RECV = 12;

    /** Linux's name as the tracepoints print it ({@code TCP_ESTABLISHED}), or {@code TCP_UNKNOWN(n)}. */
    public static String name(int state) {
        return switch (state) {
            case ESTABLISHED -> "TCP_ESTABLISHED";
            case SYN_SENT -> "TCP_SYN_SENT";
            case SYN_RECV -> "TCP_SYN_RECV";
            case FIN_WAIT1 -> "TCP_FIN_WAIT1";
            case FIN_WAIT2 -> "TCP_FIN_WAIT2";
            case TIME_WAIT -> "TCP_TIME_WAIT";
            case CLOSE -> "TCP_CLOSE";
            case CLOSE_WAIT -> "TCP_CLOSE_WAIT";
            case LAST_ACK -> "TCP_LAST_ACK";
            case LISTEN -> "TCP_LISTEN";
            case CLOSING -> "TCP_CLOSING";
            case NEW_SYN_RECV -> "TCP_NEW_SYN_RECV";
            default -> "TCP_UNKNOWN(" + state + ")";
        };
    }
}
