package dev.weir.nic;

import dev.weir.link.Link;
import dev.weir.link.LinkConfig;
import dev.weir.link.LinkPort;
import dev.weir.sim.Timer;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbPool;
import dev.weir.testing.Frames;
import dev.weir.testing.TestHost;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A host with a {@link Nic} on one end of a link and, on the other, a peer that sends frames on
 * a schedule and records what it receives. Both pools track leaks.
 */
final class NicRig {
    final TestHost h;
    final Link link;
    final Peer peer;
    final Nic nic;

    NicRig(int cpus, int queues) {
        this(cpus, queues, LinkConfig.DEFAULT);
    }

    NicRig(int cpus, int queues, LinkConfig cfg) {
        h = new TestHost("h", cpus);
        link = new Link(h.sim, "peer", "h:eth0", cfg);
        peer = new Peer();
        link.a().attach(peer);
        nic = Nic.create(h.softnet, "eth0", Frames.MAC_B, queues);
        nic.connect(link.b());
        nic.open();
    }

    /** Takes the NIC down (its posted receive buffers go back to the pool), then checks both pools. */
    void assertNoLeaks() {
        nic.close();
        h.sched.run();
        h.assertNoLeaks();
        peer.pool.assertNoLeaks();
    }

    /** The far end: sends frames into the link and records the frames it gets. */
    final class Peer implements LinkPort {
        final SkbPool pool = new SkbPool("peer").trackLeaks(true);
        final List<byte[]> got = new ArrayList<>();
        final List<Long> gotAt = new ArrayList<>();
        int sent;

        void send(byte[] frame) {
            sent++;
            link.a().transmit(Frames.skb(pool, frame));
        }

        void sendAt(long t, byte[] frame) {
            h.sched.scheduleAt(t, () -> send(frame));
        }

        /**
         * Sends {@code count} frames, frame i at {@code start + i * interval} (bursts of
         * {@code burst} frames {@code burstGap} apart when burst > 0).
         */
        void stream(long start, long interval, int count, IntFunction<byte[]> frameOf) {
            int[] i = {0};
            Timer[] t = new Timer[1];
            t[0] = h.sched.newTimer("peer-stream", () -> {
                send(frameOf.apply(i[0]++));
                if (i[0] < count) {
                    t[0].scheduleIn(interval);
                }
            });
            t[0].scheduleAt(start);
        }

        @Override
        public void receive(SkBuff frame) {
            got.add(frame.toByteArray());
            gotAt.add(h.sched.now());
            frame.consume();
        }

        @Override
        public void carrierChanged(boolean up) {}
    }
}
