package dev.weir.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.sim.VirtualTime;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TopologyParserTest {
    static Topology parse(String yaml) {
        return TopologyParser.parse(new StringReader(yaml), Path.of("t.yaml"));
    }

    @Test
    void parsesHostsLinksAppsAndCaptures() {
        Topology t = parse("""
                seed: 7
                duration: 3s
                hosts:
                  client:
                    cpus: 2
                    sysctl: {net.ipv4.ip_forward: 1}
                    commands:
                      - ip addr add 10.0.0.1/24 dev eth0
                  server: {}
                links:
                  - between: [client:eth0, server]
                    rate: 100mbit
                    delay: 5ms
                    loss: 1%
                    queue: 100p
                    b_to_a: {rate: 10mbit}
                    events: [{at: 1s, state: down}, {at: 2s, state: up}]
                apps:
                  - {host: client, at: 500ms, run: ping -c 2 10.0.0.2}
                captures: [client:eth0]
                """);
        assertThat(t.name()).isEqualTo("t");
        assertThat(t.seed()).isEqualTo(7);
        assertThat(t.durationNanos()).isEqualTo(3 * VirtualTime.SECOND);
        assertThat(t.hosts().get("client").cpus()).isEqualTo(2);
        assertThat(t.hosts().get("client").commands().get(0).loc().line()).isEqualTo(8);
        var l = t.links().get(0);
        assertThat(l.b().device()).isNull();
        assertThat(l.aToB().rateBitsPerSecond()).isEqualTo(100_000_000L);
        assertThat(l.bToA().rateBitsPerSecond()).isEqualTo(10_000_000L);
        assertThat(l.bToA().delayNanos()).isEqualTo(5 * VirtualTime.MILLISECOND);
        assertThat(l.aToB().lossProbability()).isEqualTo(0.01);
        assertThat(l.aToB().queueLimitPackets()).isEqualTo(100);
        assertThat(l.events()).hasSize(2);
        assertThat(t.apps().get(0).atNanos()).isEqualTo(500 * VirtualTime.MILLISECOND);
        assertThat(t.captures().get(0).fileName()).isEqualTo("client-eth0.pcapng");
        assertThat(t.output()).isEqualTo(Path.of("weir-out", "t"));
    }

    @Test
    void errorsNameTheLineTheKeyAndWhatWasExpected() {
        assertThatThrownBy(() -> parse("hosts:\n  a:\n    cpus: two\n"))
                .hasMessage("t.yaml:3:11: hosts.a.cpus: expected an integer, got 'two'");
        assertThatThrownBy(() -> parse("hosts:\n  a:\n    cpu: 2\n"))
                .hasMessageStartingWith("t.yaml:3:10: hosts.a.cpu: unknown key 'cpu' (expected one of: commands, costs, cpus, programs, sysctl)");
        assertThatThrownBy(() -> parse("hosts: {a: {}}\nlinks:\n  - between: [a:eth0, b:eth0]\n"))
                .hasMessageStartingWith("t.yaml:3:23: links[0].between[1]: no host or switch named 'b'");
        assertThatThrownBy(() -> parse("hosts: {a: {}, b: {}}\nlinks:\n  - between: [a, b]\n    rate: fast\n"))
                .hasMessageStartingWith("t.yaml:4:11: links[0].rate: expected a rate like 100mbit or 1gbit, got 'fast'");
        assertThatThrownBy(() -> parse("hosts: {a: {}, b: {}}\nlinks:\n  - between: [a, b]\n    loss: 150%\n"))
                .hasMessageStartingWith("t.yaml:4:11: links[0].loss: expected a probability between 0% and 100%");
        assertThatThrownBy(() -> parse("hosts:\n  a: {}\n  a: {}\n"))
                .hasMessageContaining("duplicate key 'a'");
        assertThatThrownBy(() -> parse("hosts: [a\n"))
                .hasMessageStartingWith("t.yaml:2:1: not valid YAML");
        assertThatThrownBy(() -> parse(""))
                .hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> parse("hosts: {a: {}}\napps:\n  - {host: z, run: ping 1.2.3.4}\n"))
                .hasMessageContaining("no host named 'z' (hosts: a)");
    }
}
