package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv6Repr;
import dev.weir.core.Mib;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random fragmentations of a datagram, fed in random order with duplicates and overlapping
 * pieces: whatever completes is exactly the original; when no two pieces partly overlap and they
 * cover it, it completes; nothing is ever leaked.
 */
class ReassemblyPropertyTest {

    /** A piece of the datagram's data, {@code [start, end)}. */
    record Piece(int start, int end) {
        boolean partlyOverlaps(Piece o) {
            return start < o.end && o.start < end && !equals(o);
        }
    }

    /** Cuts [0, len) at random multiples of 8, then adds duplicates and random extra pieces, drops one sometimes, shuffles. */
    static List<Piece> plan(int len, long seed) {
        Random r = new Random(seed);
        List<Integer> cuts = new ArrayList<>();
        for (int at = 8; at < len; at += 8) {
            if (r.nextInt(4) == 0) {
                cuts.add(at);
            }
        }
        cuts.add(len);
        List<Piece> pieces = new ArrayList<>();
        int from = 0;
        for (int c : cuts) {
            pieces.add(new Piece(from, c));
            from = c;
        }
        int dups = r.nextInt(3);
        for (int i = 0; i < dups; i++) {
            pieces.add(pieces.get(r.nextInt(pieces.size())));
        }
        int extras = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 0;
        for (int i = 0; i < extras; i++) {
            int s = r.nextInt((len + 7) / 8) * 8;
            if (s >= len) {
                continue;
            }
            int e = r.nextBoolean() ? len : Math.min(len, s + 8 * (1 + r.nextInt(4)));
            pieces.add(new Piece(s, e));
        }
        if (r.nextInt(5) == 0 && pieces.size() > 1) {
            pieces.remove(r.nextInt(pieces.size()));
        }
        Collections.shuffle(pieces, r);
        return pieces;
    }

    static boolean covers(List<Piece> pieces, int len) {
        boolean[] have = new boolean[len];
        for (Piece p : pieces) {
            Arrays.fill(have, p.start, p.end, true);
        }
        for (boolean b : have) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    static boolean anyPartialOverlap(List<Piece> pieces) {
        for (int i = 0; i < pieces.size(); i++) {
            for (int j = i + 1; j < pieces.size(); j++) {
                if (pieces.get(i).partlyOverlaps(pieces.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Property(tries = 400)
    void ipv4(@ForAll @IntRange(min = 1, max = 3000) int len, @ForAll long seed) {
        FragTestHost h = new FragTestHost();
        List<Piece> pieces = plan(len, seed);
        byte[] all = Ipv4ReassemblyTest.data(len);
        List<byte[]> done = new ArrayList<>();
        for (Piece p : pieces) {
            byte[] f = Ipv4ReassemblyTest.fragment(Ipv4ReassemblyTest.SRC, 4242, IpProtocol.UDP, 0, false, p.start,
                    p.end - p.start, p.end < len, all);
            SkBuff d = h.reasm4.defrag(h.v4(f), Ipv4Reassembly.USER_LOCAL_DELIVER, 0);
            if (d != null) {
                done.add(d.toByteArray());
                d.consume();
            }
        }
        for (byte[] d : done) {
            assertThat(d.length).isEqualTo(20 + len);
            assertThat(Arrays.copyOfRange(d, 20, d.length)).isEqualTo(all);
            assertThat(d[9]).isEqualTo((byte) IpProtocol.UDP);
        }
        if (!anyPartialOverlap(pieces) && covers(pieces, len)) {
            assertThat(done).as("no partial overlap and full cover: %s", pieces).isNotEmpty();
        }
        assertThat(h.net.counters().get(Mib.IpReasmReqds)).isEqualTo(pieces.size());
        assertThat(h.net.counters().get(Mib.IpReasmOKs)).isEqualTo(done.size());
        h.scheduler.runFor(100_000_000_000L);
        assertThat(h.reasm4.queueCount()).isZero();
        assertThat(h.reasm4.memory()).isZero();
        h.net.pool().assertNoLeaks();
    }

    @Property(tries = 400)
    void ipv6(@ForAll @IntRange(min = 1, max = 3000) int len, @ForAll long seed) {
        FragTestHost h = new FragTestHost();
        List<Piece> pieces = plan(len, seed);
        byte[] all = Ipv4ReassemblyTest.data(len);
        byte[] expected = new byte[40 + len];
        new Ipv6Repr(Ipv6ReassemblyTest.SRC, Ipv6ReassemblyTest.DST, IpProtocol.UDP, len, 64).emit(expected, 0);
        System.arraycopy(all, 0, expected, 40, len);
        List<byte[]> done = new ArrayList<>();
        boolean refused = false;
        for (Piece p : pieces) {
            byte[] f = Ipv6ReassemblyTest.fragment(Ipv6ReassemblyTest.DST, 4242, IpProtocol.UDP, p.start, p.end - p.start,
                    p.end < len, 0, all);
            SkBuff d = h.defrag6(h.v6(f));
            if (d != null) {
                if (p.start == 0 && p.end == len) {
                    // An atomic fragment (RFC 6946): the packet itself, Fragment header and all.
                    assertThat(d.toByteArray()).isEqualTo(f);
                    done.add(expected);
                } else {
                    done.add(d.toByteArray());
                }
                d.consume();
            }
        }
        for (byte[] d : done) {
            assertThat(d).isEqualTo(expected);
        }
        if (!anyPartialOverlap(pieces) && covers(pieces, len) && h.paramProblems.isEmpty()) {
            assertThat(done).as("no partial overlap and full cover: %s", pieces).isNotEmpty();
        }
        if (anyPartialOverlap(pieces) && done.isEmpty() && covers(pieces, len)) {
            refused = true;
        }
        assertThat(h.net.counters().get(Mib.Ip6ReasmReqds)).isEqualTo(pieces.size());
        assertThat(h.net.counters().get(Mib.Ip6ReasmOKs)).isEqualTo(done.size());
        if (refused) {
            assertThat(h.reasm6.overlaps() + h.net.counters().get(Mib.Ip6ReasmFails)).isPositive();
        }
        h.scheduler.runFor(100_000_000_000L);
        assertThat(h.reasm6.queueCount()).isZero();
        assertThat(h.reasm6.memory()).isZero();
        h.net.pool().assertNoLeaks();
    }
}
