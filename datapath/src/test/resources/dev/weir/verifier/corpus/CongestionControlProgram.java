package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// A congestion-control algorithm (Reno's halving and additive increase) is a program too.
public final class CongestionControlProgram implements CongestionControl {
    public String name() {
        return "reno_test";
    }

    public int ssthresh(TcpSockView sk) {
        return Math.max(sk.sndCwnd() >> 1, 2);
    }

    public int undoCwnd(TcpSockView sk) {
        return Math.max(sk.sndCwnd(), sk.sndSsthresh());
    }

    public void congAvoid(TcpSock sk, int ack, int acked) {
        if (sk.sndCwnd() < sk.sndSsthresh()) {
            sk.setSndCwnd(sk.sndCwnd() + acked);
        } else {
            sk.setSndCwndCnt(sk.sndCwndCnt() + acked);
            if (sk.sndCwndCnt() >= sk.sndCwnd()) {
                sk.setSndCwndCnt(0);
                sk.setSndCwnd(sk.sndCwnd() + 1);
            }
        }
    }
}
