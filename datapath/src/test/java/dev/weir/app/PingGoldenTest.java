package dev.weir.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.CommandException;
import dev.weir.link.LinkConfig;
import dev.weir.testing.StackHosts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Weir's ping against iputils 20221126's, line by line: the same scenarios on the same
 * topology (see {@code resources/dev/weir/app/linux/README.md}), compared character for
 * character except the measured times, whose formats are checked (iputils' precision rules for
 * {@code time=}, whole milliseconds for {@code time ...ms}, {@code %ld.%03ld} for the rtt line).
 */
class PingGoldenTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Path DIR = resources();

    private static Path resources() {
        try {
            return Paths.get(PingGoldenTest.class.getResource("/dev/weir/app/linux/README.md").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("ping-")).sorted().toList().stream();
        }
    }

    /** A capture: command, stdout, stderr, exit status. */
    record Golden(String command, List<String> out, List<String> err, int exit) {
        static Golden read(Path p) {
            List<String> lines;
            try {
                lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String cmd = lines.get(0).substring(2).replaceAll("\\s*#.*", "");
            int errAt = lines.indexOf("--- stderr");
            int exitAt = lines.size() - 1;
            return new Golden(cmd, lines.subList(1, errAt), lines.subList(errAt + 1, exitAt),
                    Integer.parseInt(lines.get(exitAt).substring("--- exit ".length())));
        }
    }

    /** The Linux topology: h1 - r - h2, the r-h2 link at MTU 1400, routes as in the README. */
    static final class Topology {
        final StackHosts net = new StackHosts(11);
        final StackHosts.Host h1 = net.host("h1");
        final StackHosts.Host r = net.host("r");
        final StackHosts.Host h2 = net.host("h2");

        Topology() {
            net.connect(h1, "eth0", "10.0.1.2/24,fd00:1::2/64", r, "eth0", "10.0.1.1/24,fd00:1::1/64", LinkConfig.DEFAULT);
            net.connect(r, "eth1", "10.0.2.1/24,fd00:2::1/64", h2, "eth0", "10.0.2.2/24,fd00:2::2/64", LinkConfig.DEFAULT);
            r.net.requireDevice("eth1").setMtu(1400);
            h2.net.requireDevice("eth0").setMtu(1400);
            r.sysctl("net.ipv4.ip_forward", "1");
            r.sysctl("net.ipv6.conf.all.forwarding", "1");
            h1.ip("route add 10.0.2.0/24 via 10.0.1.1");
            h1.ip("-6 route add fd00:2::/64 via fd00:1::1");
            h2.ip("route add default via 10.0.2.1");
            h2.ip("-6 route add default via fd00:2::1");
        }

        /** Runs {@code command} on h1 to its end; the lines it printed and its status. */
        Golden ping(String command) {
            List<String> out = new ArrayList<>();
            List<String> err = new ArrayList<>();
            LineSink sink = new LineSink() {
                @Override
                public void line(String text) {
                    out.add(text);
                }

                @Override
                public void error(String text) {
                    err.add(text);
                }
            };
            AppContext ctx = new AppContext(h1.sockets, h1.udp, h1.ping, sink);
            App app;
            try {
                app = Apps.standard().create(ctx, command);
            } catch (CommandException e) {
                return new Golden(command, out, List.of(e.getMessage().split("\n")), e.exitCode());
            }
            app.start();
            long limit = net.sim.now() + 120 * SECOND;
            while (!app.isFinished() && net.sim.now() < limit) {
                net.run(SECOND / 10);
            }
            assertThat(app.isFinished()).as(command + " ended").isTrue();
            return new Golden(command, out, err, app.exitCode());
        }
    }

    private static final Pattern REPLY_TIME = Pattern.compile("time=(\\d+\\.\\d{3}|\\d\\.\\d{2}|\\d{2}\\.\\d|\\d{3,}) ms");
    private static final Pattern TOTAL_TIME = Pattern.compile("time \\d+ms");
    private static final Pattern RTT = Pattern.compile("rtt min/avg/max/mdev = \\d+\\.\\d{3}/\\d+\\.\\d{3}/\\d+\\.\\d{3}/\\d+\\.\\d{3} ms");

    /** Replaces the measured values by placeholders once their format is right. */
    static String mask(String line) {
        String s = REPLY_TIME.matcher(line).replaceAll("time=T ms");
        s = TOTAL_TIME.matcher(s).replaceAll("time Tms");
        return RTT.matcher(s).replaceAll("rtt min/avg/max/mdev = R ms");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void printsWhatIputilsPrints(String file) {
        Golden linux = Golden.read(DIR.resolve(file));
        Topology t = new Topology();
        // the captures ran in sequence: these two found the path MTU an earlier one taught h1
        if (file.equals("ping-localerr.txt")) {
            t.ping("ping -c 2 -M do -s 1450 10.0.2.2");
        }
        if (file.equals("ping-v6frag.txt")) {
            t.ping("ping -6 -c 2 -s 1450 -M do fd00:2::2");
        }
        if (file.equals("ping-lost.txt")) {
            t.net.sim.scheduler().schedule(700_000_000L, () -> t.h2.net.requireDevice("eth0").close());
        }
        Golden weir = t.ping(linux.command());
        assertThat(weir.out().stream().map(PingGoldenTest::mask).toList()).as("stdout of " + linux.command())
                .isEqualTo(linux.out().stream().map(PingGoldenTest::mask).toList());
        assertThat(weir.err()).as("stderr of " + linux.command()).isEqualTo(linux.err());
        assertThat(weir.exit()).as("exit status of " + linux.command()).isEqualTo(linux.exit());
        for (String l : weir.out()) {
            if (l.contains("time=")) {
                assertThat(REPLY_TIME.matcher(l).find()).as("iputils' time format in: " + l).isTrue();
            }
        }
        t.net.assertNoLeaks();
    }
}
