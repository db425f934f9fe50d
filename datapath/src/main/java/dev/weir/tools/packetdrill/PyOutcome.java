package dev.weir.tools.packetdrill;

import java.util.List;

/**
 * What running one {@code %{ }%} block gave. Lines are script lines.
 */
public sealed interface PyOutcome {
    /** Every statement ran and every assert held; {@code printed} holds what {@code print()} wrote, one entry per call. */
    record Pass(List<String> printed) implements PyOutcome {
        public Pass {
            printed = List.copyOf(printed);
        }
    }

    /**
     * An {@code assert} failed: {@code message} reads
     * {@code assert failed: tcpi_snd_cwnd == 10 (tcpi_snd_cwnd = 12)}, followed by the script's own
     * message when it is more than a name already shown.
     */
    record AssertionFailed(int line, String message) implements PyOutcome {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    /**
     * The block uses Python beyond the subset Weir evaluates (named in {@code what}), or a
     * TCP_INFO field the stack under test does not provide: the runner reports the script
     * UNSUPPORTED rather than failed.
     */
    record Unsupported(int line, String what) implements PyOutcome {
        @Override
        public String toString() {
            return "line " + line + ": unsupported: " + what;
        }
    }

    /** The code is wrong as Python (SyntaxError, NameError, TypeError, ZeroDivisionError...). */
    record Error(int line, String message) implements PyOutcome {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }
}
