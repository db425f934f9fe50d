package dev.weir.hooks;

import dev.weir.api.prog.ProbeProgram;
import dev.weir.api.prog.StageFunction;
import dev.weir.trace.ProbeEvent;
import dev.weir.trace.ProbeHandler;
import dev.weir.verifier.LoadedProgram;
import dev.weir.verifier.ProgramRunner;

/**
 * A host's stage probes: for each stage function, the programs at its entry and at its exit,
 * in priority order. Installed as the namespace's probe handler with the masks of the probed
 * functions, so an unprobed function pays one bit test. A probe that aborts is counted; the
 * function goes on regardless.
 */
final class ProbeChains implements ProbeHandler {
    @SuppressWarnings("unchecked")
    private static final Entry<ProbeProgram>[] EMPTY = new Entry[0];

    private final Hooks hooks;
    private final ProbeCtx ctx;
    @SuppressWarnings("unchecked")
    private final Entry<ProbeProgram>[][] entry = new Entry[StageFunction.values().length][];
    @SuppressWarnings("unchecked")
    private final Entry<ProbeProgram>[][] exit = new Entry[StageFunction.values().length][];

    ProbeChains(Hooks hooks) {
        this.hooks = hooks;
        this.ctx = new ProbeCtx(hooks);
        java.util.Arrays.fill(entry, EMPTY);
        java.util.Arrays.fill(exit, EMPTY);
    }

    /** The link target of one (function, side). */
    ProgramLink.Target target(StageFunction f, boolean atExit) {
        return new ProgramLink.Target() {
            @Override
            public void detach(ProgramLink link) {
                Entry<ProbeProgram>[][] t = atExit ? exit : entry;
                t[f.ordinal()] = Entry.without(t[f.ordinal()], link);
                install();
            }

            @Override
            public void replace(ProgramLink link, LoadedProgram<?> p) {
                LoadedProgram<ProbeProgram> x = p.as(ProbeProgram.class);
                Entry<ProbeProgram>[][] t = atExit ? exit : entry;
                t[f.ordinal()] = Entry.replaced(t[f.ordinal()], link, new Entry<>(x, hooks.programs().idOf(x), link));
            }
        };
    }

    void add(StageFunction f, boolean atExit, ProgramLink link, LoadedProgram<ProbeProgram> p) {
        Entry<ProbeProgram>[][] t = atExit ? exit : entry;
        t[f.ordinal()] = Entry.with(t[f.ordinal()], new Entry<>(p, hooks.programs().idOf(p), link));
        install();
    }

    private void install() {
        long in = 0;
        long out = 0;
        for (StageFunction f : StageFunction.values()) {
            if (entry[f.ordinal()].length > 0) {
                in |= 1L << f.ordinal();
            }
            if (exit[f.ordinal()].length > 0) {
                out |= 1L << f.ordinal();
            }
        }
        hooks.tracing.setProbes((in | out) == 0 ? null : this, in, out);
    }

    @Override
    public void probe(ProbeEvent e) {
        Entry<ProbeProgram>[] es = (e.exit ? exit : entry)[e.function.ordinal()];
        ProbeCtx c = ctx;
        Hooks h = hooks;
        c.bind(e);
        for (Entry<ProbeProgram> x : es) {
            boolean timed = h.statsEnabled;
            long t0 = timed ? System.nanoTime() : 0;
            ProgramRunner<ProbeProgram> r = x.runner;
            c.begin(x.id, x.name);
            long token = r.begin();
            try {
                x.program.run(c);
            } catch (ProgramAborted.TailCallDone done) {
                // ran
            } catch (Throwable t) {
                h.aborted(r, token, timed ? System.nanoTime() - t0 : 0, t);
                continue;
            }
            h.ended(r, token, timed ? System.nanoTime() - t0 : 0);
        }
        c.unbind();
    }
}
