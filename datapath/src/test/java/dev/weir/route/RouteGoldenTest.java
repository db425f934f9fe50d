package dev.weir.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs each scenario of {@code golden/*.cmds} on a Weir host and compares everything printed,
 * byte for byte, with what Linux 6.18 and iproute2 6.1.0 printed for the same commands on the
 * same devices ({@code golden/*.golden}, recorded by {@code scripts/capture-route-golden}; see
 * that script for how the Linux host is made to match the test host).
 *
 * <p>Virtual time advances 1 ms per command, so that an expiry Linux printed right after a
 * learned path MTU (599 of 600 s) reads the same. Lines starting "explain:" are Weir's own
 * addition to {@code ip -d route get} and are checked apart: present, and only there.
 */
class RouteGoldenTest {
    static final List<String> SCENARIOS = List.of(
            "basic", "get", "rules", "types", "errors", "updown", "addrs", "options", "pmtu", "input", "misc");

    @TestFactory
    Stream<DynamicTest> scenariosPrintWhatLinuxPrints() {
        return SCENARIOS.stream().map(s -> DynamicTest.dynamicTest(s, () -> check(s)));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = RouteGoldenTest.class.getResourceAsStream("golden/" + name)) {
            if (in == null) {
                throw new AssertionError("missing test resource golden/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The golden text as blocks: "$ COMMAND" then its output lines, in order. */
    record Block(String command, String expected) {}

    static List<Block> blocks(String golden) {
        List<Block> out = new ArrayList<>();
        String cmd = null;
        StringBuilder body = new StringBuilder();
        for (String line : golden.split("\n", -1)) {
            if (line.startsWith("# ") && cmd == null) {
                continue;
            }
            if (line.startsWith("$ ")) {
                if (cmd != null) {
                    out.add(new Block(cmd, body.toString()));
                }
                cmd = line.substring(2);
                body.setLength(0);
            } else if (cmd != null && !(line.isEmpty() && body.length() == 0 && false)) {
                body.append(line).append('\n');
            }
        }
        if (cmd != null) {
            out.add(new Block(cmd, body.toString()));
        }
        // The file ends with a newline: drop the empty line split() leaves after it.
        if (!out.isEmpty()) {
            Block last = out.get(out.size() - 1);
            String e = last.expected();
            if (e.endsWith("\n\n") || e.equals("\n")) {
                out.set(out.size() - 1, new Block(last.command(), e.substring(0, e.length() - 1)));
            }
        }
        return out;
    }

    /** A command's result in the golden format. */
    static String render(RouteTestHost.Result r) {
        StringBuilder sb = new StringBuilder(r.out());
        if (!r.err().isEmpty()) {
            for (String l : r.err().split("\n", -1)) {
                sb.append("! ").append(l).append('\n');
            }
            sb.setLength(sb.length() - "! \n".length());
        }
        if (r.status() != 0) {
            sb.append("? ").append(r.status()).append('\n');
        }
        return sb.toString();
    }

    static void check(String scenario) throws IOException {
        List<Block> expected = blocks(resource(scenario + ".golden"));
        RouteTestHost h = new RouteTestHost();
        StringBuilder want = new StringBuilder();
        StringBuilder got = new StringBuilder();
        StringBuilder diffs = new StringBuilder();
        for (Block b : expected) {
            h.advance(1_000_000);
            RouteTestHost.Result r = h.run(b.command());
            String rendered = render(r);
            List<String> explain = new ArrayList<>();
            StringBuilder linuxPart = new StringBuilder();
            for (String l : rendered.split("\n", -1)) {
                if (l.startsWith("explain:") || l.startsWith("! explain:")) {
                    explain.add(l);
                } else {
                    linuxPart.append(l).append('\n');
                }
            }
            String mine = linuxPart.substring(0, linuxPart.length() - 1);
            boolean explains = b.command().matches("ip (-\\S+ )*-d( -\\S+)* (route|r|ro) get .*");
            assertThat(explain.isEmpty()).as("explain lines for \"%s\"", b.command()).isEqualTo(!explains);
            want.append("$ ").append(b.command()).append('\n').append(b.expected());
            got.append("$ ").append(b.command()).append('\n').append(mine);
            if (!mine.equals(b.expected())) {
                diffs.append("$ ").append(b.command()).append("\n--- Linux:\n").append(b.expected())
                        .append("--- Weir:\n").append(mine).append('\n');
            }
        }
        assertThat(got.toString()).as("scenario %s, differing commands:%n%s", scenario, diffs).isEqualTo(want.toString());
    }
}
