package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.pcap.PcapWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir prog verify | dump | test-run}, run in process as scripts/weir runs them. */
class ProgCommandTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    private static Result weir(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Weir.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static final String DROP9 = """
            import dev.weir.api.maps.ArrayMap;
            import dev.weir.api.maps.MapType;
            import dev.weir.api.prog.MapSpec;
            import dev.weir.api.prog.XdpAction;
            import dev.weir.api.prog.XdpContext;
            import dev.weir.api.prog.XdpProgram;

            public final class Drop9 implements XdpProgram {
                @MapSpec(name = "hits", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 1)
                ArrayMap hits;

                public int run(XdpContext ctx) {
                    if (ctx.len() < 42 || ctx.loadU16(12) != 0x0800 || ctx.loadU8(23) != 17) {
                        return XdpAction.PASS;
                    }
                    if (ctx.loadU16(36) == 9) {
                        hits.addLong(0, 1);
                        ctx.tracePrint("drop %pI4", ctx.loadU32(26), 0, 0);
                        return XdpAction.DROP;
                    }
                    return XdpAction.PASS;
                }
            }
            """;

    static byte[] udp(int dport) {
        byte[] f = new byte[14 + 28];
        Bytes.put48(f, 0, 0x020000000002L);
        Bytes.put48(f, 6, 0x020000000001L);
        Bytes.put16(f, 12, 0x0800);
        f[14] = 0x45;
        Bytes.put16(f, 16, 28);
        f[22] = 64;
        f[23] = 17;
        Bytes.put32(f, 26, 0x0a000001);
        Bytes.put32(f, 30, 0x0a000002);
        Bytes.put16(f, 24, Checksum.internet(f, 14, 20));
        Bytes.put16(f, 34, 1000);
        Bytes.put16(f, 36, dport);
        Bytes.put16(f, 38, 8);
        return f;
    }

    @Test
    void verifyPrintsTheSummaryOrTheLog() throws IOException {
        Path ok = tmp.resolve("Drop9.java");
        Files.writeString(ok, DROP9);
        Result r = weir("prog", "verify", ok.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("ACCEPTED Drop9\n").contains("type:         xdp").contains("budget points");
        Path bad = tmp.resolve("Bad.java");
        Files.writeString(bad, """
                import dev.weir.api.prog.XdpAction;
                import dev.weir.api.prog.XdpContext;
                import dev.weir.api.prog.XdpProgram;

                public final class Bad implements XdpProgram {
                    public int run(XdpContext ctx) {
                        int[] a = new int[ctx.len()];
                        return a.length > 0 ? XdpAction.PASS : XdpAction.DROP;
                    }
                }
                """);
        Result b = weir("prog", "verify", bad.toString());
        assertThat(b.code()).isEqualTo(1);
        assertThat(b.err()).startsWith("REJECTED Bad.run").contains("line 7").contains("[no-alloc]");
        assertThat(weir("prog", "verify", tmp.resolve("Missing.java").toString()).code()).isEqualTo(2);
    }

    @Test
    void dumpShowsTheBudgetPoints() throws IOException {
        Path ok = tmp.resolve("Drop9.java");
        Files.writeString(ok, DROP9);
        Result r = weir("prog", "dump", ok.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("budget points").contains("run(Ldev/weir/api/prog/XdpContext;)I");
    }

    @Test
    void testRunPrintsEachPacketsVerdictThenTheMapChangesAndTotals() throws IOException {
        Path prog = tmp.resolve("Drop9.java");
        Files.writeString(prog, DROP9);
        Path pcap = tmp.resolve("in.pcap");
        try (PcapWriter w = PcapWriter.create(pcap)) {
            for (int port : new int[] {9, 53, 9}) {
                byte[] f = udp(port);
                w.write(0, f, 0, f.length, f.length);
            }
        }
        Result r = weir("prog", "test-run", prog.toString(), "--in", pcap.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("   1  XDP_DROP       IP 10.0.0.1.1000 > 10.0.0.2.9: UDP, length 0\n")
                .contains("   2  XDP_PASS       IP 10.0.0.1.1000 > 10.0.0.2.53: UDP, length 0\n")
                .contains("      map hits: key 00 00 00 00: 00 00 00 00 00 00 00 00 -> 00 00 00 00 00 00 00 01\n")
                .contains("      map hits: key 00 00 00 00: 00 00 00 00 00 00 00 01 -> 00 00 00 00 00 00 00 02\n")
                .contains("bpf_trace_printk: drop 10.0.0.1")
                .contains("3 packets, 2 XDP_DROP, 1 XDP_PASS; ");
        Result wrongType = weir("prog", "test-run", prog.toString(), "--in", pcap.toString(), "--type", "netfilter");
        assertThat(wrongType.code()).isEqualTo(2);
        assertThat(wrongType.err()).contains("Drop9 is a xdp program; --type netfilter runs netfilter programs");
    }
}
