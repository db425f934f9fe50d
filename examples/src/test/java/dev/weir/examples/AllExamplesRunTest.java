package dev.weir.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example topology runs to its end and writes its results; each also has its own test of what it shows. */
class AllExamplesRunTest {
    static Stream<Path> examples() {
        return Examples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void runs(Path topology, @TempDir Path out) throws Exception {
        Examples.Run r = Examples.run(topology, out);
        assertThat(r.result().counters()).exists();
        for (Path c : r.result().captures()) {
            assertThat(Files.size(c)).isPositive();
        }
    }
}
