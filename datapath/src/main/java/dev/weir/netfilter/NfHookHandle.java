package dev.weir.netfilter;

import dev.weir.api.prog.NfHook;

/**
 * A callback's registration on one hook, returned by {@link Netfilter#register}: the way to take
 * it off again.
 */
public final class NfHookHandle {
    private final Netfilter owner;
    final int pf;
    final int hook;
    final int priority;
    final NfHookFn fn;
    final String name;
    /** Set on unregister: a chain being run skips the entry from then on. */
    boolean dead;

    NfHookHandle(Netfilter owner, int pf, int hook, int priority, NfHookFn fn, String name) {
        this.owner = owner;
        this.pf = pf;
        this.hook = hook;
        this.priority = priority;
        this.fn = fn;
        this.name = name;
    }

    public int pf() {
        return pf;
    }

    public int hook() {
        return hook;
    }

    public int priority() {
        return priority;
    }

    public String name() {
        return name;
    }

    public boolean isRegistered() {
        return !dead;
    }

    /** Takes the callback off its hook; it is not called again. Unregistering twice is refused. */
    public void unregister() {
        owner.unregister(this);
    }

    @Override
    public String toString() {
        return name + " on " + Netfilter.familyName(pf) + " " + NfHook.name(hook) + " priority " + priority + (dead ? " (unregistered)" : "");
    }
}
