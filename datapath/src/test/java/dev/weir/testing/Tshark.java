package dev.weir.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Wireshark's {@code tshark} for tests that check Weir's output against it. Tests call
 * {@link #require()} (or any {@code run}), which skips the test, through JUnit's assumptions,
 * when tshark is not installed, with the message {@value #NOT_INSTALLED}. The executable is
 * {@code $WEIR_TSHARK} if set, else {@code tshark} on the {@code PATH}.
 *
 * <p>Every run has a timeout (the process is killed and the test fails when it passes) and
 * collects stdout and stderr through files, so a chatty tshark cannot block on a full pipe.
 */
public final class Tshark {
    public static final String NOT_INSTALLED = "tshark not installed: apt-get install tshark";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** tshark's one line of stderr when run as root; not a problem with the input. */
    private static final String ROOT_WARNING = "Running as user \"root\"";

    private static final Optional<Path> EXECUTABLE = find();

    private Tshark() {}

    /** The tshark executable, if there is one. */
    public static Optional<Path> find() {
        return Executables.find("WEIR_TSHARK", "tshark");
    }

    public static boolean available() {
        return EXECUTABLE.isPresent();
    }

    /** The executable; skips the calling test when tshark is not installed. */
    public static Path require() {
        Assumptions.assumeTrue(EXECUTABLE.isPresent(), NOT_INSTALLED);
        return EXECUTABLE.get();
    }

    /** Runs {@code tshark args...} with the {@link #DEFAULT_TIMEOUT}. */
    public static Result run(String... args) {
        return run(DEFAULT_TIMEOUT, args);
    }

    /** Runs {@code tshark args...}; fails the test if it takes longer than {@code timeout}. */
    public static Result run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(require().toString());
        command.addAll(List.of(args));
        Executables.Output o = Executables.run(command, timeout, StandardCharsets.UTF_8);
        return new Result(command, o.exitCode(), o.stdout(), o.stderr());
    }

    /**
     * {@code tshark -r file -T fields -e f1 -e f2 ...}: one list of field values per packet, in
     * the order asked (tshark's tab-separated output, empty strings for absent fields). Fails the
     * test if tshark reports an error.
     */
    public static List<List<String>> fields(Path file, String... fields) {
        List<String> args = new ArrayList<>(List.of("-r", file.toString(), "-T", "fields"));
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        Result r = run(args.toArray(String[]::new)).assertSuccess();
        List<List<String>> rows = new ArrayList<>();
        for (String line : r.lines()) {
            rows.add(List.of(line.split("\t", -1)));
        }
        return rows;
    }

    /** What one run printed, and its exit status. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** stdout split into lines (no trailing empty line). */
        public List<String> lines() {
            return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
        }

        /** stderr lines other than tshark's warning about running as root. */
        public List<String> warnings() {
            return stderr.lines().filter(l -> !l.isBlank() && !l.contains(ROOT_WARNING)).toList();
        }

        /** This result if tshark exited 0 and printed no warning; otherwise fails the test with both. */
        public Result assertSuccess() {
            if (exitCode != 0 || !warnings().isEmpty()) {
                throw new AssertionError("tshark exited " + exitCode + " (" + String.join(" ", command) + "):\n"
                        + String.join("\n", warnings()));
            }
            return this;
        }
    }
}
