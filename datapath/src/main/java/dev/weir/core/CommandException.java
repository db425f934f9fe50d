package dev.weir.core;

/**
 * A command ({@code ip}, {@code tc}, {@code ethtool}, {@code sysctl}, ...) refused its
 * arguments or could not do what they asked. The message reads as the Linux tool would print
 * it, plus what was expected where that helps ("Error: inet prefix is expected rather than
 * \"10.0.0.300/24\"."); the exit code is the tool's (usually 1, 2 for usage errors, 255 for
 * iproute2's "Command line is not complete").
 */
public class CommandException extends RuntimeException {
    private final int exitCode;

    public CommandException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CommandException(String message) {
        this(1, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
