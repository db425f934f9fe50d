package dev.weir.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.maps.ArrayMap;
import dev.weir.host.Host;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host's {@code programs:}: loaded, maps preloaded, attached; errors name their line. */
class TopologyProgramsTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    static final String COUNT_ICMP = """
            import dev.weir.api.maps.ArrayMap;
            import dev.weir.api.maps.LpmTrieMap;
            import dev.weir.api.maps.MapType;
            import dev.weir.api.prog.MapSpec;
            import dev.weir.api.prog.NetfilterProgram;
            import dev.weir.api.prog.NfContext;
            import dev.weir.api.prog.NfVerdict;

            /** Counts ICMP in slot 0; drops sources in the LPM "deny" (slot 1 counts those). */
            public final class CountIcmp implements NetfilterProgram {
                @MapSpec(name = "icmp_count", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 2, pinned = true)
                ArrayMap count;
                @MapSpec(name = "deny", type = MapType.LPM_TRIE, keySize = 8, valueSize = 8, maxEntries = 16)
                LpmTrieMap deny;

                public int run(NfContext ctx) {
                    if (ctx.len() < 20 || ctx.loadU8(9) != 1) {
                        return NfVerdict.ACCEPT;
                    }
                    count.addLong(0, 1);
                    if (deny.lookupLongV4(ctx.loadU32(12), 0) != 0) {
                        count.addLong(1, 1);
                        return NfVerdict.DROP;
                    }
                    return NfVerdict.ACCEPT;
                }
            }
            """;

    TopologyRunner runner(String yaml) throws IOException {
        Path progs = Files.createDirectories(dir.resolve("progs"));
        Files.writeString(progs.resolve("CountIcmp.java"), COUNT_ICMP);
        Path t = dir.resolve("t.yaml");
        Files.writeString(t, yaml);
        return new TopologyRunner(TopologyParser.parse(t), new PrintWriter(out, true), new PrintWriter(err, true),
                new TopologyRunner.Options(false, dir.resolve("out")), (h, c, lines) -> {
                    throw new IllegalArgumentException("no applications here");
                });
    }

    @Test
    void programsAreLoadedPreloadedAndAttached() throws Exception {
        TopologyRunner r = runner("""
                duration: 10ms
                hosts:
                  a:
                    commands: [ip addr add 10.0.0.1/24 dev eth0]
                  b:
                    commands:
                      - ip addr add 10.0.0.2/24 dev eth0
                    programs:
                      - file: progs/CountIcmp.java
                        attach: [netfilter ipv4 INPUT, netfilter ipv4 FORWARD]
                        priority: -10
                        maps:
                          deny: {"10.0.0.0/24": 1}
                          icmp_count: {1: 0x64}
                links:
                  - between: [a, b]
                """);
        TopologyRunner.Result res = r.run();
        Host b = (Host) r.node("b");
        assertThat(b.hooks().links()).hasSize(2);
        assertThat(b.hooks().links().get(0).priority()).isEqualTo(-10);
        assertThat(((ArrayMap) b.maps().pinned("icmp_count")).lookupLong(1, -1)).isEqualTo(100);
        assertThat(Files.readString(res.counters())).contains("\"programs\"").contains("\"name\" : \"CountIcmp\"")
                .contains("netfilter ipv4 INPUT prio -10");
    }

    @Test
    void errorsNameTheLine() throws IOException {
        String head = """
                hosts:
                  b:
                    programs:
                """;
        assertThatThrownBy(() -> runner(head + "      - {file: progs/Nope.java, attach: xdp dev eth0}\n"))
                .hasMessageStartingWith(dir.resolve("t.yaml") + ":4:").hasMessageContaining("no program file");
        assertThatThrownBy(() -> runner(head + "      - {file: progs/CountIcmp.java, attach: xdp eth0}\n"))
                .hasMessageContaining(":4:").hasMessageContaining("expected xdp dev DEV");
        assertThatThrownBy(() -> runner(head + "      - {file: progs/CountIcmp.java, attach: xdp dev eth0}\n").build())
                .hasMessageContaining(":4:").hasMessageContaining("is a netfilter program").hasMessageContaining("takes xdp programs");
        assertThatThrownBy(() -> runner(head + "      - file: progs/CountIcmp.java\n        attach: netfilter ipv4 INPUT\n"
                + "        maps: {deny: {\"10.0.0.0/99\": 1}}\n").build())
                .hasMessageContaining(":6:").hasMessageContaining("map deny").hasMessageContaining("does not fit an LPM key");
        assertThatThrownBy(() -> runner(head + "      - file: progs/CountIcmp.java\n        attach: netfilter ipv4 INPUT\n"
                + "        maps: {nope: {1: 1}}\n").build())
                .hasMessageContaining("has no map 'nope' (its maps: icmp_count, deny)");
    }
}
