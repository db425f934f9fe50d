package dev.weir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.cli.Weir;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class WeirCliTest {
    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Weir.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void versionNamesWeirAndTheJdk() {
        String[] r = run("--version");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).startsWith("weir 0.").contains("Java 25");
    }

    @Test
    void unknownCommandIsAnErrorWithUsage() {
        String[] r = run("frobnicate");
        assertThat(r[0]).isNotEqualTo("0");
        assertThat(r[2]).contains("Unmatched argument").contains("frobnicate");
    }
}
