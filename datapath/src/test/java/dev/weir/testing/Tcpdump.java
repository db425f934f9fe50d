package dev.weir.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code tcpdump -r} on a capture file for tests that compare Weir's packet printer with
 * it. Tests skip, through JUnit's assumptions, when tcpdump is not installed
 * ({@value #NOT_INSTALLED}). The executable is {@code $WEIR_TCPDUMP} if set, else
 * {@code tcpdump} on the {@code PATH}. The golden files beside the captures were made with
 * tcpdump 4.99.3; other versions word some corners differently.
 */
public final class Tcpdump {
    public static final String NOT_INSTALLED = "tcpdump not installed: apt-get install tcpdump";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Optional<Path> EXECUTABLE = find();

    private Tcpdump() {}

    private static Optional<Path> find() {
        return Executables.find("WEIR_TCPDUMP", "tcpdump");
    }

    /** The executable; skips the calling test when tcpdump is not installed. */
    public static Path require() {
        Assumptions.assumeTrue(EXECUTABLE.isPresent(), NOT_INSTALLED);
        return EXECUTABLE.get();
    }

    /**
     * The summary lines of {@code tcpdump <options> -r file}: one per packet, without the hex
     * dumps tcpdump adds after some (lines starting with a tab) and without its "reading from
     * file" note on stderr. Fails the test when tcpdump exits non-zero.
     */
    public static List<String> lines(Path file, String... options) {
        List<String> command = new ArrayList<>();
        command.add(require().toString());
        command.addAll(List.of(options));
        command.add("-r");
        command.add(file.toString());
        Executables.Output o = Executables.run(command, TIMEOUT, StandardCharsets.ISO_8859_1);
        if (o.exitCode() != 0) {
            throw new AssertionError("tcpdump exited " + o.exitCode() + " (" + String.join(" ", command) + "): " + o.stderr());
        }
        return o.stdout().lines().filter(l -> !l.startsWith("\t")).toList();
    }
}
