package dev.weir.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds and runs the external tools that tests compare Weir with (tshark, tcpdump). */
final class Executables {
    private Executables() {}

    /**
     * The executable named by the environment variable {@code override} when it is set (empty
     * when that path is not executable), else the first {@code name} on the {@code PATH}.
     */
    static Optional<Path> find(String override, String name) {
        String path = System.getenv(override);
        if (path != null && !path.isBlank()) {
            Path p = Path.of(path);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String dirs = System.getenv("PATH");
        if (dirs == null) {
            return Optional.empty();
        }
        return Arrays.stream(dirs.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** What a run printed, and its exit status. */
    record Output(int exitCode, String stdout, String stderr) {}

    /**
     * Runs {@code command} with stdin from /dev/null and stdout and stderr collected through
     * files (so a chatty tool cannot block on a full pipe); fails the test when it takes longer
     * than {@code timeout} (the process is killed).
     */
    static Output run(List<String> command, Duration timeout, Charset charset) {
        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile("weir-tool", ".out");
            stderr = Files.createTempFile("weir-tool", ".err");
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(Path.of(command.getFirst()).getFileName() + " did not finish within "
                        + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            return new Output(p.exitValue(), Files.readString(stdout, charset), Files.readString(stderr, charset));
        } catch (IOException e) {
            throw new UncheckedIOException("running " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
