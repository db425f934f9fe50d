package dev.weir.qdisc;

import dev.weir.api.wire.Bytes;
import dev.weir.core.DropReason;
import dev.weir.skb.SkBuff;
import java.util.Arrays;

/**
 * A window-based sender that reacts to loss and to ECN as TCP Reno does (RFC 5681, RFC 3168):
 * slow start, then one packet more per round trip; the window halves at most once per round
 * trip on a drop or a CE mark. Acknowledgements return {@code rtt} after the driver takes a
 * packet. Enough of TCP to load an AQM realistically, with no TCP stack underneath: each packet
 * carries its sequence number in {@code skb.mark}, so the test sees its enqueue and send times.
 */
final class RenoSender {
    final TestHost host;
    final TestDevice dev;
    final int sport;
    final int len;
    final int tos;
    final long rtt;
    double cwnd = 2;
    double ssthresh = Double.MAX_VALUE;
    int inflight;
    int nextSeq;
    long lastReduction = Long.MIN_VALUE / 2;
    long[] enqueuedAt = new long[1 << 16];
    long[] sentAt = new long[1 << 16];
    int drops;
    int ceMarks;
    final int base;

    RenoSender(TestHost host, TestDevice dev, int sport, int len, int tos, long rtt, int seqBase) {
        this.host = host;
        this.dev = dev;
        this.sport = sport;
        this.len = len;
        this.tos = tos;
        this.rtt = rtt;
        this.base = seqBase;
        Arrays.fill(sentAt, -1);
        host.ns.addDropListener((skb, reason) -> {
            if (reason == DropReason.QDISC_DROP && owns(skb.mark())) {
                drops++;
                inflight--;
                congestion();
                host.sim.scheduler().schedule(0, this::fill);
            }
        });
        java.util.function.Consumer<SkBuff> previous = dev.onXmit;
        dev.onXmit = skb -> {
            previous.accept(skb);
            if (owns(skb.mark())) {
                delivered(skb);
            }
        };
    }

    boolean owns(int mark) {
        return mark >= base && mark < base + enqueuedAt.length;
    }

    void start() {
        fill();
    }

    private void fill() {
        while (inflight < (int) cwnd && nextSeq < enqueuedAt.length) {
            SkBuff s = host.udp4(TestHost.ip(10, 0, 0, 1), TestHost.ip(10, 0, 0, 2), sport, 5001, len, tos);
            int seq = nextSeq++;
            s.setMark(base + seq);
            enqueuedAt[seq] = host.sim.now();
            inflight++;
            host.xmit(dev, s);
        }
    }

    private void delivered(SkBuff skb) {
        int seq = skb.mark() - base;
        sentAt[seq] = host.sim.now();
        boolean ce = (Bytes.u8(skb.buf(), skb.networkHeader() + 1) & 3) == 3;
        if (ce) {
            ceMarks++;
        }
        host.sim.scheduler().schedule(rtt, () -> {
            inflight--;
            if (ce) {
                congestion();
            } else if (cwnd < ssthresh) {
                cwnd += 1;
            } else {
                cwnd += 1 / cwnd;
            }
            fill();
        });
    }

    private void congestion() {
        long now = host.sim.now();
        if (now - lastReduction >= rtt) {
            lastReduction = now;
            ssthresh = Math.max(2, cwnd / 2);
            cwnd = ssthresh;
        }
    }

    /** Sojourn times (send minus enqueue, ns) of the packets enqueued in [from, to) that were sent, sorted. */
    long[] sojourns(long from, long to) {
        long[] out = new long[nextSeq];
        int n = 0;
        for (int i = 0; i < nextSeq; i++) {
            if (sentAt[i] >= 0 && enqueuedAt[i] >= from && enqueuedAt[i] < to) {
                out[n++] = sentAt[i] - enqueuedAt[i];
            }
        }
        long[] r = Arrays.copyOf(out, n);
        Arrays.sort(r);
        return r;
    }
}
