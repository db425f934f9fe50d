package dev.weir.netfilter;

import dev.weir.api.prog.NfHook;
import dev.weir.api.prog.NfVerdict;
import dev.weir.core.DropReason;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One namespace's netfilter hooks: for IPv4 and for IPv6, five chains of callbacks
 * ({@link NfHook}: the hook numbers, families and {@code NF_IP_PRI_*} priorities programs see
 * too), each ordered by priority, and the entry points the IP stages call where Linux calls
 * {@code NF_HOOK} and {@code nf_hook}.
 *
 * <p><b>Verdicts</b> ({@link NfVerdict}): ACCEPT goes on to the next callback and, after the
 * last, to the stage's continuation; DROP frees the packet under {@code NETFILTER_DROP}; STOLEN
 * leaves it with the callback; QUEUE is dropped as Linux drops a packet no queue listens on
 * (Weir has no user-space queues), counted in {@link #queueDrops()}; REPEAT calls the same
 * callback again, at most {@link #MAX_REPEATS} times in a row before the packet is dropped
 * ({@link #repeatDrops()}); STOP accepts without the callbacks after it; anything else is a bug
 * in the callback and drops the packet ({@link #invalidVerdicts()}).
 *
 * <pre>{@code
 * // in a stage, once:
 * private final NfOkFn rcvFinish = this::rcvFinish;
 * // per packet: run PREROUTING, then rcvFinish(skb) if every callback accepted
 * netfilter.hook(NfHook.PF_IPV4, NfHook.PREROUTING, skb, dev, null, null, rcvFinish);
 * }</pre>
 *
 * <p><b>Cost.</b> A hook without callbacks costs an array-length test and the continuation call;
 * with callbacks, a loop over an array and one reused state object per nesting level. Nothing
 * is allocated per packet.
 *
 * <p><b>Changes while running.</b> Registration replaces a chain's array (copy on write, as
 * Linux swaps {@code nf_hook_entries} under RCU), so a packet already inside a chain finishes
 * with the chain it started with. Unregistration also marks the entry dead, so it is not called
 * again even by a chain being run, as Linux's {@code nf_remove_net_hook} points the old entry at
 * an accept-all function before swapping.
 *
 * <p><b>Order of equal priorities.</b> Callbacks of equal priority run in registration order.
 * (Linux's {@code nf_hook_entries_grow} puts a new hook before existing ones of the same
 * priority; Weir keeps the order the issue asks for, and which the user can see and rely on.)
 *
 * <p>This is the internal Java API of the hooks; loading user programs onto them builds on it.
 */
public final class Netfilter {
    /** How many REPEAT verdicts in a row one callback may give one packet before it is dropped. */
    public static final int MAX_REPEATS = 16;
    /** Linux's {@code MAX_HOOK_COUNT}: callbacks per hook. */
    public static final int MAX_HOOK_COUNT = 1024;

    private static final NfHookHandle[] EMPTY = new NfHookHandle[0];

    private final NetNs net;
    /** Chains by {@code family * 5 + hook}, family 0 for IPv4 and 1 for IPv6. */
    private final NfHookHandle[][] chains = new NfHookHandle[2 * NfHook.COUNT][];
    private NfHookState[] states = new NfHookState[4];
    private int depth;

    private long queueDrops;
    private long repeatDrops;
    private long invalidVerdicts;

    public Netfilter(NetNs net) {
        this.net = Objects.requireNonNull(net, "net");
        for (int i = 0; i < chains.length; i++) {
            chains[i] = EMPTY;
        }
        for (int i = 0; i < states.length; i++) {
            states[i] = new NfHookState(net);
        }
    }

    public NetNs net() {
        return net;
    }

    /** "ipv4" or "ipv6", for messages and listings. */
    public static String familyName(int pf) {
        return switch (pf) {
            case NfHook.PF_IPV4 -> "ipv4";
            case NfHook.PF_IPV6 -> "ipv6";
            default -> "family " + pf;
        };
    }

    private static int index(int pf, int hook) {
        int fam = switch (pf) {
            case NfHook.PF_IPV4 -> 0;
            case NfHook.PF_IPV6 -> 1;
            default -> throw new IllegalArgumentException("netfilter family must be NfHook.PF_IPV4 (2) or PF_IPV6 (10), got " + pf);
        };
        if (hook < 0 || hook >= NfHook.COUNT) {
            throw new IllegalArgumentException("netfilter hook must be 0..4 (PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING), got " + hook);
        }
        return fam * NfHook.COUNT + hook;
    }

    // ---- registration ----

    /**
     * Puts {@code fn} on hook {@code hook} of family {@code pf} at {@code priority}
     * (Linux's {@code nf_register_net_hook}). {@code name} labels it in listings and errors.
     */
    public NfHookHandle register(int pf, int hook, int priority, String name, NfHookFn fn) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(name, "name");
        int idx = index(pf, hook);
        NfHookHandle[] old = chains[idx];
        if (old.length >= MAX_HOOK_COUNT) {
            throw new IllegalStateException("netfilter " + familyName(pf) + " " + NfHook.name(hook) + " already has "
                    + MAX_HOOK_COUNT + " callbacks (MAX_HOOK_COUNT); cannot register " + name);
        }
        NfHookHandle h = new NfHookHandle(this, pf, hook, priority, fn, name);
        int at = 0;
        while (at < old.length && old[at].priority <= priority) {
            at++;
        }
        NfHookHandle[] next = new NfHookHandle[old.length + 1];
        System.arraycopy(old, 0, next, 0, at);
        next[at] = h;
        System.arraycopy(old, at, next, at + 1, old.length - at);
        chains[idx] = next;
        return h;
    }

    void unregister(NfHookHandle h) {
        if (h.dead) {
            throw new IllegalStateException("netfilter callback " + h.name + " is not registered (unregistered twice?)");
        }
        int idx = index(h.pf, h.hook);
        NfHookHandle[] old = chains[idx];
        int at = -1;
        for (int i = 0; i < old.length; i++) {
            if (old[i] == h) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw new IllegalStateException("netfilter callback " + h.name + " is not on this namespace's hooks");
        }
        h.dead = true;
        NfHookHandle[] next = old.length == 1 ? EMPTY : new NfHookHandle[old.length - 1];
        System.arraycopy(old, 0, next, 0, at);
        System.arraycopy(old, at + 1, next, at, old.length - at - 1);
        chains[idx] = next;
    }

    /** True when the hook has callbacks (Linux's {@code nf_hook_entries} being non-null). */
    public boolean hasCallbacks(int pf, int hook) {
        return chains[index(pf, hook)].length != 0;
    }

    /** The hook's callbacks in the order they run (a copy, for listings and tests). */
    public List<NfHookHandle> callbacks(int pf, int hook) {
        List<NfHookHandle> l = new ArrayList<>();
        Collections.addAll(l, chains[index(pf, hook)]);
        return Collections.unmodifiableList(l);
    }

    // ---- running ----

    /**
     * {@code NF_HOOK}: runs the hook's chain on {@code skb}; if every callback accepts, calls
     * {@code okfn} with it. Returns {@link NfVerdict#ACCEPT} when okfn was called (and owns the
     * packet), {@link NfVerdict#DROP} when the packet was dropped (freed, counted), or
     * {@link NfVerdict#STOLEN} when a callback took it.
     *
     * @param in the device the packet arrived on, or null
     * @param out the device it leaves by, or null
     * @param sk the sending socket, or null
     */
    public int hook(int pf, int hook, SkBuff skb, NetDevice in, NetDevice out, Object sk, NfOkFn okfn) {
        int v = run(pf, hook, skb, in, out, sk, okfn);
        if (v == NfVerdict.ACCEPT) {
            okfn.ok(skb);
        }
        return v;
    }

    /**
     * {@code nf_hook}: runs the chain and returns {@link NfVerdict#ACCEPT} when the caller should
     * go on with the packet itself, or DROP / STOLEN when the packet is no longer the caller's.
     * {@code okfn} is only handed to the callbacks (in {@link NfHookState#okfn()}); it is not
     * called.
     */
    public int run(int pf, int hook, SkBuff skb, NetDevice in, NetDevice out, Object sk, NfOkFn okfn) {
        NfHookHandle[] chain = chains[index(pf, hook)];
        if (chain.length == 0) {
            return NfVerdict.ACCEPT;
        }
        NfHookState st = push();
        st.pf = pf;
        st.hook = hook;
        st.in = in;
        st.out = out;
        st.sk = sk;
        st.okfn = okfn;
        try {
            for (int i = 0; i < chain.length; i++) {
                NfHookHandle e = chain[i];
                if (e.dead) {
                    continue;
                }
                int v = e.fn.hook(st, skb);
                for (int repeats = 0; v == NfVerdict.REPEAT && !e.dead; ) {
                    if (++repeats > MAX_REPEATS) {
                        repeatDrops++;
                        v = NfVerdict.DROP;
                        break;
                    }
                    v = e.fn.hook(st, skb);
                }
                switch (v) {
                    case NfVerdict.ACCEPT, NfVerdict.REPEAT -> { } // REPEAT here: the callback went away meanwhile
                    case NfVerdict.STOP -> {
                        return NfVerdict.ACCEPT;
                    }
                    case NfVerdict.STOLEN -> {
                        return NfVerdict.STOLEN;
                    }
                    case NfVerdict.DROP -> {
                        net.drop(skb, DropReason.NETFILTER_DROP);
                        return NfVerdict.DROP;
                    }
                    case NfVerdict.QUEUE -> {
                        queueDrops++;
                        net.drop(skb, DropReason.NETFILTER_DROP);
                        return NfVerdict.DROP;
                    }
                    default -> {
                        invalidVerdicts++;
                        net.drop(skb, DropReason.NETFILTER_DROP);
                        return NfVerdict.DROP;
                    }
                }
            }
            return NfVerdict.ACCEPT;
        } finally {
            pop(st);
        }
    }

    private NfHookState push() {
        if (depth == states.length) {
            NfHookState[] grown = new NfHookState[depth * 2];
            System.arraycopy(states, 0, grown, 0, depth);
            for (int i = depth; i < grown.length; i++) {
                grown[i] = new NfHookState(net);
            }
            states = grown;
        }
        return states[depth++];
    }

    private void pop(NfHookState st) {
        st.in = null;
        st.out = null;
        st.sk = null;
        st.okfn = null;
        depth--;
    }

    // ---- counters ----

    /** Packets dropped because a callback answered QUEUE and Weir has no queue handler. */
    public long queueDrops() {
        return queueDrops;
    }

    /** Packets dropped because one callback answered REPEAT more than {@link #MAX_REPEATS} times in a row. */
    public long repeatDrops() {
        return repeatDrops;
    }

    /** Packets dropped because a callback returned a value that is no verdict. */
    public long invalidVerdicts() {
        return invalidVerdicts;
    }
}
