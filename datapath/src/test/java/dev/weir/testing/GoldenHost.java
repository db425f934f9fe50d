package dev.weir.testing;

import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.l2.BridgeCommand;
import dev.weir.l2.IpLink;
import dev.weir.l2.L2;
import dev.weir.neigh.Arp;
import dev.weir.neigh.IpNeigh;
import dev.weir.neigh.Ndisc;
import dev.weir.sim.Simulation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The Weir side of {@code scripts/capture-l2-golden}: a namespace shaped like the script's Linux
 * host (lo up; eth0 02:00:00:00:00:01 and eth1 02:00:00:00:00:02 up with carrier; eth2
 * 02:00:00:00:00:03 and eth3 02:00:00:00:00:04 down, their link partners up; ifindex 1 to 5), the device and neighbour
 * layers installed, and a shell that runs a scenario's lines through Weir's {@code ip link},
 * {@code ip neigh} and {@code bridge fdb} and writes the same transcript the script records:
 * {@code $ LINE}, stdout, {@code ! } stderr lines, {@code ? STATUS}. As in the script, a full
 * {@code ip link [show] [up]} lists every device but eth2 and eth3, and {@code | grep -v WORD}
 * filters stdout.
 */
public final class GoldenHost {
    private static final Set<String> HIDDEN = Set.of("eth2", "eth3");

    public final Simulation sim = new Simulation(42);
    public final NetNs net = new NetNs("h", sim.scheduler(), sim.rootRandom(), 1);
    public final L2 l2 = L2.install(net);
    public final Arp arp = Arp.install(l2);
    public final Ndisc ndisc = Ndisc.install(l2);
    private final IpLink ipLink = new IpLink(l2);
    private final IpNeigh ipNeigh = new IpNeigh(arp, ndisc);
    private final BridgeCommand bridge = new BridgeCommand(l2);

    public GoldenHost() {
        TestLoopback lo = new TestLoopback(net);
        net.register(lo);
        lo.open();
        // The script's eth0 and eth1 are bridges: noqueue devices.
        new TestNic(net, "eth0", 0x02_00_00_00_00_01L).noQueue().up();
        new TestNic(net, "eth1", 0x02_00_00_00_00_02L).noQueue().up();
        // Down, but their link partners are up: carrier as soon as they go up (the script's veths).
        for (String name : List.of("eth2", "eth3")) {
            TestNic nic = new TestNic(net, name, name.equals("eth2") ? 0x02_00_00_00_00_03L : 0x02_00_00_00_00_04L);
            net.register(nic);
            nic.setCarrier(true);
        }
    }

    /** The transcript of running scenario file {@code cmds}, in the golden file's format (no header line). */
    public String transcript(Path cmds) {
        StringBuilder sb = new StringBuilder();
        for (String raw : read(cmds)) {
            String line = raw.replaceAll("#.*", "").stripTrailing();
            if (line.isEmpty()) {
                continue;
            }
            sb.append("$ ").append(line).append('\n');
            run(line, sb);
        }
        return sb.toString();
    }

    /** The golden file without its first line (which names the Linux and iproute2 versions). */
    public static String golden(Path golden) {
        List<String> lines = read(golden);
        return String.join("\n", lines.subList(1, lines.size())) + "\n";
    }

    private static List<String> read(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + p, e);
        }
    }

    private void run(String line, StringBuilder sb) {
        String filter = null;
        String cmd = line;
        int bar = line.indexOf("| grep -v ");
        if (bar >= 0) {
            filter = line.substring(bar + "| grep -v ".length()).trim();
            cmd = line.substring(0, bar).trim();
        }
        List<String> words = Args.split(cmd);
        StringWriter out = new StringWriter();
        PrintWriter pw = new PrintWriter(out);
        String err = "";
        int status = 0;
        try {
            switch (words.get(0)) {
                case "carrier" -> net.requireDevice(words.get(1)).setCarrier(words.get(2).equals("on"));
                case "ipv6" -> {
                    // IPv6 is always on for Weir's devices
                }
                case "bridge" -> bridge.run(new Args("bridge", words.subList(1, words.size())), pw);
                case "ip" -> ip(words.subList(1, words.size()), pw);
                default -> throw new IllegalArgumentException("unknown scenario command: " + line);
            }
        } catch (CommandException e) {
            err = e.getMessage() + "\n";
            status = e.exitCode();
        }
        pw.flush();
        String o = out.toString();
        if (filter != null) {
            StringBuilder f = new StringBuilder();
            for (String l : o.split("\n", -1)) {
                if (!l.isEmpty() && !l.contains(filter)) {
                    f.append(l).append('\n');
                }
            }
            o = f.toString();
        }
        sb.append(o);
        if (!err.isEmpty()) {
            String[] lines = err.substring(0, err.length() - 1).split("\n", -1);
            for (String l : lines) {
                sb.append("! ").append(l).append('\n');
            }
        }
        if (status != 0) {
            sb.append("? ").append(status).append('\n');
        }
    }

    private void ip(List<String> words, PrintWriter pw) {
        int i = 0;
        while (i < words.size() && words.get(i).startsWith("-")) {
            i++;
        }
        String obj = i < words.size() ? words.get(i) : "";
        String sub = i + 1 < words.size() ? words.get(i + 1) : "";
        List<String> more = words.subList(Math.min(i + 2, words.size()), words.size());
        boolean link = !obj.isEmpty() && "link".startsWith(obj);
        boolean show = sub.isEmpty() || (List.of("s", "sh", "sho", "show", "l", "li", "lis", "list", "ls", "lst").contains(sub)
                && (more.isEmpty() || more.equals(List.of("up"))));
        if (link && show) {
            List<NetDevice> devs = new ArrayList<>(net.devices());
            devs.sort(Comparator.comparingInt(NetDevice::ifindex));
            for (NetDevice d : devs) {
                if (HIDDEN.contains(d.name())) {
                    continue;
                }
                List<String> w = new ArrayList<>(words.subList(0, i));
                w.addAll(List.of(obj, "show", "dev", d.name()));
                if (!more.isEmpty()) {
                    w.add("up");
                }
                ipLink.run(new Args("ip", w), pw);
            }
            return;
        }
        if (!obj.isEmpty() && "neighbour".startsWith(obj) || "neighbor".startsWith(obj) && !obj.isEmpty()) {
            ipNeigh.run(new Args("ip", words), pw);
        } else {
            ipLink.run(new Args("ip", words), pw);
        }
    }
}
