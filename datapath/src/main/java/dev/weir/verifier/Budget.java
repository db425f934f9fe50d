package dev.weir.verifier;

/**
 * The instruction budget of the program run in progress: what the loader's inserted budget points
 * charge against (the kernel's BPF complexity limit, enforced at run time instead of proved).
 *
 * <p>The loader inserts {@code Budget.charge(units)} at every backward-branch target (a loop
 * head, charged with the number of instructions of the loop's body, once per iteration) and before
 * every call (charged 1, plus the size of the callee when it is the program's own method). So the
 * units are bytecode instructions, counted ahead by block; straight-line code between budget
 * points is bounded by the method size limit. When the units run out, the next charge throws
 * {@link BudgetExhaustedError}; the run wrapper ({@link ProgramRunner}) counts the run as ABORTED.
 *
 * <h2>Threading</h2>
 * The counter is one static field: programs run on the simulation thread, one run at a time (the
 * stack is single-threaded in virtual time, and TAP real-time mode runs it on one thread too).
 * Runs may nest (a program whose helper fires a tracepoint that runs another program):
 * {@link #begin} returns the outer run's remaining units and {@link #end} restores them. Running
 * programs on two threads at once is not supported: their charges would mix.
 *
 * <p>Outside any run the budget is 0, so program code called without a run wrapper fails at its
 * first budget point instead of running unbounded.
 */
public final class Budget {
    /** The default budget per run (the kernel's BPF_COMPLEXITY_LIMIT_INSNS is 1,000,000 too). */
    public static final long DEFAULT = 1_000_000;

    private static long remaining;

    private Budget() {
    }

    /**
     * Charges {@code units} to the current run. Called by instrumented program code only (the
     * verifier refuses any program that names this class).
     *
     * @throws BudgetExhaustedError when the run has no units left
     */
    public static void charge(int units) {
        long r = remaining - units;
        remaining = r;
        if (r < 0) {
            throw BudgetExhaustedError.INSTANCE;
        }
    }

    /** Starts a run with {@code units}; returns the value to hand to {@link #end}. */
    public static long begin(long units) {
        long saved = remaining;
        remaining = units;
        return saved;
    }

    /** Ends the current run and restores the enclosing one; returns the units the run had left (negative if it ran out). */
    public static long end(long saved) {
        long left = remaining;
        remaining = saved;
        return left;
    }

    /** Units left in the current run. */
    public static long remaining() {
        return remaining;
    }
}
