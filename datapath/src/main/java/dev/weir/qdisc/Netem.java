package dev.weir.qdisc;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.core.NetDevice;
import dev.weir.core.Qdisc;
import dev.weir.sim.SimRandom;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbQueue;

/**
 * {@code netem}, the network emulator (Linux's sch_netem): delay with jitter, loss (random,
 * Gilbert-Elliott, 4-state), duplication, reordering, corruption and a rate limit, applied as
 * packets are enqueued; packets then wait in a queue ordered by their time to send and leave
 * when it comes (the watchdog wakes the device). {@code limit} (1000) packets at most.
 *
 * <p><b>Randomness.</b> Every decision draws from this qdisc's own {@link SimRandom}, split
 * from the host's by the name {@code netem:<device>:<handle>}, so a run is a function of the
 * seed, and adding a netem elsewhere changes nothing here. Each draw is a 32-bit number compared
 * against a probability scaled to 2^32 (tc's {@code set_percent}), with Linux's correlation
 * ({@code next = (1 - rho) * random + rho * last}).
 *
 * <p><b>Order of decisions</b> for each packet (Linux's {@code netem_enqueue}): duplicate? lost
 * (or, with {@code ecn}, CE-marked and counted as a drop)? corrupt (flip one random bit of the
 * linear data, after computing a pending transport checksum)? over the limit? Then the
 * duplicate goes to the root qdisc of the queue (it is not duplicated again), and the packet
 * either jumps the queue (reordering: every {@code gap}-th packet with probability
 * {@code reorder}, sent at once and counted as a requeue, as Linux counts it) or is scheduled at
 * now + delay, the delay being {@code latency} with uniform jitter or drawn from the normal
 * distribution table; with a {@code rate}, after the last queued packet plus its transmission
 * time.
 *
 * <p>Uses {@code skb.cb[CB_TIME]} for the time to send. Not supported: slot, distribution
 * tables other than normal (pareto, paretonormal, custom), a child qdisc.
 */
public final class Netem extends BaseQdisc {
    /** tc's view of the options, already scaled as tc sends them (probabilities as u32, times as ticks). */
    record Options(long limit, long latencyTicks, long jitterTicks, long delayCorr, long loss, long lossCorr,
                   long duplicate, long dupCorr, long reorder, long reorderCorr, long gap, long corrupt,
                   long corruptCorr, long rate, int packetOverhead, long cellSize, int cellOverhead, boolean ecn,
                   int lossModel, long[] lossParams, boolean normalDistribution) {
        static final int LOSS_RANDOM = 0;
        static final int LOSS_STATE = 1;
        static final int LOSS_GEMODEL = 2;
    }

    /** Correlated random state (Linux's struct crndstate). */
    private static final class Crnd {
        long rho;
        long last;
    }

    private static final int TX_IN_GAP_PERIOD = 1;
    private static final int TX_IN_BURST_PERIOD = 2;
    private static final int LOST_IN_GAP_PERIOD = 3;
    private static final int LOST_IN_BURST_PERIOD = 4;
    private static final int GOOD_STATE = 1;
    private static final int BAD_STATE = 2;

    private final SimRandom random;

    private long limit;
    private long latency;   // ns
    private long jitter;    // ns
    private long loss;
    private long duplicate;
    private long reorder;
    private long gap;
    private long counter;
    private long corrupt;
    private long rate;      // bytes/s
    private int packetOverhead;
    private long cellSize;
    private int cellOverhead;
    private boolean ecn;
    private short[] delayDist;
    private final Crnd delayCor = new Crnd();
    private final Crnd lossCor = new Crnd();
    private final Crnd dupCor = new Crnd();
    private final Crnd reorderCor = new Crnd();
    private final Crnd corruptCor = new Crnd();
    private int lossModel = Options.LOSS_RANDOM;
    private int clgState;
    private long a1;
    private long a2;
    private long a3;
    private long a4;
    private long a5;

    /** Packets sent out of order (reordering), served before the time queue (Linux's sch->q). */
    private final SkbQueue head = new SkbQueue();
    /** Packets by time to send (Linux's tfifo). */
    private final SkbQueue tfifo = new SkbQueue();
    private boolean enqueueingDuplicate;

    Netem(NetDevice dev, Options o, String streamName) {
        super("netem", dev);
        this.random = net.random().split(streamName);
        apply(o);
    }

    @Override
    void change(Object options) {
        apply((Options) options);
    }

    private void apply(Options o) {
        limit = o.limit();
        latency = TcUnits.ticks2ns(o.latencyTicks());
        jitter = Math.min(Math.abs(TcUnits.ticks2ns(o.jitterTicks())), Integer.MAX_VALUE);
        gap = o.gap();
        counter = 0;
        loss = o.loss();
        duplicate = o.duplicate();
        if (gap != 0) {
            reorder = 0xffff_ffffL;
        }
        initCrandom(delayCor, o.delayCorr());
        initCrandom(lossCor, o.lossCorr());
        initCrandom(dupCor, o.dupCorr());
        if (o.reorder() >= 0) {
            reorder = o.reorder();
            initCrandom(reorderCor, o.reorderCorr());
        }
        if (o.corrupt() >= 0) {
            corrupt = o.corrupt();
            initCrandom(corruptCor, o.corruptCorr());
        }
        if (o.rate() >= 0) {
            rate = o.rate();
            packetOverhead = o.packetOverhead();
            cellSize = o.cellSize();
            cellOverhead = o.cellOverhead();
        }
        ecn = o.ecn();
        lossModel = o.lossModel();
        long[] p = o.lossParams();
        if (lossModel == Options.LOSS_STATE) {
            clgState = TX_IN_GAP_PERIOD;
            a1 = p[0];  // p13
            a2 = p[1];  // p31
            a3 = p[2];  // p32
            a4 = p[4];  // p14
            a5 = p[3];  // p23
        } else if (lossModel == Options.LOSS_GEMODEL) {
            clgState = GOOD_STATE;
            a1 = p[0];  // p
            a2 = p[1];  // r
            a3 = p[2];  // h
            a4 = p[3];  // k1
        }
        if (o.normalDistribution()) {
            delayDist = NormalTable.TABLE;
        }
    }

    // ---- random numbers ----

    /** prandom_u32_state: 32 uniform bits. */
    private long u32() {
        return random.nextLong() >>> 32;
    }

    private void initCrandom(Crnd c, long rho) {
        c.rho = rho;
        c.last = u32();
    }

    /** get_crandom: correlated with the previous value by rho/2^32. */
    private long crandom(Crnd c) {
        if (c.rho == 0) {
            return u32();
        }
        long value = u32();
        long rho = c.rho + 1;
        // Both products stay below 2^64 and so does their sum; the unsigned shift reads them right.
        long answer = ((value * ((1L << 32) - rho)) + c.last * rho) >>> 32;
        c.last = answer;
        return answer;
    }

    private boolean lossEvent() {
        switch (lossModel) {
            case Options.LOSS_RANDOM:
                return loss != 0 && loss >= crandom(lossCor);
            case Options.LOSS_STATE:
                return loss4State();
            case Options.LOSS_GEMODEL:
                return lossGilbertElliott();
            default:
                return false;
        }
    }

    /** The 4-state Markov chain of the GI model (loss_4state). */
    private boolean loss4State() {
        long rnd = u32();
        switch (clgState) {
            case TX_IN_GAP_PERIOD:
                if (rnd < a4) {
                    clgState = LOST_IN_GAP_PERIOD;
                    return true;
                } else if (rnd < a1 + a4) {
                    clgState = LOST_IN_BURST_PERIOD;
                    return true;
                }
                clgState = TX_IN_GAP_PERIOD;
                break;
            case TX_IN_BURST_PERIOD:
                if (rnd < a5) {
                    clgState = LOST_IN_BURST_PERIOD;
                    return true;
                }
                clgState = TX_IN_BURST_PERIOD;
                break;
            case LOST_IN_BURST_PERIOD:
                if (rnd < a3) {
                    clgState = TX_IN_BURST_PERIOD;
                } else if (rnd < a2 + a3) {
                    clgState = TX_IN_GAP_PERIOD;
                } else {
                    return true;
                }
                break;
            case LOST_IN_GAP_PERIOD:
                clgState = TX_IN_GAP_PERIOD;
                break;
            default:
                break;
        }
        return false;
    }

    /** Gilbert-Elliott (loss_gilb_ell): change state, then lose with the state's probability. */
    private boolean lossGilbertElliott() {
        if (clgState == GOOD_STATE) {
            if (u32() < a1) {
                clgState = BAD_STATE;
            }
            return u32() < a4;
        }
        if (u32() < a2) {
            clgState = GOOD_STATE;
        }
        return u32() > a3;
    }

    /** tabledist: mu plus jitter from the table (scaled by sigma), uniform in [-sigma, sigma) without one. */
    private long tabledist(long mu, long sigma, Crnd state) {
        if (sigma == 0) {
            return mu;
        }
        long rnd = crandom(state);
        if (delayDist == null) {
            return (rnd % (2 * sigma)) + mu - sigma;
        }
        long t = delayDist[(int) (rnd % delayDist.length)];
        long x = (sigma % NormalTable.SCALE) * t;
        x += x >= 0 ? NormalTable.SCALE / 2 : -NormalTable.SCALE / 2;
        return x / NormalTable.SCALE + (sigma / NormalTable.SCALE) * t + mu;
    }

    private long packetTimeNs(long len) {
        len += packetOverhead;
        if (cellSize != 0) {
            long cells = len / cellSize;
            if (len > cells * cellSize) {
                cells++;
            }
            len = cells * (cellSize + cellOverhead);
        }
        return rate == 0 ? 0 : len * 1_000_000_000L / rate;
    }

    // ---- enqueue / dequeue ----

    @Override
    public int enqueue(SkBuff skb) {
        int count = 1;
        if (duplicate != 0 && !enqueueingDuplicate && duplicate >= crandom(dupCor)) {
            count++;
        }
        if (lossEvent()) {
            if (ecn && InetEcn.setCe(skb)) {
                drops++;   // Linux counts a mark in place of a loss as a drop
            } else {
                count--;
            }
        }
        if (count == 0) {
            qdiscDrop(skb);
            return NET_XMIT_SUCCESS;
        }
        SkBuff dup = count > 1 ? skb.clone() : null;
        if (corrupt != 0 && corrupt >= crandom(corruptCor)) {
            corruptOneBit(skb);
        }
        if (qlen >= limit) {
            qdiscDrop(skb);
            if (dup != null) {
                purge(dup);
            }
            return NET_XMIT_DROP;
        }
        if (dup != null) {
            enqueueDuplicate(dup);
        }
        accountEnqueue(skb);
        if (gap == 0 || counter < gap - 1 || reorder < crandom(reorderCor)) {
            long delay = tabledist(latency, jitter, delayCor);
            long now = now();
            if (rate != 0) {
                SkBuff last = lastScheduled();
                if (last != null) {
                    long lastTime = last.cb[CB_TIME];
                    delay = Math.max(0, delay - (lastTime - now));
                    now = lastTime;
                }
                delay += packetTimeNs(skb.len());
            }
            skb.cb[CB_TIME] = now + delay;
            counter++;
            insertByTime(tfifo, skb);
        } else {
            skb.cb[CB_TIME] = now();
            counter = 0;
            head.addFirst(skb);
            requeues++;
        }
        return NET_XMIT_SUCCESS;
    }

    /** The duplicate goes to the top of the queue's tree, marked so that it is not duplicated again. */
    private void enqueueDuplicate(SkBuff dup) {
        Qdisc root = txq != null && txq.qdisc() != null ? txq.qdisc() : this;
        enqueueingDuplicate = true;
        try {
            root.enqueue(dup);
        } finally {
            enqueueingDuplicate = false;
        }
    }

    /** The packet due last: the reference a rate limit schedules after. */
    private SkBuff lastScheduled() {
        SkBuff a = head.peekLast();
        SkBuff b = tfifo.peekLast();
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.cb[CB_TIME] > a.cb[CB_TIME] ? b : a;
    }

    /**
     * Flips one random bit of the linear data, as netem does, after resolving a checksum left to
     * the device (skb_checksum_help), since the corruption must show in what is sent.
     */
    private void corruptOneBit(SkBuff skb) {
        skb.makeWritable();
        if (skb.ipSummed() == SkBuff.CHECKSUM_PARTIAL) {
            skb.linearize();
            int start = skb.csumStart();
            byte[] b = skb.buf();
            int sum = Checksum.finish(Checksum.add(0, b, start, skb.tail() - start));
            Bytes.put16(b, start + skb.csumOffset(), sum);
            skb.setIpSummed(SkBuff.CHECKSUM_NONE);
        }
        int hl = skb.headLen();
        if (hl > 0) {
            int at = skb.data() + random.nextInt(hl);
            skb.buf()[at] ^= (byte) (1 << random.nextInt(8));
        }
    }

    @Override
    protected SkBuff doDequeue() {
        SkBuff skb = head.pollFirst();
        if (skb == null) {
            skb = tfifo.peekFirst();
            if (skb == null) {
                return null;
            }
            long when = skb.cb[CB_TIME];
            if (when > now()) {
                watchdogAt(when);
                return null;
            }
            tfifo.unlink(skb);
        }
        accountDequeue(skb);
        return skb;
    }

    @Override
    public SkBuff peek() {
        SkBuff s = head.peekFirst();
        if (s != null) {
            return s;
        }
        s = tfifo.peekFirst();
        return s != null && s.cb[CB_TIME] <= now() ? s : null;
    }

    @Override
    protected void doReset() {
        purgeAll(head);
        purgeAll(tfifo);
    }

    public long limit() {
        return limit;
    }

    public long latencyNanos() {
        return latency;
    }

    public long jitterNanos() {
        return jitter;
    }

    /** As tc 6.1 prints it (no trailing space). */
    @Override
    public String describeParameters() {
        StringBuilder sb = new StringBuilder();
        sb.append("limit ").append(limit);
        long latTicks = Math.min(TcUnits.ns2ticks(latency), 0xffff_ffffL);
        long jitTicks = Math.min(TcUnits.ns2ticks(jitter), 0xffff_ffffL);
        if (latTicks != 0) {
            sb.append(" delay ").append(TcUnits.time(TcUnits.tick2time(latTicks)));
            if (jitTicks != 0) {
                sb.append("  ").append(TcUnits.time(TcUnits.tick2time(jitTicks)));
                if (delayCor.rho != 0) {
                    sb.append(' ').append(TcUnits.percent(delayCor.rho));
                }
            }
        }
        if (loss != 0) {
            sb.append(" loss ").append(TcUnits.percent(loss));
            if (lossCor.rho != 0) {
                sb.append(' ').append(TcUnits.percent(lossCor.rho));
            }
        }
        if (lossModel == Options.LOSS_STATE) {
            sb.append(" loss state p13 ").append(TcUnits.percent(a1));
            sb.append(" p31 ").append(TcUnits.percent(a2));
            sb.append(" p32 ").append(TcUnits.percent(a3));
            sb.append(" p23 ").append(TcUnits.percent(a5));
            sb.append(" p14 ").append(TcUnits.percent(a4));
        } else if (lossModel == Options.LOSS_GEMODEL) {
            sb.append(" loss gemodel p ").append(TcUnits.percent(a1));
            sb.append(" r ").append(TcUnits.percent(a2));
            sb.append(" 1-h ").append(TcUnits.percent(0xffff_ffffL - a3));
            sb.append(" 1-k ").append(TcUnits.percent(a4));
        }
        if (duplicate != 0) {
            sb.append(" duplicate ").append(TcUnits.percent(duplicate));
            if (dupCor.rho != 0) {
                sb.append(' ').append(TcUnits.percent(dupCor.rho));
            }
        }
        if (reorder != 0) {
            sb.append(" reorder ").append(TcUnits.percent(reorder));
            if (reorderCor.rho != 0) {
                sb.append(' ').append(TcUnits.percent(reorderCor.rho));
            }
        }
        if (corrupt != 0) {
            sb.append(" corrupt ").append(TcUnits.percent(corrupt));
            if (corruptCor.rho != 0) {
                sb.append(' ').append(TcUnits.percent(corruptCor.rho));
            }
        }
        if (rate != 0) {
            sb.append(" rate ").append(TcUnits.rate(rate));
            if (packetOverhead != 0) {
                sb.append(" packetoverhead ").append(packetOverhead);
            }
            if (cellSize != 0) {
                sb.append(" cellsize ").append(cellSize);
            }
            if (cellOverhead != 0) {
                sb.append(" celloverhead ").append(cellOverhead);
            }
        }
        if (ecn) {
            sb.append(" ecn ");
        }
        if (gap != 0) {
            sb.append(" gap ").append(gap);
        }
        return sb.toString();
    }
}
