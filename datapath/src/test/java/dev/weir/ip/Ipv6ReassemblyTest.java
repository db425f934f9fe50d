package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.Ipv6FragmentHeader;
import dev.weir.api.wire.Ipv6Option;
import dev.weir.api.wire.Ipv6OptionsHeader;
import dev.weir.api.wire.Ipv6Repr;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.skb.SkBuff;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IPv6 reassembly rules (RFC 8200 section 4.5, RFC 5722, RFC 6946, RFC 7112, Linux's reassembly.c). */
class Ipv6ReassemblyTest {
    static final Ipv6Address SRC = Ipv6Address.parse("fd00::1");
    static final Ipv6Address DST = Ipv6Address.parse("fd00::2");
    private final FragTestHost h = new FragTestHost();

    @AfterEach
    void nothingLeaks() {
        h.scheduler.runFor(200_000_000_000L);
        h.net.pool().assertNoLeaks();
    }

    static byte[] data(int len) {
        return Ipv4ReassemblyTest.data(len);
    }

    /** A fixed header, a Fragment header naming {@code nextHeader}, and bytes [offset, offset+len) of {@code all}. */
    static byte[] fragment(Ipv6Address dst, int id, int nextHeader, int offset, int len, boolean more, int tc, byte[] all) {
        byte[] p = new byte[48 + len];
        new Ipv6Repr(SRC, dst, IpProtocol.FRAGMENT, 8 + len, 64, tc, 0).emit(p, 0);
        new Ipv6FragmentHeader(nextHeader, offset / 8, more, id).emit(p, 40);
        System.arraycopy(all, offset, p, 48, len);
        return p;
    }

    private SkBuff feed(int id, int offset, int len, boolean more) {
        return h.defrag6(h.v6(fragment(DST, id, IpProtocol.UDP, offset, len, more, 0, data(70_000))));
    }

    private long mib(Mib m) {
        return h.net.counters().get(m);
    }

    private static byte[] payload(SkBuff p) {
        byte[] b = p.toByteArray();
        p.consume();
        return Arrays.copyOfRange(b, 40, b.length);
    }

    @Test
    void anAtomicFragmentIsAWholePacketRfc6946() {
        SkBuff skb = h.v6(fragment(DST, 7, IpProtocol.UDP, 0, 16, false, 0, data(16)));
        SkBuff out = h.defrag6(skb);
        assertThat(out).isSameAs(skb);
        assertThat(mib(Mib.Ip6ReasmOKs)).isEqualTo(1);
        assertThat(IpCb.nhoff(out)).as("offset of the Fragment header, after which processing goes on").isEqualTo(40);
        assertThat(h.reasm6.queueCount()).isZero();
        out.consume();
    }

    @Test
    void fragmentsReassembleWithTheFirstFragmentsNextHeaderRfc8200() {
        SkBuff first = h.v6(fragment(DST, 1, IpProtocol.UDP, 0, 16, true, 0, data(24)));
        h.defrag6(first);
        // RFC 8200 section 4.5: later fragments' Next Header may differ; only the first one's counts.
        SkBuff p = h.defrag6(h.v6(fragment(DST, 1, IpProtocol.TCP, 16, 8, false, 0, data(24))));
        byte[] b = p.toByteArray();
        assertThat(b[6]).isEqualTo((byte) IpProtocol.UDP);
        assertThat(Bytes.u16(b, 4)).isEqualTo(24);
        assertThat(payload(p)).isEqualTo(data(24));
    }

    @Test
    void anyOverlapDiscardsTheWholeDatagramRfc5722() {
        feed(1, 0, 16, true);
        feed(1, 24, 8, false);
        assertThat(feed(1, 8, 16, true)).isNull();
        assertThat(h.reasm6.overlaps()).isEqualTo(1);
        assertThat(mib(Mib.Ip6ReasmFails)).isEqualTo(1);
        assertThat(h.net.counters().drops(DropReason.DUP_FRAG)).isEqualTo(3);
        assertThat(mib(Mib.IpExtReasmOverlaps)).as("an IPv4 counter").isZero();
        assertThat(h.reasm6.queueCount()).isZero();
        // Sending the missing piece afterwards completes nothing: the datagram is gone.
        assertThat(feed(1, 16, 8, true)).isNull();
    }

    @Test
    void anExactDuplicateIsIgnoredRfc5722Erratum3089() {
        feed(1, 0, 16, true);
        feed(1, 0, 16, true);
        assertThat(h.net.counters().drops(DropReason.DUP_FRAG)).isEqualTo(1);
        assertThat(payload(feed(1, 16, 4, false))).isEqualTo(data(20));
    }

    @Test
    void aNonFinalFragmentThatIsNoMultipleOf8IsAParameterProblemAtThePayloadLength() {
        assertThat(feed(1, 0, 12, true)).isNull();
        assertThat(h.paramProblems).hasSize(1);
        assertThat(h.paramProblems.get(0)).containsExactly(Icmpv6Packet.PARAMPROB_HEADER_FIELD, 4);
        assertThat(mib(Mib.Ip6InHdrErrors)).isEqualTo(1);
    }

    @Test
    void aFragmentEndingPast65535IsAParameterProblemAtItsFragmentOffset() {
        assertThat(feed(1, 65_528, 16, false)).isNull();
        assertThat(h.paramProblems.get(0)).containsExactly(Icmpv6Packet.PARAMPROB_HEADER_FIELD, 42);
    }

    @Test
    void aZeroPayloadLengthIsAParameterProblemPastTheFixedHeader() {
        byte[] p = fragment(DST, 1, IpProtocol.UDP, 0, 8, true, 0, data(8));
        SkBuff skb = h.v6(p);
        Bytes.put16(skb.buf(), skb.data() + 4, 0);
        assertThat(h.defrag6(skb)).isNull();
        assertThat(h.paramProblems.get(0)).containsExactly(Icmpv6Packet.PARAMPROB_HEADER_FIELD, 40);
    }

    @Test
    void aFirstFragmentWithoutTheWholeUpperLayerHeaderIsRefusedRfc7112() {
        // 8 bytes of a TCP header (which needs 20) in the first fragment.
        SkBuff skb = h.v6(fragment(DST, 1, IpProtocol.TCP, 0, 8, true, 0, data(40)));
        assertThat(h.defrag6(skb)).isNull();
        assertThat(h.paramProblems.get(0)).containsExactly(Ipv6Reassembly.PARAMPROB_HEADER_INCOMPLETE, 0);
        assertThat(mib(Mib.Ip6InHdrErrors)).isEqualTo(1);
        // A later fragment is not judged so.
        assertThat(h.defrag6(h.v6(fragment(DST, 1, IpProtocol.TCP, 8, 8, true, 0, data(40))))).isNull();
        assertThat(h.paramProblems).hasSize(1);
    }

    @Test
    void timeoutAfter60sSendsTimeExceededOnlyIfTheFirstFragmentCame() {
        byte[] first = fragment(DST, 3, IpProtocol.UDP, 0, 16, true, 0, data(16));
        h.defrag6(h.v6(first));
        feed(4, 16, 8, false);
        h.scheduler.runUntil(59_999_999_999L);
        assertThat(h.timedOut).isEmpty();
        h.scheduler.runUntil(60_000_000_000L);
        assertThat(h.timedOut).hasSize(1);
        assertThat(h.timedOut.get(0)).isEqualTo(first);
        assertThat(mib(Mib.Ip6ReasmTimeout)).isEqualTo(2);
        assertThat(mib(Mib.Ip6ReasmFails)).isEqualTo(2);
    }

    @Test
    void theArrivalDeviceKeysLinkLocalDestinationsOnly() {
        Ipv6Address ll = Ipv6Address.parse("fe80::2");
        SkBuff a = h.v6(fragment(ll, 9, IpProtocol.UDP, 0, 8, true, 0, data(8)));
        SkBuff b = h.v6(fragment(ll, 9, IpProtocol.UDP, 0, 8, true, 0, data(8)));
        IpCb.setIif(b, 3);
        h.defrag6(a);
        h.defrag6(b);
        assertThat(h.reasm6.queueCount()).isEqualTo(2);
        SkBuff c = h.v6(fragment(DST, 9, IpProtocol.UDP, 0, 8, true, 0, data(8)));
        SkBuff d = h.v6(fragment(DST, 9, IpProtocol.UDP, 0, 8, true, 0, data(8)));
        IpCb.setIif(d, 3);
        h.defrag6(c);
        h.defrag6(d);
        assertThat(h.reasm6.queueCount()).as("a global destination: one queue, the second a duplicate").isEqualTo(3);
    }

    @Test
    void theUnfragmentablePartKeepsItsHopByHopHeaderWhoseNextHeaderIsRewritten() {
        // fixed header, Hop-by-Hop (router alert), Fragment, data
        byte[] all = data(24);
        Ipv6OptionsHeader hbh = Ipv6OptionsHeader.of(IpProtocol.HOPOPTS, IpProtocol.FRAGMENT,
                List.of(Ipv6Option.routerAlert(0), Ipv6Option.padN(2)));
        SkBuff p = null;
        for (int[] f : new int[][] {{16, 8, 0}, {0, 16, 1}}) {
            byte[] pkt = new byte[40 + 8 + 8 + f[1]];
            new Ipv6Repr(SRC, DST, IpProtocol.HOPOPTS, 16 + f[1], 64).emit(pkt, 0);
            hbh.emit(pkt, 40);
            new Ipv6FragmentHeader(IpProtocol.UDP, f[0] / 8, f[2] == 1, 77).emit(pkt, 48);
            System.arraycopy(all, f[0], pkt, 56, f[1]);
            SkBuff skb = h.v6(pkt);
            p = h.reasm6.defrag(skb, skb.data() + 48, 40);
        }
        assertThat(IpCb.nhoff(p)).isEqualTo(40);
        byte[] b = p.toByteArray();
        assertThat(b[6]).isEqualTo((byte) IpProtocol.HOPOPTS);
        assertThat(b[40]).as("the Hop-by-Hop header now names UDP").isEqualTo((byte) IpProtocol.UDP);
        assertThat(Bytes.u16(b, 4)).isEqualTo(8 + 24);
        assertThat(Arrays.copyOfRange(b, 48, b.length)).isEqualTo(all);
        p.consume();
    }
}
