package dev.weir.js;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;

/**
 * The last line of defence behind the statement limit: a daemon thread that interrupts a
 * JavaScript run that has gone on too long in wall time, or while the JVM's heap is fuller than
 * the runtime's limit. Statements bound a program's own loops deterministically; they do not
 * count the work of one built-in call ({@code new Array(1e9).fill(0)}, a sort of a huge array, a
 * backtracking regular expression), nor bound memory. Interrupting (Truffle's
 * {@code Context.interrupt}) ends the run with an exception the program cannot catch and leaves
 * the context usable.
 *
 * <p>The run loop tells the watchdog which program runs with two release stores per run (no
 * fence, no clock read on the simulation thread); the watchdog samples them every
 * {@link #TICK_MS} ms. A run is interrupted after it was seen running, unchanged, for the
 * wall-time limit, or at the first sample where the heap is over its limit even after a full
 * collection; a program stopped for the heap also loses its context (its globals may be what
 * holds the memory), which is recreated. When the watchdog acts depends on the machine: a program
 * it stops would otherwise have hung or exhausted the JVM.
 */
final class JsWatchdog {
    static final long TICK_MS = 10;

    private static final VarHandle ACTIVE;
    private static final VarHandle SEQ;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            ACTIVE = l.findVarHandle(JsWatchdog.class, "active", JsInstance.class);
            SEQ = l.findVarHandle(JsWatchdog.class, "seq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long wallLimitNs;
    private final long heapLimit;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    @SuppressWarnings("unused") // through ACTIVE
    private JsInstance active;
    @SuppressWarnings("unused") // through SEQ
    private long seq;
    private Thread thread;

    /**
     * @param wallLimit a run longer than this is interrupted; null for no limit
     * @param heapLimit a run is interrupted while the heap holds more than this many bytes
     */
    JsWatchdog(Duration wallLimit, long heapLimit) {
        this.wallLimitNs = wallLimit == null ? Long.MAX_VALUE : wallLimit.toNanos();
        this.heapLimit = heapLimit;
    }

    /** Starts the thread (once). */
    synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("weir-js-watchdog").start(this::watch);
        }
    }

    /** A run of {@code instance} starts; returns the run it nests in (null), for {@link #end}. */
    JsInstance begin(JsInstance instance) {
        JsInstance outer = (JsInstance) ACTIVE.get(this);
        SEQ.setRelease(this, (long) SEQ.get(this) + 1);
        ACTIVE.setRelease(this, instance);
        return outer;
    }

    /** The run ends; {@code outer} (from {@link #begin}) goes on. */
    void end(JsInstance outer) {
        ACTIVE.setRelease(this, outer);
    }

    long heapLimit() {
        return heapLimit;
    }

    private void watch() {
        JsInstance seen = null;
        long seenSeq = -1;
        long since = 0;
        while (true) {
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
            JsInstance a = (JsInstance) ACTIVE.getAcquire(this);
            long s = (long) SEQ.getAcquire(this);
            if (a == null) {
                seen = null;
                continue;
            }
            long now = System.nanoTime();
            if (a != seen || s != seenSeq) {
                seen = a;
                seenSeq = s;
                since = now;
            }
            if (memory.getHeapMemoryUsage().getUsed() > heapLimit && liveHeapOverLimit()) {
                a.interrupt("the JVM's heap held more than " + (heapLimit >> 20) + " MiB of live data (the runtime's heap limit)"
                        + " while it ran", s, true);
            } else if (now - since > wallLimitNs) {
                a.interrupt("it ran for more than " + wallLimitNs / 1_000_000 + " ms of wall time (the runtime's limit)", s, false);
                since = now;
            }
        }
    }

    /**
     * Whether the heap is still over the limit after a full collection: garbage does not count,
     * only what is live. (Here, on the watchdog's thread, when the heap is already nearly full.)
     */
    private boolean liveHeapOverLimit() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() > heapLimit;
    }

    /** Whether run {@code seq} of {@code instance} is still in progress (an interrupt is still meant for it). */
    boolean running(JsInstance instance, long seq) {
        return ACTIVE.getAcquire(this) == instance && (long) SEQ.getAcquire(this) == seq;
    }
}
