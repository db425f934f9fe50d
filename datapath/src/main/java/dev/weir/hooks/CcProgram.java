package dev.weir.hooks;

import dev.weir.api.prog.AckSample;
import dev.weir.api.prog.CcInfo;
import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.RateSample;
import dev.weir.api.prog.TcpSock;
import dev.weir.api.prog.TcpSockView;
import dev.weir.tcp.cc.Reno;
import dev.weir.verifier.LoadedProgram;
import dev.weir.verifier.ProgramRunner;

/**
 * A loaded congestion-control program as the host's registry and the TCP stack see it: every
 * callback runs under the program's instruction budget ({@link ProgramRunner#begin} /
 * {@code end} / {@code abort}), is counted in the program's statistics and charged to the CPU.
 *
 * <p><b>When a callback aborts</b> (throws, runs out of budget), that one call falls back to
 * Reno, Linux's always-present algorithm, and the abort is counted ({@link #fallbacks()} and the
 * program's aborts): {@code ssthresh} and {@code undoCwnd} answer Reno's value,
 * {@code congAvoid} grows the window as Reno would; the event callbacks ({@code init},
 * {@code setState}, {@code cwndEvent}, {@code pktsAcked}, ...) and {@code congControl} leave the
 * socket as it was (Reno has none of them, and {@code congControl} has no Reno equivalent that
 * could run in its place); the query callbacks answer 0, the stack's default. The socket keeps
 * the program: its next callback runs the program again. The socket's private area is whatever
 * the program left in it.
 *
 * <p>Two final classes, so that the registry's and the stack's reflective test of which of
 * {@code congAvoid} / {@code congControl} the algorithm implements sees the program's answer.
 */
abstract sealed class CcProgram implements CongestionControl permits CcProgram.Avoid, CcProgram.Control {
    final Hooks hooks;
    final LoadedProgram<CongestionControl> loaded;
    final CongestionControl program;
    final ProgramRunner<CongestionControl> runner;
    private final String name;
    private final int flags;
    private final Reno reno = new Reno();
    private long fallbacks;

    private CcProgram(Hooks hooks, LoadedProgram<CongestionControl> p) {
        this.hooks = hooks;
        this.loaded = p;
        this.program = p.program();
        this.runner = p.runner();
        long t = runner.begin();
        try {
            this.name = program.name();
            this.flags = program.flags();
        } catch (Throwable e) {
            hooks.aborted(runner, t, 0, e);
            throw new IllegalArgumentException("congestion control " + p.name() + ": name() or flags() failed: " + e, e);
        }
        hooks.ended(runner, t, 0);
    }

    /** The wrapper of {@code p}: the class matching which of congAvoid / congControl it implements. */
    static CcProgram of(Hooks hooks, LoadedProgram<CongestionControl> p) {
        @SuppressWarnings("unchecked")
        Class<? extends CongestionControl> c = (Class<? extends CongestionControl>) p.programClass();
        return CongestionControl.overridesCongControl(c) ? new Control(hooks, p) : new Avoid(hooks, p);
    }

    /** Callbacks that aborted and fell back to Reno. */
    public long fallbacks() {
        return fallbacks;
    }

    long begin() {
        return runner.begin();
    }

    void end(long token, long t0) {
        hooks.ended(runner, token, t0 == 0 ? 0 : System.nanoTime() - t0);
    }

    void abort(long token, long t0, Throwable t) {
        hooks.aborted(runner, token, t0 == 0 ? 0 : System.nanoTime() - t0, t);
        fallbacks++;
    }

    long t0() {
        return hooks.statsEnabled ? System.nanoTime() : 0;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int flags() {
        return flags;
    }

    @Override
    public void init(TcpSock sk) {
        long t0 = t0();
        long token = begin();
        try {
            program.init(sk);
        } catch (Throwable t) {
            abort(token, t0, t);
            return;
        }
        end(token, t0);
    }

    @Override
    public void release(TcpSock sk) {
        long t0 = t0();
        long token = begin();
        try {
            program.release(sk);
        } catch (Throwable t) {
            abort(token, t0, t);
            return;
        }
        end(token, t0);
    }

    @Override
    public int ssthresh(TcpSockView sk) {
        long t0 = t0();
        long token = begin();
        int r;
        try {
            r = program.ssthresh(sk);
        } catch (Throwable t) {
            abort(token, t0, t);
            return reno.ssthresh(sk);
        }
        end(token, t0);
        return r;
    }

    @Override
    public int undoCwnd(TcpSockView sk) {
        long t0 = t0();
        long token = begin();
        int r;
        try {
            r = program.undoCwnd(sk);
        } catch (Throwable t) {
            abort(token, t0, t);
            return reno.undoCwnd(sk);
        }
        end(token, t0);
        return r;
    }

    @Override
    public void setState(TcpSock sk, int newState) {
        long t0 = t0();
        long token = begin();
        try {
            program.setState(sk, newState);
        } catch (Throwable t) {
            abort(token, t0, t);
            return;
        }
        end(token, t0);
    }

    @Override
    public void cwndEvent(TcpSock sk, int event) {
        long t0 = t0();
        long token = begin();
        try {
            program.cwndEvent(sk, event);
        } catch (Throwable t) {
            abort(token, t0, t);
            return;
        }
        end(token, t0);
    }

    @Override
    public void inAckEvent(TcpSock sk, int f) {
        long t0 = t0();
        long token = begin();
        try {
            program.inAckEvent(sk, f);
        } catch (Throwable t) {
            abort(token, t0, t);
            return;
        }
        end(token, t0);
    }

    @Override
    public void pktsAcked(TcpSock sk, AckSample sample) {
        long t0 = t0();
        long token = begin();
        try {
            program.pktsAcked(sk, sample);
        } catch (Throwable t) {
            abort(token, t0, t);
            return;
        }
        end(token, t0);
    }

    @Override
    public int minTsoSegs(TcpSockView sk) {
        long t0 = t0();
        long token = begin();
        int r;
        try {
            r = program.minTsoSegs(sk);
        } catch (Throwable t) {
            abort(token, t0, t);
            return 0;
        }
        end(token, t0);
        return r;
    }

    @Override
    public int sndbufExpand(TcpSockView sk) {
        long t0 = t0();
        long token = begin();
        int r;
        try {
            r = program.sndbufExpand(sk);
        } catch (Throwable t) {
            abort(token, t0, t);
            return 0;
        }
        end(token, t0);
        return r;
    }

    @Override
    public void getInfo(TcpSockView sk, int ext, CcInfo info) {
        long t0 = t0();
        long token = begin();
        try {
            program.getInfo(sk, ext, info);
        } catch (Throwable t) {
            abort(token, t0, t);
            return;
        }
        end(token, t0);
    }

    @Override
    public String toString() {
        return name + " (program " + loaded.name() + ")";
    }

    /** An algorithm with {@code congAvoid}. */
    static final class Avoid extends CcProgram {
        Avoid(Hooks hooks, LoadedProgram<CongestionControl> p) {
            super(hooks, p);
        }

        @Override
        public void congAvoid(TcpSock sk, int ack, int acked) {
            long t0 = t0();
            long token = begin();
            try {
                program.congAvoid(sk, ack, acked);
            } catch (Throwable t) {
                abort(token, t0, t);
                sk.renoCongAvoid(ack, acked);
                return;
            }
            end(token, t0);
        }
    }

    /** An algorithm with {@code congControl}. */
    static final class Control extends CcProgram {
        Control(Hooks hooks, LoadedProgram<CongestionControl> p) {
            super(hooks, p);
        }

        @Override
        public void congControl(TcpSock sk, int ack, int flag, RateSample rs) {
            long t0 = t0();
            long token = begin();
            try {
                program.congControl(sk, ack, flag, rs);
            } catch (Throwable t) {
                abort(token, t0, t);
                return;
            }
            end(token, t0);
        }
    }
}
