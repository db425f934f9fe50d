package dev.weir.hooks;

import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.NetfilterProgram;
import dev.weir.api.prog.NfHook;
import dev.weir.api.prog.ProbeProgram;
import dev.weir.api.prog.TcProgram;
import dev.weir.api.prog.Tracepoint;
import dev.weir.api.prog.TracepointProgram;
import dev.weir.api.prog.XdpProgram;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.StageCosts;
import dev.weir.core.Sysctls;
import dev.weir.l2.L2;
import dev.weir.maps.MapImpl;
import dev.weir.maps.MapRegistry;
import dev.weir.napi.Softnet;
import dev.weir.neigh.NeighTable;
import dev.weir.netfilter.Netfilter;
import dev.weir.nic.Nic;
import dev.weir.qdisc.Qdiscs;
import dev.weir.route.Routing;
import dev.weir.sim.SimRandom;
import dev.weir.tcp.cc.CongestionControlRegistry;
import dev.weir.trace.Tracing;
import dev.weir.verifier.Budget;
import dev.weir.verifier.LoadedProgram;
import dev.weir.verifier.ProgramLoadException;
import dev.weir.verifier.ProgramLoader;
import dev.weir.verifier.ProgramRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's programs and attach points: loading (verified, with the host's maps), attaching at
 * every hook of the packet path, the links, the program table, the trace pipe and the
 * {@code kernel.bpf_stats_enabled} sysctl. Built by the host with its stages; test runs use
 * {@link #bare} (no stack: time, maps, helpers).
 *
 * <pre>{@code
 * Hooks hooks = host.hooks();
 * LoadedProgram<?> fw = hooks.load(Path.of("Firewall.java"), null);
 * ProgramLink link = hooks.attach(fw, AttachPoint.parse("xdp dev eth0"), 0);
 * ...
 * link.replace(hooks.load(Path.of("FirewallV2.java"), null));   // atomic for the packets
 * link.detach();
 * }</pre>
 *
 * <h2>Costs</h2>
 * Every program run charges the CPU doing the work {@code cpu.cost.prog_run} plus
 * {@code cpu.cost.prog_per_100_units} per 100 budget units it used (StageCosts), so a
 * program's virtual cost is deterministic and follows its work; an XDP frame adds
 * {@code cpu.cost.xdp} once for the framework.
 *
 * <h2>Statistics</h2>
 * Runs, aborts and budget exhaustions are always counted per program. Run time is measured
 * with {@code System.nanoTime()} around each run only while {@code kernel.bpf_stats_enabled} is
 * 1, as in Linux (it costs two clock reads per run); it is the host machine's time, not
 * virtual time, and so the only thing here that differs from run to run.
 *
 * <h2>Where the call sites are monomorphic</h2>
 * Each hook holds its programs in final fields of their exact interface type (see
 * {@code Entry}); the call in a hook's loop is an interface call on that field. While one
 * program class runs at the hooks of a JVM the JIT inlines it; with two it inlines both
 * behind a type test; beyond that it is an itable call (a few nanoseconds).
 */
public final class Hooks {
    /** The sysctl that turns run-time measurement on (0 or 1), as Linux's. */
    public static final String STATS_SYSCTL = "kernel.bpf_stats_enabled";

    final NetNs net;
    final SimRandom random;
    final TracePipe tracePipe = new TracePipe();
    final MapRegistry maps;
    final Tracing tracing;
    final Fib fib;
    final L2 l2;
    final Softnet softnet;
    final Netfilter netfilter;
    final CongestionControlRegistry cc;
    final int flowHashSeed;
    final StageCosts costs;
    boolean statsEnabled;
    int redirectDepth;

    private final ProgramTable programs = new ProgramTable();
    private ProgramLoader loader;
    private final List<ProgramLink> links = new ArrayList<>();
    private int nextLinkId = 1;
    private final Map<Integer, XdpChain> xdp = new HashMap<>();
    private final Map<Long, TcChain> tc = new HashMap<>();
    private final Map<Tracepoint, TraceChain> traces = new EnumMap<>(Tracepoint.class);
    private ProbeChains probes;
    private final Map<ProgramLink, CcProgram> ccPrograms = new LinkedHashMap<>();

    private Hooks(NetNs net, MapRegistry maps, Softnet softnet, L2 l2, Netfilter nf, Fib fib, CongestionControlRegistry cc) {
        this.net = net;
        this.maps = maps;
        this.softnet = softnet;
        this.l2 = l2;
        this.netfilter = nf;
        this.fib = fib;
        this.cc = cc;
        this.random = net.random().split("bpf_get_prandom_u32");
        this.tracing = Tracing.of(net);
        this.flowHashSeed = Qdiscs.flowHashSeed(net);
        this.costs = net.costs();
        Sysctls s = net.sysctls();
        Sysctls.Value stats = s.exists(STATS_SYSCTL) ? s.value(STATS_SYSCTL)
                : s.registerInt(STATS_SYSCTL, 0, 0, 1, "1: measure each program run's time (bpftool prog show run_time_ns); 0: count runs only");
        statsEnabled = stats.get() != 0;
        stats.onChange(v -> statsEnabled = v != 0);
        maps.setProgramResolver(programs);
    }

    /** The hooks of a host with all its stages. {@code cc} may be null (no TCP): congestion-control programs are then refused. */
    public static Hooks of(NetNs net, MapRegistry maps, Softnet softnet, L2 l2, Netfilter nf, Routing routing, NeighTable arp,
                           NeighTable ndisc, CongestionControlRegistry cc) {
        return new Hooks(net, maps, softnet, l2, nf, routing == null ? null : new Fib(routing, arp, ndisc), cc);
    }

    /** Hooks without a stack, for test runs: programs get time, random numbers, maps and helpers; FIB lookups answer NOT_FWDED. */
    public static Hooks bare(NetNs net, MapRegistry maps) {
        return new Hooks(net, maps, null, null, null, null, null);
    }

    public NetNs net() {
        return net;
    }

    public MapRegistry maps() {
        return maps;
    }

    public ProgramTable programs() {
        return programs;
    }

    public TracePipe tracePipe() {
        return tracePipe;
    }

    /** The host's congestion-control registry, or null. */
    public CongestionControlRegistry congestionControl() {
        return cc;
    }

    /** Whether run times are measured ({@code kernel.bpf_stats_enabled}). */
    public boolean statsEnabled() {
        return statsEnabled;
    }

    // ---- loading ----

    /** The loader programs of this host are loaded with: the default verifier and budget, maps bound in this host's registry. */
    public ProgramLoader loader() {
        if (loader == null) {
            loader = new ProgramLoader().withMaps(maps);
        }
        return loader;
    }

    /** Uses {@code l} (its maps must be this host's) for later loads. */
    public void setLoader(ProgramLoader l) {
        loader = l;
    }

    /**
     * Reads, verifies and loads a program file ({@code .java}, {@code .class}, {@code .jar}) and
     * adds it to the program table.
     *
     * @throws ProgramLoadException with the verifier's log when it is refused
     */
    public LoadedProgram<?> load(Path file, String className) {
        return add(loader().load(file, className), file.toString());
    }

    /** Compiles, verifies and loads source text. */
    public LoadedProgram<?> loadSource(String fileName, String source) {
        return add(loader().loadSource(fileName, source), fileName);
    }

    /**
     * Loads a program class from the class path (a plugin, an example): its class file and those
     * of its nest members are read as resources and go through the verifier like any file.
     */
    public LoadedProgram<?> load(Class<?> programClass) {
        return add(loader().load(loader().read(classBytes(programClass), programClass.getName().replace('.', '/'),
                programClass.getName())), programClass.getName());
    }

    /** The class files of {@code c} and its nest members, by internal name. */
    public static Map<String, byte[]> classBytes(Class<?> c) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Class<?> host = c.getNestHost();
        List<Class<?>> members = new ArrayList<>(List.of(host.getNestMembers()));
        members.remove(c);
        members.add(0, c);
        for (Class<?> m : members) {
            String res = m.getName().replace('.', '/') + ".class";
            ClassLoader cl = m.getClassLoader() != null ? m.getClassLoader() : ClassLoader.getSystemClassLoader();
            try (InputStream in = cl.getResourceAsStream(res)) {
                if (in == null) {
                    throw new IllegalArgumentException(res + ": not found on the class path");
                }
                out.put(m.getName().replace('.', '/'), in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalArgumentException(res + ": cannot read: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Adds a program loaded elsewhere (with this host's maps) to the table. */
    public LoadedProgram<?> add(LoadedProgram<?> p, String source) {
        programs.add(p, source, net.now());
        return p;
    }

    /**
     * Unloads program {@code id}: it must not be attached anywhere. Its maps that are not pinned
     * go with it.
     *
     * @throws IllegalStateException naming the links that still hold it
     */
    public void unload(int id) {
        ProgramTable.Entry e = programs.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no program with id " + id + " on " + net.name());
        }
        List<String> holders = new ArrayList<>();
        for (ProgramLink l : links) {
            if (l.program() == e.program()) {
                holders.add(l.toString());
            }
        }
        if (!holders.isEmpty()) {
            throw new IllegalStateException("program " + id + " is attached: " + String.join("; ", holders) + "; detach it first");
        }
        programs.remove(id);
        for (LoadedProgram.BoundMap m : e.program().maps()) {
            if (!m.declaration().pinned() && m.map() instanceof MapImpl mi && stillUsed(mi) == 0) {
                maps.remove(mi);
            }
        }
    }

    private int stillUsed(MapImpl m) {
        int n = 0;
        for (ProgramTable.Entry e : programs.list()) {
            for (LoadedProgram.BoundMap b : e.program().maps()) {
                n += b.map() == m ? 1 : 0;
            }
        }
        return n;
    }

    // ---- attaching ----

    /**
     * Attaches {@code p} at {@code at} with {@code priority} (lower runs first; equal ones in
     * attach order) and returns its link. The program is added to the program table if it is
     * not there yet.
     *
     * @throws IllegalArgumentException when the program's type does not fit the attach point,
     *         or the device, hook or name does not exist (the message says which)
     */
    @SuppressWarnings("unchecked")
    public ProgramLink attach(LoadedProgram<?> p, AttachPoint at, int priority) {
        if (p.type() != at.programType()) {
            throw new IllegalArgumentException("program " + p.name() + " is a " + p.type().linuxName() + " program ("
                    + p.programInterface().getSimpleName() + "); " + at + " takes " + at.programType().linuxName()
                    + " programs (" + at.programType().programInterface().getSimpleName() + ")");
        }
        add(p, p.name());
        return switch (at.kind()) {
            case XDP -> {
                NetDevice d = net.requireDevice(at.device());
                if (!(d instanceof Nic nic)) {
                    throw new IllegalArgumentException("xdp: " + d.name() + " is not a NIC; Weir runs XDP in the NIC driver's receive path"
                            + " (attach a tc ingress program to other devices)");
                }
                XdpChain chain = xdp.computeIfAbsent(nic.ifindex(), i -> new XdpChain(this, nic));
                ProgramLink l = link(at, priority, p, chain);
                chain.add(l, (LoadedProgram<XdpProgram>) p);
                yield l;
            }
            case TC -> {
                requireStack(at, l2);
                NetDevice d = net.requireDevice(at.device());
                long key = (long) d.ifindex() << 1 | (at.ingress() ? 1 : 0);
                TcChain chain = tc.computeIfAbsent(key, k -> new TcChain(this, d, at.ingress()));
                ProgramLink l = link(at, priority, p, chain);
                chain.add(l, (LoadedProgram<TcProgram>) p);
                yield l;
            }
            case NETFILTER -> {
                requireStack(at, netfilter);
                NfProgramHook[] fn = new NfProgramHook[1];
                ProgramLink l = link(at, priority, p, new ProgramLink.Target() {
                    @Override
                    public void detach(ProgramLink link) {
                        fn[0].detach(link);
                    }

                    @Override
                    public void replace(ProgramLink link, LoadedProgram<?> q) {
                        fn[0].replace(link, q);
                    }
                });
                fn[0] = new NfProgramHook(this, l, (LoadedProgram<NetfilterProgram>) p);
                fn[0].registered(netfilter.register(at.pf(), at.hook(), priority, "prog " + programs.idOf(p) + " " + p.name(), fn[0]));
                yield l;
            }
            case TRACEPOINT -> {
                TraceChain chain = traces.computeIfAbsent(at.tracepoint(), t -> new TraceChain(this, t));
                ProgramLink l = link(at, priority, p, chain);
                chain.add(l, (LoadedProgram<TracepointProgram>) p);
                yield l;
            }
            case PROBE -> {
                if (probes == null) {
                    probes = new ProbeChains(this);
                }
                ProgramLink l = link(at, priority, p, probes.target(at.function(), at.exit()));
                probes.add(at.function(), at.exit(), l, (LoadedProgram<ProbeProgram>) p);
                yield l;
            }
            case CONGESTION -> attachCongestion((LoadedProgram<CongestionControl>) p, at, priority);
        };
    }

    private static void requireStack(AttachPoint at, Object stage) {
        if (stage == null) {
            throw new IllegalArgumentException(at + ": this host has no packet path to attach to (a test-run environment)");
        }
    }

    private ProgramLink attachCongestion(LoadedProgram<CongestionControl> p, AttachPoint at, int priority) {
        if (cc == null) {
            throw new IllegalArgumentException(at + ": " + net.name() + " has no TCP congestion-control registry");
        }
        CcProgram w = CcProgram.of(this, p);
        if (at.name() != null && !at.name().equals(w.name())) {
            throw new IllegalArgumentException(at + ": the program's algorithm is named '" + w.name() + "', not '" + at.name() + "'");
        }
        cc.register(w);
        ProgramLink l = link(at, priority, p, new ProgramLink.Target() {
            @Override
            public void detach(ProgramLink link) {
                cc.unregister(ccPrograms.get(link).name());
                ccPrograms.remove(link);
            }

            @Override
            public void replace(ProgramLink link, LoadedProgram<?> q) {
                CcProgram n = CcProgram.of(Hooks.this, q.as(CongestionControl.class));
                CcProgram old = ccPrograms.get(link);
                if (!n.name().equals(old.name())) {
                    throw new IllegalArgumentException("link " + link.id() + ": the new algorithm is named '" + n.name()
                            + "', the one it replaces '" + old.name() + "'");
                }
                cc.update(n);
                ccPrograms.put(link, n);
            }
        });
        ccPrograms.put(l, w);
        return l;
    }

    /** The congestion-control wrapper of a link (for its fallback count), or null. */
    public long ccFallbacks(ProgramLink link) {
        CcProgram w = ccPrograms.get(link);
        return w == null ? 0 : w.fallbacks();
    }

    private ProgramLink link(AttachPoint at, int priority, LoadedProgram<?> p, ProgramLink.Target target) {
        ProgramLink l = new ProgramLink(this, nextLinkId++, at, priority, p, target);
        links.add(l);
        return l;
    }

    /** Attaches by the text form of the attach point ({@link AttachPoint#parse}). */
    public ProgramLink attach(LoadedProgram<?> p, String at, int priority) {
        return attach(p, AttachPoint.parse(at), priority);
    }

    /** Every link attached now, in attach order. */
    public List<ProgramLink> links() {
        return Collections.unmodifiableList(new ArrayList<>(links));
    }

    /** The links of program {@code id}. */
    public List<ProgramLink> linksOf(int id) {
        List<ProgramLink> out = new ArrayList<>();
        for (ProgramLink l : links) {
            if (l.programId() == id) {
                out.add(l);
            }
        }
        return out;
    }

    void linkDetached(ProgramLink l) {
        links.remove(l);
    }

    void xdpChainEmpty(Nic nic) {
        xdp.remove(nic.ifindex());
    }

    void tcChainEmpty(NetDevice d, boolean ingress) {
        tc.remove((long) d.ifindex() << 1 | (ingress ? 1 : 0));
    }

    void traceChainEmpty(Tracepoint tp) {
        traces.remove(tp);
    }

    // ---- running (for the attach points) ----

    /** A run that returned: statistics, then the virtual cost of the budget it used. */
    void ended(ProgramRunner<?> r, long token, long elapsedNs) {
        long used = r.budget() - Budget.remaining();
        r.end(token, elapsedNs);
        charge(used);
    }

    /** A run that ended by {@code t}: counted as aborted, and charged what it used. */
    void aborted(ProgramRunner<?> r, long token, long elapsedNs, Throwable t) {
        long used = r.budget() - Math.max(Budget.remaining(), 0);
        r.abort(token, elapsedNs, t);
        charge(used);
    }

    private void charge(long units) {
        net.charge(costs.progRun + units * costs.progPer100Units / 100);
    }

    @Override
    public String toString() {
        return "Hooks[" + net.name() + ", " + programs.list().size() + " programs, " + links.size() + " links]";
    }

    /** The netfilter family name for listings. */
    static String family(int pf) {
        return pf == NfHook.PF_IPV4 ? "ipv4" : "ipv6";
    }
}
