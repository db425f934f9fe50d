package dev.weir.verifier;

import dev.weir.api.maps.WeirMap;
import dev.weir.api.prog.ProgramType;
import java.util.List;

/**
 * A verified, instrumented program, defined as a hidden class, instantiated once, with its maps
 * bound: what attach points run.
 *
 * @param <P> its program interface
 */
public final class LoadedProgram<P> {
    /** A map field of the program and the map bound to it. */
    public record BoundMap(MapDeclaration declaration, WeirMap map) {
    }

    private final String name;
    private final ProgramType type;
    private final Class<P> programInterface;
    private final Class<?> programClass;
    private final List<BoundMap> maps;
    private final ProgramSummary summary;
    private final Instrumenter.Result instrumentation;
    private final ProgramRunner<P> runner;

    LoadedProgram(String name, ProgramType type, Class<P> programInterface, Class<?> programClass, P program,
                  List<BoundMap> maps, ProgramSummary summary, Instrumenter.Result instrumentation, long budget) {
        this.name = name;
        this.type = type;
        this.programInterface = programInterface;
        this.programClass = programClass;
        this.maps = List.copyOf(maps);
        this.summary = summary;
        this.instrumentation = instrumentation;
        this.runner = new ProgramRunner<>(program, budget, type.abortVerdict(), new ProgramStats());
    }

    /** The program's name: its {@code @ProgramInfo} name, or its class's simple name. */
    public String name() {
        return name;
    }

    /** The program type, from its interface. */
    public ProgramType type() {
        return type;
    }

    public Class<P> programInterface() {
        return programInterface;
    }

    /** The hidden class the program was defined as. */
    public Class<?> programClass() {
        return programClass;
    }

    /** The one instance, typed as its program interface. */
    public P program() {
        return runner.program();
    }

    /** The maps bound to the program's @MapSpec fields, in field order. */
    public List<BoundMap> maps() {
        return maps;
    }

    public ProgramStats stats() {
        return runner.stats();
    }

    /** Runs the program with its budget, containing aborts. */
    public ProgramRunner<P> runner() {
        return runner;
    }

    public ProgramSummary summary() {
        return summary;
    }

    /**
     * The program's tag, as bpftool shows one: 16 hex digits of a SHA-256 over the classes as
     * loaded (instrumented), in name order; the same code gives the same tag.
     */
    public String tag() {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            new java.util.TreeMap<>(instrumentation.classes()).forEach((n, b) -> {
                md.update(n.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(b);
            });
            return java.util.HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Bytes of bytecode as loaded, all classes (bpftool's {@code xlated} size). */
    public int loadedBytes() {
        int n = 0;
        for (byte[] b : instrumentation.classes().values()) {
            n += b.length;
        }
        return n;
    }

    /** Budget points inserted by the loader. */
    public int budgetPoints() {
        return instrumentation.points().size();
    }

    Instrumenter.Result instrumentation() {
        return instrumentation;
    }

    /** This program typed as {@code iface}. */
    @SuppressWarnings("unchecked")
    public <Q> LoadedProgram<Q> as(Class<Q> iface) {
        if (iface != programInterface) {
            throw new ClassCastException("program " + name + " is a " + programInterface.getName() + ", not a "
                    + iface.getName());
        }
        return (LoadedProgram<Q>) this;
    }

    @Override
    public String toString() {
        return name + " (" + type.linuxName() + "): " + runner.stats();
    }
}
