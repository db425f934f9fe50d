package dev.weir.topo;

import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.hooks.Hooks;
import dev.weir.hooks.MapLiteral;
import dev.weir.maps.MapImpl;
import dev.weir.verifier.LoadedProgram;
import dev.weir.verifier.ProgramLoadException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.weir.core.Cpu;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.Qdisc;
import dev.weir.host.Host;
import dev.weir.host.Node;
import dev.weir.host.Switch;
import dev.weir.l2.L2;
import dev.weir.l2.PacketTap;
import dev.weir.link.FrameTap;
import dev.weir.link.Link;
import dev.weir.nic.Nic;
import dev.weir.pcap.LinkType;
import dev.weir.pcap.PcapngWriter;
import dev.weir.sim.Simulation;
import dev.weir.sim.VirtualTime;
import dev.weir.skb.SkBuff;
import dev.weir.tools.Shell;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Topology} in virtual time: builds its hosts, switches and links, applies each
 * host's sysctls and commands, loads and attaches its programs (with their maps preloaded),
 * attaches capture points, starts the applications at their times,
 * applies link events, runs for the topology's duration, and writes the result folder:
 * one pcapng file per capture point and {@code counters.json} with every node's counters
 * (nstat, drop reasons, device and driver statistics, qdiscs, CPUs) and every link's.
 *
 * <p>Application output goes to {@code out}, each line prefixed with its host's name; progress
 * and the summary go to {@code err}. Every error in the file or its commands is a
 * {@link TopologyException} naming the file, line and what went wrong.
 */
public final class TopologyRunner {
    /** How a run is shown. */
    public record Options(boolean progress, Path outputOverride) {
        public static final Options DEFAULT = new Options(false, null);
    }

    /** What a run produced. */
    public record Result(Path outputDir, List<Path> captures, Path counters, long events, long virtualNanos) {}

    /**
     * The built-in applications ({@link dev.weir.app.Apps#standard()}: ping, ping6, udp-send,
     * udp-sink, ...), each started with its output going to the line sink; applications still
     * running when the topology's time is up are stopped as Ctrl-C would, so they print their
     * summaries.
     */
    public static AppLauncher standardApps() {
        dev.weir.app.Apps apps = dev.weir.app.Apps.standard();
        return (host, command, lines) -> {
            dev.weir.app.AppContext ctx = new dev.weir.app.AppContext(host.sockets(), host.udp(), host.ping(), lines::accept);
            dev.weir.app.App app = apps.create(ctx, command);
            app.start();
            return app;
        };
    }

    /** Starts an application on a host; the topology's {@code apps:} entries go through here. */
    @FunctionalInterface
    public interface AppLauncher {
        /**
         * Starts {@code command} on {@code host} now (virtual time); its output lines go to
         * {@code lines}. Returns the running application, which the runner stops when the
         * topology's time is up. Throws IllegalArgumentException or CommandException with a
         * usage message when the command is wrong.
         */
        dev.weir.app.App start(Host host, String command, java.util.function.Consumer<String> lines);
    }

    private final Topology topo;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Options options;
    private final AppLauncher apps;
    private final Simulation sim;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Shell> shells = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final List<PcapngWriter> writers = new ArrayList<>();
    private final List<Path> capturePaths = new ArrayList<>();
    private final List<dev.weir.app.App> running = new ArrayList<>();
    private IOException captureError;

    public TopologyRunner(Topology topo, PrintWriter out, PrintWriter err, Options options, AppLauncher apps) {
        this.topo = topo;
        this.out = out;
        this.err = err;
        this.options = options;
        this.apps = apps;
        this.sim = new Simulation(topo.seed());
    }

    public Simulation simulation() {
        return sim;
    }

    /** The node named {@code name} once {@link #build()} has run. */
    public Node node(String name) {
        return nodes.get(name);
    }

    public List<Link> links() {
        return links;
    }

    /** Builds everything and runs the time-zero configuration, without running time. */
    public void build() {
        int index = 1;
        for (Topology.HostSpec h : topo.hosts().values()) {
            Host host = new Host(sim, h.name(), h.cpus(), index++);
            for (Map.Entry<String, Double> c : h.costs().entrySet()) {
                host.net().costs().set(c.getKey(), c.getValue());
            }
            nodes.put(h.name(), host);
        }
        for (Topology.SwitchSpec s : topo.switches().values()) {
            nodes.put(s.name(), new Switch(sim, s.name(), index++, s.ageingNanos()));
        }
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            shells.put(e.getKey(), new Shell(e.getValue()));
        }
        for (Topology.LinkSpec l : topo.links()) {
            buildLink(l);
        }
        for (Topology.HostSpec h : topo.hosts().values()) {
            NetNs net = nodes.get(h.name()).net();
            for (Map.Entry<String, Topology.Command> s : h.sysctls().entrySet()) {
                try {
                    net.sysctls().set(s.getKey(), s.getValue().text());
                } catch (IllegalArgumentException e) {
                    throw s.getValue().loc().error(e.getMessage());
                }
            }
        }
        for (Topology.HostSpec h : topo.hosts().values()) {
            Shell shell = shells.get(h.name());
            for (Topology.Command c : h.commands()) {
                StringWriter o = new StringWriter();
                StringWriter e = new StringWriter();
                int code = shell.run(c.text(), new PrintWriter(o, true), new PrintWriter(e, true));
                if (code != 0) {
                    throw c.loc().error("'" + c.text() + "' failed (exit " + code + "): " + e.toString().strip());
                }
                for (String line : o.toString().split("\n")) {
                    if (!line.isEmpty()) {
                        out.println(h.name() + ": " + line);
                    }
                }
            }
        }
        for (Topology.HostSpec h : topo.hosts().values()) {
            for (Topology.ProgramSpec p : h.programs()) {
                loadProgram((Host) nodes.get(h.name()), p);
            }
        }
        for (Topology.CaptureSpec c : topo.captures()) {
            attachCapture(c);
        }
        for (Topology.AppSpec a : topo.apps()) {
            Host host = (Host) nodes.get(a.host());
            sim.scheduler().scheduleAt(a.atNanos(), () -> {
                try {
                    running.add(apps.start(host, a.command(), line -> out.println(a.host() + ": " + line)));
                } catch (IllegalArgumentException | dev.weir.core.CommandException e) {
                    throw a.loc().error("'" + a.command() + "': " + e.getMessage());
                }
            });
        }
    }

    /** Loads, preloads the maps of, and attaches one program of a host's {@code programs:}. */
    private void loadProgram(Host host, Topology.ProgramSpec p) {
        Hooks hooks = host.hooks();
        LoadedProgram<?> prog;
        try {
            if (p.file() != null) {
                prog = hooks.load(p.file(), p.className());
            } else {
                Class<?> c;
                try {
                    c = Class.forName(p.className(), false, TopologyRunner.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw p.loc().error("no class " + p.className() + " on the class path");
                }
                prog = hooks.load(c);
            }
        } catch (ProgramLoadException e) {
            throw p.loc().error("the program was not loaded: " + e.getMessage().strip());
        } catch (IllegalArgumentException e) {
            throw p.loc().error(e.getMessage());
        }
        for (Map.Entry<String, List<Topology.MapEntry>> m : p.maps().entrySet()) {
            MapImpl map = null;
            List<String> names = new ArrayList<>();
            for (LoadedProgram.BoundMap b : prog.maps()) {
                names.add(b.map().name());
                if (b.map().name().equals(m.getKey()) && b.map() instanceof MapImpl mi) {
                    map = mi;
                }
            }
            if (map == null) {
                throw p.loc().error("program " + prog.name() + " has no map '" + m.getKey() + "' (its maps: " + String.join(", ", names) + ")");
            }
            for (Topology.MapEntry e : m.getValue()) {
                try {
                    byte[] k = MapLiteral.encode(e.key(), map.keySize(), map.type(), true);
                    byte[] v = MapLiteral.encode(e.value(), map.valueSize(), map.type(), false);
                    if (map.type().perCpu()) {
                        v = perCpuValue(map, v);
                    }
                    int rc = map.userUpdate(k, v, MapFlags.ANY);
                    if (rc != MapError.OK) {
                        throw e.loc().error("map " + map.name() + ": update failed: " + MapError.message(rc) + " (" + MapError.name(rc) + ")");
                    }
                } catch (IllegalArgumentException x) {
                    throw e.loc().error("map " + map.name() + ": " + x.getMessage());
                }
            }
        }
        for (Topology.Attach a : p.attach()) {
            try {
                hooks.attach(prog, a.point(), p.priority());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw a.loc().error(e.getMessage());
            }
        }
    }

    private static byte[] perCpuValue(MapImpl m, byte[] one) {
        int stride = (m.valueSize() + 7) & ~7;
        byte[] all = new byte[m.userValueSize()];
        for (int at = 0; at + m.valueSize() <= all.length; at += stride) {
            System.arraycopy(one, 0, all, at, one.length);
        }
        return all;
    }

    private void buildLink(Topology.LinkSpec l) {
        Node a = nodes.get(l.a().node());
        Node b = nodes.get(l.b().node());
        Link link = new Link(sim, l.a().toString(), l.b().toString(), l.aToB(), l.bToA());
        for (var pair : List.of(new Object[] {a, l.a(), link.a(), l.aToB().mtu()}, new Object[] {b, l.b(), link.b(), l.bToA().mtu()})) {
            Node n = (Node) pair[0];
            Topology.Endpoint ep = (Topology.Endpoint) pair[1];
            if (ep.device() != null && n.net().device(ep.device()) != null) {
                throw ep.loc().error(n.name() + " already has a device named " + ep.device());
            }
            Nic nic = n.attach(ep.device(), (dev.weir.link.LinkEnd) pair[2]);
            int mtu = (Integer) pair[3];
            if (mtu != nic.mtu() && !(n instanceof Switch)) {
                try {
                    nic.setMtu(mtu);
                } catch (IllegalArgumentException e) {
                    throw l.loc().error(e.getMessage());
                }
            }
        }
        for (Topology.LinkEvent ev : l.events()) {
            sim.scheduler().scheduleAt(ev.atNanos(), () -> link.setUp(ev.up()));
        }
        links.add(link);
    }

    private void attachCapture(Topology.CaptureSpec c) {
        Node n = nodes.get(c.node());
        NetDevice dev = n.net().device(c.device());
        if (dev == null) {
            List<String> names = new ArrayList<>();
            n.net().devices().forEach(d -> names.add(d.name()));
            throw c.loc().error(c.node() + " has no device " + c.device() + " (devices: " + String.join(", ", names) + ")");
        }
        Path dir = outputDir();
        Path file = dir.resolve(c.fileName());
        try {
            Files.createDirectories(dir);
            PcapngWriter w = PcapngWriter.create(file);
            int iface = w.addInterface(c.node() + ":" + c.device(), LinkType.ETHERNET, 262144);
            writers.add(w);
            capturePaths.add(file);
            L2 l2 = n instanceof Host h ? h.l2() : ((Switch) n).l2();
            PacketTap tap = new CaptureTap(w, iface, n.net());
            l2.addTap(dev, tap);
        } catch (IOException e) {
            throw c.loc().error("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Writes each packet a device sees into its pcapng file, reusing one scratch array. */
    private final class CaptureTap implements PacketTap {
        private final PcapngWriter w;
        private final int iface;
        private final NetNs net;
        private byte[] scratch = new byte[2048];

        CaptureTap(PcapngWriter w, int iface, NetNs net) {
            this.w = w;
            this.iface = iface;
            this.net = net;
        }

        @Override
        public void tap(NetDevice dev, SkBuff skb, boolean outgoing) {
            if (captureError != null) {
                return;
            }
            int len = skb.len();
            if (scratch.length < len) {
                scratch = new byte[Math.max(len, scratch.length * 2)];
            }
            skb.copyBits(0, scratch, 0, len);
            try {
                w.write(iface, net.now(), scratch, 0, len, len, outgoing ? FrameTap.OUTBOUND : FrameTap.INBOUND, null);
            } catch (IOException e) {
                captureError = e;
            }
        }
    }

    public Path outputDir() {
        return options.outputOverride() != null ? options.outputOverride() : topo.output();
    }

    /** Builds, runs for the topology's duration, and writes the results. */
    public Result run() throws IOException {
        build();
        long end = topo.durationNanos();
        long wallStart = System.nanoTime();
        long lastDraw = 0;
        int steps = 200;
        for (int i = 1; i <= steps; i++) {
            sim.scheduler().runUntil(end * i / steps);
            if (options.progress()) {
                long wall = System.nanoTime();
                if (wall - lastDraw > 100_000_000L || i == steps) {
                    drawProgress(sim.now(), end, wall - wallStart);
                    lastDraw = wall;
                }
            }
        }
        for (dev.weir.app.App app : running) {
            app.stop();
        }
        if (options.progress()) {
            err.println();
        }
        for (PcapngWriter w : writers) {
            w.close();
        }
        if (captureError != null) {
            throw new IOException("writing a capture failed: " + captureError.getMessage(), captureError);
        }
        Path dir = outputDir();
        Files.createDirectories(dir);
        Path counters = dir.resolve("counters.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(counters.toFile(), countersTree());
        return new Result(dir, List.copyOf(capturePaths), counters, sim.scheduler().eventsExecuted(), sim.now());
    }

    private void drawProgress(long now, long end, long wallNanos) {
        int width = 30;
        int filled = (int) (width * now / end);
        err.print("\r[" + "=".repeat(filled) + (filled < width ? ">" : "") + " ".repeat(Math.max(0, width - filled - 1)) + "] "
                + VirtualTime.format(now) + " / " + VirtualTime.format(end) + String.format("  (%.1f s wall)", wallNanos / 1e9));
        err.flush();
    }

    /** Every node's and link's counters, as written to counters.json. */
    public Map<String, Object> countersTree() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("topology", topo.name());
        root.put("seed", topo.seed());
        root.put("virtual_time_ns", sim.now());
        root.put("events", sim.scheduler().eventsExecuted());
        Map<String, Object> ns = new LinkedHashMap<>();
        for (Node n : nodes.values()) {
            ns.put(n.name(), nodeCounters(n));
        }
        root.put("nodes", ns);
        List<Object> ls = new ArrayList<>();
        for (Link l : links) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", l.name());
            m.put("a_to_b", l.aToB().stats().asMap());
            m.put("b_to_a", l.bToA().stats().asMap());
            ls.add(m);
        }
        root.put("links", ls);
        return root;
    }

    private static Map<String, Object> nodeCounters(Node n) {
        NetNs net = n.net();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", n instanceof Host ? "host" : "switch");
        Map<String, Long> nstat = new LinkedHashMap<>();
        net.counters().mibSnapshot().forEach((k, v) -> {
            if (v != 0) {
                nstat.put(k.nstatName(), v);
            }
        });
        m.put("nstat", nstat);
        m.put("drops", net.counters().dropSnapshot());
        Map<String, Object> devs = new LinkedHashMap<>();
        for (NetDevice d : net.devices()) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("stats", d.stats.asMap());
            dm.put("ethtool", d.ethtoolStats());
            Qdisc q = d.rootQdisc();
            if (q != null) {
                Map<String, Object> qm = new LinkedHashMap<>();
                qm.put("kind", q.kind());
                qm.put("sent_bytes", q.bytes);
                qm.put("sent_packets", q.packets);
                qm.put("dropped", q.drops);
                qm.put("overlimits", q.overlimits);
                qm.put("requeues", q.requeues);
                qm.put("backlog_bytes", q.backlog);
                qm.put("backlog_packets", q.qlen);
                dm.put("qdisc", qm);
            }
            devs.put(d.name(), dm);
        }
        m.put("devices", devs);
        List<Object> cpus = new ArrayList<>();
        for (int i = 0; i < net.numCpus(); i++) {
            Cpu c = net.cpu(i);
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("cpu", i);
            cm.put("processed", c.processed);
            cm.put("dropped", c.dropped);
            cm.put("time_squeeze", c.timeSqueeze);
            cm.put("received_rps", c.receivedRps);
            cm.put("busy_ns", c.busyNanos);
            cm.put("softirq_ns", c.softirqNanos);
            cpus.add(cm);
        }
        m.put("cpus", cpus);
        if (n instanceof Host h && !h.hooks().programs().list().isEmpty()) {
            List<Object> progs = new ArrayList<>();
            for (dev.weir.hooks.ProgramTable.Entry e : h.hooks().programs().list()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("id", e.id());
                pm.put("name", e.program().name());
                pm.put("type", e.program().type().linuxName());
                pm.put("run_cnt", e.program().stats().runs());
                pm.put("run_time_ns", e.program().stats().totalTimeNs());
                pm.put("aborted", e.program().stats().aborts());
                pm.put("budget_exhausted", e.program().stats().budgetExhaustions());
                pm.put("budget_used", e.program().stats().budgetUsed());
                List<String> at = new ArrayList<>();
                for (dev.weir.hooks.ProgramLink l : h.hooks().linksOf(e.id())) {
                    at.add(l.attachPoint() + " prio " + l.priority());
                }
                pm.put("attached", at);
                progs.add(pm);
            }
            m.put("programs", progs);
        }
        return m;
    }
}
