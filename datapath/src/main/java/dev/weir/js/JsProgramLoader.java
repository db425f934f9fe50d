package dev.weir.js;

import dev.weir.api.maps.MapType;
import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.ProgramType;
import dev.weir.maps.MapImpl;
import dev.weir.maps.MapRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Loads JavaScript programs: reads the module, checks its exports, binds its maps in the host's
 * registry and returns a {@link JsProgram} whose adapter implements the program interface.
 * See the package documentation for the module's form.
 *
 * <pre>{@code
 * JsProgramLoader loader = JsProgramLoader.builder().maps(registry).build();
 * JsProgram<XdpProgram> p = loader.load(Path.of("drop.js"), XdpProgram.class);
 * int verdict = p.runInt(ctx);          // or attach p.program() where an XdpProgram goes
 * }</pre>
 *
 * <p>A loader is cheap; the engine behind it ({@link JsRuntime#shared()} unless another is
 * given) is what is shared. Loading is not thread-safe per loader; programs run on the thread
 * that runs the host.
 */
public final class JsProgramLoader {
    /** Statements one run may execute, unless the loader is told otherwise: the Java budget's 1,000,000. */
    public static final long DEFAULT_STATEMENT_LIMIT = 1_000_000;

    private final JsRuntime runtime;
    private final MapRegistry registry;
    private final long statementLimit;
    private final long seed;
    private final LongSupplier clockNs;
    private final Consumer<String> console;

    private JsProgramLoader(Builder b) {
        this.runtime = b.runtime == null ? JsRuntime.shared() : b.runtime;
        this.registry = b.registry;
        this.statementLimit = b.statementLimit;
        this.seed = b.seed;
        this.clockNs = b.clockNs;
        this.console = b.console;
    }

    public static Builder builder() {
        return new Builder();
    }

    public JsRuntime runtime() {
        return runtime;
    }

    /** Loads {@code file}; the program's type comes from its {@code type} export. */
    public JsProgram<?> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JsLoadException(file.toString(), "cannot read the file: " + e);
        }
        return load(file.toString(), text);
    }

    /** Loads {@code file}, which must be a program of interface {@code iface} ({@code XdpProgram.class}, ...). */
    public <P> JsProgram<P> load(Path file, Class<P> iface) {
        return expect(load(file), iface);
    }

    /** Loads a program from its text; {@code file} names it in messages and in the debugger. */
    public <P> JsProgram<P> load(String file, String text, Class<P> iface) {
        return expect(load(file, text), iface);
    }

    private static <P> JsProgram<P> expect(JsProgram<?> p, Class<P> iface) {
        if (p.programInterface() != iface) {
            ProgramType want = ProgramType.ofClass(iface);
            p.close();
            throw new JsLoadException(p.file(), "type: the program is a " + p.type().linuxName() + " program, but a "
                    + (want == null ? iface.getSimpleName() : want.linuxName()) + " program was expected here");
        }
        return p.as(iface);
    }

    /** Loads a program from its text; {@code file} names it in messages and in the debugger. */
    public JsProgram<?> load(String file, String text) {
        runtime.warnIfInterpreted();
        runtime.watchdog().start();
        Source source = Source.newBuilder("js", text, baseName(file)).mimeType("application/javascript+module").buildLiteral();
        JsConsole out = new JsConsole(console);
        JsInstance js = new JsInstance(runtime, file, source, statementLimit, new JsEnv(seed, clockNs), out);
        Value ns = js.open();
        List<JsProgram.BoundMap> bound = new ArrayList<>();
        try {
            ProgramType type = type(file, ns);
            String name = name(file, ns, type);
            List<JsMapDecl> decls = mapDecls(file, ns);
            String[] functions = type == ProgramType.CONGESTION_CONTROL ? JsCongestionControl.FUNCTIONS : JsAdapter.RUN;
            checkFunctions(file, ns, type);
            int flags = type == ProgramType.CONGESTION_CONTROL ? ccFlags(file, ns) : 0;
            String[] names = new String[decls.size()];
            Object[] maps = new Object[decls.size()];
            for (int i = 0; i < decls.size(); i++) {
                JsMapDecl d = decls.get(i);
                MapImpl m = bind(file, d);
                bound.add(new JsProgram.BoundMap(d, m));
                names[i] = d.handle();
                maps[i] = m;
            }
            js.bind(ns, functions, names, maps);
            JsAdapter adapter = switch (type) {
                case XDP -> new JsXdpProgram(js);
                case TC -> new JsTcProgram(js);
                case NETFILTER -> new JsNetfilterProgram(js);
                case TRACEPOINT -> new JsTracepointProgram(js);
                case PROBE -> new JsProbeProgram(js);
                case CONGESTION_CONTROL -> JsCongestionControl.of(js, name, flags);
            };
            if (adapter instanceof CongestionControl cc) {
                String problem = CongestionControl.completenessProblem(cc.getClass().asSubclass(CongestionControl.class));
                if (problem != null) {
                    throw new JsLoadException(file, problem);
                }
            }
            return new JsProgram<>(name, file, type, castInterface(type), adapter, bound, js, out, registry);
        } catch (PolyglotException e) {
            unbind(bound);
            js.close();
            throw js.loadError(e);
        } catch (RuntimeException e) {
            unbind(bound);
            js.close();
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <P> Class<P> castInterface(ProgramType type) {
        return (Class<P>) type.programInterface();
    }

    private static ProgramType type(String file, Value ns) {
        Value t = ns.getMember("type");
        if (t == null || !t.isString()) {
            throw new JsLoadException(file, "the module must export its program type, e.g. export const type = \"xdp\";"
                    + " one of " + typeNames() + (t == null || t.isNull() ? "" : "; got " + JsValues.describe(t)));
        }
        String s = t.asString().toLowerCase(Locale.ROOT).replace('-', '_');
        for (ProgramType p : ProgramType.values()) {
            if (p.name().toLowerCase(Locale.ROOT).equals(s) || p.linuxName().equals(s)) {
                return p;
            }
        }
        throw new JsLoadException(file, "type \"" + t.asString() + "\" is not a program type; one of " + typeNames());
    }

    static String typeNames() {
        StringBuilder sb = new StringBuilder();
        for (ProgramType p : ProgramType.values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(p.name().toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    private static String name(String file, Value ns, ProgramType type) {
        Value n = ns.getMember("name");
        boolean cc = type == ProgramType.CONGESTION_CONTROL;
        if (n == null || n.isNull()) {
            if (cc) {
                throw new JsLoadException(file, "a congestion-control algorithm must export its name,"
                        + " e.g. export const name = \"js_reno\" (at most 15 characters)");
            }
            return sanitize(baseName(file).replaceFirst("\\.m?js$", ""));
        }
        if (!n.isString()) {
            throw new JsLoadException(file, "name must be a string, got " + JsValues.describe(n));
        }
        String s = n.asString();
        int max = cc ? 15 : 63;
        if (s.isEmpty() || s.length() > max || !s.equals(sanitize(s))) {
            throw new JsLoadException(file, "name \"" + s + "\" must be 1.." + max
                    + " characters from [A-Za-z0-9_.-]" + (cc ? " (a congestion-control name, as Linux's TCP_CA_NAME_MAX)" : ""));
        }
        return s;
    }

    private static String sanitize(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 63; i++) {
            char c = s.charAt(i);
            sb.append(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-' ? c : '_');
        }
        return sb.isEmpty() ? "js" : sb.toString();
    }

    private static List<JsMapDecl> mapDecls(String file, Value ns) {
        Value m = ns.getMember("maps");
        List<JsMapDecl> out = new ArrayList<>();
        if (m == null || m.isNull()) {
            return out;
        }
        if (!m.hasMembers() || m.canExecute() || m.hasArrayElements()) {
            throw new JsLoadException(file, "maps must be an object of map declarations,"
                    + " e.g. export const maps = { drops: { type: \"array\", keySize: 4, valueSize: 8, maxEntries: 1 } }; got "
                    + JsValues.describe(m));
        }
        for (String handle : m.getMemberKeys()) {
            JsMapDecl d = JsMapDecl.read(file, handle, m.getMember(handle));
            for (JsMapDecl other : out) {
                if (other.def().name().equals(d.def().name())) {
                    throw new JsLoadException(file, "maps." + handle + " and maps." + other.handle()
                            + " both name the map \"" + d.def().name() + "\"");
                }
            }
            out.add(d);
        }
        return out;
    }

    private static void checkFunctions(String file, Value ns, ProgramType type) {
        if (type != ProgramType.CONGESTION_CONTROL) {
            requireFunction(file, ns, "run", "a " + type.name().toLowerCase(Locale.ROOT) + " program exports function run(ctx, maps)");
            return;
        }
        requireFunction(file, ns, "ssthresh", "a congestion-control algorithm exports function ssthresh(sk, maps) (required, as in Linux)");
        requireFunction(file, ns, "undoCwnd", "a congestion-control algorithm exports function undoCwnd(sk, maps) (required, as in Linux)");
        if (!isFunction(ns, "congAvoid") && !isFunction(ns, "congControl")) {
            throw new JsLoadException(file, "a congestion-control algorithm exports function congAvoid(sk, ack, acked, maps)"
                    + " or congControl(sk, ack, flag, rs, maps) (tcp_register_congestion_control requires cong_avoid or cong_control)");
        }
        for (String f : JsCongestionControl.FUNCTIONS) {
            Value v = ns.getMember(f);
            if (v != null && !v.isNull() && !v.canExecute()) {
                throw new JsLoadException(file, f + " must be a function, got " + JsValues.describe(v));
            }
        }
    }

    private static void requireFunction(String file, Value ns, String fn, String what) {
        if (!isFunction(ns, fn)) {
            Value v = ns.getMember(fn);
            throw new JsLoadException(file, what + (v == null || v.isNull() ? "; it exports no " + fn : "; " + fn + " is "
                    + JsValues.describe(v)));
        }
    }

    private static boolean isFunction(Value ns, String fn) {
        Value v = ns.getMember(fn);
        return v != null && v.canExecute();
    }

    private static int ccFlags(String file, Value ns) {
        Value f = ns.getMember("flags");
        if (f == null || f.isNull()) {
            return 0;
        }
        if (!f.fitsInInt()) {
            throw new JsLoadException(file, "flags must be a number (TcpCa.CONG_NEEDS_ECN, TcpCa.CONG_NON_RESTRICTED or 0), got "
                    + JsValues.describe(f));
        }
        return f.asInt();
    }

    private MapImpl bind(String file, JsMapDecl d) {
        if (registry == null) {
            throw new JsLoadException(file, "maps." + d.handle() + ": no map registry was given to the loader"
                    + " (JsProgramLoader.builder().maps(registry))");
        }
        MapImpl m;
        try {
            m = d.pinned() ? registry.createOrGet(d.def()) : registry.create(d.def());
        } catch (IllegalArgumentException e) {
            throw new JsLoadException(file, "maps." + d.handle() + ": " + e.getMessage());
        }
        MapType t = d.def().type();
        if (!t.interfaceType().isInstance(m)) {
            throw new JsLoadException(file, "maps." + d.handle() + ": the registry made a " + m.getClass().getSimpleName()
                    + ", not a " + t.interfaceType().getSimpleName());
        }
        return m;
    }

    private void unbind(List<JsProgram.BoundMap> bound) {
        for (JsProgram.BoundMap b : bound) {
            if (!b.declaration().pinned()) {
                registry.remove(b.map());
            }
        }
    }

    private static String baseName(String file) {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return file.substring(slash + 1);
    }

    /** How a loader is made. */
    public static final class Builder {
        private JsRuntime runtime;
        private MapRegistry registry;
        private long statementLimit = DEFAULT_STATEMENT_LIMIT;
        private long seed;
        private LongSupplier clockNs = () -> 0;
        private Consumer<String> console;

        private Builder() {
        }

        /** The runtime (default {@link JsRuntime#shared()}). */
        public Builder runtime(JsRuntime runtime) {
            this.runtime = runtime;
            return this;
        }

        /** The host's maps, where declared maps are created or, when pinned, found. */
        public Builder maps(MapRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** Statements one run may execute (default {@link #DEFAULT_STATEMENT_LIMIT}). */
        public Builder statementLimit(long limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("statement limit must be positive, got " + limit);
            }
            this.statementLimit = limit;
            return this;
        }

        /**
         * Seed of each program's own random stream, used by Math.random where the run's context
         * has no helpers (congestion control) and at the module's top level.
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The virtual clock (ns) Date reads outside runs (default: always 0). */
        public Builder clock(LongSupplier clockNs) {
            this.clockNs = clockNs;
            return this;
        }

        /** Receives every line a program writes to its console (besides the log the program keeps). */
        public Builder console(Consumer<String> lines) {
            this.console = lines;
            return this;
        }

        public JsProgramLoader build() {
            return new JsProgramLoader(this);
        }
    }
}
