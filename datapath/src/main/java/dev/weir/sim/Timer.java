package dev.weir.sim;

/**
 * A reusable, named event of one {@link Scheduler}: an action that runs when virtual time
 * reaches the timer's deadline. Components create their timers once ({@link Scheduler#newTimer})
 * and re-arm them for every use, which allocates nothing.
 *
 * <p>A timer is either idle or pending with one deadline. Arming a pending timer moves it to the
 * new deadline (it fires once, not twice). When it fires it is idle again before its action runs,
 * so the action may re-arm it. Arming counts as a fresh insertion for the FIFO order of events at
 * the same instant: of two timers due at the same time, the one armed first fires first.
 *
 * <p>Not thread-safe: only the scheduler's thread may touch it.
 */
public final class Timer {
    final Scheduler scheduler;
    final Runnable action;
    private final String name;
    /** Position in the scheduler's heap, or -1 when idle. */
    int index = -1;

    Timer(Scheduler scheduler, String name, Runnable action) {
        this.scheduler = scheduler;
        this.name = name;
        this.action = action;
    }

    /** The name given at creation, shown in errors and traces. */
    public String name() {
        return name;
    }

    /**
     * Arms the timer to fire at absolute virtual time {@code time} (nanoseconds), replacing any
     * deadline it had. {@code time} may equal {@link Scheduler#now()} (the timer then fires after
     * the events already due now) but not precede it.
     *
     * @throws IllegalArgumentException when {@code time} is in the past
     */
    public void scheduleAt(long time) {
        scheduler.arm(this, time);
    }

    /**
     * Arms the timer to fire {@code delay} nanoseconds from now ({@code delay >= 0}).
     *
     * @throws IllegalArgumentException when {@code delay} is negative or now + delay overflows
     */
    public void scheduleIn(long delay) {
        scheduler.arm(this, scheduler.deadlineIn(this, delay));
    }

    /** Disarms the timer; returns whether it was pending. Cancelling an idle timer does nothing. */
    public boolean cancel() {
        if (index < 0) {
            return false;
        }
        scheduler.remove(this);
        return true;
    }

    /** True while armed and not yet fired or cancelled. */
    public boolean isPending() {
        return index >= 0;
    }

    /** The virtual time this timer will fire at, or -1 when it is not pending. */
    public long deadline() {
        return index < 0 ? -1 : scheduler.deadlineAt(index);
    }

    @Override
    public String toString() {
        return "Timer[" + name + (index < 0 ? ", idle" : ", at " + VirtualTime.format(deadline())) + "]";
    }
}
