package dev.weir.neigh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.testing.GoldenHost;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ip neigh} prints and fails byte for byte as iproute2 6.1 on Linux 6.18 did for the same
 * commands (golden files recorded by {@code scripts/capture-l2-golden}). Scenarios show at most
 * one entry per listing, since Linux lists in the order of a randomly seeded hash.
 */
class IpNeighGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/dev/weir/neigh/golden");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"neigh"})
    void weirPrintsWhatLinuxPrinted(String scenario) {
        GoldenHost host = new GoldenHost();
        String actual = host.transcript(DIR.resolve(scenario + ".cmds"));
        assertThat(actual).isEqualTo(GoldenHost.golden(DIR.resolve(scenario + ".golden")));
        host.net.pool().assertNoLeaks();
    }
}
