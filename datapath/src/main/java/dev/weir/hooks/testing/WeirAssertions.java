package dev.weir.hooks.testing;

import dev.weir.hooks.TestRun;

/** Entry points of the program assertions: {@code import static dev.weir.hooks.testing.WeirAssertions.*}. */
public final class WeirAssertions {
    private WeirAssertions() {}

    public static ProgramAssert assertThatProgram(TestRun.Result result) {
        return new ProgramAssert(result);
    }

    /** With the input, so that {@link ProgramAssert#outputEqualsInput()} can compare. */
    public static ProgramAssert assertThatProgram(TestRun.Result result, byte[] input) {
        return new ProgramAssert(result).forInput(input);
    }
}
