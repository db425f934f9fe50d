package dev.weir.verifier;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;

/**
 * What a program may refer to. Decides each class, method and field reference of a program: the
 * program's own submitted classes and {@code dev.weir.api} are allowed (but for its user-space-only
 * and allocating methods, see {@link ApiIndex}); from the JDK only the short list below. A refused reference gets the most specific rule: a call into
 * {@code java.lang.reflect} is refused as reflection, not merely as "not on the list", so the log
 * can say why and what to use instead.
 *
 * <h2>The JDK members a program may use</h2>
 * <ul>
 *   <li>{@code Object.<init>()} (the constructor's super call);</li>
 *   <li>every static method of {@code Math} and {@code StrictMath} except {@code random()};</li>
 *   <li>the static, non-allocating helpers of the box classes: {@code Integer}/{@code Long}
 *       bitCount, rotateLeft/Right, reverse, reverseBytes, signum, highest/lowestOneBit,
 *       numberOfLeading/TrailingZeros, compare(Unsigned), divide/remainderUnsigned, min, max, sum,
 *       hashCode(x), expand, compress, toUnsignedLong; {@code Short}/{@code Byte}
 *       toUnsignedInt/Long, compare(Unsigned), hashCode(x), reverseBytes; {@code Character}
 *       compare, hashCode(x), reverseBytes; {@code Boolean} compare, hashCode(x), logicalAnd/Or/Xor;
 *       {@code Float}/{@code Double} bit conversions, isNaN, isInfinite, isFinite, compare, min,
 *       max, sum, hashCode(x);</li>
 *   <li>{@code Objects.requireNonNull(Object)}, {@code Objects.checkIndex}, checkFromToIndex,
 *       checkFromIndexSize (javac emits some of them itself), {@code Arrays.fill};</li>
 *   <li>String constants (ldc) as values, e.g. tracePrint formats; no String methods;</li>
 *   <li>as types only (catch clauses, casts): Object, String, Throwable, Exception,
 *       RuntimeException and the runtime exceptions the JVM throws (ArithmeticException,
 *       (Array)IndexOutOfBoundsException, NullPointerException, ClassCastException,
 *       NegativeArraySizeException, ArrayStoreException, IllegalArgumentException,
 *       IllegalStateException, UnsupportedOperationException). A program cannot construct them
 *       (allocation) but may catch them; catching Throwable and Error is refused elsewhere.</li>
 * </ul>
 * Methods every object inherits from {@code Object} are refused whatever the receiver's type,
 * unless the program declares them itself: getClass (reflection), hashCode (identity hash codes
 * differ between runs), toString and clone (allocate), wait/notify (threads), equals and finalize.
 * Methods of {@code dev.weir.api} marked {@link dev.weir.api.maps.UserSpaceOnly} are refused too
 * (user-space-only).
 */
final class AllowList {

    /** What kind of class a name denotes, for the choice of rule. */
    enum Category {
        OWN(null), API(null), JDK_ALLOWED(null), PRIMITIVE(null),
        REFLECTION(Rule.NO_REFLECTION), METHOD_HANDLES(Rule.NO_METHOD_HANDLES), THREADS(Rule.NO_THREADS),
        LOCKS(Rule.NO_LOCKS), IO(Rule.NO_IO), CLASS_LOADING(Rule.NO_CLASS_LOADING), SYSTEM(Rule.NO_SYSTEM),
        UNSAFE(Rule.NO_UNSAFE), DETERMINISTIC(Rule.DETERMINISTIC), OTHER(Rule.ALLOW_LIST);

        final Rule rule;

        Category(Rule rule) {
            this.rule = rule;
        }

        boolean allowed() {
            return rule == null;
        }
    }

    static final String API_PREFIX = "dev/weir/api/";

    /**
     * Classes by category, most specific first. An entry ending in '/' is a package prefix; any
     * other matches the class and its nested classes.
     */
    private static final List<Map.Entry<String, Category>> CATEGORIES = List.of(
            Map.entry("java/lang/invoke/", Category.METHOD_HANDLES),
            Map.entry("java/lang/reflect/", Category.REFLECTION),
            Map.entry("java/lang/Class", Category.REFLECTION),
            Map.entry("java/lang/ClassValue", Category.REFLECTION),
            Map.entry("java/lang/StackWalker", Category.REFLECTION),
            Map.entry("java/lang/constant/", Category.REFLECTION),
            Map.entry("java/lang/runtime/", Category.REFLECTION),
            Map.entry("java/lang/ClassLoader", Category.CLASS_LOADING),
            Map.entry("java/net/URLClassLoader", Category.CLASS_LOADING),
            Map.entry("java/security/SecureClassLoader", Category.CLASS_LOADING),
            Map.entry("java/lang/Module", Category.CLASS_LOADING),
            Map.entry("java/lang/ModuleLayer", Category.CLASS_LOADING),
            Map.entry("java/lang/module/", Category.CLASS_LOADING),
            Map.entry("java/lang/instrument/", Category.CLASS_LOADING),
            Map.entry("java/util/ServiceLoader", Category.CLASS_LOADING),
            Map.entry("java/util/concurrent/locks/", Category.LOCKS),
            Map.entry("java/util/concurrent/ThreadLocalRandom", Category.DETERMINISTIC),
            Map.entry("java/lang/Thread", Category.THREADS),
            Map.entry("java/lang/ThreadLocal", Category.THREADS),
            Map.entry("java/lang/InheritableThreadLocal", Category.THREADS),
            Map.entry("java/lang/ThreadGroup", Category.THREADS),
            Map.entry("java/lang/ScopedValue", Category.THREADS),
            Map.entry("java/lang/ref/", Category.THREADS),
            Map.entry("java/util/concurrent/", Category.THREADS),
            Map.entry("java/util/Timer", Category.THREADS),
            Map.entry("java/util/TimerTask", Category.THREADS),
            Map.entry("java/lang/System", Category.SYSTEM),
            Map.entry("java/lang/Runtime", Category.SYSTEM),
            Map.entry("java/lang/ProcessBuilder", Category.SYSTEM),
            Map.entry("java/lang/Process", Category.SYSTEM),
            Map.entry("java/lang/ProcessHandle", Category.SYSTEM),
            Map.entry("java/lang/Shutdown", Category.SYSTEM),
            Map.entry("java/lang/SecurityManager", Category.SYSTEM),
            Map.entry("java/io/", Category.IO),
            Map.entry("java/nio/", Category.IO),
            Map.entry("java/net/", Category.IO),
            Map.entry("javax/net/", Category.IO),
            Map.entry("java/rmi/", Category.IO),
            Map.entry("java/sql/", Category.IO),
            Map.entry("java/util/zip/", Category.IO),
            Map.entry("java/util/jar/", Category.IO),
            Map.entry("java/util/logging/", Category.IO),
            Map.entry("java/util/prefs/", Category.IO),
            Map.entry("java/util/Scanner", Category.IO),
            Map.entry("java/util/Formatter", Category.IO),
            Map.entry("java/util/Properties", Category.IO),
            Map.entry("jdk/jfr/", Category.IO),
            Map.entry("sun/", Category.UNSAFE),
            Map.entry("jdk/internal/", Category.UNSAFE),
            Map.entry("com/sun/", Category.UNSAFE),
            Map.entry("java/util/Random", Category.DETERMINISTIC),
            Map.entry("java/util/SplittableRandom", Category.DETERMINISTIC),
            Map.entry("java/util/random/", Category.DETERMINISTIC),
            Map.entry("java/security/SecureRandom", Category.DETERMINISTIC),
            Map.entry("java/time/", Category.DETERMINISTIC),
            Map.entry("java/util/UUID", Category.DETERMINISTIC));

    /** JDK classes a program may name; which of their members it may use is decided per member. */
    static final Set<String> JDK_CLASSES = Set.of(
            "java/lang/Object", "java/lang/String", "java/lang/Math", "java/lang/StrictMath",
            "java/lang/Integer", "java/lang/Long", "java/lang/Short", "java/lang/Byte", "java/lang/Character",
            "java/lang/Boolean", "java/lang/Float", "java/lang/Double", "java/util/Objects", "java/util/Arrays",
            "java/lang/Throwable", "java/lang/Exception", "java/lang/RuntimeException", "java/lang/Error",
            "java/lang/ArithmeticException", "java/lang/IndexOutOfBoundsException",
            "java/lang/ArrayIndexOutOfBoundsException", "java/lang/NullPointerException",
            "java/lang/ClassCastException", "java/lang/NegativeArraySizeException", "java/lang/ArrayStoreException",
            "java/lang/IllegalArgumentException", "java/lang/IllegalStateException",
            "java/lang/UnsupportedOperationException");

    private static final Set<String> INT_HELPERS = Set.of("bitCount", "rotateLeft", "rotateRight", "reverse",
            "reverseBytes", "signum", "highestOneBit", "lowestOneBit", "numberOfLeadingZeros",
            "numberOfTrailingZeros", "compare", "compareUnsigned", "divideUnsigned", "remainderUnsigned", "max",
            "min", "sum", "hashCode", "expand", "compress", "toUnsignedLong");
    private static final Set<String> FLOAT_HELPERS = Set.of("floatToIntBits", "floatToRawIntBits",
            "intBitsToFloat", "doubleToLongBits", "doubleToRawLongBits", "longBitsToDouble", "isNaN", "isInfinite",
            "isFinite", "compare", "min", "max", "sum", "hashCode", "floatToFloat16", "float16ToFloat");

    /** Static methods of JDK classes a program may call. */
    private static final Map<String, Set<String>> JDK_STATIC_METHODS = Map.of(
            "java/lang/Integer", INT_HELPERS,
            "java/lang/Long", INT_HELPERS,
            "java/lang/Short", Set.of("toUnsignedInt", "toUnsignedLong", "compare", "compareUnsigned", "hashCode",
                    "reverseBytes"),
            "java/lang/Byte", Set.of("toUnsignedInt", "toUnsignedLong", "compare", "compareUnsigned", "hashCode"),
            "java/lang/Character", Set.of("compare", "hashCode", "reverseBytes"),
            "java/lang/Boolean", Set.of("compare", "hashCode", "logicalAnd", "logicalOr", "logicalXor"),
            "java/lang/Float", FLOAT_HELPERS,
            "java/lang/Double", FLOAT_HELPERS,
            "java/util/Objects", Set.of("checkIndex", "checkFromToIndex", "checkFromIndexSize"),
            "java/util/Arrays", Set.of("fill"));

    /** JDK methods known to allocate (refused as allocation, with a specific message). */
    private static final Map<String, Set<String>> JDK_ALLOCATING = Map.of(
            "java/lang/String", Set.of("valueOf", "format", "formatted", "join", "copyValueOf", "concat", "substring",
                    "subSequence", "toUpperCase", "toLowerCase", "trim", "strip", "repeat", "replace", "replaceAll",
                    "replaceFirst", "split", "getBytes", "toCharArray", "chars", "lines", "indent", "describeConstable"),
            "java/lang/Integer", Set.of("valueOf", "toString", "toHexString", "toOctalString", "toBinaryString",
                    "toUnsignedString", "decode"),
            "java/lang/Long", Set.of("valueOf", "toString", "toHexString", "toOctalString", "toBinaryString",
                    "toUnsignedString", "decode"),
            "java/lang/Short", Set.of("valueOf", "toString", "decode"),
            "java/lang/Byte", Set.of("valueOf", "toString", "decode"),
            "java/lang/Character", Set.of("valueOf", "toString", "toChars"),
            "java/lang/Boolean", Set.of("valueOf", "toString"),
            "java/lang/Float", Set.of("valueOf", "toString", "toHexString"),
            "java/lang/Double", Set.of("valueOf", "toString", "toHexString"),
            "java/util/Arrays", Set.of("copyOf", "copyOfRange", "asList", "toString", "deepToString", "stream",
                    "spliterator", "sort", "parallelSort", "setAll", "parallelSetAll", "parallelPrefix"));

    /** Methods of other JDK classes known to allocate ("*": every method). */
    private static final Map<String, Set<String>> OTHER_ALLOCATING = Map.of(
            "java/lang/StringBuilder", Set.of("*"),
            "java/lang/StringBuffer", Set.of("*"),
            "java/util/Collections", Set.of("*"),
            "java/util/List", Set.of("of", "copyOf"),
            "java/util/Set", Set.of("of", "copyOf"),
            "java/util/Map", Set.of("of", "copyOf", "ofEntries", "entry"),
            "java/util/Optional", Set.of("of", "ofNullable", "map", "flatMap", "filter", "or", "stream"),
            "java/util/stream/Stream", Set.of("*"),
            "java/util/stream/IntStream", Set.of("*"),
            "java/util/stream/LongStream", Set.of("*"));

    private final ProgramUnit unit;
    private final ApiIndex api;

    AllowList(ProgramUnit unit, ApiIndex api) {
        this.unit = unit;
        this.api = api;
    }

    /** The category of a class given by internal name or array descriptor. */
    Category category(String name) {
        if (name.startsWith("[")) {
            int dims = 0;
            while (name.charAt(dims) == '[') {
                dims++;
            }
            if (name.charAt(dims) != 'L') {
                return Category.PRIMITIVE;
            }
            name = name.substring(dims + 1, name.length() - 1);
        }
        if (unit.isSubmitted(name)) {
            return Category.OWN;
        }
        if (name.startsWith(API_PREFIX)) {
            return Category.API;
        }
        if (JDK_CLASSES.contains(name)) {
            return Category.JDK_ALLOWED;
        }
        for (Map.Entry<String, Category> e : CATEGORIES) {
            String k = e.getKey();
            if (k.endsWith("/") ? name.startsWith(k) : name.equals(k) || name.startsWith(k + "$")) {
                return e.getValue();
            }
        }
        return Category.OTHER;
    }

    /** A class named as a type (cast, instanceof, catch, supertype, array element); null if allowed. */
    Refusal type(String name, String use) {
        Category c = category(name);
        if (c.allowed()) {
            return null;
        }
        return new Refusal(c.rule, use + " names " + display(name) + ", which programs may not use.");
    }

    /** {@code new X}. */
    Refusal newObject(String name, String when) {
        Category c = category(name);
        if (c.allowed() || c == Category.OTHER) {
            return new Refusal(Rule.NO_ALLOC, "'new " + name + "' creates an object " + when + ".");
        }
        return new Refusal(c.rule, "'new " + name + "' creates a " + display(name) + ", which programs may not use.");
    }

    /** A method call; null if allowed. */
    Refusal method(int opcode, String owner, String name, String desc) {
        if (!owner.equals("java/lang/String") && !declaredByProgram(owner, name, desc)) {
            Refusal r = objectMethod(owner, name, desc);
            if (r != null) {
                return r;
            }
        }
        Category c = category(owner);
        String what = "'" + display(owner) + "." + name + "'";
        switch (c) {
            case OWN:
                return null;
            case API:
                if (name.equals("<init>")) {
                    return new Refusal(Rule.NO_ALLOC, what + " constructs an object.");
                }
                if (api.userSpaceOnly(owner, name, desc)) {
                    return new Refusal(Rule.USER_SPACE_ONLY, "calls " + what + desc + ", which is marked @UserSpaceOnly.");
                }
                return api.allocates(owner, name, desc)
                        ? new Refusal(Rule.NO_ALLOC, what + desc + " allocates (an object, an array or a String)"
                                + " each time it is called.", "Programs must not allocate: use the context's helpers and"
                                + " the reusable wire views of ctx.views(); keep numbers as numbers.")
                        : null;
            case PRIMITIVE:
                return null;
            case JDK_ALLOWED:
                return jdkMethod(opcode, owner, name, desc, what);
            case SYSTEM:
                return systemMethod(owner, name, what);
            case OTHER:
                Set<String> allocating = OTHER_ALLOCATING.get(owner);
                if (allocating != null && (allocating.contains("*") || allocating.contains(name))) {
                    return new Refusal(Rule.NO_ALLOC, what + " allocates.");
                }
                return new Refusal(Rule.ALLOW_LIST, "calls " + what + desc + ", which is not on the allow-list.");
            default:
                return new Refusal(c.rule, "calls " + what + ".", specificFix(owner, name));
        }
    }

    /** A field access; null if allowed. Writes are decided elsewhere (no-field-write). */
    Refusal field(int opcode, String owner, String name, String desc) {
        Category c = category(owner);
        if (c.allowed()) {
            return null;
        }
        String what = "'" + display(owner) + "." + name + "'";
        if (c == Category.SYSTEM && (name.equals("out") || name.equals("err") || name.equals("in"))) {
            return new Refusal(Rule.NO_SYSTEM, "uses " + what + ".",
                    "Programs may not print to the console: use ctx.tracePrint(...) with a constant format"
                            + " and numbers as arguments; `weir prog trace` shows the output.");
        }
        return new Refusal(c.rule, "reads " + what + ", a static of a class programs may not use.");
    }

    private Refusal jdkMethod(int opcode, String owner, String name, String desc, String what) {
        if (owner.equals("java/lang/Object")) {
            return name.equals("<init>") && desc.equals("()V") && opcode == Opcodes.INVOKESPECIAL ? null
                    : new Refusal(Rule.ALLOW_LIST, "calls " + what + desc + ".");
        }
        Set<String> allocating = JDK_ALLOCATING.get(owner);
        if (allocating != null && allocating.contains(name)) {
            String why = name.equals("valueOf") && !owner.equals("java/lang/String")
                    ? " boxes a primitive: it returns a new object."
                    : " allocates a new object (String, array or box).";
            return new Refusal(Rule.NO_ALLOC, what + why,
                    owner.equals("java/lang/String") || name.startsWith("to")
                            ? "Programs must not allocate: pass numbers to ctx.tracePrint(...) as arguments of a"
                                    + " constant format instead of building strings."
                            : "Programs must not allocate: keep primitives (int, long) unboxed; a map stores"
                                    + " values by primitive key and value.");
        }
        if (opcode == Opcodes.INVOKESTATIC) {
            if (owner.equals("java/lang/Math") || owner.equals("java/lang/StrictMath")) {
                return name.equals("random")
                        ? new Refusal(Rule.DETERMINISTIC, "calls " + what + ", an unseeded random source.",
                                "Use ctx.randomU32(): it draws from the simulation's seeded source.")
                        : null;
            }
            Set<String> statics = JDK_STATIC_METHODS.get(owner);
            if (statics != null && statics.contains(name)) {
                return null;
            }
            if (owner.equals("java/util/Objects") && name.equals("requireNonNull")
                    && desc.equals("(Ljava/lang/Object;)Ljava/lang/Object;")) {
                return null;
            }
        }
        if (owner.equals("java/lang/String")) {
            return new Refusal(Rule.ALLOW_LIST, "calls " + what + ": Strings are only constants in programs"
                    + " (formats for ctx.tracePrint), their methods are not on the allow-list.");
        }
        return new Refusal(Rule.ALLOW_LIST, "calls " + what + desc + ", which is not on the allow-list.");
    }

    private static Refusal systemMethod(String owner, String name, String what) {
        if (owner.equals("java/lang/System")) {
            switch (name) {
                case "nanoTime", "currentTimeMillis":
                    return new Refusal(Rule.DETERMINISTIC, "calls " + what + ", the wall clock.",
                            "Use ctx.ktimeNs(): the simulation's virtual time in nanoseconds, the same on"
                                    + " every run with the same seed.");
                case "identityHashCode":
                    return new Refusal(Rule.DETERMINISTIC, "calls " + what + ": identity hash codes differ"
                            + " between runs.");
                case "getenv", "getProperty", "getProperties", "setProperty", "clearProperty", "getenv()":
                    return new Refusal(Rule.NO_SYSTEM, "calls " + what + ".",
                            "Programs may not read the environment or system properties: put configuration"
                                    + " in a map (@MapSpec field) and fill it from user space (weir map update).");
                case "arraycopy":
                    return new Refusal(Rule.NO_SYSTEM, "calls " + what + ".",
                            "Copy with a loop (it is charged to the budget), or use the context's"
                                    + " load/store helpers.");
                default:
                    break;
            }
        }
        return new Refusal(Rule.NO_SYSTEM, "calls " + what + ".");
    }

    private static String specificFix(String owner, String name) {
        if (owner.equals("java/lang/Thread") && name.equals("sleep")) {
            return "A program may not wait: it runs for one packet and returns. Use a map to remember"
                    + " what to do for the next packet.";
        }
        return null;
    }

    /** Methods every object has; refused unless the program declares them itself. */
    private static Refusal objectMethod(String owner, String name, String desc) {
        String what = "'" + display(owner) + "." + name + "'";
        switch (name + desc) {
            case "getClass()Ljava/lang/Class;":
                return new Refusal(Rule.NO_REFLECTION, "calls " + what + ", which hands out the Class object.");
            case "hashCode()I":
                return new Refusal(Rule.DETERMINISTIC, "calls " + what + ": an object's identity hash code"
                        + " differs between runs.");
            case "toString()Ljava/lang/String;":
                return new Refusal(Rule.NO_ALLOC, "calls " + what + ", which builds a new String.",
                        "Programs must not allocate: pass numbers to ctx.tracePrint(...) as arguments of a"
                                + " constant format instead.");
            case "clone()Ljava/lang/Object;":
                return new Refusal(Rule.NO_ALLOC, "calls " + what + ", which copies the object or array.",
                        "Programs must not allocate: copy into ctx.scratch() with a loop instead.");
            case "wait()V", "wait(J)V", "wait(JI)V", "notify()V", "notifyAll()V":
                return new Refusal(Rule.NO_THREADS, "calls " + what + ", a thread-coordination method.");
            case "equals(Ljava/lang/Object;)Z":
                return new Refusal(Rule.ALLOW_LIST, "calls " + what + ".",
                        "Compare the primitive values you need with ==, or the references with ==.");
            case "finalize()V":
                return new Refusal(Rule.ALLOW_LIST, "calls " + what + ".");
            default:
                return null;
        }
    }

    /** Whether a submitted class declares this method (the owner or its submitted superclasses). */
    boolean declaredByProgram(String owner, String name, String desc) {
        return unit.declaringClass(owner, name, desc) != null;
    }

    /** A class name as people write it: dotted, arrays as {@code int[]}. */
    static String display(String internalName) {
        if (internalName.startsWith("[")) {
            return org.objectweb.asm.Type.getType(internalName).getClassName();
        }
        return internalName.replace('/', '.');
    }
}
