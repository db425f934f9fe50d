package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.pcap.CaptureReader;
import dev.weir.pcap.CapturedPacket;
import dev.weir.pcap.LinkType;
import dev.weir.pcap.PcapngWriter;
import dev.weir.testing.Tcpdump;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir pcap show}, run in process through {@link Weir#run} as scripts/weir runs it. */
class PcapCommandTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n", -1)).subList(0, out.split("\n", -1).length - 1);
        }
    }

    private static Result weir(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Weir.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(PcapCommandTest.class.getResource("/captures/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void showPrintsWhatTcpdumpPrinted() throws IOException {
        Result r = weir("pcap", "show", fixture("ipv4-http.pcap").toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).endsWith("\n");
        assertThat(r.lines()).containsExactlyElementsOf(Files.readAllLines(fixture("ipv4-http.tcpdump.txt")));
    }

    @Test
    void timestampsCountAndAbsoluteSequenceNumbers() throws IOException {
        Path file = fixture("ipv4-http.pcap");
        List<String> tt = Files.readAllLines(fixture("ipv4-http.tcpdump-tt.txt"));
        assertThat(weir("pcap", "show", "--tt", file.toString()).lines()).containsExactlyElementsOf(tt);
        assertThat(weir("pcap", "show", "--tt", "--count", "3", file.toString()).lines()).containsExactlyElementsOf(tt.subList(0, 3));
        assertThat(weir("pcap", "show", "-c", "0", file.toString()).out()).isEmpty();
        Tcpdump.require();
        assertThat(weir("pcap", "show", "--ttt", "-S", file.toString()).lines())
                .containsExactlyElementsOf(Tcpdump.lines(file, "-nn", "-ttt", "-S"));
        assertThat(weir("pcap", "show", "--ttttt", "--absolute-seq", file.toString()).lines())
                .containsExactlyElementsOf(Tcpdump.lines(file, "-nn", "-ttttt", "-S"));
    }

    @Test
    void pcapngInterfaceNamesDirectionsAndComments() throws IOException {
        // dumpcap named the interface and recorded no direction.
        List<String> plain = Files.readAllLines(fixture("ipv6-http.tcpdump.txt"));
        assertThat(weir("pcap", "show", fixture("ipv6-http.pcapng").toString()).lines())
                .containsExactlyElementsOf(plain.stream().map(l -> "veth-a " + l).toList());

        List<CapturedPacket> packets = CaptureReader.readAll(fixture("ipv4-ping.pcap"));
        Path file = tmp.resolve("weir.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file)) {
            int h1 = w.addInterface("h1:eth0", LinkType.ETHERNET, 0);
            int r1 = w.addInterface("r1:eth1", LinkType.ETHERNET, 0);
            CapturedPacket a = packets.get(0);
            CapturedPacket b = packets.get(1);
            w.write(h1, 1_000_000_000L, a.data(), 0, a.capturedLength(), a.originalLength(), CapturedPacket.DIRECTION_OUTBOUND, null);
            w.write(r1, 1_000_500_000L, a.data(), 0, a.capturedLength(), a.originalLength(), CapturedPacket.DIRECTION_INBOUND,
                    "drop: NETFILTER_DROP");
            w.write(r1, 1_001_000_000L, b.data(), 0, b.capturedLength(), b.originalLength(), CapturedPacket.DIRECTION_UNKNOWN,
                    "two\nlines");
        }
        Result r = weir("pcap", "show", "--tt", file.toString());
        assertThat(r.code()).isZero();
        assertThat(r.lines()).containsExactly(
                "1.000000 h1:eth0 Out ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28",
                "1.000500 r1:eth1 In  ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28 # drop: NETFILTER_DROP",
                "1.001000 r1:eth1 ARP, Reply 10.0.0.2 is-at 02:00:00:00:00:02, length 28 # two # lines");
    }

    @Test
    void aMissingFileIsOneLineAndExitCode2() {
        Path missing = tmp.resolve("nope.pcap");
        Result r = weir("pcap", "show", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("weir pcap show: " + missing + ": no such file\n");
    }

    @Test
    void aMalformedFileNamesTheFileAndTheFault() throws IOException {
        Path garbage = tmp.resolve("garbage.pcap");
        Files.write(garbage, "this is not a capture".getBytes());
        Result r = weir("pcap", "show", garbage.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("weir pcap show: " + garbage
                + ": file header at offset 0: not a pcap or pcapng file: magic number 0x74686973\n");
        assertThat(weir("pcap", "show", tmp.toString()).err()).isEqualTo("weir pcap show: " + tmp
                + ": is a directory, not a capture file\n");
    }

    @Test
    void aFileCutShortPrintsItsPacketsThenTheFault() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("ipv4-ping.pcap"));
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 10));
        Result r = weir("pcap", "show", cut.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lines()).containsExactlyElementsOf(Files.readAllLines(fixture("ipv4-ping.tcpdump.txt")).subList(0, 7));
        assertThat(r.err()).startsWith("weir pcap show: " + cut + ": record 8 at offset ").doesNotContain("\tat ")
                .endsWith("\n").hasLineCount(1);
    }

    @Test
    void aNegativeCountIsAUsageError() {
        Result r = weir("pcap", "show", "--count", "-1", fixture("ipv4-ping.pcap").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--count must be 0 or more, got -1");
        assertThat(weir("pcap", "show", "--tt", "--ttt", "x").err()).contains("mutually exclusive");
    }

    @Test
    void pcapWithoutSubcommandShowsUsageAndShowHasHelp() {
        Result r = weir("pcap");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("show").contains("Capture files");
        Result help = weir("pcap", "show", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: weir pcap show").contains("--absolute-seq").contains("direction (In/Out)");
    }
}
