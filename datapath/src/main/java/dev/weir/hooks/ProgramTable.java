package dev.weir.hooks;

import dev.weir.maps.ProgramResolver;
import dev.weir.verifier.LoadedProgram;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's loaded programs, numbered as the kernel numbers them ({@code bpftool prog list}):
 * ids 1, 2, ... in load order, never reused. Program arrays name programs by these ids in
 * user-space operations ({@link ProgramResolver}).
 */
public final class ProgramTable implements ProgramResolver {
    /** A loaded program with its id, where it came from and when it was loaded (virtual time). */
    public record Entry(int id, LoadedProgram<?> program, String source, long loadedAtNs) {}

    private final Map<Integer, Entry> byId = new LinkedHashMap<>();
    private int nextId = 1;

    /** Registers a loaded program; returns its entry with a new id. A program already here keeps its entry. */
    public Entry add(LoadedProgram<?> p, String source, long nowNs) {
        Entry e = entry(p);
        if (e != null) {
            return e;
        }
        e = new Entry(nextId++, p, source, nowNs);
        byId.put(e.id(), e);
        return e;
    }

    /** The entry with {@code id}, or null. */
    public Entry get(int id) {
        return byId.get(id);
    }

    /** The entry of {@code p}, or null when it was not added. */
    public Entry entry(LoadedProgram<?> p) {
        for (Entry e : byId.values()) {
            if (e.program() == p) {
                return e;
            }
        }
        return null;
    }

    /** The id of {@code p}, or 0. */
    public int idOf(LoadedProgram<?> p) {
        Entry e = entry(p);
        return e == null ? 0 : e.id();
    }

    /** Forgets a program (unloaded). */
    public void remove(int id) {
        byId.remove(id);
    }

    /** Every loaded program, by id. */
    public List<Entry> list() {
        return Collections.unmodifiableList(new ArrayList<>(byId.values()));
    }

    // ---- ProgramResolver: program arrays hold program instances ----

    @Override
    public Object byId(int id) {
        Entry e = byId.get(id);
        return e == null ? null : e.program().program();
    }

    @Override
    public int idOf(Object program) {
        for (Entry e : byId.values()) {
            if (e.program().program() == program) {
                return e.id();
            }
        }
        return 0;
    }
}
