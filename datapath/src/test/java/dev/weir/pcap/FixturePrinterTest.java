package dev.weir.pcap;

import static dev.weir.pcap.CaptureFixturesTest.base;
import static dev.weir.pcap.CaptureFixturesTest.dir;
import static dev.weir.pcap.CaptureFixturesTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.pcap.print.PacketPrinter;
import dev.weir.pcap.print.PacketPrinter.TimestampStyle;
import dev.weir.testing.Tcpdump;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PacketPrinter} on the golden captures of real Linux traffic: its lines are the lines
 * tcpdump 4.99.3 printed ({@code X.tcpdump.txt} from {@code tcpdump -nn -t},
 * {@code X.tcpdump-tt.txt} from {@code -tt}), every one of them. The other timestamp styles and
 * absolute sequence numbers, and the Linux captures of the wire-format tests (ICMP errors,
 * redirects, router advertisements, MLDv2, extension headers), are compared with the tcpdump
 * installed here, when there is one.
 */
class FixturePrinterTest {
    /** The captures beside hooks-api's wire-format tests (Maven runs the tests in the module's directory). */
    private static final Path WIRE_CAPTURES = Path.of("../hooks-api/src/test/resources/dev/weir/api/wire/linux");

    static List<String> fixtures() {
        return CaptureFixturesTest.fixtures();
    }

    private static List<String> print(Path file, PacketPrinter printer) throws IOException {
        return CaptureReader.readAll(file).stream().map(printer::format).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void linesEqualTcpdumpNnT(String fixture) throws IOException {
        List<String> expected = lines(base(fixture) + ".tcpdump.txt");
        assertThat(expected).isNotEmpty();
        assertThat(print(dir().resolve(fixture), new PacketPrinter())).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void linesEqualTcpdumpNnTt(String fixture) throws IOException {
        List<String> expected = lines(base(fixture) + ".tcpdump-tt.txt");
        assertThat(print(dir().resolve(fixture), new PacketPrinter(TimestampStyle.EPOCH, false)))
                .containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void otherStylesEqualTheInstalledTcpdump(String fixture) throws IOException {
        Tcpdump.require();
        Path file = dir().resolve(fixture);
        assertThat(print(file, new PacketPrinter(TimestampStyle.DELTA, false)))
                .containsExactlyElementsOf(Tcpdump.lines(file, "-nn", "-ttt"));
        assertThat(print(file, new PacketPrinter(TimestampStyle.SINCE_FIRST, false)))
                .containsExactlyElementsOf(Tcpdump.lines(file, "-nn", "-ttttt"));
        assertThat(print(file, new PacketPrinter(TimestampStyle.NONE, true)))
                .containsExactlyElementsOf(Tcpdump.lines(file, "-nn", "-t", "-S"));
    }

    static List<String> wireCaptures() {
        try (Stream<Path> files = Files.list(WIRE_CAPTURES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the wire-format captures should be at " + WIRE_CAPTURES.toAbsolutePath(), e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireCaptures")
    void wireFormatCapturesEqualTheInstalledTcpdump(String capture) throws IOException {
        Tcpdump.require();
        Path file = WIRE_CAPTURES.resolve(capture);
        assertThat(print(file, new PacketPrinter(TimestampStyle.EPOCH, false)))
                .containsExactlyElementsOf(Tcpdump.lines(file, "-nn", "-tt"));
    }
}
