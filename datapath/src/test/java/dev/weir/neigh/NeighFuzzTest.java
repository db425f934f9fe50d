package dev.weir.neigh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.ArpRepr;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.Icmpv6Repr;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.Ipv6Repr;
import dev.weir.api.wire.MacAddress;
import dev.weir.api.wire.NdpOption;
import dev.weir.sim.Simulation;
import dev.weir.testing.Frames;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Received frames never make the device layer, ARP or NDP throw, whatever their bytes: valid
 * ARP and NDP frames, mutated at random places, and random bytes, each either handled or dropped
 * with a reason, and every buffer freed.
 */
class NeighFuzzTest {
    static final byte[][] SEEDS = {
        arpRequest(), ns(), na(), Frames.tagged(Host.mac(1), Host.mac(2), 100, EtherType.ARP, new byte[28]),
    };

    static byte[] arpRequest() {
        byte[] p = new byte[28];
        ArpRepr.request(new MacAddress(Host.mac(2)), Ipv4Address.parse("10.0.0.2"), Ipv4Address.parse("10.0.0.1")).emit(p, 0);
        return Frames.ether(0xffff_ffff_ffffL, Host.mac(2), EtherType.ARP, p);
    }

    static byte[] ndp(Icmpv6Repr m, String src, String dst) {
        Ipv6Address s = Ipv6Address.parse(src);
        Ipv6Address d = Ipv6Address.parse(dst);
        byte[] p = new byte[40 + m.bufferLength()];
        new Ipv6Repr(s, d, IpProtocol.ICMPV6, m.bufferLength(), 255).emit(p, 0);
        m.emit(p, 40, s, d);
        return Frames.ether(Host.mac(1), Host.mac(2), EtherType.IPV6, p);
    }

    static byte[] ns() {
        return ndp(new Icmpv6Repr.NeighborSolicitation(Ipv6Address.parse("fd00::1"),
                List.of(new NdpOption.SourceLinkLayerAddress(new MacAddress(Host.mac(2))))), "fd00::2", "ff02::1:ff00:1");
    }

    static byte[] na() {
        return ndp(new Icmpv6Repr.NeighborAdvertisement(true, true, true, Ipv6Address.parse("fd00::2"),
                List.of(new NdpOption.TargetLinkLayerAddress(new MacAddress(Host.mac(2))))), "fd00::2", "fd00::1");
    }

    @Property(tries = 2000)
    void mutatedFramesAreHandledOrDroppedNeverThrown(@ForAll("seeds") byte[] seed, @ForAll("positions") int pos,
            @ForAll("values") int value, @ForAll("lengths") int cut) {
        byte[] f = seed.clone();
        f[pos % f.length] = (byte) value;
        byte[] frame = java.util.Arrays.copyOf(f, Math.max(1, Math.min(f.length, cut)));
        receive(frame);
    }

    @Property(tries = 1000)
    void randomBytesAreHandledOrDroppedNeverThrown(@ForAll("noise") byte[] frame) {
        receive(frame);
    }

    private static void receive(byte[] frame) {
        Simulation sim = new Simulation(1);
        Host h = new Host(sim, 1);
        h.eth0.inject(frame);
        sim.scheduler().run();
        h.net.pool().assertNoLeaks();
        assertThat(h.arp.size() + h.ndisc.size()).isLessThanOrEqualTo(2);
    }

    @Provide
    Arbitrary<byte[]> seeds() {
        return Arbitraries.of(SEEDS);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 200);
    }

    @Provide
    Arbitrary<Integer> values() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 255), Arbitraries.of(0, 1, 0x40, 0x80, 0xff, 255, 135, 136, 0x86, 0xdd));
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 120), Arbitraries.just(10_000));
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(120);
    }
}
