package dev.weir.tools.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python subset: the forms packetdrill's scripts use, Python's semantics where they differ
 * from Java's, failure messages, what is reported unsupported, and agreement with the python3
 * installed where the tests run.
 */
class PythonSessionTest {
    private static PyOutcome run(String code, Map<String, Long> snapshot) {
        return new PythonSession().run(PythonBlock.parse(code, 23), snapshot);
    }

    @Test
    void assertFailureNamesTheExpressionAndTheValuesInvolved() {
        assertThat(run("assert tcpi_snd_cwnd == 10, tcpi_snd_cwnd", Map.of("tcpi_snd_cwnd", 12L)).toString())
                .isEqualTo("line 23: assert failed: tcpi_snd_cwnd == 10 (tcpi_snd_cwnd = 12)");
        assertThat(run("assert tcpi_snd_cwnd == 10, tcpi_snd_cwnd", Map.of("tcpi_snd_cwnd", 10L))).isEqualTo(new PyOutcome.Pass(List.of()));
        // A message that is more than a name already shown is appended, computed as Python would.
        assertThat(run("assert 5000 <= tcpi_rtt <= 20000, 'srtt=%d us' % tcpi_rtt", Map.of("tcpi_rtt", 25_000L)).toString())
                .isEqualTo("line 23: assert failed: 5000 <= tcpi_rtt <= 20000 (tcpi_rtt = 25000): srtt=25000 us");
        // A message naming another variable shows it too.
        assertThat(run("assert tcpi_delivered == 1, tcpi_state", Map.of("tcpi_delivered", 2L, "tcpi_state", 1L)).toString())
                .isEqualTo("line 23: assert failed: tcpi_delivered == 1 (tcpi_delivered = 2, tcpi_state = 1)");
        assertThat(run("assert (tcpi_options & TCPI_OPT_SYN_DATA) != 0, tcpi_options", Map.of("tcpi_options", 7L)).toString())
                .isEqualTo("line 23: assert failed: (tcpi_options & TCPI_OPT_SYN_DATA) != 0 (tcpi_options = 7, TCPI_OPT_SYN_DATA = 32)");
    }

    @Test
    void linesCountFromTheBlocksFirstLine() {
        String code = "\nassert tcpi_ca_state == TCP_CA_CWR, tcpi_ca_state\n\n# PRR in CWR\nassert tcpi_snd_cwnd == 4, tcpi_snd_cwnd\n";
        PyOutcome o = run(code, Map.of("tcpi_ca_state", 2L, "tcpi_snd_cwnd", 5L));
        assertThat(o).isEqualTo(new PyOutcome.AssertionFailed(27, "assert failed: tcpi_snd_cwnd == 4 (tcpi_snd_cwnd = 5)"));
        String continued = "assert tcpi_probes == 0, tcpi_probes; \\\n         assert tcpi_backoff == 0, tcpi_backoff";
        assertThat(run(continued, Map.of("tcpi_probes", 0L, "tcpi_backoff", 3L)))
                .isEqualTo(new PyOutcome.AssertionFailed(24, "assert failed: tcpi_backoff == 0 (tcpi_backoff = 3)"));
        // A block ending in a continuation is still complete: packetdrill runs the text followed by two newlines.
        assertThat(run("assert tcpi_busy_time > 1, tcpi_busy_time;\\\n", Map.of("tcpi_busy_time", 5L))).isInstanceOf(PyOutcome.Pass.class);
    }

    /** Names assigned by one block stay for the next, as in packetdrill's single Python process; the snapshot is renewed each time. */
    @Test
    void variablesPersistAcrossBlocks() {
        PythonSession s = new PythonSession();
        assertThat(s.run(PythonBlock.parse("TCP_INFINITE_SSTHRESH = 0x7fffffff", 20), Map.of())).isInstanceOf(PyOutcome.Pass.class);
        assertThat(s.run(PythonBlock.parse("print(tcpi_snd_cwnd); cwnd = 58; assert tcpi_snd_cwnd == cwnd, tcpi_snd_cwnd", 21),
                Map.of("tcpi_snd_cwnd", 58L))).isEqualTo(new PyOutcome.Pass(List.of("58")));
        assertThat(s.run(PythonBlock.parse("cwnd += 1; assert tcpi_snd_cwnd == cwnd, tcpi_snd_cwnd", 22), Map.of("tcpi_snd_cwnd", 58L)))
                .isEqualTo(new PyOutcome.AssertionFailed(22, "assert failed: tcpi_snd_cwnd == cwnd (tcpi_snd_cwnd = 58, cwnd = 59)"));
        assertThat(s.run(PythonBlock.parse("assert tcpi_snd_ssthresh == TCP_INFINITE_SSTHRESH", 23), Map.of("tcpi_snd_ssthresh", 0x7fffffffL)))
                .isInstanceOf(PyOutcome.Pass.class);
        assertThat(s.variable("cwnd")).contains(java.math.BigInteger.valueOf(59));
    }

    @Test
    void snapshotValuesAreUnsigned64Bit() {
        assertThat(run("assert tcpi_pacing_rate == 18446744073709551615 == 2**64 - 1", Map.of("tcpi_pacing_rate", -1L)))
                .isInstanceOf(PyOutcome.Pass.class);
    }

    @Test
    void symbolsHaveLinuxValues() {
        assertThat(run("assert TCP_ESTABLISHED == 1 and TCP_CLOSE == 7 and TCP_CLOSE_WAIT == 8 and TCP_LISTEN == 10", Map.of()))
                .isInstanceOf(PyOutcome.Pass.class);
        assertThat(run("assert TCP_CA_Open == 0 and TCP_CA_Disorder == 1 and TCP_CA_CWR == 2 and TCP_CA_Recovery == 3 and TCP_CA_Loss == 4",
                Map.of())).isInstanceOf(PyOutcome.Pass.class);
        assertThat(run("assert TCPI_OPT_TIMESTAMPS == 1 and TCPI_OPT_WSCALE == 4 and TCPI_OPT_ECN == 8 and TCPI_OPT_SYN_DATA == 32",
                Map.of())).isInstanceOf(PyOutcome.Pass.class);
    }

    @Test
    void pythonSemanticsWhereJavaDiffers() {
        String[] holds = {
            "-7 // 2 == -4", "-7 % 2 == 1", "7 % -2 == -1", "10 / 4 == 2.5", "1 < 2 < 3", "not (1 < 3 < 2)", "True + 1 == 2",
            "(0 or 5) == 5", "(3 and 0) == 0", "int(7.9) == 7", "int(-7.9) == -7", "0x10 == 16 == 0o20 == 0b10000", "1_000 == 1000",
            "2 ** 100 > 2 ** 99", "-2 ** 2 == -4", "~5 == -6", "1 << 70 == 2 ** 70", "-1 >> 100 == -1", "abs(-3) == 3",
            "min(4, 2, 9) == 2", "max((1, 7, 3)) == 7", "'%5d|%-3s|%x|%X|%o|%%' % (3, 'a', 255, 255, 8) == '    3|a  |ff|FF|10|%'",
            "'%05.1f' % 3.14159 == '003.1'", "'%d' % 2.9 == '2'", "(1 if 0 else 2) == 2", "str(1.0) == '1.0'", "1 == 1.0",
            "'ab' * 2 == 'abab'", "len('abc') == 3", "hex(255) == '0xff'", "(1, 2) == (1, 2)", "'a' < 'b'", "None == None",
            "0.1 + 0.2 != 0.3", "bool(()) == False", "float(3) == 3.0"};
        for (String h : holds) {
            assertThat(run("assert " + h, Map.of())).as(h).isInstanceOf(PyOutcome.Pass.class);
        }
    }

    @Test
    void beyondTheSubsetIsUnsupportedByName() {
        assertThat(run("import sys", Map.of())).isEqualTo(new PyOutcome.Unsupported(23, "'import' statement"));
        assertThat(run("if tcpi_lost:\n  assert 0", Map.of())).isEqualTo(new PyOutcome.Unsupported(23, "'if' statement"));
        assertThat(run("x = [1, 2]", Map.of())).isEqualTo(new PyOutcome.Unsupported(23, "list display [...]"));
        assertThat(run("assert sys.version", Map.of())).isEqualTo(new PyOutcome.Unsupported(23, "attribute access sys.version"));
        assertThat(run("assert 1 in (1, 2)", Map.of())).isEqualTo(new PyOutcome.Unsupported(23, "'in' comparison"));
        assertThat(run("\n\nassert f(1)", Map.of())).isEqualTo(new PyOutcome.Unsupported(25,
                "call of f() (only abs, bool, float, hex, int, len, max, min, print, str are known)"));
        assertThat(run("print(1, file=x)", Map.of())).isEqualTo(new PyOutcome.Unsupported(23, "keyword argument file="));
        assertThat(run("x = f'{y}'", Map.of())).isEqualTo(new PyOutcome.Unsupported(23, "string prefix f (f'...')"));
        // A TCP_INFO field the stack did not put in the snapshot.
        assertThat(run("assert tcpi_busy_time > 0", Map.of()))
                .isEqualTo(new PyOutcome.Unsupported(23, "TCP_INFO field tcpi_busy_time is not provided by the stack under test"));
        assertThat(run("assert 2 ** 1000000 > 0", Map.of())).isEqualTo(new PyOutcome.Unsupported(23, "integers larger than 65536 bits"));
    }

    @Test
    void wrongPythonIsAnError() {
        assertThat(run("assert nothing == 1", Map.of())).isEqualTo(new PyOutcome.Error(23, "NameError: name 'nothing' is not defined"));
        assertThat(run("assert 1 // 0", Map.of())).isEqualTo(new PyOutcome.Error(23, "ZeroDivisionError: integer division or modulo by zero"));
        assertThat(run("assert 1 < 'a'", Map.of()))
                .isEqualTo(new PyOutcome.Error(23, "TypeError: '<' not supported between instances of 'int' and 'str'"));
        assertThat(run("  assert 1", Map.of())).isEqualTo(new PyOutcome.Error(23,
                "SyntaxError: unexpected indent (statements in a block start in column 1)"));
        assertThat(run("assert (1", Map.of())).isEqualTo(new PyOutcome.Error(23, "SyntaxError: '(' was never closed"));
        assertThat(run("assert 1 $ 2", Map.of())).isEqualTo(new PyOutcome.Error(23, "SyntaxError: invalid character '$'"));
        assertThat(run("x += 1", Map.of())).isEqualTo(new PyOutcome.Error(23, "NameError: name 'x' is not defined"));
    }

    @Test
    void namesReadListsWhatTheBlockNeeds() {
        assertThat(PythonBlock.parse("cwnd = 5; cwnd += tcpi_lost; assert tcpi_snd_cwnd == cwnd, 'x=%d' % tcpi_rtt", 1).namesRead())
                .containsExactly("cwnd", "tcpi_lost", "tcpi_snd_cwnd", "tcpi_rtt");
    }

    /** The evaluator's str() of each expression equals python3's, when python3 is installed. */
    @Test
    void agreesWithPython3(@TempDir Path dir) throws Exception {
        String python = findPython();
        Assumptions.assumeTrue(python != null, "python3 not installed; skipping the agreement check");
        List<String> exprs = List.of("-7 // 2", "-7 % 3", "7 % -3", "7 / 2", "2 ** -1", "1 < 2 < 3", "3 > 2 > 2", "0 or 'x'", "'' and 5",
                "not 0", "True + True", "10 // 3 * 3 + 10 % 3", "0x7fffffff + 1", "(1 << 40) | 5", "6 ^ 3", "~0", "-(2 ** 63)",
                "2 ** 64 - 1", "int(-2.5)", "int('42')", "'%08.3f' % 2.5", "'%-6d|' % -42", "'%+d %+d' % (5, -5)", "'%#x %#o' % (255, 8)",
                "'%e' % 12345.678", "'%r %s' % ('a', 'b')", "'%c' % 65", "str(2.0)", "str(0.5)", "str(1e-3)", "str((1,))", "str((1, 'a'))",
                "str(None)", "str(True)", "1 if 2 > 3 else 4", "min(3, -1, 2)", "max('a', 'b')", "abs(-7.5)", "hex(-255)", "3 * 'ab'",
                "10 / 4 * 2", "100 // 7 // 2", "2 ** 3 ** 2", "-3 ** 2", "(-3) ** 2", "1 + 2 * 3 - 4 // 2", "5 & 3 | 8", "1 << 2 + 1",
                "1e3 == 1000", "0.1 + 0.2", "7.5 // 2", "-7.5 % 2");
        StringBuilder py = new StringBuilder();
        for (String e : exprs) {
            py.append("print(str(").append(e).append("))\n");
        }
        Path file = dir.resolve("exprs.py");
        Files.writeString(file, py);
        Process p = new ProcessBuilder(python, file.toString()).redirectErrorStream(true).start();
        List<String> expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(expected).hasSize(exprs.size());
        List<String> actual = new ArrayList<>();
        PythonSession s = new PythonSession();
        for (String e : exprs) {
            PyOutcome o = s.run(PythonBlock.parse("print(str(" + e + "))", 1), Map.of());
            actual.add(o instanceof PyOutcome.Pass pass ? pass.printed().getFirst() : o.toString());
        }
        for (int i = 0; i < exprs.size(); i++) {
            assertThat(actual.get(i)).as(exprs.get(i)).isEqualTo(expected.get(i));
        }
    }

    private static String findPython() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "python3");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
