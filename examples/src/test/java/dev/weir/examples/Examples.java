package dev.weir.examples;

import dev.weir.topo.Topology;
import dev.weir.topo.TopologyParser;
import dev.weir.topo.TopologyRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Runs the example topologies of {@code examples/topologies} as {@code weir run} does. */
final class Examples {
    private Examples() {}

    /** The folder holding the example topologies (the tests run from the examples module). */
    static Path dir() {
        Path p = Path.of("topologies");
        return Files.isDirectory(p) ? p : Path.of("examples", "topologies");
    }

    static List<Path> all() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run: what it printed and what it wrote. */
    record Run(TopologyRunner runner, TopologyRunner.Result result, String out, String err) {}

    static Run run(Path topology, Path outputDir) throws IOException {
        Topology t = TopologyParser.parse(topology);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        TopologyRunner r = new TopologyRunner(t, new PrintWriter(out, true), new PrintWriter(err, true),
                new TopologyRunner.Options(false, outputDir), TopologyRunner.standardApps());
        TopologyRunner.Result res = r.run();
        return new Run(r, res, out.toString(), err.toString());
    }

    static Run run(String name, Path outputDir) throws IOException {
        return run(dir().resolve(name), outputDir);
    }
}
