package dev.weir.verifier;

/**
 * Run statistics of one loaded program, as {@code bpftool prog show} reports {@code run_cnt} and
 * {@code run_time_ns}: runs, run time, aborted runs and budget use. Updated by the
 * {@link ProgramRunner} on the thread that runs programs, with plain writes (no fences on the packet
 * path): read them on that thread, or accept values a few runs old from another.
 */
public final class ProgramStats {
    private long runs;
    private long timeNs;
    private long aborts;
    private long budgetExhaustions;
    private long budgetUsed;
    private Throwable lastAbort;

    /** Runs started, completed or aborted. */
    public long runs() {
        return runs;
    }

    /** Total run time in nanoseconds, as measured by the caller's clock (0 if runs are not timed). */
    public long totalTimeNs() {
        return timeNs;
    }

    /** Mean run time in nanoseconds (0 before the first run). */
    public long meanTimeNs() {
        long n = runs;
        return n == 0 ? 0 : timeNs / n;
    }

    /** Runs that ended ABORTED: the program threw, or ran out of budget. */
    public long aborts() {
        return aborts;
    }

    /** Aborted runs that ran out of budget (counted in {@link #aborts} too). */
    public long budgetExhaustions() {
        return budgetExhaustions;
    }

    /** Budget units used by all runs: a deterministic measure of the work the program did. */
    public long budgetUsed() {
        return budgetUsed;
    }

    /** What ended the last aborted run, or null. */
    public Throwable lastAbort() {
        return lastAbort;
    }

    void record(long elapsedNs, long used, Throwable abort) {
        runs = runs + 1;
        timeNs = timeNs + elapsedNs;
        budgetUsed = budgetUsed + used;
        if (abort != null) {
            aborts = aborts + 1;
            if (abort instanceof BudgetExhaustedError) {
                budgetExhaustions = budgetExhaustions + 1;
            }
            lastAbort = abort;
        }
    }

    @Override
    public String toString() {
        return "runs " + runs + ", run_time_ns " + timeNs + " (mean " + meanTimeNs() + "), aborted " + aborts
                + " (budget " + budgetExhaustions + "), budget used " + budgetUsed;
    }
}
