package dev.weir.js;

import dev.weir.api.prog.Helpers;
import dev.weir.api.prog.TcpSockView;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The host side of a program's {@code Math.random} and {@code Date}: what the preamble's
 * replacements call. Only the preamble's closures hold it; a program cannot reach it.
 *
 * <p>During a run whose context has the common {@link Helpers}, randomness is that context's
 * {@link Helpers#randomU32()} (the host's seeded stream: the same one {@code bpf_get_prandom_u32}
 * draws from) and time its {@link Helpers#ktimeNs()}. A congestion-control callback has no
 * helpers: its time is the socket's {@link TcpSockView#tcpMstamp()}, its randomness the program's
 * own stream, seeded at load. Outside a run (the module's top level) the loader's clock and the
 * program's stream are used.
 */
public final class JsEnv {
    private static final double TWO_TO_53 = 0x1p53;

    private final SplittableRandom fallback;
    private final LongSupplier clockNs;
    private Helpers helpers;
    private TcpSockView sock;

    JsEnv(long seed, LongSupplier clockNs) {
        this.fallback = new SplittableRandom(seed);
        this.clockNs = clockNs;
    }

    /** Binds the run's context (a Helpers, a TcpSockView, or anything else). */
    void enter(Object ctx) {
        if (ctx instanceof Helpers h) {
            helpers = h;
        } else if (ctx instanceof TcpSockView s) {
            sock = s;
        }
    }

    void exit() {
        helpers = null;
        sock = null;
    }

    /** A double in [0, 1) with 53 random bits: two draws of the host's 32-bit stream. */
    public double random() {
        Helpers h = helpers;
        long bits;
        if (h != null) {
            bits = ((long) (h.randomU32() >>> 5) << 26) | (h.randomU32() >>> 6);
        } else {
            bits = fallback.nextLong() >>> 11;
        }
        return bits / TWO_TO_53;
    }

    /** Virtual time in whole milliseconds, as Date keeps it. */
    public double nowMs() {
        Helpers h = helpers;
        if (h != null) {
            return Math.floorDiv(h.ktimeNs(), 1_000_000L);
        }
        TcpSockView s = sock;
        if (s != null) {
            return Math.floorDiv(s.tcpMstamp(), 1_000L);
        }
        return Math.floorDiv(clockNs.getAsLong(), 1_000_000L);
    }
}
