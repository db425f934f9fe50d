package dev.weir.app;

/**
 * An application running on a host inside the simulation, event-driven: {@link #start} sets it
 * going at the current virtual time, after which it runs only from scheduler events and socket
 * readiness, never blocking and never reading the wall clock. It prints through its
 * {@link LineSink} and ends by itself (ping after its count) or when {@link #stop}ped (like
 * SIGINT: it prints its summary and exits).
 */
public interface App {
    /** The command name ({@code ping}, {@code udp-sink}). */
    String name();

    /** Starts the application now. Called once. */
    void start();

    /** Asks the application to finish now, as Ctrl-C would; a finished one ignores it. */
    void stop();

    boolean isFinished();

    /** The exit status once finished (as the Linux tool's). */
    int exitCode();

    /** {@code listener} is called once when the application finishes (at once if it has). */
    void onExit(Runnable listener);
}
