package dev.weir.tools.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The parser, evaluator and set-up reader against all of Linux's packetdrill TCP scripts, read
 * from {@code ../shared/packetdrill/tcp} (skipped when absent). Writes the survey of features
 * the scripts use to {@code target/packetdrill-survey.txt}.
 */
class LinuxSuiteTest {
    private static final int SUITE_SIZE = 162;

    private static Script parse(Path p) throws IOException, ScriptSyntaxException {
        return ScriptParser.parse(p, ScriptParser.LINUX_SELFTEST_IPV4_DEFINES);
    }

    @Test
    void everyScriptParses() throws IOException {
        Path root = Suite.require();
        List<Path> files = Suite.scripts(root);
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            try {
                Script s = parse(f);
                assertThat(s.events()).as(f.toString()).isNotEmpty();
            } catch (ScriptSyntaxException e) {
                failures.add(e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(files).hasSize(SUITE_SIZE);
    }

    @Test
    void everyScriptPassesPacketdrillsTimeChecks() throws Exception {
        for (Path f : Suite.scripts(Suite.require())) {
            assertThat(Timing.checkScriptTimes(parse(f))).as(f.toString()).isEmpty();
        }
    }

    /** Printing every event in script syntax and parsing the print gives the same events back. */
    @Test
    void everyScriptSurvivesPrintingAndParsingAgain() throws Exception {
        for (Path f : Suite.scripts(Suite.require())) {
            Script s = parse(f);
            StringBuilder b = new StringBuilder();
            s.options().forEach(o -> b.append(o).append('\n'));
            s.includes().forEach(c -> b.append(c).append('\n'));
            s.events().forEach(e -> b.append(e).append('\n'));
            s.cleanup().ifPresent(c -> b.append(c).append('\n'));
            Script again = ScriptParser.parse(f + " (printed)", b.toString());
            assertThat(again.options()).extracting(ScriptOption::toString).as(f.toString())
                    .isEqualTo(s.options().stream().map(ScriptOption::toString).toList());
            assertThat(again.includes()).extracting(ShellCommand::text).isEqualTo(s.includes().stream().map(ShellCommand::text).toList());
            assertThat(again.cleanup().map(ShellCommand::text)).isEqualTo(s.cleanup().map(ShellCommand::text));
            assertThat(again.events()).hasSameSizeAs(s.events());
            for (int i = 0; i < s.events().size(); i++) {
                Event e = s.events().get(i);
                Event g = again.events().get(i);
                assertThat(g.time()).as(f + ":" + e.line()).isEqualTo(e.time());
                if (e.action() instanceof Action.Python p) {
                    assertThat(((Action.Python) g.action()).code()).isEqualTo(p.code());
                } else {
                    assertThat(g.action()).as(f + ":" + e.line()).isEqualTo(e.action());
                }
            }
        }
    }

    /** Every %{ }% block is in the evaluator's subset and runs to a verdict on a full TCP_INFO snapshot. */
    @Test
    void everyPythonBlockIsEvaluated() throws Exception {
        Map<String, Long> snapshot = new HashMap<>();
        TcpInfoFields.FIELDS.forEach(n -> snapshot.put(n, 10L));
        int blocks = 0;
        List<String> notEvaluated = new ArrayList<>();
        for (Path f : Suite.scripts(Suite.require())) {
            PythonSession session = new PythonSession();
            for (Event e : parse(f).events()) {
                if (e.action() instanceof Action.Python p) {
                    blocks++;
                    PyOutcome o = session.run(p, snapshot);
                    if (!(o instanceof PyOutcome.Pass) && !(o instanceof PyOutcome.AssertionFailed)) {
                        notEvaluated.add(f + ": " + o);
                    }
                }
            }
        }
        assertThat(notEvaluated).isEmpty();
        assertThat(blocks).isEqualTo(304);
    }

    /** Every set-up command resolves: defaults.sh is read from the suite, set_sysctls.py and sysctl lines become settings. */
    @Test
    void everySetupResolvesAgainstTheSuitesDefaults() throws Exception {
        Path root = Suite.require();
        Map<String, String> baseline = LinuxDefaults.read(root.resolve(LinuxDefaults.DEFAULTS_PATH)).sysctls();
        for (Path f : Suite.scripts(root)) {
            Script s = parse(f);
            LinuxDefaults.Setup setup = LinuxDefaults.setup(s, root);
            assertThat(setup.sysctls().keySet()).as(f.toString()).containsAll(baseline.keySet());
        }
        Path ecn = root.resolve("ecn/ecn-uses-ect0.pkt");
        LinuxDefaults.Setup setup = LinuxDefaults.setup(parse(ecn), root);
        assertThat(setup.sysctls()).containsEntry("net.ipv4.tcp_ecn", "1").containsEntry("net.ipv4.tcp_sack", "1");
    }

    @Test
    void writesTheSurvey() throws Exception {
        Path root = Suite.require();
        SortedMap<String, int[]> total = new TreeMap<>();
        for (Path f : Suite.scripts(root)) {
            for (Map.Entry<String, Integer> e : FeatureScan.scan(parse(f)).entrySet()) {
                int[] c = total.computeIfAbsent(e.getKey(), k -> new int[2]);
                c[0]++;
                c[1] += e.getValue();
            }
        }
        StringBuilder b = new StringBuilder("# feature: scripts using it, occurrences\n");
        total.forEach((k, v) -> b.append(k).append(": ").append(v[0]).append(", ").append(v[1]).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/packetdrill-survey.txt"), b);
        // Every script but fastopen/client/sendto-af-unspec.pkt, which only makes system calls.
        assertThat(total.get("packet tcp")[0]).isEqualTo(SUITE_SIZE - 1);
        assertThat(total).containsKeys("tcp option FO", "tcp option FOEXP", "tcp option md5", "packet icmp unreachable frag_needed",
                "ip ecn ect0", "syscall blocking", "time *");
    }
}
