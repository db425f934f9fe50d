package dev.weir.hooks;

import dev.weir.api.prog.NetfilterProgram;
import dev.weir.api.prog.NfContext;
import dev.weir.netfilter.NfHookState;
import dev.weir.skb.SkBuff;

/**
 * The {@link NfContext} of one netfilter program registration: packet offset 0 is the IP
 * header (wherever {@code skb.data()} is at the hook), the hook's devices and family.
 */
final class NfCtx extends SkbWriteContext implements NfContext {
    private NfHookState state;

    NfCtx(Hooks hooks) {
        super(hooks);
    }

    void bind(NfHookState st, SkBuff s) {
        state = st;
        skb = s;
        base = s.networkHeader() - s.data();
    }

    void unbind() {
        state = null;
        skb = null;
    }

    @Override
    public int hook() {
        return state.hook();
    }

    @Override
    public int pf() {
        return state.pf();
    }

    @Override
    public int inIfindex() {
        return state.in() == null ? 0 : state.in().ifindex();
    }

    @Override
    public int outIfindex() {
        return state.out() == null ? 0 : state.out().ifindex();
    }

    @Override
    boolean accepts(Object program) {
        return program instanceof NetfilterProgram;
    }

    @Override
    int invokeTail(Object program) {
        return ((NetfilterProgram) program).run(this);
    }
}
