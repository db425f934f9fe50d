package dev.weir.verifier;

import java.util.function.LongSupplier;

/**
 * Runs one loaded program: sets the instruction budget for the run, contains whatever ends it
 * (the budget error, or any Throwable the program raises: an index out of bounds, a division by
 * zero) as ABORTED, and counts runs in {@link ProgramStats}. Allocates nothing per run.
 *
 * <h2>Two ways to run</h2>
 * <ul>
 *   <li>{@link #runInt}: the wrapper does everything. The invocation is a function object,
 *       normally a method reference held in a static constant ({@code XdpProgram::run}); a
 *       non-capturing method reference allocates nothing.</li>
 *   <li>For a monomorphic call site, an attach point holds {@link #program()} in a final field of
 *       its program interface type and calls it directly between {@link #begin()} and
 *       {@link #end} (or {@link #abort} from its {@code catch (Throwable)}), measuring the time
 *       itself:
 * <pre>{@code
 * long token = runner.begin();
 * try {
 *     verdict = program.run(ctx);           // one receiver, one class: inlined by the JIT
 *     runner.end(token, elapsedNs);
 * } catch (Throwable t) {
 *     verdict = XDP_ABORTED;
 *     runner.abort(token, elapsedNs, t);
 * }
 * }</pre></li>
 * </ul>
 * Threading: the thread that runs programs only (see {@link Budget}).
 *
 * @param <P> the program interface
 */
public final class ProgramRunner<P> {

    /** Calls a program that returns an int (a verdict). */
    @FunctionalInterface
    public interface IntInvocation<P, C> {
        int invoke(P program, C ctx);
    }

    /** Calls a program that returns nothing (tracing, congestion-control events). */
    @FunctionalInterface
    public interface VoidInvocation<P, C> {
        void invoke(P program, C ctx);
    }

    private final P program;
    private final long budget;
    private final int abortVerdict;
    private final ProgramStats stats;
    private LongSupplier clock;

    ProgramRunner(P program, long budget, int abortVerdict, ProgramStats stats) {
        this.program = program;
        this.budget = budget;
        this.abortVerdict = abortVerdict;
        this.stats = stats;
    }

    /** The program instance (of its final hidden class), typed as its program interface. */
    public P program() {
        return program;
    }

    /** Budget units per run. */
    public long budget() {
        return budget;
    }

    public ProgramStats stats() {
        return stats;
    }

    /**
     * The clock {@link #runInt} and {@link #run} time runs with, in nanoseconds, or null not to
     * time them. The caller chooses: virtual time in a simulation, a real clock in real-time mode.
     */
    public void clock(LongSupplier nanoClock) {
        this.clock = nanoClock;
    }

    /**
     * What an aborted run returns: the program type's {@link dev.weir.api.prog.ProgramType#abortVerdict()}
     * (XDP_ABORTED, TC_ACT_SHOT, NF_DROP; 0 for types whose programs return nothing).
     */
    public int abortVerdict() {
        return abortVerdict;
    }

    /** Runs the program on {@code ctx}; returns its result, or the type's {@link #abortVerdict()} if the run was aborted. */
    public <C> int runInt(C ctx, IntInvocation<? super P, ? super C> invocation) {
        return runInt(ctx, invocation, abortVerdict);
    }

    /** Runs the program on {@code ctx}; returns its result, or {@code abortedValue} if the run was aborted. */
    public <C> int runInt(C ctx, IntInvocation<? super P, ? super C> invocation, int abortedValue) {
        LongSupplier c = clock;
        long start = c == null ? 0 : c.getAsLong();
        long token = Budget.begin(budget);
        int result;
        try {
            result = invocation.invoke(program, ctx);
        } catch (Throwable t) {
            abort(token, c == null ? 0 : c.getAsLong() - start, t);
            return abortedValue;
        }
        end(token, c == null ? 0 : c.getAsLong() - start);
        return result;
    }

    /** Runs the program on {@code ctx}; returns false if the run was aborted. */
    public <C> boolean run(C ctx, VoidInvocation<? super P, ? super C> invocation) {
        LongSupplier c = clock;
        long start = c == null ? 0 : c.getAsLong();
        long token = Budget.begin(budget);
        try {
            invocation.invoke(program, ctx);
        } catch (Throwable t) {
            abort(token, c == null ? 0 : c.getAsLong() - start, t);
            return false;
        }
        end(token, c == null ? 0 : c.getAsLong() - start);
        return true;
    }

    /** Starts a run: the budget is set to {@link #budget()}. Returns the token for {@link #end} or {@link #abort}. */
    public long begin() {
        return Budget.begin(budget);
    }

    /** Ends a run that returned normally. */
    public void end(long token, long elapsedNs) {
        long left = Budget.end(token);
        stats.record(elapsedNs, budget - left, null);
    }

    /** Ends a run that threw {@code cause}: counted as ABORTED. */
    public void abort(long token, long elapsedNs, Throwable cause) {
        long left = Budget.end(token);
        stats.record(elapsedNs, budget - Math.max(left, 0), cause);
    }
}
