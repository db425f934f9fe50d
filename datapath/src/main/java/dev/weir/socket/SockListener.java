package dev.weir.socket;

/**
 * Told when a socket may have become ready (Linux's {@code sk_data_ready}, {@code sk_write_space},
 * {@code sk_state_change}, {@code sk_error_report} waking the socket's wait queue). Epoll instances
 * and blocking callers register one with {@link Sock#addListener}.
 *
 * <p>Called on the simulation thread from inside the stack (a packet being delivered, a buffer
 * being freed by the driver): a listener must only note the event or schedule work, never call
 * back into the socket's send or receive path from the callback itself. It may add or remove
 * listeners. The event is a hint: the truth is {@link Sock#poll()}.
 */
@FunctionalInterface
public interface SockListener {
    /** Data or an end of stream arrived ({@code sk_data_ready}). */
    int DATA_READY = 1;
    /** Send memory was freed and the socket is writable ({@code sk_write_space}). */
    int WRITE_SPACE = 2;
    /** The state changed (connected, disconnected, closed: {@code sk_state_change}). */
    int STATE_CHANGE = 4;
    /** An error was reported ({@code sk_error_report}): {@code SO_ERROR} or the error queue. */
    int ERROR = 8;

    void onEvent(Sock sk, int event);
}
