package dev.weir.js;

import dev.weir.api.prog.AckSample;
import dev.weir.api.prog.CcInfo;
import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.RateSample;
import dev.weir.api.prog.TcpSock;
import dev.weir.api.prog.TcpSockView;

/**
 * A JavaScript congestion-control algorithm: a module exporting the members of
 * {@link CongestionControl} by the same names, each with the maps as its last argument:
 *
 * <pre>{@code
 * export const type = "congestion_control";
 * export const name = "js_reno";                                   // required, at most 15 characters
 * export function ssthresh(sk, maps) { return sk.renoSsthresh(); }  // required
 * export function undoCwnd(sk, maps) { return sk.renoUndoCwnd(); }  // required
 * export function congAvoid(sk, ack, acked, maps) { sk.renoCongAvoid(ack, acked); }  // or congControl
 * }</pre>
 * Optional members ({@code init}, {@code release}, {@code setState}, {@code cwndEvent},
 * {@code inAckEvent}, {@code pktsAcked}, {@code minTsoSegs}, {@code sndbufExpand},
 * {@code getInfo}) that the module does not export cost nothing: the adapter answers with the
 * interface's default without entering JavaScript. Which of {@code congAvoid}/{@code congControl}
 * the stack calls follows {@link CongestionControl#overridesCongControl}: the loader picks the
 * subclass ({@link Avoid} or {@link Control}) that overrides the one the module exports
 * ({@code congControl} when it exports both, as a Java class overriding both).
 */
abstract sealed class JsCongestionControl extends JsAdapter implements CongestionControl {
    static final String[] FUNCTIONS = {"init", "release", "ssthresh", "congAvoid", "congControl", "undoCwnd", "setState",
            "cwndEvent", "inAckEvent", "pktsAcked", "minTsoSegs", "sndbufExpand", "getInfo"};
    static final int INIT = 0;
    static final int RELEASE = 1;
    static final int SSTHRESH = 2;
    static final int CONG_AVOID = 3;
    static final int CONG_CONTROL = 4;
    static final int UNDO_CWND = 5;
    static final int SET_STATE = 6;
    static final int CWND_EVENT = 7;
    static final int IN_ACK_EVENT = 8;
    static final int PKTS_ACKED = 9;
    static final int MIN_TSO_SEGS = 10;
    static final int SNDBUF_EXPAND = 11;
    static final int GET_INFO = 12;
    private static final String SEGMENTS = "it returns a number of segments";

    private final String name;
    private final int flags;

    JsCongestionControl(JsInstance js, String name, int flags) {
        super(js);
        this.name = name;
        this.flags = flags;
    }

    /** The adapter for a module: {@link Control} when it exports congControl, else {@link Avoid}. */
    static JsCongestionControl of(JsInstance js, String name, int flags) {
        return js.has(CONG_CONTROL) ? new Control(js, name, flags) : new Avoid(js, name, flags);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int flags() {
        return flags;
    }

    @Override
    public final void init(TcpSock sk) {
        if (js.has(INIT)) {
            js.callVoid(INIT, sk);
        }
    }

    @Override
    public final void release(TcpSock sk) {
        if (js.has(RELEASE)) {
            js.callVoid(RELEASE, sk);
        }
    }

    @Override
    public final int ssthresh(TcpSockView sk) {
        return js.callInt(SSTHRESH, sk, SEGMENTS);
    }

    @Override
    public final int undoCwnd(TcpSockView sk) {
        return js.callInt(UNDO_CWND, sk, SEGMENTS);
    }

    @Override
    public final void setState(TcpSock sk, int newState) {
        if (js.has(SET_STATE)) {
            js.callVoidWith(SET_STATE, sk, sk, newState);
        }
    }

    @Override
    public final void cwndEvent(TcpSock sk, int event) {
        if (js.has(CWND_EVENT)) {
            js.callVoidWith(CWND_EVENT, sk, sk, event);
        }
    }

    @Override
    public final void inAckEvent(TcpSock sk, int ackFlags) {
        if (js.has(IN_ACK_EVENT)) {
            js.callVoidWith(IN_ACK_EVENT, sk, sk, ackFlags);
        }
    }

    @Override
    public final void pktsAcked(TcpSock sk, AckSample sample) {
        if (js.has(PKTS_ACKED)) {
            js.callVoidWith(PKTS_ACKED, sk, sk, sample);
        }
    }

    @Override
    public final int minTsoSegs(TcpSockView sk) {
        return js.has(MIN_TSO_SEGS) ? js.callInt(MIN_TSO_SEGS, sk, SEGMENTS) : 0;
    }

    @Override
    public final int sndbufExpand(TcpSockView sk) {
        return js.has(SNDBUF_EXPAND) ? js.callInt(SNDBUF_EXPAND, sk, "sndbufExpand returns a multiple of cwnd") : 0;
    }

    @Override
    public final void getInfo(TcpSockView sk, int ext, CcInfo info) {
        if (js.has(GET_INFO)) {
            js.callVoidWith(GET_INFO, sk, sk, ext, info);
        }
    }

    @Override
    final int invoke(Object ctx) {
        throw new UnsupportedOperationException("a congestion-control algorithm has no single run function; call its members");
    }

    /** An algorithm that grows the window in congAvoid. */
    static final class Avoid extends JsCongestionControl {
        Avoid(JsInstance js, String name, int flags) {
            super(js, name, flags);
        }

        @Override
        public void congAvoid(TcpSock sk, int ack, int acked) {
            js.callVoidWith(CONG_AVOID, sk, sk, ack, acked);
        }
    }

    /** An algorithm that owns cwnd and pacing in congControl. */
    static final class Control extends JsCongestionControl {
        Control(JsInstance js, String name, int flags) {
            super(js, name, flags);
        }

        @Override
        public void congControl(TcpSock sk, int ack, int flag, RateSample rs) {
            js.callVoidWith(CONG_CONTROL, sk, sk, ack, flag, rs);
        }
    }
}
