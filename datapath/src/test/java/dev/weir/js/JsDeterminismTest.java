package dev.weir.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.prog.XdpProgram;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Math.random draws from the run's seeded stream and Date reads the virtual clock, so a
 * JavaScript program is as repeatable as a Java one: the same seed and times give the same
 * values, run after run and program after program.
 */
class JsDeterminismTest {

    /** What random-time.js writes for {@code runs} runs with a context seeded {@code seed} at time {@code ns}. */
    private static List<Long> values(long seed, long ns, int runs) {
        JsProgram<XdpProgram> p = JsTestSupport.loader(JsTestSupport.registry())
                .load("random-time.js", JsTestSupport.source("random-time.js"), XdpProgram.class);
        TestXdpContext ctx = new TestXdpContext(seed);
        ctx.now = ns;
        ArrayMap out = (ArrayMap) p.map("out");
        List<Long> got = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            p.runInt(ctx.frame(TestXdpContext.udp4(1, 2, 8)));
            for (int i = 0; i < 7; i++) {
                got.add(out.lookupLong(i, -1));
            }
        }
        assertThat(p.stats().aborts()).as("%s", p.stats().lastAbort()).isZero();
        p.close();
        return got;
    }

    @Test
    void theSameSeedGivesTheSameRandomNumbers() {
        assertThat(values(42, 0, 3)).isEqualTo(values(42, 0, 3));
        assertThat(values(42, 0, 1)).isNotEqualTo(values(43, 0, 1));
    }

    @Test
    void mathRandomIsTwoDrawsOfTheContextsStream() {
        List<Long> got = values(99, 0, 1);
        SplittableRandom stream = new SplittableRandom(99); // what TestXdpContext.randomU32 draws from
        for (int i = 0; i < 4; i++) {
            long hi = stream.nextInt() >>> 5;
            long lo = stream.nextInt() >>> 6;
            double d = ((hi << 26) | lo) / 0x1p53;
            assertThat(got.get(i)).isEqualTo((long) Math.floor(d * 4294967296.0));
        }
    }

    @Test
    void dateReadsTheVirtualClock() {
        List<Long> got = values(1, 7_000_123_456_789L, 1);
        assertThat(got.subList(4, 7)).containsExactly(7_000_123L, 7_000_123L, 7_000_000L); // Date() has whole seconds
    }

    @Test
    void outsideARunTheLoadersClockAndSeedAreUsed() {
        long[] now = {5_000_000_000L};
        JsProgramLoader loader = JsProgramLoader.builder().maps(JsTestSupport.registry()).seed(7).clock(() -> now[0]).build();
        String src = """
                export const type = "xdp";
                export const loadedAt = Date.now();
                export const first = Math.random();
                export function run(ctx) { return XdpAction.PASS; }
                """;
        JsProgram<?> a = loader.load("a.js", src);
        JsProgram<?> b = loader.load("b.js", src);
        assertThat(a.consoleLines()).isEmpty();
        assertThat(exported(a, "loadedAt")).isEqualTo(5000.0);
        assertThat(exported(a, "first")).isEqualTo(exported(b, "first"));
        assertThat(exported(a, "first")).isEqualTo((new SplittableRandom(7).nextLong() >>> 11) / 0x1p53);
    }

    private static double exported(JsProgram<?> p, String name) {
        return JsTestSupport.exported(p, name);
    }
}
