package dev.weir.tools.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the input, the script parser either returns a script or throws
 * {@link ScriptSyntaxException} with a position inside the text; the Python block reader and
 * evaluator and the shell reader never throw at all. Inputs: random text over the characters
 * scripts use, and Weir's test scripts with random edits.
 */
class ParserPropertyTest {
    private static final String SCRIPT_CHARS = "0123456789+-.~*<>[](){}=,:;|\"`%#/\\ \t\n_SFRPEWUAabcdeiklmnopqrstuvwxyzO";
    private static final List<String> SEEDS = List.of("server-handshake.pkt", "client-fastopen.pkt", "sack-info.pkt");

    private static String seed(String name) {
        try {
            return ScriptParserTest.resource(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.strings().withChars(SCRIPT_CHARS).ofMaxLength(300);
    }

    /** A seed script with up to 8 random single-character deletions, insertions or replacements. */
    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> base = Arbitraries.of(SEEDS).map(ParserPropertyTest::seed);
        Arbitrary<List<int[]>> edits = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, SCRIPT_CHARS.length() - 1))
                .as((op, at, ch) -> new int[] {op, at, ch}).list().ofMinSize(1).ofMaxSize(8);
        return Combinators.combine(base, edits).as((text, list) -> {
            StringBuilder b = new StringBuilder(text);
            for (int[] e : list) {
                int at = e[1] % (b.length() + 1);
                char c = SCRIPT_CHARS.charAt(e[2]);
                switch (e[0]) {
                    case 0 -> { if (at < b.length()) { b.deleteCharAt(at); } }
                    case 1 -> b.insert(at, c);
                    default -> { if (at < b.length()) { b.setCharAt(at, c); } }
                }
            }
            return b.toString();
        });
    }

    private static void parsesOrFailsWithAPosition(String text) {
        try {
            Script s = ScriptParser.parse("p.pkt", text);
            assertThat(s.events()).isNotEmpty();
            FeatureScan.scan(s);
            Timing.checkScriptTimes(s);
        } catch (ScriptSyntaxException e) {
            assertThat(e.line()).isBetween(1, (int) text.chars().filter(c -> c == '\n').count() + 1);
            assertThat(e.column()).isPositive();
        }
    }

    @Property(tries = 2000)
    void randomTextOnlyEverFailsWithASyntaxError(@ForAll("garbage") String text) {
        parsesOrFailsWithAPosition(text);
    }

    @Property(tries = 1000)
    void editedScriptsOnlyEverFailWithASyntaxError(@ForAll("mutated") String text) {
        parsesOrFailsWithAPosition(text);
    }

    @Provide
    Arbitrary<String> python() {
        Arbitrary<String> random = Arbitraries.strings().withChars("0123456789abcdefxo_ tcpi=<>!+-*/%&|^~()'\",;#\\\n.[]:TrueFalsNnadort")
                .ofMaxLength(120);
        Arbitrary<String> assembled = Arbitraries.of("tcpi_snd_cwnd", "x", "1", "0x10", "-3", "2.5", "'a%d'", "(1, 2)", "True", "None",
                "int(7.9)", "min(3, 4)", "y").list().ofMinSize(1).ofMaxSize(6).flatMap(atoms -> Arbitraries.of(
                        "==", "<", "<=", " and ", " or ", "//", "%", "**", "<<", "+", "-", "*", "/", "|", "&").list()
                .ofSize(atoms.size() - 1).map(ops -> {
                    StringBuilder b = new StringBuilder("assert ");
                    for (int i = 0; i < atoms.size(); i++) {
                        b.append(i > 0 ? ops.get(i - 1) : "").append(atoms.get(i));
                    }
                    return "x = 5; " + b;
                }));
        return Arbitraries.oneOf(random, assembled);
    }

    @Property(tries = 3000)
    void pythonBlocksNeverThrow(@ForAll("python") String code) {
        PythonBlock b = PythonBlock.parse(code, 10);
        Map<String, Long> snapshot = new HashMap<>();
        snapshot.put("tcpi_snd_cwnd", 10L);
        PyOutcome o = new PythonSession().run(b, snapshot);
        assertThat(o).isNotNull();
        if (!b.isSupported()) {
            assertThat(o).isEqualTo(b.problem().orElseThrow());
        }
    }

    @Property(tries = 1000)
    void shellTextNeverThrows(@ForAll("garbage") String text) {
        assertThat(ShellLines.parse(text)).isNotNull();
        assertThat(LinuxDefaults.parse(text)).isNotNull();
    }
}
