package dev.weir.verifier;

import dev.weir.api.prog.XdpProgram;
import dev.weir.maps.CpuContext;
import dev.weir.maps.MapRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The corpus of test programs in src/test/resources/dev/weir/verifier/corpus: one program per
 * file, each stating in its header what must happen to it:
 * <pre>
 * // expect: rejected no-alloc        the verifier refuses it, breaking (at least) this rule
 * // expect: contained                accepted; its runs below end as stated (aborted or a value)
 * // expect: accepted                 accepted; its runs below return these values
 * // run: 200 -> aborted              run on a packet of 200 bytes: ABORTED
 * // run: 10 -> 2                     run on a packet of 10 bytes: returns 2
 * </pre>
 */
final class Corpus {
    static final int ABORTED = Integer.MIN_VALUE;
    private static final Pattern EXPECT = Pattern.compile("^// expect: (rejected ([a-z-]+)|contained|accepted)$",
            Pattern.MULTILINE);
    private static final Pattern RUN = Pattern.compile("^// run: (\\d+) -> (aborted|-?\\d+)$", Pattern.MULTILINE);

    /** One run of a program and its expected result ({@link #ABORTED} for an aborted run). */
    record Run(int length, int result) {
        @Override
        public String toString() {
            return length + " -> " + (result == ABORTED ? "aborted" : Integer.toString(result));
        }
    }

    /** A corpus program. */
    record Program(String name, Path file, String source, String expect, Rule rule, List<Run> runs) {
        String className() {
            return "dev.example." + name;
        }

        @Override
        public String toString() {
            return name + " (" + expect + (rule != null ? " " + rule.id() : "") + ")";
        }
    }

    private Corpus() {
    }

    static Path directory() {
        try {
            return Path.of(Corpus.class.getResource("corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Program> all() {
        List<Program> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory())) {
            for (Path f : files.sorted().toList()) {
                out.add(read(f));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static Program byName(String name) {
        return read(directory().resolve(name + ".java"));
    }

    static Program read(Path f) {
        String source;
        try {
            source = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String name = f.getFileName().toString().replace(".java", "");
        Matcher m = EXPECT.matcher(source);
        if (!m.find()) {
            throw new IllegalStateException(f + " has no // expect: line");
        }
        String expect = m.group(1).startsWith("rejected") ? "rejected" : m.group(1);
        Rule rule = m.group(2) == null ? null : Rule.byId(m.group(2));
        if (m.group(2) != null && rule == null) {
            throw new IllegalStateException(f + ": no rule " + m.group(2));
        }
        List<Run> runs = new ArrayList<>();
        Matcher r = RUN.matcher(source);
        while (r.find()) {
            runs.add(new Run(Integer.parseInt(r.group(1)),
                    r.group(2).equals("aborted") ? ABORTED : Integer.parseInt(r.group(2))));
        }
        return new Program(name, f, source, expect, rule, runs);
    }

    /** A compiler against hooks-api. */
    static ProgramCompiler compiler() {
        return new ProgramCompiler();
    }

    /** A loader binding maps in a fresh registry of a one-CPU host. */
    static ProgramLoader loader() {
        return new ProgramLoader().withMaps(new MapRegistry("test", CpuContext.settable(1)));
    }

    static Map<String, byte[]> compile(Program p) {
        return compiler().compile(p.file().getFileName().toString(), p.source());
    }

    /** Runs a loaded test program once on a packet of {@code length} bytes. */
    static int run(LoadedProgram<?> loaded, int length) {
        return loaded.as(XdpProgram.class).runner().runInt(TestContext.ofLength(length), XdpProgram::run,
                ABORTED);
    }
}
