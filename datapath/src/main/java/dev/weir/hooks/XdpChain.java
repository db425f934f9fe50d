package dev.weir.hooks;

import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpProgram;
import dev.weir.nic.Nic;
import dev.weir.nic.XdpBuff;
import dev.weir.nic.XdpHook;
import dev.weir.verifier.LoadedProgram;
import dev.weir.verifier.ProgramRunner;

/**
 * The XDP programs of one NIC, run in priority order on each received frame. Linux has one XDP
 * program per device (several need a dispatcher program, as libxdp builds one); Weir chains
 * them itself: each program runs in turn while it returns {@code XDP_PASS}, and the first other
 * verdict is the frame's (a program aborting ends the chain with {@code XDP_ABORTED}). A
 * program sees the frame as the ones before it left it.
 */
final class XdpChain implements XdpHook, ProgramLink.Target {
    @SuppressWarnings("unchecked")
    private static final Entry<XdpProgram>[] EMPTY = new Entry[0];

    private final Hooks hooks;
    private final Nic nic;
    private final XdpCtx ctx;
    private Entry<XdpProgram>[] entries = EMPTY;

    XdpChain(Hooks hooks, Nic nic) {
        this.hooks = hooks;
        this.nic = nic;
        this.ctx = new XdpCtx(hooks);
    }

    boolean isEmpty() {
        return entries.length == 0;
    }

    void add(ProgramLink link, LoadedProgram<XdpProgram> p) {
        entries = Entry.with(entries, new Entry<>(p, hooks.programs().idOf(p), link));
        if (nic.xdp() != this) {
            nic.setXdp(this);
        }
    }

    @Override
    public void detach(ProgramLink link) {
        entries = Entry.without(entries, link);
        if (entries.length == 0) {
            nic.setXdp(null);
            hooks.xdpChainEmpty(nic);
        }
    }

    @Override
    public void replace(ProgramLink link, LoadedProgram<?> p) {
        LoadedProgram<XdpProgram> x = p.as(XdpProgram.class);
        entries = Entry.replaced(entries, link, new Entry<>(x, hooks.programs().idOf(x), link));
    }

    @Override
    public int run(XdpBuff xb) {
        Entry<XdpProgram>[] es = entries;
        XdpCtx c = ctx;
        c.bind(xb);
        int act = XdpAction.PASS;
        for (Entry<XdpProgram> e : es) {
            act = runOne(e, c);
            if (act != XdpAction.PASS) {
                xb.progId = e.id;
                break;
            }
        }
        return c.finish(act);
    }

    private int runOne(Entry<XdpProgram> e, XdpCtx c) {
        Hooks h = hooks;
        boolean timed = h.statsEnabled;
        long t0 = timed ? System.nanoTime() : 0;
        ProgramRunner<XdpProgram> r = e.runner;
        c.begin(e.id, e.name);
        long token = r.begin();
        int v;
        try {
            v = e.program.run(c);
        } catch (ProgramAborted.TailCallDone done) {
            v = c.tailResult;
        } catch (Throwable t) {
            h.aborted(r, token, timed ? System.nanoTime() - t0 : 0, t);
            return XdpAction.ABORTED;
        }
        h.ended(r, token, timed ? System.nanoTime() - t0 : 0);
        return v;
    }
}
