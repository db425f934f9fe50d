package dev.weir.api.prog;

import dev.weir.api.maps.UserSpaceOnly;
import java.lang.reflect.Method;

/**
 * A TCP congestion-control algorithm, shaped like Linux's {@code struct tcp_congestion_ops}
 * (include/net/tcp.h): the stack calls it at the points where Linux's tcp_input.c,
 * tcp_output.c and tcp_cong.c call the ops, with the socket's state, and the algorithm answers
 * or adjusts the window. Selected per host with
 * {@code sysctl -w net.ipv4.tcp_congestion_control=NAME} or per socket ({@code TCP_CONGESTION}).
 *
 * <h2>Members</h2>
 * Required, as {@code tcp_validate_congestion_control} requires them: {@link #name()},
 * {@link #ssthresh}, {@link #undoCwnd}, and one of {@link #congAvoid} or {@link #congControl}
 * (a class overriding neither is refused when registered; see {@link #completenessProblem}).
 * The rest are optional and do nothing by default; the query members that return a number
 * return 0 by default, meaning "the stack's default", as a NULL member does in Linux.
 *
 * <h2>When each is called, and what it may change</h2>
 * <table>
 *   <caption>Call sites (Linux 6.x)</caption>
 *   <tr><th>member</th><th>called</th><th>may change</th></tr>
 *   <tr><td>{@link #init}</td><td>{@code tcp_init_congestion_control}: when the connection is
 *       established, and when {@code TCP_CONGESTION} selects the algorithm on a socket that is
 *       neither closed nor listening. The private area was zeroed when the algorithm was
 *       assigned, not necessarily just before (callbacks such as {@link #pktsAcked} may already
 *       have run on the handshake's ACK).</td><td>cwnd, ssthresh, private area</td></tr>
 *   <tr><td>{@link #release}</td><td>{@code tcp_cleanup_congestion_control}: the socket closes,
 *       or another algorithm is selected, if {@code init} ran.</td><td>private area</td></tr>
 *   <tr><td>{@link #pktsAcked}</td><td>{@code tcp_clean_rtx_queue}, for every ACK that finds
 *       data outstanding (also duplicate ACKs: then {@code pkts_acked} is 0 and the RTT may be
 *       -1), after RTT estimation and before the state machine.</td><td>cwnd, ssthresh (HyStart
 *       ends slow start here), private area</td></tr>
 *   <tr><td>{@link #inAckEvent}</td><td>{@code tcp_in_ack_event}: every ACK, after
 *       {@code pktsAcked} (Linux 6.13 on; earlier kernels called it before), also ACKs that find
 *       nothing outstanding.</td><td>private area</td></tr>
 *   <tr><td>{@link #ssthresh}</td><td>on entering a reduction, for the new threshold:
 *       {@code tcp_init_cwnd_reduction} (CWR after ECE or local congestion, Recovery) and
 *       {@code tcp_enter_loss} (RTO). The stack sets {@code prior_cwnd} to cwnd before, stores
 *       the result in ssthresh, and then moves cwnd itself (PRR in CWR/Recovery, packets in
 *       flight + 1 on RTO).</td><td>private area only (it gets a read-only view)</td></tr>
 *   <tr><td>{@link #setState}</td><td>{@code tcp_set_ca_state}, before {@link TcpSockView#caState()}
 *       takes the new value: entering Disorder, CWR, Recovery, Loss, and back to Open. On
 *       RTO: after {@code ssthresh} and the {@link TcpCa#CA_EVENT_LOSS} event.</td><td>cwnd,
 *       ssthresh, private area</td></tr>
 *   <tr><td>{@link #congAvoid}</td><td>{@code tcp_cong_control}, at the end of processing an ACK
 *       that acknowledged data outstanding, when the algorithm has no {@code congControl}, the
 *       socket is not in CWR or Recovery ({@link TcpSockView#inCwndReduction()}) and the ACK
 *       acknowledged new data ({@code tcp_may_raise_cwnd}: data acked, or forward progress when
 *       reordering exceeds {@code net.ipv4.tcp_reordering}). {@code acked} is the segments newly
 *       ACKed or SACKed; {@code ack} the ACK's sequence number. The stack then stamps
 *       {@code snd_cwnd_stamp} and recomputes the pacing rate.</td><td>cwnd, cwnd_cnt, ssthresh,
 *       private area</td></tr>
 *   <tr><td>{@link #congControl}</td><td>{@code tcp_cong_control}, at the same point, on every
 *       such ACK in every state, with the ACK's {@code FLAG_*} bits and the delivery-rate sample
 *       of {@code tcp_rate_gen}. The stack then neither reduces cwnd itself (no PRR, no
 *       {@code COMPLETE_CWR} reset, no restart after idle) nor computes pacing.</td><td>cwnd,
 *       ssthresh, cwnd_cnt, pacing rate, private area</td></tr>
 *   <tr><td>{@link #undoCwnd}</td><td>{@code tcp_undo_cwnd_reduction}: a reduction proved spurious
 *       (D-SACK, timestamps, F-RTO) and {@code prior_ssthresh} is set; the result becomes cwnd,
 *       and ssthresh goes back to {@code prior_ssthresh} if that is larger.</td><td>private area
 *       only</td></tr>
 *   <tr><td>{@link #cwndEvent}</td><td>{@link TcpCa#CA_EVENT_TX_START}: transmitting a data
 *       segment with nothing in flight ({@code __tcp_transmit_skb}), before
 *       {@link TcpSockView#lsndtime()} is updated; {@code CWND_RESTART}: restart after idle
 *       ({@code tcp_cwnd_restart}); {@code COMPLETE_CWR}: end of CWR/Recovery
 *       ({@code tcp_end_cwnd_reduction}), after cwnd was set to ssthresh; {@code LOSS}: RTO
 *       ({@code tcp_enter_loss}), after {@code ssthresh}; {@code ECN_IS_CE}/{@code ECN_NO_CE}:
 *       received data with and without CE, only for {@link TcpCa#CONG_NEEDS_ECN}
 *       algorithms.</td><td>cwnd, ssthresh, private area</td></tr>
 *   <tr><td>{@link #minTsoSegs}</td><td>{@code tcp_tso_segs}, sizing a TSO burst (instead of
 *       {@code net.ipv4.tcp_min_tso_segs}).</td><td>nothing</td></tr>
 *   <tr><td>{@link #sndbufExpand}</td><td>{@code tcp_sndbuf_expand}, sizing the send buffer as a
 *       multiple of cwnd segments.</td><td>nothing</td></tr>
 *   <tr><td>{@link #getInfo}</td><td>{@code ss -tni}, {@code TCP_CC_INFO} (inet_diag).</td>
 *       <td>nothing</td></tr>
 * </table>
 * Per ACK, in order: {@code pktsAcked}, {@code inAckEvent}, state changes
 * ({@code setState}/{@code ssthresh}/{@code undoCwnd} as the loss-recovery state machine
 * decides), then {@code congControl} or {@code congAvoid}.
 *
 * <h2>Rules</h2>
 * An algorithm is a program: verified, no fields but maps, no allocation. Its per-connection
 * state lives in the socket's private area ({@link TcpSockView#caGet}/{@link TcpSockView#caSet},
 * 13 slots of 8 bytes: Linux's CUBIC fits in 8 of them); shared state, if any, in maps. Query
 * members get a read-only {@link TcpSockView} (they may write only the private area); the others
 * a {@link TcpSock}. Callbacks run on the socket's CPU, within the event's processing, and must
 * not keep references to the socket or the samples.
 */
public interface CongestionControl {
    /**
     * The name users select it by ({@code "reno"}, {@code "cubic"}, {@code "bbr"}): a string
     * constant of 1 to 15 characters ({@link TcpCa#CA_NAME_MAX} with the NUL), letters, digits,
     * {@code _} and {@code .}.
     */
    String name();

    /**
     * {@link TcpCa#CONG_NEEDS_ECN} (the stack then negotiates ECN and sends ECT on every segment),
     * {@link TcpCa#CONG_NON_RESTRICTED} (unprivileged sockets may select it), or 0. Read once, at
     * registration; the host's allowed list may later change the second.
     */
    default int flags() {
        return 0;
    }

    /** The socket starts using the algorithm (see the table above). */
    default void init(TcpSock sk) {}

    /** The socket stops using the algorithm (closed, or another one selected). */
    default void release(TcpSock sk) {}

    /** Required: the slow-start threshold after a congestion event, in segments (at least 2 by convention). */
    int ssthresh(TcpSockView sk);

    /**
     * Required unless {@link #congControl} is overridden: grow the window on an ACK of
     * {@code acked} newly (S)ACKed segments up to sequence {@code ack}. Called only when the stack
     * may raise cwnd (not in CWR/Recovery, new data acknowledged); the algorithm itself checks
     * {@link TcpSockView#tcpIsCwndLimited()}, as Linux's do.
     */
    default void congAvoid(TcpSock sk, int ack, int acked) {}

    /**
     * Required unless {@link #congAvoid} is overridden: full control of cwnd and pacing on every
     * ACK, with the ACK's {@code flag} bits ({@link TcpCa#FLAG_DATA_ACKED} ...) and a
     * delivery-rate sample (BBR's way). When overridden, {@link #congAvoid} is never called.
     */
    default void congControl(TcpSock sk, int ack, int flag, RateSample rs) {}

    /** Required: the window to restore after a spurious reduction, in segments ({@code tcp_reno_undo_cwnd} is the usual answer). */
    int undoCwnd(TcpSockView sk);

    /** The congestion-avoidance state is about to change to {@code newState} ({@link TcpCa#CA_OPEN} ...). */
    default void setState(TcpSock sk, int newState) {}

    /** A {@code CA_EVENT_*} event ({@link TcpCa#CA_EVENT_TX_START} ...). */
    default void cwndEvent(TcpSock sk, int event) {}

    /**
     * An ACK arrived; {@code flags} are {@link TcpCa#CA_ACK_WIN_UPDATE} (it advanced the window),
     * {@link TcpCa#CA_ACK_SLOWPATH} (processed on the slow path) and, on the slow path only,
     * {@link TcpCa#CA_ACK_ECE} (it carried ECE).
     */
    default void inAckEvent(TcpSock sk, int flags) {}

    /** What an ACK acknowledged, with its RTT sample (delay-based algorithms and HyStart use this). */
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
