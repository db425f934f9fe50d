package dev.weir.l2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.testing.GoldenHost;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ip link} and {@code bridge fdb show} print and fail byte for byte as iproute2 6.1 on
 * Linux 6.18 did for the same commands: the golden files are recorded by
 * {@code scripts/capture-l2-golden} from real namespaces (see the script for the fixture).
 */
class IpLinkGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/dev/weir/l2/golden");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"link", "bridge"})
    void weirPrintsWhatLinuxPrinted(String scenario) {
        GoldenHost host = new GoldenHost();
        String actual = host.transcript(DIR.resolve(scenario + ".cmds"));
        assertThat(actual).isEqualTo(GoldenHost.golden(DIR.resolve(scenario + ".golden")));
        host.net.pool().assertNoLeaks();
    }
}
