package dev.weir.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every record kind of the network-layer formats, emitted, wraps OK in its view and parses back
 * equal. (The property tests of each format do the same for generated records; this list makes
 * sure no kind is left out.)
 */
class EmitThenWrapTest {
    private static final Ipv4Address A4 = Ipv4Address.parse("10.0.1.1");
    private static final Ipv4Address R4 = Ipv4Address.parse("10.0.1.254");
    private static final Ipv6Address A6 = Ipv6Address.parse("fe80::1");
    private static final Ipv6Address R6 = Ipv6Address.parse("fd01::fe");
    private static final MacAddress MAC = MacAddress.parse("02:00:00:00:01:01");
    private static final Octets QUOTE = Octets.fromHex("4500001c000100004011f9d20a0001010a0001fe9c4000090008ffff");

    @Test
    void arp() {
        for (ArpRepr r : List.of(ArpRepr.request(MAC, A4, R4), ArpRepr.replyTo(ArpRepr.request(MAC, A4, R4), MAC))) {
            byte[] b = new byte[r.bufferLength()];
            r.emit(b, 0);
            ArpPacket p = new ArpPacket();
            assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
            assertThat(ArpRepr.parse(p)).isEqualTo(r);
        }
    }

    @Test
    void ipv4() {
        List<Ipv4Repr> all = List.of(
                new Ipv4Repr(A4, R4, IpProtocol.UDP, 64, 0),
                new Ipv4Repr(A4, R4, IpProtocol.TCP, 1, 46, 3, 0xffff, true, false, 0, Octets.fromHex("94040000"), 1000),
                new Ipv4Repr(A4, R4, IpProtocol.ICMP, 255, 0, 1, 7, false, true, 8191, Octets.fromHex("01010100"), 8));
        for (Ipv4Repr r : all) {
            byte[] b = new byte[r.bufferLength()];
            r.emit(b, 0);
            Ipv4Packet p = new Ipv4Packet();
            assertThat(p.wrap(b, 0, b.length)).as("%s", r).isEqualTo(WireError.OK);
            assertThat(Ipv4Repr.parse(p)).isEqualTo(r);
        }
    }

    @Test
    void icmpv4() {
        List<Icmpv4Repr> all = List.of(
                new Icmpv4Repr.EchoRequest(1, 2, Octets.fromHex("00010203")),
                new Icmpv4Repr.EchoReply(1, 2, Octets.EMPTY),
                new Icmpv4Repr.DestinationUnreachable(Icmpv4Packet.UNREACH_PORT, 0, QUOTE),
                Icmpv4Repr.DestinationUnreachable.fragmentationNeeded(1400, QUOTE),
                new Icmpv4Repr.TimeExceeded(Icmpv4Packet.EXCEEDED_REASSEMBLY, QUOTE),
                new Icmpv4Repr.Redirect(Icmpv4Packet.REDIRECT_NET, R4, QUOTE),
                new Icmpv4Repr.ParameterProblem(Icmpv4Packet.PARAMPROB_POINTER, 20, QUOTE),
                new Icmpv4Repr.Other(13, 0, 0x12340001, Octets.zeros(12)));
        for (Icmpv4Repr r : all) {
            byte[] b = new byte[r.bufferLength()];
            r.emit(b, 0);
            Icmpv4Packet p = new Icmpv4Packet();
            assertThat(p.wrap(b, 0, b.length)).as("%s", r).isEqualTo(WireError.OK);
            assertThat(Icmpv4Repr.parse(p)).isEqualTo(r);
        }
    }

    @Test
    void ipv6AndItsExtensionHeaders() {
        List<Ipv6ExtHeader> chain = List.of(
                Ipv6OptionsHeader.of(IpProtocol.HOPOPTS, IpProtocol.DSTOPTS, List.of(Ipv6Option.routerAlert(0))),
                Ipv6OptionsHeader.of(IpProtocol.DSTOPTS, IpProtocol.ROUTING, List.of(Ipv6Option.padN(6))),
                new Ipv6RoutingHeader(IpProtocol.FRAGMENT, 4, 0, Octets.zeros(4)),
                new Ipv6FragmentHeader(IpProtocol.UDP, 0, true, 0x01020304));
        int len = 8 + 8 + 8 + 8 + 8;
        Ipv6Repr ip = new Ipv6Repr(A6, R6, IpProtocol.HOPOPTS, len, 64, 0xb8, 0x12345);
        byte[] b = new byte[ip.bufferLength()];
        int at = ip.emit(b, 0);
        for (Ipv6ExtHeader h : chain) {
            at += h.emit(b, at);
        }
        Ipv6Packet p = new Ipv6Packet();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        assertThat(Ipv6Repr.parse(p)).isEqualTo(ip);
        Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
        assertThat(ext.walk(p)).isEqualTo(WireError.OK);
        assertThat(ext.headers()).isEqualTo(chain);
        assertThat(ext.upperLayerProtocol()).isEqualTo(IpProtocol.UDP);
        assertThat(ext.upperLayerLength()).isEqualTo(8);
    }

    @Test
    void icmpv6AndNdp() {
        List<NdpOption> options = List.of(
                new NdpOption.SourceLinkLayerAddress(MAC),
                new NdpOption.TargetLinkLayerAddress(MAC),
                new NdpOption.PrefixInformation(64, 0xc0, 0xffff_ffffL, 3600, Ipv6Address.parse("fd01::")),
                new NdpOption.RedirectedHeader(Octets.zeros(48)),
                new NdpOption.Mtu(1500),
                new NdpOption.Unknown(NdpOption.NONCE, Octets.fromHex("010203040506")));
        List<Icmpv6Repr> all = List.of(
                new Icmpv6Repr.EchoRequest(1, 2, Octets.fromHex("00")),
                new Icmpv6Repr.EchoReply(1, 2, Octets.EMPTY),
                new Icmpv6Repr.DestinationUnreachable(Icmpv6Packet.UNREACH_PORT, QUOTE),
                new Icmpv6Repr.PacketTooBig(1280, QUOTE),
                new Icmpv6Repr.TimeExceeded(Icmpv6Packet.EXCEEDED_HOP_LIMIT, QUOTE),
                new Icmpv6Repr.ParameterProblem(Icmpv6Packet.PARAMPROB_UNKNOWN_OPTION, 42, QUOTE),
                new Icmpv6Repr.RouterSolicitation(List.of(options.getFirst())),
                new Icmpv6Repr.RouterAdvertisement(64, Icmpv6Packet.RA_FLAG_MANAGED, 1800, 0, 0, options),
                new Icmpv6Repr.NeighborSolicitation(R6, options),
                new Icmpv6Repr.NeighborAdvertisement(false, true, true, R6, options),
                new Icmpv6Repr.Redirect(A6, R6, options),
                new Icmpv6Repr.Other(Icmpv6Packet.MLDV2_REPORT, 0, Octets.zeros(4)));
        for (Icmpv6Repr r : all) {
            byte[] b = new byte[r.bufferLength()];
            r.emit(b, 0, A6, R6);
            Icmpv6Packet p = new Icmpv6Packet();
            assertThat(p.wrap(b, 0, b.length, A6.hi(), A6.lo(), R6.hi(), R6.lo())).as("%s", r).isEqualTo(WireError.OK);
            assertThat(Icmpv6Repr.parse(p)).isEqualTo(r);
        }
    }
}
