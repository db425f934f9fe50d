package dev.weir.cli;

import dev.weir.topo.Topology;
import dev.weir.topo.TopologyException;
import dev.weir.topo.TopologyParser;
import dev.weir.topo.TopologyRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weir run TOPOLOGY.yaml}: builds the topology's hosts, links, programs and applications
 * and runs it in virtual time ({@link TopologyRunner}); applications print to standard output,
 * each line prefixed with its host; the result folder gets a pcapng file per capture point and
 * {@code counters.json}. Exit 0, or 2 with the file, line and problem when the topology (or a
 * command, program or application in it) is wrong.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Weir.Version.class, sortOptions = false,
        description = {"Run a topology file in virtual time: hosts, links, commands, programs, applications, captures.",
            "Writes one pcapng file per capture point and counters.json to the output folder (the file's 'output:',"
                    + " default weir-out/NAME)."})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "TOPOLOGY", description = "The topology file (YAML).")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "The output folder, instead of the file's.")
    Path output;

    @Option(names = "--progress", description = "Draw a progress bar on standard error.")
    boolean progress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Topology t = TopologyParser.parse(file);
            TopologyRunner r = new TopologyRunner(t, out, err, new TopologyRunner.Options(progress, output),
                    TopologyRunner.STANDARD_APPS);
            TopologyRunner.Result res = r.run();
            out.flush();
            err.println("weir run: " + t.name() + ": " + res.events() + " events in " + res.virtualNanos() / 1_000_000 + " ms of virtual time;"
                    + " results in " + res.outputDir());
            err.flush();
            return 0;
        } catch (TopologyException e) {
            out.flush();
            err.println("weir run: " + e.getMessage());
            err.flush();
            return 2;
        } catch (IOException e) {
            out.flush();
            err.println("weir run: " + e.getMessage());
            err.flush();
            return 2;
        }
    }
}
