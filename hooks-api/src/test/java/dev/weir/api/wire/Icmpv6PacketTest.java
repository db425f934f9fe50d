package dev.weir.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Icmpv6PacketTest {
    private static final Ipv6Address A = Ipv6Address.parse("fd01::1");
    private static final Ipv6Address R = Ipv6Address.parse("fd01::fe");
    private static final MacAddress A_MAC = MacAddress.parse("02:00:00:00:01:01");
    private static final MacAddress R_MAC = MacAddress.parse("02:00:00:00:01:fe");
    private static final Ipv6Address A_LL = Ipv6Address.linkLocal(A_MAC);
    private static final Ipv6Address R_LL = Ipv6Address.linkLocal(R_MAC);

    /** An ICMPv6 message Linux sent, with the addresses of the packet that carried it. */
    record Msg(byte[] bytes, Ipv6Address src, Ipv6Address dst) {
        static Msg of(String capture, int frame) {
            byte[] ip = LinuxCaptures.l3(capture, frame);
            Ipv6Packet p = new Ipv6Packet();
            assertThat(p.wrap(ip, 0, ip.length)).isEqualTo(WireError.OK);
            Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
            assertThat(ext.walk(p)).isEqualTo(WireError.OK);
            assertThat(ext.upperLayerProtocol()).isEqualTo(IpProtocol.ICMPV6);
            byte[] m = Arrays.copyOfRange(ip, ext.upperLayerOffset(), ext.upperLayerOffset() + ext.upperLayerLength());
            return new Msg(m, new Ipv6Address(p.srcHi(), p.srcLo()), new Ipv6Address(p.dstHi(), p.dstLo()));
        }

        WireError wrap(Icmpv6Packet p) {
            return p.wrap(bytes, 0, bytes.length, src.hi(), src.lo(), dst.hi(), dst.lo());
        }

        Icmpv6Packet wrapped() {
            Icmpv6Packet p = new Icmpv6Packet();
            assertThat(wrap(p)).isEqualTo(WireError.OK);
            return p;
        }
    }

    static List<Msg> linuxMessages() {
        List<Msg> out = new ArrayList<>();
        String[][] frames = {{"echo6", "1", "2", "3", "4"}, {"linkup", "1", "3", "8"}, {"ra6", "1", "2"},
            {"redirect6", "2", "4"}, {"portunr6", "2"}, {"ptb6", "2"}, {"hoplimit6", "2"}, {"paramprob6", "2"}};
        for (String[] f : frames) {
            for (int i = 1; i < f.length; i++) {
                out.add(Msg.of(f[0], Integer.parseInt(f[i])));
            }
        }
        return out;
    }

    private static byte[] emit(Icmpv6Repr r, Ipv6Address src, Ipv6Address dst) {
        byte[] b = new byte[r.bufferLength()];
        assertThat(r.emit(b, 0, src, dst)).isEqualTo(b.length);
        return b;
    }

    /** Linux's message parses to {@code expected}, which emits Linux's bytes, checksum included. */
    private static void golden(Msg m, Icmpv6Repr expected) {
        assertThat(Icmpv6Repr.parse(m.wrapped())).isEqualTo(expected);
        assertThat(emit(expected, m.src(), m.dst())).isEqualTo(m.bytes());
    }

    private static Octets l3(String capture, int frame) {
        return Octets.copyOf(LinuxCaptures.l3(capture, frame));
    }

    // Golden bytes: RFC 4443 messages.

    @Test
    void linuxEchoRequestAndReply() {
        Msg req = Msg.of("echo6", 3);
        Icmpv6Packet p = req.wrapped();
        assertThat(p.echoIdentifier()).isEqualTo(0x22e7);
        assertThat(p.echoSequence()).isEqualTo(1);
        assertThat(p.isError()).isFalse();
        assertThat(p.isNdp()).isFalse();
        Icmpv6Repr.EchoRequest r = new Icmpv6Repr.EchoRequest(0x22e7, 1, Octets.copyOf(req.bytes(), 8, 16));
        golden(req, r);
        golden(Msg.of("echo6", 4), r.reply());
    }

    @Test
    void settingTheTypeTurnsLinuxsRequestIntoLinuxsReply() {
        // The pseudo-header sum does not change when source and destination swap.
        Msg req = Msg.of("echo6", 3);
        req.wrapped().setType(Icmpv6Packet.ECHO_REPLY);
        assertThat(req.bytes()).isEqualTo(Msg.of("echo6", 4).bytes());
    }

    @Test
    void linuxPortUnreachableQuotesTheWholeProbe() {
        Msg m = Msg.of("portunr6", 2);
        assertThat(m.wrapped().isError()).isTrue();
        golden(m, new Icmpv6Repr.DestinationUnreachable(Icmpv6Packet.UNREACH_PORT, l3("portunr6", 1)));
    }

    @Test
    void linuxPacketTooBigCarriesTheMtuAndFillsTheMinimumMtu() {
        Msg m = Msg.of("ptb6", 2);
        Icmpv6Packet p = m.wrapped();
        assertThat(p.mtu()).isEqualTo(1280);
        assertThat(40 + p.length()).as("RFC 4443 3.2: as much as fits in 1280").isEqualTo(1280);
        golden(m, new Icmpv6Repr.PacketTooBig(1280, Octets.copyOf(m.bytes(), 8, m.bytes().length - 8)));
    }

    @Test
    void linuxHopLimitExceeded() {
        golden(Msg.of("hoplimit6", 2), new Icmpv6Repr.TimeExceeded(Icmpv6Packet.EXCEEDED_HOP_LIMIT, l3("hoplimit6", 1)));
    }

    @Test
    void linuxParameterProblemForAnUnknownNextHeader() {
        Msg m = Msg.of("paramprob6", 2);
        assertThat(m.wrapped().pointer()).isEqualTo(6);
        golden(m, new Icmpv6Repr.ParameterProblem(Icmpv6Packet.PARAMPROB_UNKNOWN_NEXT_HEADER, 6, l3("paramprob6", 1)));
    }

    @Test
    void linuxMldv2ReportIsKeptRawAsOther() {
        Msg m = Msg.of("linkup", 1);
        golden(m, new Icmpv6Repr.Other(Icmpv6Packet.MLDV2_REPORT, 0, Octets.copyOf(m.bytes(), 4, m.bytes().length - 4)));
    }

    @Test
    void oddLengthChecksumIncludesThePseudoHeader() {
        // Computed independently (python3): pseudo-header fd01::1 > fd01::fe, length 11, next header 58;
        // message 80 00 .... 1234 0001 61 62 63 -> 0xae1f.
        byte[] b = emit(new Icmpv6Repr.EchoRequest(0x1234, 1, Octets.fromHex("616263")), A, R);
        assertThat(Bytes.hex(b, 0, b.length)).isEqualTo("8000ae1f12340001616263");
    }

    // Golden bytes: RFC 4861 Neighbor Discovery.

    @Test
    void linuxNeighborSolicitationWithSourceLinkLayerAddress() {
        Msg m = Msg.of("echo6", 1);
        Icmpv6Packet p = m.wrapped();
        assertThat(p.isNdp()).isTrue();
        assertThat(new Ipv6Address(p.targetHi(), p.targetLo())).isEqualTo(R);
        assertThat(p.sourceLinkLayerAddress()).isEqualTo(A_MAC.bits());
        assertThat(p.targetLinkLayerAddress()).isEqualTo(-1);
        assertThat(p.ndpOptionsOffset()).isEqualTo(24);
        assertThat(p.ndpOptionsLength()).isEqualTo(8);
        assertThat(m.dst()).isEqualTo(R.solicitedNode());
        golden(m, new Icmpv6Repr.NeighborSolicitation(R, List.of(new NdpOption.SourceLinkLayerAddress(A_MAC))));
    }

    @Test
    void linuxNeighborAdvertisementFromARouter() {
        Msg m = Msg.of("echo6", 2);
        Icmpv6Packet p = m.wrapped();
        assertThat(p.naRouter()).isTrue();
        assertThat(p.naSolicited()).isTrue();
        assertThat(p.naOverride()).isTrue();
        assertThat(p.targetLinkLayerAddress()).isEqualTo(R_MAC.bits());
        golden(m, new Icmpv6Repr.NeighborAdvertisement(true, true, true, R, List.of(new NdpOption.TargetLinkLayerAddress(R_MAC))));
        // Linux leaves out the option and the override flag answering a unicast probe for its link-local address.
        golden(Msg.of("redirect6", 2), new Icmpv6Repr.NeighborAdvertisement(true, true, false, R_LL, List.of()));
    }

    @Test
    void linuxDuplicateAddressDetectionProbeCarriesANonceKeptAsUnknownOption() {
        // RFC 7527 enhanced DAD: the probe from :: carries a Nonce option (type 14, RFC 3971).
        Msg m = Msg.of("linkup", 3);
        assertThat(m.src()).isEqualTo(Ipv6Address.UNSPECIFIED);
        Icmpv6Packet p = m.wrapped();
        assertThat(p.sourceLinkLayerAddress()).isEqualTo(-1);
        golden(m, new Icmpv6Repr.NeighborSolicitation(A_LL,
                List.of(new NdpOption.Unknown(NdpOption.NONCE, Octets.copyOf(m.bytes(), 26, 6)))));
    }

    @Test
    void linuxRouterSolicitation() {
        Msg m = Msg.of("linkup", 8);
        assertThat(m.dst()).isEqualTo(Ipv6Address.ALL_ROUTERS);
        golden(m, new Icmpv6Repr.RouterSolicitation(List.of(new NdpOption.SourceLinkLayerAddress(A_MAC))));
    }

    @Test
    void radvdRouterAdvertisement() {
        Msg m = Msg.of("ra6", 1);
        Icmpv6Packet p = m.wrapped();
        assertThat(p.raCurHopLimit()).isEqualTo(64);
        assertThat(p.raFlags()).isEqualTo(Icmpv6Packet.RA_FLAG_MANAGED | Icmpv6Packet.RA_FLAG_OTHER);
        assertThat(p.raRouterLifetime()).isEqualTo(1800);
        assertThat(p.raReachableTime()).isEqualTo(30000);
        assertThat(p.raRetransTimer()).isEqualTo(1000);
        assertThat(p.mtuOption()).isEqualTo(1400);
        assertThat(p.sourceLinkLayerAddress()).isEqualTo(R_MAC.bits());
        Icmpv6Repr.RouterAdvertisement ra = new Icmpv6Repr.RouterAdvertisement(64, 0xc0, 1800, 30000, 1000, List.of(
                new NdpOption.PrefixInformation(64, NdpOption.PrefixInformation.FLAG_ON_LINK | NdpOption.PrefixInformation.FLAG_AUTONOMOUS,
                        86400, 14400, Ipv6Address.parse("fd01::")),
                new NdpOption.Mtu(1400),
                new NdpOption.SourceLinkLayerAddress(R_MAC)));
        assertThat(ra.managed()).isTrue();
        assertThat(ra.otherConfig()).isTrue();
        golden(m, ra);
        NdpOption.PrefixInformation pi = (NdpOption.PrefixInformation) ra.options().getFirst();
        assertThat(pi.onLink()).isTrue();
        assertThat(pi.autonomous()).isTrue();
    }

    @Test
    void linuxRedirectWithTargetLinkLayerAddressAndRedirectedHeader() {
        Msg m = Msg.of("redirect6", 4);
        Icmpv6Packet p = m.wrapped();
        assertThat(new Ipv6Address(p.targetHi(), p.targetLo())).isEqualTo(Ipv6Address.parse("fe80::2"));
        assertThat(new Ipv6Address(p.redirectDestinationHi(), p.redirectDestinationLo())).isEqualTo(Ipv6Address.parse("fd03::7"));
        assertThat(p.targetLinkLayerAddress()).isEqualTo(MacAddress.parse("02:00:00:00:01:02").bits());
        // ip6_forward sends the redirect before it decrements the hop limit: the quote is A's packet as sent.
        golden(m, new Icmpv6Repr.Redirect(Ipv6Address.parse("fe80::2"), Ipv6Address.parse("fd03::7"), List.of(
                new NdpOption.TargetLinkLayerAddress(MacAddress.parse("02:00:00:00:01:02")),
                new NdpOption.RedirectedHeader(l3("redirect6", 3)))));
    }

    // Validation.

    /** The message with its checksum filled for {@code src > dst} whatever else is wrong with it. */
    private static byte[] checksummed(byte[] m, Ipv6Address src, Ipv6Address dst) {
        Bytes.put16(m, 2, 0);
        long s = Checksum.pseudoHeaderV6(src.hi(), src.lo(), dst.hi(), dst.lo(), IpProtocol.ICMPV6, m.length);
        Bytes.put16(m, 2, Checksum.finish(Checksum.add(s, m, 0, m.length)));
        return m;
    }

    private static WireError wrap(byte[] m) {
        checksummed(m, A, R);
        return new Icmpv6Packet().wrap(m, 0, m.length, A.hi(), A.lo(), R.hi(), R.lo());
    }

    private static byte[] ns(Ipv6Address target, String optionsHex) {
        byte[] opts = Bytes.fromHex(optionsHex);
        byte[] m = new byte[24 + opts.length];
        m[0] = (byte) Icmpv6Packet.NEIGHBOR_SOLICITATION;
        target.write(m, 8);
        System.arraycopy(opts, 0, m, 24, opts.length);
        return m;
    }

    @Test
    void messageShorterThanTheIcmpHeaderIsTruncated() {
        // RFC 4443 section 2.1: type, code, checksum, then the message body; Linux's icmpv6_rcv pulls 8 bytes.
        byte[] m = Msg.of("echo6", 3).bytes();
        assertThat(new Icmpv6Packet().wrap(m, 0, 7, A.hi(), A.lo(), R.hi(), R.lo())).isEqualTo(WireError.TRUNCATED);
        assertThat(new Icmpv6Packet().wrapNoChecksum(m, 0, 7)).isEqualTo(WireError.TRUNCATED);
    }

    @Test
    void rfc4443_2_3_checksumCoversThePseudoHeader() {
        Msg m = Msg.of("echo6", 3);
        Icmpv6Packet p = new Icmpv6Packet();
        assertThat(p.wrap(m.bytes(), 0, m.bytes().length, R.hi(), R.lo(), R.hi(), R.lo())).as("other source").isEqualTo(WireError.BAD_CHECKSUM);
        assertThat(p.wrapNoChecksum(m.bytes(), 0, m.bytes().length)).isEqualTo(WireError.OK);
        assertThat(p.verifyChecksum(A.hi(), A.lo(), R.hi(), R.lo())).isTrue();
        assertThat(p.verifyChecksum(A.hi(), A.lo(), A.hi(), A.lo())).isFalse();
        p.fillChecksum(R.hi(), R.lo(), R.hi(), R.lo());
        assertThat(p.verifyChecksum(R.hi(), R.lo(), R.hi(), R.lo())).isTrue();
    }

    @Test
    void rfc4861_6_1_1_6_1_2_7_1_1_7_1_2_8_1_ndpCodeMustBe0() {
        for (Msg m : List.of(Msg.of("linkup", 8), Msg.of("ra6", 1), Msg.of("echo6", 1), Msg.of("echo6", 2), Msg.of("redirect6", 4))) {
            byte[] b = m.bytes().clone();
            b[1] = 1;
            checksummed(b, m.src(), m.dst());
            assertThat(new Icmpv6Packet().wrap(b, 0, b.length, m.src().hi(), m.src().lo(), m.dst().hi(), m.dst().lo()))
                    .as("type %d", b[0] & 0xff).isEqualTo(WireError.BAD_FIELD);
        }
    }

    @Test
    void rfc4861_ndpMessagesShorterThanTheirFixedPartAreTruncated() {
        // 6.1.2: RA 16 or more octets; 7.1.1 and 7.1.2: NS and NA 24 or more; 8.1: redirect 40 or more.
        int[][] cases = {{Icmpv6Packet.ROUTER_ADVERTISEMENT, 12}, {Icmpv6Packet.NEIGHBOR_SOLICITATION, 20},
            {Icmpv6Packet.NEIGHBOR_ADVERTISEMENT, 16}, {Icmpv6Packet.REDIRECT, 32}};
        for (int[] c : cases) {
            byte[] m = new byte[c[1]];
            m[0] = (byte) c[0];
            assertThat(wrap(m)).as("type %d, %d bytes", c[0], c[1]).isEqualTo(WireError.TRUNCATED);
        }
    }

    @Test
    void rfc4861_4_6_optionOfLengthZeroIsRefused() {
        // 4.6: "Nodes MUST silently discard an ND packet that contains an option with length zero."
        assertThat(wrap(ns(R, "0100 020000000101"))).isEqualTo(WireError.BAD_OPTION);
        assertThat(wrap(ns(R, "0101 020000000101"))).isEqualTo(WireError.OK);
    }

    @Test
    void rfc4861_4_6_optionRunningPastTheMessageIsRefused() {
        assertThat(wrap(ns(R, "0102 020000000101"))).isEqualTo(WireError.BAD_OPTION);
        assertThat(wrap(ns(R, "0101 020000000101 03"))).as("one stray byte").isEqualTo(WireError.BAD_OPTION);
    }

    @Test
    void rfc4861_7_1_1_and_7_1_2_targetMayNotBeMulticast() {
        assertThat(wrap(ns(Ipv6Address.ALL_NODES, ""))).isEqualTo(WireError.BAD_ADDRESS);
        byte[] na = ns(Ipv6Address.ALL_NODES, "");
        na[0] = (byte) Icmpv6Packet.NEIGHBOR_ADVERTISEMENT;
        assertThat(wrap(na)).isEqualTo(WireError.BAD_ADDRESS);
        assertThatThrownBy(() -> new Icmpv6Repr.NeighborSolicitation(Ipv6Address.ALL_NODES, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7.1.1");
    }

    @Test
    void rfc4861_8_1_redirectDestinationNotMulticastAndTargetLinkLocalOrTheDestination() {
        byte[] b = new byte[40];
        b[0] = (byte) Icmpv6Packet.REDIRECT;
        Ipv6Address.parse("fe80::2").write(b, 8);
        Ipv6Address.parse("ff02::1").write(b, 24);
        assertThat(wrap(b)).as("multicast destination").isEqualTo(WireError.BAD_ADDRESS);
        Ipv6Address.parse("fd03::7").write(b, 24);
        assertThat(wrap(b)).isEqualTo(WireError.OK);
        Ipv6Address.parse("fd03::7").write(b, 8);
        assertThat(wrap(b)).as("target is the destination: on-link").isEqualTo(WireError.OK);
        Ipv6Address.parse("fd03::8").write(b, 8);
        assertThat(wrap(b)).as("global target, not the destination").isEqualTo(WireError.BAD_ADDRESS);
        assertThatThrownBy(() -> new Icmpv6Repr.Redirect(Ipv6Address.parse("fd03::8"), Ipv6Address.parse("fd03::7"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8.1");
    }

    @Test
    void firstLinkLayerAddressOptionWinsAsLinuxNdiscParseOptions() {
        byte[] m = ns(R, "0101 020000000101 0101 020000000202");
        assertThat(wrap(m)).isEqualTo(WireError.OK);
        Icmpv6Packet p = new Icmpv6Packet();
        assertThat(p.wrapNoChecksum(m, 0, m.length)).isEqualTo(WireError.OK);
        assertThat(p.sourceLinkLayerAddress()).isEqualTo(A_MAC.bits());
        assertThat(((Icmpv6Repr.NeighborSolicitation) Icmpv6Repr.parse(p)).options()).hasSize(2);
    }

    @Test
    void bytesNoSpecificRecordCanHoldParseRawAndEmitUnchanged() {
        String[] messages = {
            "8001 0000 1234 0001",              // echo request, code 1
            "0201 0000 0000 0500",              // packet too big, code 1
            "0104 0000 0000 0001",              // unreachable, unused set
            "0300 0000 0100 0000",              // time exceeded, unused set
            "8500 0000 0000 0001",              // RS, reserved set
            "8700 0000 0000 0001 fd010000000000000000000000000001",   // NS, reserved set
            "8800 0000 e100 0000 fd010000000000000000000000000001",   // NA, a reserved bit set
            "8200 0000 0000 0000 0000000000000000 0000000000000000",  // MLD query
        };
        for (String hex : messages) {
            byte[] b = checksummed(Bytes.fromHex(hex), A, R);
            Icmpv6Packet p = new Icmpv6Packet();
            assertThat(p.wrap(b, 0, b.length, A.hi(), A.lo(), R.hi(), R.lo())).as(hex).isEqualTo(WireError.OK);
            Icmpv6Repr r = Icmpv6Repr.parse(p);
            assertThat(r).as(hex).isInstanceOf(Icmpv6Repr.Other.class);
            assertThat(emit(r, A, R)).as(hex).isEqualTo(b);
        }
        String[] options = {
            "0102 020000000101 0000000000000000",      // link-layer address option of 16 octets
            "0304 40c0 00015180 00003840 00000001 fd010000000000000000000000000000", // prefix info, reserved2 set
            "0501 0001 00000578",                       // MTU, reserved set
            "0401 000000000001",                        // redirected header, reserved set
        };
        for (String hex : options) {
            byte[] b = checksummed(ns(R, hex), A, R);
            Icmpv6Packet p = new Icmpv6Packet();
            assertThat(p.wrap(b, 0, b.length, A.hi(), A.lo(), R.hi(), R.lo())).as(hex).isEqualTo(WireError.OK);
            Icmpv6Repr.NeighborSolicitation r = (Icmpv6Repr.NeighborSolicitation) Icmpv6Repr.parse(p);
            assertThat(r.options()).as(hex).singleElement().isInstanceOf(NdpOption.Unknown.class);
            assertThat(emit(r, A, R)).as(hex).isEqualTo(b);
        }
    }

    @Test
    void natRewritingTheEchoIdentifierKeepsTheChecksum() {
        Msg m = Msg.of("echo6", 3);
        Icmpv6Packet p = m.wrapped();
        p.setEchoIdentifier(0x4242);
        p.setEchoSequence(9);
        p.setCode(0);
        assertThat(p.verifyChecksum(A.hi(), A.lo(), R.hi(), R.lo())).isTrue();
        assertThat(((Icmpv6Repr.EchoRequest) Icmpv6Repr.parse(p)).identifier()).isEqualTo(0x4242);
    }

    @Test
    void recordsRefuseMalformedOptions() {
        assertThatThrownBy(() -> new NdpOption.Unknown(9, Octets.zeros(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NdpOption.RedirectedHeader(Octets.zeros(12))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NdpOption.PrefixInformation(129, 0, 0, 0, Ipv6Address.UNSPECIFIED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Icmpv6Repr.Other(200, 0, Octets.zeros(3))).isInstanceOf(IllegalArgumentException.class);
    }

    // Properties.

    @Property
    void neverThrowsOnArbitraryBytes(@ForAll @Size(max = 80) byte[] bytes, @ForAll int off, @ForAll int len,
            @ForAll long a, @ForAll long b) {
        Icmpv6Packet p = new Icmpv6Packet();
        p.wrap(bytes, off, len, a, b, b, a);
        p.wrapNoChecksum(bytes, off, len);
        if (p.wrap(bytes, 0, bytes.length, a, b, b, a) == WireError.OK) {
            Icmpv6Repr.parse(p);
        }
        if (p.wrapNoChecksum(bytes, 0, bytes.length) == WireError.OK) {
            readAll(p);
        }
    }

    @Property
    void parseThenEmitGivesBackEveryWellFormedMessage(@ForAll @Size(min = 8, max = 80) byte[] bytes) {
        Icmpv6Packet p = new Icmpv6Packet();
        if (p.wrapNoChecksum(bytes, 0, bytes.length) == WireError.OK) {
            p.fillChecksum(A.hi(), A.lo(), R.hi(), R.lo());
            assertThat(emit(Icmpv6Repr.parse(p), A, R)).isEqualTo(bytes);
        }
    }

    @Property
    void parseThenEmitGivesBackEveryWellFormedNdpMessage(@ForAll long seed) {
        byte[] b = randomNdp(seed);
        Icmpv6Packet p = new Icmpv6Packet();
        assertThat(p.wrapNoChecksum(b, 0, b.length)).isEqualTo(WireError.OK);
        p.fillChecksum(A.hi(), A.lo(), R.hi(), R.lo());
        Icmpv6Repr r = readAll(p);
        assertThat(emit(r, A, R)).isEqualTo(b);
        // Both ways of parsing must be exercised: specific records and the raw fallbacks.
        Statistics.label("message").collect(r instanceof Icmpv6Repr.Other ? "raw" : "specific");
        List<NdpOption> opts = NdpOption.parseAll(b, p.ndpOptionsOffset(), p.ndpOptionsLength());
        Statistics.label("option").collect(opts.isEmpty() ? "none" : opts.getFirst() instanceof NdpOption.Unknown ? "raw" : "specific");
        Statistics.label("message").coverage(c -> {
            c.check("raw").count(n -> n > 50);
            c.check("specific").count(n -> n > 50);
        });
        Statistics.label("option").coverage(c -> {
            c.check("raw").count(n -> n > 50);
            c.check("specific").count(n -> n > 50);
        });
    }

    /**
     * A well-formed NDP message of random content: reserved fields zero or not, options of the known
     * types and others, of expected lengths or not, reserved option bytes zero or not.
     */
    static byte[] randomNdp(long seed) {
        java.util.Random r = new java.util.Random(seed);
        int type = Icmpv6Packet.ROUTER_SOLICITATION + r.nextInt(5);
        int fixed = new int[] {8, 16, 24, 24, 40}[type - Icmpv6Packet.ROUTER_SOLICITATION];
        int[] optTypes = new int[r.nextInt(5)];
        int[] optUnits = new int[optTypes.length];
        int len = fixed;
        for (int i = 0; i < optTypes.length; i++) {
            optTypes[i] = r.nextBoolean() ? 1 + r.nextInt(5) : r.nextInt(256);
            int expected = optTypes[i] == NdpOption.PREFIX_INFORMATION ? 4 : 1;
            optUnits[i] = r.nextBoolean() ? expected : 1 + r.nextInt(5);
            len += 8 * optUnits[i];
        }
        byte[] b = new byte[len];
        r.nextBytes(b);
        b[0] = (byte) type;
        b[1] = 0;
        if (r.nextBoolean()) {
            Bytes.put32(b, 4, type == Icmpv6Packet.NEIGHBOR_ADVERTISEMENT ? (b[4] & 0xe0) << 24 : 0);
        }
        if (type >= Icmpv6Packet.NEIGHBOR_SOLICITATION) {
            b[8] = (byte) 0xfe; // link-local target: never multicast, always a valid redirect target
            b[9] = (byte) 0x80;
        }
        if (type == Icmpv6Packet.REDIRECT) {
            b[24] = 0x20;
        }
        int at = fixed;
        for (int i = 0; i < optTypes.length; i++) {
            b[at] = (byte) optTypes[i];
            b[at + 1] = (byte) optUnits[i];
            if (r.nextBoolean()) {
                Bytes.put16(b, at + 2, 0);
                Bytes.put32(b, at + 4, 0);
                if (optUnits[i] == 4) {
                    Bytes.put32(b, at + 12, 0);
                }
            }
            at += 8 * optUnits[i];
        }
        return b;
    }

    @Property
    void neverThrowsOnMutatedLinuxMessages(@ForAll long seed) {
        Icmpv6Packet p = new Icmpv6Packet();
        for (Msg m : linuxMessages()) {
            byte[] b = Mutations.mutate(m.bytes(), seed);
            if (new Msg(b, m.src(), m.dst()).wrap(p) == WireError.OK) {
                byte[] out = emit(readAll(p), m.src(), m.dst());
                Bytes.put16(out, 2, p.checksum()); // 0x0000 and 0xffff both verify; emit writes the former
                assertThat(out).isEqualTo(b);
            }
            p.wrapNoChecksum(b, 0, b.length);
        }
    }

    private static Icmpv6Repr readAll(Icmpv6Packet p) {
        p.sourceLinkLayerAddress();
        p.targetLinkLayerAddress();
        p.mtuOption();
        assertThat(p.ndpOptionsOffset() + p.ndpOptionsLength()).isEqualTo(p.offset() + p.length());
        return Icmpv6Repr.parse(p);
    }

    @Property
    void emitThenWrapThenParseRoundTrips(@ForAll("reprs") Icmpv6Repr r) {
        byte[] b = emit(r, A_LL, Ipv6Address.ALL_NODES);
        Icmpv6Packet p = new Icmpv6Packet();
        assertThat(p.wrap(b, 0, b.length, A_LL.hi(), A_LL.lo(), Ipv6Address.ALL_NODES.hi(), Ipv6Address.ALL_NODES.lo()))
                .isEqualTo(WireError.OK);
        assertThat(Icmpv6Repr.parse(p)).isEqualTo(r);
    }

    @Provide
    Arbitrary<Icmpv6Repr> reprs() {
        return reprArbitrary();
    }

    static Arbitrary<NdpOption> ndpOptions() {
        Arbitrary<MacAddress> mac = Arbitraries.longs().between(0, 0xffff_ffff_ffffL).map(MacAddress::new);
        Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xffff_ffffL);
        Arbitrary<Ipv6Address> addr = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(Ipv6Address::new);
        return Arbitraries.oneOf(
                mac.map(NdpOption.SourceLinkLayerAddress::new),
                mac.map(NdpOption.TargetLinkLayerAddress::new),
                Combinators.combine(Arbitraries.integers().between(0, 128), Arbitraries.integers().between(0, 255), u32, u32, addr)
                        .as(NdpOption.PrefixInformation::new),
                Arbitraries.integers().between(0, 4).map(n -> new NdpOption.RedirectedHeader(Octets.zeros(8 * n))),
                u32.map(NdpOption.Mtu::new),
                Combinators.combine(Arbitraries.integers().between(6, 255), Arbitraries.integers().between(0, 3))
                        .as((t, n) -> new NdpOption.Unknown(t, Octets.zeros(6 + 8 * n))));
    }

    static Arbitrary<Icmpv6Repr> reprArbitrary() {
        Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xffff);
        Arbitrary<Integer> u8 = Arbitraries.integers().between(0, 255);
        Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xffff_ffffL);
        Arbitrary<Octets> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(Octets::copyOf);
        Arbitrary<Ipv6Address> unicast = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(Ipv6Address::new)
                .filter(a -> !a.isMulticast());
        Arbitrary<List<NdpOption>> options = ndpOptions().list().ofMaxSize(4);
        Set<Integer> specific = Set.of(1, 2, 3, 4, 128, 129, 133, 134, 135, 136, 137);
        return Arbitraries.oneOf(
                Combinators.combine(u16, u16, data).as(Icmpv6Repr.EchoRequest::new),
                Combinators.combine(u16, u16, data).as(Icmpv6Repr.EchoReply::new),
                Combinators.combine(u8, data).as(Icmpv6Repr.DestinationUnreachable::new),
                Combinators.combine(u32, data).as(Icmpv6Repr.PacketTooBig::new),
                Combinators.combine(u8, data).as(Icmpv6Repr.TimeExceeded::new),
                Combinators.combine(u8, u32, data).as(Icmpv6Repr.ParameterProblem::new),
                options.map(Icmpv6Repr.RouterSolicitation::new),
                Combinators.combine(u8, u8, u16, u32, u32, options).as(Icmpv6Repr.RouterAdvertisement::new),
                Combinators.combine(unicast, options).as(Icmpv6Repr.NeighborSolicitation::new),
                Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false), unicast, options)
                        .as(Icmpv6Repr.NeighborAdvertisement::new),
                Combinators.combine(unicast, options).as((d, o) -> new Icmpv6Repr.Redirect(d, d, o)),
                Combinators.combine(unicast, options).as((d, o) -> new Icmpv6Repr.Redirect(R_LL, d, o)),
                Combinators.combine(u8.filter(t -> !specific.contains(t)), u8,
                        Arbitraries.bytes().array(byte[].class).ofMinSize(4).ofMaxSize(40).map(Octets::copyOf))
                        .as(Icmpv6Repr.Other::new));
    }
}
