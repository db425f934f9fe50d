package dev.weir.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Ipv6PacketTest {
    private static final Ipv6Address A = Ipv6Address.parse("fd01::1");
    private static final Ipv6Address R = Ipv6Address.parse("fd01::fe");

    static List<byte[]> linuxIpv6Packets() {
        return LinuxCaptures.packets(EtherType.IPV6, "linkup", "echo6", "portunr6", "ptb6", "hoplimit6", "paramprob6",
                "frag6", "dstopts6", "redirect6", "ra6");
    }

    private static Ipv6Packet wrapped(byte[] b) {
        Ipv6Packet p = new Ipv6Packet();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        return p;
    }

    private static Ipv6ExtHeaders walked(Ipv6Packet p) {
        Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
        assertThat(ext.walk(p)).isEqualTo(WireError.OK);
        return ext;
    }

    private static byte[] emit(Ipv6ExtHeader h) {
        byte[] b = new byte[h.headerLength()];
        assertThat(h.emit(b, 0)).isEqualTo(b.length);
        return b;
    }

    // Golden bytes from Linux.

    @Test
    void linuxEchoRequestHeader() {
        byte[] b = LinuxCaptures.l3("echo6", 3);
        Ipv6Packet p = wrapped(b);
        assertThat(p.version()).isEqualTo(6);
        assertThat(p.trafficClass()).isZero();
        assertThat(p.flowLabel()).isEqualTo(0x4c433);
        assertThat(p.payloadLength()).isEqualTo(24);
        assertThat(p.nextHeader()).isEqualTo(IpProtocol.ICMPV6);
        assertThat(p.hopLimit()).isEqualTo(64);
        assertThat(new Ipv6Address(p.srcHi(), p.srcLo())).isEqualTo(A);
        assertThat(new Ipv6Address(p.dstHi(), p.dstLo())).isEqualTo(R);
        assertThat(p.payloadOffset()).isEqualTo(40);
        assertThat(p.totalLength()).isEqualTo(64);
        Ipv6Repr r = new Ipv6Repr(A, R, IpProtocol.ICMPV6, 24, 64, 0, 0x4c433);
        assertThat(Ipv6Repr.parse(p)).isEqualTo(r);
        byte[] out = new byte[40];
        assertThat(r.emit(out, 0)).isEqualTo(40);
        assertThat(out).isEqualTo(Arrays.copyOf(b, 40));
        Ipv6ExtHeaders ext = walked(p);
        assertThat(ext.headerCount()).isZero();
        assertThat(ext.upperLayerProtocol()).isEqualTo(IpProtocol.ICMPV6);
        assertThat(ext.upperLayerOffset()).isEqualTo(40);
        assertThat(ext.upperLayerLength()).isEqualTo(24);
        assertThat(ext.nextHeaderFieldOffset()).isEqualTo(Ipv6Packet.NEXT_HEADER_OFFSET);
        assertThat(ext.hasFragmentHeader()).isFalse();
        assertThat(ext.isFragment()).isFalse();
    }

    @Test
    void decrementHopLimitGivesTheBytesLinuxForwarded() {
        byte[] in = LinuxCaptures.l3("redirect6", 3);
        Ipv6Packet p = wrapped(in);
        assertThat(p.decrementHopLimit()).isEqualTo(63);
        assertThat(in).isEqualTo(LinuxCaptures.l3("redirect6", 5));
    }

    @Test
    void linuxMldReportCarriesHopByHopRouterAlertPaddedWithPadN() {
        // RFC 3810 section 5: MLDv2 reports carry a Router Alert (RFC 2711, value 0) in a Hop-by-Hop header.
        byte[] b = LinuxCaptures.l3("linkup", 1);
        Ipv6Packet p = wrapped(b);
        assertThat(p.nextHeader()).isEqualTo(IpProtocol.HOPOPTS);
        Ipv6ExtHeaders ext = walked(p);
        assertThat(ext.headerCount()).isEqualTo(1);
        assertThat(ext.hopByHopOffset()).isEqualTo(40);
        assertThat(ext.routerAlert()).isZero();
        assertThat(ext.upperLayerProtocol()).isEqualTo(IpProtocol.ICMPV6);
        assertThat(ext.upperLayerOffset()).isEqualTo(48);
        assertThat(ext.upperLayerLength()).isEqualTo(p.payloadLength() - 8);
        assertThat(ext.nextHeaderFieldOffset()).isEqualTo(40);

        Ipv6OptionsHeader hbh = Ipv6OptionsHeader.of(IpProtocol.HOPOPTS, IpProtocol.ICMPV6, List.of(Ipv6Option.routerAlert(0)));
        assertThat(ext.headers()).containsExactly(hbh);
        assertThat(hbh.options()).containsExactly(Ipv6Option.routerAlert(0), Ipv6Option.padN(2));
        assertThat(emit(hbh)).isEqualTo(Arrays.copyOfRange(b, 40, 48));
    }

    @Test
    void linuxFirstFragmentHeader() {
        byte[] b = LinuxCaptures.l3("frag6", 1);
        Ipv6ExtHeaders ext = walked(wrapped(b));
        assertThat(ext.hasFragmentHeader()).isTrue();
        assertThat(ext.fragmentHeaderOffset()).isEqualTo(40);
        assertThat(ext.fragmentOffset()).isZero();
        assertThat(ext.moreFragments()).isTrue();
        assertThat(ext.fragmentIdentification()).isEqualTo(0x17084422);
        assertThat(ext.isFragment()).isTrue();
        assertThat(ext.upperLayerProtocol()).isEqualTo(IpProtocol.ICMPV6);
        assertThat(ext.upperLayerOffset()).isEqualTo(48);
        assertThat(Bytes.u8(b, 48)).as("the echo request header is in the first fragment").isEqualTo(Icmpv6Packet.ECHO_REQUEST);
        Ipv6FragmentHeader f = new Ipv6FragmentHeader(IpProtocol.ICMPV6, 0, true, 0x17084422);
        assertThat(ext.fragmentHeader()).isEqualTo(f);
        assertThat(ext.headers()).containsExactly(f);
        assertThat(emit(f)).isEqualTo(Arrays.copyOfRange(b, 40, 48));
    }

    @Test
    void walkStopsAfterTheFragmentHeaderOfALaterFragment() {
        // Offset 1448: what follows the fragment header is the middle of the echo data, not a header.
        byte[] b = LinuxCaptures.l3("frag6", 2);
        Ipv6ExtHeaders ext = walked(wrapped(b));
        assertThat(ext.fragmentOffset()).isEqualTo(181);
        assertThat(ext.fragmentOffsetBytes()).isEqualTo(1448);
        assertThat(ext.moreFragments()).isFalse();
        assertThat(ext.isFragment()).isTrue();
        assertThat(ext.headerCount()).isEqualTo(1);
        assertThat(ext.upperLayerProtocol()).isEqualTo(IpProtocol.ICMPV6);
        assertThat(ext.upperLayerOffset()).isEqualTo(48);
        assertThat(ext.upperLayerLength()).isEqualTo(60);
        Ipv6FragmentHeader f = new Ipv6FragmentHeader(IpProtocol.ICMPV6, 181, false, 0x17084422);
        assertThat(ext.headers()).containsExactly(f);
        assertThat(f.fragmentOffsetBytes()).isEqualTo(1448);
        assertThat(emit(f)).isEqualTo(Arrays.copyOfRange(b, 40, 48));
    }

    @Test
    void linuxDestinationOptionsFromIpv6DstoptsSocketOption() {
        byte[] b = LinuxCaptures.l3("dstopts6", 1);
        Ipv6ExtHeaders ext = walked(wrapped(b));
        assertThat(ext.destinationOptionsOffset()).isEqualTo(40);
        assertThat(ext.hopByHopOffset()).isEqualTo(-1);
        assertThat(ext.routerAlert()).isEqualTo(-1);
        assertThat(ext.upperLayerProtocol()).isEqualTo(IpProtocol.UDP);
        assertThat(ext.upperLayerOffset()).isEqualTo(48);
        assertThat(ext.upperLayerLength()).isEqualTo(12);
        Ipv6Option weir = new Ipv6Option(0x1e, Octets.fromHex("77656972"));
        assertThat(weir.action()).as("00: skip if unknown").isEqualTo(Ipv6Option.ACTION_SKIP);
        assertThat(weir.mayChange()).isFalse();
        Ipv6OptionsHeader h = Ipv6OptionsHeader.of(IpProtocol.DSTOPTS, IpProtocol.UDP, List.of(weir));
        assertThat(ext.headers()).containsExactly(h);
        assertThat(emit(h)).isEqualTo(Arrays.copyOfRange(b, 40, 48));
    }

    @Test
    void walkOfAChainQuotedInAnIcmpv6Error() {
        // Linux's port unreachable quotes the whole destination-options probe.
        byte[] b = LinuxCaptures.l3("dstopts6", 2);
        int q = 40 + 8;
        Ipv6Packet quoted = wrapped(Arrays.copyOfRange(b, q, b.length));
        Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
        assertThat(ext.walk(b, q + 40, b.length - q - 40, quoted.nextHeader())).isEqualTo(WireError.OK);
        assertThat(ext.upperLayerProtocol()).isEqualTo(IpProtocol.UDP);
        assertThat(ext.upperLayerOffset()).isEqualTo(q + 48);
        assertThat(ext.nextHeaderFieldOffset()).isEqualTo(q + 40);
    }

    @Test
    void unknownUpperLayerEndsTheWalkAtTheFieldLinuxsParameterProblemPointsTo() {
        // Linux answered next header 253 with parameter problem code 1, pointer 6 (paramprob6 frame 2).
        byte[] b = LinuxCaptures.l3("paramprob6", 1);
        Ipv6ExtHeaders ext = walked(wrapped(b));
        assertThat(ext.upperLayerProtocol()).isEqualTo(253);
        assertThat(ext.upperLayerOffset()).isEqualTo(40);
        byte[] err = LinuxCaptures.l3("paramprob6", 2);
        assertThat(Bytes.i32(err, 40 + Icmpv6Packet.POINTER_OFFSET)).isEqualTo(ext.nextHeaderFieldOffset());
    }

    // Validation of the fixed header.

    @Test
    void rfc8200_3_fixedHeaderIs40BytesOfVersion6() {
        byte[] b = LinuxCaptures.l3("echo6", 3);
        Ipv6Packet p = new Ipv6Packet();
        assertThat(p.wrap(b, 0, 39)).isEqualTo(WireError.TRUNCATED);
        byte[] v4 = b.clone();
        v4[0] = 0x45;
        assertThat(p.wrap(v4, 0, v4.length)).isEqualTo(WireError.BAD_VERSION);
    }

    @Test
    void payloadLengthPastTheBytesAtHandIsTruncatedAsLinuxIpv6Rcv() {
        byte[] b = LinuxCaptures.l3("echo6", 3);
        assertThat(new Ipv6Packet().wrap(b, 0, b.length - 1)).isEqualTo(WireError.TRUNCATED);
    }

    @Test
    void trailingLinkPaddingIsNotPayload() {
        byte[] b = Arrays.copyOf(LinuxCaptures.l3("portunr6", 1), 64);
        Ipv6Packet p = wrapped(b);
        assertThat(p.payloadLength()).isEqualTo(12);
        assertThat(walked(p).upperLayerLength()).isEqualTo(12);
    }

    @Test
    void rfc4291_2_7_multicastSourceIsABadAddress() {
        byte[] b = LinuxCaptures.l3("echo6", 3);
        Ipv6Packet p = wrapped(b);
        assertThat(p.checkAddresses()).isEqualTo(WireError.OK);
        p.setSrc(Ipv6Address.ALL_NODES.hi(), Ipv6Address.ALL_NODES.lo());
        assertThat(p.checkAddresses()).isEqualTo(WireError.BAD_ADDRESS);
    }

    @Test
    void settersWriteTheirFieldsAndRefuseOutOfRangeValues() {
        byte[] b = LinuxCaptures.l3("echo6", 3);
        Ipv6Packet p = wrapped(b);
        p.setTrafficClass(0xb8);
        p.setEcn(3);
        p.setDscp(10);
        p.setFlowLabel(0xabcde);
        p.setHopLimit(255);
        p.setNextHeader(IpProtocol.NONE);
        p.setPayloadLength(8);
        p.setSrc(R.hi(), R.lo());
        p.setDst(A.hi(), A.lo());
        assertThat(Ipv6Repr.parse(p)).isEqualTo(new Ipv6Repr(R, A, IpProtocol.NONE, 8, 255, (10 << 2) | 3, 0xabcde));
        assertThat(p.dscp()).isEqualTo(10);
        assertThat(p.ecn()).isEqualTo(3);
        assertThatThrownBy(() -> p.setPayloadLength(25)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("25");
        assertThatThrownBy(() -> p.setFlowLabel(0x100000)).isInstanceOf(IllegalArgumentException.class);
        p.setHopLimit(0);
        assertThatThrownBy(p::decrementHopLimit).isInstanceOf(IllegalStateException.class).hasMessageContaining("RFC 8200");
    }

    // Validation of the extension header chain (RFC 8200 section 4).

    /** A packet of fixed header with {@code nextHeader}, then {@code chain} as its payload. */
    private static byte[] packet(int nextHeader, byte[] chain) {
        byte[] b = new byte[40 + chain.length];
        new Ipv6Repr(A, R, nextHeader, chain.length, 64).emit(b, 0);
        System.arraycopy(chain, 0, b, 40, chain.length);
        return b;
    }

    private static byte[] concat(Ipv6ExtHeader... headers) {
        int n = 0;
        for (Ipv6ExtHeader h : headers) {
            n += h.headerLength();
        }
        byte[] b = new byte[n];
        int at = 0;
        for (Ipv6ExtHeader h : headers) {
            at += h.emit(b, at);
        }
        return b;
    }

    private static Ipv6OptionsHeader pad(int protocol, int next) {
        return Ipv6OptionsHeader.of(protocol, next, List.of());
    }

    private static WireError walk(byte[] packet, Ipv6ExtHeaders ext) {
        Ipv6Packet p = wrapped(packet);
        return ext.walk(p);
    }

    @Test
    void rfc8200_4_1_hopByHopAnywhereButFirstIsABadField() {
        byte[] b = packet(IpProtocol.DSTOPTS, concat(pad(IpProtocol.DSTOPTS, IpProtocol.HOPOPTS), pad(IpProtocol.HOPOPTS, IpProtocol.NONE)));
        Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
        assertThat(walk(b, ext)).isEqualTo(WireError.BAD_FIELD);
        assertThat(ext.errorOffset()).as("the Next Header field naming it, as Linux's parameter problem points").isEqualTo(40);
        assertThatThrownBy(ext::headers).isInstanceOf(IllegalStateException.class);

        byte[] ok = packet(IpProtocol.HOPOPTS, concat(pad(IpProtocol.HOPOPTS, IpProtocol.DSTOPTS), pad(IpProtocol.DSTOPTS, IpProtocol.NONE)));
        assertThat(walk(ok, ext)).isEqualTo(WireError.OK);
        assertThat(ext.upperLayerProtocol()).isEqualTo(IpProtocol.NONE);
        assertThat(ext.upperLayerOffset()).isEqualTo(56);
        assertThat(ext.upperLayerLength()).isZero();
    }

    @Test
    void headerRunningPastThePayloadIsTruncated() {
        // RFC 8200 section 4: Hdr Ext Len gives the header's length in 8-octet units, not counting the first 8;
        // the fragment header is 8 octets (4.5). A header that does not fit the payload cannot be read.
        byte[] chain = concat(pad(IpProtocol.DSTOPTS, IpProtocol.UDP));
        chain[1] = 1; // Hdr Ext Len 1: 16 bytes, only 8 present
        Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
        assertThat(walk(packet(IpProtocol.DSTOPTS, chain), ext)).isEqualTo(WireError.TRUNCATED);
        assertThat(ext.errorOffset()).isEqualTo(40);
        assertThat(walk(packet(IpProtocol.ROUTING, new byte[] {17}), ext)).as("no length octet").isEqualTo(WireError.TRUNCATED);
        assertThat(walk(packet(IpProtocol.FRAGMENT, new byte[7]), ext)).as("fragment header is 8 bytes").isEqualTo(WireError.TRUNCATED);
    }

    @Test
    void rfc8200_4_2_optionRunningPastItsHeaderIsABadOption() {
        // Destination options: next header UDP, length 0, then an option claiming 5 data bytes in the 4 left.
        byte[] chain = Bytes.fromHex("1100 1e05 00000000");
        Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
        assertThat(walk(packet(IpProtocol.DSTOPTS, chain), ext)).isEqualTo(WireError.BAD_OPTION);
        assertThat(ext.errorOffset()).isEqualTo(42);
        byte[] noLength = Bytes.fromHex("1100 000000000005");
        assertThat(walk(packet(IpProtocol.HOPOPTS, noLength), ext)).as("type octet last, no length").isEqualTo(WireError.BAD_OPTION);
        assertThatThrownBy(() -> new Ipv6OptionsHeader(IpProtocol.DSTOPTS, 17, Octets.fromHex("1e0500000000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 8200");
    }

    @Test
    void walkStopsAtAhEspAndNoNextHeader() {
        for (int stop : new int[] {IpProtocol.AH, IpProtocol.ESP, IpProtocol.NONE, IpProtocol.TCP}) {
            byte[] b = packet(IpProtocol.HOPOPTS, concat(pad(IpProtocol.HOPOPTS, stop), pad(IpProtocol.DSTOPTS, IpProtocol.UDP)));
            Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
            assertThat(walk(b, ext)).isEqualTo(WireError.OK);
            assertThat(ext.upperLayerProtocol()).isEqualTo(stop);
            assertThat(ext.upperLayerOffset()).isEqualTo(48);
            assertThat(ext.headerCount()).isEqualTo(1);
        }
    }

    @Test
    void fullChainRecordsAndOffsets() {
        Ipv6OptionsHeader hbh = Ipv6OptionsHeader.of(IpProtocol.HOPOPTS, IpProtocol.DSTOPTS, List.of(Ipv6Option.routerAlert(2)));
        Ipv6OptionsHeader dst1 = Ipv6OptionsHeader.of(IpProtocol.DSTOPTS, IpProtocol.ROUTING,
                List.of(new Ipv6Option(0xc3, Octets.fromHex("0102030405060708090a"))));
        Ipv6RoutingHeader rh = new Ipv6RoutingHeader(IpProtocol.FRAGMENT, 4, 1, Octets.zeros(20));
        Ipv6FragmentHeader fh = new Ipv6FragmentHeader(IpProtocol.DSTOPTS, 0, false, 0xcafe);
        Ipv6OptionsHeader dst2 = pad(IpProtocol.DSTOPTS, IpProtocol.TCP);
        byte[] b = packet(IpProtocol.HOPOPTS, concat(hbh, dst1, rh, fh, dst2));
        Ipv6ExtHeaders ext = walked(wrapped(b));
        assertThat(ext.headers()).containsExactly(hbh, dst1, rh, fh, dst2);
        assertThat(ext.headerCount()).isEqualTo(5);
        assertThat(ext.routerAlert()).isEqualTo(2);
        assertThat(ext.destinationOptionsOffset()).isEqualTo(48);
        assertThat(ext.routingHeaderOffset()).isEqualTo(64);
        assertThat(ext.routingType()).isEqualTo(4);
        assertThat(ext.segmentsLeft()).isEqualTo(1);
        assertThat(ext.fragmentHeaderOffset()).isEqualTo(88);
        assertThat(ext.isFragment()).as("atomic fragment, RFC 6946").isFalse();
        assertThat(fh.isFragment()).isFalse();
        assertThat(ext.upperLayerProtocol()).isEqualTo(IpProtocol.TCP);
        assertThat(ext.upperLayerOffset()).isEqualTo(104);
        assertThat(ext.nextHeaderFieldOffset()).isEqualTo(96);
        assertThat(dst1.options().getFirst().action()).isEqualTo(Ipv6Option.ACTION_DISCARD_ICMP_UNICAST);
        assertThat(dst1.options().getFirst().mayChange()).isFalse();

        // A second walk over something else leaves nothing of the first behind.
        assertThat(ext.walk(wrapped(LinuxCaptures.l3("echo6", 3)))).isEqualTo(WireError.OK);
        assertThat(ext.routingHeaderOffset()).isEqualTo(-1);
        assertThat(ext.routerAlert()).isEqualTo(-1);
        assertThat(ext.fragmentHeader()).isNull();
        assertThat(ext.headers()).isEmpty();
    }

    @Test
    void extensionRecordsRefuseMalformedLengths() {
        assertThatThrownBy(() -> new Ipv6OptionsHeader(IpProtocol.DSTOPTS, 17, Octets.zeros(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 8");
        assertThatThrownBy(() -> new Ipv6OptionsHeader(IpProtocol.ROUTING, 17, Octets.zeros(6))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ipv6RoutingHeader(17, 4, 0, Octets.zeros(8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ipv6FragmentHeader(17, 8192, false, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ipv6Option(Ipv6Option.PAD1, Octets.zeros(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Ipv6OptionsHeader.of(IpProtocol.DSTOPTS, 17, List.of(new Ipv6Option(9, Octets.zeros(3)))).options())
                .as("5 option bytes + 1 Pad1").endsWith(Ipv6Option.pad1());
    }

    // Properties.

    @Property
    void neverThrowsOnArbitraryBytes(@ForAll @Size(max = 120) byte[] bytes, @ForAll int off, @ForAll int len,
            @ForAll @IntRange(max = 255) int nextHeader) {
        Ipv6Packet p = new Ipv6Packet();
        Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
        p.wrap(bytes, off, len);
        ext.walk(bytes, off, len, nextHeader);
        if (ext.walk(bytes, 0, bytes.length, nextHeader) == WireError.OK) {
            readAll(ext);
        }
        if (p.wrap(bytes, 0, bytes.length) == WireError.OK) {
            Ipv6Repr.parse(p);
            if (ext.walk(p) == WireError.OK) {
                readAll(ext);
            }
        }
    }

    @Property
    void neverThrowsOnMutatedLinuxPackets(@ForAll long seed) {
        Ipv6Packet p = new Ipv6Packet();
        Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
        for (byte[] valid : linuxIpv6Packets()) {
            byte[] b = Mutations.mutate(valid, seed);
            if (p.wrap(b, 0, b.length) == WireError.OK) {
                Ipv6Repr r = Ipv6Repr.parse(p);
                byte[] out = new byte[40];
                r.emit(out, 0);
                assertThat(out).isEqualTo(Arrays.copyOf(b, 40));
                if (ext.walk(p) == WireError.OK) {
                    readAll(ext);
                }
            }
        }
    }

    private static void readAll(Ipv6ExtHeaders ext) {
        List<Ipv6ExtHeader> hs = ext.headers();
        for (Ipv6ExtHeader h : hs) {
            if (h instanceof Ipv6OptionsHeader o) {
                o.options();
            }
        }
        ext.fragmentOffset();
        ext.moreFragments();
        ext.fragmentIdentification();
        ext.isFragment();
        if (ext.routingHeaderOffset() >= 0) {
            ext.routingType();
            ext.segmentsLeft();
        }
        assertThat(ext.upperLayerLength()).isNotNegative();
    }

    /** A packet built from records: fixed header, extension headers, an upper layer of {@code upperLen} zero bytes. */
    record Chain(Ipv6Repr ip, List<Ipv6ExtHeader> headers, int upper, int upperLen) {
        byte[] emit() {
            byte[] b = new byte[ip.bufferLength()];
            int at = ip.emit(b, 0);
            for (Ipv6ExtHeader h : headers) {
                at += h.emit(b, at);
            }
            return b;
        }
    }

    @Property
    void emitThenWalkRoundTripsChains(@ForAll("chains") Chain c) {
        byte[] b = c.emit();
        Ipv6Packet p = wrapped(b);
        assertThat(Ipv6Repr.parse(p)).isEqualTo(c.ip());
        Ipv6ExtHeaders ext = walked(p);
        assertThat(ext.headers()).isEqualTo(c.headers());
        assertThat(ext.upperLayerProtocol()).isEqualTo(c.upper());
        assertThat(ext.upperLayerLength()).isEqualTo(c.upperLen());
    }

    @Provide
    Arbitrary<Chain> chains() {
        Arbitrary<Ipv6Address> addr = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(Ipv6Address::new);
        Arbitrary<Ipv6Option> option = Combinators.combine(Arbitraries.integers().between(1, 255),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(12).map(Octets::copyOf)).as(Ipv6Option::new);
        Arbitrary<List<Ipv6Option>> options = option.list().ofMaxSize(4);
        Arbitrary<Integer> kind = Arbitraries.of(IpProtocol.DSTOPTS, IpProtocol.ROUTING, IpProtocol.FRAGMENT);
        Arbitrary<Integer> upper = Arbitraries.of(IpProtocol.TCP, IpProtocol.UDP, IpProtocol.ICMPV6, IpProtocol.NONE,
                IpProtocol.AH, IpProtocol.ESP, 253);
        return Combinators.combine(addr, addr, Arbitraries.of(true, false), kind.list().ofMaxSize(4), options.list().ofSize(5),
                upper, Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 0xfffff))
                .as((src, dst, hbh, kinds, opts, up, upLen, flow) -> {
                    List<Integer> protos = new ArrayList<>();
                    if (hbh) {
                        protos.add(IpProtocol.HOPOPTS);
                    }
                    protos.addAll(kinds);
                    List<Ipv6ExtHeader> hs = new ArrayList<>();
                    int len = upLen;
                    for (int i = 0; i < protos.size(); i++) {
                        int next = i + 1 < protos.size() ? protos.get(i + 1) : up;
                        Ipv6ExtHeader h = switch (protos.get(i)) {
                            case IpProtocol.ROUTING -> new Ipv6RoutingHeader(next, i, 3 - i % 3, Octets.zeros(4 + 8 * (i % 2)));
                            case IpProtocol.FRAGMENT -> new Ipv6FragmentHeader(next, 0, i % 2 == 0, 0x1000 + i);
                            default -> Ipv6OptionsHeader.of(protos.get(i), next, opts.get(i));
                        };
                        hs.add(h);
                        len += h.headerLength();
                    }
                    int first = protos.isEmpty() ? up : protos.getFirst();
                    return new Chain(new Ipv6Repr(src, dst, first, len, 64, 0, flow), hs, up, upLen);
                });
    }
}
