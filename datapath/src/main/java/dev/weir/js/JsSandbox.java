package dev.weir.js;

import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.maps.UserSpaceOnly;
import dev.weir.api.prog.NfHook;
import dev.weir.api.prog.NfVerdict;
import dev.weir.api.prog.ProgramType;
import dev.weir.api.prog.StageFunction;
import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.TcpCa;
import dev.weir.api.prog.TcpStates;
import dev.weir.api.prog.Tracepoint;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.WireError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;

/**
 * What a JavaScript program may reach, and the contexts that enforce it.
 *
 * <h2>Host access: the program API, nothing else</h2>
 * The {@link HostAccess} is an explicit allow-list built from the program API itself: starting
 * from the program interfaces, their contexts, the map interfaces and the wire views, every public
 * instance method of a {@code dev.weir.api} type reachable through the signatures is allowed,
 * except those marked {@link UserSpaceOnly} (as the Java verifier refuses them). Implementations
 * (a host's context, a map) expose only the interface methods they implement (access
 * inheritance), never their own public methods or fields; arrays the API hands out (the scratch
 * area, the packet buffer) can be indexed. Everything else a Java object has is invisible: no
 * {@code getClass}, no fields, no constructors, no static members, no host class lookup.
 *
 * <h2>Context options</h2>
 * No polyglot access (no {@code Polyglot.eval}), no I/O (no file, no socket; module imports
 * fail), no threads, no native access, no processes, no environment variables, no
 * {@code Java}/{@code Packages} globals, no {@code load}/{@code print}/{@code Graal}, no
 * {@code eval} or {@code new Function} (code is what the file says), no SharedArrayBuffer and
 * no blocking {@code Atomics.wait}, no Intl (its default formats read the wall clock), no
 * WebAssembly, no workers, the UTC time zone. The preamble ({@code preamble.js}, an internal
 * source) then removes what no option removes ({@code WeakRef} and {@code FinalizationRegistry},
 * whose results depend on the garbage collector), replaces {@code Math.random} and the clock of
 * {@code Date} with the host's seeded stream and virtual clock ({@link JsEnv}), and defines the
 * API's constants as frozen globals ({@code XdpAction.DROP}, {@code EtherType.IPV4},
 * {@code MapFlags.NOEXIST}, {@code Tracepoint.KFREE_SKB}, ...), named by their Java class's
 * simple name.
 *
 * <h2>Statements</h2>
 * Every context of the engine counts the statements of non-internal sources (the engine requires
 * one filter for all of its contexts); each program sets its own limit and the runtime resets the
 * count before each run.
 */
final class JsSandbox {
    /** The one statement filter of the engine: the program's statements, not the preamble's. */
    static final Predicate<Source> COUNTED = s -> !s.isInternal();

    /** Longest string a program may build, in characters. */
    static final int STRING_LENGTH_LIMIT = 1 << 24;
    /** Longest typed array a program may allocate, in elements. */
    static final int TYPED_ARRAY_LIMIT = 1 << 24;

    /** Classes whose constants are globals although no API signature names them. */
    private static final List<Class<?>> CONSTANT_CLASSES = List.of(
            XdpAction.class, TcAction.class, NfVerdict.class, NfHook.class, TcpCa.class, TcpStates.class,
            MapError.class, MapFlags.class, MapType.class, EtherType.class, IpProtocol.class, WireError.class,
            Tracepoint.class, StageFunction.class);

    private final Engine engine;
    private final HostAccess hostAccess;
    private final List<Method> allowed;
    private final Object[] constants;
    private final Source preamble;

    JsSandbox(Engine engine) {
        this.engine = engine;
        Set<Class<?>> types = new LinkedHashSet<>();
        this.allowed = allowList(types);
        HostAccess.Builder b = HostAccess.newBuilder()
                .allowAccessInheritance(true)
                .allowArrayAccess(true);
        for (Method m : allowed) {
            b.allowAccess(m);
        }
        for (Method m : JsEnv.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())) {
                b.allowAccess(m);
            }
        }
        this.hostAccess = b.build();
        types.addAll(CONSTANT_CLASSES);
        this.constants = constantTable(types);
        this.preamble = Source.newBuilder("js", resource("preamble.js"), "weir-preamble.js").internal(true).buildLiteral();
    }

    HostAccess hostAccess() {
        return hostAccess;
    }

    /** The methods a program may call, sorted by declaring type and name (for the docs and tests). */
    List<Method> allowedMethods() {
        return allowed;
    }

    /** The preamble: a function of (env, constants) returning the host's helpers. */
    Source preamble() {
        return preamble;
    }

    /** Triples (global name, member name, value) of the API's constants, for the preamble. */
    Object[] constants() {
        return constants.clone();
    }

    /** A new context for one program, with its own globals, on the shared engine. */
    Context newContext(long statementLimit, OutputStream console) {
        return Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(hostAccess)
                .allowHostClassLookup(name -> false)
                .allowHostClassLoading(false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowInnerContextOptions(false)
                .allowValueSharing(false)
                .allowExperimentalOptions(true)
                .resourceLimits(ResourceLimits.newBuilder().statementLimit(statementLimit, COUNTED).build())
                .out(console)
                .err(console)
                .in(InputStream.nullInputStream())
                .option("js.esm-eval-returns-exports", "true")
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.graal-builtin", "false")
                .option("js.polyglot-builtin", "false")
                .option("js.java-package-globals", "false")
                .option("js.allow-eval", "false")
                .option("js.shared-array-buffer", "false")
                .option("js.agent-can-block", "false")
                .option("js.intl-402", "false")
                .option("js.timezone", "UTC")
                .option("js.performance", "false")
                .option("js.webassembly", "false")
                .option("js.worker", "false")
                .option("js.commonjs-require", "false")
                .option("js.string-length-limit", Integer.toString(STRING_LENGTH_LIMIT))
                .option("js.max-typed-array-length", Integer.toString(TYPED_ARRAY_LIMIT))
                .option("js.unhandled-rejections", "none")
                .build();
    }

    /**
     * The allow-list: public instance methods of the dev.weir.api types reachable from the program
     * interfaces, their contexts and the maps, minus user-space-only ones; {@code types} receives
     * every type visited.
     */
    static List<Method> allowList(Set<Class<?>> types) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (ProgramType t : ProgramType.values()) {
            todo.add(t.programInterface());
        }
        for (MapType t : MapType.values()) {
            todo.add(t.interfaceType());
        }
        List<Method> out = new ArrayList<>();
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.isPrimitive() || !c.getName().startsWith("dev.weir.api.") || !types.add(c)) {
                continue;
            }
            for (Method m : c.getMethods()) {
                Class<?> owner = m.getDeclaringClass();
                if (Modifier.isStatic(m.getModifiers()) || m.isAnnotationPresent(UserSpaceOnly.class)) {
                    continue;
                }
                if (owner == Enum.class && (m.getName().equals("name") || m.getName().equals("ordinal"))) {
                    out.add(m);
                    continue;
                }
                if (!owner.getName().startsWith("dev.weir.api.") || isObjectMethod(m) || m.getReturnType() == Class.class) {
                    continue;
                }
                out.add(m);
                todo.add(owner);
                todo.add(m.getReturnType());
                Collections.addAll(todo, m.getParameterTypes());
            }
        }
        List<Method> unique = new ArrayList<>(new LinkedHashSet<>(out));
        unique.sort(Comparator.comparing((Method m) -> m.getDeclaringClass().getName()).thenComparing(Method::getName)
                .thenComparing(m -> m.getParameterCount()));
        return List.copyOf(unique);
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** (class simple name, constant name, value) for public static final numbers and API enum constants. */
    static Object[] constantTable(Set<Class<?>> classes) {
        List<Object> out = new ArrayList<>();
        for (Class<?> c : classes) {
            if (!Modifier.isPublic(c.getModifiers())) {
                continue;
            }
            if (c.isEnum()) {
                for (Object e : c.getEnumConstants()) {
                    out.add(c.getSimpleName());
                    out.add(((Enum<?>) e).name());
                    out.add(e);
                }
                continue;
            }
            for (Field f : c.getFields()) {
                int mod = f.getModifiers();
                Class<?> t = f.getType();
                if (!Modifier.isStatic(mod) || !Modifier.isFinal(mod) || f.getDeclaringClass() != c
                        || !(t == int.class || t == long.class || t == short.class || t == byte.class)) {
                    continue;
                }
                try {
                    long v = ((Number) f.get(null)).longValue();
                    if (Math.abs(v) > (1L << 53)) {
                        continue; // not exact as a JavaScript number
                    }
                    out.add(c.getSimpleName());
                    out.add(f.getName());
                    out.add(t == long.class ? (Object) v : (Object) (int) v);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out.toArray();
    }

    private static String resource(String name) {
        try (InputStream in = JsSandbox.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource dev/weir/js/" + name + " is missing from the datapath jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
