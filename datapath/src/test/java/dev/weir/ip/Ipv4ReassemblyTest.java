package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv4Repr;
import dev.weir.api.wire.Octets;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.skb.SkBuff;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IPv4 reassembly rules (RFC 791 section 3.2, RFC 815, Linux's ip_fragment.c). */
class Ipv4ReassemblyTest {
    static final int SRC = 0x0a00_0001;
    static final int DST = 0x0a00_0002;
    private final FragTestHost h = new FragTestHost();

    @AfterEach
    void nothingLeaks() {
        h.scheduler.runFor(200_000_000_000L); // every queue times out
        h.net.pool().assertNoLeaks();
    }

    /** The datagram's data: byte i is i * 7 + 3. */
    static byte[] data(int len) {
        byte[] d = new byte[len];
        for (int i = 0; i < len; i++) {
            d[i] = (byte) (i * 7 + 3);
        }
        return d;
    }

    static byte[] fragment(int src, int id, int proto, int tos, boolean df, int offset, int len, boolean mf, byte[] all) {
        Ipv4Repr r = new Ipv4Repr(new Ipv4Address(src), new Ipv4Address(DST), proto, 64, tos >>> 2, tos & 3, id, df, mf,
                offset / 8, Octets.EMPTY, len);
        byte[] p = new byte[20 + len];
        r.emit(p, 0);
        System.arraycopy(all, offset, p, 20, len);
        return p;
    }

    private SkBuff feed(int id, int offset, int len, boolean mf) {
        return feed(SRC, id, 0, false, offset, len, mf);
    }

    private SkBuff feed(int src, int id, int tos, boolean df, int offset, int len, boolean mf) {
        byte[] all = data(70_000);
        return h.reasm4.defrag(h.v4(fragment(src, id, IpProtocol.UDP, tos, df, offset, len, mf, all)), Ipv4Reassembly.USER_LOCAL_DELIVER, 0);
    }

    private long drops(DropReason r) {
        return h.net.counters().drops(r);
    }

    private long mib(Mib m) {
        return h.net.counters().get(m);
    }

    private static byte[] payload(SkBuff d) {
        byte[] b = d.toByteArray();
        d.consume();
        return Arrays.copyOfRange(b, (b[0] & 0x0f) * 4, b.length);
    }

    @Test
    void anExactDuplicateIsDroppedAndTheDatagramStillCompletes() {
        assertThat(feed(1, 0, 16, true)).isNull();
        assertThat(feed(1, 0, 16, true)).isNull();
        assertThat(drops(DropReason.DUP_FRAG)).isEqualTo(1);
        assertThat(h.reasm4.queueCount()).isEqualTo(1);
        SkBuff d = feed(1, 16, 5, false);
        assertThat(payload(d)).isEqualTo(Arrays.copyOf(data(21), 21));
        assertThat(mib(Mib.IpReasmReqds)).isEqualTo(3);
        assertThat(mib(Mib.IpReasmOKs)).isEqualTo(1);
        assertThat(mib(Mib.IpReasmFails)).isZero();
    }

    @Test
    void aPartialOverlapDiscardsTheWholeQueueAndCountsReasmOverlaps() {
        feed(1, 0, 16, true);
        assertThat(feed(1, 8, 16, true)).isNull();
        assertThat(mib(Mib.IpExtReasmOverlaps)).isEqualTo(1);
        assertThat(mib(Mib.IpReasmFails)).isEqualTo(1);
        assertThat(drops(DropReason.DUP_FRAG)).as("the overlapping fragment and the queued one").isEqualTo(2);
        assertThat(h.reasm4.queueCount()).isZero();
        assertThat(h.reasm4.memory()).isZero();
    }

    @Test
    void aFragmentInsideOneRunIsADuplicateButSpanningTwoRunsIsAnOverlap() {
        // [0,8) then [8,16) arrive in order: one run [0,16); [0,16) again lies inside it.
        feed(1, 0, 8, true);
        feed(1, 8, 8, true);
        assertThat(feed(1, 0, 16, true)).isNull();
        assertThat(drops(DropReason.DUP_FRAG)).isEqualTo(1);
        assertThat(mib(Mib.IpExtReasmOverlaps)).isZero();
        // [8,16) then [0,8): the second is placed before the first as a run of its own, so
        // [0,16) straddles two runs and is an overlap (Linux's fragment runs).
        feed(2, 8, 8, true);
        feed(2, 0, 8, true);
        assertThat(feed(2, 0, 16, true)).isNull();
        assertThat(mib(Mib.IpExtReasmOverlaps)).isEqualTo(1);
    }

    @Test
    void fragmentsFillingGapsCompleteTheDatagramInAnyOrder() {
        feed(3, 24, 8, false);
        feed(3, 8, 8, true);
        feed(3, 0, 8, true);
        SkBuff d = feed(3, 16, 8, true);
        assertThat(payload(d)).isEqualTo(data(32));
    }

    @Test
    void aLastFragmentEndingBeforeDataAlreadySeenDestroysTheQueue() {
        feed(1, 0, 16, true);
        assertThat(feed(1, 0, 8, false)).isNull();
        assertThat(mib(Mib.IpReasmFails)).isEqualTo(1);
        assertThat(drops(DropReason.IP_INHDR)).isEqualTo(2);
        assertThat(h.reasm4.queueCount()).isZero();
    }

    @Test
    void twoLastFragmentsWithDifferentEndsDestroyTheQueue() {
        feed(1, 16, 8, false);
        feed(1, 32, 8, false);
        assertThat(mib(Mib.IpReasmFails)).isEqualTo(1);
        assertThat(h.reasm4.queueCount()).isZero();
    }

    @Test
    void aFragmentReachingPastTheKnownEndDestroysTheQueue() {
        feed(1, 16, 8, false);
        feed(1, 16, 16, true);
        assertThat(mib(Mib.IpReasmFails)).isEqualTo(1);
        assertThat(h.reasm4.queueCount()).isZero();
    }

    @Test
    void aNonFinalFragmentIsCutToAMultipleOf8() {
        // 13 bytes with MF: only [0,8) counts; the last fragment brings [8,13).
        feed(1, 0, 13, true);
        SkBuff d = feed(1, 8, 5, false);
        assertThat(payload(d)).isEqualTo(data(13));
    }

    @Test
    void aFragmentWithNoWholeOctetDestroysTheQueue() {
        feed(1, 0, 8, true);
        feed(1, 8, 7, true);
        assertThat(mib(Mib.IpReasmFails)).isEqualTo(1);
        assertThat(h.reasm4.queueCount()).isZero();
    }

    @Test
    void timeoutAfter30sSendsTimeExceededQuotingTheFirstFragment() {
        byte[] first = fragment(SRC, 9, IpProtocol.UDP, 0, false, 0, 64, true, data(100));
        h.reasm4.defrag(h.v4(first), Ipv4Reassembly.USER_LOCAL_DELIVER, 0);
        feed(9, 72, 8, false);
        h.scheduler.runUntil(29_999_999_999L);
        assertThat(h.timedOut).isEmpty();
        h.scheduler.runUntil(30_000_000_000L);
        assertThat(h.timedOut).hasSize(1);
        assertThat(h.timedOut.get(0)).as("header and data as received").isEqualTo(first);
        assertThat(mib(Mib.IpReasmTimeout)).isEqualTo(1);
        assertThat(mib(Mib.IpReasmFails)).isEqualTo(1);
        assertThat(drops(DropReason.FRAG_REASM_TIMEOUT)).isEqualTo(2);
        assertThat(h.reasm4.queueCount()).isZero();
    }

    @Test
    void noTimeExceededWhenTheFirstFragmentNeverCame() {
        feed(9, 72, 8, false);
        h.scheduler.runUntil(31_000_000_000L);
        assertThat(h.timedOut).isEmpty();
        assertThat(mib(Mib.IpReasmTimeout)).isEqualTo(1);
    }

    @Test
    void ipfragTimeSetsTheLifetime() {
        h.net.sysctls().set("net.ipv4.ipfrag_time", "5");
        feed(9, 0, 8, true);
        h.scheduler.runUntil(5_000_000_000L);
        assertThat(h.timedOut).hasSize(1);
    }

    @Test
    void overTheHighThresholdTheLeastRecentlyUsedQueuesAreEvictedDownToTheLowOne() {
        int frag = h.truesizeOf(fragment(SRC, 0, IpProtocol.UDP, 0, false, 0, 8, true, data(8)));
        int perQueue = FragQueues.QUEUE_SIZE + frag;
        h.net.sysctls().set("net.ipv4.ipfrag_high_thresh", Integer.toString(perQueue * 5 + 10));
        h.net.sysctls().set("net.ipv4.ipfrag_low_thresh", Integer.toString(perQueue * 2 + 10));
        for (int id = 1; id <= 5; id++) {
            feed(id, 0, 8, true);
        }
        feed(1, 8, 8, true); // queue 1 is now the most recently used; memory is over the high threshold
        assertThat(h.reasm4.memory()).isEqualTo(5L * perQueue + frag);
        feed(6, 0, 8, true);
        // Before queue 6 is made, the oldest go until memory is at most the low threshold:
        // 2, 3, 4 and 5 (queue 1 holds a queue and two fragments, more than the low threshold less one fragment).
        assertThat(mib(Mib.IpReasmFails)).isEqualTo(4);
        assertThat(drops(DropReason.FRAG_TOO_FAR)).isEqualTo(4);
        assertThat(h.reasm4.queueCount()).isEqualTo(2);
        assertThat(h.reasm4.memory()).isEqualTo(2L * perQueue + frag);
        SkBuff d = feed(1, 16, 8, false);
        assertThat(payload(d)).isEqualTo(data(24));
    }

    @Test
    void aHighThresholdOfZeroRefusesEveryFragment() {
        h.net.sysctls().set("net.ipv4.ipfrag_high_thresh", "0");
        assertThat(feed(1, 0, 8, true)).isNull();
        assertThat(mib(Mib.IpReasmFails)).isEqualTo(1);
        assertThat(drops(DropReason.FRAG_TOO_FAR)).isEqualTo(1);
        assertThat(h.reasm4.queueCount()).isZero();
    }

    @Test
    void moreThanIpfragMaxDistFragmentsFromTheSourceInBetweenResetTheQueue() {
        feed(1, 0, 8, true);
        for (int i = 0; i < 64; i++) {
            feed(100 + i, 0, 8, true); // 64 other datagrams from the same source
        }
        feed(1, 8, 8, true); // distance 65 > 64: queue 1 starts again from this fragment
        assertThat(drops(DropReason.FRAG_TOO_FAR)).isEqualTo(1);
        assertThat(mib(Mib.IpReasmFails)).isEqualTo(1);
        assertThat(feed(1, 16, 8, false)).as("the first fragment was thrown away").isNull();
        SkBuff d = feed(1, 0, 8, true);
        assertThat(payload(d)).isEqualTo(data(24));
    }

    @Test
    void ipfragMaxDistZeroTurnsTheCheckOff() {
        h.net.sysctls().set("net.ipv4.ipfrag_max_dist", "0");
        feed(1, 0, 8, true);
        for (int i = 0; i < 100; i++) {
            feed(100 + i, 0, 8, true);
        }
        SkBuff d = feed(1, 8, 8, false);
        assertThat(d).isNotNull();
        d.consume();
    }

    @Test
    void aDatagramLargerThan65535BytesIsDropped() {
        feed(1, 0, 65_512, true);
        assertThat(feed(1, 65_512, 32, false)).isNull();
        assertThat(drops(DropReason.PKT_TOO_BIG)).isEqualTo(2);
        assertThat(mib(Mib.IpReasmFails)).isEqualTo(1);
        assertThat(mib(Mib.IpReasmOKs)).isZero();
        assertThat(h.reasm4.memory()).isZero();
    }

    @Test
    void ecnOfTheFragmentsCombinesAsRfc3168Says() {
        feed(SRC, 1, 2, false, 0, 8, true);   // ECT(0)
        SkBuff d = feed(SRC, 1, 3, false, 8, 8, false); // CE
        assertThat(d.buf()[d.data() + 1] & 3).as("CE survives").isEqualTo(3);
        d.consume();
        feed(SRC, 2, 0, false, 0, 8, true);   // Not-ECT
        assertThat(feed(SRC, 2, 3, false, 8, 8, false)).as("Not-ECT and CE mixed").isNull();
        assertThat(mib(Mib.IpReasmFails)).isEqualTo(1);
    }

    @Test
    void dfIsSetOnlyWhenTheLargestFragmentHadIt() {
        feed(SRC, 1, 0, true, 0, 16, true);
        SkBuff d = feed(SRC, 1, 0, false, 16, 8, false);
        assertThat(Bytes.u16(d.buf(), d.data() + 6)).isEqualTo(Ipv4Packet.FLAG_DF);
        assertThat(IpCb.hasFlag(d, IpCb.FRAG_PMTU)).isTrue();
        d.consume();
        feed(SRC, 2, 0, false, 0, 16, true);
        d = feed(SRC, 2, 0, true, 16, 8, false);
        assertThat(Bytes.u16(d.buf(), d.data() + 6)).isZero();
        d.consume();
    }

    @Test
    void theProtocolIsPartOfTheKey() {
        byte[] all = data(16);
        h.reasm4.defrag(h.v4(fragment(SRC, 5, IpProtocol.UDP, 0, false, 0, 8, true, all)), 0, 0);
        h.reasm4.defrag(h.v4(fragment(SRC, 5, IpProtocol.TCP, 0, false, 0, 8, true, all)), 0, 0);
        assertThat(h.reasm4.queueCount()).isEqualTo(2);
    }

    @Test
    void aDuplicateAfterCompletionStartsANewQueueThatTimesOut() {
        feed(1, 0, 8, true);
        feed(1, 8, 8, false).consume();
        feed(1, 0, 8, true);
        assertThat(h.reasm4.queueCount()).isEqualTo(1);
        h.scheduler.runFor(31_000_000_000L);
        assertThat(h.timedOut).hasSize(1);
    }
}
