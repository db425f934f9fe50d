package dev.weir.app;

import dev.weir.sim.Scheduler;
import dev.weir.sim.Timer;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of every application that is not its own: the context, finishing once with an exit
 * status, and a coalesced "run soon" for socket wakeups (a socket or epoll callback comes from
 * inside the stack, so the application's work runs as a separate event at the same virtual
 * time, as a woken task runs after the softirq that woke it).
 */
abstract class SimApp implements App {
    final AppContext ctx;
    final LineSink out;
    final Scheduler scheduler;
    private final String name;
    private final List<Runnable> exitListeners = new ArrayList<>();
    private final Timer soon;
    private boolean started;
    private boolean finished;
    private int exitCode;

    SimApp(String name, AppContext ctx) {
        this.name = name;
        this.ctx = ctx;
        this.out = ctx.out();
        this.scheduler = ctx.scheduler();
        this.soon = scheduler.newTimer(name + ":wakeup", this::woken);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void start() {
        if (started) {
            throw new IllegalStateException(name + " was already started");
        }
        started = true;
        run();
    }

    /** What {@link #start} does. */
    abstract void run();

    /** What a wakeup from a socket leads to, at the virtual time it came. */
    void woken() {}

    /** Schedules {@link #woken} now, once however many wakeups come before it runs. */
    final void wakeSoon() {
        if (!finished && !soon.isPending()) {
            soon.scheduleAt(scheduler.now());
        }
    }

    /** Ends the application with {@code code} and tells the listeners; later calls are ignored. */
    final void exit(int code) {
        if (finished) {
            return;
        }
        finished = true;
        exitCode = code;
        soon.cancel();
        closeAll();
        for (Runnable r : exitListeners) {
            r.run();
        }
    }

    /** Releases sockets and timers when the application ends. */
    abstract void closeAll();

    /** Cancels the timers that exist, and takes {@code listener} off {@code sock} and closes it if there is one. */
    static void release(dev.weir.socket.Sock sock, dev.weir.socket.SockListener listener, Timer... timers) {
        for (Timer t : timers) {
            if (t != null) {
                t.cancel();
            }
        }
        if (sock != null) {
            sock.removeListener(listener);
            sock.close();
        }
    }

    @Override
    public final boolean isFinished() {
        return finished;
    }

    @Override
    public final int exitCode() {
        if (!finished) {
            throw new IllegalStateException(name + " is still running");
        }
        return exitCode;
    }

    @Override
    public final void onExit(Runnable listener) {
        if (finished) {
            listener.run();
        } else {
            exitListeners.add(listener);
        }
    }

    long nowNanos() {
        return scheduler.now();
    }
}
