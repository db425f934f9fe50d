package dev.weir.link;

import dev.weir.link.LinkConfig.GilbertElliott;
import dev.weir.sim.Scheduler;
import dev.weir.sim.SimRandom;
import dev.weir.sim.Timer;
import dev.weir.sim.VirtualTime;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbQueue;

/**
 * One direction of a {@link Link}: a FIFO in front of the line, the line itself (one frame
 * serialised at a time), and the frames propagating towards the far end.
 *
 * <pre>
 *  transmit(f) --down?-----------------------------------------------> drop: link down
 *              --L3 payload &gt; mtu?----------------------------------> drop: too big
 *              --line busy and queue at its limit?-------------------> drop: queue full
 *              --&gt; [ queue ] --&gt; line: tap OUTBOUND, tx counted,
 *                               busy (len + overhead) * 8 / rate
 *                  when the last bit has left:
 *                    lost (Bernoulli, then Gilbert–Elliott)?----------> drop: loss random / burst
 *                    duplicate? (a copy() of the frame as sent)
 *                    corrupt? (one random bit flipped in the original)
 *                    reorder? --yes--&gt; delivered at once
 *                             --no---&gt; after delay + jitter, never before an earlier frame
 *                  at delivery: tap INBOUND at the far end, port.receive(f)
 * </pre>
 *
 * <p><b>Jitter and order.</b> A frame that is not picked for reordering is delivered no earlier
 * than the frame sent before it (its time is the later of its own and its predecessor's), so
 * jitter stretches gaps but never reorders: the behaviour of netem with a rate or of a real
 * wire. Linux netem with jitter and no rate does reorder; here only {@code reorder} does.
 *
 * <p><b>Reordering</b> follows netem: with probability {@code reorderProbability} a frame skips
 * the delay and jitter and is delivered when its last bit leaves, overtaking the delayed frames
 * still in flight; with a gap N, after such a frame the next N-1 frames are always delayed.
 * {@link LinkStats#reordered()} counts frames that really arrived before one sent ahead of
 * them.
 *
 * <p><b>Randomness.</b> Each impairment draws from its own stream split from this direction's
 * (which the link splits from the simulation by name), and only while it is configured, so
 * turning one impairment on leaves the others' decisions unchanged.
 *
 * <p><b>Changes.</b> {@link #setConfig} takes effect for frames that start onto the line from
 * then on; the frame on the line keeps its finish time and queued frames are not re-checked.
 */
public final class LinkDirection {
    /** Slot of {@link SkBuff#cb} where a frame in flight keeps its delivery time. */
    private static final int CB_DELIVER_AT = 0;
    private static final int ETH_HLEN = 14;
    private static final int VLAN_HLEN = 4;

    private final Link link;
    private final LinkEnd from;
    private final LinkEnd to;
    private final String name;
    private final Scheduler scheduler;
    private final LinkStats stats = new LinkStats();
    private LinkConfig config;

    private final SkbQueue queue = new SkbQueue();
    private SkBuff onWire;
    /** Sub-nanosecond remainder of serialisation times (in bit-nanoseconds), so a long run keeps the exact rate. */
    private long serialisationCarry;
    private final Timer txDone;

    private final SkbQueue inFlight = new SkbQueue();
    private final SkbQueue inFlightEarly = new SkbQueue();
    private final Timer deliver;
    private final Timer deliverEarly;
    /** Delivery time of the last delayed frame: no later delayed frame arrives before it. */
    private long lastDeliveryAt;

    private final SimRandom lossRandom;
    private final SimRandom burstRandom;
    private final SimRandom jitterRandom;
    private final SimRandom reorderRandom;
    private final SimRandom duplicateRandom;
    private final SimRandom corruptRandom;
    private boolean burstBad;
    private int reorderCounter;
    private final byte[] etherTypeScratch = new byte[2];

    LinkDirection(Link link, LinkEnd from, LinkEnd to, LinkConfig config, Scheduler scheduler, SimRandom random) {
        this.link = link;
        this.from = from;
        this.to = to;
        this.name = from.name() + "->" + to.name();
        this.scheduler = scheduler;
        this.config = config;
        this.txDone = scheduler.newTimer("link " + name + " tx done", this::onTxDone);
        this.deliver = scheduler.newTimer("link " + name + " deliver", this::deliverDelayed);
        this.deliverEarly = scheduler.newTimer("link " + name + " deliver reordered", this::deliverReordered);
        this.lossRandom = random.split("loss");
        this.burstRandom = random.split("burst-loss");
        this.jitterRandom = random.split("jitter");
        this.reorderRandom = random.split("reorder");
        this.duplicateRandom = random.split("duplicate");
        this.corruptRandom = random.split("corrupt");
    }

    /** {@code "a->b"}, after the ends' names. */
    public String name() {
        return name;
    }

    public Link link() {
        return link;
    }

    /** The end whose port transmits in this direction. */
    public LinkEnd from() {
        return from;
    }

    /** The end whose port receives in this direction. */
    public LinkEnd to() {
        return to;
    }

    public LinkConfig config() {
        return config;
    }

    /** Replaces the configuration (like {@code tc qdisc change ... netem}); see the class comment. */
    public void setConfig(LinkConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("link " + name + ": config must not be null");
        }
        this.config = config;
        this.serialisationCarry = 0;
    }

    public LinkStats stats() {
        return stats;
    }

    /** True while a frame is on the line or waiting for it. */
    public boolean isBusy() {
        return onWire != null || !queue.isEmpty();
    }

    /** Frames waiting for the line (not counting the one on it). */
    public int queuedPackets() {
        return queue.size();
    }

    public long queuedBytes() {
        return queue.bytes();
    }

    /** Frames serialised and not yet delivered. */
    public int inFlightPackets() {
        return inFlight.size() + inFlightEarly.size();
    }

    // ---- transmit ----------------------------------------------------------------------

    boolean transmit(SkBuff frame) {
        if (frame == null || frame.isFreed()) {
            throw new IllegalArgumentException("link " + name + ": transmit of " + (frame == null ? "null" : "a freed frame"));
        }
        LinkConfig c = config;
        if (!link.isUp()) {
            stats.droppedLinkDown++;
            frame.free();
            return false;
        }
        if (l3Length(frame) > c.mtu()) {
            stats.droppedTooBig++;
            frame.free();
            return false;
        }
        if (onWire == null) {
            startTx(frame);
            return true;
        }
        if (queue.size() >= c.queueLimitPackets() || frame.len() > c.queueLimitBytes() - queue.bytes()) {
            stats.droppedQueueFull++;
            frame.free();
            return false;
        }
        queue.addLast(frame);
        return true;
    }

    /** The frame's L3 payload: its length less the Ethernet header, and less one 802.1Q/802.1ad tag if present. */
    private int l3Length(SkBuff frame) {
        int len = frame.len();
        if (len < ETH_HLEN) {
            return 0;
        }
        frame.copyBits(12, etherTypeScratch, 0, 2);
        int etherType = ((etherTypeScratch[0] & 0xff) << 8) | (etherTypeScratch[1] & 0xff);
        boolean tagged = etherType == 0x8100 || etherType == 0x88a8;
        return len - ETH_HLEN - (tagged ? VLAN_HLEN : 0);
    }

    private void startTx(SkBuff frame) {
        LinkConfig c = config;
        int len = frame.len();
        stats.txPackets++;
        stats.txBytes += len;
        from.tapOutbound(scheduler.now(), frame);
        long rate = c.rateBitsPerSecond();
        if (rate == 0) {
            onWire(frame); // infinite rate: the line is never busy
            return;
        }
        long bitNanos = (len + (long) c.overheadBytes()) * 8 * VirtualTime.SECOND + serialisationCarry;
        serialisationCarry = bitNanos % rate;
        onWire = frame;
        txDone.scheduleIn(bitNanos / rate);
    }

    private void onTxDone() {
        SkBuff f = onWire;
        onWire = null;
        onWire(f);
        SkBuff next;
        while (onWire == null && (next = queue.pollFirst()) != null) {
            startTx(next);
        }
        if (onWire == null) {
            LinkPort p = from.port();
            if (p != null) {
                p.wireFree();
            }
        }
    }

    /** The frame's last bit has left: apply the impairments and send it on its way. */
    private void onWire(SkBuff f) {
        LinkConfig c = config;
        long now = scheduler.now();
        if (c.lossProbability() > 0 && lossRandom.nextDouble() < c.lossProbability()) {
            stats.droppedLossRandom++;
            f.free();
            return;
        }
        if (c.burstLoss().enabled() && burstLoses(c.burstLoss())) {
            stats.droppedLossBurst++;
            f.free();
            return;
        }
        SkBuff dup = null;
        if (c.duplicateProbability() > 0 && duplicateRandom.nextDouble() < c.duplicateProbability()) {
            dup = f.copy();
            stats.duplicated++;
        }
        if (c.corruptProbability() > 0 && corruptRandom.nextDouble() < c.corruptProbability() && f.len() > 0) {
            flipOneBit(f);
            stats.corrupted++;
        }
        if (c.reorderProbability() > 0 && pickedForReorder(c)) {
            if (now < lastDeliveryAt) {
                stats.reordered++;
            }
            enqueueInFlight(inFlightEarly, deliverEarly, f, now);
            if (dup != null) {
                enqueueInFlight(inFlightEarly, deliverEarly, dup, now);
            }
            return;
        }
        long at = Math.max(now + Math.max(0, c.delayNanos() + jitterSample(c)), lastDeliveryAt);
        lastDeliveryAt = at;
        enqueueInFlight(inFlight, deliver, f, at);
        if (dup != null) {
            enqueueInFlight(inFlight, deliver, dup, at);
        }
    }

    /** One Gilbert–Elliott step: loss decided by the current state, then the state moves. */
    private boolean burstLoses(GilbertElliott ge) {
        boolean lost = burstRandom.nextDouble() < (burstBad ? ge.lossInBad() : ge.lossInGood());
        double u = burstRandom.nextDouble();
        burstBad = burstBad ? u >= ge.r() : u < ge.p();
        return lost;
    }

    /** netem's reorder with gap: after an early frame, gap-1 frames are always delayed. */
    private boolean pickedForReorder(LinkConfig c) {
        if (c.reorderGap() > 1 && reorderCounter < c.reorderGap() - 1) {
            reorderCounter++;
            return false;
        }
        if (reorderRandom.nextDouble() < c.reorderProbability()) {
            reorderCounter = 0;
            return true;
        }
        reorderCounter++;
        return false;
    }

    private long jitterSample(LinkConfig c) {
        long j = c.jitterNanos();
        if (j == 0) {
            return 0;
        }
        return switch (c.jitter()) {
            case UNIFORM -> jitterRandom.nextLong(2 * j + 1) - j;
            case NORMAL -> Math.round(jitterRandom.nextGaussian() * j);
        };
    }

    /** Flips one uniformly chosen bit of the frame, in a private linear copy so clones are untouched. */
    private void flipOneBit(SkBuff f) {
        f.linearize();
        f.makeWritable();
        int bit = corruptRandom.nextInt(f.len() * 8);
        f.buf()[f.data() + (bit >>> 3)] ^= (byte) (1 << (bit & 7));
    }

    // ---- delivery ----------------------------------------------------------------------

    private static void enqueueInFlight(SkbQueue q, Timer timer, SkBuff f, long at) {
        f.cb[CB_DELIVER_AT] = at;
        q.addLast(f);
        if (!timer.isPending()) {
            timer.scheduleAt(at);
        }
    }

    private void deliverDelayed() {
        deliverDue(inFlight, deliver);
    }

    private void deliverReordered() {
        deliverDue(inFlightEarly, deliverEarly);
    }

    /** Delivers every frame of {@code q} due now (each queue is in time order), then re-arms for the next. */
    private void deliverDue(SkbQueue q, Timer timer) {
        long now = scheduler.now();
        SkBuff f;
        while ((f = q.peekFirst()) != null && f.cb[CB_DELIVER_AT] <= now) {
            q.pollFirst();
            f.cb[CB_DELIVER_AT] = 0;
            LinkPort p = to.port();
            if (p == null) {
                stats.droppedNoPort++;
                f.free();
                continue;
            }
            stats.deliveredPackets++;
            stats.deliveredBytes += f.len();
            to.tapInbound(now, f);
            p.receive(f);
        }
        f = q.peekFirst();
        if (f != null) {
            timer.scheduleAt(f.cb[CB_DELIVER_AT]);
        } else {
            timer.cancel();
        }
    }

    // ---- carrier -----------------------------------------------------------------------

    /** The link went down: everything queued, on the line and in flight is lost. */
    void carrierLost() {
        txDone.cancel();
        if (onWire != null) {
            stats.droppedLinkDown++;
            SkBuff f = onWire;
            onWire = null;
            f.free();
        }
        dropAll(queue);
        dropAll(inFlight);
        dropAll(inFlightEarly);
        deliver.cancel();
        deliverEarly.cancel();
        lastDeliveryAt = 0;
        serialisationCarry = 0;
    }

    private void dropAll(SkbQueue q) {
        SkBuff f;
        while ((f = q.pollFirst()) != null) {
            stats.droppedLinkDown++;
            f.cb[CB_DELIVER_AT] = 0;
            f.free();
        }
    }

    @Override
    public String toString() {
        return "LinkDirection[" + name + ", " + (isBusy() ? "busy, " + queue.size() + " queued" : "idle") + ", "
                + inFlightPackets() + " in flight, " + stats + "]";
    }
}
