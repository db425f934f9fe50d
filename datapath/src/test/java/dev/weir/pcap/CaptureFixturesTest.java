package dev.weir.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.testing.Tshark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden captures of real Linux traffic (src/test/resources/captures, made by
 * scripts/capture-fixtures) read by Weir as tcpdump and tshark read them, and Weir's pcapng
 * written from them read by tshark as it read the originals.
 */
class CaptureFixturesTest {
    /** The fields of every {@code *.tshark.tsv}, in order (see captures/README.md). */
    static final String[] TSV_FIELDS = {"frame.number", "eth.src", "eth.dst", "ip.src", "ip.dst", "ipv6.src",
        "ipv6.dst", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "tcp.flags", "tcp.seq_raw",
        "tcp.ack_raw", "ip.len", "ipv6.plen", "frame.len"};
    private static final int FRAME_LEN = 16;
    private static final String VETH_A_MAC = "02:00:00:00:00:01";

    static Path dir() {
        try {
            return Path.of(Objects.requireNonNull(CaptureFixturesTest.class.getResource("/captures"), "captures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> fixtures() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".pcap") || n.endsWith(".pcapng"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String base(String fixture) {
        return fixture.substring(0, fixture.lastIndexOf('.'));
    }

    static List<String> lines(String file) throws IOException {
        return Files.readAllLines(dir().resolve(file));
    }

    @Test
    void everyFixtureTheScriptRecordsIsHere() {
        assertThat(fixtures()).containsExactlyInAnyOrder("ipv4-ping.pcap", "ipv6-ping.pcap", "ipv4-frag-ping.pcap",
                "ipv6-frag-ping.pcap", "ipv4-ping-sll.pcap", "ipv4-http.pcap", "ipv6-http.pcapng", "udp.pcap",
                "tcp-rst.pcap", "raw-ipv4-tun.pcap");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void readsEveryPacketAsTsharkAndTcpdumpDid(String fixture) throws IOException {
        List<CapturedPacket> packets = CaptureReader.readAll(dir().resolve(fixture));
        List<String> tsv = lines(base(fixture) + ".tshark.tsv");
        List<String> tcpdumpTt = lines(base(fixture) + ".tcpdump-tt.txt");
        assertThat(packets).hasSize(tsv.size()).hasSize(tcpdumpTt.size()).isNotEmpty();
        int linkType = fixture.contains("sll") ? LinkType.LINUX_SLL : fixture.startsWith("raw") ? LinkType.RAW
                : LinkType.ETHERNET;
        for (int i = 0; i < packets.size(); i++) {
            CapturedPacket p = packets.get(i);
            String[] row = tsv.get(i).split("\t", -1);
            assertThat(row[0]).isEqualTo(String.valueOf(i + 1));
            assertThat(p.linkType()).isEqualTo(linkType);
            assertThat(p.originalLength()).as("frame.len of packet %d", i + 1).isEqualTo(Integer.parseInt(row[FRAME_LEN]));
            assertThat(p.capturedLength()).isEqualTo(p.originalLength());
            if (linkType == LinkType.ETHERNET) {
                assertThat(mac(p.data(), 6)).as("eth.src of packet %d", i + 1).isEqualTo(row[1]);
                assertThat(mac(p.data(), 0)).as("eth.dst of packet %d", i + 1).isEqualTo(row[2]);
            }
            // tcpdump -tt prints seconds.microseconds.
            String seconds = String.format("%d.%06d", p.timestampNanos() / 1_000_000_000L,
                    p.timestampNanos() % 1_000_000_000L / 1_000L);
            assertThat(tcpdumpTt.get(i)).startsWith(seconds + " ");
            assertThat(p.interfaceName()).isEqualTo(fixture.endsWith(".pcapng") ? "veth-a" : null);
        }
    }

    @Test
    void dumpcapPcapngCarriesItsSectionAndInterfaceOptions() throws IOException {
        try (CaptureReader r = CaptureReader.open(dir().resolve("ipv6-http.pcapng"))) {
            PcapngReader ng = (PcapngReader) r;
            assertThat(r.readAll()).isNotEmpty();
            assertThat(ng.userApplication()).startsWith("Dumpcap (Wireshark)");
            assertThat(ng.os()).startsWith("Linux");
            assertThat(ng.interfaces()).singleElement().satisfies(i -> {
                assertThat(i.name()).isEqualTo("veth-a");
                assertThat(i.tsresol()).isEqualTo(9);
                assertThat(i.snaplen()).isEqualTo(262144);
            });
        }
    }

    /**
     * Each fixture rewritten by {@link PcapngWriter} (named interface, direction and reception
     * type from the frame, a comment on every packet): tshark must see exactly the fields it saw
     * in the original, plus ours, and nothing malformed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void rewrittenByWeirTsharkSeesTheSamePackets(String fixture, @TempDir Path tmp) throws IOException {
        Tshark.require();
        List<CapturedPacket> packets = CaptureReader.readAll(dir().resolve(fixture));
        Path out = tmp.resolve(base(fixture) + ".pcapng");
        String ifName = "fixture:" + base(fixture);
        try (PcapngWriter w = PcapngWriter.create(out)) {
            int iface = w.addInterface(ifName, packets.getFirst().linkType(), 262144);
            for (int i = 0; i < packets.size(); i++) {
                CapturedPacket p = packets.get(i);
                w.write(iface, p.timestampNanos(), p.data(), 0, p.capturedLength(), p.originalLength(), direction(p),
                        reception(p), comment(fixture, i));
            }
        }
        List<String> fields = new ArrayList<>(List.of(TSV_FIELDS));
        fields.addAll(List.of("frame.interface_name", "frame.comment", "frame.packet_flags_direction",
                "frame.packet_flags_reception_type", "_ws.malformed", "frame.time_epoch"));
        List<List<String>> rows = Tshark.fields(out, fields.toArray(String[]::new));
        List<String> tsv = lines(base(fixture) + ".tshark.tsv");
        assertThat(rows).hasSize(packets.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            CapturedPacket p = packets.get(i);
            int n = TSV_FIELDS.length;
            assertThat(String.join("\t", row.subList(0, n))).as("packet %d", i + 1).isEqualTo(tsv.get(i));
            assertThat(row.get(n)).isEqualTo(ifName);
            assertThat(row.get(n + 1)).isEqualTo(comment(fixture, i));
            assertThat(row.get(n + 2)).isEqualTo(direction(p) == 0 ? "" : String.format("0x%08x", direction(p)));
            assertThat(row.get(n + 3)).isEqualTo(direction(p) == 0 ? "" : String.valueOf(reception(p)));
            assertThat(row.get(n + 4)).as("_ws.malformed of packet %d", i + 1).isEmpty();
            assertThat(row.get(n + 5)).isEqualTo(String.format("%d.%09d", p.timestampNanos() / 1_000_000_000L,
                    p.timestampNanos() % 1_000_000_000L));
        }
    }

    /** All fixtures in one file, one interface each: tshark -V finds no malformed packet and counts them per interface. */
    @Test
    void allFixturesInOneMultiInterfaceFile(@TempDir Path tmp) throws IOException {
        Tshark.require();
        Path out = tmp.resolve("all.pcapng");
        Map<String, Long> expected = new LinkedHashMap<>();
        try (PcapngWriter w = PcapngWriter.create(out)) {
            for (String fixture : fixtures()) {
                List<CapturedPacket> packets = CaptureReader.readAll(dir().resolve(fixture));
                int iface = w.addInterface("fixture:" + base(fixture), packets.getFirst().linkType(), 0);
                for (CapturedPacket p : packets) {
                    w.write(iface, p.timestampNanos(), p.data(), 0, p.capturedLength(), p.originalLength(),
                            direction(p), null);
                }
                expected.put("fixture:" + base(fixture), (long) packets.size());
            }
        }
        Tshark.Result verbose = Tshark.run("-r", out.toString(), "-V").assertSuccess();
        assertThat(verbose.stdout()).doesNotContain("Malformed");
        long frames = verbose.lines().stream().filter(l -> l.matches("^Frame \\d+: .*")).count();
        assertThat(frames).isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Long> perInterface = Tshark.fields(out, "frame.interface_name").stream()
                .collect(Collectors.groupingBy(r -> r.getFirst(), LinkedHashMap::new, Collectors.counting()));
        assertThat(perInterface).containsExactlyEntriesOf(expected);
    }

    /** The classic pcap writer, checked the same way on one fixture. */
    @Test
    void pcapWriterOutputReadsInTsharkAsTheOriginal(@TempDir Path tmp) throws IOException {
        Tshark.require();
        List<CapturedPacket> packets = CaptureReader.readAll(dir().resolve("ipv4-http.pcap"));
        Path out = tmp.resolve("ipv4-http.pcap");
        try (PcapWriter w = PcapWriter.create(out)) {
            for (CapturedPacket p : packets) {
                w.write(p.timestampNanos(), p.data(), 0, p.capturedLength(), p.originalLength());
            }
        }
        List<String> rows = Tshark.fields(out, TSV_FIELDS).stream().map(r -> String.join("\t", r)).toList();
        assertThat(rows).isEqualTo(lines("ipv4-http.tshark.tsv"));
    }

    /**
     * A big-endian pcapng (built by hand: Weir writes little-endian) with named interfaces at
     * different resolutions, flags, comments and a statistics block to skip: tshark and Weir's
     * reader agree on every packet. (Multiple sections and custom blocks are left to the reader
     * tests: tshark 4.0 names a second section's interfaces after the first section's and shows
     * a custom block as a frame of its own.)
     */
    @Test
    void bigEndianFileReadsTheSameInTsharkAndWeir(@TempDir Path tmp) throws IOException {
        Tshark.require();
        byte[] arp = CaptureReaderTest.ARP;
        CaptureBuilder be = CaptureBuilder.pcapng(ByteOrder.BIG_ENDIAN);
        be.shb(be.opt(4, "builder"), be.endOfOptions())
                .idb(LinkType.ETHERNET, 0, be.opt(2, "be:eth0"), be.endOfOptions())                   // microseconds
                .idb(LinkType.ETHERNET, 0, be.opt(2, "be:eth1"), be.opt(9, new byte[] {(byte) 0x94}))  // 2^-20 s
                .epb(0, 1_700_000_000_000_001L, arp, arp.length, be.opt(1, "big-endian comment"),
                        be.optInt(2, 2), be.endOfOptions())
                .block(5, new byte[12])
                .epb(1, 1_700_000_000L << 20 | 1 << 19, arp, 60, be.optInt(2, 1 | 3 << 2))
                .epb(1, 1_700_000_001L << 20, Arrays.copyOf(arp, 14), arp.length, be.opt(1, "ünïcödé")); // snaplen cut
        Path file = tmp.resolve("big-endian.pcapng");
        Files.write(file, be.bytes());

        List<CapturedPacket> weir = CaptureReader.readAll(file);
        List<List<String>> tshark = Tshark.fields(file, "frame.interface_name", "frame.comment", "frame.len",
                "frame.cap_len", "frame.time_epoch", "frame.packet_flags_direction", "eth.src", "_ws.malformed");
        assertThat(weir).hasSize(3);
        assertThat(tshark).hasSize(3);
        for (int i = 0; i < 3; i++) {
            CapturedPacket p = weir.get(i);
            List<String> expected = List.of(p.interfaceName(), Objects.toString(p.comment(), ""),
                    String.valueOf(p.originalLength()), String.valueOf(p.capturedLength()),
                    String.format("%d.%09d", p.timestampNanos() / 1_000_000_000L, p.timestampNanos() % 1_000_000_000L),
                    p.direction() == 0 ? "" : String.format("0x%08x", p.direction()), mac(p.data(), 6), "");
            assertThat(tshark.get(i)).as("packet %d", i + 1).isEqualTo(expected);
        }
        assertThat(weir.get(1).timestampNanos()).isEqualTo(1_700_000_000_500_000_000L);
        assertThat(weir.get(1).receptionType()).isEqualTo(CapturedPacket.RECEPTION_BROADCAST);
        assertThat(weir.get(2).comment()).isEqualTo("ünïcödé");
    }

    /** Outbound when veth-a sent it (its MAC, or SLL packet type 4 "outgoing"); unknown for raw IP. */
    static int direction(CapturedPacket p) {
        return switch (p.linkType()) {
            case LinkType.ETHERNET -> mac(p.data(), 6).equals(VETH_A_MAC)
                    ? CapturedPacket.DIRECTION_OUTBOUND : CapturedPacket.DIRECTION_INBOUND;
            case LinkType.LINUX_SLL -> (p.data()[0] << 8 | p.data()[1]) == 4
                    ? CapturedPacket.DIRECTION_OUTBOUND : CapturedPacket.DIRECTION_INBOUND;
            default -> CapturedPacket.DIRECTION_UNKNOWN;
        };
    }

    /** For received Ethernet frames, the reception type the destination MAC implies. */
    static int reception(CapturedPacket p) {
        if (p.linkType() != LinkType.ETHERNET || direction(p) != CapturedPacket.DIRECTION_INBOUND) {
            return CapturedPacket.RECEPTION_UNSPECIFIED;
        }
        byte[] d = p.data();
        if (Arrays.equals(d, 0, 6, new byte[] {-1, -1, -1, -1, -1, -1}, 0, 6)) {
            return CapturedPacket.RECEPTION_BROADCAST;
        }
        return (d[0] & 1) != 0 ? CapturedPacket.RECEPTION_MULTICAST : CapturedPacket.RECEPTION_UNICAST;
    }

    static String comment(String fixture, int i) {
        return i % 3 == 2 ? "drop: NETFILTER_DROP (" + base(fixture) + " #" + (i + 1) + ")" : "seen by " + base(fixture);
    }

    static String mac(byte[] b, int off) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append(i == 0 ? "" : ":").append(String.format("%02x", b[off + i] & 0xff));
        }
        return sb.toString();
    }
}
