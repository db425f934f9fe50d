package dev.weir.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyRunnerTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    TopologyRunner runner(String yaml) {
        Topology t = TopologyParser.parse(new StringReader(yaml), Path.of("t.yaml"));
        return new TopologyRunner(t, new PrintWriter(out, true), new PrintWriter(err, true),
                new TopologyRunner.Options(false, dir), (h, c, lines) -> {
                    throw new IllegalArgumentException("no applications in this test");
                });
    }

    static final String ROUTED = """
            duration: 1s
            hosts:
              client:
                commands:
                  - ip addr add 10.0.1.2/24 dev eth0
                  - ip route add default via 10.0.1.1
                  - ip route get 10.0.2.2
              router:
                sysctl: {net.ipv4.ip_forward: 1}
                commands:
                  - ip addr add 10.0.1.1/24 dev eth0
                  - ip addr add 10.0.2.1/24 dev eth1
              server:
                commands: [ip addr add 10.0.2.2/24 dev eth0]
            links:
              - between: [client, router]
              - between: [router, server]
                mtu: 1400
            captures: [router:eth1]
            """;

    @Test
    void buildsNodesAppliesCommandsAndWritesResults() throws Exception {
        TopologyRunner r = runner(ROUTED);
        TopologyRunner.Result res = r.run();
        assertThat(out.toString()).contains("client: 10.0.2.2 via 10.0.1.1 dev eth0 src 10.0.1.2 uid 0");
        assertThat(r.node("router").net().sysctls().get("net.ipv4.ip_forward")).isEqualTo("1");
        assertThat(r.node("server").net().requireDevice("eth0").mtu()).isEqualTo(1400);
        assertThat(res.captures()).containsExactly(dir.resolve("router-eth1.pcapng"));
        assertThat(Files.size(res.captures().get(0))).isGreaterThan(0);
        String json = Files.readString(res.counters());
        assertThat(json).contains("\"router\"").contains("\"eth1\"").contains("\"links\"").contains("\"seed\" : 1");
        assertThat(res.virtualNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void aFailingCommandNamesItsLineAndTheToolsMessage() {
        TopologyRunner r = runner("""
                hosts:
                  a:
                    commands:
                      - ip addr add 10.0.0.1/24 dev eth9
                """);
        assertThatThrownBy(r::build).isInstanceOf(TopologyException.class)
                .hasMessageStartingWith("t.yaml:4:9: hosts.a.commands[0]: 'ip addr add 10.0.0.1/24 dev eth9' failed (exit 1): ")
                .hasMessageContaining("eth9");
    }

    @Test
    void aBadSysctlAndAMissingCaptureDeviceNameTheirLines() {
        assertThatThrownBy(() -> runner("hosts:\n  a:\n    sysctl: {net.ipv4.nope: 1}\n").build())
                .hasMessage("t.yaml:3:29: hosts.a.sysctl.net.ipv4.nope: sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory");
        assertThatThrownBy(() -> runner("hosts: {a: {}}\ncaptures: [a:eth0]\n").build())
                .hasMessage("t.yaml:2:12: captures[0]: a has no device eth0 (devices: lo)");
    }
}
