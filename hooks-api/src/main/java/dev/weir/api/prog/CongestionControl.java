package dev.weir.api.prog;

import dev.weir.api.maps.UserSpaceOnly;
import java.lang.reflect.Method;

/**
 * A TCP congestion-control algorithm, shaped like Linux's {@code struct tcp_congestion_ops}:
 * the stack calls it at the points where Linux calls the ops, with the socket's state, and the
 * algorithm answers or adjusts the window. Selected per host with
 * {@code sysctl -w net.ipv4.tcp_congestion_control=NAME} or per socket ({@code TCP_CONGESTION}).
 *
 * <h2>Members</h2>
 * Required, as {@code tcp_register_congestion_control} requires them: {@link #name()},
 * {@link #ssthresh}, {@link #undoCwnd}, and one of {@link #congAvoid} or {@link #congControl}
 * (a class overriding neither is refused when registered; see {@link #completenessProblem}).
 * The rest are optional and do nothing by default; the query members that return a number
 * return 0 by default, meaning "the stack's default", as a NULL member does in Linux.
 *
 * <h2>When each is called</h2>
 * <ul>
 *   <li>{@link #init}: when the socket starts using the algorithm (connection established, or
 *       the algorithm changed); the private area is zeroed before. {@link #release}: when it
 *       stops.
 *   <li>On each ACK that acknowledges new data: {@link #pktsAcked} (with the ACK's sample),
 *       {@link #inAckEvent}, then either {@link #congControl} with a rate sample (if the
 *       algorithm overrides it: it owns cwnd and pacing outright) or, if the window may grow,
 *       {@link #congAvoid}.
 *   <li>{@link #ssthresh}: on entering CWR, Recovery or Loss, for the new threshold.
 *       {@link #undoCwnd}: when a reduction proves spurious (D-SACK, timestamps), for the
 *       restored window.
 *   <li>{@link #setState}: when the congestion-avoidance state changes ({@link TcpCa#CA_OPEN} ...).
 *       {@link #cwndEvent}: for the {@code CA_EVENT_*} events.
 *   <li>{@link #minTsoSegs}, {@link #sndbufExpand}: when the stack sizes TSO bursts and the send
 *       buffer. {@link #getInfo}: for {@code ss -tni}.
 * </ul>
 *
 * <h2>Rules</h2>
 * An algorithm is a program: verified, no fields, no allocation. Its per-connection state lives
 * in the socket's private area ({@link TcpSockView#caGet}/{@link TcpSockView#caSet}); shared
 * state, if any, in maps. Query members get a read-only {@link TcpSockView} (they may write only
 * the private area); the others a {@link TcpSock} that can set cwnd, ssthresh, cwnd_cnt and the
 * pacing rate. Callbacks run on the socket's CPU, within the ACK's processing, and must not keep
 * references to the socket or the samples.
 */
public interface CongestionControl {
    /** The name users select it by ({@code "reno"}, {@code "cubic"}, {@code "bbr"}): a string constant, at most 15 characters. */
    String name();

    /** {@link TcpCa#CONG_NEEDS_ECN}, {@link TcpCa#CONG_NON_RESTRICTED}, or 0. */
    default int flags() {
        return 0;
    }

    /** The socket starts using the algorithm. */
    default void init(TcpSock sk) {}

    /** The socket stops using the algorithm (closed, or another one selected). */
    default void release(TcpSock sk) {}

    /** Required: the slow-start threshold after a congestion event, in segments. */
    int ssthresh(TcpSockView sk);

    /**
     * Required unless {@link #congControl} is overridden: grow the window on an ACK of
     * {@code acked} new segments up to sequence {@code ack}. Called only when the stack may
     * raise cwnd (not in CWR/Recovery).
     */
    default void congAvoid(TcpSock sk, int ack, int acked) {}

    /**
     * Required unless {@link #congAvoid} is overridden: full control of cwnd and pacing on every
     * ACK, with the ACK's {@code flag} bits and a delivery-rate sample (BBR's way). When
     * overridden, {@link #congAvoid} is never called.
     */
    default void congControl(TcpSock sk, int ack, int flag, RateSample rs) {}

    /** Required: the window to restore after a spurious reduction, in segments. */
    int undoCwnd(TcpSockView sk);

    /** The congestion-avoidance state changes to {@code newState} ({@link TcpCa#CA_OPEN} ...). */
    default void setState(TcpSock sk, int newState) {}

    /** A {@code CA_EVENT_*} event ({@link TcpCa#CA_EVENT_TX_START} ...). */
    default void cwndEvent(TcpSock sk, int event) {}

    /** An ACK arrived; {@code flags} are {@link TcpCa#CA_ACK_SLOWPATH} etc. */
    default void inAckEvent(TcpSock sk, int flags) {}

    /** What an ACK acknowledged, with its RTT sample (delay-based algorithms use this). */
    default void pktsAcked(TcpSock sk, AckSample sample) {}

    /** Minimum TSO segments per burst; 0: the stack's default ({@code tcp_min_tso_segs}, 2). */
    default int minTsoSegs(TcpSockView sk) {
        return 0;
    }

    /** Send-buffer multiple of cwnd; 0: the stack's default (2). */
    default int sndbufExpand(TcpSockView sk) {
        return 0;
    }

    /** Fills what {@code ss -tni} shows of the algorithm (nothing by default). {@code ext} is the inet_diag extension mask asked for. */
    default void getInfo(TcpSockView sk, int ext, CcInfo info) {}

    /**
     * Why an algorithm class cannot be registered, or null when it can: it must override
     * {@link #congAvoid} or {@link #congControl}, as Linux refuses ops with neither. (The
     * abstract members are enforced by the compiler.) For the loader and the registry.
     */
    @UserSpaceOnly
    static String completenessProblem(Class<? extends CongestionControl> algorithm) {
        if (!overrides(algorithm, "congAvoid", TcpSock.class, int.class, int.class)
                && !overrides(algorithm, "congControl", TcpSock.class, int.class, int.class, RateSample.class)) {
            return "congestion control " + algorithm.getName() + " implements neither congAvoid nor congControl;"
                    + " an algorithm must implement one of them (tcp_register_congestion_control requires cong_avoid or cong_control)";
        }
        return null;
    }

    /** True when {@code algorithm} overrides {@link #congControl}: the stack then calls it instead of {@link #congAvoid}. */
    @UserSpaceOnly
    static boolean overridesCongControl(Class<? extends CongestionControl> algorithm) {
        return overrides(algorithm, "congControl", TcpSock.class, int.class, int.class, RateSample.class);
    }

    private static boolean overrides(Class<?> c, String method, Class<?>... params) {
        try {
            Method m = c.getMethod(method, params);
            return m.getDeclaringClass() != CongestionControl.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
