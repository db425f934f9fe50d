package dev.weir.tcp.cc;

import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.TcpCa;
import dev.weir.api.prog.TcpSock;
import dev.weir.api.prog.TcpSockView;

/**
 * NewReno, Linux's always-present fallback ({@code tcp_reno} in net/ipv4/tcp_cong.c): slow start
 * and one segment per window ({@code tcp_reno_cong_avoid}), half the window after a loss
 * ({@code tcp_reno_ssthresh}), the window before the reduction on undo
 * ({@code tcp_reno_undo_cwnd}). Open to unprivileged sockets ({@code TCP_CONG_NON_RESTRICTED}).
 *
 * <p>An ordinary {@link CongestionControl}: no fields, no private state.
 */
public final class Reno implements CongestionControl {
    public static final String NAME = "reno";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int flags() {
        return TcpCa.CONG_NON_RESTRICTED;
    }

    @Override
    public int ssthresh(TcpSockView sk) {
        return sk.renoSsthresh();
    }

    @Override
    public void congAvoid(TcpSock sk, int ack, int acked) {
        sk.renoCongAvoid(ack, acked);
    }

    @Override
    public int undoCwnd(TcpSockView sk) {
        return sk.renoUndoCwnd();
    }
}
