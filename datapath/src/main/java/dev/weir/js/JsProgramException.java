package dev.weir.js;

/**
 * A run of a JavaScript program failed: what the program's adapter throws to the run wrapper,
 * which ends the run with the program type's abort verdict (XDP_ABORTED, TC_ACT_SHOT, NF_DROP),
 * counts it and goes on, exactly as for a Java program that throws or runs out of budget. The
 * program is ready for the next run when this is thrown (its context was recreated if the
 * failure killed it).
 *
 * <p>The message names the program and where it failed: {@code drop.js:12:5: TypeError: ...}
 * (a host exception thrown without a stack trace cannot be placed: then just {@code drop.js}).
 * The cause is the host exception for {@link Kind#HOST_EXCEPTION}, else none: GraalJS's own
 * exception would keep the program's context, and all it holds, alive. No stack trace is
 * filled in: a failing program costs the host little.
 */
public final class JsProgramException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the run ended. */
    public enum Kind {
        /** The program threw (a JavaScript error, including a stack overflow's RangeError). */
        THREW,
        /** A host method the program called threw (a helper refused its arguments, a load out of bounds). */
        HOST_EXCEPTION,
        /** The run executed more statements than the program's limit. */
        STATEMENT_LIMIT,
        /** The watchdog interrupted the run: too long in wall time, or the heap too full. */
        INTERRUPTED,
        /** The result was not what the program type returns (a number that fits an int). */
        BAD_RESULT,
        /** GraalJS failed internally; the context was recreated. */
        INTERNAL
    }

    private final Kind kind;
    private final String location;

    JsProgramException(Kind kind, String location, String message, Throwable cause) {
        super(location == null ? message : location + ": " + message, cause, false, false);
        this.kind = kind;
        this.location = location;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code file.js:LINE:COL} of the statement that failed, {@code file.js} when unknown. */
    public String location() {
        return location;
    }
}
