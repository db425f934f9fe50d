package dev.weir.hooks.progs;

import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.TcpSock;
import dev.weir.api.prog.TcpSockView;

/** Congestion control "abort_cc": grows like Reno, but its ssthresh never returns (it runs out of budget). */
public final class CcAbortingSsthresh implements CongestionControl {
    @Override
    public String name() {
        return "abort_cc";
    }

    @Override
    public int ssthresh(TcpSockView sk) {
        long x = 1;
        while (x != 0) {
            x = x * 3 + 1;
        }
        return (int) x;
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
