package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv4Options;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv4Repr;
import dev.weir.api.wire.Ipv6Option;
import dev.weir.api.wire.Ipv6OptionsHeader;
import dev.weir.api.wire.Ipv6Repr;
import dev.weir.api.wire.Ipv6RoutingHeader;
import dev.weir.api.wire.Octets;
import dev.weir.api.wire.WireError;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Output fragmentation (RFC 791 section 3.2, RFC 1812 section 5.2.6, RFC 8200 section 4.5). */
class FragmenterTest {
    private final FragTestHost h = new FragTestHost();
    private final List<SkBuff> out = new ArrayList<>();

    @AfterEach
    void nothingLeaks() {
        out.forEach(SkBuff::consume);
        h.net.pool().assertNoLeaks();
    }

    private SkBuff datagram(Ipv4Repr r) {
        byte[] p = new byte[r.bufferLength()];
        int hl = r.emit(p, 0);
        byte[] d = Ipv4ReassemblyTest.data(r.payloadLength());
        System.arraycopy(d, 0, p, hl, d.length);
        return h.v4(p);
    }

    @Test
    void optionsWithoutTheCopiedFlagBecomeNoOperationInLaterFragments() {
        // LSRR (131, copied) with one address, NOP, Record Route (7, not copied) with room for one, EOL.
        byte[] opts = {(byte) 131, 7, 4, 10, 0, 0, 9, 1, 7, 7, 4, 0, 0, 0, 0, 0};
        Ipv4Repr r = new Ipv4Repr(new Ipv4Address(0x0a000001), new Ipv4Address(0x0a000002), IpProtocol.UDP, 64, 0, 0, 77,
                false, false, 0, Octets.copyOf(opts), 100);
        assertThat(h.frag4.fragment(datagram(r), 36 + 40, out::add)).isTrue();
        assertThat(out).hasSize(3);
        Ipv4Packet ip = new Ipv4Packet();
        int[] offsets = {0, 40, 80};
        int[] lengths = {40, 40, 20};
        for (int i = 0; i < 3; i++) {
            byte[] f = out.get(i).toByteArray();
            assertThat(ip.wrap(f, 0, f.length)).isEqualTo(WireError.OK);
            assertThat(ip.headerLength()).as("every fragment keeps the header length").isEqualTo(36);
            assertThat(ip.fragmentOffsetBytes()).isEqualTo(offsets[i]);
            assertThat(ip.payloadLength()).isEqualTo(lengths[i]);
            assertThat(ip.moreFragments()).isEqualTo(i < 2);
            assertThat(ip.identification()).isEqualTo(77);
            byte[] o = java.util.Arrays.copyOfRange(f, 20, 36);
            if (i == 0) {
                assertThat(o).isEqualTo(opts);
            } else {
                assertThat(java.util.Arrays.copyOfRange(o, 0, 8)).as("LSRR kept").isEqualTo(java.util.Arrays.copyOfRange(opts, 0, 8));
                assertThat(java.util.Arrays.copyOfRange(o, 8, 15)).as("RR overwritten")
                        .containsOnly((byte) Ipv4Options.NOP);
            }
        }
        assertThat(h.net.counters().get(Mib.IpFragCreates)).isEqualTo(3);
        assertThat(h.net.counters().get(Mib.IpFragOKs)).isEqualTo(1);
    }

    @Test
    void aFragmentCutAgainKeepsItsOffsetAndMoreFragmentsOnEveryPiece() {
        Ipv4Repr r = new Ipv4Repr(new Ipv4Address(1), new Ipv4Address(2), IpProtocol.UDP, 64, 0, 0, 5, false, true, 100,
                Octets.EMPTY, 64);
        h.frag4.fragment(datagram(r), 20 + 24, out::add);
        assertThat(out).hasSize(3);
        int[] words = new int[3];
        for (int i = 0; i < 3; i++) {
            words[i] = Bytes.u16(out.get(i).toByteArray(), 6);
        }
        assertThat(words).containsExactly(Ipv4Packet.FLAG_MF | 100, Ipv4Packet.FLAG_MF | 103, Ipv4Packet.FLAG_MF | 106);
    }

    @Test
    void dontFragmentIsKeptOnFragmentsTheCallerAllowed() {
        Ipv4Repr r = new Ipv4Repr(new Ipv4Address(1), new Ipv4Address(2), IpProtocol.UDP, 64, 0, 0, 5, true, false, 0,
                Octets.EMPTY, 30);
        h.frag4.fragment(datagram(r), 36, out::add);
        assertThat(out).hasSize(2);
        assertThat(Bytes.u16(out.get(0).toByteArray(), 6)).isEqualTo(Ipv4Packet.FLAG_DF | Ipv4Packet.FLAG_MF);
        assertThat(Bytes.u16(out.get(1).toByteArray(), 6)).isEqualTo(Ipv4Packet.FLAG_DF | 2);
    }

    @Test
    void anMtuWithoutRoomFor8BytesFails() {
        Ipv4Repr r = new Ipv4Repr(new Ipv4Address(1), new Ipv4Address(2), IpProtocol.UDP, 64, 30);
        assertThat(h.frag4.fragment(datagram(r), 27, out::add)).isFalse();
        assertThat(out).isEmpty();
        assertThat(h.net.counters().get(Mib.IpFragFails)).isEqualTo(1);
        assertThat(h.net.counters().drops(DropReason.PKT_TOO_BIG)).isEqualTo(1);
    }

    private SkBuff v6(int firstNext, List<byte[]> headers, int payload) {
        int hl = 0;
        for (byte[] x : headers) {
            hl += x.length;
        }
        byte[] p = new byte[40 + hl + payload];
        new Ipv6Repr(Ipv6ReassemblyTest.SRC, Ipv6ReassemblyTest.DST, firstNext, hl + payload, 64).emit(p, 0);
        int at = 40;
        for (byte[] x : headers) {
            System.arraycopy(x, 0, p, at, x.length);
            at += x.length;
        }
        System.arraycopy(Ipv4ReassemblyTest.data(payload), 0, p, at, payload);
        return h.v6(p);
    }

    private static byte[] emitted(dev.weir.api.wire.Ipv6ExtHeader x) {
        byte[] b = new byte[x.headerLength()];
        x.emit(b, 0);
        return b;
    }

    @Test
    void theUnfragmentablePartRunsThroughTheRoutingHeaderAndTheDestinationOptionsBeforeIt() {
        byte[] hbh = emitted(Ipv6OptionsHeader.of(IpProtocol.HOPOPTS, IpProtocol.DSTOPTS, List.of(Ipv6Option.padN(6))));
        byte[] dst1 = emitted(Ipv6OptionsHeader.of(IpProtocol.DSTOPTS, IpProtocol.ROUTING, List.of(Ipv6Option.padN(6))));
        byte[] rt = emitted(new Ipv6RoutingHeader(IpProtocol.DSTOPTS, 0, 0, Octets.zeros(4)));
        byte[] dst2 = emitted(Ipv6OptionsHeader.of(IpProtocol.DSTOPTS, IpProtocol.UDP, List.of(Ipv6Option.padN(6))));
        SkBuff skb = v6(IpProtocol.HOPOPTS, List.of(hbh, dst1, rt, dst2), 100);
        byte[] whole = skb.toByteArray();
        assertThat(h.frag6.fragment(skb, 40 + 24 + 8 + 48, 99, out::add)).isEqualTo(Ipv6Fragmenter.OK);
        // unfragmentable: 40 + 24; each fragment carries (120 - 64 - 8) & ~7 = 48 bytes of the 108 fragmentable ones.
        assertThat(out).hasSize(3);
        byte[] f = out.get(0).toByteArray();
        assertThat(f[40 + 16]).as("the Routing header now names the Fragment header").isEqualTo((byte) IpProtocol.FRAGMENT);
        assertThat(f[64]).as("the Fragment header names what the Routing header named").isEqualTo((byte) IpProtocol.DSTOPTS);
        assertThat(Bytes.i32(f, 68)).isEqualTo(99);
        assertThat(java.util.Arrays.copyOfRange(f, 72, 72 + 48)).isEqualTo(java.util.Arrays.copyOfRange(whole, 64, 64 + 48));
        assertThat(Bytes.u16(out.get(2).toByteArray(), 66)).as("last: offset 96, M clear").isEqualTo(96);
        assertThat(out.get(2).len()).isEqualTo(64 + 8 + 12);
        assertThat(h.net.counters().get(Mib.Ip6FragCreates)).isEqualTo(3);
    }

    @Test
    void withoutARoutingHeaderLinuxKeepsDestinationOptionsUnfragmentable() {
        byte[] dst = emitted(Ipv6OptionsHeader.of(IpProtocol.DSTOPTS, IpProtocol.UDP, List.of(Ipv6Option.padN(6))));
        assertThat(h.frag6.fragment(v6(IpProtocol.DSTOPTS, List.of(dst), 40), 40 + 8 + 8 + 16, 1, out::add)).isEqualTo(Ipv6Fragmenter.OK);
        byte[] f = out.get(0).toByteArray();
        assertThat(f[6]).isEqualTo((byte) IpProtocol.DSTOPTS);
        assertThat(f[40]).isEqualTo((byte) IpProtocol.FRAGMENT);
        assertThat(f[48]).isEqualTo((byte) IpProtocol.UDP);
    }

    @Test
    void anMtuBelowTheUnfragmentablePartAFragmentHeaderAnd8BytesIsTooBig() {
        SkBuff skb = v6(IpProtocol.UDP, List.of(), 100);
        assertThat(h.frag6.fragment(skb, 40 + 8 + 7, 1, out::add)).isEqualTo(Ipv6Fragmenter.TOO_BIG);
        assertThat(h.net.counters().get(Mib.Ip6FragFails)).isEqualTo(1);
        skb.consume();
    }

    @Test
    void identificationsAreRandomAndNeverZero() {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            int id = h.frag6.nextId();
            assertThat(id).isNotZero();
            ids.add(id);
        }
        assertThat(ids).hasSizeGreaterThan(990);
    }
}
