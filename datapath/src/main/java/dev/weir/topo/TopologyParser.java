package dev.weir.topo;

import dev.weir.core.Args;
import dev.weir.link.LinkConfig;
import dev.weir.sim.VirtualTime;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a topology file. The format, by example:
 *
 * <pre>{@code
 * name: client-router-server      # optional; default: the file name
 * seed: 42                        # optional; default 1. The same seed gives the same run, byte for byte.
 * duration: 10s                   # virtual time to run
 * output: weir-out/crs            # optional; default weir-out/<name>
 * hosts:
 *   client:
 *     cpus: 2                     # modelled CPUs (default 1)
 *     costs: {ip_rcv: 900ns}      # per-stage CPU costs (cpu.cost knobs), optional
 *     sysctl:
 *       net.ipv4.conf.all.rp_filter: 1
 *     commands:                   # run in order at time 0, after devices exist
 *       - ip addr add 10.0.1.2/24 dev eth0
 *       - ip route add default via 10.0.1.1
 *   router: ...
 * switches:
 *   sw0: {ageing: 300s}
 * links:
 *   - between: [client:eth0, router:eth0]   # device names optional: the next free ethN
 *     rate: 1gbit                 # tc units; default infinite
 *     delay: 1ms
 *     jitter: 100us               # optional, with jitter_distribution: uniform|normal
 *     loss: 1%                    # or {gemodel: {p: 1%, r: 30%, h: 0%, k: 100%}}
 *     reorder: 5%                 # with reorder_gap: N
 *     duplicate: 0.1%
 *     corrupt: 0.01%
 *     mtu: 1500
 *     queue: 1000p                # or bytes: 64kb
 *     a_to_b: {rate: 10mbit}      # per-direction overrides of any of the above
 *     events:
 *       - {at: 3s, state: down}
 *       - {at: 4s, state: up}
 * apps:
 *   - {host: client, at: 1s, run: ping -c 4 10.0.2.2}
 * captures:
 *   - router:eth1
 * }</pre>
 * and per host, programs to load and attach (see {@code program} below):
 * <pre>{@code
 *   router:
 *     programs:
 *       - file: progs/Firewall.java
 *         attach: [xdp dev eth0, xdp dev eth1]
 *         priority: 10
 *         maps: {fw_prefixes: {"10.9.0.0/16": 1}}
 * }</pre>
 *
 * Every error names the file, line, column and key, and what was expected.
 */
public final class TopologyParser {
    private static final Set<String> TOP = Set.of("name", "seed", "duration", "output", "hosts", "switches", "links", "apps", "captures");
    private static final Set<String> HOST = Set.of("cpus", "costs", "sysctl", "commands", "programs");
    private static final Set<String> PROGRAM = Set.of("file", "class", "attach", "priority", "maps");
    private static final Set<String> SWITCH = Set.of("ageing");
    private static final Set<String> LINK_PARAMS = Set.of("rate", "delay", "jitter", "jitter_distribution", "loss", "reorder",
            "reorder_gap", "duplicate", "corrupt", "mtu", "queue", "overhead");
    private static final Set<String> LINK;
    private static final Set<String> APP = Set.of("host", "at", "run");
    private static final Set<String> EVENT = Set.of("at", "state");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,30}");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,14}");

    static {
        Set<String> s = new java.util.HashSet<>(LINK_PARAMS);
        s.addAll(Set.of("between", "a_to_b", "b_to_a", "events"));
        LINK = Set.copyOf(s);
    }

    private TopologyParser() {}

    public static Topology parse(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new TopologyException(file + ": no such file");
        }
        return parse(new StringReader(text), file);
    }

    public static Topology parse(Reader in, Path file) {
        String fname = file.getFileName() == null ? file.toString() : file.toString();
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(true); // reported by YamlNode.map with the place
        Node root;
        try {
            root = new Yaml(opts).compose(in);
        } catch (MarkedYAMLException e) {
            var m = e.getProblemMark();
            throw new TopologyException(fname + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": not valid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new TopologyException(fname + ": not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new TopologyException(fname + ": the file is empty; a topology needs at least 'hosts:'");
        }
        YamlNode top = new YamlNode(root, fname, "");
        Map<String, YamlNode> m = top.map(TOP);

        String baseName = file.getFileName() == null ? "topology" : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String name = m.containsKey("name") ? checkName(m.get("name"), "a name") : baseName;
        long seed = m.containsKey("seed") ? m.get("seed").integer(Long.MIN_VALUE, Long.MAX_VALUE) : 1;
        long duration = m.containsKey("duration") ? duration(m.get("duration")) : 10 * VirtualTime.SECOND;
        if (duration <= 0) {
            throw m.get("duration").loc().error("duration must be positive");
        }
        Path output = m.containsKey("output") ? Path.of(m.get("output").string()) : Path.of("weir-out", name);

        if (!m.containsKey("hosts")) {
            throw top.loc().error("a topology needs 'hosts:' with at least one host");
        }
        Map<String, Topology.HostSpec> hosts = new LinkedHashMap<>();
        Path dir = file.toAbsolutePath().getParent();
        for (Map.Entry<String, YamlNode> e : m.get("hosts").map().entrySet()) {
            hosts.put(e.getKey(), host(e.getKey(), e.getValue(), dir));
        }
        Map<String, Topology.SwitchSpec> switches = new LinkedHashMap<>();
        if (m.containsKey("switches")) {
            for (Map.Entry<String, YamlNode> e : m.get("switches").map().entrySet()) {
                checkNodeName(e.getKey(), e.getValue().loc());
                if (hosts.containsKey(e.getKey())) {
                    throw e.getValue().loc().error("'" + e.getKey() + "' is already a host; hosts and switches need different names");
                }
                Map<String, YamlNode> s = e.getValue().isScalar() && e.getValue().string().isEmpty() ? Map.of() : e.getValue().map(SWITCH);
                long ageing = s.containsKey("ageing") ? duration(s.get("ageing")) : 300 * VirtualTime.SECOND;
                switches.put(e.getKey(), new Topology.SwitchSpec(e.getKey(), ageing, e.getValue().loc()));
            }
        }
        List<Topology.LinkSpec> links = new ArrayList<>();
        if (m.containsKey("links")) {
            for (YamlNode l : m.get("links").list()) {
                links.add(link(l, hosts, switches));
            }
        }
        List<Topology.AppSpec> apps = new ArrayList<>();
        if (m.containsKey("apps")) {
            for (YamlNode a : m.get("apps").list()) {
                Map<String, YamlNode> am = a.map(APP);
                YamlNode h = require(am, "host", a);
                if (!hosts.containsKey(h.string())) {
                    throw h.loc().error("no host named '" + h.string() + "' (hosts: " + String.join(", ", hosts.keySet()) + ")");
                }
                long at = am.containsKey("at") ? duration(am.get("at")) : 0;
                YamlNode run = require(am, "run", a);
                if (run.string().isBlank()) {
                    throw run.loc().error("'run' needs a command, e.g. ping -c 4 10.0.0.2");
                }
                apps.add(new Topology.AppSpec(h.string(), at, run.string().trim(), run.loc()));
            }
        }
        List<Topology.CaptureSpec> captures = new ArrayList<>();
        if (m.containsKey("captures")) {
            for (YamlNode c : m.get("captures").list()) {
                Topology.Endpoint ep = endpoint(c, hosts, switches);
                if (ep.device() == null) {
                    throw c.loc().error("a capture point needs a device: node:device, e.g. router:eth1");
                }
                captures.add(new Topology.CaptureSpec(ep.node(), ep.device(), c.loc()));
            }
        }
        return new Topology(name, file, seed, duration, output, hosts, switches, links, apps, captures);
    }

    private static Topology.HostSpec host(String name, YamlNode n, Path dir) {
        checkNodeName(name, n.loc());
        Map<String, YamlNode> m = n.isScalar() && n.string().isEmpty() ? Map.of() : n.map(HOST);
        int cpus = m.containsKey("cpus") ? (int) m.get("cpus").integer(1, 256) : 1;
        Map<String, Double> costs = new LinkedHashMap<>();
        if (m.containsKey("costs")) {
            for (Map.Entry<String, YamlNode> e : m.get("costs").map().entrySet()) {
                YamlNode v = e.getValue();
                String s = v.string().trim();
                double ns;
                if (e.getKey().equals("csum_per_byte")) {
                    ns = v.parse("nanoseconds per byte, e.g. 0.25", Double::parseDouble);
                } else {
                    ns = v.parse("a time like 900ns or 1.2us", t -> (double) VirtualTime.parseDuration(t));
                }
                try {
                    new dev.weir.core.StageCosts().set(e.getKey(), ns);
                } catch (IllegalArgumentException ex) {
                    throw v.loc().error(ex.getMessage());
                }
                costs.put(e.getKey(), ns);
                if (s.isEmpty()) {
                    throw v.loc().error("empty cost");
                }
            }
        }
        Map<String, Topology.Command> sysctls = new LinkedHashMap<>();
        if (m.containsKey("sysctl")) {
            for (Map.Entry<String, YamlNode> e : m.get("sysctl").map().entrySet()) {
                sysctls.put(e.getKey(), new Topology.Command(e.getValue().string(), e.getValue().loc()));
            }
        }
        List<Topology.Command> commands = new ArrayList<>();
        if (m.containsKey("commands")) {
            for (YamlNode c : m.get("commands").list()) {
                String t = c.string().trim();
                if (t.isEmpty()) {
                    throw c.loc().error("empty command");
                }
                commands.add(new Topology.Command(t, c.loc()));
            }
        }
        List<Topology.ProgramSpec> programs = new ArrayList<>();
        if (m.containsKey("programs")) {
            for (YamlNode p : m.get("programs").list()) {
                programs.add(program(p, dir));
            }
        }
        return new Topology.HostSpec(name, cpus, costs, sysctls, commands, programs, n.loc());
    }

    /**
     * One entry of a host's {@code programs:}:
     * <pre>{@code
     * - file: progs/Firewall.java          # .java/.class/.jar, relative to this file; or
     *   class: dev.weir.plugins.Firewall   #   a class on the class path (with file: the class in it)
     *   attach: xdp dev eth0               # or a list of attach points
     *   priority: 10                       # optional, default 0
     *   maps:                              # optional: entries written before attaching
     *     fw_prefixes: {"10.0.0.0/8": 1}   # key: value, as numbers, hex BYTES, addresses or prefixes
     * }</pre>
     */
    private static Topology.ProgramSpec program(YamlNode n, Path dir) {
        Map<String, YamlNode> m = n.map(PROGRAM);
        Path file = null;
        if (m.containsKey("file")) {
            YamlNode f = m.get("file");
            file = dir == null ? Path.of(f.string().trim()) : dir.resolve(f.string().trim()).normalize();
            if (!Files.isRegularFile(file)) {
                throw f.loc().error("no program file " + file);
            }
            String fn = file.getFileName().toString();
            if (!fn.endsWith(".java") && !fn.endsWith(".class") && !fn.endsWith(".jar")) {
                throw f.loc().error("a program file is .java, .class or .jar, got " + fn);
            }
        }
        String cls = m.containsKey("class") ? m.get("class").string().trim() : null;
        if (file == null && cls == null) {
            throw n.loc().error("a program needs 'file' (a .java, .class or .jar) or 'class' (a class on the class path)");
        }
        YamlNode at = require(m, "attach", n);
        List<Topology.Attach> attach = new ArrayList<>();
        for (YamlNode a : at.isList() ? at.list() : List.of(at)) {
            try {
                attach.add(new Topology.Attach(dev.weir.hooks.AttachPoint.parse(a.string()), a.loc()));
            } catch (IllegalArgumentException e) {
                throw a.loc().error(e.getMessage());
            }
        }
        int prio = m.containsKey("priority") ? (int) m.get("priority").integer(Integer.MIN_VALUE, Integer.MAX_VALUE) : 0;
        Map<String, List<Topology.MapEntry>> maps = new LinkedHashMap<>();
        if (m.containsKey("maps")) {
            for (Map.Entry<String, YamlNode> e : m.get("maps").map().entrySet()) {
                List<Topology.MapEntry> entries = new ArrayList<>();
                for (Map.Entry<String, YamlNode> kv : e.getValue().map().entrySet()) {
                    entries.add(new Topology.MapEntry(kv.getKey(), kv.getValue().string(), kv.getValue().loc()));
                }
                maps.put(e.getKey(), entries);
            }
        }
        return new Topology.ProgramSpec(file, cls, attach, prio, maps, n.loc());
    }

    private static Topology.LinkSpec link(YamlNode l, Map<String, Topology.HostSpec> hosts, Map<String, Topology.SwitchSpec> switches) {
        Map<String, YamlNode> m = l.map(LINK);
        YamlNode between = require(m, "between", l);
        List<YamlNode> ends = between.list();
        if (ends.size() != 2) {
            throw between.loc().error("a link joins exactly two ends, e.g. [client:eth0, router:eth0]; got " + ends.size());
        }
        Topology.Endpoint a = endpoint(ends.get(0), hosts, switches);
        Topology.Endpoint b = endpoint(ends.get(1), hosts, switches);
        if (a.node().equals(b.node()) && a.device() != null && a.device().equals(b.device())) {
            throw between.loc().error("a link cannot join " + a + " to itself");
        }
        LinkConfig.Builder common = LinkConfig.builder();
        applyParams(common, m);
        LinkConfig base = common.build();
        LinkConfig ab = base;
        LinkConfig ba = base;
        if (m.containsKey("a_to_b")) {
            LinkConfig.Builder x = base.toBuilder();
            applyParams(x, m.get("a_to_b").map(LINK_PARAMS));
            ab = build(x, m.get("a_to_b"));
        }
        if (m.containsKey("b_to_a")) {
            LinkConfig.Builder x = base.toBuilder();
            applyParams(x, m.get("b_to_a").map(LINK_PARAMS));
            ba = build(x, m.get("b_to_a"));
        }
        List<Topology.LinkEvent> events = new ArrayList<>();
        if (m.containsKey("events")) {
            long last = -1;
            for (YamlNode e : m.get("events").list()) {
                Map<String, YamlNode> em = e.map(EVENT);
                long at = duration(require(em, "at", e));
                if (at < last) {
                    throw em.get("at").loc().error("link events must be in time order");
                }
                last = at;
                YamlNode st = require(em, "state", e);
                boolean up = switch (st.string().trim()) {
                    case "up" -> true;
                    case "down" -> false;
                    default -> throw st.loc().error("expected up or down, got '" + st.string() + "'");
                };
                events.add(new Topology.LinkEvent(at, up, e.loc()));
            }
        }
        return new Topology.LinkSpec(a, b, ab, ba, events, l.loc());
    }

    private static LinkConfig build(LinkConfig.Builder b, YamlNode where) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw where.loc().error(e.getMessage());
        }
    }

    private static void applyParams(LinkConfig.Builder b, Map<String, YamlNode> m) {
        for (Map.Entry<String, YamlNode> e : m.entrySet()) {
            YamlNode v = e.getValue();
            switch (e.getKey()) {
                case "rate" -> b.rate(v.parse("a rate like 100mbit or 1gbit", LinkConfig::parseRate));
                case "delay" -> b.delay(duration(v));
                case "jitter" -> {
                    LinkConfig.Jitter dist = LinkConfig.Jitter.UNIFORM;
                    if (m.containsKey("jitter_distribution")) {
                        YamlNode d = m.get("jitter_distribution");
                        dist = switch (d.string().trim()) {
                            case "uniform" -> LinkConfig.Jitter.UNIFORM;
                            case "normal" -> LinkConfig.Jitter.NORMAL;
                            default -> throw d.loc().error("expected uniform or normal, got '" + d.string() + "'");
                        };
                    }
                    b.jitter(duration(v), dist);
                }
                case "jitter_distribution" -> {
                    if (!m.containsKey("jitter")) {
                        throw v.loc().error("jitter_distribution needs jitter");
                    }
                }
                case "loss" -> {
                    if (v.isMap()) {
                        Map<String, YamlNode> lm = v.map(Set.of("random", "gemodel"));
                        if (lm.containsKey("random")) {
                            b.loss(lm.get("random").probability());
                        }
                        if (lm.containsKey("gemodel")) {
                            Map<String, YamlNode> g = lm.get("gemodel").map(Set.of("p", "r", "h", "k"));
                            YamlNode gp = require(g, "p", lm.get("gemodel"));
                            double p = gp.probability();
                            double r = g.containsKey("r") ? g.get("r").probability() : 1 - p;
                            double h = g.containsKey("h") ? g.get("h").probability() : 0;
                            double k = g.containsKey("k") ? g.get("k").probability() : 1;
                            b.burstLoss(new LinkConfig.GilbertElliott(p, r, 1 - h, 1 - k));
                        }
                    } else {
                        b.loss(v.probability());
                    }
                }
                case "reorder" -> b.reorder(v.probability(), m.containsKey("reorder_gap") ? (int) m.get("reorder_gap").integer(0, 1 << 20) : 0);
                case "reorder_gap" -> {
                    if (!m.containsKey("reorder")) {
                        throw v.loc().error("reorder_gap needs reorder");
                    }
                }
                case "duplicate" -> b.duplicate(v.probability());
                case "corrupt" -> b.corrupt(v.probability());
                case "mtu" -> b.mtu((int) v.integer(68, 65535));
                case "overhead" -> b.overheadBytes((int) v.integer(0, 1024));
                case "queue" -> {
                    String q = v.string().trim();
                    if (q.endsWith("p")) {
                        b.queueLimitPackets(v.parse("a queue limit like 1000p or 64kb", s -> Long.parseLong(s.substring(0, s.length() - 1))));
                    } else {
                        b.queueLimitBytes(v.parse("a queue limit like 1000p or 64kb", s -> Args.parseSize("queue", s)));
                    }
                }
                default -> { }
            }
        }
    }

    private static Topology.Endpoint endpoint(YamlNode n, Map<String, Topology.HostSpec> hosts, Map<String, Topology.SwitchSpec> switches) {
        String s = n.string().trim();
        int colon = s.indexOf(':');
        String node = colon < 0 ? s : s.substring(0, colon);
        String dev = colon < 0 ? null : s.substring(colon + 1);
        if (!hosts.containsKey(node) && !switches.containsKey(node)) {
            List<String> all = new ArrayList<>(hosts.keySet());
            all.addAll(switches.keySet());
            throw n.loc().error("no host or switch named '" + node + "' (known: " + String.join(", ", all) + ")");
        }
        if (dev != null && !DEVICE.matcher(dev).matches()) {
            throw n.loc().error("bad device name '" + dev + "' (letters, digits, '.', '-', '_', at most 15 characters, as Linux)");
        }
        return new Topology.Endpoint(node, dev, n.loc());
    }

    private static YamlNode require(Map<String, YamlNode> m, String key, YamlNode parent) {
        YamlNode v = m.get(key);
        if (v == null) {
            throw parent.loc().error("missing '" + key + "'");
        }
        return v;
    }

    private static long duration(YamlNode n) {
        return n.parse("a time like 10s, 40ms or 100us", VirtualTime::parseDuration);
    }

    private static String checkName(YamlNode n, String what) {
        String s = n.string().trim();
        if (s.isEmpty()) {
            throw n.loc().error("expected " + what);
        }
        return s;
    }

    private static void checkNodeName(String name, Loc loc) {
        if (!NAME.matcher(name).matches()) {
            throw loc.error("bad name '" + name + "': a letter, then letters, digits, '-' or '_' (at most 31)");
        }
    }
}
