package dev.weir.qdisc;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.core.Qdisc;
import dev.weir.sim.Simulation;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbPool;

/**
 * One simulated host for qdisc tests, with the smallest honest stand-in for the device layer:
 * {@link #xmit} enqueues into the packet's queue and runs that queue's qdisc (Linux's
 * {@code __dev_xmit_skb} then {@code __qdisc_run}); the transmit scheduler runs a woken queue at
 * the current time (the NET_TX softirq). Packets are built with real Ethernet/IPv4/IPv6/UDP/TCP
 * headers, so flow hashing and ECN marking work on bytes.
 */
final class TestHost {
    final Simulation sim;
    final NetNs ns;
    final SkbPool pool;

    TestHost(long seed) {
        sim = new Simulation(seed);
        ns = new NetNs("h1", sim.scheduler(), sim.rootRandom().split("h1"), 1);
        pool = ns.pool().trackLeaks(true);
        ns.setTxScheduler(q -> sim.scheduler().schedule(0, () -> {
            q.clearScheduled();
            run(q);
        }));
    }

    TestDevice device(String name, int queues, long bitsPerSecond) {
        return device(name, queues, bitsPerSecond, false);
    }

    TestDevice device(String name, int queues, long bitsPerSecond, boolean noQueue) {
        TestDevice d = new TestDevice(ns, name, queues, bitsPerSecond, noQueue);
        ns.register(d);
        Qdiscs.createDefault(d);
        d.open();
        return d;
    }

    /** dev_queue_xmit: enqueue on the packet's queue, then run that queue. Returns the enqueue status. */
    int xmit(NetDevice dev, SkBuff skb) {
        NetdevQueue q = dev.txQueue(dev.selectQueue(skb));
        Qdisc qd = q.qdisc();
        if (Qdiscs.isNoQueue(qd)) {
            return dev.startXmit(skb, q);
        }
        int rc = qd.enqueue(skb);
        run(q);
        return rc;
    }

    /** qdisc_run: dequeue into the driver until the qdisc has nothing to send now or the driver stops the queue. */
    static void run(NetdevQueue q) {
        if (q.running) {
            return;
        }
        q.running = true;
        try {
            while (!q.isStopped()) {
                SkBuff skb = q.qdisc().dequeue();
                if (skb == null) {
                    break;
                }
                q.device().startXmit(skb, q);
            }
        } finally {
            q.running = false;
        }
    }

    // ---- packets ----

    static final int ETH = 14;

    /** An Ethernet + IPv4 + UDP packet of {@code len} bytes in all, with the given TOS; the mark tags it for tests. */
    SkBuff udp4(int src, int dst, int sport, int dport, int len, int tos) {
        return ip4(src, dst, 17, sport, dport, len, tos);
    }

    SkBuff ip4(int src, int dst, int proto, int sport, int dport, int len, int tos) {
        SkBuff skb = pool.alloc(len, 64);
        int at = skb.put(len);
        byte[] b = skb.buf();
        java.util.Arrays.fill(b, at, at + len, (byte) 0);   // pooled buffers come back dirty
        Bytes.put48(b, at, 0x020000000002L);
        Bytes.put48(b, at + 6, 0x020000000001L);
        Bytes.put16(b, at + 12, 0x0800);
        int ip = at + ETH;
        b[ip] = 0x45;
        b[ip + 1] = (byte) tos;
        Bytes.put16(b, ip + 2, len - ETH);
        Bytes.put16(b, ip + 6, 0x4000);
        b[ip + 8] = 64;
        b[ip + 9] = (byte) proto;
        Bytes.put32(b, ip + 12, src);
        Bytes.put32(b, ip + 16, dst);
        Bytes.put16(b, ip + 10, Checksum.internet(b, ip, 20));
        Bytes.put16(b, ip + 20, sport);
        Bytes.put16(b, ip + 22, dport);
        skb.resetMacHeader();
        skb.setNetworkHeader(ip);
        skb.setTransportHeader(ip + 20);
        skb.setProtocol(0x0800);
        return skb;
    }

    /** Ethernet + IPv6 + UDP with a traffic class. */
    SkBuff udp6(long srcLo, long dstLo, int sport, int dport, int len, int tclass) {
        SkBuff skb = pool.alloc(len, 64);
        int at = skb.put(len);
        byte[] b = skb.buf();
        java.util.Arrays.fill(b, at, at + len, (byte) 0);
        Bytes.put16(b, at + 12, 0x86dd);
        int ip = at + ETH;
        Bytes.put32(b, ip, (6 << 28) | (tclass << 20));
        Bytes.put16(b, ip + 4, len - ETH - 40);
        b[ip + 6] = 17;
        b[ip + 7] = 64;
        Bytes.put64(b, ip + 8, 0xfd00_0000_0000_0000L);
        Bytes.put64(b, ip + 16, srcLo);
        Bytes.put64(b, ip + 24, 0xfd00_0000_0000_0000L);
        Bytes.put64(b, ip + 32, dstLo);
        Bytes.put16(b, ip + 40, sport);
        Bytes.put16(b, ip + 42, dport);
        skb.resetMacHeader();
        skb.setNetworkHeader(ip);
        skb.setProtocol(0x86dd);
        return skb;
    }

    static int ip(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }
}
