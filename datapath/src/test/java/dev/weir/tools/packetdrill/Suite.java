package dev.weir.tools.packetdrill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds Linux's packetdrill TCP scripts, kept outside the project (GPL-2.0) at
 * {@code ../shared/packetdrill/tcp} from the repository root, as on CI. The system property
 * {@code weir.packetdrill.tcp} names another place. Tests that need them are skipped, saying
 * where they looked, when they are absent.
 */
final class Suite {
    private Suite() {}

    static Path root() {
        String override = System.getProperty("weir.packetdrill.tcp");
        if (override != null) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path repo = dir == null ? Path.of("").toAbsolutePath() : dir;
        return repo.resolve("../shared/packetdrill/tcp").toAbsolutePath().normalize();
    }

    /** The suite's root, or the test is skipped with where it was looked for. */
    static Path require() {
        Path root = root();
        Assumptions.assumeTrue(Files.isDirectory(root),
                "packetdrill TCP scripts not found at " + root + " (set -Dweir.packetdrill.tcp=DIR); skipping");
        return root;
    }

    /** Every .pkt file under the root, sorted. */
    static List<Path> scripts(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".pkt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
