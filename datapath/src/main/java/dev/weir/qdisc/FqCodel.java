package dev.weir.qdisc;

import dev.weir.core.CommandException;
import dev.weir.core.NetDevice;
import dev.weir.skb.FlowDissector;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbQueue;

/**
 * {@code fq_codel}: Flow Queue CoDel, RFC 8290, as Linux's sch_fq_codel implements it.
 *
 * <p><b>Flows.</b> A packet goes to flow {@code (hash * flows) >> 32} of its flow hash
 * ({@link SkBuff#hash()}, or computed by the flow dissector), unless its priority names a flow
 * of this qdisc ({@code major == handle}, {@code 1 <= minor <= flows}); as in Linux that test
 * also catches plain priorities 1..flows when the qdisc's handle is 0 (a default or mq child). Each flow is a FIFO with
 * its own CoDel state. Flows take turns by deficit round robin with a quantum of bytes
 * (default MTU + 14): a flow that becomes active joins the <em>new</em> list, which is served
 * before the <em>old</em> list, so sparse flows (a ping, a DNS query, TCP's first packets) are
 * sent almost at once (RFC 8290 section 4.1). A flow that used its quantum moves to the tail of
 * the old list; an empty new flow passes through the old list once before it is forgotten, so
 * that it cannot starve the old ones (section 4.2).
 *
 * <p><b>CoDel per flow</b> (RFC 8289, Linux's codel_impl.h). At dequeue the head packet's
 * sojourn time (now minus its enqueue time) is compared with {@code target} (5 ms). Once it has
 * stayed above target for {@code interval} (100 ms) and the qdisc holds more than one MTU, the
 * flow enters the dropping state: it drops (or, with {@code ecn} and an ECN-capable packet,
 * marks CE) one packet, then the next at {@code interval / sqrt(count)} later, the control law,
 * with 1/sqrt(count) kept by Newton's method in 16-bit fixed point as Linux does, until sojourn
 * falls below target. A flow that re-enters dropping soon after leaving resumes near its old
 * count. CE marking sets the ECN field of the IPv4 TOS (fixing the header checksum) or the IPv6
 * traffic class, after making the buffer's head private if it was shared.
 *
 * <p><b>Overload.</b> When the qdisc holds more than {@code limit} packets (10240) or its
 * buffers more than {@code memory_limit} bytes of memory (32 MB, counted as Linux's truesize),
 * it finds the flow with the largest backlog and drops packets from its head, up to
 * {@code drop_batch} (64) or until half its backlog is gone; those count in
 * {@code drop_overlimit}.
 *
 * <p><b>Time.</b> CoDel's clock is the virtual clock in Linux's units of 1024 ns, and target,
 * interval and ce_threshold are stored in them as Linux stores them; tc therefore shows the
 * same rounding ({@code target 500us} reads back as {@code 499us}).
 *
 * <p>Uses {@code skb.cb[CB_TIME]} for the enqueue time and {@code cb[CB_AUX]} for the buffer's
 * memory charge. Allocation-free per packet.
 */
public final class FqCodel extends BaseQdisc {
    static final int CODEL_SHIFT = 10;
    static final long CODEL_DISABLED_THRESHOLD = Integer.MAX_VALUE;
    static final int REC_INV_SQRT_BITS = 16;
    static final int REC_INV_SQRT_SHIFT = 32 - REC_INV_SQRT_BITS;
    static final int QUANTUM_MAX = 1 << 20;

    static final int DEFAULT_LIMIT = 10 * 1024;
    static final int DEFAULT_FLOWS = 1024;
    static final long DEFAULT_MEMORY_LIMIT = 32L << 20;
    static final int DEFAULT_DROP_BATCH = 64;

    /**
     * What tc parsed; each field null (or -1 for the u32 ones) when not given, as tc then sends
     * no attribute for it.
     */
    record Options(long limit, long flows, long quantum, long targetUs, long intervalUs, int ecn,
                   long ceThresholdUs, int ceSelector, int ceMask, long memoryLimit, long dropBatch) {}

    private static final byte NONE = 0;
    private static final byte NEW = 1;
    private static final byte OLD = 2;

    // parameters
    private int limit = DEFAULT_LIMIT;
    private final int flowsCnt;
    private int quantum;
    private long target;       // codel units
    private long interval;     // codel units
    private long ceThreshold = CODEL_DISABLED_THRESHOLD;
    private int ceSelector;
    private int ceMask;
    private boolean ecn = true;
    private final int mtu;
    private long memoryLimit = DEFAULT_MEMORY_LIMIT;
    private int dropBatch = DEFAULT_DROP_BATCH;

    // flows, struct-of-arrays
    private final SkbQueue[] queues;
    private final int[] deficit;
    private final long[] backlogs;
    private final byte[] onList;
    private final int[] nextOnList;
    private final int[] count;
    private final int[] lastcount;
    private final boolean[] dropping;
    private final int[] recInvSqrt;
    private final long[] firstAboveTime;
    private final long[] dropNext;
    private final long[] ldelay;
    private int newHead = -1;
    private int newTail = -1;
    private int oldHead = -1;
    private int oldTail = -1;

    // statistics
    private long maxpacket;
    private long ecnMark;
    private long ceMark;
    private long memoryUsage;
    private long dropOverlimit;
    private long dropOvermemory;
    private long newFlowCount;
    private int dropCount;

    private final int hashSeed;

    /** An fq_codel with Linux's defaults for {@code dev}. */
    public FqCodel(NetDevice dev) {
        this(dev, null);
    }

    FqCodel(NetDevice dev, Options o) {
        super("fq_codel", dev);
        this.mtu = Math.clamp(pschedMtu(dev), 256, QUANTUM_MAX);
        this.quantum = mtu;
        this.target = usToCodel(5_000);
        this.interval = usToCodel(100_000);
        int n = DEFAULT_FLOWS;
        if (o != null && o.flows() >= 0) {
            if (o.flows() == 0 || o.flows() > 65536) {
                throw new CommandException(2, "RTNETLINK answers: Invalid argument");
            }
            n = (int) o.flows();
        }
        this.flowsCnt = n;
        queues = new SkbQueue[n];
        for (int i = 0; i < n; i++) {
            queues[i] = new SkbQueue();
        }
        deficit = new int[n];
        backlogs = new long[n];
        onList = new byte[n];
        nextOnList = new int[n];
        count = new int[n];
        lastcount = new int[n];
        dropping = new boolean[n];
        recInvSqrt = new int[n];
        firstAboveTime = new long[n];
        dropNext = new long[n];
        ldelay = new long[n];
        hashSeed = Qdiscs.flowHashSeed(net);
        if (o != null) {
            apply(o);
        }
    }

    static long usToCodel(long us) {
        return (us * 1000) >> CODEL_SHIFT;
    }

    static long codelToUs(long t) {
        return (t << CODEL_SHIFT) / 1000;
    }

    private long codelNow() {
        return now() >> CODEL_SHIFT;
    }

    @Override
    void change(Object options) {
        Options o = (Options) options;
        if (o == null) {
            return;
        }
        if (o.flows() >= 0) {
            // Linux: the number of flows is fixed once the table exists.
            throw new CommandException(2, "RTNETLINK answers: Invalid argument");
        }
        apply(o);
        while (qlen > limit || memoryUsage > memoryLimit) {
            SkBuff s = dequeue();
            if (s == null) {
                break;
            }
            purge(s);
        }
    }

    private void apply(Options o) {
        if (o.quantum() >= 0) {
            long q = Math.max(256, o.quantum());
            if (q > QUANTUM_MAX) {
                throw new CommandException(2, "Error: Invalid quantum.");
            }
            quantum = (int) q;
        }
        if (o.targetUs() >= 0) {
            target = usToCodel(o.targetUs());
        }
        if (o.ceThresholdUs() >= 0) {
            ceThreshold = usToCodel(o.ceThresholdUs());
        }
        if (o.ceMask() >= 0) {
            ceSelector = o.ceSelector();
            ceMask = o.ceMask();
        }
        if (o.intervalUs() >= 0) {
            interval = usToCodel(o.intervalUs());
        }
        if (o.limit() >= 0) {
            limit = (int) Math.min(o.limit(), Integer.MAX_VALUE);
        }
        if (o.ecn() >= 0) {
            ecn = o.ecn() != 0;
        }
        if (o.dropBatch() >= 0) {
            dropBatch = (int) Math.max(1, Math.min(o.dropBatch(), Integer.MAX_VALUE));
        }
        if (o.memoryLimit() >= 0) {
            memoryLimit = Math.min(1L << 31, o.memoryLimit());
        }
    }

    // ---- enqueue ----

    private int classify(SkBuff skb) {
        int prio = skb.priority();
        // Linux's check, quirk included: a default fq_codel has handle 0, so a plain priority
        // 1..flows (major 0) picks a flow too.
        if (Handles.major(prio) == handle() && Handles.minor(prio) > 0 && Handles.minor(prio) <= flowsCnt) {
            return Handles.minor(prio) - 1;
        }
        long h = FlowDissector.getHash(skb, hashSeed) & 0xffff_ffffL;
        return (int) ((h * flowsCnt) >>> 32);
    }

    @Override
    public int enqueue(SkBuff skb) {
        int idx = classify(skb);
        skb.cb[CB_TIME] = codelNow();
        long charge = truesize(skb);
        skb.cb[CB_AUX] = charge;
        queues[idx].addLast(skb);
        backlogs[idx] += skb.len();
        accountEnqueue(skb);
        if (onList[idx] == NONE) {
            appendNew(idx);
            newFlowCount++;
            deficit[idx] = quantum;
        }
        memoryUsage += charge;
        boolean memoryLimited = memoryUsage > memoryLimit;
        if (qlen <= limit && !memoryLimited) {
            return NET_XMIT_SUCCESS;
        }
        int prevQlen = qlen;
        int fat = dropFromFattest(dropBatch);
        int dropped = prevQlen - qlen;
        dropOverlimit += dropped;
        if (memoryLimited) {
            dropOvermemory += dropped;
        }
        return fat == idx ? NET_XMIT_CN : NET_XMIT_SUCCESS;
    }

    /** fq_codel_drop: half the backlog of the fattest flow, at most {@code max} packets, from its head. */
    private int dropFromFattest(int max) {
        long maxBacklog = 0;
        int idx = 0;
        for (int i = 0; i < flowsCnt; i++) {
            if (backlogs[i] > maxBacklog) {
                maxBacklog = backlogs[i];
                idx = i;
            }
        }
        long threshold = maxBacklog >> 1;
        SkbQueue q = queues[idx];
        long len = 0;
        int i = 0;
        do {
            SkBuff s = q.pollFirst();
            len += s.len();
            memoryUsage -= s.cb[CB_AUX];
            qlen--;
            backlog -= s.len();
            qdiscDrop(s);
        } while (++i < max && len < threshold && !q.isEmpty());
        count[idx] += i;
        backlogs[idx] -= len;
        return idx;
    }

    // ---- dequeue ----

    @Override
    protected SkBuff doDequeue() {
        while (true) {
            int idx;
            boolean fromNew;
            if (newHead >= 0) {
                idx = newHead;
                fromNew = true;
            } else if (oldHead >= 0) {
                idx = oldHead;
                fromNew = false;
            } else {
                return null;
            }
            if (deficit[idx] <= 0) {
                deficit[idx] += quantum;
                removeHead(fromNew);
                appendOld(idx);
                continue;
            }
            SkBuff skb = codelDequeue(idx);
            if (skb == null) {
                removeHead(fromNew);
                if (fromNew && oldHead >= 0) {
                    appendOld(idx);   // force a pass through old_flows to prevent starvation
                }
                continue;
            }
            bytes += skb.len();
            packets++;
            deficit[idx] -= skb.len();
            return skb;
        }
    }

    /** Takes the head of flow {@code idx} off the queue (what codel's dequeue_func does). */
    private SkBuff headOf(int idx) {
        SkBuff s = queues[idx].pollFirst();
        if (s != null) {
            backlogs[idx] -= s.len();
            memoryUsage -= s.cb[CB_AUX];
            qlen--;
            backlog -= s.len();
        }
        return s;
    }

    private void codelDrop(SkBuff s) {
        dropCount++;
        qdiscDrop(s);
    }

    /** codel_dequeue over flow {@code idx}'s queue; null when the flow ran empty. */
    private SkBuff codelDequeue(int idx) {
        SkBuff skb = headOf(idx);
        if (skb == null) {
            dropping[idx] = false;
            return null;
        }
        long now = codelNow();
        boolean drop = shouldDrop(idx, skb, now);
        if (dropping[idx]) {
            if (!drop) {
                dropping[idx] = false;
            } else if (now - dropNext[idx] >= 0) {
                while (dropping[idx] && now - dropNext[idx] >= 0) {
                    count[idx]++;
                    newtonStep(idx);
                    if (ecn && InetEcn.setCe(skb)) {
                        ecnMark++;
                        dropNext[idx] = controlLaw(dropNext[idx], idx);
                        return ceCheck(idx, skb);
                    }
                    codelDrop(skb);
                    skb = headOf(idx);
                    if (!shouldDrop(idx, skb, now)) {
                        dropping[idx] = false;
                    } else {
                        dropNext[idx] = controlLaw(dropNext[idx], idx);
                    }
                }
            }
        } else if (drop) {
            if (ecn && InetEcn.setCe(skb)) {
                ecnMark++;
            } else {
                codelDrop(skb);
                skb = headOf(idx);
                shouldDrop(idx, skb, now);
            }
            dropping[idx] = true;
            // Re-entering soon after leaving: start from the rate that controlled the last episode.
            int delta = count[idx] - lastcount[idx];
            if (delta > 1 && now - dropNext[idx] < 16 * interval) {
                count[idx] = delta;
                newtonStep(idx);
            } else {
                count[idx] = 1;
                recInvSqrt[idx] = 0xffff_ffff >>> REC_INV_SQRT_SHIFT;
            }
            lastcount[idx] = count[idx];
            dropNext[idx] = controlLaw(now, idx);
        }
        return skb == null ? null : ceCheck(idx, skb);
    }

    private SkBuff ceCheck(int idx, SkBuff skb) {
        if (ldelay[idx] > ceThreshold) {
            boolean setCe = true;
            if (ceMask != 0) {
                int ds = InetEcn.dsfield(skb);
                setCe = ds >= 0 && (ds & ceMask) == ceSelector;
            }
            if (setCe && InetEcn.setCe(skb)) {
                ceMark++;
            }
        }
        return skb;
    }

    /** codel_should_drop. */
    private boolean shouldDrop(int idx, SkBuff skb, long now) {
        if (skb == null) {
            firstAboveTime[idx] = 0;
            return false;
        }
        ldelay[idx] = now - skb.cb[CB_TIME];
        if (skb.len() > maxpacket) {
            maxpacket = skb.len();
        }
        if (ldelay[idx] < target || backlog <= mtu) {
            firstAboveTime[idx] = 0;
            return false;
        }
        boolean ok = false;
        if (firstAboveTime[idx] == 0) {
            firstAboveTime[idx] = now + interval;
        } else if (now - firstAboveTime[idx] > 0) {
            ok = true;
        }
        return ok;
    }

    /** codel_Newton_step: 1/sqrt(count) by one Newton iteration, 16-bit fixed point as Linux. */
    private void newtonStep(int idx) {
        long invsqrt = ((long) recInvSqrt[idx] << REC_INV_SQRT_SHIFT) & 0xffff_ffffL;
        long invsqrt2 = (invsqrt * invsqrt) >>> 32;
        long val = (3L << 32) - ((count[idx] & 0xffff_ffffL) * invsqrt2);
        val >>>= 2;
        val = (val * invsqrt) >>> (32 - 2 + 1);
        recInvSqrt[idx] = (int) (val >>> REC_INV_SQRT_SHIFT) & 0xffff;
    }

    /** codel_control_law: t + interval / sqrt(count). */
    private long controlLaw(long t, int idx) {
        long scale = ((long) recInvSqrt[idx] << REC_INV_SQRT_SHIFT) & 0xffff_ffffL;
        return t + ((interval * scale) >>> 32);
    }

    // ---- flow lists (intrusive, by index) ----

    private void appendNew(int idx) {
        onList[idx] = NEW;
        nextOnList[idx] = -1;
        if (newTail < 0) {
            newHead = idx;
        } else {
            nextOnList[newTail] = idx;
        }
        newTail = idx;
    }

    private void appendOld(int idx) {
        onList[idx] = OLD;
        nextOnList[idx] = -1;
        if (oldTail < 0) {
            oldHead = idx;
        } else {
            nextOnList[oldTail] = idx;
        }
        oldTail = idx;
    }

    private void removeHead(boolean fromNew) {
        int idx = fromNew ? newHead : oldHead;
        int next = nextOnList[idx];
        if (fromNew) {
            newHead = next;
            if (next < 0) {
                newTail = -1;
            }
        } else {
            oldHead = next;
            if (next < 0) {
                oldTail = -1;
            }
        }
        onList[idx] = NONE;
        nextOnList[idx] = -1;
    }

    @Override
    protected void doReset() {
        for (int i = 0; i < flowsCnt; i++) {
            purgeAll(queues[i]);
            backlogs[i] = 0;
            onList[i] = NONE;
            nextOnList[i] = -1;
            count[i] = 0;
            lastcount[i] = 0;
            dropping[i] = false;
            recInvSqrt[i] = 0;
            firstAboveTime[i] = 0;
            dropNext[i] = 0;
            ldelay[i] = 0;
            deficit[i] = 0;
        }
        newHead = newTail = oldHead = oldTail = -1;
        memoryUsage = 0;
    }

    // ---- what tc shows ----

    public int limit() {
        return limit;
    }

    public int flows() {
        return flowsCnt;
    }

    public int quantum() {
        return quantum;
    }

    public long targetNanos() {
        return target << CODEL_SHIFT;
    }

    public long intervalNanos() {
        return interval << CODEL_SHIFT;
    }

    public boolean ecn() {
        return ecn;
    }

    public long memoryLimit() {
        return memoryLimit;
    }

    public int dropBatch() {
        return dropBatch;
    }

    public long maxpacket() {
        return maxpacket;
    }

    public long dropOverlimit() {
        return dropOverlimit;
    }

    public long dropOvermemory() {
        return dropOvermemory;
    }

    public long newFlowCount() {
        return newFlowCount;
    }

    public long ecnMark() {
        return ecnMark;
    }

    public long ceMark() {
        return ceMark;
    }

    public long memoryUsage() {
        return memoryUsage;
    }

    /** Drops CoDel made at dequeue (not counting overlimit drops). */
    public int codelDrops() {
        return dropCount;
    }

    public int newFlowsLen() {
        return listLength(newHead);
    }

    public int oldFlowsLen() {
        return listLength(oldHead);
    }

    /** The last sojourn time flow {@code idx} measured, in ns (Linux's ldelay). */
    public long flowLdelayNanos(int idx) {
        return ldelay[idx] << CODEL_SHIFT;
    }

    private int listLength(int head) {
        int n = 0;
        for (int i = head; i >= 0; i = nextOnList[i]) {
            n++;
        }
        return n;
    }

    @Override
    public String describeParameters() {
        StringBuilder sb = new StringBuilder();
        sb.append("limit ").append(limit).append("p ");
        sb.append("flows ").append(flowsCnt).append(' ');
        sb.append("quantum ").append(quantum).append(' ');
        sb.append("target ").append(TcUnits.time(codelToUs(target))).append(' ');
        if (ceThreshold != CODEL_DISABLED_THRESHOLD) {
            sb.append("ce_threshold ").append(TcUnits.time(codelToUs(ceThreshold))).append(' ');
            if (ceMask != 0) {
                sb.append("ce_threshold_selector ").append(hexAlt(ceSelector)).append('/').append(hexAlt(ceMask)).append(' ');
            }
        }
        sb.append("interval ").append(TcUnits.time(codelToUs(interval))).append(' ');
        sb.append("memory_limit ").append(TcUnits.size(memoryLimit)).append(' ');
        if (ecn) {
            sb.append("ecn ");
        }
        sb.append("drop_batch ").append(dropBatch).append(' ');
        return sb.toString();
    }

    /** C's {@code %#x}: 0 stays "0", anything else gets the 0x prefix. */
    private static String hexAlt(int v) {
        return v == 0 ? "0" : "0x" + Integer.toHexString(v);
    }

    @Override
    public String describeExtraStats() {
        StringBuilder sb = new StringBuilder();
        sb.append("  maxpacket ").append(maxpacket);
        sb.append(" drop_overlimit ").append(dropOverlimit);
        sb.append(" new_flow_count ").append(newFlowCount);
        sb.append(" ecn_mark ").append(ecnMark);
        if (ceMark != 0) {
            sb.append(" ce_mark ").append(ceMark);
        }
        if (memoryUsage != 0) {
            sb.append(" memory_used ").append(memoryUsage);
        }
        if (dropOvermemory != 0) {
            sb.append(" drop_overmemory ").append(dropOvermemory);
        }
        sb.append('\n');
        sb.append("  new_flows_len ").append(newFlowsLen());
        sb.append(" old_flows_len ").append(oldFlowsLen());
        return sb.toString();
    }
}
