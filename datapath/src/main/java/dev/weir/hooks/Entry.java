package dev.weir.hooks;

import dev.weir.verifier.LoadedProgram;
import dev.weir.verifier.ProgramRunner;
import java.util.Arrays;
import java.util.Comparator;

/**
 * One program on a hook, as the hook's run loop sees it: the program instance in a final field
 * of its exact program interface type (so the call site in the hook's loop is an interface call
 * on a final field, which the JIT inlines while one program class runs there), its runner
 * (budget and statistics), id and name for tracing, and its place in the priority order.
 * Entries are immutable; a hook holds them in an array it replaces as a whole when a program is
 * attached, detached or replaced, so a packet iterates one consistent array.
 *
 * @param <P> the program interface
 */
final class Entry<P> {
    final P program;
    final ProgramRunner<P> runner;
    final int id;
    final String name;
    final int priority;
    final ProgramLink link;

    Entry(LoadedProgram<P> p, int id, ProgramLink link) {
        this.program = p.program();
        this.runner = p.runner();
        this.id = id;
        this.name = p.name();
        this.priority = link.priority();
        this.link = link;
    }

    static final Comparator<Entry<?>> ORDER = Comparator.<Entry<?>>comparingInt(e -> e.priority).thenComparingInt(e -> e.link.id());

    /** {@code entries} with {@code e} added, in priority order. */
    static <P> Entry<P>[] with(Entry<P>[] entries, Entry<P> e) {
        Entry<P>[] a = Arrays.copyOf(entries, entries.length + 1);
        a[entries.length] = e;
        Arrays.sort(a, ORDER);
        return a;
    }

    /** {@code entries} without the one of {@code link}. */
    static <P> Entry<P>[] without(Entry<P>[] entries, ProgramLink link) {
        int n = 0;
        Entry<P>[] a = Arrays.copyOf(entries, entries.length);
        for (Entry<P> e : entries) {
            if (e.link != link) {
                a[n++] = e;
            }
        }
        return Arrays.copyOf(a, n);
    }

    /** {@code entries} with {@code link}'s entry replaced by {@code e}. */
    static <P> Entry<P>[] replaced(Entry<P>[] entries, ProgramLink link, Entry<P> e) {
        Entry<P>[] a = entries.clone();
        for (int i = 0; i < a.length; i++) {
            if (a[i].link == link) {
                a[i] = e;
            }
        }
        return a;
    }
}
