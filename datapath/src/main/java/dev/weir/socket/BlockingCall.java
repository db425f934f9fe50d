package dev.weir.socket;

import dev.weir.sim.Scheduler;
import java.util.function.IntSupplier;

/**
 * A blocking system call for a caller that drives the simulation itself (a packetdrill runner, a
 * test): makes the call, and while it answers {@code -EAGAIN} on a blocking socket, runs the
 * scheduler until the socket shows one of the awaited events (or an error, or a hang-up), then
 * calls again. A timeout ({@code SO_RCVTIMEO} for reads, {@code SO_SNDTIMEO} for writes) ends
 * the wait with {@code -EAGAIN}, as Linux's {@code sock_rcvtimeo} expiry does. A
 * non-blocking socket, or {@code MSG_DONTWAIT}, returns the first answer.
 *
 * <pre>{@code
 *   int n = BlockingCall.run(scheduler, sk, Epoll.EPOLLIN, sk.rcvTimeoNanos(),
 *           () -> sk.recvfrom(buf, 0, buf.length, 0, info));
 * }</pre>
 *
 * <p>Only for callers outside the stack: it runs other events (every host's) while it waits,
 * so it must not be called from inside an event.
 */
public final class BlockingCall {
    private BlockingCall() {}

    /**
     * @param events the {@code EPOLL*} events that let the call proceed ({@code EPOLLIN} for
     *     reads, {@code EPOLLOUT} for writes)
     * @param timeoutNanos how long to wait at most, {@link Sock#NO_TIMEOUT} for ever
     * @param call the system call, made again after each wakeup
     * @return the call's answer; {@code -EAGAIN} when the timeout passed or the simulation ran
     *     out of events first
     */
    public static int run(Scheduler scheduler, Sock sk, int events, long timeoutNanos, IntSupplier call) {
        int r = call.getAsInt();
        if (r != -Errno.EAGAIN || sk.isNonBlocking()) {
            return r;
        }
        long deadline = timeoutNanos == Sock.NO_TIMEOUT ? Long.MAX_VALUE : scheduler.now() + timeoutNanos;
        int want = events | Epoll.EPOLLERR | Epoll.EPOLLHUP;
        boolean[] woken = new boolean[1];
        // The call failed with nothing having happened since: wait for the socket's next wakeup
        // that shows an awaited event (not for the mask alone, which may already show one the
        // call could not use, such as an error-queue EPOLLERR for a plain read).
        SockListener l = (s, e) -> woken[0] |= (s.poll() & want) != 0;
        sk.addListener(l);
        try {
            while (r == -Errno.EAGAIN) {
                woken[0] = false;
                while (!woken[0]) {
                    long next = scheduler.nextEventTime();
                    if (next < 0 || next > deadline) {
                        if (deadline != Long.MAX_VALUE && deadline > scheduler.now()) {
                            scheduler.runUntil(deadline);
                        }
                        return -Errno.EAGAIN;
                    }
                    scheduler.step();
                }
                r = call.getAsInt();
            }
            return r;
        } finally {
            sk.removeListener(l);
        }
    }
}
