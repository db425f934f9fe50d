package dev.weir.qdisc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.Args;
import dev.weir.core.CommandException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays each tc scenario in {@code src/test/resources/tc} against Weir and compares the
 * transcript with the one scripts/capture-tc-golden recorded from the real tc 6.1 on Linux 6.18
 * with the same devices (two veth pairs, one and four queues). Every line must match: the
 * parameters and statistics tc prints, its error messages and exit codes, and the kernel's
 * answers. Automatic handles (8001:, ...) depend on how many the kernel handed out before; both
 * sides have them replaced by 8xxx: before comparing.
 */
class TcGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"errors", "show"})
    void weirPrintsWhatRealTcPrints(String scenario) throws IOException {
        List<String> golden = normalize(resource(scenario + ".golden"));
        List<String> weir = normalize(replay(resource(scenario + ".tc")));
        List<String> expected = golden.subList(1, golden.size());
        for (int i = 0; i < Math.min(weir.size(), expected.size()); i++) {
            if (!weir.get(i).equals(expected.get(i))) {
                throw new AssertionError(scenario + ".golden line " + (i + 2) + " differs\n  tc:   [" + expected.get(i)
                        + "]\n  weir: [" + weir.get(i) + "]\n  after: " + lastCommand(expected, i));
            }
        }
        assertThat(weir).containsExactlyElementsOf(expected);
    }

    private static String lastCommand(List<String> lines, int i) {
        for (int k = i; k >= 0; k--) {
            if (lines.get(k).startsWith("$ ")) {
                return lines.get(k);
            }
        }
        return "(start)";
    }

    static String replay(String script) {
        TestHost host = new TestHost(1);
        host.device("vb", 1, 0, true);
        host.device("va", 1, 0, true);
        host.device("vd", 4, 0, true);
        host.device("vc", 4, 0, true);
        Tc tc = new Tc(host.ns);
        StringBuilder transcript = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            transcript.append("$ tc ").append(line).append('\n');
            StringWriter sw = new StringWriter();
            try {
                tc.run(new Args("tc", Args.split(line)), new PrintWriter(sw));
                appendStripped(transcript, sw.toString());
            } catch (CommandException e) {
                appendStripped(transcript, sw.toString());
                transcript.append(e.getMessage()).append('\n');
                transcript.append("[exit ").append(e.exitCode()).append("]\n");
            }
        }
        host.pool.assertNoLeaks();
        return transcript.toString();
    }

    /** What the capture's {@code $(...)} keeps: the text without its trailing newlines, then one. */
    private static void appendStripped(StringBuilder sb, String out) {
        String s = out.replaceAll("\n+$", "");
        if (!s.isEmpty()) {
            sb.append(s).append('\n');
        }
    }

    static List<String> normalize(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n", -1)) {
            out.add(l.replaceAll("\\b8[0-9a-f]{3}:", "8xxx:"));
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = TcGoldenTest.class.getResourceAsStream("/tc/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /tc/" + name + " (record it with scripts/capture-tc-golden)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
