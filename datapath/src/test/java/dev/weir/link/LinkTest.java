package dev.weir.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.EthernetRepr;
import dev.weir.api.wire.MacAddress;
import dev.weir.link.LinkConfig.GilbertElliott;
import dev.weir.link.LinkConfig.Jitter;
import dev.weir.sim.Scheduler;
import dev.weir.sim.Simulation;
import dev.weir.sim.VirtualTime;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbData;
import dev.weir.skb.SkbPool;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LinkTest {
    private static final int ETHERTYPE_LOCAL_EXPERIMENTAL = 0x88b5;
    private static final long US = VirtualTime.MICROSECOND;
    private static final long MS = VirtualTime.MILLISECOND;

    private final SkbPool pool = new SkbPool("link-test").trackLeaks(true);
    private Simulation sim = new Simulation(1);
    private Scheduler sched = sim.scheduler();
    private TestPort pa;
    private TestPort pb;

    @AfterEach
    void nothingLeaked() {
        pool.assertNoLeaks();
    }

    /** What a device on one end saw. Frees every frame it receives, as a port must. */
    static final class TestPort implements LinkPort {
        record Arrival(long time, int id, byte[] bytes) {}

        final Scheduler sched;
        final List<Arrival> arrivals = new ArrayList<>();
        final List<String> carrier = new ArrayList<>();
        int wireFree;

        TestPort(Scheduler sched) {
            this.sched = sched;
        }

        @Override
        public void receive(SkBuff frame) {
            byte[] b = frame.toByteArray();
            arrivals.add(new Arrival(sched.now(), idOf(b), b));
            frame.consume();
        }

        @Override
        public void carrierChanged(boolean up) {
            carrier.add((up ? "up@" : "down@") + sched.now());
        }

        @Override
        public void wireFree() {
            wireFree++;
        }

        List<Integer> ids() {
            return arrivals.stream().map(Arrival::id).toList();
        }

        List<Long> times() {
            return arrivals.stream().map(Arrival::time).toList();
        }
    }

    static int idOf(byte[] frame) {
        return frame.length >= 18 ? ByteBuffer.wrap(frame, 14, 4).getInt() : -1;
    }

    /** An Ethernet frame of {@code len} bytes in all, carrying {@code id} in its first payload bytes. */
    SkBuff frame(int len, int id) {
        SkBuff skb = pool.alloc(len, SkBuff.NET_SKB_PAD);
        int at = skb.put(len);
        byte[] b = skb.buf();
        new EthernetRepr(MacAddress.parse("02:00:00:00:00:02"), MacAddress.parse("02:00:00:00:00:01"), ETHERTYPE_LOCAL_EXPERIMENTAL).emit(b, at);
        ByteBuffer.wrap(b, at + 14, 4).putInt(id);
        for (int i = 18; i < len; i++) {
            b[at + i] = (byte) (i * 7 + id);
        }
        return skb;
    }

    /** A link "a"-"b" in the current simulation, with fresh recording ports {@link #pa} and {@link #pb}. */
    private Link link(LinkConfig cfg) {
        pa = new TestPort(sched);
        pb = new TestPort(sched);
        Link l = new Link(sim, "a", "b", cfg);
        l.a().attach(pa);
        l.b().attach(pb);
        return l;
    }

    /** The same in a new simulation with the given seed. */
    private Link link(long seed, LinkConfig cfg) {
        sim = new Simulation(seed);
        sched = sim.scheduler();
        return link(cfg);
    }

    private static LinkConfig.Builder cfg() {
        return LinkConfig.builder();
    }

    // ---- rate, delay, queue ------------------------------------------------------------

    @Test
    void aFullSizeFrameTakes12MicrosecondsAtOneGigabit() {
        Link l = link(cfg().rate("1gbit").build());
        assertThat(l.a().transmit(frame(1500, 1))).isTrue();
        assertThat(l.a().isBusy()).isTrue();
        sched.run();
        assertThat(pb.times()).containsExactly(12 * US);
        assertThat(pa.wireFree).isEqualTo(1);
        assertThat(pa.arrivals).isEmpty();
    }

    @Test
    void propagationDelayComesAfterSerialisation() {
        Link l = link(cfg().rate(1_000_000_000L).delay("5ms").build());
        l.a().transmit(frame(1500, 1));
        sched.runUntil(5 * MS);
        assertThat(pb.arrivals).isEmpty();
        assertThat(l.aToB().inFlightPackets()).isEqualTo(1);
        sched.run();
        assertThat(pb.times()).containsExactly(5 * MS + 12 * US);
    }

    @Test
    void backToBackFramesQueueBehindEachOtherAndLeaveWhenTheLineFrees() {
        Link l = link(cfg().rate("1gbit").delay("1ms").build());
        List<Long> leftAt = new ArrayList<>();
        l.a().addTap((t, f, dir) -> {
            if (dir == FrameTap.OUTBOUND) {
                leftAt.add(t);
            }
        });
        for (int i = 0; i < 3; i++) {
            assertThat(l.a().transmit(frame(1500, i))).isTrue();
        }
        assertThat(l.aToB().queuedPackets()).isEqualTo(2);
        assertThat(l.aToB().queuedBytes()).isEqualTo(3000);
        sched.run();
        assertThat(leftAt).containsExactly(0L, 12 * US, 24 * US);
        assertThat(pb.times()).containsExactly(MS + 12 * US, MS + 24 * US, MS + 36 * US);
        assertThat(pb.ids()).containsExactly(0, 1, 2);
        assertThat(pa.wireFree).isEqualTo(1); // once, when the queue had drained
    }

    @Test
    void serialisationKeepsTheExactRateOverManyFrames() {
        // 100 bytes at 3 Mbit/s is 266666.67 ns: the fraction is carried, not lost per frame.
        Link l = link(cfg().rate("3mbit").build());
        for (int i = 0; i < 3; i++) {
            l.a().transmit(frame(100, i));
        }
        sched.run();
        assertThat(pb.times()).containsExactly(266_666L, 533_333L, 800_000L);
    }

    @Test
    void perFrameOverheadCountsOnTheLine() {
        // netem's packetoverhead: 24 bytes of preamble, SFD, FCS and inter-frame gap.
        Link l = link(cfg().rate("1gbit").overheadBytes(24).build());
        l.a().transmit(frame(1500, 1));
        sched.run();
        assertThat(pb.times()).containsExactly(12_192L);
    }

    @Test
    void infiniteRateAndNoDelayDeliversAtTheSameInstantButNotInsideTransmit() {
        Link l = link(LinkConfig.DEFAULT);
        sched.runUntil(77);
        l.a().transmit(frame(60, 1));
        assertThat(pb.arrivals).isEmpty(); // no re-entrance into the receiver from transmit()
        assertThat(l.a().isBusy()).isFalse();
        sched.run();
        assertThat(pb.times()).containsExactly(77L);
        assertThat(pa.wireFree).isZero();
    }

    @Test
    void theQueueLimitInPacketsTailDrops() {
        Link l = link(cfg().rate("1gbit").queueLimitPackets(2).build());
        List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(l.a().transmit(frame(1000, i)));
        }
        assertThat(accepted).containsExactly(true, true, true, false, false); // one on the line, two waiting
        sched.run();
        assertThat(pb.ids()).containsExactly(0, 1, 2);
        LinkStats s = l.a().txStats();
        assertThat(s.droppedQueueFull()).isEqualTo(2);
        assertThat(s.txPackets()).isEqualTo(3);
        assertThat(s.deliveredPackets()).isEqualTo(3);
        assertThat(s.deliveredBytes()).isEqualTo(3000);
        assertThat(s.dropped()).isEqualTo(2);
    }

    @Test
    void theQueueLimitInBytesTailDrops() {
        Link l = link(cfg().rate("1gbit").queueLimitBytes(2500).build());
        assertThat(l.a().transmit(frame(1500, 0))).isTrue();  // on the line
        assertThat(l.a().transmit(frame(1500, 1))).isTrue();  // 1500 waiting
        assertThat(l.a().transmit(frame(1500, 2))).isFalse(); // 3000 > 2500
        assertThat(l.a().transmit(frame(1000, 3))).isTrue();  // 2500 fits exactly
        assertThat(l.a().transmit(frame(64, 4))).isFalse();
        sched.run();
        assertThat(pb.ids()).containsExactly(0, 1, 3);
        assertThat(l.a().txStats().droppedQueueFull()).isEqualTo(2);
    }

    @Test
    void aPortThatFeedsTheLineOnWireFreeSendsBackToBackWithoutQueueing() {
        // The NIC pattern: hand one frame when the line is idle, the next when wireFree says so.
        Link l = new Link(sim, "nic", "peer", cfg().rate("1gbit").queueLimitPackets(0).build());
        TestPort peer = new TestPort(sched);
        l.b().attach(peer);
        int[] next = {0};
        LinkPort nic = new LinkPort() {
            @Override
            public void receive(SkBuff frame) {
                frame.free();
            }

            @Override
            public void carrierChanged(boolean up) {}

            @Override
            public void wireFree() {
                if (next[0] < 5) {
                    assertThat(l.a().isBusy()).isFalse();
                    assertThat(l.a().transmit(frame(1500, next[0]++))).isTrue();
                }
            }
        };
        l.a().attach(nic);
        l.a().transmit(frame(1500, next[0]++));
        sched.run();
        assertThat(peer.times()).containsExactly(12 * US, 24 * US, 36 * US, 48 * US, 60 * US);
        assertThat(l.a().txStats().droppedQueueFull()).isZero();
    }

    // ---- MTU -----------------------------------------------------------------------------

    @Test
    void framesWhosePayloadExceedsTheMtuAreDroppedAsTooBig() {
        Link l = link(cfg().build());
        assertThat(l.a().transmit(frame(1514, 1))).isTrue();
        assertThat(l.a().transmit(frame(1515, 2))).isFalse();
        // An 802.1Q tag adds 4 bytes of header, not payload.
        SkBuff tagged = frame(1518, 3);
        tagged.buf()[tagged.data() + 12] = (byte) 0x81;
        tagged.buf()[tagged.data() + 13] = 0x00;
        assertThat(l.a().transmit(tagged)).isTrue();
        SkBuff tooBigTagged = frame(1519, 4);
        tooBigTagged.buf()[tooBigTagged.data() + 12] = (byte) 0x81;
        tooBigTagged.buf()[tooBigTagged.data() + 13] = 0x00;
        assertThat(l.a().transmit(tooBigTagged)).isFalse();
        sched.run();
        assertThat(pb.arrivals).hasSize(2);
        assertThat(l.a().txStats().droppedTooBig()).isEqualTo(2);

        l.setConfig(cfg().mtu(9000).build());
        assertThat(l.a().transmit(frame(9014, 5))).isTrue();
        sched.run();
        assertThat(pb.arrivals).hasSize(3);
        assertThatThrownBy(() -> cfg().mtu(60).build()).hasMessageContaining("mtu 60");
    }

    // ---- loss ---------------------------------------------------------------------------

    private static double binomialSigma(int n, double p) {
        return Math.sqrt(n * p * (1 - p));
    }

    @Test
    void randomLossDropsCloseToTheProbability() {
        Link l = link(cfg().loss(0.1).build());
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            l.a().transmit(frame(64, i));
            sched.run();
        }
        LinkStats s = l.a().txStats();
        // Exact for seed 1: any change to how loss draws its numbers shows up here.
        assertThat(s.droppedLossRandom()).isEqualTo(5057);
        assertThat((double) s.droppedLossRandom()).isCloseTo(n * 0.1, within(5 * binomialSigma(n, 0.1)));
        assertThat(s.deliveredPackets() + s.droppedLossRandom()).isEqualTo(n);
        assertThat(s.txPackets()).isEqualTo(n);
    }

    @Test
    void gilbertElliottLosesInBurstsOfMeanLengthOneOverR() {
        double p = 0.01;
        double r = 0.25;
        Link l = link(cfg().burstLoss(GilbertElliott.of(p, r)).build());
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            l.a().transmit(frame(64, i));
            sched.run(); // one live buffer at a time keeps the leak-tracking pool fast
        }
        // Bursts: runs of consecutive missing ids.
        boolean[] got = new boolean[n];
        for (int id : pb.ids()) {
            got[id] = true;
        }
        int bursts = 0;
        int lost = 0;
        int longest = 0;
        int run = 0;
        for (int i = 0; i < n; i++) {
            if (!got[i]) {
                lost++;
                run++;
                if (run == 1) {
                    bursts++;
                }
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        LinkStats s = l.a().txStats();
        assertThat(s.droppedLossBurst()).isEqualTo(lost);
        assertThat(s.droppedLossRandom()).isZero();
        assertThat(lost).isEqualTo(3619); // exact for seed 1
        double meanBurst = (double) lost / bursts;
        assertThat(meanBurst).isCloseTo(1 / r, within(0.4));
        assertThat(longest).isGreaterThan(10);
        // Stationary share of the Bad state: p / (p + r).
        assertThat((double) lost / n).isCloseTo(p / (p + r), within(0.006));
    }

    @Test
    void gilbertElliottLossInsideTheGoodStateIsIndependent() {
        // 1-k > 0 with p = 0: never Bad, loses like Bernoulli(1-k).
        Link l = link(cfg().burstLoss(new GilbertElliott(0, 1, 1, 0.05)).build());
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            l.a().transmit(frame(64, i));
            sched.run(); // one live buffer at a time keeps the leak-tracking pool fast
        }
        assertThat((double) l.a().txStats().droppedLossBurst()).isCloseTo(n * 0.05, within(5 * binomialSigma(n, 0.05)));
    }

    // ---- duplication, corruption --------------------------------------------------------

    @Test
    void duplicatesArriveRightAfterTheOriginalAsIdenticalCopies() {
        Link l = link(cfg().rate("100mbit").delay("2ms").duplicate(0.2).queueLimitPackets(LinkConfig.UNLIMITED).build());
        int n = 2_000;
        for (int i = 0; i < n; i++) {
            l.a().transmit(frame(200, i));
        }
        sched.run();
        LinkStats s = l.a().txStats();
        assertThat(s.duplicated()).isEqualTo(pb.arrivals.size() - n);
        assertThat((double) s.duplicated()).isCloseTo(n * 0.2, within(5 * binomialSigma(n, 0.2)));
        assertThat(s.deliveredPackets()).isEqualTo(n + s.duplicated());
        assertThat(s.txPackets()).isEqualTo(n);
        int dups = 0;
        for (int i = 1; i < pb.arrivals.size(); i++) {
            TestPort.Arrival prev = pb.arrivals.get(i - 1);
            TestPort.Arrival cur = pb.arrivals.get(i);
            assertThat(cur.id()).isIn(prev.id(), prev.id() + 1);
            if (cur.id() == prev.id()) {
                dups++;
                assertThat(cur.bytes()).isEqualTo(prev.bytes());
                assertThat(cur.time()).isEqualTo(prev.time());
            }
        }
        assertThat(dups).isEqualTo(s.duplicated());
    }

    @Test
    void corruptionFlipsExactlyOneBitThatTheInternetChecksumCatches() {
        Link l = link(cfg().corrupt(1.0).build());
        int n = 500;
        List<SkBuff> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SkBuff f = frame(60 + i, i);
            // A checksum over the payload after the id, as IP/UDP/TCP carry (RFC 1071).
            byte[] b = f.buf();
            int payload = f.data() + 18;
            int len = f.len() - 18;
            b[payload] = 0;
            b[payload + 1] = 0;
            int sum = Checksum.finish(Checksum.add(0, b, payload, len));
            b[payload] = (byte) (sum >>> 8);
            b[payload + 1] = (byte) sum;
            kept.add(f.clone()); // the sender keeps a clone: corruption must not reach it
            l.a().transmit(f);
        }
        sched.run();
        assertThat(pb.arrivals).hasSize(n);
        assertThat(l.a().txStats().corrupted()).isEqualTo(n);
        int checksumCaught = 0;
        int headerHits = 0;
        for (int i = 0; i < n; i++) {
            byte[] sent = kept.get(i).toByteArray();
            byte[] got = pb.arrivals.get(i).bytes();
            int flipped = 0;
            int where = -1;
            for (int j = 0; j < sent.length; j++) {
                int x = (sent[j] ^ got[j]) & 0xff;
                flipped += Integer.bitCount(x);
                if (x != 0) {
                    where = j;
                }
            }
            assertThat(flipped).as("frame %d", i).isEqualTo(1);
            if (where >= 18) {
                assertThat(Checksum.fold(Checksum.add(0, got, 18, got.length - 18))).isNotEqualTo(0xffff);
                checksumCaught++;
            } else {
                headerHits++;
            }
            assertThat(Checksum.fold(Checksum.add(0, sent, 18, sent.length - 18))).isEqualTo(0xffff);
            kept.get(i).free();
        }
        assertThat(checksumCaught).isPositive();
        assertThat(headerHits).isPositive();
    }

    @Test
    void corruptingAFrameWithPageFragmentsLeavesThePagesOfOtherHoldersAlone() {
        Link l = link(cfg().corrupt(1.0).mtu(9000).build());
        int fragLen = 1900; // sized so that linearizing must grow the 256-byte head to 4 KiB
        for (int i = 0; i < 50; i++) {
            SkBuff f = frame(100, i);
            SkbData page = pool.allocPage();
            for (int j = 0; j < fragLen; j++) {
                page.bytes()[j] = (byte) (j * 13 + i);
            }
            f.addFrag(page, 0, fragLen); // the page stays shared with this test
            byte[] sent = f.toByteArray();
            l.a().transmit(f);
            sched.run();
            byte[] got = pb.arrivals.get(i).bytes();
            int flipped = 0;
            for (int j = 0; j < sent.length; j++) {
                flipped += Integer.bitCount((sent[j] ^ got[j]) & 0xff);
            }
            assertThat(flipped).isEqualTo(1);
            for (int j = 0; j < fragLen; j++) {
                assertThat(page.bytes()[j]).isEqualTo((byte) (j * 13 + i));
            }
            page.release();
        }
    }

    // ---- jitter and reordering ----------------------------------------------------------

    @Test
    void jitterSpreadsTheDelay() {
        // Frames 40 ms apart, far more than the jitter: no frame waits behind another.
        for (Jitter dist : Jitter.values()) {
            Link l = link(3, cfg().delay("10ms").jitter("5ms", dist).build());
            int n = 1_000;
            double sum = 0;
            double sq = 0;
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < n; i++) {
                long sent = sched.now();
                l.a().transmit(frame(64, i));
                sched.runFor(40 * MS);
                long d = pb.arrivals.get(i).time() - sent;
                sum += d;
                sq += (double) d * d;
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            double mean = sum / n;
            double sd = Math.sqrt(sq / n - mean * mean);
            assertThat(mean).as(dist.name()).isCloseTo(10.0 * MS, within(0.5 * MS));
            if (dist == Jitter.UNIFORM) {
                assertThat(min).isBetween(5 * MS, 5 * MS + 100 * US);
                assertThat(max).isBetween(15 * MS - 100 * US, 15 * MS);
                assertThat(sd).isCloseTo(5.0 * MS / Math.sqrt(3), within(0.3 * MS));
            } else {
                assertThat(sd).isCloseTo(5.0 * MS, within(0.4 * MS));
                assertThat(min).isLessThan(MS);
            }
        }
    }

    @Test
    void jitterNeverReordersAFrameSentCloseBehindAnother() {
        for (Jitter dist : Jitter.values()) {
            Link l = link(3, cfg().delay("10ms").jitter("5ms", dist).build());
            int n = 2_000;
            for (int i = 0; i < n; i++) {
                l.a().transmit(frame(64, i));
                sched.runFor(100 * US);
            }
            sched.run();
            assertThat(pb.ids()).as(dist.name()).isSorted().hasSize(n);
            assertThat(pb.times()).isSorted();
            assertThat(l.a().txStats().reordered()).isZero();
        }
    }

    @Test
    void reorderingHappensOnlyWhenConfigured() {
        Link l = link(cfg().rate("10mbit").delay("10ms").reorder(0.25, 0).build());
        int n = 2_000;
        for (int i = 0; i < n; i++) {
            l.a().transmit(frame(100, i));
            sched.runFor(200 * US);
        }
        sched.run();
        assertThat(pb.arrivals).hasSize(n);
        // A frame is reordered when it arrives while a frame sent before it has not yet.
        int inversions = 0;
        List<Integer> ids = pb.ids();
        boolean[] arrived = new boolean[n];
        for (int id : ids) {
            for (int j = 0; j < id; j++) {
                if (!arrived[j]) {
                    inversions++;
                    break;
                }
            }
            arrived[id] = true;
        }
        assertThat(inversions).isEqualTo(l.a().txStats().reordered());
        assertThat((double) inversions / n).isCloseTo(0.25, within(0.05));

        // And the same traffic without reorder, even with a large jitter, stays in order.
        Link l2 = link(1, cfg().rate("10mbit").delay("10ms").jitter("9ms", Jitter.NORMAL).build());
        for (int i = 0; i < n; i++) {
            l2.a().transmit(frame(100, i));
            sched.runFor(200 * US);
        }
        sched.run();
        assertThat(pb.ids()).isSorted().hasSize(n);
        assertThat(l2.a().txStats().reordered()).isZero();
    }

    @Test
    void reorderGapDelaysTheFramesBetweenEarlyOnes() {
        // netem "reorder 100% gap 5": every 5th frame goes early, the four between are delayed.
        Link l = link(cfg().delay("10ms").reorder(1.0, 5).build());
        for (int i = 0; i < 10; i++) {
            l.a().transmit(frame(64, i));
            sched.runFor(MS);
        }
        sched.run();
        assertThat(pb.ids()).containsExactly(4, 9, 0, 1, 2, 3, 5, 6, 7, 8);
    }

    // ---- carrier ------------------------------------------------------------------------

    @Test
    void linkDownLosesEverythingInFlightRefusesTransmitAndTellsBothPorts() {
        Link l = link(cfg().rate("1gbit").delay("1ms").build());
        for (int i = 0; i < 5; i++) {
            l.a().transmit(frame(1500, i));
        }
        l.b().transmit(frame(100, 100));
        sched.runUntil(30 * US); // two serialised and in flight, one on the line, two queued
        assertThat(l.aToB().inFlightPackets()).isEqualTo(2);
        assertThat(l.aToB().queuedPackets()).isEqualTo(2);
        l.setUp(false);
        assertThat(l.isUp()).isFalse();
        assertThat(l.a().carrier()).isFalse();
        assertThat(pa.carrier).containsExactly("down@30000");
        assertThat(pb.carrier).containsExactly("down@30000");
        assertThat(l.a().txStats().droppedLinkDown()).isEqualTo(5);
        assertThat(l.b().txStats().droppedLinkDown()).isEqualTo(1);
        assertThat(l.a().transmit(frame(100, 6))).isFalse();
        assertThat(l.a().txStats().droppedLinkDown()).isEqualTo(6);
        sched.runFor(10 * MS);
        assertThat(pb.arrivals).isEmpty();
        assertThat(pa.arrivals).isEmpty();
        assertThat(l.a().isBusy()).isFalse();

        l.setUp(false); // no change, no notification
        l.setUp(true);
        assertThat(pa.carrier).containsExactly("down@30000", "up@10030000");
        assertThat(l.a().transmit(frame(1500, 7))).isTrue();
        sched.run();
        assertThat(pb.ids()).containsExactly(7);
        assertThat(pb.times()).containsExactly(10 * MS + 30 * US + 12 * US + MS);
    }

    @Test
    void framesToAnEndWithNoPortAreDroppedAndCounted() {
        Link l = new Link(sim, "a", "b", LinkConfig.DEFAULT);
        l.a().transmit(frame(64, 1));
        sched.run();
        assertThat(l.a().txStats().droppedNoPort()).isEqualTo(1);
        assertThat(l.a().txStats().deliveredPackets()).isZero();
        TestPort p = new TestPort(sched);
        l.b().attach(p);
        assertThatThrownBy(() -> l.b().attach(p)).hasMessageContaining("already has a port");
        assertThat(l.b().peer()).isSameAs(l.a());
    }

    // ---- taps ---------------------------------------------------------------------------

    @Test
    void tapsSeeFramesLeaveAndArriveAtEachEnd() {
        Link l = link(cfg().rate("1gbit").delay("1ms").build());
        List<String> seen = new ArrayList<>();
        FrameTap ta = (t, f, dir) -> seen.add("a " + (dir == FrameTap.OUTBOUND ? "out " : "in ") + idOf(f.toByteArray()) + "@" + t);
        FrameTap tb = (t, f, dir) -> seen.add("b " + (dir == FrameTap.OUTBOUND ? "out " : "in ") + idOf(f.toByteArray()) + "@" + t);
        l.a().addTap(ta);
        l.b().addTap(tb);
        l.a().transmit(frame(1500, 1));
        l.a().transmit(frame(9000, 99)); // too big: never leaves, never tapped
        sched.runFor(2 * MS);
        l.b().transmit(frame(1500, 2));
        sched.run();
        assertThat(seen).containsExactly("a out 1@0", "b in 1@1012000", "b out 2@2000000", "a in 2@3012000");
        assertThat(l.a().removeTap(ta)).isTrue();
        assertThat(l.a().removeTap(ta)).isFalse();
        l.a().transmit(frame(100, 3));
        sched.run();
        assertThat(seen).hasSize(5).last().isEqualTo("b in 3@4012800");
    }

    // ---- accounting, independence, determinism ------------------------------------------

    private LinkConfig everything() {
        return cfg().rate("100mbit").delay("3ms").jitter("1ms", Jitter.NORMAL).loss(0.02)
                .burstLoss(GilbertElliott.of(0.005, 0.3)).reorder(0.05, 0).duplicate(0.03).corrupt(0.01)
                .queueLimitPackets(20).build();
    }

    /** Sends a fixed bursty pattern through a link with every impairment; returns a digest of what arrived when. */
    private String runEverything(long seed, LinkStats[] statsOut) throws Exception {
        Link l = link(seed, everything());
        for (int i = 0; i < 3_000; i++) {
            l.a().transmit(frame(64 + (i * 37) % 1400, i));
            if (i % 3 == 0) {
                l.b().transmit(frame(80, 100_000 + i));
            }
            sched.runFor(i % 50 == 0 ? 5 * MS : 20 * US);
            if (i == 1_500 || i == 1_600) {
                l.setUp(i == 1_600); // a cut with frames queued and in flight, then repaired
            }
        }
        sched.run();
        statsOut[0] = l.a().txStats();
        statsOut[1] = l.b().txStats();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (TestPort port : List.of(pa, pb)) {
            for (TestPort.Arrival a : port.arrivals) {
                md.update(ByteBuffer.allocate(8).putLong(a.time()).array());
                md.update(a.bytes());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void countersAddUpOnAMixedRun() throws Exception {
        LinkStats[] st = new LinkStats[2];
        runEverything(1, st);
        int offeredAtoB = 3_000;
        LinkStats s = st[0];
        // Every offered frame and every duplicate ends exactly once (see LinkStats).
        assertThat(offeredAtoB + s.duplicated()).isEqualTo(s.droppedQueueFull() + s.droppedTooBig() + s.droppedLinkDown()
                + s.droppedLossRandom() + s.droppedLossBurst() + s.droppedNoPort() + s.deliveredPackets());
        assertThat(s.txPackets()).isLessThanOrEqualTo(offeredAtoB - s.droppedQueueFull());
        assertThat(s.droppedLinkDown()).isGreaterThan(100); // the 100 refused while down (1501..1600), plus those lost in the cut
        assertThat(s.droppedQueueFull()).isPositive();
        assertThat(s.droppedLossRandom()).isPositive();
        assertThat(s.droppedLossBurst()).isPositive();
        assertThat(s.duplicated()).isPositive();
        assertThat(s.corrupted()).isPositive();
        assertThat(s.reordered()).isPositive();
        assertThat(s.asMap()).containsEntry("tx_packets", s.txPackets()).hasSize(13);
    }

    @Test
    void sameSeedSameFramesAtSameTimesDifferentSeedDiffers() throws Exception {
        LinkStats[] st = new LinkStats[2];
        String first = runEverything(1, st);
        String again = runEverything(1, st);
        String other = runEverything(2, st);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void turningOnOneImpairmentLeavesTheOthersDecisionsAlone() {
        // Loss draws from its own stream: adding duplication and corruption must lose the same frames.
        List<Integer> lossOnly = deliveredSends(cfg().loss(0.1).build());
        List<Integer> lossAndMore = deliveredSends(cfg().loss(0.1).duplicate(0.1).corrupt(0.1).build());
        assertThat(lossOnly).hasSizeBetween(850, 950);
        assertThat(lossAndMore).isEqualTo(lossOnly);
    }

    /** Which of 1000 frames, sent one at a time, got through (by send index: corruption may hit the id). */
    private List<Integer> deliveredSends(LinkConfig c) {
        Link l = link(5, c);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            int before = pb.arrivals.size();
            l.a().transmit(frame(64, i));
            sched.run();
            if (pb.arrivals.size() > before) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void twoLinksWithTheSameEndNamesAreRefused() {
        new Link(sim, "h1:eth0", "r1:eth0", LinkConfig.DEFAULT);
        assertThatThrownBy(() -> new Link(sim, "h1:eth0", "r1:eth0", LinkConfig.DEFAULT)).hasMessageContaining("already taken");
        assertThatThrownBy(() -> new Link(sim, "x", "x", LinkConfig.DEFAULT)).hasMessageContaining("two different");
    }

    @Test
    void configValidatesAndRatesParseLikeTc() {
        assertThat(LinkConfig.parseRate("1gbit")).isEqualTo(1_000_000_000L);
        assertThat(LinkConfig.parseRate("100mbit")).isEqualTo(100_000_000L);
        assertThat(LinkConfig.parseRate("1.5Mbit")).isEqualTo(1_500_000L);
        assertThat(LinkConfig.parseRate("64kbit")).isEqualTo(64_000L);
        assertThat(LinkConfig.parseRate("1mbps")).isEqualTo(8_000_000L); // tc: bps is bytes per second
        assertThat(LinkConfig.parseRate("9600bit")).isEqualTo(9_600L);
        assertThatThrownBy(() -> LinkConfig.parseRate("fast")).hasMessageContaining("'fast'");
        assertThatThrownBy(() -> LinkConfig.parseRate("100")).hasMessageContaining("'100'");
        assertThatThrownBy(() -> cfg().loss(1.5).build()).hasMessageContaining("loss").hasMessageContaining("1.5");
        assertThatThrownBy(() -> cfg().delay(-1).build()).hasMessageContaining("delay");
        assertThatThrownBy(() -> new GilbertElliott(0.1, 2, 1, 0)).hasMessageContaining("gemodel r");
        LinkConfig c = cfg().rate("1gbit").delay("40ms").build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.toBuilder().loss(0.5).build().lossProbability()).isEqualTo(0.5);
        assertThat(GilbertElliott.of(0.1)).isEqualTo(new GilbertElliott(0.1, 0.9, 1, 0));
        assertThat(GilbertElliott.OFF.enabled()).isFalse();
    }
}
