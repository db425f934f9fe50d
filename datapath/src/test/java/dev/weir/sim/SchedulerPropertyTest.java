package dev.weir.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The scheduler against a model that is obviously right: a map of pending timers to
 * (deadline, arming sequence), fired by linear search for the smallest pair.
 */
class SchedulerPropertyTest {
    private static final int TIMERS = 40; // three levels of a 4-ary heap

    sealed interface Op permits Arm, Cancel, Advance {}

    record Arm(int timer, long delay) implements Op {}

    record Cancel(int timer) implements Op {}

    record Advance(long duration) implements Op {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> timer = Arbitraries.integers().between(0, TIMERS - 1);
        // Small delays give many events at the same instant, which is where FIFO order matters.
        Arbitrary<Op> arm = Combinators.combine(timer, Arbitraries.longs().between(0, 30)).as(Arm::new);
        Arbitrary<Op> cancel = timer.map(Cancel::new);
        Arbitrary<Op> advance = Arbitraries.longs().between(0, 25).map(Advance::new);
        return Arbitraries.frequencyOf(
                Tuple.of(6, arm), Tuple.of(2, cancel), Tuple.of(2, advance))
                .list().ofMaxSize(400);
    }

    @Property(tries = 300)
    void firesExactlyTheNonCancelledTimersInDeadlineThenArmingOrder(@ForAll("ops") List<Op> ops) {
        Scheduler s = new Scheduler();
        List<String> actual = new ArrayList<>();
        Timer[] timers = new Timer[TIMERS];
        for (int i = 0; i < TIMERS; i++) {
            int id = i;
            timers[i] = s.newTimer("t" + i, () -> actual.add(id + "@" + s.now()));
        }

        Model model = new Model();
        for (Op op : ops) {
            switch (op) {
                case Arm a -> {
                    timers[a.timer()].scheduleIn(a.delay());
                    model.arm(a.timer(), a.delay());
                }
                case Cancel c -> assertThat(timers[c.timer()].cancel()).isEqualTo(model.cancel(c.timer()));
                case Advance d -> {
                    s.runFor(d.duration());
                    model.advance(model.now + d.duration());
                }
            }
            assertThat(s.now()).isEqualTo(model.now);
            assertThat(s.pendingCount()).isEqualTo(model.pending.size());
            for (int i = 0; i < TIMERS; i++) {
                long[] p = model.pending.get(i);
                assertThat(timers[i].deadline()).isEqualTo(p == null ? -1 : p[0]);
            }
        }
        s.run();
        model.advance(Long.MAX_VALUE);
        assertThat(actual).isEqualTo(model.fired);
    }

    private static final class Model {
        long now;
        long seq;
        final Map<Integer, long[]> pending = new HashMap<>();
        final List<String> fired = new ArrayList<>();

        void arm(int id, long delay) {
            pending.put(id, new long[] {now + delay, seq++});
        }

        boolean cancel(int id) {
            return pending.remove(id) != null;
        }

        void advance(long until) {
            while (true) {
                Integer best = null;
                for (Map.Entry<Integer, long[]> e : pending.entrySet()) {
                    long[] v = e.getValue();
                    if (v[0] <= until && (best == null || v[0] < pending.get(best)[0]
                            || (v[0] == pending.get(best)[0] && v[1] < pending.get(best)[1]))) {
                        best = e.getKey();
                    }
                }
                if (best == null) {
                    break;
                }
                now = pending.remove(best)[0];
                fired.add(best + "@" + now);
            }
            if (until != Long.MAX_VALUE) {
                now = until;
            }
        }
    }
}
