package dev.weir.plugins.cc;

import dev.weir.api.prog.AckSample;
import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.ProgramInfo;
import dev.weir.api.prog.TcpCa;
import dev.weir.api.prog.TcpSock;
import dev.weir.api.prog.TcpSockView;

/**
 * TCP Vegas (Brakmo and Peterson, 1994), as Linux's {@code net/ipv4/tcp_vegas.c} computes it:
 * a delay-based algorithm that keeps a few packets queued in the network instead of filling
 * the buffers until loss. Once per RTT it compares the window with what the lowest RTT seen
 * ({@code baseRTT}) says the path holds:
 * <pre>
 *   diff = cwnd * (rtt - baseRTT) / baseRTT          (packets queued in the network)
 *   diff &lt; alpha (2): cwnd + 1     diff &gt; beta (4): cwnd - 1     else: hold
 *   in slow start, diff &gt; gamma (1): leave slow start (cwnd = min(cwnd, target + 1))
 * </pre>
 * where {@code rtt} is the lowest sample of the last RTT. With fewer than three RTT samples in
 * an RTT (delayed ACKs) it behaves as Reno for that RTT; in any state other than Open (losses,
 * CWR) it is Reno until the connection is back to Open. Loss response and undo are Reno's.
 *
 * <p>Private area (words of {@link TcpSockView#caGetInt}): 0 {@code beg_snd_nxt}, 1
 * {@code doing_vegas_now}, 2 {@code cntRTT}, 3 {@code minRTT}, 4 {@code baseRTT} (microseconds).
 */
@ProgramInfo(name = "vegas", description = "TCP Vegas, the delay-based congestion control of tcp_vegas.c")
public final class Vegas implements CongestionControl {
    static final int ALPHA = 2;
    static final int BETA = 4;
    static final int GAMMA = 1;
    private static final int BEG_SND_NXT = 0;
    private static final int DOING = 1;
    private static final int CNT_RTT = 2;
    private static final int MIN_RTT = 3;
    private static final int BASE_RTT = 4;

    @Override
    public String name() {
        return "vegas";
    }

    @Override
    public void init(TcpSock sk) {
        sk.caSetInt(BASE_RTT, 0x7fffffff);
        enable(sk);
    }

    private static void enable(TcpSock sk) {
        sk.caSetInt(DOING, 1);
        sk.caSetInt(BEG_SND_NXT, sk.sndNxt());
        sk.caSetInt(CNT_RTT, 0);
        sk.caSetInt(MIN_RTT, 0x7fffffff);
    }

    @Override
    public void pktsAcked(TcpSock sk, AckSample sample) {
        int rttUs = sample.rttUs();
        if (rttUs < 0) {
            return;
        }
        int vrtt = rttUs + 1; // never 0
        if (vrtt < sk.caGetInt(BASE_RTT)) {
            sk.caSetInt(BASE_RTT, vrtt);
        }
        sk.caSetInt(MIN_RTT, Math.min(sk.caGetInt(MIN_RTT), vrtt));
        sk.caSetInt(CNT_RTT, sk.caGetInt(CNT_RTT) + 1);
    }

    @Override
    public void setState(TcpSock sk, int newState) {
        if (newState == TcpCa.CA_OPEN) {
            enable(sk);
        } else {
            sk.caSetInt(DOING, 0);
        }
    }

    @Override
    public void cwndEvent(TcpSock sk, int event) {
        if (event == TcpCa.CA_EVENT_CWND_RESTART || event == TcpCa.CA_EVENT_TX_START) {
            init(sk);
        }
    }

    @Override
    public void congAvoid(TcpSock sk, int ack, int acked) {
        if (sk.caGetInt(DOING) == 0) {
            sk.renoCongAvoid(ack, acked);
            return;
        }
        if (TcpCa.after(ack, sk.caGetInt(BEG_SND_NXT))) {
            // One RTT has passed: decide, then start the next.
            sk.caSetInt(BEG_SND_NXT, sk.sndNxt());
            if (sk.caGetInt(CNT_RTT) <= 2) {
                sk.renoCongAvoid(ack, acked);
            } else {
                int rtt = sk.caGetInt(MIN_RTT);
                int base = sk.caGetInt(BASE_RTT);
                int cwnd = sk.sndCwnd();
                // As Linux: target in 64 bits, diff in u32 arithmetic (it wraps where Linux's does).
                long target = Long.divideUnsigned((cwnd & 0xffffffffL) * (base & 0xffffffffL), rtt & 0xffffffffL);
                int diff = Integer.divideUnsigned(cwnd * (rtt - base), base);
                if (Integer.compareUnsigned(diff, GAMMA) > 0 && sk.inSlowStart()) {
                    sk.setSndCwnd((int) Math.min(cwnd & 0xffffffffL, (target + 1) & 0xffffffffL));
                    sk.setSndSsthresh(vegasSsthresh(sk));
                } else if (sk.inSlowStart()) {
                    sk.slowStart(acked);
                } else if (Integer.compareUnsigned(diff, BETA) > 0) {
                    sk.setSndCwnd(cwnd - 1);
                    sk.setSndSsthresh(vegasSsthresh(sk));
                } else if (Integer.compareUnsigned(diff, ALPHA) < 0) {
                    sk.setSndCwnd(cwnd + 1);
                }
                if (sk.sndCwnd() < 2) {
                    sk.setSndCwnd(2);
                } else if (Integer.compareUnsigned(sk.sndCwnd(), sk.sndCwndClamp()) > 0) {
                    sk.setSndCwnd(sk.sndCwndClamp());
                }
                sk.setSndSsthresh(sk.currentSsthresh());
            }
            sk.caSetInt(CNT_RTT, 0);
            sk.caSetInt(MIN_RTT, 0x7fffffff);
        } else if (sk.inSlowStart()) {
            sk.slowStart(acked);
        }
    }

    /** {@code tcp_vegas_ssthresh}: min(ssthresh, cwnd - 1), unsigned. */
    private static int vegasSsthresh(TcpSock sk) {
        int a = sk.sndSsthresh();
        int b = sk.sndCwnd() - 1;
        return Integer.compareUnsigned(a, b) <= 0 ? a : b;
    }

    @Override
    public int ssthresh(TcpSockView sk) {
        return sk.renoSsthresh();
    }

    @Override
    public int undoCwnd(TcpSockView sk) {
        return sk.renoUndoCwnd();
    }
}
