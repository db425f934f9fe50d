package dev.weir.qdisc;

import dev.weir.core.CommandException;
import dev.weir.core.NetDevice;
import dev.weir.core.PacedSender;
import dev.weir.skb.FlowDissector;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbQueue;
import java.util.IdentityHashMap;
import java.util.PriorityQueue;

/**
 * {@code fq}, Linux's fair queue packet scheduler with per-flow pacing (sch_fq), as tc 6.1 shows
 * it.
 *
 * <p><b>Flows.</b> A packet belongs to its socket's flow ({@link SkBuff#sk()}); a packet with no
 * socket (forwarded traffic) to an "orphan" flow chosen by {@code flow hash & orphan_mask}. A
 * flow is a queue ordered by each packet's time to send (its {@link SkBuff#tstamp()} when the
 * sender set one, Earliest Departure Time, else the enqueue time). A TC_PRIO_CONTROL packet
 * skips the flows through the high-priority queue, served first. Flows take turns by deficit
 * round robin: a new flow gets {@code initial_quantum} (10 MTU) of credit and joins the new list,
 * served before the old list; a flow out of credit gets {@code quantum} (2 MTU) more and goes to
 * the tail of the old list. A flow that empties becomes inactive and is forgotten (garbage
 * collected, counted in {@code gc}) once idle for 3 seconds; it gets a fresh quantum if it
 * returns after {@code refill_delay} (40 ms).
 *
 * <p><b>Pacing.</b> After a flow sends, if the qdisc enforces a rate (the socket's pacing rate,
 * {@link PacedSender#pacingRate()}, capped by {@code maxrate}), the flow may not send again until
 * {@code len / rate} later: packets of at least a quantum each when the rate is above
 * {@code low_rate_threshold} (550 kbit), so a fast flow leaves in quantum-sized bursts; every
 * packet alone below it. Delay owed by a late dequeue is forgiven up to half (Linux's drift
 * correction). A flow waiting for its time is throttled (off the lists, in a tree by time); the
 * watchdog wakes the device when the first is due. Packets whose EDT lies beyond
 * {@code horizon} (10 s) are dropped ({@code horizon_drop}, default) or capped to it.
 *
 * <p><b>Limits.</b> {@code limit} (10000) packets in all, {@code flow_limit} (100) per flow;
 * drops counted, the per-flow ones also in {@code flows_plimit}.
 *
 * <p>Differences from Linux 6.18, whose fq also has three priority bands with weights and a
 * fast path for idle qdiscs: neither changes what a single band's flows see, and tc 6.1 shows
 * neither. Uses {@code skb.cb[CB_TIME]} for the time to send.
 */
public final class Fq extends BaseQdisc {
    static final long NSEC_PER_SEC = 1_000_000_000L;
    static final long GC_AGE_NS = 3 * NSEC_PER_SEC;
    static final int GC_MAX = 8;
    static final long UNLIMITED = Long.MAX_VALUE;
    static final int TC_PRIO_CONTROL = 7;

    /** What tc parsed; -1 for each value not given. */
    record Options(long limit, long flowLimit, long quantum, long initialQuantum, long maxrate, long bucketsLog,
                   int pacing, long refillDelayUs, long lowRateThreshold, long orphanMask, long ceThresholdUs,
                   long timerSlackNs, long horizonUs, int horizonDrop) {}

    /** One flow (Linux's struct fq_flow). */
    static final class Flow {
        final SkbQueue q = new SkbQueue();
        final Object sk;
        final int orphanKey;
        int credit;
        long timeNextPacket;
        int qlen;
        /** On the new or old list (or throttled): not detached. */
        boolean detached = true;
        boolean throttled;
        long age;
        long throttleSeq;
        Flow next;
        Flow gcPrev;
        Flow gcNext;

        Flow(Object sk, int orphanKey) {
            this.sk = sk;
            this.orphanKey = orphanKey;
        }
    }

    private static final class FlowList {
        Flow first;
        Flow last;

        void addTail(Flow f) {
            f.next = null;
            if (first == null) {
                first = f;
            } else {
                last.next = f;
            }
            last = f;
        }

        Flow removeHead() {
            Flow f = first;
            first = f.next;
            if (first == null) {
                last = null;
            }
            f.next = null;
            return f;
        }

        int length() {
            int n = 0;
            for (Flow f = first; f != null; f = f.next) {
                n++;
            }
            return n;
        }
    }

    // parameters
    private long limit = 10_000;
    private long flowPlimit = 100;
    private long quantum;
    private long initialQuantum;
    private long flowMaxRate = UNLIMITED;
    private int bucketsLog = 10;
    private boolean rateEnable = true;
    private long refillDelayNs = 40_000_000L;
    private long lowRateThreshold = 550_000 / 8;
    private long orphanMask = 1024 - 1;
    private long ceThresholdNs = 1000L * 0xffff_ffffL;
    private long timerSlackNs = 10_000;
    private long horizonNs = 10 * NSEC_PER_SEC;
    private boolean horizonDrop = true;

    // state
    private final IdentityHashMap<Object, Flow> socketFlows = new IdentityHashMap<>();
    private final OrphanTable orphans = new OrphanTable();
    private final SkbQueue highprio = new SkbQueue();
    private final FlowList newFlows = new FlowList();
    private final FlowList oldFlows = new FlowList();
    private final PriorityQueue<Flow> delayed = new PriorityQueue<>(
            (a, b) -> a.timeNextPacket != b.timeNextPacket ? Long.compare(a.timeNextPacket, b.timeNextPacket)
                    : Long.compare(a.throttleSeq, b.throttleSeq));
    private long throttleSeq;
    private long timeNextDelayedFlow = UNLIMITED;
    private Flow gcHead;
    private Flow gcTail;
    private final int hashSeed;

    // statistics
    private int flows;
    private int inactiveFlows;
    private long statGcFlows;
    private long statHighprio;
    private long statThrottled;
    private long statFlowsPlimit;
    private long statPktsTooLong;
    private long statCeMark;
    private long statHorizonDrops;
    private long statHorizonCaps;
    private long unthrottleLatencyNs;

    /** An fq with Linux's defaults for {@code dev}. */
    public Fq(NetDevice dev) {
        this(dev, null);
    }

    Fq(NetDevice dev, Options o) {
        super("fq", dev);
        long mtu = Math.clamp(pschedMtu(dev), 1, 1 << 20);
        quantum = Math.clamp(2 * mtu, 256, 1 << 20);
        initialQuantum = Math.min(10 * mtu, 1 << 20);
        hashSeed = Qdiscs.flowHashSeed(net);
        if (o != null) {
            change(o);
        }
    }

    @Override
    void change(Object options) {
        Options o = (Options) options;
        if (o == null) {
            return;
        }
        if (o.bucketsLog() >= 0 && (o.bucketsLog() < 1 || o.bucketsLog() > 18)) {
            throw new CommandException(2, "RTNETLINK answers: Invalid argument");
        }
        if (o.pacing() > 1) {
            throw new CommandException(2, "RTNETLINK answers: Invalid argument");
        }
        if (o.initialQuantum() > (1 << 20)) {
            throw new CommandException(2, "Error: integer out of range.");
        }
        if (o.bucketsLog() >= 0) {
            bucketsLog = (int) o.bucketsLog();
        }
        if (o.limit() >= 0) {
            limit = o.limit();
        }
        if (o.flowLimit() >= 0) {
            flowPlimit = o.flowLimit();
        }
        if (o.quantum() >= 0) {
            quantum = Math.clamp(o.quantum(), 256, 1 << 20);
        }
        if (o.initialQuantum() >= 0) {
            initialQuantum = o.initialQuantum();
        }
        if (o.maxrate() >= 0) {
            flowMaxRate = o.maxrate() >= 0xffff_ffffL ? UNLIMITED : o.maxrate();
        }
        if (o.lowRateThreshold() >= 0) {
            lowRateThreshold = o.lowRateThreshold();
        }
        if (o.pacing() >= 0) {
            rateEnable = o.pacing() == 1;
        }
        if (o.refillDelayUs() >= 0) {
            refillDelayNs = o.refillDelayUs() * 1000;
        }
        if (o.orphanMask() >= 0) {
            orphanMask = o.orphanMask();
        }
        if (o.ceThresholdUs() >= 0) {
            ceThresholdNs = 1000 * o.ceThresholdUs();
        }
        if (o.timerSlackNs() >= 0) {
            timerSlackNs = o.timerSlackNs();
        }
        if (o.horizonUs() >= 0) {
            horizonNs = 1000 * o.horizonUs();
        }
        if (o.horizonDrop() >= 0) {
            horizonDrop = o.horizonDrop() != 0;
        }
        while (qlen > limit) {
            SkBuff s = dequeue();
            if (s == null) {
                break;
            }
            purge(s);
        }
    }

    // ---- enqueue ----

    @Override
    public int enqueue(SkBuff skb) {
        if (qlen >= limit) {
            qdiscDrop(skb);
            return NET_XMIT_DROP;
        }
        long now = now();
        if (skb.tstamp() == 0) {
            skb.cb[CB_TIME] = now;
        } else {
            if (skb.tstamp() > now + horizonNs) {
                if (horizonDrop) {
                    statHorizonDrops++;
                    qdiscDrop(skb);
                    return NET_XMIT_DROP;
                }
                statHorizonCaps++;
                skb.setTstamp(now + horizonNs);
            }
            skb.cb[CB_TIME] = skb.tstamp();
        }
        if ((skb.priority() & PfifoFast.TC_PRIO_MAX) == TC_PRIO_CONTROL) {
            statHighprio++;
            highprio.addLast(skb);
            accountEnqueue(skb);
            return NET_XMIT_SUCCESS;
        }
        Flow f = classify(skb, now);
        if (f.qlen >= flowPlimit) {
            statFlowsPlimit++;
            qdiscDrop(skb);
            return NET_XMIT_DROP;
        }
        if (f.detached) {
            attachFlow(f);
            newFlows.addTail(f);
            if (now - f.age > refillDelayNs) {
                f.credit = (int) Math.max(f.credit, quantum);
            }
        }
        if (f.qlen == 0) {
            inactiveFlows--;
        }
        f.qlen++;
        insertByTime(f.q, skb);
        accountEnqueue(skb);
        return NET_XMIT_SUCCESS;
    }

    private Flow classify(SkBuff skb, long now) {
        gc(now);
        Object sk = skb.sk();
        Flow f;
        if (sk != null) {
            f = socketFlows.get(sk);
            if (f == null) {
                f = newFlow(sk, 0, now);
                socketFlows.put(sk, f);
            }
        } else {
            int key = (int) (FlowDissector.getHash(skb, hashSeed) & orphanMask);
            f = orphans.get(key);
            if (f == null) {
                f = newFlow(null, key, now);
                orphans.put(key, f);
            }
        }
        return f;
    }

    private Flow newFlow(Object sk, int key, long now) {
        Flow f = new Flow(sk, key);
        f.credit = (int) initialQuantum;
        f.age = now;
        flows++;
        inactiveFlows++;
        gcAppend(f);
        return f;
    }

    // ---- dequeue ----

    @Override
    protected SkBuff doDequeue() {
        if (qlen == 0) {
            return null;
        }
        SkBuff hp = highprio.pollFirst();
        if (hp != null) {
            accountDequeue(hp);
            return hp;
        }
        long now = now();
        checkThrottled(now);
        while (true) {
            FlowList head = newFlows.first != null ? newFlows : oldFlows.first != null ? oldFlows : null;
            if (head == null) {
                if (timeNextDelayedFlow != UNLIMITED) {
                    watchdogAt(timeNextDelayedFlow);
                }
                return null;
            }
            Flow f = head.first;
            if (f.credit <= 0) {
                f.credit += (int) quantum;
                head.removeHead();
                oldFlows.addTail(f);
                continue;
            }
            SkBuff skb = f.q.peekFirst();
            if (skb == null) {
                head.removeHead();
                if (head == newFlows) {
                    oldFlows.addTail(f);   // force a pass through old_flows to prevent starvation
                } else {
                    detachFlow(f, now);
                }
                continue;
            }
            long timeNextPacket = Math.max(skb.cb[CB_TIME], f.timeNextPacket);
            if (now < timeNextPacket) {
                head.removeHead();
                f.timeNextPacket = timeNextPacket;
                setThrottled(f);
                continue;
            }
            f.q.unlink(skb);
            accountDequeue(skb);
            if (now - timeNextPacket - ceThresholdNs > 0 && InetEcn.setCe(skb)) {
                statCeMark++;
            }
            if (--f.qlen == 0) {
                inactiveFlows++;
            }
            pace(f, skb, now);
            return skb;
        }
    }

    private void pace(Flow f, SkBuff skb, long now) {
        long plen = skb.len();
        f.credit -= (int) plen;
        if (!rateEnable) {
            return;
        }
        long rate = flowMaxRate;
        if (skb.tstamp() == 0) {
            if (skb.sk() instanceof PacedSender p && p.pacingRate() != PacedSender.UNPACED) {
                rate = Math.min(p.pacingRate(), rate);
            }
            if (rate <= lowRateThreshold) {
                f.credit = 0;
            } else {
                plen = Math.max(plen, quantum);
                if (f.credit > 0) {
                    return;
                }
            }
        }
        if (rate != UNLIMITED) {
            long len = plen * NSEC_PER_SEC;
            if (rate != 0) {
                len /= rate;
            }
            if (len > NSEC_PER_SEC) {
                len = NSEC_PER_SEC;
                statPktsTooLong++;
            }
            if (f.timeNextPacket != 0) {
                long drift = now - f.timeNextPacket;
                if (drift > 0) {
                    len -= Math.min(len / 2, drift);
                }
            }
            f.timeNextPacket = now + len;
        }
    }

    private void setThrottled(Flow f) {
        f.throttled = true;
        f.throttleSeq = throttleSeq++;
        delayed.add(f);
        statThrottled++;
        if (timeNextDelayedFlow > f.timeNextPacket) {
            timeNextDelayedFlow = f.timeNextPacket;
        }
    }

    private void checkThrottled(long now) {
        if (timeNextDelayedFlow > now) {
            return;
        }
        // EWMA (1/8) of how late the unthrottling runs, for tc's "latency".
        long sample = now - timeNextDelayedFlow;
        unthrottleLatencyNs -= unthrottleLatencyNs >> 3;
        unthrottleLatencyNs += sample >> 3;
        timeNextDelayedFlow = UNLIMITED;
        Flow f;
        while ((f = delayed.peek()) != null) {
            if (f.timeNextPacket > now) {
                timeNextDelayedFlow = f.timeNextPacket;
                break;
            }
            delayed.poll();
            f.throttled = false;
            oldFlows.addTail(f);
        }
    }

    // ---- flow lifetime ----

    private void attachFlow(Flow f) {
        f.detached = false;
        gcUnlink(f);
    }

    private void detachFlow(Flow f, long now) {
        f.detached = true;
        f.age = now;
        gcAppend(f);
    }

    private void gcAppend(Flow f) {
        f.gcNext = null;
        f.gcPrev = gcTail;
        if (gcTail == null) {
            gcHead = f;
        } else {
            gcTail.gcNext = f;
        }
        gcTail = f;
    }

    private void gcUnlink(Flow f) {
        if (f.gcPrev == null) {
            if (gcHead == f) {
                gcHead = f.gcNext;
            }
        } else {
            f.gcPrev.gcNext = f.gcNext;
        }
        if (f.gcNext == null) {
            if (gcTail == f) {
                gcTail = f.gcPrev;
            }
        } else {
            f.gcNext.gcPrev = f.gcPrev;
        }
        f.gcPrev = null;
        f.gcNext = null;
    }

    /** fq_gc: forgets up to {@value #GC_MAX} flows detached for more than 3 s. */
    private void gc(long now) {
        for (int n = 0; n < GC_MAX; n++) {
            Flow f = gcHead;
            if (f == null || now - f.age <= GC_AGE_NS) {
                return;
            }
            gcUnlink(f);
            if (f.sk != null) {
                socketFlows.remove(f.sk);
            } else {
                orphans.remove(f.orphanKey);
            }
            flows--;
            inactiveFlows--;
            statGcFlows++;
        }
    }

    @Override
    protected void doReset() {
        purgeAll(highprio);
        for (Flow f : socketFlows.values()) {
            purgeAll(f.q);
        }
        orphans.forEach(f -> purgeAll(f.q));
        socketFlows.clear();
        orphans.clear();
        newFlows.first = newFlows.last = null;
        oldFlows.first = oldFlows.last = null;
        delayed.clear();
        gcHead = gcTail = null;
        timeNextDelayedFlow = UNLIMITED;
        flows = 0;
        inactiveFlows = 0;
    }

    // ---- what tc shows ----

    public int flows() {
        return flows;
    }

    public int inactiveFlows() {
        return inactiveFlows;
    }

    public int throttledFlows() {
        return delayed.size();
    }

    public long statThrottled() {
        return statThrottled;
    }

    public long statGcFlows() {
        return statGcFlows;
    }

    public long statFlowsPlimit() {
        return statFlowsPlimit;
    }

    public long statHorizonDrops() {
        return statHorizonDrops;
    }

    public long statHorizonCaps() {
        return statHorizonCaps;
    }

    public long quantum() {
        return quantum;
    }

    public long initialQuantum() {
        return initialQuantum;
    }

    public int newFlowsLen() {
        return newFlows.length();
    }

    public int oldFlowsLen() {
        return oldFlows.length();
    }

    @Override
    public String describeParameters() {
        StringBuilder sb = new StringBuilder();
        sb.append("limit ").append(limit).append("p ");
        sb.append("flow_limit ").append(flowPlimit).append("p ");
        sb.append("buckets ").append(1L << bucketsLog).append(' ');
        sb.append("orphan_mask ").append(orphanMask).append(' ');
        if (!rateEnable) {
            sb.append("nopacing ");
        }
        sb.append("quantum ").append(TcUnits.size(quantum)).append(' ');
        sb.append("initial_quantum ").append(TcUnits.size(initialQuantum)).append(' ');
        if (flowMaxRate != UNLIMITED) {
            sb.append("maxrate ").append(TcUnits.rate(flowMaxRate)).append(' ');
        }
        if (lowRateThreshold != 0) {
            sb.append("low_rate_threshold ").append(TcUnits.rate(lowRateThreshold)).append(' ');
        }
        sb.append("refill_delay ").append(TcUnits.time(refillDelayNs / 1000)).append(' ');
        long ceUs = ceThresholdNs / 1000;
        if (ceUs != 0xffff_ffffL) {
            sb.append("ce_threshold ").append(TcUnits.time(ceUs)).append(' ');
        }
        sb.append("timer_slack ").append(TcUnits.time64(timerSlackNs)).append(' ');
        sb.append("horizon ").append(TcUnits.time(horizonNs / 1000)).append(' ');
        sb.append(horizonDrop ? "horizon_drop " : "horizon_cap ");
        return sb.toString();
    }

    @Override
    public String describeExtraStats() {
        StringBuilder sb = new StringBuilder();
        sb.append("  flows ").append(flows);
        sb.append(" (inactive ").append(inactiveFlows);
        sb.append(" throttled ").append(delayed.size()).append(')');
        if (timeNextDelayedFlow != UNLIMITED) {
            sb.append(" next_packet_delay ").append(TcUnits.time64(timeNextDelayedFlow + timerSlackNs - now()));
        }
        sb.append('\n');
        sb.append("  gc ").append(statGcFlows);
        sb.append(" highprio ").append(statHighprio);
        sb.append(" throttled ").append(statThrottled);
        if (unthrottleLatencyNs != 0) {
            sb.append(" latency ").append(TcUnits.time64(unthrottleLatencyNs));
        }
        if (statCeMark != 0) {
            sb.append(" ce_mark ").append(statCeMark);
        }
        if (statFlowsPlimit != 0) {
            sb.append(" flows_plimit ").append(statFlowsPlimit);
        }
        if (statPktsTooLong != 0 || statHorizonDrops != 0 || statHorizonCaps != 0) {
            sb.append('\n');
            if (statPktsTooLong != 0) {
                sb.append(" pkts_too_long ").append(statPktsTooLong);
            }
            if (statHorizonDrops != 0) {
                sb.append(" horizon_drops ").append(statHorizonDrops);
            }
            if (statHorizonCaps != 0) {
                sb.append("  horizon_caps ").append(statHorizonCaps);
            }
        }
        return sb.toString();
    }

    /** Orphan flows by key (hash & orphan_mask): open addressing with linear probing, no boxing. */
    static final class OrphanTable {
        private int[] keys = new int[64];
        private Flow[] vals = new Flow[64];
        private int size;

        Flow get(int key) {
            int mask = keys.length - 1;
            for (int i = mix(key) & mask; vals[i] != null; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return vals[i];
                }
            }
            return null;
        }

        void put(int key, Flow f) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = mix(key) & mask;
            while (vals[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            vals[i] = f;
            size++;
        }

        void remove(int key) {
            int mask = keys.length - 1;
            int i = mix(key) & mask;
            while (vals[i] != null && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (vals[i] == null) {
                return;
            }
            vals[i] = null;
            size--;
            // Backward-shift deletion keeps every probe chain unbroken.
            for (int j = (i + 1) & mask; vals[j] != null; j = (j + 1) & mask) {
                int home = mix(keys[j]) & mask;
                boolean between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
                if (!between) {
                    keys[i] = keys[j];
                    vals[i] = vals[j];
                    vals[j] = null;
                    i = j;
                }
            }
        }

        void forEach(java.util.function.Consumer<Flow> c) {
            for (Flow f : vals) {
                if (f != null) {
                    c.accept(f);
                }
            }
        }

        void clear() {
            java.util.Arrays.fill(vals, null);
            size = 0;
        }

        private void grow() {
            int[] ok = keys;
            Flow[] ov = vals;
            keys = new int[ok.length * 2];
            vals = new Flow[ov.length * 2];
            size = 0;
            for (int i = 0; i < ok.length; i++) {
                if (ov[i] != null) {
                    put(ok[i], ov[i]);
                }
            }
        }

        private static int mix(int k) {
            int h = k * 0x9e3779b9;
            return h ^ (h >>> 16);
        }
    }
}
