package dev.weir.verifier;

/**
 * The verifier's rules. Each has a short id (shown in brackets in the log and accepted by tools
 * that filter findings), a one-line statement of what it forbids, and a default how-to-fix text
 * for someone who has never seen a verifier. A {@link Finding} may carry a more specific fix
 * (string concatenation, lambdas, wall clock...) than the rule's default.
 *
 * <p>Why each rule exists: a program runs on every packet, inside the stack, on the simulation
 * thread. It must not be able to stop that thread (locks, sleeping, endless recursion), leave the
 * sandbox (reflection, method handles, class loading, Unsafe, native code, I/O, processes), keep
 * state outside maps (fields, statics), make the simulation irreproducible (wall clock, unseeded
 * random, identity hash codes), slow the stack down with garbage (allocation), or survive its
 * instruction budget (catching the budget error).
 */
public enum Rule {
    CLASS_FORMAT("class-format",
            "the class file is malformed or of an unsupported version",
            "Compile the program with javac for Java 8 to 25 and load the .class files it wrote, unmodified."),
    PROGRAM_CLASS("program-class",
            "a program class must be public and final, extend Object, have a public no-argument constructor"
                    + " and implement exactly one program interface",
            "Declare it as `public final class Name implements XdpProgram` (or another interface of"
                    + " dev.weir.api.prog), with no superclass and no constructor or a public one without arguments."),
    NESTED_CLASS("nested-class",
            "a class submitted with a program must be a static nested class of it, extend Object and not"
                    + " name the program class",
            "Keep helpers as private methods of the program class, or as static methods of a static nested"
                    + " class that does not refer back to the program class (the program class is defined"
                    + " as a hidden class and has no name at run time)."),
    ALLOW_LIST("allow-list",
            "reference outside the allow-list",
            "Programs may use their own classes, everything in dev.weir.api (contexts, maps, wire formats)"
                    + " and a few pure helpers of java.lang (Math, StrictMath, and the static bit and"
                    + " comparison helpers of Integer, Long, Short, Byte, Character, Boolean, Float, Double)."
                    + " Use a context helper (ctx.*) or a map instead."),
    USER_SPACE_ONLY("user-space-only",
            "operation reserved to user space",
            "Maps are iterated, sized and consumed, and program arrays and device maps filled, from user"
                    + " space (weir map ..., the host's MapRegistry), never by a program, as in Linux where only"
                    + " the bpf() system call offers them. In a program use the per-key operations (lookup,"
                    + " update, delete) and the context's helpers."),
    NO_REFLECTION("no-reflection",
            "reflection",
            "Programs may not inspect or reach classes at run time (Class, java.lang.reflect, getClass(),"
                    + " class literals, assert statements). Call the methods you need directly."),
    NO_METHOD_HANDLES("no-method-handles",
            "method handles",
            "java.lang.invoke is a way around the allow-list. Call the methods you need directly."),
    NO_INDY("no-indy",
            "invokedynamic or dynamic constant",
            "Lambdas, method references, string concatenation, pattern and string switches and records'"
                    + " generated methods compile to invokedynamic, which links arbitrary code at run time."
                    + " Write a named method, or switch over int constants."),
    NO_THREADS("no-threads",
            "threads, executors, thread locals, sleeping or wait/notify",
            "A program runs to completion on the simulation thread for one packet and may not block or"
                    + " start work elsewhere. Keep per-flow state in a map; use timers of the stack, not threads."),
    NO_LOCKS("no-locks",
            "locks or monitors",
            "Programs run on one thread and need no locks: remove `synchronized` (methods and blocks) and"
                    + " java.util.concurrent.locks. Maps are safe to use without them."),
    NO_IO("no-io",
            "I/O",
            "Programs may not touch files, sockets, streams or serialization. Send data to user space"
                    + " through a ring-buffer map (ctx output helpers) and read configuration from a map."),
    NO_NATIVE("no-native",
            "native method",
            "Native code escapes every check. Write the method in Java, or use a context helper."),
    NO_CLASS_LOADING("no-class-loading",
            "class loading",
            "Programs may not load or define classes. Submit every class the program needs with it"
                    + " (nested classes in the same jar or source file)."),
    NO_SYSTEM("no-system",
            "System, Runtime or processes",
            "Programs may not exit, run processes, read the environment or system properties, or print"
                    + " to System.out/err. Use ctx.tracePrint(...) for debugging output and a map for configuration."),
    NO_UNSAFE("no-unsafe",
            "Unsafe or JDK internals",
            "sun.misc.Unsafe and jdk.internal reach raw memory. Use the context's load/store helpers and"
                    + " the wire views of dev.weir.api.wire."),
    DETERMINISTIC("deterministic",
            "wall clock, unseeded randomness or identity hash code",
            "A simulation must give the same result for the same seed. Use ctx.ktimeNs() (virtual time)"
                    + " and ctx.randomU32() (the seeded source), and hash the primitive fields you need"
                    + " (Long.hashCode, Integer.rotateLeft) instead of identity hash codes."),
    MAP_SPEC("map-spec",
            "map declaration the loader cannot create",
            "Give @MapSpec a name of 1 to 63 letters, digits, '_', '.' or '-', the map type whose interface"
                    + " the field is declared with (or a sub-type of it: an LRU_HASH map in a HashMap field), and"
                    + " key size, value size and capacity valid for that type (MapDef lists the rules)."),
    TRACE_FORMAT("trace-format",
            "trace format that is not a valid constant",
            "Pass ctx.tracePrint a string literal with at most three conversions (%d %i %u %x %X %c, with"
                    + " flags - and 0, a width and hh/h/l/ll; %pI4 for an IPv4 address; %% for a percent sign)"
                    + " and the numbers as its three long arguments."),
    NO_MUTABLE_STATIC("no-mutable-static",
            "mutable static state",
            "Static fields must be `static final` primitives or Strings (constants). Keep state in a map"
                    + " (@MapSpec field); for a lookup table, compute the entry in a method (a switch on"
                    + " the index) or keep the table in an ARRAY map filled from user space."),
    INSTANCE_FIELDS("instance-fields",
            "instance field that is neither a @MapSpec map nor a final constant",
            "State lives in maps: declare `@MapSpec(...) HashMap name;` with a map interface of"
                    + " dev.weir.api.maps (the loader assigns it), or make the field a `final` primitive or"
                    + " String constant."),
    NO_FIELD_WRITE("no-field-write",
            "field write in a program",
            "Program methods may not write fields or arrays held in fields; a constructor may only store"
                    + " constants and a static initializer may only set its own static final constants."
                    + " Keep state in a map (@MapSpec field) and use ctx.scratch() for temporary bytes."),
    NO_ALLOC("no-alloc",
            "allocation in a program method",
            "Programs must not allocate: keep state in a map (@MapSpec field) and use ctx.scratch() for"
                    + " temporary bytes."),
    NO_RECURSION("no-recursion",
            "recursion",
            "A program's call graph must have no cycles (direct or mutual recursion), so that its stack"
                    + " depth is bounded. Rewrite the recursion as a loop."),
    METHOD_SIZE("method-size",
            "method too large",
            "Split the method into smaller private methods."),
    PROGRAM_SIZE("program-size",
            "program too large",
            "Split the work into several programs (chained with tail calls) or remove unused code."),
    NO_CATCH_ALL("no-catch-all",
            "catch-all exception handler",
            "`finally` blocks compile to a handler that catches everything, including the error that ends"
                    + " a program that runs out of budget. Repeat the cleanup code on each exit path instead,"
                    + " and catch only the exception types you expect (e.g. ArithmeticException)."),
    NO_CATCH_ERROR("no-catch-error",
            "handler for Throwable, Error or a subclass of Error",
            "Errors end the program run (budget exhausted, stack overflow) and must not be caught. Catch"
                    + " only the exception types you expect, such as ArithmeticException or"
                    + " IndexOutOfBoundsException (try-with-resources compiles to catch (Throwable): close"
                    + " resources explicitly).");

    private final String id;
    private final String statement;
    private final String fix;

    Rule(String id, String statement, String fix) {
        this.id = id;
        this.statement = statement;
        this.fix = fix;
    }

    /** The short id shown in brackets, e.g. {@code no-alloc}. */
    public String id() {
        return id;
    }

    /** One line: what the rule forbids. */
    public String statement() {
        return statement;
    }

    /** How to fix a program that breaks the rule, for someone who has never seen a verifier. */
    public String fix() {
        return fix;
    }

    /** The rule with this id, or null. */
    public static Rule byId(String id) {
        for (Rule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        return null;
    }
}
