package dev.weir.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private final Scheduler s = new Scheduler();
    private final List<String> log = new ArrayList<>();

    private Timer logging(String name) {
        return s.newTimer(name, () -> log.add(name + "@" + s.now()));
    }

    @Test
    void eventsRunInTimeOrderAndTheClockFollowsThem() {
        logging("c").scheduleAt(300);
        logging("a").scheduleAt(100);
        logging("b").scheduleAt(200);
        s.run();
        assertThat(log).containsExactly("a@100", "b@200", "c@300");
        assertThat(s.now()).isEqualTo(300);
        assertThat(s.eventsExecuted()).isEqualTo(3);
        assertThat(s.pendingCount()).isZero();
    }

    @Test
    void eventsAtTheSameInstantRunInTheOrderTheyWereArmed() {
        for (int i = 0; i < 20; i++) {
            logging("t" + i).scheduleAt(50);
        }
        s.run();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("t" + i + "@50");
        }
        assertThat(log).isEqualTo(expected);
    }

    @Test
    void reArmingCountsAsANewInsertionForSameInstantOrder() {
        Timer a = logging("a");
        Timer b = logging("b");
        a.scheduleAt(10);
        b.scheduleAt(10);
        a.scheduleAt(10); // moved behind b
        s.run();
        assertThat(log).containsExactly("b@10", "a@10");
    }

    @Test
    void cancelledTimersDoNotFire() {
        Timer a = logging("a");
        Timer b = logging("b");
        Timer c = logging("c");
        a.scheduleAt(10);
        b.scheduleAt(20);
        c.scheduleAt(30);
        assertThat(b.cancel()).isTrue();
        assertThat(b.cancel()).isFalse();
        assertThat(b.isPending()).isFalse();
        assertThat(b.deadline()).isEqualTo(-1);
        s.run();
        assertThat(log).containsExactly("a@10", "c@30");
    }

    @Test
    void reschedulingAPendingTimerMovesItAndItFiresOnce() {
        Timer a = logging("a");
        logging("x").scheduleAt(50);
        a.scheduleAt(100);
        a.scheduleAt(20);
        assertThat(a.deadline()).isEqualTo(20);
        s.run();
        assertThat(log).containsExactly("a@20", "x@50");
        a.scheduleAt(s.now() + 5);
        a.scheduleIn(500);
        s.run();
        assertThat(log).containsExactly("a@20", "x@50", "a@550");
    }

    @Test
    void schedulingInThePastIsAnErrorNamingTheTimerAndTimes() {
        s.runUntil(1_000);
        Timer a = logging("nic:tx");
        assertThatThrownBy(() -> a.scheduleAt(999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nic:tx")
                .hasMessageContaining("0.000000999s")
                .hasMessageContaining("before now (0.000001000s)");
        assertThatThrownBy(() -> a.scheduleIn(-1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> a.scheduleIn(Long.MAX_VALUE)).hasMessageContaining("overflows");
        assertThatThrownBy(() -> s.runUntil(10)).hasMessageContaining("before now");
        assertThat(a.isPending()).isFalse();
        a.scheduleAt(1_000); // now itself is fine
        s.run();
        assertThat(log).containsExactly("nic:tx@1000");
    }

    @Test
    void eventsMayScheduleAndCancelOthersWhileRunning() {
        Timer late = logging("late");
        late.scheduleAt(100);
        Timer[] chain = new Timer[1];
        int[] n = {0};
        chain[0] = s.newTimer("chain", () -> {
            log.add("chain" + n[0] + "@" + s.now());
            if (++n[0] < 3) {
                s.schedule(0, () -> log.add("same-instant@" + s.now()));
                chain[0].scheduleIn(10); // re-arms itself
            } else {
                late.cancel();
            }
        });
        chain[0].scheduleAt(5);
        s.run();
        assertThat(log).containsExactly("chain0@5", "same-instant@5", "chain1@15", "same-instant@15", "chain2@25");
    }

    @Test
    void runUntilRunsEventsAtTheBoundaryAndEndsTheClockThere() {
        logging("a").scheduleAt(100);
        logging("b").scheduleAt(200);
        logging("c").scheduleAt(201);
        s.runUntil(200);
        assertThat(log).containsExactly("a@100", "b@200");
        assertThat(s.now()).isEqualTo(200);
        s.runUntil(150 + 100);
        assertThat(s.now()).isEqualTo(250);
        assertThat(log).containsExactly("a@100", "b@200", "c@201");
        s.runFor(1_000);
        assertThat(s.now()).isEqualTo(1_250);
        assertThat(s.nextEventTime()).isEqualTo(-1);
    }

    @Test
    void eventsArmedInsideTheWindowAndDueInItRunToo() {
        s.newTimer("a", () -> s.schedule(50, () -> log.add("inner@" + s.now()))).scheduleAt(10);
        s.runUntil(60);
        assertThat(log).containsExactly("inner@60");
        s.schedule(1, () -> s.schedule(100, () -> log.add("beyond@" + s.now())));
        s.runUntil(100);
        assertThat(log).containsExactly("inner@60");
        assertThat(s.pendingCount()).isEqualTo(1);
        assertThat(s.nextEventTime()).isEqualTo(161);
    }

    @Test
    void stopReturnsAfterTheCurrentEventAndLeavesTheClockThere() {
        logging("a").scheduleAt(10);
        s.newTimer("stopper", () -> {
            log.add("stop@" + s.now());
            s.stop();
        }).scheduleAt(20);
        logging("b").scheduleAt(20);
        logging("c").scheduleAt(30);
        s.runUntil(1_000);
        assertThat(log).containsExactly("a@10", "stop@20");
        assertThat(s.now()).isEqualTo(20);
        s.stop(); // outside a run: no effect on the next one
        s.runUntil(1_000);
        assertThat(log).containsExactly("a@10", "stop@20", "b@20", "c@30");
        assertThat(s.now()).isEqualTo(1_000);
    }

    @Test
    void stepRunsOneEvent() {
        logging("a").scheduleAt(7);
        logging("b").scheduleAt(9);
        assertThat(s.step()).isTrue();
        assertThat(s.now()).isEqualTo(7);
        assertThat(log).containsExactly("a@7");
        assertThat(s.step()).isTrue();
        assertThat(s.step()).isFalse();
        assertThat(s.now()).isEqualTo(9);
    }

    @Test
    void runningFromInsideAnEventIsRefused() {
        s.schedule(1, () -> s.run());
        assertThatThrownBy(s::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("inside an event");
        // The scheduler is still usable after an action threw.
        logging("after").scheduleIn(1);
        s.run();
        assertThat(log).containsExactly("after@2");
    }

    @Test
    void anActionThatThrowsLeavesTheSchedulerConsistent() {
        s.schedule(5, () -> {
            throw new IllegalStateException("boom");
        });
        logging("next").scheduleAt(6);
        assertThatThrownBy(s::run).hasMessage("boom");
        assertThat(s.now()).isEqualTo(5);
        assertThat(s.eventsExecuted()).isEqualTo(1);
        s.run();
        assertThat(log).containsExactly("next@6");
    }

    @Test
    void manyTimersWithRandomDeadlinesComeOutSorted() {
        SimRandom r = new SimRandom(42);
        long[] fired = new long[10_000];
        int[] n = {0};
        for (int i = 0; i < fired.length; i++) {
            s.newTimer("t" + i, () -> fired[n[0]++] = s.now()).scheduleAt(r.nextLong(1_000_000));
        }
        s.run();
        assertThat(n[0]).isEqualTo(fired.length);
        assertThat(fired).isSorted();
    }
}
