package dev.weir.hooks;

import dev.weir.api.prog.ProbeContext;
import dev.weir.api.prog.ProbeProgram;
import dev.weir.api.prog.StageFunction;
import dev.weir.trace.ProbeEvent;

/**
 * The {@link ProbeContext} of a host's stage probes: the function, entry or exit, arguments,
 * return value, and read-only access to the skb at entry (packet offset 0 is its data).
 */
final class ProbeCtx extends SkbReadContext implements ProbeContext {
    private ProbeEvent event;

    ProbeCtx(Hooks hooks) {
        super(hooks);
    }

    void bind(ProbeEvent e) {
        event = e;
        skb = e.exit ? null : e.skb;
        base = 0;
    }

    void unbind() {
        event = null;
        skb = null;
    }

    @Override
    public StageFunction function() {
        return event.function;
    }

    @Override
    public boolean isExit() {
        return event.exit;
    }

    @Override
    public long returnValue() {
        return event.exit ? event.ret : 0;
    }

    @Override
    public long arg(int i) {
        return i >= 0 && i < ProbeEvent.MAX_ARGS ? event.args[i] : 0;
    }

    @Override
    public long skbaddr() {
        return event.skbId;
    }

    @Override
    public long skaddr() {
        return event.skId;
    }

    @Override
    boolean accepts(Object program) {
        return program instanceof ProbeProgram;
    }

    @Override
    int invokeTail(Object program) {
        ((ProbeProgram) program).run(this);
        return 0;
    }
}
