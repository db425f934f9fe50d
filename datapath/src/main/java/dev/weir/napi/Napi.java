package dev.weir.napi;

import dev.weir.api.prog.StageFunction;
import dev.weir.api.prog.Tracepoint;
import dev.weir.trace.Tracing;

import dev.weir.core.DropReason;
import dev.weir.skb.SkBuff;

/**
 * One NAPI context (Linux's {@code struct napi_struct}): a source of received packets that a
 * CPU's softirq polls instead of taking an interrupt per packet. A NIC has one per receive
 * queue; each CPU's backlog ({@link Softnet#netifRx}) is one too.
 *
 * <pre>
 *   IRQ (driver masks its vector) --&gt; schedule(): on the poll list of cpu(), NET_RX raised
 *   NET_RX softirq on cpu() --&gt; driver.poll(napi, budget) ... one packet per step, at most
 *                                 weight() per poll; each packet goes to receive(skb)
 *        poll found no more work --&gt; napi_complete_done: GRO flushed, unscheduled,
 *                                     driver.complete(napi): the driver unmasks its vector
 *        weight used up           --&gt; GRO flushed, stays scheduled, polled again next round
 * </pre>
 *
 * <p>{@link #receive} is {@code napi_gro_receive}: through {@link Gro} when GRO is on, then to
 * {@code netif_receive_skb}: RPS ({@link #setRps}) or the namespace's receiver.
 *
 * <p>Everything runs on the simulation thread; the CPU doing the work is the one whose
 * {@link NetRxAction} called the driver, and the costs the driver and the stages above charge
 * are billed to it.
 */
public final class Napi {
    /** Linux's NAPI_POLL_WEIGHT: the weight drivers give their NAPI contexts. */
    public static final int POLL_WEIGHT = 64;

    /** What a driver implements: Linux's {@code napi->poll} and the unmask after completion. */
    public interface Driver {
        /**
         * Processes at most {@code budget} received packets, handing each to
         * {@link Napi#receive}, and cleans transmit completions (which do not count); returns
         * the number of packets processed. Returning less than {@code budget} means there is no
         * more work now: the softirq then completes the NAPI context.
         */
        int poll(Napi napi, int budget);

        /**
         * The context completed ({@code napi_complete_done} returned true): re-enable the
         * interrupt; if work arrived meanwhile the interrupt fires again and schedules the
         * context anew.
         */
        default void complete(Napi napi) {}
    }

    private final Softnet softnet;
    private final String name;
    private final Driver driver;
    private final Gro gro;
    private final Tracing trace;
    private final long id;
    private final String devName;
    private int weight;
    private int cpu;
    private boolean groEnabled;
    private RpsMap rps;

    boolean scheduled;
    private boolean disabled;
    /** Link in a poll list. */
    Napi next;

    /** Polls started (napi:napi_poll), completions, and packets handed up through receive(). */
    private long polls;
    private long completions;
    private long received;
    private int lastPollWork;
    private int maxPollWork;

    Napi(Softnet softnet, String name, int cpu, int weight, Driver driver) {
        if (weight < 1) {
            throw new IllegalArgumentException("NAPI " + name + ": weight must be at least 1, got " + weight);
        }
        this.softnet = softnet;
        this.name = name;
        this.driver = driver;
        this.weight = weight;
        this.gro = new Gro(this);
        this.trace = Tracing.of(softnet.net());
        this.id = softnet.nextNapiId();
        this.devName = devName(name);
        setCpu(cpu);
    }

    public String name() {
        return name;
    }

    /** The context's identity in tracepoints ({@code napi:napi_poll}'s napi): 1, 2, ... per namespace. */
    public long id() {
        return id;
    }

    /** The device part of the name ({@code eth0} of {@code eth0-3}), as napi_poll's dev_name. */
    private static String devName(String name) {
        int dash = name.lastIndexOf('-');
        return dash > 0 ? name.substring(0, dash) : name;
    }

    public Softnet softnet() {
        return softnet;
    }

    public int weight() {
        return weight;
    }

    public void setWeight(int w) {
        if (w < 1) {
            throw new IllegalArgumentException("NAPI " + name + ": weight must be at least 1, got " + w);
        }
        weight = w;
    }

    /** The CPU whose softirq polls this context (its interrupt's affinity). */
    public int cpu() {
        return cpu;
    }

    /**
     * Moves the context to another CPU (IRQ affinity changed). A context already scheduled stays
     * on the old CPU's list until its poll completes, as in Linux.
     */
    public void setCpu(int c) {
        if (c < 0 || c >= softnet.net().numCpus()) {
            throw new IllegalArgumentException("NAPI " + name + ": CPU " + c + " outside 0.." + (softnet.net().numCpus() - 1));
        }
        cpu = c;
    }

    public boolean isScheduled() {
        return scheduled;
    }

    /**
     * {@code napi_schedule} from the driver's interrupt handler: puts the context on its CPU's
     * poll list and raises NET_RX there. Returns false (and does nothing) when it is already
     * scheduled or disabled.
     */
    public boolean schedule() {
        if (scheduled || disabled) {
            return false;
        }
        scheduled = true;
        softnet.cpu(cpu).add(this);
        return true;
    }

    /** {@code napi_disable}: no more polls; packets GRO holds are dropped (the device is going down). */
    public void disable() {
        disabled = true;
        gro.purge(DropReason.QUEUE_PURGE);
    }

    /** {@code napi_enable}. */
    public void enable() {
        disabled = false;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public Gro gro() {
        return gro;
    }

    /** Whether {@link #receive} goes through GRO (the device's GRO feature); turning it off flushes. */
    public void setGroEnabled(boolean on) {
        if (groEnabled && !on) {
            gro.flush();
        }
        groEnabled = on;
    }

    public boolean groEnabled() {
        return groEnabled;
    }

    /** The RPS map of the receive queue this context serves, or null. */
    public RpsMap rps() {
        return rps;
    }

    public void setRps(RpsMap map) {
        rps = map;
    }

    /**
     * {@code napi_gro_receive}: hands a received packet up, data at its network header, protocol
     * and MAC header set. Through GRO when on, else straight to {@code netif_receive_skb}.
     */
    public void receive(SkBuff skb) {
        int t = trace.enter(StageFunction.NAPI_GRO_RECEIVE, skb, null, id, 0, 0, 0);
        received++;
        if (groEnabled) {
            gro.receive(skb);
        } else {
            softnet.netifReceiveSkb(skb, rps);
        }
        // gro_result_t: Weir does not report how GRO used the packet; GRO_NORMAL unless dropped.
        trace.leave(t, 3);
    }

    /** Packets handed to {@link #receive}. */
    public long received() {
        return received;
    }

    public long polls() {
        return polls;
    }

    public long completions() {
        return completions;
    }

    /** Packets the last finished poll processed (what napi:napi_poll reports as work). */
    public int lastPollWork() {
        return lastPollWork;
    }

    /** The most packets one poll has processed: never more than the weight. */
    public int maxPollWork() {
        return maxPollWork;
    }

    // ---- called by NetRxAction ----

    int pollStep(int budget) {
        return driver.poll(this, budget);
    }

    void pollStarted() {
        polls++;
    }

    private void recordWork(int work) {
        if (trace.enabled(Tracepoint.NAPI_POLL)) {
            trace.napiPoll(id, devName, work, weight);
        }
        lastPollWork = work;
        maxPollWork = Math.max(maxPollWork, work);
    }

    /** End of a poll that used its weight: what GRO holds goes up; the context stays scheduled. */
    void pollEnded(int work) {
        recordWork(work);
        gro.flush();
    }

    /** napi_complete_done: GRO flushed, unscheduled, the driver unmasks its interrupt. */
    void completeDone(int work) {
        recordWork(work);
        gro.flush();
        scheduled = false;
        completions++;
        driver.complete(this);
    }

    /** Taken off a list while disabled. */
    void dropScheduled() {
        scheduled = false;
    }

    @Override
    public String toString() {
        return "Napi[" + name + " cpu " + cpu + (scheduled ? ", scheduled" : "") + (disabled ? ", disabled" : "") + "]";
    }
}
