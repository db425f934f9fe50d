package dev.weir.hooks.testing;

import dev.weir.api.prog.NfVerdict;
import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.XdpAction;
import dev.weir.hooks.TestRun;
import java.util.Arrays;
import java.util.HexFormat;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link TestRun.Result}: verdict, output bytes, map changes, ring
 * records, trace lines, aborts and time. Failure messages name the verdicts by Linux's names
 * and show bytes in hex.
 *
 * <pre>{@code
 * assertThatProgram(result).hasVerdict(XdpAction.DROP).changedMap("counts").outputEquals(bytes);
 * }</pre>
 */
public final class ProgramAssert extends AbstractAssert<ProgramAssert, TestRun.Result> {
    private byte[] input;

    ProgramAssert(TestRun.Result actual) {
        super(actual, ProgramAssert.class);
    }

    /** The input the result came from, for {@link #outputEqualsInput()}. */
    public ProgramAssert forInput(byte[] in) {
        this.input = in;
        return this;
    }

    private String name(int v) {
        return switch (actual.type()) {
            case XDP -> XdpAction.name(v);
            case TC -> TcAction.name(v);
            case NETFILTER -> NfVerdict.name(v);
            default -> String.valueOf(v);
        };
    }

    public ProgramAssert hasVerdict(int expected) {
        isNotNull();
        if (actual.verdict() != expected) {
            failWithMessage("expected verdict %s but the program returned %s%s", name(expected), name(actual.verdict()),
                    actual.aborted() ? " (it aborted: " + actual.abortCause() + ")" : "");
        }
        return this;
    }

    public ProgramAssert aborted() {
        isNotNull();
        if (!actual.aborted()) {
            failWithMessage("expected the program to abort, but it returned %s", name(actual.verdict()));
        }
        return this;
    }

    public ProgramAssert didNotAbort() {
        isNotNull();
        if (actual.aborted()) {
            failWithMessage("expected no abort, but %d run(s) aborted; the last because of %s", actual.aborts(), actual.abortCause());
        }
        return this;
    }

    public ProgramAssert outputEquals(byte[] expected) {
        isNotNull();
        if (!Arrays.equals(actual.output(), expected)) {
            failWithMessage("expected output%n  %s%nbut was%n  %s", hex(expected), hex(actual.output()));
        }
        return this;
    }

    /** The output equals the input given with {@link #forInput} (or to {@link WeirAssertions#assertThatProgram(TestRun.Result, byte[])}). */
    public ProgramAssert outputEqualsInput() {
        if (input == null) {
            throw new IllegalStateException("outputEqualsInput needs the input: assertThatProgram(result, input) or forInput(input)");
        }
        return outputEquals(input);
    }

    /** The map named {@code map} has at least one entry added, removed or changed. */
    public ProgramAssert changedMap(String map) {
        isNotNull();
        if (actual.changesOf(map).isEmpty()) {
            failWithMessage("expected map '%s' to change, but it did not; changes: %s", map, actual.mapChanges());
        }
        return this;
    }

    /** No map of the program changed. */
    public ProgramAssert changedNoMap() {
        isNotNull();
        if (!actual.mapChanges().isEmpty()) {
            failWithMessage("expected no map changes, but: %s", actual.mapChanges());
        }
        return this;
    }

    /** After the runs, {@code key} in {@code map} holds {@code value} (both as numbers of the map's sizes). */
    public ProgramAssert hasMapValue(String map, long key, long value) {
        isNotNull();
        for (TestRun.MapChange c : actual.changesOf(map)) {
            if (c.after() != null && Arrays.equals(c.key(), MapHandle.number(key, c.key().length))
                    && Arrays.equals(Arrays.copyOf(c.after(), Math.min(8, c.after().length)),
                    Arrays.copyOf(MapHandle.number(value, c.after().length), Math.min(8, c.after().length)))) {
                return this;
            }
        }
        failWithMessage("expected map '%s' to have changed key %d to %d; its changes: %s", map, key, value, actual.changesOf(map));
        return this;
    }

    /** The program wrote {@code n} records to ring buffer {@code map}. */
    public ProgramAssert wroteRecords(String map, int n) {
        isNotNull();
        int got = actual.ringRecords().getOrDefault(map, java.util.List.of()).size();
        if (got != n) {
            failWithMessage("expected %d record(s) in ring buffer '%s' but there were %d", n, map, got);
        }
        return this;
    }

    /** A trace line contains {@code text}. */
    public ProgramAssert printed(String text) {
        isNotNull();
        for (String l : actual.trace()) {
            if (l.contains(text)) {
                return this;
            }
        }
        failWithMessage("expected a trace line containing '%s'; lines: %s", text, actual.trace());
        return this;
    }

    /** The mean time per run was below {@code nanos} (wall clock: a loose bound). */
    public ProgramAssert ranFasterThanNs(long nanos) {
        isNotNull();
        if (actual.nsPerRun() >= nanos) {
            failWithMessage("expected a run to take less than %d ns, but it took %d ns", nanos, actual.nsPerRun());
        }
        return this;
    }

    /** The program chose device {@code ifindex} for a redirect. */
    public ProgramAssert redirectedTo(int ifindex) {
        isNotNull();
        if (actual.redirectIfindex() != ifindex) {
            failWithMessage("expected a redirect to ifindex %d, but %s", ifindex,
                    actual.redirectIfindex() == 0 ? "there was none (verdict " + name(actual.verdict()) + ")"
                            : "it went to " + actual.redirectIfindex());
        }
        return this;
    }

    private static String hex(byte[] b) {
        return b == null ? "null" : HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
