package dev.weir.tools;

import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.core.Mib;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.Sysctls;
import dev.weir.hooks.BpfCommand;
import dev.weir.hooks.ConntrackTable;
import dev.weir.host.Host;
import dev.weir.host.Node;
import dev.weir.host.Switch;
import dev.weir.l2.BridgeCommand;
import dev.weir.l2.IpLink;
import dev.weir.l2.L2;
import dev.weir.neigh.IpNeigh;
import dev.weir.nic.Ethtool;
import dev.weir.nic.Nic;
import dev.weir.qdisc.Tc;
import dev.weir.route.Ip;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The Linux commands a node understands, in their own syntax: {@code ip} (link, addr, route,
 * rule, neigh), {@code tc qdisc}, {@code ethtool}, {@code sysctl}, {@code bridge}, {@code nstat},
 * and the few {@code /proc} and {@code /sys} files Weir models through {@code cat} and
 * {@code echo VALUE > FILE} (rps_cpus, smp_affinity, /proc/sys, softnet_stat, interrupts); the
 * bpftool-like {@code prog}, {@code map} and {@code link} commands ({@link BpfCommand}, also as
 * {@code bpftool prog ...}), and {@code conntrack -L} when the conntrack program is loaded.
 * Topology files, the interactive shell and tests run commands through here.
 *
 * <p>Each command prints what the Linux tool prints to {@code out}; failures print the tool's
 * message to {@code err} and return its exit status.
 */
public final class Shell {
    private final Node node;
    private final NetNs net;
    private final L2 l2;
    private Map<Mib, Long> nstatLast;

    public Shell(Node node) {
        this.node = node;
        this.net = node.net();
        this.l2 = node instanceof Host h ? h.l2() : ((Switch) node).l2();
    }

    public Node node() {
        return node;
    }

    /** The commands this shell knows, for help and error messages. */
    public static final List<String> COMMANDS = List.of("ip", "tc", "ethtool", "sysctl", "bridge", "nstat", "ss", "cat", "echo", "prog",
            "map", "link", "bpftool", "conntrack");

    /** Runs one command line; returns its exit status. */
    public int run(String line, PrintWriter out, PrintWriter err) {
        List<String> words;
        try {
            words = Args.split(line);
        } catch (CommandException e) {
            err.println(e.getMessage());
            return e.exitCode();
        }
        if (words.isEmpty()) {
            return 0;
        }
        String cmd = words.get(0);
        Args args = new Args(cmd, words.subList(1, words.size()));
        try {
            switch (cmd) {
                case "ip" -> ip(args, out, err);
                case "tc" -> new Tc(net).run(args, out);
                case "ethtool" -> new Ethtool(net).run(args, out);
                case "sysctl" -> sysctl(args, out);
                case "bridge" -> new BridgeCommand(l2).run(args, out);
                case "nstat" -> nstat(args, out);
                case "ss" -> dev.weir.socket.Ss.run(host("ss").sockets(), args, out);
                case "cat" -> cat(args, out);
                case "echo" -> echo(words, out);
                case "prog" -> new BpfCommand(host("prog").hooks()).prog(args, out);
                case "map" -> new BpfCommand(host("map").hooks()).map(args, out);
                case "link" -> new BpfCommand(host("link").hooks()).link(args, out);
                case "bpftool" -> bpftool(args, out);
                case "conntrack" -> conntrack(args, out, err);
                default -> throw new CommandException(127, cmd + ": command not found (" + node.name() + " knows: "
                        + String.join(", ", COMMANDS) + ")");
            }
            out.flush();
            return 0;
        } catch (CommandException e) {
            out.flush();
            err.println(e.getMessage());
            err.flush();
            return e.exitCode();
        } catch (IllegalArgumentException e) {
            out.flush();
            String m = e.getMessage();
            err.println(m != null && m.startsWith(cmd + ":") ? m : cmd + ": " + m);
            err.flush();
            return 1;
        }
    }

    private Host host(String what) {
        if (node instanceof Host h) {
            return h;
        }
        throw new CommandException(1, what + ": " + node.name() + " is a switch: it has no IP layer");
    }

    private void ip(Args args, PrintWriter out, PrintWriter err) {
        String obj = Ip.object(args);
        if ("link".equals(obj)) {
            new IpLink(l2).run(args, out);
            return;
        }
        Host h = host("ip");
        if ("neighbor".equals(obj) || "neighbour".equals(obj)) {
            new IpNeigh(h.arp(), h.ndisc()).run(args, out);
        } else {
            Ip.run(h.routing(), args, out, err);
        }
    }

    // ---- bpftool ----

    /** {@code bpftool prog|map|link ...}: the same as the bare {@code prog}, {@code map} and {@code link} commands. */
    private void bpftool(Args args, PrintWriter out) {
        BpfCommand b = new BpfCommand(host("bpftool").hooks());
        String obj = args.hasNext() ? args.next() : "";
        switch (obj) {
            case "prog", "p" -> b.prog(args, out);
            case "map", "m" -> b.map(args, out);
            case "link", "l" -> b.link(args, out);
            default -> throw new CommandException(255, "Usage: bpftool OBJECT { COMMAND | help }\n       OBJECT := { prog | map | link }");
        }
    }

    /** {@code conntrack -L}: the connection table of the conntrack program, read from its pinned map. */
    private void conntrack(Args args, PrintWriter out, PrintWriter err) {
        Host h = host("conntrack");
        if (!args.hasNext() || !(args.peek().equals("-L") || args.peek().equals("--dump"))) {
            throw new CommandException(2, "conntrack: Weir supports conntrack -L (list the table of the loaded conntrack program)");
        }
        args.next();
        if (args.hasNext()) {
            throw new CommandException(2, "conntrack v1.4.8 (conntrack-tools): unexpected argument " + args.peek());
        }
        ConntrackTable.list(h.maps(), h.net().now(), out, err);
    }

    // ---- sysctl ----

    private void sysctl(Args args, PrintWriter out) {
        Sysctls s = net.sysctls();
        boolean write = false;
        boolean valuesOnly = false;
        boolean quiet = false;
        boolean all = false;
        List<String> items = new ArrayList<>();
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "-w", "--write" -> write = true;
                case "-n", "--values" -> valuesOnly = true;
                case "-q", "--quiet" -> quiet = true;
                case "-a", "-A", "-X", "--all" -> all = true;
                case "-e", "--ignore", "-N", "--names" -> { }
                default -> {
                    if (w.startsWith("-")) {
                        throw new CommandException(1, "sysctl: invalid option -- '" + w.substring(1) + "'");
                    }
                    items.add(w);
                }
            }
        }
        if (all) {
            for (Map.Entry<String, String> e : s.list("").entrySet()) {
                out.println(valuesOnly ? e.getValue() : e.getKey() + " = " + e.getValue());
            }
            return;
        }
        if (items.isEmpty()) {
            throw new CommandException(1, "sysctl: no variables specified\nTry `sysctl --help' for more information.");
        }
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq >= 0) {
                String key = item.substring(0, eq).trim();
                String value = item.substring(eq + 1).trim();
                s.set(key, value);
                if (!quiet) {
                    out.println(valuesOnly ? s.get(key) : key + " = " + s.get(key));
                }
            } else if (write) {
                throw new CommandException(1, "sysctl: \"" + item + "\" must be of the form name=value");
            } else {
                String v = s.get(item);
                out.println(valuesOnly ? v : item + " = " + v);
            }
        }
    }

    // ---- nstat ----

    /**
     * nstat: without -a, the change of each counter since the previous nstat on this node (the
     * first call shows everything since the start); zero lines are left out unless -z. The rate
     * column is nstat's rate estimate, which without its daemon is 0.0.
     */
    private void nstat(Args args, PrintWriter out) {
        boolean absolute = false;
        boolean zeros = false;
        boolean noUpdate = false;
        boolean reset = false;
        List<String> patterns = new ArrayList<>();
        while (args.hasNext()) {
            String w = args.next();
            if (w.startsWith("-") && !w.startsWith("--") && w.length() > 2) {
                for (char c : w.substring(1).toCharArray()) {
                    switch (c) {
                        case 'a' -> absolute = true;
                        case 'z' -> zeros = true;
                        case 's' -> noUpdate = true;
                        case 'r' -> reset = true;
                        default -> throw new CommandException(1, "nstat: invalid option -- '" + c + "'");
                    }
                }
                continue;
            }
            switch (w) {
                case "-a", "--ignore" -> absolute = true;
                case "-z", "--zeros" -> zeros = true;
                case "-s", "--noupdate" -> noUpdate = true;
                case "-r", "--reset" -> reset = true;
                case "-j", "--json" -> throw new CommandException(1, "nstat: -j (JSON) is not supported by Weir; the run's counters.json has every counter");
                default -> {
                    if (w.startsWith("-")) {
                        throw new CommandException(1, "nstat: invalid option -- '" + w.replace("-", "") + "'");
                    }
                    patterns.add(w);
                }
            }
        }
        Map<Mib, Long> now = net.counters().mibSnapshot();
        Map<Mib, Long> base = absolute || nstatLast == null || reset ? new EnumMap<>(Mib.class) : nstatLast;
        out.println("#kernel");
        for (Map.Entry<Mib, Long> e : now.entrySet()) {
            long v = e.getValue() - base.getOrDefault(e.getKey(), 0L);
            if (v == 0 && !zeros) {
                continue;
            }
            String name = e.getKey().nstatName();
            if (!patterns.isEmpty() && patterns.stream().noneMatch(p -> globMatch(p, name))) {
                continue;
            }
            out.printf("%-32s%-16d%6.1f%n", name, v, 0.0);
        }
        if (!noUpdate) {
            nstatLast = now;
        }
    }

    private static boolean globMatch(String pattern, String name) {
        return name.matches(pattern.replace("?", ".").replace("*", ".*"));
    }

    // ---- /proc and /sys ----

    private void cat(Args args, PrintWriter out) {
        if (!args.hasNext()) {
            throw new CommandException(1, "cat: which file? (Weir models /proc/net/softnet_stat, /proc/interrupts, /proc/sys/..., /sys/class/net/DEV/queues/rx-N/rps_cpus, /proc/irq/N/smp_affinity)");
        }
        while (args.hasNext()) {
            String path = args.next();
            out.print(readFile(path));
        }
    }

    private String readFile(String path) {
        if (path.equals("/proc/net/softnet_stat")) {
            return host("cat").softnet().softnetStat();
        }
        if (path.equals("/proc/interrupts")) {
            return interrupts();
        }
        if (path.startsWith("/proc/sys/")) {
            return net.sysctls().get(path) + "\n";
        }
        RpsTarget rps = rpsTarget(path);
        if (rps != null) {
            return rps.nic.rps(rps.queue).mask() + "\n";
        }
        IrqTarget irq = irqTarget(path);
        if (irq != null) {
            return Integer.toHexString(1 << irq.nic.irqAffinity(irq.queue)) + "\n";
        }
        throw new CommandException(1, "cat: " + path + ": No such file or directory");
    }

    private void echo(List<String> words, PrintWriter out) {
        int gt = words.indexOf(">");
        if (gt < 0) {
            out.println(String.join(" ", words.subList(1, words.size())));
            return;
        }
        if (gt != words.size() - 2) {
            throw new CommandException(1, "echo: write one value to one file: echo VALUE > FILE");
        }
        String value = String.join(" ", words.subList(1, gt));
        String path = words.get(gt + 1);
        if (path.startsWith("/proc/sys/")) {
            net.sysctls().set(path, value);
            return;
        }
        RpsTarget rps = rpsTarget(path);
        if (rps != null) {
            rps.nic.rps(rps.queue).setMask(value);
            return;
        }
        IrqTarget irq = irqTarget(path);
        if (irq != null) {
            long mask;
            try {
                mask = Long.parseLong(value.replace(",", ""), 16);
            } catch (NumberFormatException e) {
                throw new CommandException(1, "echo: write error: Invalid argument (smp_affinity is a hex CPU mask, got '" + value + "')");
            }
            if (mask == 0 || Long.numberOfTrailingZeros(mask) >= net.numCpus()) {
                throw new CommandException(1, "echo: write error: Invalid argument (no CPU of " + node.name() + " in mask " + value + ")");
            }
            // A mask names one or more CPUs; an interrupt is delivered to the lowest one, as the APIC's fixed mode does.
            irq.nic.setIrqAffinity(irq.queue, Long.numberOfTrailingZeros(mask));
            return;
        }
        throw new CommandException(1, "echo: " + path + ": No such file or directory (Weir models /proc/sys/..., rps_cpus and smp_affinity)");
    }

    private record RpsTarget(Nic nic, int queue) {}

    private record IrqTarget(Nic nic, int queue) {}

    private RpsTarget rpsTarget(String path) {
        // /sys/class/net/eth0/queues/rx-0/rps_cpus
        String[] p = path.split("/");
        if (p.length == 8 && path.startsWith("/sys/class/net/") && p[5].equals("queues") && p[6].startsWith("rx-") && p[7].equals("rps_cpus")) {
            NetDevice d = net.device(p[4]);
            if (!(d instanceof Nic nic)) {
                throw new CommandException(1, path + ": No such file or directory");
            }
            int q;
            try {
                q = Integer.parseInt(p[6].substring(3));
            } catch (NumberFormatException e) {
                throw new CommandException(1, path + ": No such file or directory");
            }
            if (q < 0 || q >= nic.numRxQueues()) {
                throw new CommandException(1, path + ": No such file or directory (" + nic.name() + " has rx-0..rx-" + (nic.numRxQueues() - 1) + ")");
            }
            return new RpsTarget(nic, q);
        }
        return null;
    }

    private IrqTarget irqTarget(String path) {
        // /proc/irq/24/smp_affinity
        String[] p = path.split("/");
        if (p.length == 5 && path.startsWith("/proc/irq/") && p[4].equals("smp_affinity")) {
            int irq;
            try {
                irq = Integer.parseInt(p[3]);
            } catch (NumberFormatException e) {
                throw new CommandException(1, path + ": No such file or directory");
            }
            for (NetDevice d : net.devices()) {
                if (d instanceof Nic nic) {
                    for (int q = 0; q < nic.numRxQueues(); q++) {
                        if (nic.irq(q) == irq) {
                            return new IrqTarget(nic, q);
                        }
                    }
                }
            }
            throw new CommandException(1, path + ": No such file or directory (see cat /proc/interrupts)");
        }
        return null;
    }

    private String interrupts() {
        StringBuilder sb = new StringBuilder("           ");
        for (int c = 0; c < net.numCpus(); c++) {
            sb.append(String.format("%-11s", "CPU" + c));
        }
        sb.append('\n');
        for (NetDevice d : net.devices()) {
            if (d instanceof Nic nic) {
                for (int q = 0; q < nic.numRxQueues(); q++) {
                    sb.append(String.format("%4d:", nic.irq(q)));
                    long[] counts = nic.irqCounts(q);
                    for (int c = 0; c < net.numCpus(); c++) {
                        sb.append(String.format(" %10d", c < counts.length ? counts[c] : 0));
                    }
                    sb.append("  weir-msi  ").append(nic.name()).append("-TxRx-").append(q).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
