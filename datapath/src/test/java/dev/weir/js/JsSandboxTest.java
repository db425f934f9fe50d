package dev.weir.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpProgram;
import dev.weir.maps.MapRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus: JavaScript programs in {@code hostile/} that try to escape the sandbox,
 * exhaust the host, break determinism or disturb other programs. Each test runs one and asserts
 * how it is contained: the load refused, or the run ABORTED with a named cause, and in every
 * case the next packet runs normally and the JVM is untouched. The file's header comment says
 * what it tries; {@link #everyHostileProgramIsTested} keeps the corpus and the tests in step.
 */
class JsSandboxTest {
    private static final Set<String> TESTED = new HashSet<>();
    /** A frame longer than 100 bytes: the hostile branch of the programs that have one. */
    private static final byte[] BIG = TestXdpContext.udp4(1, 2, 100);
    /** A frame of 50 bytes: their harmless branch. */
    private static final byte[] SMALL = TestXdpContext.udp4(1, 2, 8);

    private final MapRegistry registry = JsTestSupport.registry();
    private final TestXdpContext ctx = new TestXdpContext(3);

    private JsProgram<XdpProgram> load(String name) {
        return load(JsTestSupport.loader(registry), name);
    }

    private static JsProgram<XdpProgram> load(JsProgramLoader loader, String name) {
        TESTED.add(name);
        return loader.load("hostile/" + name, JsTestSupport.source("hostile/" + name), XdpProgram.class);
    }

    private static JsLoadException loadFails(String name) {
        TESTED.add(name);
        JsProgramLoader loader = JsTestSupport.loader(JsTestSupport.registry());
        try {
            loader.load("hostile/" + name, JsTestSupport.source("hostile/" + name));
        } catch (JsLoadException e) {
            return e;
        }
        throw new AssertionError(name + " loaded");
    }

    /** Runs {@code p} on {@code frame}, expecting ABORTED for {@code kind}; returns the failure. */
    private JsProgramException aborts(JsProgram<XdpProgram> p, byte[] frame, JsProgramException.Kind kind) {
        long before = p.stats().aborts();
        assertThat(p.runInt(ctx.frame(frame))).isEqualTo(XdpAction.ABORTED);
        assertThat(p.stats().aborts()).isEqualTo(before + 1);
        assertThat(p.stats().lastAbort()).isInstanceOf(JsProgramException.class);
        JsProgramException e = (JsProgramException) p.stats().lastAbort();
        assertThat(e.kind()).as("%s", e.getMessage()).isEqualTo(kind);
        assertThat(e.getMessage()).startsWith("hostile/");
        return e;
    }

    private void passesNext(JsProgram<XdpProgram> p) {
        assertThat(p.runInt(ctx.frame(SMALL))).as("the next packet runs normally").isEqualTo(XdpAction.PASS);
    }

    @AfterAll
    static void jvmStillHealthy() {
        assertThat(Runtime.getRuntime().freeMemory()).isPositive();
    }

    // ---- reaching the host ----

    @Test
    void javaTypeIsNotDefined() {
        JsProgram<XdpProgram> p = load("java-type.js");
        JsProgramException e = aborts(p, SMALL, JsProgramException.Kind.THREW);
        assertThat(e.getMessage()).isEqualTo("hostile/java-type.js:6:20: ReferenceError: Java is not defined");
    }

    @Test
    void javaPackageGlobalsAreAbsent() {
        assertThat(load("java-packages.js").runInt(ctx.frame(SMALL))).isEqualTo(XdpAction.PASS);
    }

    @Test
    void polyglotEvalIsNotDefined() {
        JsProgramException e = aborts(load("polyglot-eval.js"), SMALL, JsProgramException.Kind.THREW);
        assertThat(e.getMessage()).contains("ReferenceError: Polyglot is not defined");
    }

    @Test
    void loadIsNotDefined() {
        JsProgramException e = aborts(load("load.js"), SMALL, JsProgramException.Kind.THREW);
        assertThat(e.getMessage()).contains("ReferenceError: load is not defined");
    }

    @Test
    void importingAFileFailsTheLoad() {
        assertThat(loadFails("import-file.js").getMessage())
                .isEqualTo("hostile/import-file.js: cannot import \"secret.js\": a program is one file; it may not import modules or read files");
    }

    @Test
    void importingANodeModuleFailsTheLoad() {
        assertThat(loadFails("import-node.js").getMessage()).contains("cannot import \"fs\"");
    }

    @Test
    void dynamicImportIsRejectedAndRequireIsAbsent() {
        JsProgram<XdpProgram> p = load("dynamic-import.js");
        assertThat(p.runInt(ctx.frame(SMALL))).isEqualTo(XdpAction.PASS);
        ArrayMap out = (ArrayMap) p.map("out");
        assertThat(out.lookupLong(0, -1)).as("import() rejected, before run returned").isEqualTo(2);
        assertThat(out.lookupLong(1, -1)).as("require worked").isZero();
    }

    @Test
    void onlyTheApisInterfaceMethodsAreVisible() {
        JsProgram<XdpProgram> p = load("host-reflection.js");
        assertThat(p.runInt(ctx.frame(SMALL))).as("%s", p.consoleLines()).isEqualTo(XdpAction.PASS);
        assertThat(p.consoleLines()).isEmpty();
    }

    @Test
    void prototypeTricksReachNeitherTheFunctionConstructorNorHostMembers() {
        JsProgram<XdpProgram> p = load("prototype-tricks.js");
        assertThat(p.runInt(ctx.frame(SMALL))).isEqualTo(XdpAction.PASS);
        ArrayMap out = (ArrayMap) p.map("out");
        assertThat(out.lookupLong(0, -1)).as("Function constructor worked").isZero();
        assertThat(out.lookupLong(1, -1)).as("non-API keys").isZero();
    }

    @Test
    void evalIsRefused() {
        JsProgramException e = aborts(load("eval.js"), SMALL, JsProgramException.Kind.THREW);
        assertThat(e.getMessage()).contains("EvalError");
    }

    @Test
    void theFunctionConstructorIsRefused() {
        JsProgramException e = aborts(load("new-function.js"), SMALL, JsProgramException.Kind.THREW);
        assertThat(e.getMessage()).contains("EvalError");
    }

    @Test
    void theGlobalsAreEcmaScriptConsoleAndTheApisConstantsOnly() {
        JsProgram<XdpProgram> p = load("globals-inventory.js");
        assertThat(p.runInt(ctx.frame(SMALL))).isEqualTo(XdpAction.PASS);
        Set<String> globals = Set.of(p.consoleLines().getFirst().split(","));
        assertThat(globals).contains("Object", "Array", "Math", "Date", "Promise", "console", "XdpAction", "MapFlags",
                "EtherType", "IpProtocol", "Tracepoint", "Helpers");
        assertThat(globals).doesNotContain("Java", "Packages", "java", "javax", "Polyglot", "Graal", "load", "print",
                "printErr", "quit", "read", "readline", "performance", "SharedArrayBuffer", "WebAssembly", "Worker",
                "WeakRef", "FinalizationRegistry", "Intl", "require", "module", "process", "setTimeout", "global");
    }

    // ---- other programs ----

    @Test
    void pollutedBuiltInsStayInTheirOwnContext() {
        JsProgram<XdpProgram> polluter = load("pollute-prototypes.js");
        JsProgram<XdpProgram> neighbour = load("clean-neighbour.js");
        assertThat(polluter.runInt(ctx.frame(SMALL))).isEqualTo(XdpAction.PASS);
        assertThat(neighbour.runInt(ctx.frame(SMALL))).isEqualTo(XdpAction.PASS);
    }

    @Test
    void theApisConstantsCannotBeChanged() {
        JsProgramException e = aborts(load("overwrite-constants.js"), SMALL, JsProgramException.Kind.THREW);
        assertThat(e.getMessage()).contains("TypeError").contains("DROP");
        assertThat(load("clean-neighbour.js").runInt(ctx.frame(SMALL))).isEqualTo(XdpAction.PASS);
    }

    @Test
    void anotherProgramsGlobalsAndPrivateMapsAreOutOfReach() {
        JsProgram<XdpProgram> polluter = load("pollute-prototypes.js");
        JsProgram<XdpProgram> modifier = load("modify-maps.js");
        JsProgram<XdpProgram> reader = load("read-other-globals.js");
        polluter.runInt(ctx.frame(SMALL));
        modifier.runInt(ctx.frame(SMALL));
        assertThat(((ArrayMap) modifier.map("counter")).lookupLong(0, -1)).isEqualTo(1);
        assertThat(reader.map("counter")).isNotSameAs(modifier.map("counter"));
        assertThat(reader.runInt(ctx.frame(SMALL))).isEqualTo(XdpAction.PASS);
    }

    @Test
    void theMapsObjectIsFrozenAndTheDeclarationsAreReadOnce() {
        JsProgram<XdpProgram> p = load("modify-maps.js");
        assertThat(p.runInt(ctx.frame(SMALL))).isEqualTo(XdpAction.PASS);
        JsProgramException e = aborts(p, BIG, JsProgramException.Kind.THREW);
        assertThat(e.getMessage()).contains("TypeError").contains("counter");
        passesNext(p);
        assertThat(p.maps()).hasSize(1);
        assertThat(p.map("counter").maxEntries()).isEqualTo(1);
        assertThat(((ArrayMap) p.map("counter")).lookupLong(0, -1)).isEqualTo(3);
    }

    // ---- exhausting the host ----

    @Test
    void anEndlessLoopEndsAtTheStatementLimitAndTheNextPacketRuns() {
        JsProgram<XdpProgram> p = load("endless-loop.js");
        passesNext(p);
        JsProgramException e = aborts(p, BIG, JsProgramException.Kind.STATEMENT_LIMIT);
        assertThat(e.getMessage()).isEqualTo("hostile/endless-loop.js:7:9: executed more than 1000000 statements in one run"
                + " (the program's statement limit) (the program's context was recreated)");
        assertThat(p.restarts()).isEqualTo(1);
        passesNext(p);
        aborts(p, BIG, JsProgramException.Kind.STATEMENT_LIMIT);
        passesNext(p);
        assertThat(p.stats().statementLimits()).isEqualTo(2);
        assertThat(p.stats().runs()).isEqualTo(5);
    }

    @Test
    void theStatementLimitIsPerRunNotCumulative() {
        JsProgramLoader loader = JsProgramLoader.builder().maps(registry).statementLimit(50).build();
        JsProgram<XdpProgram> p = loader.load("count.js", """
                export const type = "xdp";
                export function run(ctx) {
                    let s = 0;
                    for (let i = 0; i < 10; i++) { s += i; }
                    return XdpAction.PASS;
                }
                """, XdpProgram.class);
        for (int i = 0; i < 1000; i++) {
            assertThat(p.runInt(ctx.frame(SMALL))).isEqualTo(XdpAction.PASS);
        }
        assertThat(p.stats().aborts()).isZero();
        assertThat(p.restarts()).isZero();
    }

    @Test
    void anEndlessTopLevelFailsTheLoad() {
        assertThat(loadFails("endless-top-level.js").getMessage())
                .isEqualTo("hostile/endless-top-level.js:4:8: the module's top level executed more than 1000000 statements"
                        + " (the statement limit)");
    }

    @Test
    void aHugeStringIsRefused() {
        JsProgramException e = aborts(load("huge-string.js"), SMALL, JsProgramException.Kind.THREW);
        assertThat(e.getMessage()).contains("RangeError");
    }

    @Test
    void aHugeTypedArrayIsRefused() {
        JsProgramException e = aborts(load("huge-typed-array.js"), SMALL, JsProgramException.Kind.THREW);
        assertThat(e.getMessage()).contains("RangeError");
    }

    @Test
    void deepRecursionEndsInARangeErrorAndTheContextStays() {
        JsProgram<XdpProgram> p = load("deep-recursion.js");
        JsProgramException e = aborts(p, BIG, JsProgramException.Kind.THREW);
        assertThat(e.getMessage()).contains("RangeError: Maximum call stack size exceeded");
        assertThat(p.restarts()).isZero();
        passesNext(p);
    }

    @Test
    void unboundedAllocationIsInterruptedAtTheHeapLimit() {
        JsProgramLoader loader = JsProgramLoader.builder().maps(registry).runtime(heapRuntime()).build();
        JsProgram<XdpProgram> p = load(loader, "unbounded-allocation.js");
        passesNext(p);
        JsProgramException e = aborts(p, BIG, JsProgramException.Kind.INTERRUPTED);
        assertThat(e.getMessage()).contains("heap");
        passesNext(p);
        assertThat(usedHeap()).isLessThan(WATCHDOG_HEAP_LIMIT);
    }

    @Test
    void memoryHoardedInGlobalsIsReleasedWithTheContext() {
        JsProgramLoader loader = JsProgramLoader.builder().maps(registry).runtime(heapRuntime()).build();
        JsProgram<XdpProgram> p = load(loader, "hoard-in-globals.js");
        aborts(p, BIG, JsProgramException.Kind.INTERRUPTED);
        assertThat(p.restarts()).isEqualTo(1);
        passesNext(p);
        assertThat(usedHeap()).isLessThan(WATCHDOG_HEAP_LIMIT);
    }

    @Test
    void workInsideBuiltInsIsInterruptedAtTheWallTimeLimit() {
        JsProgramLoader loader = JsProgramLoader.builder().maps(registry).runtime(wallRuntime()).build();
        JsProgram<XdpProgram> p = load(loader, "long-builtin.js");
        passesNext(p);
        JsProgramException e = aborts(p, BIG, JsProgramException.Kind.INTERRUPTED);
        assertThat(e.getMessage()).contains("wall time");
        passesNext(p);
    }

    @Test
    void sharedMemoryAndBlockingWaitsAreUnavailable() {
        assertThat(load("shared-memory.js").runInt(ctx.frame(SMALL))).isEqualTo(XdpAction.PASS);
    }

    @Test
    void theConsoleIsABoundedLogNotTheHostsOutput() {
        JsProgram<XdpProgram> p = load("console-flood.js");
        assertThat(p.runInt(ctx.frame(SMALL))).as("%s", p.stats().lastAbort()).isEqualTo(XdpAction.PASS);
        List<String> lines = p.consoleLines();
        assertThat(lines).hasSize(JsConsole.MAX_LINES);
        assertThat(lines.getLast()).isEqualTo("line 19999");
    }

    // ---- determinism ----

    @Test
    void theClockIsVirtualAndPerformanceAndIntlAreAbsent() {
        JsProgram<XdpProgram> p = load("wall-clock.js");
        ctx.now = 1_234_567_891_000_000L;
        assertThat(p.runInt(ctx.frame(SMALL))).isEqualTo(XdpAction.PASS);
        ArrayMap out = (ArrayMap) p.map("out");
        assertThat(out.lookupLong(0, -1)).isEqualTo(1_234_567_891L);
        assertThat(out.lookupLong(1, -1)).isEqualTo(1_234_567_891L);
        assertThat(out.lookupLong(2, -1)).isEqualTo(1);
        assertThat(out.lookupLong(3, -1)).isEqualTo(1);
    }

    @Test
    void weakReferencesAreRemoved() {
        JsProgramException e = aborts(load("weakref.js"), SMALL, JsProgramException.Kind.THREW);
        assertThat(e.getMessage()).contains("ReferenceError: WeakRef is not defined");
    }

    @Test
    void thereIsNoEventLoopAndAnAsyncRunIsABadResult() {
        JsProgram<XdpProgram> p = load("event-loop.js");
        JsProgramException e = aborts(p, SMALL, JsProgramException.Kind.BAD_RESULT);
        assertThat(e.getMessage()).isEqualTo("hostile/event-loop.js:7:8: run returned a Promise (programs are synchronous:"
                + " no async functions); an xdp program returns an XdpAction (a number: XdpAction.PASS, XdpAction.DROP, ...)");
        ArrayMap out = (ArrayMap) p.map("out");
        assertThat(out.lookupLong(0, -1)).as("setTimeout absent").isEqualTo(1);
        assertThat(out.lookupLong(1, -1)).as("setInterval absent").isEqualTo(1);
        assertThat(out.lookupLong(2, -1)).as("the continuation ran before the call returned").isEqualTo(1);
    }

    @Test
    void webAssemblyIsUnavailable() {
        JsProgramException e = aborts(load("webassembly.js"), SMALL, JsProgramException.Kind.THREW);
        assertThat(e.getMessage()).contains("ReferenceError: WebAssembly is not defined");
    }

    // ---- failures and results ----

    @Test
    void anEscapingHostExceptionAbortsTheRun() {
        JsProgram<XdpProgram> p = load("throw-host.js");
        JsProgramException e = aborts(p, BIG, JsProgramException.Kind.HOST_EXCEPTION);
        assertThat(e.getCause()).isInstanceOf(TestXdpContext.OutOfFrame.class);
        assertThat(e.location()).isEqualTo("hostile/throw-host.js:7:16");
        passesNext(p);
    }

    @Test
    void throwingAnythingAbortsTheRun() {
        JsProgram<XdpProgram> p = load("throw-values.js");
        for (int extra = 0; extra < 4; extra++) {
            aborts(p, TestXdpContext.udp4(1, 2, extra), JsProgramException.Kind.THREW);
        }
    }

    @Test
    void garbageVerdictsAbortAndUnknownActionsPassThrough() {
        JsProgram<XdpProgram> p = load("garbage-verdicts.js");
        for (int len = 60; len <= 66; len++) {
            byte[] frame = Arrays.copyOf(SMALL, len);
            JsProgramException e = aborts(p, frame, JsProgramException.Kind.BAD_RESULT);
            assertThat(e.getMessage()).contains("run returned");
        }
        assertThat(p.runInt(ctx.frame(Arrays.copyOf(SMALL, 67)))).isEqualTo(99);
        passesNext(p);
    }

    @Test
    void theScratchAreaIsBoundsCheckedAndTyped() {
        JsProgram<XdpProgram> p = load("scratch-abuse.js");
        aborts(p, BIG, JsProgramException.Kind.THREW);
        aborts(p, SMALL, JsProgramException.Kind.THREW);
        assertThat(ctx.scratch).hasSize(512);
    }

    // ---- bookkeeping ----

    @Test
    void everyHostileProgramIsTested() throws IOException, URISyntaxException {
        Path dir = Path.of(JsSandboxTest.class.getResource("hostile").toURI());
        Set<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
        assertThat(files.size()).as("the corpus has at least 20 hostile programs").isGreaterThanOrEqualTo(20);
        // every file is referenced from this class's source
        String source = Files.readString(Path.of("src/test/java/dev/weir/js/JsSandboxTest.java"));
        for (String f : files) {
            assertThat(source).as("a test for hostile/%s", f).contains("\"" + f + "\"");
        }
    }

    // ---- the watchdog's runtimes ----

    private static final long WATCHDOG_HEAP_LIMIT = usedHeapAfterGc() + (384L << 20);
    private static JsRuntime heapRuntime;
    private static JsRuntime wallRuntime;

    /** A runtime of its own whose watchdog acts at 384 MiB above today's live heap (and after a minute). */
    private static synchronized JsRuntime heapRuntime() {
        if (heapRuntime == null) {
            heapRuntime = JsRuntime.builder().heapLimit(WATCHDOG_HEAP_LIMIT).wallTimeLimit(Duration.ofMinutes(1)).build();
        }
        return heapRuntime;
    }

    /** A runtime of its own whose watchdog acts after 500 ms of wall time. */
    private static synchronized JsRuntime wallRuntime() {
        if (wallRuntime == null) {
            wallRuntime = JsRuntime.builder().wallTimeLimit(Duration.ofMillis(500)).build();
        }
        return wallRuntime;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return usedHeap();
    }

    private static long usedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
