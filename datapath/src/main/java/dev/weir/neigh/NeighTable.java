package dev.weir.neigh;

import dev.weir.api.prog.StageFunction;
import dev.weir.trace.Tracing;

import dev.weir.core.DropReason;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.Qdisc;
import dev.weir.core.Sysctls;
import dev.weir.l2.Eth;
import dev.weir.l2.L2;
import dev.weir.sim.SimRandom;
import dev.weir.sim.Timer;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A neighbour table (Linux's {@code net/core/neighbour.c}): the next hops of one address family
 * with their link-layer addresses, resolved and kept fresh by the NUD state machine, and the
 * output path that queues packets while resolution runs. {@link Arp} (IPv4) and {@link Ndisc}
 * (IPv6) are the two tables; they supply solicitation and the initial state of new entries.
 *
 * <h2>Output</h2>
 * {@link #output(SkBuff, Neighbour)} (neigh_output / neigh_resolve_output): CONNECTED entries
 * (REACHABLE, PERMANENT, NOARP) build the Ethernet header and go to {@link L2#devQueueXmit} at
 * once. Otherwise the use is recorded and (neigh_event_send) STALE becomes DELAY and sends;
 * DELAY and PROBE send; NONE and FAILED start resolution (INCOMPLETE, the first solicitation now,
 * one every retrans_time_ms) and the packet waits in the entry's queue, bounded by
 * unres_qlen_bytes (oldest dropped with NEIGH_QUEUEFULL). When the entry becomes valid the queue
 * is sent in order; when it fails each waiting packet goes to the {@link UnresolvedHandler} (the
 * IP layers send ICMP host unreachable, as Linux's error_report) and is dropped NEIGH_FAILED.
 *
 * <h2>Timers</h2>
 * As neigh_timer_handler: REACHABLE stays while confirmed within reachable_time (randomised in
 * [base/2, 3 base/2)), else goes STALE (or DELAY if used within delay_first_probe_time); DELAY
 * goes REACHABLE if confirmed within delay_first_probe_time, else PROBE; INCOMPLETE and PROBE
 * resend every retrans_time_ms and fail after ucast_solicit + app_solicit + mcast_solicit
 * (INCOMPLETE; it starts counting at ucast_solicit, so it sends mcast_solicit broadcasts) or
 * ucast_solicit + app_solicit + mcast_resolicit (PROBE: unicast probes) solicitations.
 * {@link #confirm} (TCP's dst_confirm) records a confirmation; the timers act on it.
 *
 * <h2>Garbage collection</h2>
 * While the table holds gc_thresh1 entries or more, every base_reachable_time/2 entries not
 * PERMANENT and not in a timed state are removed when FAILED or unused for gc_stale_time.
 * Creating an entry with gc_thresh3 entries (or gc_thresh2 and no flush for 5 s) first removes
 * idle entries older than 5 s; a table still full refuses the entry (NEIGH_CREATEFAIL).
 *
 * <p>Entries of a device go when it goes down or away (their waiting packets dropped
 * NEIGH_DEAD); when it loses carrier, all but PERMANENT ones go.
 */
public abstract class NeighTable {
    /** neigh_update flags (Linux's NEIGH_UPDATE_F_*). */
    public static final int F_OVERRIDE = 0x1;
    /** With a different address: keep the old one but go STALE instead of refusing (NDP's O=0). */
    public static final int F_WEAK_OVERRIDE = 0x2;
    /** The update says whether the neighbour is a router ({@link #F_ISROUTER}). */
    public static final int F_OVERRIDE_ISROUTER = 0x4;
    public static final int F_ISROUTER = 0x4000_0000;
    /** An administrative change (ip neigh): may touch PERMANENT and NOARP entries. */
    public static final int F_ADMIN = 0x8000_0000;

    /** neigh_update's "No link layer address given": a new address needed and none supplied. */
    public static final int EINVAL = 22;

    /**
     * Told about packets that waited for an entry that failed to resolve (Linux's
     * {@code neigh_ops.error_report}). {@code skb} is as it was queued (data at the network
     * header); the handler may read it (to quote it in an ICMP error) but must not keep or free
     * it: the table drops it with NEIGH_FAILED afterwards.
     */
    @FunctionalInterface
    public interface UnresolvedHandler {
        void unreachable(Neighbour n, SkBuff skb);
    }

    /** Told after every state change of an entry (the neigh:neigh_update tracepoint's moments). */
    @FunctionalInterface
    public interface Listener {
        void changed(Neighbour n, int oldState);
    }

    /** The table's counters (Linux's /proc/net/stat/{arp,ndisc}_cache). */
    public static final class Stats {
        public long allocs;
        public long destroys;
        public long lookups;
        public long hits;
        public long resFailed;
        public long rcvProbesMcast;
        public long rcvProbesUcast;
        public long periodicGcRuns;
        public long forcedGcRuns;
        public long unresDiscards;
        public long tableFulls;
    }

    protected final NetNs net;
    protected final L2 l2;
    private final String family;
    private final String prefix;
    private final int etherType;
    private final SimRandom random;
    private Neighbour[] buckets = new Neighbour[8];
    private int entries;
    private NeighParms[] parms = new NeighParms[16];
    private final Sysctls.Value gcThresh1;
    private final Sysctls.Value gcThresh2;
    private final Sysctls.Value gcThresh3;
    private final Timer gcTimer;
    private long lastFlush;
    private long nextSerial;
    private final Sysctls.Value defaultBaseReachable;
    private UnresolvedHandler unresolved;
    private final List<Listener> listeners = new ArrayList<>();
    public final Stats stats = new Stats();
    protected final Tracing trace;
    /** The flags of the update in progress, for the neigh:neigh_update tracepoint (0 for timer-driven changes). */
    private int updateFlags;

    /**
     * @param family "ipv4" or "ipv6": the sysctl tree ({@code net.FAMILY.neigh}) and names
     * @param etherType the EtherType of packets sent to these neighbours
     * @param locktimeCentis the default locktime (ARP 100, NDP 0)
     */
    protected NeighTable(L2 l2, String family, int etherType, long locktimeCentis) {
        this.net = l2.net();
        this.l2 = l2;
        this.family = family;
        this.prefix = "net." + family + ".neigh";
        this.etherType = etherType;
        this.random = net.random().split("neigh:" + family);
        Sysctls s = net.sysctls();
        perDevice(s, "base_reachable_time_ms", 30000, "mean time a confirmed neighbour stays REACHABLE (randomised by half either way), ms");
        perDevice(s, "retrans_time_ms", 1000, "time between solicitations while resolving or probing, ms");
        perDevice(s, "delay_first_probe_time", 5, "seconds a used STALE neighbour waits in DELAY for a confirmation before probing");
        perDevice(s, "ucast_solicit", 3, "unicast probes before a PROBE neighbour fails");
        perDevice(s, "mcast_solicit", 3, "broadcast/multicast solicitations before an INCOMPLETE neighbour fails");
        perDevice(s, "mcast_resolicit", 0, "multicast solicitations after the unicast probes of a PROBE neighbour");
        perDevice(s, "app_solicit", 0, "solicitations left to a user-space daemon (none in Weir)");
        perDevice(s, "unres_qlen_bytes", 212992, "bytes of packets (truesize) queued per neighbour while it resolves");
        perDevice(s, "unres_qlen", 212992 / NeighParms.TRUESIZE_ETH_FRAME, "unres_qlen_bytes counted in full-size frames");
        perDevice(s, "gc_stale_time", 60, "seconds unused before garbage collection may remove a neighbour");
        perDevice(s, "locktime", locktimeCentis, "centiseconds after an update during which an ARP reply may not override the address");
        gcThresh1 = knob(s, prefix + ".default.gc_thresh1", 128, "entries below which garbage collection never runs");
        gcThresh2 = knob(s, prefix + ".default.gc_thresh2", 512, "entries above which creation collects garbage if none was collected for 5 s");
        gcThresh3 = knob(s, prefix + ".default.gc_thresh3", 1024, "most entries the table holds");
        knob(s, prefix + ".default.gc_interval", 30, "seconds (kept for compatibility; Linux's collector runs every base_reachable_time/2)");
        defaultBaseReachable = s.value(prefix + ".default.base_reachable_time_ms");
        trace = Tracing.of(net);
        gcTimer = net.scheduler().newTimer(net.name() + ":" + family + "-neigh-gc", this::periodicWork);
        for (NetDevice d : net.devices()) {
            addParms(d);
        }
        net.addDeviceListener(this::deviceEvent);
    }

    private void perDevice(Sysctls s, String leaf, long def, String doc) {
        if (!s.exists(prefix + ".default." + leaf)) {
            s.registerPerDevice(prefix, leaf, false, def, 0, Integer.MAX_VALUE, doc);
        }
    }

    static Sysctls.Value knob(Sysctls s, String name, long def, String doc) {
        return s.exists(name) ? s.value(name) : s.registerInt(name, def, 0, Integer.MAX_VALUE, doc);
    }

    /** "ipv4" or "ipv6". */
    public String family() {
        return family;
    }

    /** The address of a key as {@code ip neigh} prints it. */
    protected abstract String keyString(long hi, long lo);

    /** Sends a solicitation for {@code n} (arp_solicit, ndisc_solicit); {@code queued} is its newest waiting packet, or null. */
    protected abstract void solicit(Neighbour n, SkBuff queued);

    /** The state and address of a new entry (arp_constructor, ndisc_constructor): NOARP ones map directly. */
    protected abstract void construct(Neighbour n);

    /** Installs what the IP layer does with packets whose neighbour failed (ICMP host unreachable). */
    public void setUnresolvedHandler(UnresolvedHandler h) {
        this.unresolved = h;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    // ---- parameters --------------------------------------------------------------------

    NeighParms parms(NetDevice dev) {
        int i = dev.ifindex();
        NeighParms p = i < parms.length ? parms[i] : null;
        if (p == null) {
            p = addParms(dev);
        }
        return p;
    }

    private NeighParms addParms(NetDevice dev) {
        int i = dev.ifindex();
        if (i >= parms.length) {
            parms = Arrays.copyOf(parms, Math.max(i + 1, parms.length * 2));
        }
        NeighParms p = new NeighParms(net.sysctls(), prefix, dev.name(), random, net.now());
        parms[i] = p;
        return p;
    }

    /** The current reachable_time of {@code dev}, in nanoseconds (randomised from base_reachable_time_ms). */
    public long reachableTime(NetDevice dev) {
        return parms(dev).reachableTime(net.now());
    }

    // ---- the hash table ----------------------------------------------------------------

    private static int hash(long hi, long lo, int ifindex, int n) {
        long h = (hi * 0x9e3779b97f4a7c15L) ^ (lo * 0xc2b2ae3d27d4eb4fL) ^ ifindex;
        h ^= h >>> 29;
        return (int) h & (n - 1);
    }

    /** neigh_lookup: the entry for an address on {@code dev}, or null. Allocates nothing. */
    public Neighbour lookup(long hi, long lo, NetDevice dev) {
        stats.lookups++;
        int ifi = dev.ifindex();
        for (Neighbour n = buckets[hash(hi, lo, ifi, buckets.length)]; n != null; n = n.next) {
            if (n.keyLo == lo && n.keyHi == hi && n.dev == dev) {
                stats.hits++;
                return n;
            }
        }
        return null;
    }

    /**
     * neigh_create: a new entry in state NONE (or the state {@link #construct} gives it), or
     * null when the table is full even after forced garbage collection.
     */
    public Neighbour create(long hi, long lo, NetDevice dev) {
        Neighbour old = lookup(hi, lo, dev);
        if (old != null) {
            return old;
        }
        long now = net.now();
        if (entries >= gcThresh3.get() || (entries >= gcThresh2.get() && now - lastFlush > 5_000_000_000L)) {
            if (!forcedGc() && entries >= gcThresh3.get()) {
                stats.tableFulls++;
                return null;
            }
        }
        Neighbour n = new Neighbour(this, dev, hi, lo, now);
        n.serial = nextSerial++;
        n.confirmed = now - 2 * parms(dev).baseReachableMs.get() * 1_000_000L;
        construct(n);
        if (entries >= buckets.length) {
            rehash();
        }
        int b = hash(hi, lo, dev.ifindex(), buckets.length);
        n.next = buckets[b];
        buckets[b] = n;
        entries++;
        stats.allocs++;
        if (entries >= gcThresh1.get() && !gcTimer.isPending()) {
            gcTimer.scheduleIn(gcPeriod());
        }
        return n;
    }

    private void rehash() {
        Neighbour[] nb = new Neighbour[buckets.length * 2];
        for (Neighbour head : buckets) {
            Neighbour n = head;
            while (n != null) {
                Neighbour next = n.next;
                int b = hash(n.keyHi, n.keyLo, n.dev.ifindex(), nb.length);
                n.next = nb[b];
                nb[b] = n;
                n = next;
            }
        }
        buckets = nb;
    }

    /**
     * Every entry, oldest first (the order {@code ip neigh} lists; Linux's follows its randomly
     * seeded hash, so no order is more faithful than another).
     */
    public List<Neighbour> entries() {
        List<Neighbour> out = new ArrayList<>(entries);
        for (Neighbour head : buckets) {
            for (Neighbour n = head; n != null; n = n.next) {
                out.add(n);
            }
        }
        out.sort((a, b) -> Long.compare(a.serial, b.serial));
        return out;
    }

    public int size() {
        return entries;
    }

    /** Removes {@code n} from the table (neigh_mark_dead): its timer stops, waiting packets are dropped NEIGH_DEAD. */
    protected void remove(Neighbour n) {
        if (n.dead) {
            return;
        }
        int b = hash(n.keyHi, n.keyLo, n.dev.ifindex(), buckets.length);
        Neighbour prev = null;
        for (Neighbour x = buckets[b]; x != null; prev = x, x = x.next) {
            if (x == n) {
                if (prev == null) {
                    buckets[b] = x.next;
                } else {
                    prev.next = x.next;
                }
                break;
            }
        }
        n.next = null;
        n.dead = true;
        n.timer.cancel();
        purge(n, DropReason.NEIGH_DEAD);
        entries--;
        stats.destroys++;
    }

    private void purge(Neighbour n, DropReason reason) {
        SkBuff s;
        while ((s = n.arpQueue.pollFirst()) != null) {
            net.drop(s, reason);
        }
        n.arpQueueBytes = 0;
    }

    // ---- output ------------------------------------------------------------------------

    /**
     * neigh_output: sends {@code skb} (data at its network header, as the IP layer hands it down)
     * to neighbour {@code n}, or queues it until {@code n} resolves. Takes ownership. Returns
     * what {@link L2#devQueueXmit} returned, or {@link Qdisc#NET_XMIT_SUCCESS} when the packet
     * waits (or was dropped as resolution failed at once).
     */
    public int output(SkBuff skb, Neighbour n) {
        if ((n.state & Nud.CONNECTED) != 0) {
            return xmit(skb, n);
        }
        // Not connected: Linux's neigh->output is neigh_resolve_output here.
        int t = trace.enter(StageFunction.NEIGH_RESOLVE_OUTPUT, skb, null, n.serial + 1, 0, 0, 0);
        int rc = resolveOutput(skb, n);
        trace.leave(t, rc);
        return rc;
    }

    private int resolveOutput(SkBuff skb, Neighbour n) {
        n.used = net.now();
        if ((n.state & (Nud.DELAY | Nud.PROBE)) != 0 || !eventSend(n, skb)) {
            return xmit(skb, n);
        }
        return Qdisc.NET_XMIT_SUCCESS;
    }

    /** Looks up (or creates) the entry for an address on {@code dev} and sends through it; NEIGH_CREATEFAIL when the table is full. */
    protected int output(SkBuff skb, long hi, long lo, NetDevice dev) {
        Neighbour n = lookup(hi, lo, dev);
        if (n == null) {
            n = create(hi, lo, dev);
            if (n == null) {
                net.drop(skb, DropReason.NEIGH_CREATEFAIL);
                return Qdisc.NET_XMIT_DROP;
            }
        }
        return output(skb, n);
    }

    /** dev_hard_header + dev_queue_xmit with the entry's address. */
    private int xmit(SkBuff skb, Neighbour n) {
        Eth.hardHeader(skb, n.dev, etherType, n.ha);
        return l2.devQueueXmit(skb, n.dev);
    }

    /** __neigh_event_send: true when it took {@code skb} (queued it or dropped it), false to send now. */
    private boolean eventSend(Neighbour n, SkBuff skb) {
        if (n.dead) {
            net.drop(skb, DropReason.NEIGH_DEAD);
            return true;
        }
        long now = net.now();
        NeighParms p = parms(n.dev);
        boolean immediateProbe = false;
        int old = n.state;
        if ((n.state & (Nud.STALE | Nud.INCOMPLETE)) == 0) {
            if (p.mcastSolicit.get() + p.appSolicit.get() > 0) {
                n.probes = (int) p.ucastSolicit.get();
                n.state = Nud.INCOMPLETE;
                n.updated = now;
                immediateProbe = true;
                n.timer.scheduleAt(now + p.retransNanos());
            } else {
                n.state = Nud.FAILED;
                n.updated = now;
                notify(n, old);
                net.drop(skb, DropReason.NEIGH_FAILED);
                return true;
            }
        } else if ((n.state & Nud.STALE) != 0) {
            n.state = Nud.DELAY;
            n.updated = now;
            n.timer.scheduleAt(now + p.delayProbeNanos());
        }
        if (n.state != old) {
            notify(n, old);
        }
        if (n.state == Nud.INCOMPLETE) {
            long size = truesize(skb);
            long limit = p.unresQlenBytes.get();
            while (n.arpQueueBytes + size > limit) {
                SkBuff oldest = n.arpQueue.pollFirst();
                if (oldest == null) {
                    break;
                }
                n.arpQueueBytes -= truesize(oldest);
                stats.unresDiscards++;
                net.drop(oldest, DropReason.NEIGH_QUEUEFULL);
            }
            n.arpQueue.addLast(skb);
            n.arpQueueBytes += size;
            if (immediateProbe) {
                probe(n);
            }
            return true;
        }
        return false;
    }

    /**
     * What a queued packet counts against unres_qlen_bytes: Linux's skb->truesize, the buffer's
     * capacity plus the sk_buff and skb_shared_info structures (256 + 320 bytes) and its page
     * fragments.
     */
    static long truesize(SkBuff skb) {
        long t = skb.end() + 576;
        for (int i = 0; i < skb.nrFrags(); i++) {
            t += skb.fragLength(i);
        }
        return t;
    }

    /** neigh_probe: one solicitation, counted. */
    private void probe(Neighbour n) {
        solicit(n, n.arpQueue.peekLast());
        n.probes++;
    }

    /**
     * neigh_confirm (dst_confirm): the upper layer saw the neighbour answer (a TCP ACK advanced).
     * Records the confirmation; a DELAY entry becomes REACHABLE when its timer runs.
     */
    public void confirm(Neighbour n) {
        n.confirmed = net.now();
    }

    // ---- neigh_update ------------------------------------------------------------------

    /**
     * __neigh_update: sets {@code n}'s address ({@code lladdr}, or -1 to keep the known one) and
     * state, as a received reply, solicitation or advertisement (or {@code ip neigh}) demands.
     * Without {@link #F_ADMIN}, PERMANENT and NOARP entries do not change. With a valid entry:
     * a different address is taken only with {@link #F_OVERRIDE} (with {@link #F_WEAK_OVERRIDE}
     * a CONNECTED entry keeps its address and goes STALE instead); the same address offered as
     * STALE leaves the state alone. Becoming valid sends the waiting packets; becoming invalid
     * from INCOMPLETE or PROBE fails them. Returns 0, or {@link #EINVAL} when a new address was
     * needed and none given.
     */
    public int update(Neighbour n, long lladdr, int newState, int flags) {
        updateFlags = flags & ~F_ADMIN;
        try {
            return update0(n, lladdr, newState, flags);
        } finally {
            updateFlags = 0;
        }
    }

    private int update0(Neighbour n, long lladdr, int newState, int flags) {
        int old = n.state;
        long now = net.now();
        if ((flags & F_ADMIN) == 0 && (old & (Nud.NOARP | Nud.PERMANENT)) != 0) {
            return 0;
        }
        if (n.dead) {
            return 0;
        }
        boolean updateIsRouter = (flags & F_OVERRIDE_ISROUTER) != 0;
        if ((newState & Nud.VALID) == 0) {
            n.timer.cancel();
            n.state = newState;
            if ((old & (Nud.INCOMPLETE | Nud.PROBE)) != 0 && (newState & Nud.FAILED) != 0) {
                invalidate(n);
            }
            if (newState != old) {
                notify(n, old);
            }
            return 0;
        }
        long ha = lladdr;
        if (ha >= 0) {
            if ((old & Nud.VALID) != 0 && ha == n.ha) {
                ha = n.ha;
            }
        } else {
            if ((old & Nud.VALID) == 0) {
                return EINVAL;
            }
            ha = n.ha;
        }
        if ((newState & Nud.CONNECTED) != 0) {
            n.confirmed = now;
        }
        if ((old & Nud.VALID) != 0) {
            if (ha != n.ha && (flags & F_OVERRIDE) == 0) {
                updateIsRouter = false;
                if ((flags & F_WEAK_OVERRIDE) != 0 && (old & Nud.CONNECTED) != 0) {
                    ha = n.ha;
                    newState = Nud.STALE;
                } else {
                    return 0;
                }
            } else if (ha == n.ha && newState == Nud.STALE && (flags & F_ADMIN) == 0) {
                newState = old;
            }
        }
        boolean addressChanged = ha != n.ha || (old & Nud.VALID) == 0;
        if (newState != old || addressChanged) {
            n.updated = now;
        }
        if (newState != old) {
            n.timer.cancel();
            if ((newState & Nud.PROBE) != 0) {
                n.probes = 0;
            }
            if ((newState & Nud.IN_TIMER) != 0) {
                n.timer.scheduleAt(now + ((newState & Nud.REACHABLE) != 0 ? parms(n.dev).reachableTime(now) : 0));
            }
            n.state = newState;
        }
        if (addressChanged) {
            n.ha = ha;
            if ((newState & Nud.CONNECTED) == 0) {
                n.confirmed = now - 2 * parms(n.dev).baseReachableMs.get() * 1_000_000L;
            }
        }
        if (updateIsRouter) {
            n.flags = (flags & F_ISROUTER) != 0 ? n.flags | Neighbour.NTF_ROUTER : n.flags & ~Neighbour.NTF_ROUTER;
        }
        if (newState == old) {
            return 0;
        }
        notify(n, old);
        if ((old & Nud.VALID) == 0) {
            // Resolved: what waited goes out, in order.
            SkBuff s;
            while ((n.state & Nud.VALID) != 0 && (s = n.arpQueue.pollFirst()) != null) {
                n.arpQueueBytes -= truesize(s);
                output(s, n);
            }
            purge(n, DropReason.NEIGH_DEAD);
        }
        return 0;
    }

    /** neigh_invalidate: every waiting packet to the unresolved handler, then dropped NEIGH_FAILED. */
    private void invalidate(Neighbour n) {
        stats.resFailed++;
        n.updated = net.now();
        SkBuff s;
        while (n.state == Nud.FAILED && (s = n.arpQueue.pollFirst()) != null) {
            n.arpQueueBytes -= truesize(s);
            UnresolvedHandler h = unresolved;
            if (h != null) {
                h.unreachable(n, s);
            }
            net.drop(s, DropReason.NEIGH_FAILED);
        }
        purge(n, DropReason.NEIGH_FAILED);
    }

    private void notify(Neighbour n, int old) {
        int f = updateFlags;
        updateFlags = 0;
        trace.neighUpdate(n, n.dev, old, f);
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).changed(n, old);
        }
    }

    // ---- timers ------------------------------------------------------------------------

    /** neigh_timer_handler. */
    void timerHandler(Neighbour n) {
        int state = n.state;
        if ((state & Nud.IN_TIMER) == 0 || n.dead) {
            return;
        }
        long now = net.now();
        NeighParms p = parms(n.dev);
        long next = now + 1_000_000_000L;
        if ((state & Nud.REACHABLE) != 0) {
            long reachable = p.reachableTime(now);
            if (now <= n.confirmed + reachable) {
                next = n.confirmed + reachable;
            } else if (now <= n.used + p.delayProbeNanos()) {
                n.state = Nud.DELAY;
                n.updated = now;
                next = now + p.delayProbeNanos();
            } else {
                n.state = Nud.STALE;
                n.updated = now;
            }
        } else if ((state & Nud.DELAY) != 0) {
            if (now <= n.confirmed + p.delayProbeNanos()) {
                n.state = Nud.REACHABLE;
                n.updated = now;
                next = n.confirmed + p.reachableTime(now);
            } else {
                n.state = Nud.PROBE;
                n.updated = now;
                n.probes = 0;
                next = now + p.retransNanos();
            }
        } else {
            next = now + p.retransNanos();
        }
        if ((n.state & (Nud.INCOMPLETE | Nud.PROBE)) != 0 && n.probes >= p.maxProbes(n.state == Nud.PROBE)) {
            n.state = Nud.FAILED;
            notify(n, state);
            invalidate(n);
            return;
        }
        if ((n.state & Nud.IN_TIMER) != 0) {
            n.timer.scheduleAt(Math.max(next, now + 10_000_000L));
        }
        if (n.state != state) {
            notify(n, state);
        }
        if ((n.state & (Nud.INCOMPLETE | Nud.PROBE)) != 0) {
            probe(n);
        }
    }

    /** neigh_periodic_work: runs while the table holds gc_thresh1 entries or more. */
    private void periodicWork() {
        stats.periodicGcRuns++;
        if (entries < gcThresh1.get()) {
            return;
        }
        long now = net.now();
        for (Neighbour n : entries()) {
            int state = n.state;
            if ((state & (Nud.PERMANENT | Nud.IN_TIMER)) != 0) {
                continue;
            }
            if (n.used < n.confirmed && n.confirmed <= now) {
                n.used = n.confirmed;
            }
            long stale = parms(n.dev).gcStaleTime.get() * 1_000_000_000L;
            if (state == Nud.FAILED || now >= n.used + stale) {
                remove(n);
            }
        }
        if (entries >= gcThresh1.get()) {
            gcTimer.scheduleIn(gcPeriod());
        }
    }

    /** The collector walks the table every base_reachable_time/2 (the table's default parameters). */
    private long gcPeriod() {
        return Math.max(defaultBaseReachable.get() * 1_000_000L / 2, 10_000_000L);
    }

    /** neigh_forced_gc: removes idle entries (FAILED, NOARP, or not updated for 5 s) down to gc_thresh2; true if any went. */
    private boolean forcedGc() {
        stats.forcedGcRuns++;
        long now = net.now();
        long maxClean = entries - gcThresh2.get();
        int shrunk = 0;
        List<Neighbour> all = entries();
        all.sort((a, b) -> Long.compare(a.updated, b.updated));
        for (Neighbour n : all) {
            if (shrunk >= maxClean) {
                break;
            }
            if ((n.state & Nud.PERMANENT) != 0 || n.timer.isPending() || !n.arpQueue.isEmpty()) {
                continue; // referenced: a timer or waiting packets hold it
            }
            if (n.state == Nud.FAILED || n.state == Nud.NOARP || now - n.updated > 5_000_000_000L) {
                remove(n);
                shrunk++;
            }
        }
        lastFlush = now;
        return shrunk > 0;
    }

    // ---- administration ------------------------------------------------------------------

    /** neigh_delete ({@code ip neigh del}): FAILED (waiting packets fail), then removed. */
    public void delete(Neighbour n) {
        update(n, -1, Nud.FAILED, F_OVERRIDE | F_ADMIN);
        remove(n);
    }

    /** neigh_flush_dev: every entry of {@code dev} goes (PERMANENT ones too unless {@code skipPermanent}). */
    public void flush(NetDevice dev, boolean skipPermanent) {
        for (Neighbour n : entries()) {
            if (n.dev == dev && !(skipPermanent && (n.state & Nud.PERMANENT) != 0)) {
                remove(n);
            }
        }
    }

    private void deviceEvent(NetDevice dev, NetNs.DeviceEvent e) {
        switch (e) {
            case REGISTER -> addParms(dev);
            case DOWN, UNREGISTER -> {
                flush(dev, false);
                if (e == NetNs.DeviceEvent.UNREGISTER && dev.ifindex() < parms.length) {
                    parms[dev.ifindex()] = null;
                }
            }
            case CARRIER_DOWN -> {
                if (evictOnCarrierLoss(dev)) {
                    flush(dev, true);
                }
            }
            default -> {
            }
        }
    }

    /** arp_evict_nocarrier / ndisc_evict_nocarrier (default on). */
    protected abstract boolean evictOnCarrierLoss(NetDevice dev);
}
