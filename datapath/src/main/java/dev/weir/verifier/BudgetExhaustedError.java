package dev.weir.verifier;

/**
 * Thrown by {@link Budget#charge} when a program run has used up its instruction budget. It ends
 * the run: the verifier refuses every handler that could catch it (catch-all handlers,
 * {@code catch (Throwable)}, {@code catch (Error)} and subclasses), so it always reaches the run
 * wrapper, which counts the run as ABORTED.
 *
 * <p>One shared instance without a stack trace: throwing it allocates nothing, so a runaway
 * program costs the stack no garbage.
 */
public final class BudgetExhaustedError extends Error {
    private static final long serialVersionUID = 1L;

    static final BudgetExhaustedError INSTANCE = new BudgetExhaustedError();

    private BudgetExhaustedError() {
        super("the program used up its instruction budget", null, false, false);
    }
}
