package dev.weir.js;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Engine;

/**
 * The GraalJS engine JavaScript programs run on: one {@link Engine} shared by every program of
 * every host in the JVM ({@link #shared()}), so code parsed and compiled for one program is
 * reused by the next one loading the same source, and warm-up is paid once.
 *
 * <h2>JIT or interpreter</h2>
 * Truffle compiles JavaScript to machine code only when the Graal compiler is present; on a stock
 * JDK 25 that takes {@code -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI} and
 * {@code --upgrade-module-path} with the compiler and its four companion jars (the build copies
 * them to {@code datapath/target/jvmci}; {@code scripts/weir}, the tests and the benchmarks pass
 * the flags). Without them every program runs interpreted, more than ten times slower
 * ({@code JsVsJavaBench}: 1.7 us instead of 170 ns per packet for a small XDP filter):
 * {@link #optimizing()} says which, and the first program loaded on an interpreting runtime prints
 * one warning saying why and how to fix it ({@link #interpretedWarning}). Truffle's own warning is
 * switched off in favour of that one.
 *
 * <h2>Debugging</h2>
 * A runtime built with {@link Builder#inspect} starts GraalVM's Chrome inspector: every program
 * loaded on it can be opened in Chrome DevTools at {@link #inspectorUrl()}, with breakpoints in
 * the program's own file. A program stopped at a breakpoint stops the simulation thread with it,
 * so virtual time stands still while it is inspected; the watchdog's wall-time limit is off on
 * such a runtime.
 *
 * <h2>Watchdog</h2>
 * The statement limit ({@link JsProgramLoader.Builder#statementLimit}) bounds a run
 * deterministically, but a single statement can run a built-in over a huge array or allocate
 * without bound. A daemon thread ({@link JsWatchdog}) interrupts a run that has gone on for longer
 * than {@link Builder#wallTimeLimit} of wall time, or while the heap holds more than
 * {@link Builder#heapLimit}: the run ends as ABORTED and the program goes on with the next
 * packet. It is a last resort for programs that would otherwise hang or exhaust the JVM; when it
 * acts depends on the machine, not on virtual time.
 */
public final class JsRuntime {
    /** The wall-time limit of one run on {@link #shared()}. */
    public static final Duration DEFAULT_WALL_TIME_LIMIT = Duration.ofSeconds(5);
    /** The heap limit of {@link #shared()}, as a fraction of the maximum heap. */
    public static final double DEFAULT_HEAP_FRACTION = 0.9;

    private static final Pattern DEVTOOLS_URL = Pattern.compile("(devtools://\\S+)");
    private static volatile JsRuntime shared;

    private final Engine engine;
    private final boolean optimizing;
    private final String notOptimizingReason;
    private final PrintStream messages;
    private final String inspectorUrl;
    private final JsWatchdog watchdog;
    private final JsSandbox sandbox;
    private final AtomicBoolean warned = new AtomicBoolean();

    private JsRuntime(Builder b) {
        this.messages = b.messages;
        Engine.Builder eb = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .allowExperimentalOptions(true);
        for (Map.Entry<String, String> e : b.engineOptions.entrySet()) {
            eb.option(e.getKey(), e.getValue());
        }
        if (b.log != null) {
            eb.logHandler(b.log);
        }
        UrlCatcher catcher = null;
        if (b.inspect != null) {
            eb.option("inspect", b.inspect);
            eb.option("inspect.Suspend", Boolean.toString(b.inspectSuspend));
            eb.option("inspect.WaitAttached", Boolean.toString(b.inspectWait));
            if (b.inspectPath != null) {
                eb.option("inspect.Path", b.inspectPath);
            }
            catcher = new UrlCatcher(b.messages);
            eb.err(catcher);
        }
        this.engine = eb.build();
        String compilation = b.engineOptions.get("engine.Compilation");
        if (compilation == null) {
            compilation = System.getProperty("polyglot.engine.Compilation");
        }
        this.notOptimizingReason = notOptimizingReason(engine.getImplementationName(), jvmciEnabled(),
                ModuleLayer.boot().findModule("jdk.graal.compiler").isPresent(), "false".equalsIgnoreCase(compilation));
        this.optimizing = notOptimizingReason == null;
        this.inspectorUrl = catcher == null ? null : catcher.url();
        if (inspectorUrl != null) {
            messages.println("weir: JavaScript programs can be inspected in Chrome: open " + inspectorUrl);
        }
        long heapLimit = b.heapLimit > 0 ? b.heapLimit
                : (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_FRACTION);
        Duration wall = b.inspect != null ? null : b.wallTimeLimit;
        this.watchdog = new JsWatchdog(wall, heapLimit);
        this.sandbox = new JsSandbox(engine);
    }

    /** The JVM's runtime: created on first use with the defaults, never closed. */
    public static JsRuntime shared() {
        JsRuntime r = shared;
        if (r == null) {
            synchronized (JsRuntime.class) {
                r = shared;
                if (r == null) {
                    r = builder().build();
                    shared = r;
                }
            }
        }
        return r;
    }

    /** A runtime of its own (its own engine): for the inspector, benchmarks and tests. */
    public static Builder builder() {
        return new Builder();
    }

    public Engine engine() {
        return engine;
    }

    /** Truffle's name for its runtime: {@code GraalVM CE} when compiling, {@code Interpreted} otherwise. */
    public String implementationName() {
        return engine.getImplementationName();
    }

    /** True when programs on this runtime are JIT-compiled once warm. */
    public boolean optimizing() {
        return optimizing;
    }

    /** Why programs run interpreted (one sentence), or null when they are compiled. */
    public String notOptimizingReason() {
        return notOptimizingReason;
    }

    /** The Chrome DevTools URL of the inspector, or null when this runtime does not inspect. */
    public String inspectorUrl() {
        return inspectorUrl;
    }

    JsSandbox sandbox() {
        return sandbox;
    }

    JsWatchdog watchdog() {
        return watchdog;
    }

    /**
     * Prints {@link #interpretedWarning} once (per runtime: once per JVM for the shared one) when
     * programs on this runtime would run interpreted; called by the loader for every program.
     *
     * @return true when it printed the warning now
     */
    boolean warnIfInterpreted() {
        if (optimizing || !warned.compareAndSet(false, true)) {
            return false;
        }
        messages.println(interpretedWarning(notOptimizingReason));
        return true;
    }

    /** The warning printed when programs would run interpreted: what, why, and how to fix it. */
    static String interpretedWarning(String reason) {
        return "weir: WARNING: JavaScript programs will run in the Truffle interpreter, more than ten times slower"
                + " than compiled (1.7 us instead of 170 ns per packet for a small XDP filter), because " + reason + "."
                + "\n  Fix: run Weir with scripts/weir, or add to the java command line:"
                + "\n    -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=" + jvmciPath("datapath/target/jvmci")
                + "\n  (the jars are copied there by ./mvnw package -pl datapath -am)";
    }

    /** The upgrade module path of the five JIT jars in {@code dir}. */
    static String jvmciPath(String dir) {
        String sep = java.io.File.pathSeparator;
        return dir + "/compiler.jar" + sep + dir + "/collections.jar" + sep + dir + "/word.jar" + sep + dir
                + "/nativeimage.jar" + sep + dir + "/truffle-compiler.jar";
    }

    /**
     * Why Truffle would interpret, from what the JVM reports, or null when it compiles.
     *
     * @param implementationName {@link Engine#getImplementationName()}: "Interpreted" for Truffle's fallback runtime
     * @param jvmci whether the JVM runs with -XX:+EnableJVMCI
     * @param graalModule whether the module jdk.graal.compiler is in the boot layer
     * @param compilationOff whether engine.Compilation=false was asked for
     */
    static String notOptimizingReason(String implementationName, boolean jvmci, boolean graalModule, boolean compilationOff) {
        if (compilationOff) {
            return "compilation was switched off (engine.Compilation=false)";
        }
        if (!"Interpreted".equals(implementationName)) {
            return null;
        }
        if (!jvmci) {
            return "the JVM runs without JVMCI (-XX:+EnableJVMCI is missing), so Truffle cannot reach a compiler";
        }
        if (!graalModule) {
            return "the Graal compiler is not on the upgrade module path (module jdk.graal.compiler is missing)";
        }
        return "Truffle fell back to its interpreter-only runtime although JVMCI and the Graal compiler are present"
                + " (check that compiler.jar, truffle-compiler.jar and the sdk jars are all version 25.0.3)";
    }

    private static boolean jvmciEnabled() {
        try {
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hs != null && "true".equals(hs.getVMOption("EnableJVMCI").getValue());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** How a runtime is made. */
    public static final class Builder {
        private String inspect;
        private boolean inspectSuspend;
        private boolean inspectWait;
        private String inspectPath;
        private Duration wallTimeLimit = DEFAULT_WALL_TIME_LIMIT;
        private long heapLimit;
        private PrintStream messages = System.err;
        private OutputStream log;
        private final Map<String, String> engineOptions = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Starts the Chrome inspector on {@code 127.0.0.1:port} (GraalVM's inspector listens on
         * the loopback interface only; Chrome's default is 9229): with {@code suspend}, execution
         * stops at the first line of the first program run.
         */
        public Builder inspect(int port, boolean suspend) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("inspector port must be 1..65535, got " + port);
            }
            this.inspect = Integer.toString(port);
            this.inspectSuspend = suspend;
            return this;
        }

        /** With {@link #inspect}: run nothing until a DevTools client has attached. */
        public Builder inspectWaitAttached(boolean wait) {
            this.inspectWait = wait;
            return this;
        }

        /** With {@link #inspect}: the path of the inspector's URL (default: a random one, which other local users cannot guess). */
        public Builder inspectPath(String path) {
            this.inspectPath = path;
            return this;
        }

        /** A run taking longer than this in wall time is interrupted (null: never). Ignored while inspecting. */
        public Builder wallTimeLimit(Duration limit) {
            this.wallTimeLimit = limit;
            return this;
        }

        /** A run is interrupted while the JVM's heap holds more than this many bytes (default: 90% of the maximum heap). */
        public Builder heapLimit(long bytes) {
            this.heapLimit = bytes;
            return this;
        }

        /** Where the runtime's warnings and the inspector's URL are printed (default System.err). */
        public Builder messages(PrintStream out) {
            this.messages = out;
            return this;
        }

        /** Where Truffle's log goes ({@code engine.TraceCompilation} and the like; default: the error stream). */
        public Builder log(OutputStream out) {
            this.log = out;
            return this;
        }

        /** A Truffle engine option ({@code engine.Compilation=false}, {@code engine.TraceCompilation=true}). */
        public Builder engineOption(String key, String value) {
            engineOptions.put(key, value);
            return this;
        }

        public JsRuntime build() {
            return new JsRuntime(this);
        }
    }

    /** The engine's error stream while the inspector starts: copies to the messages and keeps the DevTools URL. */
    private static final class UrlCatcher extends OutputStream {
        private final PrintStream out;
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        UrlCatcher(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) {
            out.write(b);
            if (seen.size() < 4096) {
                seen.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            out.write(b, off, len);
            if (seen.size() < 4096) {
                seen.write(b, off, Math.min(len, 4096 - seen.size()));
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        synchronized String url() {
            Matcher m = DEVTOOLS_URL.matcher(seen.toString(StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : null;
        }
    }
}
