package dev.weir.pcap;

import static dev.weir.pcap.CaptureReaderTest.ARP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.weir.api.wire.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weir's writers: exact bytes, round trips through the reader, determinism, per-packet cost. */
class PcapngWriterTest {
    private static final long T = 1_700_000_000_123_456_789L;

    @Test
    void writesTheBlocksTheDraftLaysOut() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out)) {
            w.addInterface("client:eth0", LinkType.ETHERNET, 65535);
            w.write(0, 0x0000_0001_0000_0002L, Bytes.fromHex("0102030405"), 0, 5, 60, CapturedPacket.DIRECTION_OUTBOUND,
                    CapturedPacket.RECEPTION_UNICAST, "drop");
            w.write(0, 3, Bytes.fromHex("0a0b0c0d"), 0, 4, 4, CapturedPacket.DIRECTION_UNKNOWN, null);
        }
        String shb = "0a0d0d0a 28000000 4d3c2b1a 0100 0000 ffffffffffffffff"   // SHB, 40 bytes, LE, 1.0, length unknown
                + "0400 0400 57656972"                                          // shb_userappl "Weir"
                + "0000 0000 28000000";                                         // opt_endofopt, trailing length
        String idb = "01000000 30000000 0100 0000 ffff0000"                      // IDB, 48 bytes, Ethernet, snaplen 65535
                + "0200 0b00 636c69656e743a65746830 00"                         // if_name "client:eth0", 1 byte padding
                + "0900 0100 09 000000"                                         // if_tsresol 9
                + "0000 0000 30000000";
        String epb = "06000000 3c000000 00000000 01000000 02000000 05000000 3c000000"  // EPB, 60 bytes, if 0, ts 2^32+2, 5/60
                + "0102030405 000000"                                           // data padded to 8
                + "0200 0400 06000000"                                          // epb_flags: outbound (2) | unicast (1) << 2
                + "0100 0400 64726f70"                                          // opt_comment "drop"
                + "0000 0000 3c000000";
        String bare = "06000000 24000000 00000000 00000000 03000000 04000000 04000000 0a0b0c0d 24000000";  // no options at all
        assertThat(Bytes.hex(out.toByteArray(), 0, out.size())).isEqualTo((shb + idb + epb + bare).replace(" ", ""));
    }

    @Test
    void packetsRoundTripThroughTheReader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<CapturedPacket> expected = new ArrayList<>();
        try (PcapngWriter w = new PcapngWriter(out, "x86_64", "Linux")) {
            assertThat(w.addInterface("client:eth0", LinkType.ETHERNET, 0)).isZero();
            assertThat(w.addInterface("router:eth1", LinkType.ETHERNET, 20)).isEqualTo(1);
            assertThat(w.addInterface("tun:tun0", LinkType.RAW, 0)).isEqualTo(2);
            for (int i = 0; i < 12; i++) {
                int iface = i % 3;
                int len = i == 0 ? 0 : i + ARP.length - 8;                   // every padding 0..3, an empty packet
                byte[] data = Arrays.copyOf(ARP, len);
                int direction = i % 3;
                int reception = i % 5;
                String comment = switch (i % 4) {
                    case 0 -> null;
                    case 1 -> "drop: SKB_DROP_REASON_NETFILTER_DROP";
                    case 2 -> "";
                    default -> "café ∆ " + i;                                // UTF-8, not ASCII
                };
                w.write(iface, T + i, data, 0, len, len + 4, direction, reception, comment);
                int kept = iface == 1 ? Math.min(len, 20) : len;
                expected.add(new CapturedPacket(T + i, iface, List.of("client:eth0", "router:eth1", "tun:tun0").get(iface),
                        iface == 2 ? LinkType.RAW : LinkType.ETHERNET, len + 4, Arrays.copyOf(data, kept),
                        direction, comment, reception));
            }
            assertThat(w.packetsWritten()).isEqualTo(12);
        }
        try (CaptureReader r = CaptureReaderTest.open(out.toByteArray())) {
            assertThat(r.readAll()).containsExactlyElementsOf(expected);
            PcapngReader ng = (PcapngReader) r;
            assertThat(ng.userApplication()).isEqualTo("Weir");
            assertThat(ng.hardware()).isEqualTo("x86_64");
            assertThat(ng.os()).isEqualTo("Linux");
            assertThat(ng.interfaces()).extracting(PcapngInterface::tsresol, PcapngInterface::snaplen)
                    .containsExactly(tuple(9, 0L), tuple(9, 20L), tuple(9, 0L));
        }
    }

    @Test
    void sameCallsGiveTheSameBytes() throws IOException {
        assertThat(sample()).isEqualTo(sample());
    }

    private static byte[] sample() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out)) {
            int a = w.addInterface("a:eth0", LinkType.ETHERNET, 0);
            int b = w.addInterface("b:eth0", LinkType.ETHERNET, 0);
            for (int i = 0; i < 100; i++) {
                w.write(i % 2 == 0 ? a : b, T + i * 1000L, ARP, 0, ARP.length, ARP.length, 1 + i % 2, i % 7 == 0 ? "x" : null);
            }
        }
        return out.toByteArray();
    }

    @Test
    void refusesWhatNoFileCanHold() throws IOException {
        PcapngWriter w = new PcapngWriter(OutputStream.nullOutputStream());
        w.addInterface("a:eth0", LinkType.ETHERNET, 0);
        assertThatThrownBy(() -> w.write(1, 0, ARP, 0, 10, 10, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("interface 1 was not added (1 added)");
        assertThatThrownBy(() -> w.write(0, -1, ARP, 0, 10, 10, 0, null)).hasMessageContaining("before the epoch");
        assertThatThrownBy(() -> w.write(0, 0, ARP, 0, 10, 9, 0, null)).hasMessageContaining("original length 9");
        assertThatThrownBy(() -> w.write(0, 0, ARP, 40, 10, 10, 0, null)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> w.write(0, 0, ARP, 0, 10, 10, 3, null)).hasMessageContaining("direction 3");
        assertThatThrownBy(() -> w.write(0, 0, ARP, 0, 10, 10, 1, 8, null)).hasMessageContaining("reception type 8");
        assertThatThrownBy(() -> w.write(0, 0, ARP, 0, 10, 10, 1, "x".repeat(70_000)))
                .hasMessageContaining("exceeds the 65535-byte option limit");
        assertThatThrownBy(() -> w.addInterface("b", 70_000, 0)).hasMessageContaining("link type 70000");
        w.close();
        w.close();
        assertThatThrownBy(() -> w.write(0, 0, ARP, 0, 10, 10, 0, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void writingPacketsAllocatesNothingPerPacket() throws IOException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        PcapngWriter w = new PcapngWriter(OutputStream.nullOutputStream());
        int iface = w.addInterface("host:eth0", LinkType.ETHERNET, 0);
        String reason = "drop: SKB_DROP_REASON_QDISC_DROP";
        for (int i = 0; i < 20_000; i++) {                                   // warm up: scratch sized, code compiled
            w.write(iface, i, ARP, 0, ARP.length, ARP.length, 1, i % 2 == 0 ? reason : null);
        }
        long tid = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            w.write(iface, i, ARP, 0, ARP.length, ARP.length, 2, 1, i % 2 == 0 ? reason : null);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        // 100,000 packets: anything per packet would be megabytes; allow for the measurement itself.
        assertThat(allocated).isLessThan(16 * 1024);
    }

    @Test
    void pcapWriterWritesNanosecondLittleEndianRecordsTheReaderReadsBack() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 30)) {
            w.write(T, ARP, 0, ARP.length, ARP.length);
            w.write(5, ARP, 2, 4, 4);
        }
        byte[] file = out.toByteArray();
        assertThat(Bytes.hex(file, 0, 24)).isEqualTo("4d3cb2a1" + "02000400" + "00000000" + "00000000" + "1e000000" + "01000000");
        assertThat(Bytes.hex(file, 24, 16)).isEqualTo("00f15365" + "15cd5b07" + "1e000000" + "2a000000");
        try (CaptureReader r = CaptureReaderTest.open(file)) {
            PcapReader p = (PcapReader) r;
            assertThat(p.nanosecondResolution()).isTrue();
            assertThat(p.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(r.readAll()).containsExactly(
                    new CapturedPacket(T, 0, null, LinkType.ETHERNET, ARP.length, Arrays.copyOf(ARP, 30), 0, null),
                    new CapturedPacket(5, 0, null, LinkType.ETHERNET, 4, Arrays.copyOfRange(ARP, 2, 6), 0, null));
        }
    }
}
