package dev.weir.cli;

import dev.weir.topo.Topology;
import dev.weir.topo.TopologyException;
import dev.weir.topo.TopologyParser;
import dev.weir.topo.TopologyRunner;
import dev.weir.sim.VirtualTime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weir run TOPOLOGY.yaml}: runs a topology in virtual time and writes its result folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Runs a topology file in deterministic virtual time: builds its hosts, switches and links, applies",
            "sysctls and ip/tc/ethtool commands, starts its applications, and writes a pcapng file per capture",
            "point and counters.json (nstat counters, drop reasons, devices, qdiscs, CPUs, links) to its output folder.",
            "Application output is printed with each line prefixed by its host."})
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPOLOGY.yaml", description = "the topology file")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "result folder (default: the file's 'output', else weir-out/<name>)")
    Path output;

    @Option(names = "--progress", negatable = true, description = "show a progress bar on stderr (default: when stderr is a terminal)")
    Boolean progress;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Topology t;
        try {
            t = TopologyParser.parse(file);
        } catch (TopologyException e) {
            err.println("weir run: " + e.getMessage());
            return 2;
        }
        boolean showProgress = progress != null ? progress : System.console() != null && System.getenv("CI") == null;
        TopologyRunner r = new TopologyRunner(t, out, err, new TopologyRunner.Options(showProgress, output), TopologyRunner.standardApps());
        long wall = System.nanoTime();
        TopologyRunner.Result res;
        try {
            res = r.run();
        } catch (TopologyException e) {
            out.flush();
            err.println("weir run: " + e.getMessage());
            return 2;
        }
        out.flush();
        double secs = (System.nanoTime() - wall) / 1e9;
        err.printf("weir run: %s: %s of virtual time in %.2f s (%d events, seed %d)%n", t.name(),
                VirtualTime.format(res.virtualNanos()), secs, res.events(), t.seed());
        for (Path p : res.captures()) {
            err.println("  capture  " + p);
        }
        err.println("  counters " + res.counters());
        return 0;
    }
}
