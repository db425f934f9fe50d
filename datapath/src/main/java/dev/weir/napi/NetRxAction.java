package dev.weir.napi;

import dev.weir.core.Cpu;
import dev.weir.core.NetNs;
import dev.weir.sim.Timer;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbQueue;

/**
 * The NET_RX softirq of one modelled CPU (Linux's {@code net_rx_action} with the CPU's
 * {@code softnet_data}): its poll list, its backlog (the queue {@code netif_rx} and RPS fill,
 * polled by {@code process_backlog} as one more NAPI context), and the loop that polls.
 *
 * <p><b>A round</b> ({@code net_rx_action}) starts from the contexts on the poll list and a
 * budget of {@code net.core.netdev_budget} packets and {@code net.core.netdev_budget_usecs} of
 * time. It polls each context once, in list order: a poll ends when the driver has no more work
 * (the context completes) or has used the context's weight (it goes to the back, for the next
 * round). After each poll the budget is checked: used up, or the time over, and the round ends
 * with {@code time_squeeze} counted. When every context has been polled once and some used
 * their weight, the round ends without a squeeze. Either way, if contexts remain scheduled the
 * softirq is raised again and the next round starts when the CPU is free (Linux's
 * {@code __do_softirq} restart, then ksoftirqd). Contexts scheduled during a round are polled in
 * the same round once the first pass is done and none waits for another round, as Linux's
 * {@code goto start}.
 *
 * <p><b>Time.</b> One scheduler event processes one packet: the driver is asked for one
 * ({@code poll(napi, 1)}), every stage the packet passes charges its cost to the namespace
 * ({@link NetNs#charge}), and the loop bills the sum to this CPU ({@link Cpu#busyUntil},
 * {@link Cpu#busyNanos}, {@link Cpu#softirqNanos}) and runs the next step when that work is done.
 * A later packet of a poll is therefore handled later, and a CPU given more work than it can do
 * falls behind while its NIC rings fill. Work charged to the CPU by other means (an interrupt)
 * delays the next step likewise.
 */
public final class NetRxAction {
    private final Softnet softnet;
    private final NetNs net;
    private final Cpu cpu;
    private final Timer timer;

    /** sd->poll_list: contexts scheduled and not being polled in the current round. */
    private final NapiList pollList = new NapiList();
    /** The round's own list (spliced from pollList at its start) and its repoll list. */
    private final NapiList list = new NapiList();
    private final NapiList repoll = new NapiList();

    private boolean inRound;
    private int budget;
    private long timeLimit;
    private Napi current;
    private int work;

    /** input_pkt_queue and the backlog NAPI polled by process_backlog. */
    final SkbQueue inputQueue = new SkbQueue();
    final Napi backlog;

    private long rounds;
    private long steps;
    private int roundWork;
    private int lastRoundWork;
    private int maxRoundWork;

    NetRxAction(Softnet softnet, Cpu cpu, int backlogWeight) {
        this.softnet = softnet;
        this.net = softnet.net();
        this.cpu = cpu;
        this.timer = net.scheduler().newTimer("net_rx_action:cpu" + cpu.id(), this::step);
        this.backlog = new Napi(softnet, "backlog:cpu" + cpu.id(), cpu.id(), backlogWeight, new Backlog());
    }

    public Cpu cpu() {
        return cpu;
    }

    /** Packets waiting in this CPU's backlog. */
    public int backlogLength() {
        return inputQueue.size();
    }

    /** The backlog's NAPI context (process_backlog). */
    public Napi backlogNapi() {
        return backlog;
    }

    /** Rounds of net_rx_action run. */
    public long rounds() {
        return rounds;
    }

    /** Packets the last finished round processed over all its polls. */
    public int lastRoundWork() {
        return lastRoundWork;
    }

    /** The most packets one round has processed. */
    public int maxRoundWork() {
        return maxRoundWork;
    }

    /** True while a round is in progress. */
    public boolean inRound() {
        return inRound;
    }

    /** ____napi_schedule: appends a context to the poll list and raises NET_RX. */
    void add(Napi n) {
        pollList.addLast(n);
        raise();
    }

    /** raise_softirq(NET_RX_SOFTIRQ): the loop runs once the CPU is free, if it is not already due. */
    void raise() {
        if (!timer.isPending()) {
            timer.scheduleAt(Math.max(net.now(), cpu.busyUntil));
        }
    }

    private void step() {
        long now = net.now();
        if (cpu.busyUntil > now) {
            timer.scheduleAt(cpu.busyUntil);
            return;
        }
        steps++;
        if (!inRound) {
            if (pollList.isEmpty()) {
                return;
            }
            inRound = true;
            rounds++;
            roundWork = 0;
            budget = softnet.netdevBudget();
            timeLimit = now + softnet.netdevBudgetUsecs() * 1000L;
            list.takeAll(pollList);
        }
        if (current == null) {
            current = list.pollFirst();
            if (current == null && repoll.isEmpty() && !pollList.isEmpty()) {
                list.takeAll(pollList);
                current = list.pollFirst();
            }
            if (current == null) {
                endRound();
                return;
            }
            if (current.isDisabled()) {
                current.dropScheduled();
                current = null;
                timer.scheduleAt(now);
                return;
            }
            work = 0;
            current.pollStarted();
        }
        net.runOn(cpu);
        Napi n = current;
        int done = n.pollStep(1);
        work += done;
        if (done == 0 || work >= n.weight()) {
            current = null;
            if (done == 0) {
                n.completeDone(work);
            } else {
                n.pollEnded(work);
                repoll.addLast(n);
            }
            bill(now);
            budget -= work;
            roundWork += work;
            if (budget <= 0 || cpu.busyUntil >= timeLimit) {
                cpu.timeSqueeze++;
                endRound();
                return;
            }
        } else {
            bill(now);
        }
        timer.scheduleAt(Math.max(now, cpu.busyUntil));
    }

    private void bill(long now) {
        long c = net.takePendingCost();
        if (c > 0) {
            cpu.charge(now, c);
            cpu.softirqNanos += c;
        }
    }

    /** End of net_rx_action: what is left and what needs another poll go back on the poll list. */
    private void endRound() {
        inRound = false;
        lastRoundWork = roundWork;
        maxRoundWork = Math.max(maxRoundWork, roundWork);
        list.takeAll(pollList);
        list.takeAll(repoll);
        pollList.takeAll(list);
        if (!pollList.isEmpty()) {
            timer.scheduleAt(Math.max(net.now(), cpu.busyUntil));
        }
    }

    /** Hands a packet to the stack on this CPU: counted in softnet_stat's processed. */
    void deliver(SkBuff skb) {
        cpu.processed++;
        softnet.deliverToReceiver(skb);
    }

    /** process_backlog: the backlog as a NAPI context. */
    private final class Backlog implements Napi.Driver {
        @Override
        public int poll(Napi napi, int budget) {
            int n = 0;
            SkBuff skb;
            while (n < budget && (skb = inputQueue.pollFirst()) != null) {
                deliver(skb);
                n++;
            }
            return n;
        }
    }

    @Override
    public String toString() {
        return "NetRxAction[cpu " + cpu.id() + (inRound ? ", in round" : "") + ", " + rounds + " rounds, " + steps + " steps]";
    }
}
