package dev.weir.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
    private static final long TIMEOUT_SECONDS = 60;
    private static final Optional<Path> EXECUTABLE = find();

    private Tcpdump() {}

    private static Optional<Path> find() {
        String override = System.getenv("WEIR_TCPDUMP");
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "tcpdump");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
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
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("weir-tcpdump", ".out");
            err = Files.createTempFile("weir-tcpdump", ".err");
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("tcpdump did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("tcpdump exited " + p.exitValue() + " (" + String.join(" ", command) + "): "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readAllLines(out, StandardCharsets.ISO_8859_1).stream().filter(l -> !l.startsWith("\t")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("running " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            for (Path p : new Path[] {out, err}) {
                if (p != null) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // a temp file left behind is harmless
                    }
                }
            }
        }
    }
}
