package dev.weir.pcap.print;

import static dev.weir.pcap.print.Frames.A;
import static dev.weir.pcap.print.Frames.A6;
import static dev.weir.pcap.print.Frames.B;
import static dev.weir.pcap.print.Frames.B6;
import static dev.weir.pcap.print.Frames.MAC_A;
import static dev.weir.pcap.print.Frames.MAC_B;
import static dev.weir.pcap.print.Frames.ascii;
import static dev.weir.pcap.print.Frames.concat;
import static dev.weir.pcap.print.Frames.ether;
import static dev.weir.pcap.print.Frames.hex;
import static dev.weir.pcap.print.Frames.icmp4;
import static dev.weir.pcap.print.Frames.icmp6;
import static dev.weir.pcap.print.Frames.icmp6Frame;
import static dev.weir.pcap.print.Frames.ipv4;
import static dev.weir.pcap.print.Frames.ipv4Frame;
import static dev.weir.pcap.print.Frames.ipv6;
import static dev.weir.pcap.print.Frames.ipv6Frame;
import static dev.weir.pcap.print.Frames.tcp4;
import static dev.weir.pcap.print.Frames.tcp4Frame;
import static dev.weir.pcap.print.Frames.tcp6;
import static dev.weir.pcap.print.Frames.tcpHeader;
import static dev.weir.pcap.print.Frames.udp4;
import static dev.weir.pcap.print.Frames.udp6;
import static dev.weir.pcap.print.Frames.with16;
import static dev.weir.pcap.print.Frames.with8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.ArpRepr;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.EthernetRepr;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.Icmpv4Repr;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.Icmpv6Repr;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv4Repr;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.Ipv6FragmentHeader;
import dev.weir.api.wire.Ipv6Option;
import dev.weir.api.wire.Ipv6OptionsHeader;
import dev.weir.api.wire.Ipv6RoutingHeader;
import dev.weir.api.wire.MacAddress;
import dev.weir.api.wire.NdpOption;
import dev.weir.api.wire.Octets;
import dev.weir.api.wire.TcpOption;
import dev.weir.api.wire.TcpPacket;
import dev.weir.pcap.CaptureReader;
import dev.weir.pcap.CapturedPacket;
import dev.weir.pcap.LinkType;
import dev.weir.pcap.PcapWriter;
import dev.weir.testing.Tcpdump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The printer against the tcpdump installed here (4.99.3), frame by frame, on traffic the
 * capture fixtures lack: every message kind the printer knows, built with the wire records'
 * emitters, plus frames cut short by a snap length and a few malformed ones whose wording
 * tcpdump's is simple enough to share. Each frame is written to a pcap, read back with
 * {@link CaptureReader}, printed, and compared with {@code tcpdump -nn} on the same file.
 * Skipped when tcpdump is not installed. What the printer deliberately prints differently is
 * in {@link PacketPrinterTest}.
 */
class TcpdumpAgreementTest {
    private static final long START_NANOS = 1_700_000_000_123_456_789L;
    private static final List<TcpOption> SYN_OPTIONS = List.of(new TcpOption.Mss(1460), TcpOption.SACK_PERMITTED,
            new TcpOption.Timestamps(1000, 0), TcpOption.NOP, new TcpOption.WindowScale(7));

    @TempDir
    Path tmp;

    /** One frame of a test capture: what it shows, its bytes, and how many of them were captured. */
    private record Frame(String what, byte[] bytes, int captured) {
        Frame(String what, byte[] bytes) {
            this(what, bytes, bytes.length);
        }
    }

    private static Frame cut(String what, byte[] bytes, int captured) {
        return new Frame(what + " (captured " + captured + " of " + bytes.length + " bytes)", bytes, captured);
    }

    /** Writes the frames to a pcap 1 ms apart, prints them with {@code printer}, and compares with tcpdump. */
    private void assertSameAsTcpdump(int linkType, List<Frame> frames, PacketPrinter printer, String... tcpdumpOptions)
            throws IOException {
        long[] times = new long[frames.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = START_NANOS + i * 1_000_000L;
        }
        assertSameAsTcpdump(linkType, frames, times, printer, tcpdumpOptions);
    }

    private void assertSameAsTcpdump(int linkType, List<Frame> frames, long[] times, PacketPrinter printer,
            String... tcpdumpOptions) throws IOException {
        Tcpdump.require();
        Path file = tmp.resolve("frames.pcap");
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), linkType, 262_144)) {
            for (int i = 0; i < frames.size(); i++) {
                Frame f = frames.get(i);
                w.write(times[i], f.bytes(), 0, f.captured(), f.bytes().length);
            }
        }
        List<String> expected = Tcpdump.lines(file, tcpdumpOptions);
        List<CapturedPacket> packets = CaptureReader.readAll(file);
        assertThat(packets).hasSize(frames.size());
        assertThat(expected).as("tcpdump's lines for %d frames", frames.size()).hasSize(frames.size());
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < frames.size(); i++) {
            soft.assertThat(printer.format(packets.get(i))).as("frame %d: %s", i + 1, frames.get(i).what())
                    .isEqualTo(expected.get(i));
        }
        soft.assertAll();
    }

    private static byte[] echo4(boolean request, int id, int seq, int dataLength) {
        Octets data = Octets.zeros(dataLength);
        return icmp4(request ? new Icmpv4Repr.EchoRequest(id, seq, data) : new Icmpv4Repr.EchoReply(id, seq, data));
    }

    /** An ICMP error from the router 10.0.0.254 to A about a UDP datagram A sent to 10.9.9.9 port 33434. */
    private static Frame icmpError(String what, Icmpv4Repr r) {
        return new Frame(what, ipv4Frame(ipv4(Ipv4Address.parse("10.0.0.254"), A, IpProtocol.ICMP, icmp4(r))));
    }

    private static Octets quotedUdp() {
        Ipv4Address far = Ipv4Address.parse("10.9.9.9");
        byte[] dgram = ipv4(A, far, IpProtocol.UDP, udp4(A, far, 40000, 33434, new byte[12]));
        return Octets.copyOf(dgram, 0, 28);
    }

    @Test
    void arpAndRarp() throws IOException {
        ArpRepr request = ArpRepr.request(MAC_A, A, B);
        byte[] reverse = Frames.arp(request);
        Bytes.put16(reverse, 14 + 6, 3);
        byte[] reverseReply = Frames.arp(request);
        Bytes.put16(reverseReply, 14 + 6, 4);
        Bytes.put16(reverseReply, 12, 0x8035);
        byte[] inverse = Frames.arp(new ArpRepr(ArpRepr.Operation.REQUEST, MAC_A, A, MAC_B, B));
        Bytes.put16(inverse, 14 + 6, 8);
        byte[] inverseReply = Frames.arp(request);
        Bytes.put16(inverseReply, 14 + 6, 9);
        byte[] ipv6Arp = ether(EtherType.ARP, hex("0001 86dd 0610 0001"));
        assertSameAsTcpdump(LinkType.ETHERNET, List.of(
                new Frame("request", Frames.arp(request)),
                new Frame("reply", Frames.arp(ArpRepr.replyTo(request, MAC_B))),
                new Frame("request padded to 60 bytes", concat(Frames.arp(request), new byte[18])),
                new Frame("request naming the target MAC", Frames.arp(new ArpRepr(ArpRepr.Operation.REQUEST, MAC_A, A, MAC_B, B))),
                new Frame("gratuitous", Frames.arp(ArpRepr.request(MAC_A, A, A))),
                new Frame("RARP request", reverse),
                new Frame("RARP reply, EtherType 0x8035", reverseReply),
                new Frame("InARP request", inverse),
                new Frame("InARP reply", inverseReply),
                new Frame("IPv6 addresses", concat(ipv6Arp, new byte[44])),
                cut("request", Frames.arp(request), 30)), new PacketPrinter(), "-nn", "-t");
    }

    @Test
    void icmpv4Messages() throws IOException {
        List<Frame> frames = new ArrayList<>();
        frames.add(new Frame("echo request", ipv4Frame(ipv4(A, B, IpProtocol.ICMP, echo4(true, 7, 1, 56)))));
        frames.add(new Frame("echo reply", ipv4Frame(ipv4(B, A, IpProtocol.ICMP, echo4(false, 7, 1, 56)))));
        for (int code = 0; code <= 16; code++) {
            int mtu = code == Icmpv4Packet.UNREACH_FRAG_NEEDED ? 1400 : 0;
            frames.add(icmpError("unreachable code " + code, new Icmpv4Repr.DestinationUnreachable(code, mtu, quotedUdp())));
        }
        byte[] tcpDgram = ipv4(A, B, IpProtocol.TCP, tcp4(A, B, tcpHeader(40000, 443, 1, 0, TcpPacket.SYN, 64240,
                List.of(), 0), new byte[0]));
        frames.add(icmpError("TCP port unreachable", new Icmpv4Repr.DestinationUnreachable(3, 0, Octets.copyOf(tcpDgram, 0, 28))));
        byte[] gre = ipv4(A, B, 47, new byte[8]);
        frames.add(icmpError("port unreachable for GRE", new Icmpv4Repr.DestinationUnreachable(3, 0, Octets.copyOf(gre))));
        frames.add(icmpError("need to frag without MTU (pre RFC 1191)", new Icmpv4Repr.DestinationUnreachable(4, 0, quotedUdp())));
        for (int code = 0; code <= 2; code++) {
            frames.add(icmpError("time exceeded code " + code, new Icmpv4Repr.TimeExceeded(code, quotedUdp())));
        }
        for (int code = 0; code <= 4; code++) {
            frames.add(icmpError("redirect code " + code,
                    new Icmpv4Repr.Redirect(code, Ipv4Address.parse("10.0.0.253"), quotedUdp())));
        }
        frames.add(icmpError("parameter problem", new Icmpv4Repr.ParameterProblem(0, 22, quotedUdp())));
        frames.add(icmpError("parameter problem, missing option", new Icmpv4Repr.ParameterProblem(1, 0, quotedUdp())));
        frames.add(icmpError("source quench", new Icmpv4Repr.Other(4, 0, 0, quotedUdp())));
        frames.add(icmpError("router solicitation", new Icmpv4Repr.Other(10, 0, 0, Octets.EMPTY)));
        frames.add(icmpError("router advertisement, 2 addresses, lifetime 1800",
                new Icmpv4Repr.Other(9, 0, 0x0202_0708, Octets.fromHex("0a0000fe 00000000 0a0000fd 00000005"))));
        frames.add(icmpError("router advertisement, lifetime 2 h", new Icmpv4Repr.Other(9, 0, 0x0002_1c20, Octets.EMPTY)));
        frames.add(icmpError("router advertisement, lifetime 9 s", new Icmpv4Repr.Other(9, 0, 0x0002_0009, Octets.EMPTY)));
        frames.add(icmpError("timestamp request", new Icmpv4Repr.Other(13, 0, 0x0001_0002, Octets.zeros(12))));
        frames.add(icmpError("timestamp reply",
                new Icmpv4Repr.Other(14, 0, 0x0001_0002, Octets.fromHex("0267c9f5 0267c9f6 0000000a"))));
        frames.add(icmpError("information request", new Icmpv4Repr.Other(15, 0, 0x0001_0002, Octets.EMPTY)));
        frames.add(icmpError("information reply", new Icmpv4Repr.Other(16, 0, 0x0001_0002, Octets.EMPTY)));
        frames.add(icmpError("address mask request", new Icmpv4Repr.Other(17, 0, 0x0001_0002, Octets.zeros(4))));
        frames.add(icmpError("address mask reply", new Icmpv4Repr.Other(18, 0, 0x0001_0002, Octets.fromHex("ffffff00"))));
        frames.add(icmpError("unknown type", new Icmpv4Repr.Other(42, 3, 0, Octets.EMPTY)));
        frames.add(icmpError("echo request with code 1", new Icmpv4Repr.Other(8, 1, 0x0001_0002, Octets.EMPTY)));
        byte[] badSum = echo4(true, 1, 2, 3);
        badSum[2] ^= (byte) 0xff;
        frames.add(new Frame("echo with a wrong checksum (not checked without -v)", ipv4Frame(ipv4(A, B, IpProtocol.ICMP, badSum))));
        frames.add(icmpError("port unreachable quoting only 20 bytes", new Icmpv4Repr.DestinationUnreachable(3, 0,
                Octets.copyOf(quotedUdp().toByteArray(), 0, 20))));
        frames.add(icmpError("host unreachable quoting 10 bytes", new Icmpv4Repr.DestinationUnreachable(1, 0,
                Octets.copyOf(quotedUdp().toByteArray(), 0, 10))));
        frames.add(new Frame("4-byte ICMP", ipv4Frame(ipv4(A, B, IpProtocol.ICMP, Arrays.copyOf(echo4(true, 1, 2, 0), 4)))));
        byte[] echo = ipv4Frame(ipv4(A, B, IpProtocol.ICMP, echo4(true, 7, 1, 56)));
        frames.add(cut("echo request", echo, 14 + 20 + 6));
        byte[] unreach = icmpError("", new Icmpv4Repr.DestinationUnreachable(3, 0, quotedUdp())).bytes();
        frames.add(cut("port unreachable", unreach, unreach.length - 4));
        frames.add(cut("port unreachable", unreach, unreach.length - 10));
        assertSameAsTcpdump(LinkType.ETHERNET, frames, new PacketPrinter(), "-nn", "-t");
    }

    @Test
    void ipv4FragmentsOptionsAndHeaderErrors() throws IOException {
        List<Frame> frames = new ArrayList<>();
        byte[] echo = echo4(true, 9, 1, 100);
        byte[] udp = udp4(A, B, 1234, 5678, new byte[100]);
        byte[] tcp = tcp4(A, B, tcpHeader(1234, 5678, 7, 0, TcpPacket.SYN, 1024, List.of(), 100), new byte[100]);
        for (Object[] p : new Object[][] {{IpProtocol.ICMP, echo}, {IpProtocol.UDP, udp}, {IpProtocol.TCP, tcp}, {99, new byte[108]}}) {
            int proto = (int) p[0];
            byte[] whole = (byte[]) p[1];
            frames.add(new Frame("first fragment of protocol " + proto, ipv4Frame(ipv4(new Ipv4Repr(A, B, proto, 64, 0, 0, 5,
                    false, true, 0, Octets.EMPTY, 48), Arrays.copyOf(whole, 48)))));
            frames.add(new Frame("last fragment of protocol " + proto, ipv4Frame(ipv4(new Ipv4Repr(A, B, proto, 64, 0, 0, 5,
                    false, false, 6, Octets.EMPTY, whole.length - 48), Arrays.copyOfRange(whole, 48, whole.length)))));
        }
        frames.add(new Frame("first fragment with 4 bytes of UDP", ipv4Frame(ipv4(new Ipv4Repr(A, B, IpProtocol.UDP, 64, 0, 0,
                5, false, true, 0, Octets.EMPTY, 4), Arrays.copyOf(udp, 4)))));
        frames.add(new Frame("Record Route option, DSCP 46, TTL 1", ipv4Frame(ipv4(new Ipv4Repr(A, B, IpProtocol.UDP, 1, 46, 3, 9,
                false, false, 0, Octets.fromHex("07270400" + "00".repeat(36)), 10), udp4(A, B, 1, 2, new byte[2])))));
        frames.add(new Frame("router alert option", ipv4Frame(ipv4(new Ipv4Repr(A, B, IpProtocol.UDP, 1, 0, 0, 9,
                false, false, 0, Octets.fromHex("94040000"), 10), udp4(A, B, 1, 2, new byte[2])))));
        byte[] small = ipv4(A, B, IpProtocol.UDP, udp4(A, B, 1, 2, new byte[2]));
        frames.add(new Frame("padded to 60 bytes", concat(ipv4Frame(small), new byte[16])));
        frames.add(new Frame("total length past the frame", ipv4Frame(with16(small, 2, 40))));
        frames.add(new Frame("total length below the header", ipv4Frame(with16(small, 2, 10))));
        frames.add(new Frame("total length 0", ipv4Frame(with16(small, 2, 0))));
        frames.add(new Frame("IHL 4", ipv4Frame(with8(small, 0, 0x44))));
        frames.add(new Frame("version 5", ipv4Frame(with8(small, 0, 0x55))));
        frames.add(new Frame("version 6 under EtherType IPv4", ipv4Frame(with8(small, 0, 0x65))));
        frames.add(new Frame("no next header (59) over IPv4", ipv4Frame(ipv4(A, B, IpProtocol.NONE, new byte[0]))));
        frames.add(new Frame("unknown protocol", ipv4Frame(ipv4(A, B, 99, ascii("hello")))));
        frames.add(cut("UDP", ipv4Frame(small), 14 + 10));
        frames.add(cut("UDP", ipv4Frame(small), 14));
        byte[] rr = frames.get(9).bytes();
        frames.add(cut("Record Route option", rr, 14 + 30));
        assertSameAsTcpdump(LinkType.ETHERNET, frames, new PacketPrinter(), "-nn", "-t");
    }

    @Test
    void udp() throws IOException {
        List<Frame> frames = new ArrayList<>();
        frames.add(new Frame("datagram", ipv4Frame(ipv4(A, B, IpProtocol.UDP, udp4(A, B, 35746, 9000, ascii("hello world\n"))))));
        frames.add(new Frame("empty datagram", ipv4Frame(ipv4(A, B, IpProtocol.UDP, udp4(A, B, 1, 2, new byte[0])))));
        frames.add(new Frame("over IPv6", ipv6Frame(ipv6(A6, B6, IpProtocol.UDP, udp6(A6, B6, 36086, 9000, new byte[12])))));
        frames.add(new Frame("iperf3-like port", ipv4Frame(ipv4(A, B, IpProtocol.UDP, udp4(A, B, 50000, 5201, new byte[1400])))));
        byte[] abc = udp4(A, B, 53000, 9999, ascii("abc"));
        byte[] longer = with16(abc, 4, 50);
        frames.add(new Frame("length field past the IP payload", ipv4Frame(ipv4(A, B, IpProtocol.UDP, longer))));
        frames.add(new Frame("length field below 8", ipv4Frame(ipv4(A, B, IpProtocol.UDP, with16(abc, 4, 5)))));
        frames.add(new Frame("4 bytes of UDP", ipv4Frame(ipv4(A, B, IpProtocol.UDP, Arrays.copyOf(longer, 4)))));
        byte[] whole = ipv4Frame(ipv4(A, B, IpProtocol.UDP, udp4(A, B, 1, 2, new byte[20])));
        for (int captured : new int[] {14 + 20 + 2, 14 + 20 + 6, 14 + 20 + 8, 14 + 20 + 10}) {
            frames.add(cut("datagram", whole, captured));
        }
        assertSameAsTcpdump(LinkType.ETHERNET, frames, new PacketPrinter(), "-nn", "-t");
    }

    /** A connection, a second one with the ports the other way round, SACK, urgent data and HTTP: relative numbers throughout. */
    private static List<Frame> tcpConversations() {
        List<Frame> f = new ArrayList<>();
        long isnA = 0xfffffff0L;
        long isnB = 1_157_959_677L;
        f.add(new Frame("SYN", tcp4Frame(false, tcpHeader(44700, 80, isnA, 0, TcpPacket.SYN, 64240, SYN_OPTIONS, 0), new byte[0])));
        f.add(new Frame("SYN-ACK", tcp4Frame(true, tcpHeader(80, 44700, isnB, isnA + 1, TcpPacket.SYN | TcpPacket.ACK, 65160,
                SYN_OPTIONS, 0), new byte[0])));
        List<TcpOption> ts = List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(1001, 2000));
        f.add(new Frame("ACK", tcp4Frame(false, tcpHeader(44700, 80, isnA + 1, isnB + 1, TcpPacket.ACK, 63, ts, 0), new byte[0])));
        byte[] get = ascii("GET /index.html HTTP/1.1\r\nHost: b\r\n\r\n");
        f.add(new Frame("HTTP request, sequence numbers wrapping", tcp4Frame(false, tcpHeader(44700, 80, isnA + 1, isnB + 1,
                TcpPacket.PSH | TcpPacket.ACK, 63, ts, get.length), get)));
        byte[] ok = ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        f.add(new Frame("HTTP response", tcp4Frame(true, tcpHeader(80, 44700, isnB + 1, isnA + 1 + get.length,
                TcpPacket.PSH | TcpPacket.ACK, 64, ts, ok.length), ok)));
        List<TcpOption> sack = List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Sack(List.of(
                new TcpOption.Sack.Block(isnB + 1001, isnB + 2001), new TcpOption.Sack.Block(isnB + 3001, isnB + 4001))));
        f.add(new Frame("SACK from the client", tcp4Frame(false, tcpHeader(44700, 80, isnA + 1 + get.length, isnB + 1,
                TcpPacket.ACK, 63, sack, 0), new byte[0])));
        List<TcpOption> sackB = List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Sack(List.of(
                new TcpOption.Sack.Block((isnA + 101) & 0xffff_ffffL, (isnA + 201) & 0xffff_ffffL))));
        f.add(new Frame("SACK from the server", tcp4Frame(true, tcpHeader(80, 44700, isnB + 1 + ok.length, isnA + 1,
                TcpPacket.ACK, 64, sackB, 0), new byte[0])));
        f.add(new Frame("urgent data", tcp4Frame(false, new TcpRepr4(44700, 80, (isnA + 40) & 0xffff_ffffL, isnB + 40,
                TcpPacket.URG | TcpPacket.ACK | TcpPacket.PSH, 63, 3).repr(), new byte[5])));
        f.add(new Frame("FIN", tcp4Frame(false, tcpHeader(44700, 80, isnA + 1 + get.length, isnB + 1 + ok.length,
                TcpPacket.FIN | TcpPacket.ACK, 63, ts, 0), new byte[0])));
        f.add(new Frame("RST", tcp4Frame(true, tcpHeader(80, 44700, isnB + 1 + ok.length, 0, TcpPacket.RST, 0, List.of(), 0),
                new byte[0])));
        // A second conversation between the same hosts, the higher port first: the table keys it the other way round.
        f.add(new Frame("second conversation, SYN-ACK first seen", tcp4Frame(true, tcpHeader(50000, 8080, 5000, 9001,
                TcpPacket.SYN | TcpPacket.ACK, 1000, List.of(), 0), new byte[0])));
        f.add(new Frame("second conversation, data", tcp4Frame(false, tcpHeader(8080, 50000, 9001, 5001,
                TcpPacket.PSH | TcpPacket.ACK, 1000, List.of(), 4), ascii("HTTP"))));
        f.add(new Frame("second conversation, response of the other side", tcp4Frame(true, tcpHeader(50000, 8080, 5001, 9005,
                TcpPacket.PSH | TcpPacket.ACK, 1000, List.of(), 17), ascii("HTTP/1.0 404 Nope"))));
        // Equal ports: the lower address is the key's source.
        f.add(new Frame("equal ports from B", tcp4Frame(true, tcpHeader(7000, 7000, 100, 200, TcpPacket.ACK, 10, List.of(), 0),
                new byte[0])));
        f.add(new Frame("equal ports from A", tcp4Frame(false, tcpHeader(7000, 7000, 200, 110, TcpPacket.ACK, 10, List.of(), 1),
                new byte[1])));
        f.add(new Frame("equal ports from B again", tcp4Frame(true, tcpHeader(7000, 7000, 110, 201, TcpPacket.ACK, 10, List.of(), 0),
                new byte[0])));
        // IPv6, same ports as the first conversation: a table of its own.
        f.add(new Frame("IPv6 ACK", ipv6Frame(ipv6(A6, B6, IpProtocol.TCP, tcp6(A6, B6, tcpHeader(44700, 80, 77, 88,
                TcpPacket.ACK, 5, List.of(), 0), new byte[0])))));
        f.add(new Frame("IPv6 data", ipv6Frame(ipv6(A6, B6, IpProtocol.TCP, tcp6(A6, B6, tcpHeader(44700, 80, 77, 88,
                TcpPacket.ACK | TcpPacket.PSH, 5, List.of(), 10), new byte[10])))));
        f.add(new Frame("IPv4 again after IPv6", tcp4Frame(false, tcpHeader(44700, 80, isnA + 1 + get.length + 1,
                isnB + 2 + ok.length, TcpPacket.ACK, 63, List.of(), 0), new byte[0])));
        return f;
    }

    /** A header with an urgent pointer. */
    private record TcpRepr4(int sport, int dport, long seq, long ack, int flags, int window, int urgent) {
        dev.weir.api.wire.TcpRepr repr() {
            return new dev.weir.api.wire.TcpRepr(sport, dport, seq, ack, flags, window, 0, urgent, List.of(), new byte[0], 5);
        }
    }

    @Test
    void tcpConversationsWithRelativeSequenceNumbers() throws IOException {
        assertSameAsTcpdump(LinkType.ETHERNET, tcpConversations(), new PacketPrinter(), "-nn", "-t");
    }

    @Test
    void tcpConversationsWithAbsoluteSequenceNumbers() throws IOException {
        assertSameAsTcpdump(LinkType.ETHERNET, tcpConversations(),
                new PacketPrinter(PacketPrinter.TimestampStyle.NONE, true), "-nn", "-t", "-S");
    }

    @Test
    void tcpFlagsOptionsAndMalformedHeaders() throws IOException {
        List<Frame> f = new ArrayList<>();
        int[] flagSets = {0, TcpPacket.FIN, TcpPacket.SYN | TcpPacket.ECE | TcpPacket.CWR, 0xff,
            TcpPacket.RST | TcpPacket.ACK, TcpPacket.ACK | TcpPacket.AE};
        for (int flags : flagSets) {
            f.add(new Frame("flags 0x" + Integer.toHexString(flags), tcp4Frame(false, tcpHeader(1000, 2000, 5, 9, flags, 512,
                    List.of(), 0), new byte[0])));
        }
        List<List<TcpOption>> options = List.of(
                List.of(TcpOption.EOL),
                List.of(new TcpOption.Mss(1460), TcpOption.EOL),
                List.of(new TcpOption.Unknown(99, new byte[0])),
                List.of(new TcpOption.Unknown(28, hex("8002"))),
                List.of(new TcpOption.Unknown(28, hex("0258"))),
                List.of(new TcpOption.Unknown(6, hex("01020304")), new TcpOption.Unknown(13, hex("00000009"))));
        for (List<TcpOption> o : options) {
            f.add(new Frame("options " + o, tcp4Frame(false, tcpHeader(1000, 2000, 5, 9, TcpPacket.ACK, 512, o, 0), new byte[0])));
        }
        for (String raw : new String[] {"02030500", "02090500", "01020101", "0204", "01010303", "050a0000001000000020010102090000",
            "080a00000001000000"}) {
            byte[] seg = tcp4(A, B, tcpHeader(1000, 2000, 5, 9, TcpPacket.ACK, 512, List.of(), 0), new byte[0]);
            byte[] opts = hex(raw);
            byte[] padded = Arrays.copyOf(opts, (opts.length + 3) / 4 * 4);
            byte[] withOpts = concat(Arrays.copyOf(seg, 20), padded);
            withOpts[12] = (byte) ((withOpts.length / 4) << 4);
            f.add(new Frame("raw options " + raw, ipv4Frame(ipv4(A, B, IpProtocol.TCP, withOpts))));
        }
        byte[] shortHeader = tcp4(A, B, tcpHeader(1, 2, 3, 4, TcpPacket.ACK, 5, List.of(), 0), new byte[0]);
        shortHeader[12] = 0x40;
        f.add(new Frame("data offset 4", ipv4Frame(ipv4(A, B, IpProtocol.TCP, shortHeader))));
        byte[] longHeader = shortHeader.clone();
        longHeader[12] = (byte) 0xf0;
        f.add(new Frame("data offset 15 in a 20-byte segment", ipv4Frame(ipv4(A, B, IpProtocol.TCP, longHeader))));
        f.add(new Frame("12 bytes of TCP", ipv4Frame(ipv4(A, B, IpProtocol.TCP, Arrays.copyOf(shortHeader, 12)))));
        f.add(new Frame("2 bytes of TCP", ipv4Frame(ipv4(A, B, IpProtocol.TCP, Arrays.copyOf(shortHeader, 2)))));
        byte[] syn = tcp4Frame(false, tcpHeader(1000, 2000, 5, 0, TcpPacket.SYN, 512, SYN_OPTIONS, 0), new byte[0]);
        for (int captured : new int[] {14 + 20 + 2, 14 + 20 + 12, 14 + 20 + 20, 14 + 20 + 22, 14 + 20 + 25, 14 + 20 + 30}) {
            f.add(cut("SYN with options", syn, captured));
        }
        assertSameAsTcpdump(LinkType.ETHERNET, f, new PacketPrinter(), "-nn", "-t");
    }

    @Test
    void httpFirstLines() throws IOException {
        List<Frame> f = new ArrayList<>();
        String[] payloads = {"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200 OK\r\n", "HTTP/1.1 204\r\n", "post /x HTTP/1.0\n",
            "GET /abc", "GET /a\rb\r\n", "GET /a\u0001\r\n", "hello world\r\n", "GET\tx\r\n", "GET /a\r", "\r\n",
            "PROPFIND /" + "a".repeat(200) + " HTTP/1.1\r\n", "X".repeat(130) + " 200 OK\r\n", "HTTP/1.1 2000 OK\r\n"};
        long seq = 1;
        for (String p : payloads) {
            byte[] b = ascii(p);
            f.add(new Frame("HTTP payload " + p.replace("\r", "\\r").replace("\n", "\\n"), tcp4Frame(false,
                    tcpHeader(40000, 80, seq, 1, TcpPacket.PSH | TcpPacket.ACK, 512, List.of(), b.length), b)));
            seq += b.length;
        }
        byte[] get = ascii("GET /long/path HTTP/1.1\r\n");
        byte[] frame = tcp4Frame(false, tcpHeader(40000, 80, seq, 1, TcpPacket.PSH | TcpPacket.ACK, 512, List.of(), get.length), get);
        f.add(cut("HTTP request", frame, frame.length - 6));
        f.add(cut("HTTP request", frame, frame.length - 1));
        f.add(new Frame("SSH port takes precedence", tcp4Frame(false, tcpHeader(22, 80, 1, 1, TcpPacket.PSH | TcpPacket.ACK,
                512, List.of(), 16), ascii("GET / HTTP/1.0\r\n"))));
        assertSameAsTcpdump(LinkType.ETHERNET, f, new PacketPrinter(), "-nn", "-t");
    }

    @Test
    void icmpv6AndNeighborDiscovery() throws IOException {
        List<Frame> f = new ArrayList<>();
        Ipv6Address router = Ipv6Address.parse("fe80::ff:fe00:fe");
        Ipv6Address far = Ipv6Address.parse("fd09::9");
        byte[] invoking = ipv6(A6, far, IpProtocol.UDP, udp6(A6, far, 40000, 33434, new byte[12]));
        Octets q = Octets.copyOf(invoking);
        f.add(new Frame("echo request", icmp6Frame(new Icmpv6Repr.EchoRequest(10942, 1, Octets.zeros(56)), A6, B6)));
        f.add(new Frame("echo reply", icmp6Frame(new Icmpv6Repr.EchoReply(10942, 1, Octets.zeros(56)), B6, A6)));
        for (int code = 0; code <= 7; code++) {
            f.add(new Frame("unreachable code " + code, icmp6Frame(new Icmpv6Repr.DestinationUnreachable(code, q), B6, A6)));
        }
        byte[] tcpInvoking = ipv6(A6, far, IpProtocol.TCP, tcp6(A6, far, tcpHeader(40000, 443, 1, 0, TcpPacket.SYN, 100,
                List.of(), 0), new byte[0]));
        f.add(new Frame("TCP port unreachable", icmp6Frame(new Icmpv6Repr.DestinationUnreachable(4, Octets.copyOf(tcpInvoking)),
                B6, A6)));
        byte[] fragInvoking = ipv6(A6, far, IpProtocol.UDP, udp6(A6, far, 5, 6, new byte[2]),
                new Ipv6FragmentHeader(IpProtocol.UDP, 0, true, 1));
        f.add(new Frame("port unreachable about a first fragment", icmp6Frame(new Icmpv6Repr.DestinationUnreachable(4,
                Octets.copyOf(fragInvoking)), B6, A6)));
        byte[] dstoptInvoking = ipv6(A6, far, IpProtocol.UDP, udp6(A6, far, 5, 7, new byte[2]),
                Ipv6OptionsHeader.of(IpProtocol.DSTOPTS, IpProtocol.UDP, List.of()));
        f.add(new Frame("port unreachable about a datagram with destination options", icmp6Frame(
                new Icmpv6Repr.DestinationUnreachable(4, Octets.copyOf(dstoptInvoking)), B6, A6)));
        byte[] greInvoking = ipv6(A6, far, 47, new byte[8]);
        f.add(new Frame("port unreachable about GRE", icmp6Frame(new Icmpv6Repr.DestinationUnreachable(4,
                Octets.copyOf(greInvoking)), B6, A6)));
        f.add(new Frame("packet too big", icmp6Frame(new Icmpv6Repr.PacketTooBig(1280, q), B6, A6)));
        for (int code = 0; code <= 2; code++) {
            f.add(new Frame("time exceeded code " + code, icmp6Frame(new Icmpv6Repr.TimeExceeded(code, q), B6, A6)));
        }
        for (int code = 0; code <= 4; code++) {
            f.add(new Frame("parameter problem code " + code, icmp6Frame(new Icmpv6Repr.ParameterProblem(code, 40, q), B6, A6)));
        }
        f.add(new Frame("router solicitation", icmp6Frame(new Icmpv6Repr.RouterSolicitation(List.of(
                new NdpOption.SourceLinkLayerAddress(MAC_A))), Ipv6Address.linkLocal(MAC_A), Ipv6Address.ALL_ROUTERS)));
        f.add(new Frame("router solicitation from ::", icmp6Frame(new Icmpv6Repr.RouterSolicitation(List.of()),
                Ipv6Address.UNSPECIFIED, Ipv6Address.ALL_ROUTERS)));
        f.add(new Frame("router advertisement", icmp6Frame(new Icmpv6Repr.RouterAdvertisement(64, 0xc0, 1800, 0, 0, List.of(
                new NdpOption.SourceLinkLayerAddress(MAC_B), new NdpOption.Mtu(1500),
                new NdpOption.PrefixInformation(64, 0xc0, 86400, 14400, Ipv6Address.parse("fd00::")))), router,
                Ipv6Address.ALL_NODES)));
        f.add(new Frame("neighbor solicitation", icmp6Frame(new Icmpv6Repr.NeighborSolicitation(B6, List.of(
                new NdpOption.SourceLinkLayerAddress(MAC_A))), A6, B6.solicitedNode())));
        byte[] zeroLengthOption = icmp6(new Icmpv6Repr.NeighborSolicitation(B6, List.of(
                new NdpOption.SourceLinkLayerAddress(MAC_A))), A6, B6.solicitedNode());
        zeroLengthOption[25] = 0;
        f.add(new Frame("neighbor solicitation with a zero-length option (RFC 4861 section 4.6; not read without -v)",
                ipv6Frame(ipv6(A6, B6.solicitedNode(), IpProtocol.ICMPV6, zeroLengthOption))));
        byte[] badRa = icmp6(new Icmpv6Repr.RouterAdvertisement(64, 0, 1800, 0, 0, List.of(new NdpOption.Mtu(1500))),
                router, Ipv6Address.ALL_NODES);
        badRa[17] = 9;
        f.add(new Frame("router advertisement with an option past its end",
                ipv6Frame(ipv6(router, Ipv6Address.ALL_NODES, IpProtocol.ICMPV6, badRa))));
        f.add(new Frame("DAD neighbor solicitation", icmp6Frame(new Icmpv6Repr.NeighborSolicitation(A6, List.of()),
                Ipv6Address.UNSPECIFIED, A6.solicitedNode())));
        f.add(new Frame("neighbor advertisement", icmp6Frame(new Icmpv6Repr.NeighborAdvertisement(false, true, true, B6, List.of(
                new NdpOption.TargetLinkLayerAddress(MAC_B))), B6, A6)));
        f.add(new Frame("unsolicited router advertisement of a neighbor", icmp6Frame(new Icmpv6Repr.NeighborAdvertisement(true,
                false, true, B6, List.of()), B6, Ipv6Address.ALL_NODES)));
        f.add(new Frame("redirect", icmp6Frame(new Icmpv6Repr.Redirect(router, Ipv6Address.parse("fd03::7"), List.of(
                new NdpOption.TargetLinkLayerAddress(MAC_B))), router, A6)));
        Ipv6Address mdns = Ipv6Address.parse("ff02::fb");
        f.add(new Frame("MLD report", icmp6Frame(new Icmpv6Repr.Other(131, 0, Frames.join(Octets.zeros(4),
                Octets.copyOf(mdns.toBytes()))), A6, mdns)));
        f.add(new Frame("MLD done", icmp6Frame(new Icmpv6Repr.Other(132, 0, Frames.join(Octets.fromHex("00000000"),
                Octets.copyOf(mdns.toBytes()))), A6, Ipv6Address.ALL_ROUTERS)));
        f.add(new Frame("MLDv1 query", icmp6Frame(new Icmpv6Repr.Other(130, 0, Frames.join(Octets.fromHex("27100000"),
                Octets.zeros(16))), router, Ipv6Address.ALL_NODES)));
        f.add(new Frame("MLDv2 report", icmp6Frame(new Icmpv6Repr.Other(143, 0, Frames.join(Octets.fromHex("00000001"),
                Octets.fromHex("04000000"), Octets.copyOf(mdns.toBytes()))), A6, Ipv6Address.parse("ff02::16"))));
        f.add(new Frame("home agent discovery request", icmp6Frame(new Icmpv6Repr.Other(144, 0, Octets.fromHex("abcd0000")),
                A6, B6)));
        f.add(new Frame("echo request with code 3", icmp6Frame(new Icmpv6Repr.Other(128, 3, Octets.fromHex("00010002")),
                A6, B6)));
        f.add(new Frame("unknown type 250", icmp6Frame(new Icmpv6Repr.Other(250, 0, Octets.fromHex("000000007879")), A6, B6)));
        f.add(new Frame("mtrace response (200)", icmp6Frame(new Icmpv6Repr.Other(200, 0, Octets.fromHex("00000000")), A6, B6)));
        byte[] ns = icmp6Frame(new Icmpv6Repr.NeighborSolicitation(B6, List.of()), A6, B6.solicitedNode());
        f.add(cut("neighbor solicitation", ns, ns.length - 10));
        byte[] echo = icmp6Frame(new Icmpv6Repr.EchoRequest(1, 2, Octets.EMPTY), A6, B6);
        f.add(cut("echo request", echo, echo.length - 2));
        byte[] unreach = icmp6Frame(new Icmpv6Repr.DestinationUnreachable(4, q), B6, A6);
        f.add(cut("port unreachable", unreach, unreach.length - 10));
        f.add(cut("port unreachable", unreach, 14 + 40 + 8 + 20));
        assertSameAsTcpdump(LinkType.ETHERNET, f, new PacketPrinter(), "-nn", "-t");
    }

    @Test
    void ipv6ExtensionHeaders() throws IOException {
        List<Frame> f = new ArrayList<>();
        byte[] udp = udp6(A6, B6, 1, 2, new byte[2]);
        Ipv6OptionsHeader hbh = Ipv6OptionsHeader.of(IpProtocol.HOPOPTS, IpProtocol.UDP, List.of(Ipv6Option.routerAlert(0)));
        Ipv6OptionsHeader dst = Ipv6OptionsHeader.of(IpProtocol.DSTOPTS, IpProtocol.UDP,
                List.of(new Ipv6Option(0x1e, Octets.fromHex("0102"))));
        f.add(new Frame("hop-by-hop", ipv6Frame(ipv6(A6, B6, IpProtocol.UDP, udp, hbh))));
        f.add(new Frame("destination options", ipv6Frame(ipv6(A6, B6, IpProtocol.UDP, udp, dst))));
        f.add(new Frame("hop-by-hop then destination options", ipv6Frame(ipv6(A6, B6, IpProtocol.UDP, udp,
                Ipv6OptionsHeader.of(IpProtocol.HOPOPTS, IpProtocol.DSTOPTS, List.of()), dst))));
        f.add(new Frame("routing type 0", ipv6Frame(ipv6(A6, B6, IpProtocol.UDP, udp, new Ipv6RoutingHeader(IpProtocol.UDP, 0, 1,
                Frames.join(Octets.zeros(4), Octets.copyOf(B6.toBytes())))))));
        f.add(new Frame("routing type 2", ipv6Frame(ipv6(A6, B6, IpProtocol.UDP, udp, new Ipv6RoutingHeader(IpProtocol.UDP, 2, 1,
                Frames.join(Octets.zeros(4), Octets.copyOf(Ipv6Address.parse("fd00::99").toBytes())))))));
        byte[] tcp = tcp6(A6, B6, tcpHeader(1000, 80, 5, 0, TcpPacket.SYN, 512, List.of(), 0), new byte[0]);
        f.add(new Frame("TCP first fragment", ipv6Frame(ipv6(A6, B6, IpProtocol.TCP, tcp,
                new Ipv6FragmentHeader(IpProtocol.TCP, 0, true, 0x1234)))));
        f.add(new Frame("later fragment", ipv6Frame(ipv6(A6, B6, IpProtocol.TCP, new byte[8],
                new Ipv6FragmentHeader(IpProtocol.TCP, 23, false, 0x1234)))));
        f.add(new Frame("atomic fragment", ipv6Frame(ipv6(A6, B6, IpProtocol.UDP, udp,
                new Ipv6FragmentHeader(IpProtocol.UDP, 0, false, 0x1234)))));
        f.add(new Frame("fragment header after hop-by-hop", ipv6Frame(ipv6(A6, B6, IpProtocol.UDP, udp,
                Ipv6OptionsHeader.of(IpProtocol.HOPOPTS, IpProtocol.FRAGMENT, List.of()),
                new Ipv6FragmentHeader(IpProtocol.UDP, 0, true, 7)))));
        f.add(new Frame("first fragment with nothing after the header", ipv6Frame(ipv6(A6, B6, IpProtocol.UDP, new byte[0],
                new Ipv6FragmentHeader(IpProtocol.UDP, 0, true, 8)))));
        f.add(new Frame("no next header", ipv6Frame(ipv6(A6, B6, IpProtocol.NONE, new byte[0]))));
        f.add(new Frame("destination options, then no next header", ipv6Frame(ipv6(A6, B6, IpProtocol.NONE, new byte[0],
                Ipv6OptionsHeader.of(IpProtocol.DSTOPTS, IpProtocol.NONE, List.of())))));
        f.add(new Frame("unknown protocol", ipv6Frame(ipv6(A6, B6, 99, ascii("abcd")))));
        f.add(new Frame("ICMPv6 after hop-by-hop", ipv6Frame(ipv6(A6, B6, IpProtocol.ICMPV6,
                icmp6(new Icmpv6Repr.EchoRequest(1, 1, Octets.EMPTY), A6, B6),
                Ipv6OptionsHeader.of(IpProtocol.HOPOPTS, IpProtocol.ICMPV6, List.of())))));
        byte[] small = ipv6(A6, B6, IpProtocol.UDP, udp);
        f.add(new Frame("payload length past the frame", ipv6Frame(with16(small, 4, 100))));
        f.add(new Frame("version 4 under EtherType IPv6", ipv6Frame(with8(small, 0, 0x45))));
        f.add(cut("datagram", ipv6Frame(small), 14 + 39));
        f.add(cut("datagram", ipv6Frame(small), 14 + 40 + 3));
        f.add(new Frame("padded to 64 bytes", concat(ipv6Frame(ipv6(A6, B6, IpProtocol.NONE, new byte[0])), new byte[10])));
        assertSameAsTcpdump(LinkType.ETHERNET, f, new PacketPrinter(), "-nn", "-t");
    }

    @Test
    void vlanTagsUnknownEtherTypesAndShortFrames() throws IOException {
        byte[] ping = ipv4(A, B, IpProtocol.ICMP, echo4(true, 7, 1, 56));
        List<Frame> f = new ArrayList<>();
        f.add(new Frame("802.1Q tag", ether(new EthernetRepr(MAC_B, MAC_A, EtherType.IPV4,
                List.of(EthernetRepr.VlanTag.dot1q(100))), ping)));
        f.add(new Frame("802.1ad and 802.1Q tags", ether(new EthernetRepr(MAC_B, MAC_A, EtherType.IPV4,
                List.of(new EthernetRepr.VlanTag(EtherType.QINQ, 3, true, 200), EthernetRepr.VlanTag.dot1q(100))), ping)));
        f.add(new Frame("three tags", ether(EtherType.VLAN, concat(hex("0064 8100 00c8 8100 012c 0800"), ping))));
        f.add(new Frame("TPID 0x9100", ether(0x9100, concat(hex("0064 0800"), ping))));
        f.add(new Frame("tagged ARP", ether(new EthernetRepr(MAC_B, MAC_A, EtherType.ARP,
                List.of(EthernetRepr.VlanTag.dot1q(5))), Arrays.copyOfRange(Frames.arp(ArpRepr.request(MAC_A, A, B)), 14, 42))));
        f.add(new Frame("unknown EtherType", ether(0x1234, new byte[46])));
        f.add(new Frame("tagged unknown EtherType", ether(new EthernetRepr(MAC_B, MAC_A, 0x88b5,
                List.of(EthernetRepr.VlanTag.dot1q(100))), new byte[42])));
        f.add(new Frame("broadcast to an unknown EtherType", ether(new EthernetRepr(MacAddress.BROADCAST, MAC_A, 0x88b6),
                new byte[46])));
        f.add(new Frame("tag cut in the middle", ether(EtherType.VLAN, hex("0064"))));
        f.add(new Frame("empty IPv4", ether(EtherType.IPV4, new byte[0])));
        f.add(new Frame("empty IPv6", ether(EtherType.IPV6, new byte[0])));
        f.add(new Frame("empty ARP", ether(EtherType.ARP, new byte[0])));
        f.add(cut("ping", ipv4Frame(ping), 10));
        f.add(cut("ping", ipv4Frame(ping), 14));
        f.add(cut("ping", ipv4Frame(ping), 14 + 1));
        f.add(cut("ping", ipv4Frame(ping), 14 + 19));
        assertSameAsTcpdump(LinkType.ETHERNET, f, new PacketPrinter(), "-nn", "-t");
    }

    private static byte[] sll(int packetType, int protocol, byte[] payload) {
        return concat(hex("%04x 0001 0006".formatted(packetType)), hex("020000000001 0000"), hex("%04x".formatted(protocol)), payload);
    }

    @Test
    void linuxCookedCaptures() throws IOException {
        byte[] udp = ipv4(A, B, IpProtocol.UDP, udp4(A, B, 1, 2, new byte[2]));
        byte[] udp6 = ipv6(A6, B6, IpProtocol.UDP, udp6(A6, B6, 1, 2, new byte[2]));
        byte[] arp = Arrays.copyOfRange(Frames.arp(ArpRepr.request(MAC_A, A, B)), 14, 42);
        List<Frame> f = new ArrayList<>();
        for (int type = 0; type <= 4; type++) {
            f.add(new Frame("packet type " + type, sll(type, EtherType.IPV4, udp)));
        }
        f.add(new Frame("IPv6", sll(0, EtherType.IPV6, udp6)));
        f.add(new Frame("ARP", sll(4, EtherType.ARP, arp)));
        f.add(new Frame("unknown protocol", sll(0, 0x1234, ascii("abcd"))));
        f.add(new Frame("unknown protocol, outgoing", sll(4, 0x88b5, ascii("abcd"))));
        f.add(new Frame("unknown packet type", sll(7, EtherType.IPV4, udp)));
        f.add(cut("IPv4", sll(0, EtherType.IPV4, udp), 10));
        assertSameAsTcpdump(LinkType.LINUX_SLL, f, new PacketPrinter(), "-nn", "-t");
    }

    /**
     * Cooked v2 names the interface by index; tcpdump looks the index up among the interfaces of
     * the host reading the file (and warns that the names may be wrong), the printer prints
     * {@code ifN}. Everything after that field is compared.
     */
    @Test
    void linuxCookedV2Captures() throws IOException {
        Tcpdump.require();
        byte[] udp = ipv4(A, B, IpProtocol.UDP, udp4(A, B, 1, 2, new byte[2]));
        List<byte[]> frames = new ArrayList<>();
        for (int type = 0; type <= 4; type++) {
            frames.add(concat(hex("0800 0000 00000001 0001"), new byte[] {(byte) type, 6}, hex("020000000001 0000"), udp));
        }
        Path file = tmp.resolve("sll2.pcap");
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), LinkType.LINUX_SLL2, 65535)) {
            for (byte[] fr : frames) {
                w.write(START_NANOS, fr, 0, fr.length, fr.length);
            }
        }
        List<String> expected = Tcpdump.lines(file, "-nn", "-t");
        PacketPrinter printer = new PacketPrinter();
        List<CapturedPacket> packets = CaptureReader.readAll(file);
        for (int i = 0; i < frames.size(); i++) {
            String line = printer.format(packets.get(i));
            assertThat(line).startsWith("if1   ");
            String theirs = expected.get(i);
            int name = theirs.indexOf(' ');
            assertThat(line.substring(6)).isEqualTo(theirs.substring(Math.max(name, 5) + 1));
        }
    }

    @Test
    void rawIpAndLoopbackLinkTypes() throws IOException {
        byte[] udp = ipv4(A, B, IpProtocol.UDP, udp4(A, B, 1, 2, new byte[2]));
        byte[] udp6 = ipv6(A6, B6, IpProtocol.UDP, udp6(A6, B6, 1, 2, new byte[2]));
        assertSameAsTcpdump(LinkType.RAW, List.of(new Frame("IPv4", udp), new Frame("IPv6", udp6),
                new Frame("version 1", hex("10000000"))), new PacketPrinter(), "-nn", "-t");
        assertSameAsTcpdump(LinkType.IPV4, List.of(new Frame("IPv4", udp)), new PacketPrinter(), "-nn", "-t");
        assertSameAsTcpdump(LinkType.IPV6, List.of(new Frame("IPv6", udp6)), new PacketPrinter(), "-nn", "-t");
        assertSameAsTcpdump(LinkType.NULL, List.of(
                new Frame("AF_INET little-endian", concat(hex("02000000"), udp)),
                new Frame("AF_INET big-endian", concat(hex("00000002"), udp)),
                new Frame("AF_INET6 (Linux/BSD 24)", concat(hex("18000000"), udp6)),
                new Frame("AF_INET6 (FreeBSD 28)", concat(hex("1c000000"), udp6)),
                new Frame("AF_INET6 (Darwin 30)", concat(hex("1e000000"), udp6)),
                new Frame("unknown family", concat(hex("63000000"), udp))), new PacketPrinter(), "-nn", "-t");
    }

    @Test
    void timestampStyles() throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            frames.add(new Frame("ping " + i, ipv4Frame(ipv4(A, B, IpProtocol.ICMP, echo4(true, 1, i, 8)))));
        }
        // Nanoseconds truncated to microseconds, a step back in time, a gap of over a day, and the epoch itself.
        long[] times = {1_795_347_325_278_186_999L, 1_795_347_325_278_232_001L, 1_795_347_325_000_000_000L,
            1_795_347_325_000_000_000L + 90_061_000_001_000L, 1_795_347_325_278_186_000L, 5_000L};
        assertSameAsTcpdump(LinkType.ETHERNET, frames, times, new PacketPrinter(PacketPrinter.TimestampStyle.EPOCH, false),
                "-nn", "-tt");
        assertSameAsTcpdump(LinkType.ETHERNET, frames, times, new PacketPrinter(PacketPrinter.TimestampStyle.DELTA, false),
                "-nn", "-ttt");
        assertSameAsTcpdump(LinkType.ETHERNET, frames, times,
                new PacketPrinter(PacketPrinter.TimestampStyle.SINCE_FIRST, false), "-nn", "-ttttt");
    }
}
