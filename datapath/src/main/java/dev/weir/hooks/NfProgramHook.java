package dev.weir.hooks;

import dev.weir.api.prog.NetfilterProgram;
import dev.weir.api.prog.NfVerdict;
import dev.weir.core.DropReason;
import dev.weir.netfilter.NfHookFn;
import dev.weir.netfilter.NfHookHandle;
import dev.weir.netfilter.NfHookState;
import dev.weir.skb.SkBuff;
import dev.weir.verifier.LoadedProgram;
import dev.weir.verifier.ProgramRunner;

/**
 * A netfilter program registered as a hook function ({@link NfHookFn}) at its priority among
 * the hook's other functions: netfilter itself orders them and applies the verdicts
 * ({@link dev.weir.netfilter.Netfilter}). The program's verdict is passed through; a program
 * that aborts has its packet dropped with reason {@code PROG_ABORTED} (the hook frees it and
 * answers {@code NF_STOLEN}, so netfilter does not count it a second time as NETFILTER_DROP).
 * The registration holds its program in one field, which {@link #replace} rewrites.
 */
final class NfProgramHook implements NfHookFn, ProgramLink.Target {
    private final Hooks hooks;
    private final NfCtx ctx;
    private Entry<NetfilterProgram> entry;
    private NfHookHandle handle;

    NfProgramHook(Hooks hooks, ProgramLink link, LoadedProgram<NetfilterProgram> p) {
        this.hooks = hooks;
        this.ctx = new NfCtx(hooks);
        this.entry = new Entry<>(p, hooks.programs().idOf(p), link);
    }

    void registered(NfHookHandle h) {
        handle = h;
    }

    @Override
    public int hook(NfHookState state, SkBuff skb) {
        Entry<NetfilterProgram> e = entry;
        NfCtx c = ctx;
        Hooks h = hooks;
        c.bind(state, skb);
        boolean timed = h.statsEnabled;
        long t0 = timed ? System.nanoTime() : 0;
        ProgramRunner<NetfilterProgram> r = e.runner;
        c.begin(e.id, e.name);
        long token = r.begin();
        int v;
        try {
            v = e.program.run(c);
        } catch (ProgramAborted.TailCallDone done) {
            v = c.tailResult;
        } catch (Throwable t) {
            h.aborted(r, token, timed ? System.nanoTime() - t0 : 0, t);
            c.unbind();
            h.net.drop(skb, DropReason.PROG_ABORTED);
            return NfVerdict.STOLEN;
        }
        h.ended(r, token, timed ? System.nanoTime() - t0 : 0);
        c.unbind();
        return v;
    }

    @Override
    public void detach(ProgramLink link) {
        handle.unregister();
    }

    @Override
    public void replace(ProgramLink link, LoadedProgram<?> p) {
        LoadedProgram<NetfilterProgram> x = p.as(NetfilterProgram.class);
        entry = new Entry<>(x, hooks.programs().idOf(x), link);
    }
}
