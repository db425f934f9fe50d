package dev.weir.hooks;

import dev.weir.api.maps.MapError;
import dev.weir.api.maps.ProgramArrayMap;
import dev.weir.api.maps.RingBufMap;
import dev.weir.api.prog.Helpers;
import dev.weir.api.prog.TracePrintFormat;

/**
 * The helpers every context offers ({@link Helpers}), for the program that is running: virtual
 * time, the host's seeded random stream, the CPU, scratch memory, ring-buffer output, the trace
 * pipe and tail calls. One context belongs to one attach point and is reused for every run
 * there; the attach point calls {@link #begin} before each program.
 *
 * <p>Tail calls: {@link #tailCall} runs the program in the slot with this same context (its
 * budget is the caller's), stores its result and unwinds the caller with
 * {@link ProgramAborted.TailCallDone}, which the attach point catches to take
 * {@link #tailResult}. The tail-called program's runs are not counted in its own statistics,
 * as in Linux, where only the entry program's run is counted.
 */
abstract class ProgramContext implements Helpers {
    final Hooks hooks;
    private final byte[] scratch = new byte[SCRATCH_SIZE];
    private String progName = "";
    private int progId;
    private int tailCalls;
    /** The result of the last program a tail call ran. */
    int tailResult;
    private String lastFormat;

    ProgramContext(Hooks hooks) {
        this.hooks = hooks;
    }

    /** Starts a run of program {@code id} named {@code name}. */
    final void begin(int id, String name) {
        progId = id;
        progName = name;
        tailCalls = 0;
    }

    final int runningProgram() {
        return progId;
    }

    @Override
    public final long ktimeNs() {
        return hooks.net.now();
    }

    @Override
    public final int randomU32() {
        return (int) hooks.random.nextLong();
    }

    @Override
    public final int cpuId() {
        return hooks.net.currentCpu().id();
    }

    @Override
    public final byte[] scratch() {
        return scratch;
    }

    @Override
    public final int ringbufOutput(RingBufMap ring, byte[] src, int off, int len, long flags) {
        if (ring == null) {
            return MapError.EINVAL;
        }
        return ring.output(src, off, len, flags);
    }

    @Override
    public final int tracePrint(String fmt, long a, long b, long c) {
        if (fmt != lastFormat) {
            if (TracePrintFormat.problem(fmt) != null) {
                return MapError.EINVAL;
            }
            lastFormat = fmt;
        }
        hooks.tracePipe.add(hooks.net.now(), cpuId(), progName, progId, fmt, a, b, c);
        return MapError.OK;
    }

    @Override
    public final int tailCall(ProgramArrayMap progs, int index) {
        if (progs == null) {
            return MapError.EINVAL;
        }
        if (index < 0 || index >= progs.maxEntries()) {
            return MapError.E2BIG;
        }
        Object p = progs.get(index);
        if (p == null) {
            return MapError.ENOENT;
        }
        if (tailCalls >= MAX_TAIL_CALLS) {
            return MapError.EBUSY;
        }
        if (!accepts(p)) {
            return MapError.EINVAL;
        }
        tailCalls++;
        tailResult = invokeTail(p);
        throw ProgramAborted.TailCallDone.INSTANCE;
    }

    /** True when {@code program} is of this context's program type. */
    abstract boolean accepts(Object program);

    /** Runs {@code program} (of this context's type) with this context; its result. */
    abstract int invokeTail(Object program);
}
