package dev.weir.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.weir.api.wire.Bytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading pcap and pcapng built byte by byte: both byte orders, every block type, and broken files. */
class CaptureReaderTest {
    // An ARP request as Linux sent it (tcpdump -xx on veth-a in scripts/capture-fixtures).
    static final byte[] ARP = Bytes.fromHex(
            "ffffffffffff 020000000001 0806 0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000002");
    private static final long T = 1_700_000_000L;

    static List<CapturedPacket> read(byte[] file) throws IOException {
        try (CaptureReader r = open(file)) {
            return r.readAll();
        }
    }

    static CaptureReader open(byte[] file) throws IOException {
        return CaptureReader.open(new ByteArrayInputStream(file), "test");
    }

    /** The exception reading {@code file} to the end ends in. */
    static CaptureFormatException failure(byte[] file) {
        return catchThrowableOfType(CaptureFormatException.class, () -> read(file));
    }

    // ---- classic pcap ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} nanos={1}")
    @CsvSource({"BIG_ENDIAN,false", "BIG_ENDIAN,true", "LITTLE_ENDIAN,false", "LITTLE_ENDIAN,true"})
    void pcapInBothByteOrdersWithMicrosecondAndNanosecondMagic(String orderName, boolean nanos) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] cut = Arrays.copyOf(ARP, 20);
        byte[] file = CaptureBuilder.pcap(order, nanos, 20, LinkType.ETHERNET)
                .record(T, nanos ? 123_456_789 : 123_456, cut, ARP.length)
                .record(T + 1, 0, cut, 60)
                .bytes();
        try (CaptureReader r = open(file)) {
            assertThat(r.format()).isEqualTo(CaptureReader.Format.PCAP);
            PcapReader p = (PcapReader) r;
            assertThat(p.byteOrder()).isEqualTo(order);
            assertThat(p.nanosecondResolution()).isEqualTo(nanos);
            assertThat(p.snaplen()).isEqualTo(20);
            assertThat(p.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(p.versionMajor()).isEqualTo(2);
            assertThat(p.versionMinor()).isEqualTo(4);
            List<CapturedPacket> packets = r.readAll();
            assertThat(packets).containsExactly(
                    new CapturedPacket(T * 1_000_000_000L + (nanos ? 123_456_789 : 123_456_000), 0, null,
                            LinkType.ETHERNET, ARP.length, cut, CapturedPacket.DIRECTION_UNKNOWN, null),
                    new CapturedPacket((T + 1) * 1_000_000_000L, 0, null, LinkType.ETHERNET, 60, cut,
                            CapturedPacket.DIRECTION_UNKNOWN, null));
            assertThat(packets.get(0).isTruncated()).isTrue();
        }
    }

    @Test
    void pcapKeepsLinuxCookedAndRawIpPacketsAsData() throws IOException {
        // SLL: packet type 4 (outgoing), ARPHRD_ETHER, 6-byte address, protocol IPv4, then the IP header.
        byte[] sll = Bytes.fromHex("0004 0001 0006 020000000001 0000 0800 4500001c00004000400100000a0000010a000002");
        byte[] raw = Arrays.copyOfRange(sll, 16, sll.length);
        for (int linkType : new int[] {LinkType.LINUX_SLL, LinkType.RAW}) {
            byte[] data = linkType == LinkType.RAW ? raw : sll;
            List<CapturedPacket> p = read(CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 262144, linkType)
                    .record(T, 1, data, data.length).bytes());
            assertThat(p).singleElement().satisfies(c -> {
                assertThat(c.linkType()).isEqualTo(linkType);
                assertThat(c.data()).isEqualTo(data);
            });
        }
    }

    @Test
    void pcapLinkTypeWordUpperBitsCarryFcsInformationNotTheType() throws IOException {
        // draft-ietf-opsawg-pcap section 4: bits 28-31 FCS length, bit 26 "f"; LinkType is the low 16 bits.
        byte[] file = CaptureBuilder.pcap(ByteOrder.BIG_ENDIAN, true, 100, 0x4400_0000 | LinkType.ETHERNET).bytes();
        try (CaptureReader r = open(file)) {
            assertThat(((PcapReader) r).linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(r.next()).isNull();
        }
    }

    // ---- pcapng ------------------------------------------------------------------------------

    @Test
    void pcapngBigEndianSectionWithEveryBlockType() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcapng(ByteOrder.BIG_ENDIAN);
        byte[] hundred = new byte[100];
        Arrays.fill(hundred, (byte) 0x5a);
        b.shb(b.opt(2, "sparc"), b.opt(3, "SunOS 5.11"), b.opt(4, "builder"), b.endOfOptions())
                .idb(LinkType.ETHERNET, 0)                                            // interface 0: microseconds
                .block(4, Bytes.fromHex("0001 0008 0a000002 706565720000 0000"))       // NRB: ipv4 record, end
                .idb(LinkType.ETHERNET, 96, b.opt(2, "bigend0"), b.opt(3, "a test interface"),
                        b.opt(9, new byte[] {9}), b.endOfOptions())                   // interface 1: nanoseconds
                .epb(1, T * 1_000_000_000L + 5, ARP, 60, b.opt(1, "first"), b.opt(1, "second"),
                        b.optInt(2, CapturedPacket.DIRECTION_OUTBOUND | CapturedPacket.RECEPTION_BROADCAST << 2),
                        b.endOfOptions())
                .block(5, b.int32(1))                                                 // ISB, short but sound
                .block(0x00000BAD, Bytes.fromHex("00007ee1 cafe"))                    // custom block, a PEN and data
                .block(0x4000_0BAD, Bytes.fromHex("00007ee1"))
                .block(0x0000000A, Bytes.fromHex("544c534b 00000000"))               // DSB, empty TLS key log
                .spb(100, hundred)
                .pb(0, 3, T * 1_000_000 + 7, ARP, ARP.length, b.optInt(2, CapturedPacket.DIRECTION_INBOUND));
        try (CaptureReader r = open(b.bytes())) {
            PcapngReader ng = (PcapngReader) r;
            assertThat(r.format()).isEqualTo(CaptureReader.Format.PCAPNG);
            CapturedPacket epb = r.next();
            assertThat(epb).isEqualTo(new CapturedPacket(T * 1_000_000_000L + 5, 1, "bigend0", LinkType.ETHERNET, 60,
                    ARP, CapturedPacket.DIRECTION_OUTBOUND, "first\nsecond", CapturedPacket.RECEPTION_BROADCAST));
            assertThat(ng.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
            assertThat(ng.hardware()).isEqualTo("sparc");
            assertThat(ng.os()).isEqualTo("SunOS 5.11");
            assertThat(ng.userApplication()).isEqualTo("builder");
            assertThat(ng.interfaces()).containsExactly(
                    new PcapngInterface(0, LinkType.ETHERNET, 0, null, null, 6, 0),
                    new PcapngInterface(1, LinkType.ETHERNET, 96, "bigend0", "a test interface", 9, 0));
            // The SPB belongs to interface 0 and has no timestamp; snaplen 0 keeps all 100 bytes.
            assertThat(r.next()).isEqualTo(new CapturedPacket(0, 0, null, LinkType.ETHERNET, 100, hundred,
                    CapturedPacket.DIRECTION_UNKNOWN, null));
            assertThat(r.next()).isEqualTo(new CapturedPacket(T * 1_000_000_000L + 7_000, 0, null, LinkType.ETHERNET,
                    ARP.length, ARP, CapturedPacket.DIRECTION_INBOUND, null));
            assertThat(r.next()).isNull();
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void simplePacketBlockCapturedLengthIsTheSmallestOfOriginalLengthSnaplenAndRoom() throws IOException {
        // draft-ietf-opsawg-pcapng 4.4: the SPB's data is min(original length, interface 0's snaplen).
        CaptureBuilder b = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN);
        byte[] file = b.shb().idb(LinkType.ETHERNET, 16).spb(ARP.length, Arrays.copyOf(ARP, 16))
                .spb(3, Arrays.copyOf(ARP, 4)).bytes();
        assertThat(read(file)).extracting(CapturedPacket::data)
                .containsExactly(Arrays.copyOf(ARP, 16), Arrays.copyOf(ARP, 3));
    }

    @Test
    void newSectionMayChangeByteOrderAndDescribesItsInterfacesAfresh() throws IOException {
        CaptureBuilder be = CaptureBuilder.pcapng(ByteOrder.BIG_ENDIAN);
        be.shb().idb(LinkType.ETHERNET, 0, be.opt(2, "be0")).idb(LinkType.RAW, 0, be.opt(2, "be1"))
                .epb(1, 1, ARP, ARP.length);
        CaptureBuilder le = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN);
        le.shb().idb(LinkType.LINUX_SLL, 0, le.opt(2, "le0")).epb(0, 2, ARP, ARP.length);
        byte[] twoSections = concat(be.bytes(), le.bytes());
        try (CaptureReader r = open(twoSections)) {
            PcapngReader ng = (PcapngReader) r;
            assertThat(r.next()).extracting(CapturedPacket::interfaceName, CapturedPacket::linkType)
                    .containsExactly("be1", LinkType.RAW);
            assertThat(ng.sectionNumber()).isEqualTo(1);
            assertThat(r.next()).extracting(CapturedPacket::interfaceName, CapturedPacket::linkType,
                    CapturedPacket::timestampNanos).containsExactly("le0", LinkType.LINUX_SLL, 2_000L);
            assertThat(ng.sectionNumber()).isEqualTo(2);
            assertThat(ng.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(ng.interfaces()).hasSize(1);
        }
        le.epb(1, 3, ARP, ARP.length);
        byte[] stale = concat(be.bytes(), le.bytes());
        assertThat(failure(stale).problem())
                .isEqualTo("Enhanced Packet Block refers to interface 1 but section 2 has described 1 interface");
    }

    @ParameterizedTest(name = "if_tsresol {0}: {1} units = {2} ns")
    @CsvSource({
        "-1, 1500000, 1500000000",        // no option: 10^-6, microseconds
        "3, 1500, 1500000000",            // milliseconds
        "6, 1500000, 1500000000",
        "9, 123, 123",
        "12, 1234567000, 1234567",        // picoseconds, rounded down
        "0, 7, 7000000000",               // whole seconds
        "148, 5767168, 5500000000",       // 0x80|20: 2^-20 s, 5.5 * 2^20 units
        "128, 3, 3000000000",             // 0x80|0: 2^0 s
    })
    void ifTsresolInDecimalAndBinaryForms(int tsresol, long units, long nanos) throws IOException {
        CaptureBuilder b = CaptureBuilder.pcapng(ByteOrder.BIG_ENDIAN);
        byte[][] options = tsresol < 0 ? new byte[0][] : new byte[][] {b.opt(9, new byte[] {(byte) tsresol})};
        byte[] file = b.shb().idb(LinkType.ETHERNET, 0, options).epb(0, units, ARP, ARP.length).bytes();
        assertThat(read(file)).singleElement().extracting(CapturedPacket::timestampNanos).isEqualTo(nanos);
    }

    @Test
    void ifTsoffsetAddsSecondsToEveryTimestamp() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN);
        byte[] file = b.shb().idb(LinkType.ETHERNET, 0, b.optLong(14, T), b.opt(9, new byte[] {9}))
                .epb(0, 42, ARP, ARP.length).bytes();
        assertThat(read(file)).singleElement().extracting(CapturedPacket::timestampNanos)
                .isEqualTo(T * 1_000_000_000L + 42);
    }

    @Test
    void interfaceTimestampConversionRefusesWhatNanosecondsCannotHold() {
        PcapngInterface seconds = new PcapngInterface(0, 1, 0, null, null, 0, 0);
        assertThatThrownBy(() -> seconds.toNanos(10_000_000_000L)).isInstanceOf(ArithmeticException.class);
        // Unsigned units above 2^63 are fine at a fine enough resolution: 2^64-1 ps is about 213 days.
        PcapngInterface picos = new PcapngInterface(0, 1, 0, null, null, 12, 0);
        assertThat(picos.toNanos(-1L)).isEqualTo(18_446_744_073_709_551L);
        assertThat(new PcapngInterface(0, 1, 0, null, null, 6, -1).toNanos(0)).isEqualTo(-1_000_000_000L);
    }

    // ---- malformed files: what is wrong and where ------------------------------------------

    @Test
    void emptyFileAndUnknownMagic() {
        assertThat(failure(new byte[0])).hasMessage("test: file header at offset 0: empty file: no pcap or pcapng header");
        assertThat(failure(new byte[] {0x0a, 0x0d})).hasMessage(
                "test: file header at offset 0: file ends after 2 bytes, inside the 4-byte magic number");
        assertThat(failure(Bytes.fromHex("7f454c46 02010100"))).hasMessage(
                "test: file header at offset 0: not a pcap or pcapng file: magic number 0x7f454c46");
        assertThat(failure(Bytes.fromHex("34cdb2a1 02000400"))).hasMessage(
                "test: file header at offset 0: modified (Kuznetzov) pcap format is not supported");
    }

    @Test
    void pcapHeaderVersionAndRecordProblems() {
        byte[] header = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1).bytes();
        assertThat(failure(Arrays.copyOf(header, 20))).hasMessage(
                "test: file header at offset 0: file ends after 20 bytes, inside the 24-byte pcap file header");
        byte[] v1 = header.clone();
        v1[4] = 1;
        assertThat(failure(v1)).hasMessage(
                "test: file header at offset 0: unsupported pcap version 1.4 (only 2.x is defined)");
        byte[] huge = CaptureBuilder.pcap(ByteOrder.BIG_ENDIAN, false, 65535, 1)
                .raw(Bytes.fromHex("00000001 00000000 7fffffff 7fffffff")).bytes();
        assertThat(failure(huge)).hasMessage(
                "test: record 1 at offset 24: captured length 2147483647 exceeds the reader's limit of 16777216 bytes");
    }

    @Test
    void truncatedFinalPcapRecordIsReportedAsSuchAfterTheGoodOnes() throws IOException {
        byte[] whole = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, true, 65535, 1)
                .record(T, 1, ARP, ARP.length).record(T, 2, ARP, ARP.length).bytes();
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);
        try (CaptureReader r = open(cut)) {
            assertThat(r.next().timestampNanos()).isEqualTo(T * 1_000_000_000L + 1);
            CaptureFormatException e = catchThrowableOfType(CaptureFormatException.class, r::next);
            assertThat(e).hasMessage("test: record 2 at offset 82: truncated record: it declares 42 captured bytes"
                    + " but the file ends after 32");
            assertThat(e.truncated()).isTrue();
            assertThat(e.offset()).isEqualTo(24 + 16 + 42);
            // The reader stays failed: the same exception again, not a misread of the next bytes.
            assertThat(catchThrowableOfType(CaptureFormatException.class, r::next)).isSameAs(e);
        }
        CaptureFormatException inHeader = failure(Arrays.copyOf(whole, 24 + 58 + 5));
        assertThat(inHeader.problem()).isEqualTo("truncated record: file ends after 5 bytes, inside the 16-byte record header");
        assertThat(inHeader.truncated()).isTrue();
    }

    /** SHB without options (28 bytes) then IDB without options (20 bytes): the next block is block 3 at offset 48. */
    private static CaptureBuilder section() {
        return CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN).shb().idb(LinkType.ETHERNET, 0);
    }

    @Test
    void pcapngBlockFrameProblems() {
        CaptureBuilder b = section();
        assertThat(failure(b.raw(b.int32(0x77)).raw(b.int32(3)).raw(new byte[4]).bytes())).hasMessage(
                "test: block 3 at offset 48: block length 3 is below the 12-byte minimum");

        b = section();
        assertThat(failure(b.raw(b.int32(6)).raw(b.int32(20)).raw(new byte[8]).raw(b.int32(20)).bytes()))
                .hasMessage("test: block 3 at offset 48: block length 20 is below the 32-byte minimum for its type"
                        + " (Enhanced Packet Block)");

        b = section();
        assertThat(failure(b.raw(b.int32(0x77)).raw(b.int32(14)).raw(new byte[6]).bytes()).problem())
                .isEqualTo("block of type 0x00000077 length 14 is not a multiple of 4");

        byte[] epb = section().epb(0, 1, ARP, ARP.length).bytes();
        epb[epb.length - 4] = 0x40;                           // trailing length 64 instead of 76
        assertThat(failure(epb).problem()).isEqualTo(
                "trailing block length 64 does not match the leading block length 76 (Enhanced Packet Block)");

        b = section();
        byte[] bigClaim = b.raw(b.int32(0x77)).raw(b.int32(0x00ff_fff0)).raw(new byte[40]).bytes();
        CaptureFormatException e = failure(bigClaim);
        assertThat(e.problem()).isEqualTo("truncated block of type 0x00000077: it declares 16777200 bytes but the file"
                + " ends after 48");
        assertThat(e.truncated()).isTrue();

        b = section();
        assertThat(failure(b.raw(b.int32(0x77)).raw(b.int32(0x0100_0004)).bytes()).problem())
                .isEqualTo("block of type 0x00000077 length 16777220 exceeds the reader's limit of 16777216 bytes");

        assertThat(failure(Arrays.copyOf(section().bytes(), 48 + 5)).problem())
                .isEqualTo("file ends after 5 bytes, inside the 8-byte block header");
    }

    @Test
    void sectionHeaderProblems() {
        byte[] shb = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN).shb().bytes();
        byte[] badBom = shb.clone();
        badBom[8] = 0x4e;
        assertThat(failure(badBom)).hasMessage("test: block 1 at offset 0: Section Header Block byte-order magic"
                + " 0x4e3c2b1a is neither 0x1a2b3c4d nor its byte swap 0x4d3c2b1a");
        assertThat(failure(CaptureBuilder.pcapng(ByteOrder.BIG_ENDIAN).shb(2, 0).bytes()).problem())
                .isEqualTo("unsupported pcapng version 2.0 (only 1.x is defined)");
        assertThat(failure(Arrays.copyOf(shb, 10)).problem())
                .isEqualTo("file ends inside the Section Header Block's byte-order magic");
    }

    @Test
    void pcapngPacketAndOptionProblems() {
        assertThat(failure(section().epb(1, 1, ARP, ARP.length).bytes()).problem())
                .isEqualTo("Enhanced Packet Block refers to interface 1 but section 1 has described 1 interface");

        byte[] bigCaplen = section().epb(0, 1, ARP, ARP.length).bytes();
        bigCaplen[48 + 20] = 100;                             // captured length 100 in a block with 44 bytes of room
        assertThat(failure(bigCaplen).problem())
                .isEqualTo("captured length 100 exceeds the 44 bytes of data and options the Enhanced Packet Block holds");

        CaptureBuilder b = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN).shb();
        byte[] longOption = b.idb(LinkType.ETHERNET, 0, b.opt(2, "eth0")).bytes();
        longOption[28 + 16 + 2] = 100;                        // if_name length 100, 4 bytes there
        assertThat(failure(longOption)).hasMessage("test: block 2 at offset 28: option 2 at offset 44 has length 100,"
                + " past the end of the Interface Description Block (4 bytes left)");

        b = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN).shb();
        assertThat(failure(b.idb(1, 0, b.opt(9, new byte[] {9, 0})).bytes()).problem())
                .isEqualTo("if_tsresol option at offset 44 has length 2, expected 1");

        b = section();
        assertThat(failure(b.epb(0, 1, ARP, ARP.length, b.opt(2, new byte[] {1, 0})).bytes()).problem())
                .isEqualTo("epb_flags option at offset 120 has length 2, expected 4");

        b = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN).shb();
        byte[] seconds = b.idb(1, 0, b.opt(9, new byte[] {0})).epb(0, 10_000_000_000L, ARP, ARP.length).bytes();
        assertThat(failure(seconds).problem()).isEqualTo("timestamp 10000000000 at resolution 10^-0 s with offset 0 s"
                + " does not fit in 64-bit nanoseconds");

        assertThat(failure(CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN).shb().spb(4, new byte[4]).bytes()).problem())
                .isEqualTo("Simple Packet Block before any Interface Description Block in section 1");
    }

    @Test
    void truncatedFinalPcapngBlockIsReportedAsSuchAfterTheGoodOnes() throws IOException {
        byte[] whole = section().epb(0, 1, ARP, ARP.length).epb(0, 2, ARP, ARP.length).bytes();
        byte[] cut = Arrays.copyOf(whole, whole.length - 46);
        try (CaptureReader r = open(cut)) {
            assertThat(r.next().timestampNanos()).isEqualTo(1_000);
            CaptureFormatException e = catchThrowableOfType(CaptureFormatException.class, r::next);
            assertThat(e).hasMessage("test: block 4 at offset 124: truncated Enhanced Packet Block: it declares 76 bytes"
                    + " but the file ends after 30");
            assertThat(e.truncated()).isTrue();
            assertThat(e.location()).isEqualTo("block 4");
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
