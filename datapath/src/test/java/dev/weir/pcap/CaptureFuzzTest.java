package dev.weir.pcap;

import static dev.weir.pcap.CaptureReaderTest.ARP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.weir.api.wire.Bytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated capture files through the reader: it returns packets or throws
 * {@link CaptureFormatException} naming a place inside the file, never anything else, and
 * always finishes.
 */
class CaptureFuzzTest {
    private static final List<byte[]> SEEDS = seedFiles();

    /** Reads {@code file} to the end or to its first fault, within a time limit. */
    static void readsOrFailsCleanly(byte[] file) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            int packets = 0;
            try (CaptureReader r = CaptureReader.open(new ByteArrayInputStream(file), "fuzz")) {
                for (CapturedPacket p; (p = r.next()) != null; ) {
                    packets++;
                    // Every record takes at least 12 bytes of the file: the reader always advances.
                    assertThat(packets).isLessThanOrEqualTo(file.length / 12);
                    assertThat(p.data().length).isLessThanOrEqualTo(file.length);
                }
            } catch (CaptureFormatException e) {
                assertThat(e.getMessage()).startsWith("fuzz: " + e.location() + " at offset " + e.offset() + ": ");
                assertThat(e.offset()).isBetween(0L, (long) file.length);
            }
        });
    }

    @Property(tries = 1500)
    void randomBytesBehindAValidMagic(@ForAll("prefixes") byte[] prefix, @ForAll @Size(max = 400) byte[] rest) {
        byte[] file = Arrays.copyOf(prefix, prefix.length + rest.length);
        System.arraycopy(rest, 0, file, prefix.length, rest.length);
        readsOrFailsCleanly(file);
    }

    @Property(tries = 3000)
    void mutatedValidFiles(@ForAll("seeds") byte[] seed, @ForAll("mutations") List<Mutation> mutations) {
        byte[] file = seed;
        for (Mutation m : mutations) {
            file = m.apply(file);
        }
        readsOrFailsCleanly(file);
    }

    @Provide
    Arbitrary<byte[]> prefixes() {
        return Arbitraries.of(
                Bytes.fromHex("a1b2c3d4"), Bytes.fromHex("d4c3b2a1"), Bytes.fromHex("a1b23c4d"), Bytes.fromHex("4d3cb2a1"),
                Bytes.fromHex("d4c3b2a1 0200 0400"), Bytes.fromHex("a1b23c4d 0002 0004"),
                Bytes.fromHex("0a0d0d0a"), Bytes.fromHex("0a0d0d0a 1c000000 4d3c2b1a 0100 0000"),
                Bytes.fromHex("0a0d0d0a 0000001c 1a2b3c4d 0001 0000"));
    }

    @Provide
    Arbitrary<byte[]> seeds() {
        return Arbitraries.of(SEEDS);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(
                Arbitraries.integers().between(0, Mutation.KINDS - 1),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(0, 1, 3, 4, 8, 12, 16, 28, 32, -1,
                        0x7fffffff, 0x80000000, 0x00ffffff, 0x01000000, 0x0A0D0D0A, 0x1A2B3C4D, 0x4D3C2B1A)))
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    /** One change to a file, at {@code position} modulo its length. */
    record Mutation(int kind, int position, int value) {
        static final int KINDS = 5;

        byte[] apply(byte[] f) {
            if (f.length == 0) {
                return f;
            }
            int at = position % f.length;
            byte[] g = f.clone();
            switch (kind) {
                case 0 -> g[at] = (byte) value;                                      // set a byte
                case 1 -> g[at] ^= (byte) (1 << (value & 7));                        // flip a bit
                case 2 -> g = Arrays.copyOf(f, at);                                  // cut the file short
                case 3 -> {                                                          // a 32-bit value, aligned, either order
                    int p = at & ~3;
                    int v = (value & 0x100) != 0 ? Integer.reverseBytes(value) : value;
                    for (int i = 0; i < 4 && p + i < g.length; i++) {
                        g[p + i] = (byte) (v >>> (24 - 8 * i));
                    }
                }
                default -> {                                                         // duplicate a slice elsewhere
                    int len = Math.min(1 + (value & 63), f.length - at);
                    ByteArrayOutputStream o = new ByteArrayOutputStream();
                    int to = Math.floorMod(value >>> 8, f.length);
                    o.write(f, 0, to);
                    o.write(f, at, len);
                    o.write(f, to, f.length - to);
                    g = o.toByteArray();
                }
            }
            return g;
        }
    }

    private static List<byte[]> seedFiles() {
        List<byte[]> seeds = new ArrayList<>();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PcapngWriter w = new PcapngWriter(out, "hw", "os")) {
                w.addInterface("a:eth0", LinkType.ETHERNET, 0);
                w.addInterface("b:eth0", LinkType.ETHERNET, 30);
                w.write(0, 1, ARP, 0, ARP.length, ARP.length, 1, 1, "comment");
                w.write(1, 2, ARP, 0, 13, 13, 2, null);
                w.write(0, 3, ARP, 0, 0, 0, 0, null);
            }
            seeds.add(out.toByteArray());
            CaptureBuilder b = CaptureBuilder.pcapng(ByteOrder.BIG_ENDIAN);
            seeds.add(b.shb(b.opt(4, "x"), b.endOfOptions())
                    .idb(1, 0, b.opt(9, new byte[] {(byte) 0x94}), b.optLong(14, 5))
                    .block(4, new byte[8]).spb(ARP.length, ARP)
                    .pb(0, 0, 7, ARP, ARP.length, b.optInt(2, 1))
                    .epb(0, 9, ARP, 60, b.opt(1, "c"))
                    .block(5, new byte[12])
                    .bytes());
            seeds.add(CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1)
                    .record(1, 2, ARP, ARP.length).record(3, 4, Arrays.copyOf(ARP, 7), ARP.length).bytes());
            seeds.add(CaptureBuilder.pcap(ByteOrder.BIG_ENDIAN, true, 65535, 113)
                    .record(1, 2, ARP, ARP.length).bytes());
            Path dir = Path.of(Objects.requireNonNull(CaptureFuzzTest.class.getResource("/captures")).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                        .sorted().toList()) {
                    seeds.add(Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return seeds;
    }
}
