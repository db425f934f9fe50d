package dev.weir.verifier;

import dev.weir.api.maps.WeirMap;
import dev.weir.api.prog.ProgramType;
import dev.weir.maps.MapRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads Java programs: reads them (a {@code .class} file, a jar, or {@code .java} source compiled
 * in-process), verifies them, inserts the instruction budget, defines the program class as a
 * hidden class, instantiates it once and binds its maps.
 *
 * <h2>Steps of {@link #load(ProgramUnit)}</h2>
 * <ol>
 *   <li>{@link Verifier#verify}: a rejection throws {@link ProgramLoadException} with the log;</li>
 *   <li>{@link Instrumenter}: budget points inserted, @MapSpec fields made assignable;</li>
 *   <li>a fresh {@link ProgramClassLoader} per program defines the nested classes and a host
 *       class in the program's package; the host's lookup defines the program class with
 *       {@link MethodHandles.Lookup#defineHiddenClass}: a class no other code can name, unloaded
 *       with the program;</li>
 *   <li>static initializers and the constructor run under a budget of their own, so even a
 *       program whose initializer loops cannot hang the loader;</li>
 *   <li>each @MapSpec field is assigned the map the {@link MapBinder} supplies (created, or the
 *       pinned map of that name).</li>
 * </ol>
 * A loader may be shared; loading is thread-safe, running is not (see {@link Budget}).
 */
public final class ProgramLoader {
    private static final AtomicLong LOADED = new AtomicLong();

    private final Verifier verifier;
    private final long budget;
    private final MapBinder binder;
    private final ProgramCompiler compiler;
    private final ClassLoader parent;

    /** Default limits and budget, no maps, compiling against hooks-api. */
    public ProgramLoader() {
        this(new Verifier(), Budget.DEFAULT, MapBinder.NONE, new ProgramCompiler());
    }

    public ProgramLoader(Verifier verifier, long budget, MapBinder binder, ProgramCompiler compiler) {
        if (budget <= 0) {
            throw new IllegalArgumentException("budget must be positive: " + budget);
        }
        this.verifier = verifier;
        this.budget = budget;
        this.binder = binder;
        this.compiler = compiler;
        this.parent = ProgramLoader.class.getClassLoader();
    }

    public ProgramLoader withBudget(long units) {
        return new ProgramLoader(verifier, units, binder, compiler);
    }

    /** A loader that binds maps in this host's registry. */
    public ProgramLoader withMaps(MapRegistry registry) {
        return withBinder(MapBinder.of(registry));
    }

    public ProgramLoader withBinder(MapBinder mapBinder) {
        return new ProgramLoader(verifier, budget, mapBinder, compiler);
    }

    public ProgramLoader withVerifier(Verifier v) {
        return new ProgramLoader(v, budget, binder, compiler);
    }

    public ProgramLoader withCompiler(ProgramCompiler c) {
        return new ProgramLoader(verifier, budget, binder, c);
    }

    public Verifier verifier() {
        return verifier;
    }

    public long budget() {
        return budget;
    }

    public ProgramCompiler compiler() {
        return compiler;
    }

    // ---- reading ----

    /**
     * Reads a program from a file: {@code .class} (with the {@code Name$*.class} files beside it),
     * {@code .jar}, or {@code .java} (compiled).
     *
     * @param className the program class's binary name, or null to pick the single class that
     *                  implements a program interface
     */
    public ProgramUnit read(Path file, String className) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.endsWith(".java")) {
            return select(compiler.compile(file), className, file.toString());
        } else if (name.endsWith(".jar")) {
            return select(readJar(file), className, file.toString());
        } else if (name.endsWith(".class")) {
            return readClassFile(file);
        }
        throw new ProgramLoadException(ProgramLoadException.Reason.INPUT, file
                + ": not a program file (expected .class, .jar or .java)", null);
    }

    /** Compiles source text and reads the program from it. */
    public ProgramUnit readSource(String fileName, String source, String className) {
        return select(compiler.compile(fileName, source), className, fileName);
    }

    /** Reads a program from class files by internal name (e.g. what a compiler produced). */
    public ProgramUnit read(Map<String, byte[]> classes, String className, String origin) {
        return select(classes, className, origin);
    }

    private ProgramUnit readClassFile(Path file) {
        ClassFile program = parse(readBytes(file), file.toString());
        List<ClassFile> nested = new ArrayList<>();
        String simple = program.name().substring(program.name().lastIndexOf('/') + 1);
        Path dir = file.toAbsolutePath().getParent();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir, simple + "$*.class")) {
            for (Path p : siblings) {
                nested.add(parse(readBytes(p), p.toString()));
            }
        } catch (IOException e) {
            throw new ProgramLoadException(ProgramLoadException.Reason.INPUT, dir + ": " + e.getMessage(), e);
        }
        nested.sort((a, b) -> a.name().compareTo(b.name()));
        return ProgramUnit.of(program, nested);
    }

    private static Map<String, byte[]> readJar(Path jar) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (JarEntry e : java.util.Collections.list(jf.entries())) {
                if (e.isDirectory() || !e.getName().endsWith(".class") || e.getName().startsWith("META-INF/")
                        || e.getName().endsWith("module-info.class")) {
                    continue;
                }
                try (InputStream in = jf.getInputStream(e)) {
                    byte[] b = in.readAllBytes();
                    ClassFile cf = parse(b, jar + "!" + e.getName());
                    classes.put(cf.name(), b);
                }
            }
        } catch (IOException e) {
            throw new ProgramLoadException(ProgramLoadException.Reason.INPUT, jar + ": cannot read the jar: "
                    + e.getMessage(), e);
        }
        return classes;
    }

    /** The program class (named, or the one implementing a program interface) and its nested classes. */
    private static ProgramUnit select(Map<String, byte[]> classes, String className, String origin) {
        Map<String, ClassFile> parsed = new LinkedHashMap<>();
        classes.forEach((n, b) -> parsed.put(n, parse(b, origin + ": " + n)));
        ClassFile program;
        if (className != null) {
            program = parsed.get(className.replace('.', '/'));
            if (program == null) {
                throw new ProgramLoadException(ProgramLoadException.Reason.INPUT, origin + ": no class " + className
                        + " (classes: " + names(parsed.values()) + ")", null);
            }
        } else {
            List<ClassFile> candidates = new ArrayList<>();
            for (ClassFile c : parsed.values()) {
                for (String i : c.node().interfaces) {
                    if (ProgramInterfaces.typeOf(i) != null) {
                        candidates.add(c);
                        break;
                    }
                }
            }
            if (candidates.size() != 1) {
                throw new ProgramLoadException(ProgramLoadException.Reason.INPUT, origin + ": "
                        + (candidates.isEmpty() ? "no class implements a program interface of dev.weir.api.prog"
                                : candidates.size() + " classes implement a program interface ("
                                        + names(candidates) + "); name the one to load")
                        + " (classes: " + names(parsed.values()) + ")", null);
            }
            program = candidates.get(0);
        }
        List<ClassFile> nested = new ArrayList<>();
        for (ClassFile c : parsed.values()) {
            if (c.name().startsWith(program.name() + "$")) {
                nested.add(c);
            }
        }
        return ProgramUnit.of(program, nested);
    }

    private static String names(java.util.Collection<ClassFile> classes) {
        List<String> n = new ArrayList<>();
        classes.forEach(c -> n.add(c.binaryName()));
        return String.join(", ", n);
    }

    private static ClassFile parse(byte[] bytes, String origin) {
        try {
            return ClassFile.parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new ProgramLoadException(ProgramLoadException.Reason.INPUT, origin + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ProgramLoadException(ProgramLoadException.Reason.INPUT, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    // ---- loading ----

    /** Reads, verifies and loads a program file (see {@link #read}). */
    public LoadedProgram<?> load(Path file, String className) {
        return load(read(file, className));
    }

    /** Loads a program of a single class file. */
    public LoadedProgram<?> load(byte[] classFile) {
        return load(ProgramUnit.of(parse(classFile, "class file")));
    }

    /** Compiles, verifies and loads source text. */
    public LoadedProgram<?> loadSource(String fileName, String source) {
        return load(readSource(fileName, source, null));
    }

    /**
     * Verifies, instruments, defines and instantiates a program, and binds its maps.
     *
     * @throws ProgramLoadException REJECTED with the verifier log, or LINK if the JVM refused the
     *         class, its initialization failed (budget included) or a map could not be bound
     */
    public LoadedProgram<?> load(ProgramUnit unit) {
        Verification v = verifier.verify(unit);
        if (!v.accepted()) {
            throw new ProgramLoadException(v);
        }
        return define(unit, v.summary(), Instrumenter.instrument(unit));
    }

    private LoadedProgram<?> define(ProgramUnit unit, ProgramSummary summary, Instrumenter.Result inst) {
        String programName = unit.program().binaryName();
        int dot = programName.lastIndexOf('.');
        String pkg = dot < 0 ? "" : programName.substring(0, dot);
        Map<String, byte[]> nested = new LinkedHashMap<>();
        for (ClassFile c : unit.nested()) {
            nested.put(c.binaryName(), inst.classes().get(c.name()));
        }
        ProgramClassLoader loader = new ProgramClassLoader("weir-program-" + LOADED.incrementAndGet() + "-"
                + programName, parent, nested, pkg);
        Class<?> cls;
        Object instance;
        long token = Budget.begin(budget);
        try {
            for (String n : nested.keySet()) {
                Class.forName(n, true, loader);
            }
            MethodHandles.Lookup lookup = loader.hostLookup(pkg)
                    .defineHiddenClass(inst.classes().get(unit.program().name()), true);
            cls = lookup.lookupClass();
            instance = lookup.findConstructor(cls, MethodType.methodType(void.class)).invoke();
        } catch (Throwable t) {
            Throwable cause = t instanceof ExceptionInInitializerError e && e.getCause() != null ? e.getCause() : t;
            String why = cause instanceof BudgetExhaustedError
                    ? "its static initializer or constructor used up the budget of " + budget + " units"
                    : cause.toString();
            throw new ProgramLoadException(ProgramLoadException.Reason.LINK, programName + ": cannot define the program: "
                    + why, cause);
        } finally {
            Budget.end(token);
        }
        Class<?> iface = programInterface(cls, summary);
        List<LoadedProgram.BoundMap> maps = bindMaps(programName, cls, instance, summary.maps());
        return create(summary.name(), summary.programType(), iface, cls, instance, maps, summary, inst);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private LoadedProgram<?> create(String name, ProgramType type, Class<?> iface, Class<?> cls, Object instance,
                                    List<LoadedProgram.BoundMap> maps, ProgramSummary summary,
                                    Instrumenter.Result inst) {
        return new LoadedProgram(name, type, iface, cls, iface.cast(instance), maps, summary, inst, budget);
    }

    private static Class<?> programInterface(Class<?> cls, ProgramSummary summary) {
        for (Class<?> i : cls.getInterfaces()) {
            if (i.getName().equals(summary.programInterface())) {
                return i;
            }
        }
        throw new ProgramLoadException(ProgramLoadException.Reason.LINK, summary.programClass()
                + ": the defined class does not implement " + summary.programInterface(), null);
    }

    private List<LoadedProgram.BoundMap> bindMaps(String programName, Class<?> cls, Object instance,
                                                  List<MapDeclaration> declarations) {
        List<LoadedProgram.BoundMap> out = new ArrayList<>();
        for (MapDeclaration d : declarations) {
            try {
                Field f = cls.getDeclaredField(d.field());
                WeirMap map = binder.bind(d);
                if (!f.getType().isInstance(map)) {
                    throw new IllegalStateException("the map registry gave a "
                            + (map == null ? "null" : map.getClass().getName()) + ", not a " + f.getType().getName());
                }
                f.setAccessible(true);
                f.set(instance, map);
                out.add(new LoadedProgram.BoundMap(d, map));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ProgramLoadException(ProgramLoadException.Reason.LINK, programName + ": cannot bind map '"
                        + d.name() + "' (field " + d.field() + "): " + e.getMessage(), e);
            }
        }
        return out;
    }
}
