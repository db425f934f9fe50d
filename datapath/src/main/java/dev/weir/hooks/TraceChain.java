package dev.weir.hooks;

import dev.weir.api.prog.Tracepoint;
import dev.weir.api.prog.TracepointProgram;
import dev.weir.trace.TraceEvent;
import dev.weir.trace.TraceHandler;
import dev.weir.verifier.LoadedProgram;
import dev.weir.verifier.ProgramRunner;

/**
 * The programs attached to one tracepoint: installed as its handler while there is at least
 * one; each event fills the context's fields once and every program runs in priority order. A
 * program that aborts is counted and the others still run; nothing a tracing program does
 * changes the packet's path.
 */
final class TraceChain implements TraceHandler, ProgramLink.Target {
    @SuppressWarnings("unchecked")
    private static final Entry<TracepointProgram>[] EMPTY = new Entry[0];

    private final Hooks hooks;
    private final Tracepoint tp;
    private final TraceCtx ctx;
    private Entry<TracepointProgram>[] entries = EMPTY;

    TraceChain(Hooks hooks, Tracepoint tp) {
        this.hooks = hooks;
        this.tp = tp;
        this.ctx = new TraceCtx(hooks, tp);
    }

    void add(ProgramLink link, LoadedProgram<TracepointProgram> p) {
        entries = Entry.with(entries, new Entry<>(p, hooks.programs().idOf(p), link));
        hooks.tracing.setHandler(tp, this);
    }

    @Override
    public void detach(ProgramLink link) {
        entries = Entry.without(entries, link);
        if (entries.length == 0) {
            hooks.tracing.setHandler(tp, null);
            hooks.traceChainEmpty(tp);
        }
    }

    @Override
    public void replace(ProgramLink link, LoadedProgram<?> p) {
        LoadedProgram<TracepointProgram> x = p.as(TracepointProgram.class);
        entries = Entry.replaced(entries, link, new Entry<>(x, hooks.programs().idOf(x), link));
    }

    @Override
    public void fire(TraceEvent event) {
        TraceCtx c = ctx;
        c.clear();
        TraceFields.fill(c, event);
        run(entries, c, hooks);
    }

    /** Runs {@code es} on a filled context. */
    static void run(Entry<TracepointProgram>[] es, TraceCtx c, Hooks h) {
        for (Entry<TracepointProgram> e : es) {
            boolean timed = h.statsEnabled;
            long t0 = timed ? System.nanoTime() : 0;
            ProgramRunner<TracepointProgram> r = e.runner;
            c.begin(e.id, e.name);
            long token = r.begin();
            try {
                e.program.run(c);
            } catch (ProgramAborted.TailCallDone done) {
                // the tail-called program ran; nothing to take from it
            } catch (Throwable t) {
                h.aborted(r, token, timed ? System.nanoTime() - t0 : 0, t);
                continue;
            }
            h.ended(r, token, timed ? System.nanoTime() - t0 : 0);
        }
    }
}
