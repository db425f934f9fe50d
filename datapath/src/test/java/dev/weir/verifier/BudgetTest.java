package dev.weir.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.prog.XdpProgram;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The instruction budget the loader inserts: what a loop and a call chain are charged, that an
 * exhausted run ends ABORTED while the next run works, and that running allocates nothing.
 */
class BudgetTest {
    private static final String LOOP = """
            package dev.example;

            import dev.weir.api.prog.*;

            public final class Loop implements XdpProgram {
                public int run(XdpContext ctx) {
                    int n = ctx.len();
                    int s = 0;
                    for (int i = 0; i < n; i++) {
                        s += i;
                    }
                    return s;
                }
            }
            """;
    private static final String CHAIN = """
            package dev.example;

            import dev.weir.api.prog.*;

            public final class Chain implements XdpProgram {
                private static int c(int x) {
                    return x + 1;
                }

                private static int b(int x) {
                    return c(x) * 2;
                }

                private static int a(int x) {
                    return b(x) + 3;
                }

                public int run(XdpContext ctx) {
                    return a(7);
                }
            }
            """;

    private static LoadedProgram<XdpProgram> load(ProgramLoader loader, String name, String source) {
        return loader.loadSource(name + ".java", source).as(XdpProgram.class);
    }

    private static long used(LoadedProgram<XdpProgram> p, int length) {
        long before = p.stats().budgetUsed();
        Corpus.run(p, length);
        return p.stats().budgetUsed() - before;
    }

    private static List<Instrumenter.Point> points(LoadedProgram<?> p, Instrumenter.Point.Kind kind) {
        return p.instrumentation().points().stream().filter(x -> x.kind() == kind).toList();
    }

    @Test
    void aLoopOfNIterationsIsChargedItsBodyAtEachPassOfItsHead() {
        LoadedProgram<XdpProgram> p = load(Corpus.loader(), "Loop", LOOP);
        List<Instrumenter.Point> loops = points(p, Instrumenter.Point.Kind.LOOP);
        assertThat(loops).hasSize(1);
        // javac puts the test at the head: `i < n` (iload, iload, if_icmpge), body `s += i; i++`
        // (iload, iload, iadd, istore, iinc), then goto head: 9 instructions.
        assertThat(loops.get(0).units()).isEqualTo(9);
        assertThat(loops.get(0).line()).isEqualTo(9);
        assertThat(points(p, Instrumenter.Point.Kind.CALL)).extracting(Instrumenter.Point::method)
                .containsExactly("<init>", "run"); // Object.<init>() and ctx.len(), 1 each
        // The head is passed N + 1 times: N iterations and the final failed test.
        assertThat(used(p, 0)).isEqualTo(1 + 9);
        assertThat(used(p, 1000)).isEqualTo(1 + 1001 * 9);
        assertThat(used(p, 2000) - used(p, 1000)).isEqualTo(1000 * 9);
    }

    @Test
    void aCallChainIsChargedEachCallPlusTheCalleesSize() {
        LoadedProgram<XdpProgram> p = load(Corpus.loader(), "Chain", CHAIN);
        List<Instrumenter.Point> calls = points(p, Instrumenter.Point.Kind.CALL).stream()
                .filter(c -> !c.method().equals("<init>")).toList();
        // run -> a (1 + 5 instructions), a -> b (1 + 5), b -> c (1 + 4)
        assertThat(calls).extracting(Instrumenter.Point::units).containsExactlyInAnyOrder(6, 6, 5);
        assertThat(used(p, 0)).isEqualTo(17);
        assertThat(Corpus.run(p, 0)).isEqualTo(19);
    }

    @Test
    void anExhaustedRunIsAbortedAndTheNextRunWorks() {
        LoadedProgram<XdpProgram> p = load(Corpus.loader().withBudget(500), "Loop", LOOP);
        assertThat(Corpus.run(p, 100)).isEqualTo(Corpus.ABORTED);
        assertThat(p.stats().aborts()).isEqualTo(1);
        assertThat(p.stats().budgetExhaustions()).isEqualTo(1);
        assertThat(p.stats().lastAbort()).isInstanceOf(BudgetExhaustedError.class);
        assertThat(Corpus.run(p, 10)).isEqualTo(45);
        assertThat(p.stats().runs()).isEqualTo(2);
        assertThat(p.stats().aborts()).isEqualTo(1);
    }

    @Test
    void aProgramThatThrowsIsAbortedButNotCountedAsOutOfBudget() {
        LoadedProgram<XdpProgram> p = Corpus.loader().load(Corpus.byName("DivideByZero").file(), null)
                .as(XdpProgram.class);
        assertThat(Corpus.run(p, 10)).isEqualTo(Corpus.ABORTED);
        assertThat(p.stats().lastAbort()).isInstanceOf(ArithmeticException.class);
        assertThat(p.stats().budgetExhaustions()).isZero();
    }

    @Test
    void nestedRunsRestoreTheOuterBudget() {
        LoadedProgram<XdpProgram> inner = load(Corpus.loader(), "Loop", LOOP);
        long token = Budget.begin(1000);
        Budget.charge(10);
        Corpus.run(inner, 50);
        assertThat(Budget.remaining()).isEqualTo(990);
        Budget.end(token);
    }

    @Test
    void programCodeOutsideARunFailsAtItsFirstBudgetPoint() {
        LoadedProgram<XdpProgram> p = load(Corpus.loader(), "Loop", LOOP);
        assertThatThrownBy(() -> p.program().run(TestContext.ofLength(10))).isInstanceOf(BudgetExhaustedError.class);
    }

    @Test
    void runsAreTimedWithTheCallersClock() {
        LoadedProgram<XdpProgram> p = load(Corpus.loader(), "Loop", LOOP);
        long[] now = {0};
        p.runner().clock(() -> now[0] += 250);
        Corpus.run(p, 3);
        Corpus.run(p, 3);
        assertThat(p.stats().totalTimeNs()).isEqualTo(500);
        assertThat(p.stats().meanTimeNs()).isEqualTo(250);
    }

    @Test
    void runningAllocatesNothingWhetherTheRunCompletesOrRunsOutOfBudget() {
        LoadedProgram<XdpProgram> loop = load(Corpus.loader().withBudget(5_000), "Loop", LOOP);
        TestContext small = TestContext.ofLength(20);
        TestContext big = TestContext.ofLength(10_000);
        ProgramRunner<XdpProgram> r = loop.runner();
        Runnable rounds = () -> {
            for (int i = 0; i < 10_000; i++) {
                r.runInt(small, XdpProgram::run, -1);
                r.runInt(big, XdpProgram::run, -1);
            }
        };
        rounds.run(); // warm-up: class loading, compilation
        long before = allocated();
        rounds.run();
        long bytes = allocated() - before;
        assertThat(loop.stats().budgetExhaustions()).isEqualTo(20_000);
        assertThat(bytes).isLessThan(10_000);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
