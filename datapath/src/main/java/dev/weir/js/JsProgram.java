package dev.weir.js;

import dev.weir.api.prog.ProgramType;
import dev.weir.maps.MapImpl;
import dev.weir.maps.MapRegistry;
import java.util.List;

/**
 * A loaded JavaScript program: its type, name and maps, the adapter that implements its program
 * interface ({@link #program()}), and the run wrapper's statistics.
 *
 * <h2>Running</h2>
 * An attach point holds {@link #program()} in a field of the program interface's type and calls
 * it inside its run wrapper, as it does a Java program: a failed run throws
 * {@link JsProgramException}, which the wrapper turns into the type's abort verdict (ABORTED
 * for XDP: the same drop reason, counter and {@code xdp:xdp_exception} tracepoint as a Java
 * program's). {@link #runInt} and {@link #run} are that wrapper for this program alone (the
 * contract of the Java loader's {@code ProgramRunner}: any Throwable ends the run with the abort
 * verdict and is counted), for tests, the test-run command and tools.
 *
 * @param <P> the program interface ({@code XdpProgram}, ..., {@code CongestionControl})
 */
public final class JsProgram<P> implements AutoCloseable {
    /** A declared map and the map bound to it. */
    public record BoundMap(JsMapDecl declaration, MapImpl map) {
    }

    private final String name;
    private final String file;
    private final ProgramType type;
    private final Class<P> programInterface;
    private final P program;
    private final JsAdapter adapter;
    private final List<BoundMap> maps;
    private final JsInstance instance;
    private final JsConsole console;
    private final MapRegistry registry;
    private final JsStats stats = new JsStats();

    JsProgram(String name, String file, ProgramType type, Class<P> programInterface, JsAdapter adapter,
              List<BoundMap> maps, JsInstance instance, JsConsole console, MapRegistry registry) {
        this.name = name;
        this.file = file;
        this.type = type;
        this.programInterface = programInterface;
        this.program = programInterface.cast(adapter);
        this.adapter = adapter;
        this.maps = List.copyOf(maps);
        this.instance = instance;
        this.console = console;
        this.registry = registry;
    }

    /** The program's name: its {@code name} export, else the file's name without {@code .js}. */
    public String name() {
        return name;
    }

    /** The file it was loaded from, as given to the loader. */
    public String file() {
        return file;
    }

    public ProgramType type() {
        return type;
    }

    public Class<P> programInterface() {
        return programInterface;
    }

    /** The adapter: an instance of the program interface that runs the JavaScript. */
    public P program() {
        return program;
    }

    /** The maps bound to the {@code maps} export, in declaration order. */
    public List<BoundMap> maps() {
        return maps;
    }

    /** The map bound to handle {@code handle}, or null. */
    public MapImpl map(String handle) {
        for (BoundMap b : maps) {
            if (b.declaration().handle().equals(handle)) {
                return b.map();
            }
        }
        return null;
    }

    public JsStats stats() {
        return stats;
    }

    /** How many times the program's context was recreated after a failure that killed it. */
    public int restarts() {
        return instance.restarts();
    }

    /** The last lines the program wrote with {@code console.log}/{@code console.error}. */
    public List<String> consoleLines() {
        return console.lines();
    }

    /**
     * Runs a verdict program (XDP, tc, netfilter) on {@code ctx}: its verdict, or the type's abort
     * verdict when the run fails (counted in {@link #stats()}).
     */
    public int runInt(Object ctx) {
        stats.ran();
        try {
            return adapter.invoke(ctx);
        } catch (Throwable t) {
            stats.aborted(t);
            return type.abortVerdict();
        }
    }

    /** Runs an observing program (tracepoint, probe) on {@code ctx}: false when the run failed. */
    public boolean run(Object ctx) {
        stats.ran();
        try {
            adapter.invoke(ctx);
            return true;
        } catch (Throwable t) {
            stats.aborted(t);
            return false;
        }
    }

    JsInstance instance() {
        return instance;
    }

    /** This program typed as {@code iface}. */
    @SuppressWarnings("unchecked")
    public <Q> JsProgram<Q> as(Class<Q> iface) {
        if (iface != programInterface) {
            throw new ClassCastException("JavaScript program " + name + " (" + file + ") is a " + type.linuxName()
                    + " program (" + programInterface.getSimpleName() + "), not a " + iface.getSimpleName());
        }
        return (JsProgram<Q>) this;
    }

    /** Closes the program's context and forgets its unpinned maps. */
    @Override
    public void close() {
        instance.close();
        if (registry != null) {
            for (BoundMap b : maps) {
                if (!b.declaration().pinned()) {
                    registry.remove(b.map());
                }
            }
        }
    }

    @Override
    public String toString() {
        return name + " (" + type.linuxName() + ", " + file + "): " + stats;
    }
}
