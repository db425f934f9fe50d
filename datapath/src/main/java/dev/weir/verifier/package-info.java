/**
 * The verifier and loader of Java programs: what stands between a user's class and the packet
 * path, in the role the kernel's BPF verifier plays for eBPF.
 *
 * <h2>From a file to a running program</h2>
 * <pre>
 * .java --ProgramCompiler (javax.tools, in-process)--+
 * .jar  --program class + its nested classes---------+--&gt; ProgramUnit
 * .class (+ Name$*.class beside it)------------------+        |
 *                                                             v
 *   Verifier.verify: class pass, method pass (declarations, instructions, call graph),
 *                    flow pass (ASM Analyzer + ProgramInterpreter), program pass
 *        | rejected: ProgramLoadException with the log (class, method, line, bytecode, rule, fix)
 *        v
 *   Instrumenter: Budget.charge(units) at loop heads and before calls
 *        v
 *   ProgramClassLoader (one per program, resolves only the allow-list)
 *     nested classes defined by name; the program class as a hidden class of the host's lookup
 *        v
 *   instantiate once (budgeted), bind @MapSpec fields (MapBinder) --&gt; LoadedProgram
 *        v
 *   ProgramRunner: budget per run, any Throwable =&gt; ABORTED, ProgramStats
 * </pre>
 * {@link dev.weir.verifier.ProgramCommands} offers the same as {@code weir prog verify} and
 * {@code weir prog dump}.
 *
 * <h2>Rules</h2>
 * Each {@link dev.weir.verifier.Rule} has an id, a one-line statement and a fix:
 * class-format, program-class, nested-class, allow-list, user-space-only, no-reflection,
 * no-method-handles, no-indy, no-threads, no-locks, no-io, no-native, no-class-loading,
 * no-system, no-unsafe, deterministic, map-spec, trace-format, no-mutable-static,
 * instance-fields, no-field-write, no-alloc, no-recursion, method-size, program-size,
 * no-catch-all, no-catch-error. The allow-list itself is documented on
 * {@link dev.weir.verifier.AllowList}.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li>invokedynamic is refused outright, so string concatenation, lambdas and method
 *       references, pattern and string switches and records are refused with a message
 *       saying what to write instead (tracePrint with numbers as arguments, a named method,
 *       a switch over ints). Dynamic constants likewise.</li>
 *   <li>Enums: an enum's constants are objects in a static array ($VALUES) made in its static
 *       initializer, and a switch over another class's enum uses a synthetic static int[]
 *       ($SwitchMap): both are refused as mutable static state, with a fix (int constants).</li>
 *   <li>{@code static final int[] TABLE} is refused (arrays are mutable); the fix suggests a
 *       switch or an ARRAY map. Read-only arrays are not proved.</li>
 *   <li>Object's methods are refused on any receiver unless the program declares them:
 *       getClass (reflection), hashCode (identity hash codes differ between runs), toString and
 *       clone (allocate), wait/notify (threads), equals and finalize (allow-list).</li>
 *   <li>Throwing: {@code throw new X()} is allocation; rethrowing a caught exception and the
 *       JVM's own exceptions (bounds, division by zero, null) end the run as ABORTED. Handlers
 *       for Throwable, Error or its subclasses and catch-all handlers (finally,
 *       try-with-resources, which compiles to catch (Throwable)) are refused, so the budget
 *       error always ends the run.</li>
 *   <li>{@code assert} is refused: it compiles to a class literal and
 *       Class.desiredAssertionStatus() in the static initializer.</li>
 *   <li>Constructors may only call super() and store constants; static initializers only set
 *       their own static final constants. Both run under a budget at load.</li>
 *   <li>Nested classes are defined by name in the program's class loader, the program class
 *       as a hidden class; a nested class therefore may not name the program class.</li>
 *   <li>Calls into dev.weir.api: methods marked {@link dev.weir.api.maps.UserSpaceOnly} are
 *       refused; methods whose code the API carries (static helpers, records, final views) are
 *       refused if that code allocates (Repr.parse, values(), name(int) ...), except for building
 *       the exception it throws; interface methods the datapath implements (contexts, maps) are
 *       trusted, as the API promises that helpers do not allocate.</li>
 *   <li>{@code tracePrint}'s format must be one string constant that
 *       {@link dev.weir.api.prog.TracePrintFormat} accepts, checked at load as Linux checks
 *       bpf_trace_printk formats. Other String constants are plain values (a congestion-control
 *       name, for instance).</li>
 *   <li>{@code @MapSpec} declarations are checked at load against
 *       {@link dev.weir.api.maps.MapDef#problem()} and the field's type, so a bad map fails
 *       verification, not the first run.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Verification and loading are thread-safe. Running is not: the budget is one static counter
 * ({@link dev.weir.verifier.Budget}), for the single thread that runs the stack.
 */
package dev.weir.verifier;
