package dev.weir.pcap.print;

import static dev.weir.pcap.print.Frames.A;
import static dev.weir.pcap.print.Frames.A6;
import static dev.weir.pcap.print.Frames.B;
import static dev.weir.pcap.print.Frames.B6;
import static dev.weir.pcap.print.Frames.MAC_A;
import static dev.weir.pcap.print.Frames.concat;
import static dev.weir.pcap.print.Frames.ether;
import static dev.weir.pcap.print.Frames.hex;
import static dev.weir.pcap.print.Frames.icmp4;
import static dev.weir.pcap.print.Frames.icmp6;
import static dev.weir.pcap.print.Frames.ipv4;
import static dev.weir.pcap.print.Frames.ipv4Frame;
import static dev.weir.pcap.print.Frames.ipv6;
import static dev.weir.pcap.print.Frames.ipv6Frame;
import static dev.weir.pcap.print.Frames.tcp4Frame;
import static dev.weir.pcap.print.Frames.tcpHeader;
import static dev.weir.pcap.print.Frames.udp4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.wire.ArpRepr;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.Icmpv4Repr;
import dev.weir.api.wire.Icmpv6Repr;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Repr;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.Ipv6Option;
import dev.weir.api.wire.Ipv6OptionsHeader;
import dev.weir.api.wire.Ipv6RoutingHeader;
import dev.weir.api.wire.Octets;
import dev.weir.api.wire.TcpOption;
import dev.weir.api.wire.TcpPacket;
import dev.weir.pcap.CaptureReader;
import dev.weir.pcap.CapturedPacket;
import dev.weir.pcap.LinkType;
import dev.weir.pcap.print.PacketPrinter.TimestampStyle;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * What the printer prints where tcpdump's output is not the reference: malformed headers that
 * Weir's views refuse (the line ends with the {@link dev.weir.api.wire.WireError}), protocols it
 * leaves undecoded, pcapng annotations; and that no bytes make it throw or allocate per frame.
 * Agreement with tcpdump is in {@link TcpdumpAgreementTest} and the fixture tests.
 */
class PacketPrinterTest {
    private static String line(byte[] frame) {
        return line(LinkType.ETHERNET, frame);
    }

    private static String line(int linkType, byte[] frame) {
        return new PacketPrinter().print(new StringBuilder(), linkType, 0, frame, 0, frame.length, frame.length).toString();
    }

    private static byte[] icmp6Frame(Icmpv6Repr r, Ipv6Address src, Ipv6Address dst) {
        return Frames.icmp6Frame(r, src, dst);
    }

    // ---- malformed headers: the view's reason ----

    @Test
    void neighborDiscoveryRefusedByTheViewEndsWithTheReason() {
        // RFC 4861 section 7.1.1: code 0, and a target that is not multicast; tcpdump prints both as usual.
        byte[] ns = icmp6(new Icmpv6Repr.NeighborSolicitation(B6, List.of()), A6, B6.solicitedNode());
        byte[] code1 = ns.clone();
        code1[1] = 1;
        assertThat(line(ipv6Frame(ipv6(A6, B6.solicitedNode(), IpProtocol.ICMPV6, code1))))
                .isEqualTo("IP6 fd00::1 > ff02::1:ff00:2: ICMP6, neighbor solicitation [|icmp6: bad field]");
        byte[] multicastTarget = icmp6(new Icmpv6Repr.Other(135, 0, Frames.join(Octets.zeros(4),
                Octets.copyOf(Ipv6Address.ALL_NODES.toBytes()))), A6, B6);
        assertThat(line(ipv6Frame(ipv6(A6, B6, IpProtocol.ICMPV6, multicastTarget))))
                .isEqualTo("IP6 fd00::1 > fd00::2: ICMP6, neighbor solicitation [|icmp6: bad address]");
    }

    @Test
    void malformedExtensionHeadersEndWithTheReason() {
        byte[] udp = Frames.udp6(A6, B6, 1, 2, new byte[2]);
        // RFC 8200 section 4.1: Hop-by-Hop only right after the fixed header.
        byte[] lateHopByHop = ipv6(A6, B6, IpProtocol.UDP, udp, Ipv6OptionsHeader.of(IpProtocol.DSTOPTS, IpProtocol.HOPOPTS,
                List.of()), Ipv6OptionsHeader.of(IpProtocol.HOPOPTS, IpProtocol.UDP, List.of()));
        assertThat(line(ipv6Frame(lateHopByHop))).isEqualTo("IP6 fd00::1 > fd00::2:  [|ip6: bad field]");
        // An option whose length runs past its header (RFC 8200 section 4.2).
        byte[] badOption = ipv6(A6, B6, IpProtocol.UDP, udp,
                Ipv6OptionsHeader.of(IpProtocol.HOPOPTS, IpProtocol.UDP, List.of(Ipv6Option.routerAlert(0))));
        badOption[40 + 3] = 9;
        assertThat(line(ipv6Frame(badOption))).isEqualTo("IP6 fd00::1 > fd00::2:  [|ip6: bad option]");
        // Routing type 4 (segment routing) is decoded further by tcpdump.
        byte[] srh = ipv6(A6, B6, IpProtocol.UDP, udp, new Ipv6RoutingHeader(IpProtocol.UDP, 4, 0, Octets.zeros(4)));
        assertThat(line(ipv6Frame(srh))).isEqualTo("IP6 fd00::1 > fd00::2: RT6 (len=0, type=4, segleft=0) [|rt6: bad field]");
    }

    @Test
    void malformedIpv4OptionsEndWithTheReason() {
        // RFC 791 section 3.1: an option's length octet covers its type and length, so 1 is malformed.
        byte[] udp = udp4(A, B, 1, 2, new byte[2]);
        byte[] ip = ipv4(new Ipv4Repr(A, B, IpProtocol.UDP, 64, 0, 0, 1, false, false, 0, Octets.fromHex("07040400"), 10), udp);
        ip[21] = 1;
        assertThat(line(ipv4Frame(ip))).isEqualTo("IP  [|ip: bad option]");
    }

    @Test
    void arpForOtherHardwareAddressSizesEndsWithTheReason() {
        byte[] arp = concat(hex("0001 0800 0804 0001"), new byte[24]);
        assertThat(line(ether(EtherType.ARP, arp))).isEqualTo("ARP, [|arp: bad field]");
    }

    @Test
    void truncatedFramesEndWithTcpdumpsMarker() {
        byte[] ping = ipv4Frame(ipv4(A, B, IpProtocol.ICMP, icmp4(new Icmpv4Repr.EchoRequest(1, 1, Octets.zeros(8)))));
        PacketPrinter p = new PacketPrinter();
        assertThat(p.print(new StringBuilder(), LinkType.ETHERNET, 0, ping, 0, 14 + 20 + 4, ping.length))
                .hasToString("IP 10.0.0.1 > 10.0.0.2:  [|icmp]");
        assertThat(p.print(new StringBuilder(), LinkType.ETHERNET, 0, ping, 0, 6, ping.length)).hasToString(" [|ether]");
        assertThat(p.print(new StringBuilder(), LinkType.LINUX_SLL, 0, ping, 0, 6, ping.length)).hasToString(" [|sll]");
    }

    // ---- what is left undecoded (tcpdump's words in the comments) ----

    @Test
    void protocolsNotDecodedPrintTheirEnvelope() {
        // tcpdump: "STP 802.1d, Config, ..."
        byte[] stp = concat(hex("0180c2000000 020000000001 0026 424203"), new byte[35]);
        assertThat(line(stp)).isEqualTo("02:00:00:00:00:01 > 01:80:c2:00:00:00, 802.3, length 52: LLC not decoded");
        // tcpdump: "IP 10.0.0.1.40000 > 10.0.0.2.53: 24930 updateM+ [b2&3=0x6364] ..."
        byte[] dns = ipv4Frame(ipv4(A, B, IpProtocol.UDP, udp4(A, B, 40000, 53, Frames.ascii("abcdefghijkl"))));
        assertThat(line(dns)).isEqualTo("IP 10.0.0.1.40000 > 10.0.0.2.53: UDP, length 12");
        // tcpdump: "IP 10.0.0.1 > 10.0.0.2: igmp query v2"
        byte[] igmp = ipv4Frame(ipv4(A, B, IpProtocol.IGMP, hex("1164ee9b00000000")));
        assertThat(line(igmp)).isEqualTo("IP 10.0.0.1 > 10.0.0.2:  ip-proto-2 8");
        // tcpdump: "options [mptcp 4 unknown]"
        byte[] mptcp = tcp4Frame(false, tcpHeader(1, 2, 3, 4, TcpPacket.ACK, 5, List.of(new TcpOption.Unknown(30, hex("abcd"))), 0),
                new byte[0]);
        assertThat(line(mptcp)).isEqualTo("IP 10.0.0.1.1 > 10.0.0.2.2: Flags [.], ack 4, win 5, options [mptcp 0xabcd], length 0");
        // tcpdump: "ifb1  Out IP ..." with the reading host's name for interface index 3.
        byte[] sll2 = concat(hex("0800 0000 00000003 0001 04 06 020000000001 0000"), ipv4(A, B, IpProtocol.UDP,
                udp4(A, B, 1, 2, new byte[0])));
        assertThat(line(LinkType.LINUX_SLL2, sll2)).isEqualTo("if3   Out IP 10.0.0.1.1 > 10.0.0.2.2: UDP, length 0");
        assertThat(line(LinkType.LINUX_SLL2, Arrays.copyOf(sll2, 19))).isEqualTo(" [|sll2]");
        assertThat(line(147, new byte[8])).isEqualTo("link-type LINKTYPE_147 (link type 147) not decoded, length 8");
    }

    // ---- timestamps and state ----

    @Test
    void deltasKeepTheSignAndDropWholeDaysAsTcpdumpDoes() {
        PacketPrinter p = new PacketPrinter(TimestampStyle.DELTA, false);
        byte[] f = Frames.arp(ArpRepr.request(MAC_A, A, B));
        long t0 = 1_795_347_325_000_000_000L;
        List<String> prefixes = new ArrayList<>();
        for (long t : new long[] {t0, t0 + 1_999, t0 + 90_061_000_001_999L, t0}) {
            String l = p.print(new StringBuilder(), LinkType.ETHERNET, t, f, 0, f.length, f.length).toString();
            prefixes.add(l.substring(0, l.indexOf(" ARP")));
        }
        // 1 999 ns is 1 us; 25 h 1 min 1 s prints as 01:01:01; going back prints a minus.
        assertThat(prefixes).containsExactly(" 00:00:00.000000", " 00:00:00.000001", " 01:01:01.000000", "-01:01:01.000001");
    }

    @Test
    void resetForgetsConversationsAndTheFirstTimestamp() {
        PacketPrinter p = new PacketPrinter(TimestampStyle.SINCE_FIRST, false);
        byte[] first = tcp4Frame(false, tcpHeader(1000, 2000, 100, 500, TcpPacket.ACK, 9, List.of(), 0), new byte[0]);
        byte[] second = tcp4Frame(false, tcpHeader(1000, 2000, 100, 510, TcpPacket.ACK, 9, List.of(), 0), new byte[0]);
        assertThat(p.print(new StringBuilder(), LinkType.ETHERNET, 5_000_000, first, 0, first.length, first.length))
                .hasToString(" 00:00:00.000000 IP 10.0.0.1.1000 > 10.0.0.2.2000: Flags [.], ack 500, win 9, length 0");
        assertThat(p.print(new StringBuilder(), LinkType.ETHERNET, 7_000_000, second, 0, second.length, second.length))
                .hasToString(" 00:00:00.002000 IP 10.0.0.1.1000 > 10.0.0.2.2000: Flags [.], ack 11, win 9, length 0");
        p.reset();
        assertThat(p.print(new StringBuilder(), LinkType.ETHERNET, 9_000_000, second, 0, second.length, second.length))
                .hasToString(" 00:00:00.000000 IP 10.0.0.1.1000 > 10.0.0.2.2000: Flags [.], ack 510, win 9, length 0");
    }

    @Test
    void conversationTableKeepsEveryConversationAcrossGrowth() {
        TcpConversations t = new TcpConversations();
        for (int i = 0; i < 5_000; i++) {
            t.put(0, i, 0, ~i, (long) i << 16 | 80, i * 7, i * 11);
        }
        assertThat(t.size()).isEqualTo(5_000);
        for (int i = 0; i < 5_000; i++) {
            int slot = t.find(0, i, 0, ~i, (long) i << 16 | 80);
            assertThat(slot).isNotNegative();
            assertThat(t.seqBase(slot)).isEqualTo(i * 7);
            assertThat(t.ackBase(slot)).isEqualTo(i * 11);
        }
        assertThat(t.find(0, 1, 0, ~1, (1L << 16 | 80) | 1L << 32)).as("the same ports over IPv6").isNegative();
    }

    // ---- pcapng annotations ----

    @Test
    void annotatedLinesCarryInterfaceDirectionAndComments() {
        byte[] f = Frames.arp(ArpRepr.request(MAC_A, A, B));
        PacketPrinter p = new PacketPrinter(TimestampStyle.EPOCH, false);
        CapturedPacket out = new CapturedPacket(1_700_000_000_000_001_000L, 0, "r1:eth0", LinkType.ETHERNET, f.length, f,
                CapturedPacket.DIRECTION_OUTBOUND, "drop: NEIGH_FAILED\nsecond\tcomment");
        assertThat(p.printAnnotated(new StringBuilder(), out)).hasToString("1700000000.000001 r1:eth0 Out "
                + "ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28 # drop: NEIGH_FAILED # second\\x09comment");
        CapturedPacket in = new CapturedPacket(1_700_000_000_000_002_000L, 1, "h1", LinkType.ETHERNET, f.length, f,
                CapturedPacket.DIRECTION_INBOUND, null);
        assertThat(p.printAnnotated(new StringBuilder(), in))
                .hasToString("1700000000.000002 h1    In  ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28");
        // Classic pcap says nothing of the kind: the annotated line is the plain one.
        CapturedPacket bare = new CapturedPacket(1_700_000_000_000_003_000L, 0, null, LinkType.ETHERNET, f.length, f,
                CapturedPacket.DIRECTION_UNKNOWN, null);
        assertThat(p.printAnnotated(new StringBuilder(), bare)).hasToString(p.print(new StringBuilder(), bare).toString())
                .hasToString("1700000000.000003 ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28");
    }

    @Test
    void aCallersBadBoundsAreAnErrorNotALine() {
        assertThatThrownBy(() -> new PacketPrinter().print(new StringBuilder(), LinkType.ETHERNET, 0, new byte[10], 4, 8, 8))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    // ---- no bytes make it throw; nothing allocated per frame ----

    static List<byte[]> fixtureFrames() throws IOException {
        Path dir;
        try {
            dir = Path.of(Objects.requireNonNull(PacketPrinterTest.class.getResource("/captures")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<byte[]> frames = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList()) {
                for (CapturedPacket p : CaptureReader.readAll(f)) {
                    if (p.linkType() == LinkType.ETHERNET) {
                        frames.add(p.data());
                    }
                }
            }
        }
        return frames;
    }

    @Provide
    Arbitrary<byte[]> mutatedFrames() throws IOException {
        List<byte[]> frames = fixtureFrames();
        return Arbitraries.integers().between(0, frames.size() - 1).flatMap(i -> {
            byte[] f = frames.get(i);
            return Arbitraries.integers().between(0, f.length - 1).list().ofMaxSize(8).flatMap(positions ->
                    Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                        byte[] m = f.clone();
                        for (int k = 0; k < positions.size(); k++) {
                            m[positions.get(k)] = values.get(k);
                        }
                        return m;
                    }));
        });
    }

    private static void assertOneLine(int linkType, byte[] b, int captured, int original) {
        PacketPrinter p = new PacketPrinter(TimestampStyle.DELTA, false);
        String l = p.print(new StringBuilder(), linkType, 1, b, 0, captured, original).toString();
        assertThat(l).doesNotContain("\n").isNotEmpty();
    }

    @Property(tries = 2000)
    void mutatedFixtureFramesPrintOneLineWithoutThrowing(@ForAll("mutatedFrames") byte[] frame,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 1600) int cut) {
        assertOneLine(LinkType.ETHERNET, frame, Math.min(cut, frame.length), frame.length);
        assertOneLine(LinkType.RAW, Arrays.copyOfRange(frame, 14, frame.length), Math.max(0, Math.min(cut, frame.length) - 14),
                frame.length - 14);
    }

    @Property(tries = 2000)
    void randomBytesOfEveryLinkTypePrintOneLineWithoutThrowing(
            @ForAll @net.jqwik.api.constraints.Size(max = 200) byte[] bytes,
            @ForAll("linkTypes") int linkType) {
        assertOneLine(linkType, bytes, bytes.length, bytes.length + 7);
    }

    @Provide
    Arbitrary<Integer> linkTypes() {
        return Arbitraries.of(LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW, LinkType.IPV4,
                LinkType.IPV6, LinkType.NULL, 12345);
    }

    /**
     * Printing the fixture frames again and again into a reused builder allocates less than a
     * byte per frame on this thread (the hot-path rule, for traces): a single String per line
     * would be hundreds of kilobytes.
     */
    @Test
    void printingAllocatesNothingPerFrame() throws IOException {
        List<byte[]> frames = fixtureFrames();
        PacketPrinter p = new PacketPrinter(TimestampStyle.EPOCH, false);
        StringBuilder sb = new StringBuilder(512);
        long[] sink = new long[1];
        Runnable round = () -> {
            long t = 1_700_000_000_000_000_000L;
            for (byte[] f : frames) {
                sb.setLength(0);
                p.print(sb, LinkType.ETHERNET, t += 1000, f, 0, f.length, f.length);
                sink[0] += sb.length();
            }
        };
        for (int i = 0; i < 200; i++) {
            round.run();
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int rounds = 2_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < rounds; i++) {
            round.run();
        }
        long bytes = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink[0]).isPositive();
        assertThat(bytes).as("bytes allocated printing %d frames", (long) rounds * frames.size())
                .isLessThan((long) rounds * frames.size());
    }
}
