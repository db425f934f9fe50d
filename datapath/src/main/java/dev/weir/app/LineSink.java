package dev.weir.app;

/**
 * Where an application prints, one whole line at a time (no line terminator): {@link #line} for
 * what the Linux tool writes to standard output, {@link #error} for standard error. The topology
 * runner prefixes host names; tests collect the lines.
 */
@FunctionalInterface
public interface LineSink {
    void line(String text);

    /** A line of standard error; by default mixed into {@link #line}. */
    default void error(String text) {
        line(text);
    }
}
