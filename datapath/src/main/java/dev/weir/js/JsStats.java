package dev.weir.js;

/**
 * Run statistics of one JavaScript program, as {@code ProgramStats} keeps them for Java programs
 * ({@code bpftool prog show}'s {@code run_cnt}): runs, aborted runs and why they aborted, and how
 * often the program's context had to be recreated. Updated on the thread that runs programs.
 */
public final class JsStats {
    private long runs;
    private long aborts;
    private long statementLimits;
    private long interrupts;
    private Throwable lastAbort;

    /** Runs started, completed or aborted. */
    public long runs() {
        return runs;
    }

    /** Runs that ended ABORTED: the program threw, exceeded its statement limit, was interrupted, or returned a non-number. */
    public long aborts() {
        return aborts;
    }

    /** Aborted runs that exceeded the statement limit (counted in {@link #aborts} too). */
    public long statementLimits() {
        return statementLimits;
    }

    /** Aborted runs the watchdog interrupted (counted in {@link #aborts} too). */
    public long interrupts() {
        return interrupts;
    }

    /** What ended the last aborted run (a {@link JsProgramException} unless the host itself failed), or null. */
    public Throwable lastAbort() {
        return lastAbort;
    }

    void ran() {
        runs++;
    }

    void aborted(Throwable cause) {
        aborts++;
        lastAbort = cause;
        if (cause instanceof JsProgramException j) {
            if (j.kind() == JsProgramException.Kind.STATEMENT_LIMIT) {
                statementLimits++;
            } else if (j.kind() == JsProgramException.Kind.INTERRUPTED) {
                interrupts++;
            }
        }
    }

    @Override
    public String toString() {
        return "runs " + runs + ", aborted " + aborts + " (statement limit " + statementLimits + ", interrupted " + interrupts + ")";
    }
}
