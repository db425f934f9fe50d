package dev.weir.bench;

import dev.weir.sim.Scheduler;
import dev.weir.sim.SimRandom;
import dev.weir.sim.Timer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second of the simulation scheduler in a steady state: {@code pending} timers, each
 * re-arming itself at now + a random delay when it fires, as a NIC's, a link's and a TCP
 * connection's timers do. One operation is one event ({@link #fireAndRearm}) or one re-arm of a
 * pending timer without firing ({@link #rearmPending}, as a retransmission timer pushed back by
 * every ACK).
 *
 * <p>Run: {@code scripts/bench SchedulerBench} (short by default: 1 fork, 2 warm-up and 3
 * measurement iterations of 1 s).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SchedulerBench {
    private static final int DELAYS = 1 << 12;

    @Param({"16", "1024", "65536"})
    int pending;

    private Scheduler scheduler;
    private Timer[] timers;
    private final long[] delays = new long[DELAYS];
    private int nextDelay;
    private int nextTimer;

    /** Re-arms its own timer a random 1..10000 ns ahead each time it fires. */
    private final class SelfRearming implements Runnable {
        Timer timer;

        @Override
        public void run() {
            timer.scheduleIn(delays[nextDelay++ & (DELAYS - 1)]);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        SimRandom random = new SimRandom(1);
        for (int i = 0; i < DELAYS; i++) {
            delays[i] = 1 + random.nextLong(10_000);
        }
        scheduler = new Scheduler();
        timers = new Timer[pending];
        for (int i = 0; i < pending; i++) {
            SelfRearming action = new SelfRearming();
            action.timer = scheduler.newTimer("t" + i, action);
            timers[i] = action.timer;
            action.timer.scheduleIn(delays[i & (DELAYS - 1)]);
        }
    }

    @Benchmark
    public boolean fireAndRearm() {
        return scheduler.step();
    }

    @Benchmark
    public long rearmPending() {
        int i = nextTimer;
        nextTimer = i + 1 == pending ? 0 : i + 1;
        Timer t = timers[i];
        t.scheduleIn(delays[nextDelay++ & (DELAYS - 1)]);
        return t.deadline();
    }
}
