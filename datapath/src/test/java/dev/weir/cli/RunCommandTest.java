package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir run}: a topology with an application and a program, in process. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsTheTopologyPrintsTheApplicationsAndWritesTheResults() throws IOException {
        Path t = dir.resolve("t.yaml");
        Files.writeString(t, """
                name: t
                duration: 2s
                hosts:
                  a:
                    commands: [ip addr add 10.0.0.1/24 dev eth0]
                  b:
                    commands: [ip addr add 10.0.0.2/24 dev eth0]
                links:
                  - between: [a, b]
                apps:
                  - {host: a, at: 100ms, run: ping -c 2 -i 0.2 10.0.0.2}
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Weir.run(new String[] {"run", t.toString(), "-o", dir.resolve("out").toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("a: 2 packets transmitted, 2 received, 0% packet loss");
        assertThat(err.toString()).contains("weir run: t: ").contains("counters " + dir.resolve("out/counters.json"));
        assertThat(dir.resolve("out/counters.json")).exists();
        Files.writeString(t, "hosts:\n  a:\n    cpus: 0\n");
        StringWriter e2 = new StringWriter();
        assertThat(Weir.run(new String[] {"run", t.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(e2, true))).isEqualTo(2);
        assertThat(e2.toString()).startsWith("weir run: " + t + ":3:11: hosts.a.cpus: ");
    }
}
