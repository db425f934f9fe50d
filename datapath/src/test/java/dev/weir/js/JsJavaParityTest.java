package dev.weir.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.IpProtocol;
import dev.weir.maps.MapRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A JavaScript program and a Java program are interchangeable: the same filter written in both
 * gives the same verdict on every frame and leaves the same counts in its maps, and maps pinned by
 * name are shared between a Java and a JavaScript program in both directions.
 */
class JsJavaParityTest {

    /** The Java twin of port-filter.js (maps assigned by hand, as the loader would). */
    static final class JavaPortFilter implements XdpProgram {
        final HashMap blocked;
        final HashMap drops;

        JavaPortFilter(HashMap blocked, HashMap drops) {
            this.blocked = blocked;
            this.drops = drops;
        }

        @Override
        public int run(XdpContext ctx) {
            int len = ctx.len();
            if (len < 14 + 20 + 8 || ctx.loadU16(12) != EtherType.IPV4) {
                return XdpAction.PASS;
            }
            int vihl = ctx.loadU8(14);
            if ((vihl >> 4) != 4) {
                return XdpAction.PASS;
            }
            int ihl = (vihl & 0xf) * 4;
            if (ihl < 20 || len < 14 + ihl + 8) {
                return XdpAction.PASS;
            }
            if (ctx.loadU8(23) != IpProtocol.UDP) {
                return XdpAction.PASS;
            }
            if ((ctx.loadU16(20) & 0x3fff) != 0) {
                return XdpAction.PASS;
            }
            int dport = ctx.loadU16(14 + ihl + 2);
            if (blocked.containsLong(dport)) {
                drops.addLong(dport, 1);
                return XdpAction.DROP;
            }
            return XdpAction.PASS;
        }
    }

    /** Blocked ports 9, 53 and 5353; frames to those and others, well-formed, truncated, mutated. */
    private static List<byte[]> frames() {
        List<byte[]> out = new ArrayList<>();
        for (int port : new int[] {9, 53, 80, 443, 5353, 0, 65535}) {
            out.add(TestXdpContext.udp4(40000, port, 16));
        }
        byte[] tcp = TestXdpContext.udp4(40000, 9, 16);
        tcp[23] = IpProtocol.TCP;
        out.add(tcp);
        byte[] fragment = TestXdpContext.udp4(40000, 9, 16);
        fragment[20] = 0x20; // more fragments
        out.add(fragment);
        byte[] options = new byte[14 + 24 + 8 + 4];
        System.arraycopy(TestXdpContext.udp4(1, 53, 4), 0, options, 0, 14);
        options[14] = 0x46;
        options[23] = IpProtocol.UDP;
        options[14 + 24 + 3] = 53;
        out.add(options);
        out.add(java.util.Arrays.copyOf(TestXdpContext.udp4(40000, 9, 0), 41)); // one byte short
        byte[] arp = TestXdpContext.udp4(1, 9, 16);
        arp[12] = 0x08;
        arp[13] = 0x06;
        out.add(arp);
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 3000; i++) {
            byte[] base = out.get(r.nextInt(7)).clone();
            int flips = 1 + r.nextInt(3);
            for (int f = 0; f < flips; f++) {
                // mutate the header bytes the filter reads most of the time
                int at = r.nextInt(4) == 0 ? r.nextInt(base.length) : 12 + r.nextInt(30);
                base[at] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : base[at] ^ (1 << r.nextInt(8)));
            }
            out.add(r.nextInt(10) == 0 ? java.util.Arrays.copyOf(base, r.nextInt(base.length + 1)) : base);
        }
        return out;
    }

    @Test
    void theSameXdpFilterInJavaAndJavaScriptGivesTheSameVerdictsAndCounts() {
        MapRegistry registry = JsTestSupport.registry();
        JsProgram<XdpProgram> js = JsTestSupport.loader(registry).load("port-filter.js", JsTestSupport.source("port-filter.js"), XdpProgram.class);
        HashMap jsBlocked = (HashMap) js.map("blocked");
        HashMap jsDrops = (HashMap) js.map("drops");
        HashMap javaBlocked = (HashMap) registry.create(new MapDef("java_blocked", MapType.HASH, 2, 1, 64));
        HashMap javaDrops = (HashMap) registry.create(new MapDef("java_drops", MapType.HASH, 2, 8, 64));
        for (int port : new int[] {9, 53, 5353}) {
            jsBlocked.updateLong(port, 1, MapFlags.ANY);
            javaBlocked.updateLong(port, 1, MapFlags.ANY);
        }
        JavaPortFilter java = new JavaPortFilter(javaBlocked, javaDrops);
        TestXdpContext ctx = new TestXdpContext(1);

        int drops = 0;
        int aborts = 0;
        List<byte[]> frames = frames();
        for (byte[] f : frames) {
            int javaVerdict;
            try {
                javaVerdict = java.run(ctx.frame(f));
            } catch (RuntimeException e) {
                javaVerdict = XdpAction.ABORTED;
            }
            int jsVerdict = js.runInt(ctx.frame(f));
            assertThat(jsVerdict).as("verdict on %s", dev.weir.api.wire.Bytes.hex(f, 0, f.length)).isEqualTo(javaVerdict);
            drops += javaVerdict == XdpAction.DROP ? 1 : 0;
            aborts += javaVerdict == XdpAction.ABORTED ? 1 : 0;
        }
        assertThat(drops).as("the frame set exercises both verdicts").isGreaterThan(100).isLessThan(frames.size() - 100);
        assertThat(aborts).isZero();
        for (int port = 0; port < 65536; port++) {
            assertThat(jsDrops.lookupLong(port, -1)).as("drops of port %d", port).isEqualTo(javaDrops.lookupLong(port, -1));
        }
        assertThat(jsDrops.lookupLong(9, 0)).isGreaterThan(10);
        assertThat(js.stats().runs()).isEqualTo(frames.size());
        assertThat(js.stats().aborts()).isZero();
        js.close();
    }

    /** A Java program counting datagrams per destination port in the pinned map port_counts. */
    static final class JavaPortCounter implements XdpProgram {
        final HashMap counts;

        JavaPortCounter(HashMap counts) {
            this.counts = counts;
        }

        @Override
        public int run(XdpContext ctx) {
            if (ctx.len() >= 42) {
                counts.addLong(ctx.loadU16(36), 1);
            }
            return XdpAction.PASS;
        }
    }

    @Test
    void aMapPinnedByNameIsSharedBetweenAJavaWriterAndAJavaScriptReader() {
        MapRegistry registry = JsTestSupport.registry();
        HashMap counts = (HashMap) registry.createOrGet(new MapDef("port_counts", MapType.HASH, 2, 8, 64));
        JavaPortCounter java = new JavaPortCounter(counts);
        JsProgram<XdpProgram> js = JsTestSupport.loader(registry).load("shared-reader.js", JsTestSupport.source("shared-reader.js"), XdpProgram.class);
        assertThat(js.map("counts")).isSameAs(counts);
        TestXdpContext ctx = new TestXdpContext(1);
        List<Integer> verdicts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] f = TestXdpContext.udp4(1000, 7777, 8);
            verdicts.add(js.runInt(ctx.frame(f)));
            java.run(ctx.frame(f));
        }
        // seen 0, 1, 2 times: pass; 3, 4 times: drop
        assertThat(verdicts).containsExactly(XdpAction.PASS, XdpAction.PASS, XdpAction.PASS, XdpAction.DROP, XdpAction.DROP);
        // and the other way: what the JavaScript program wrote, Java reads
        ArrayMap v = (ArrayMap) registry.pinned("verdicts");
        assertThat(v.lookupLong(XdpAction.PASS, -1)).isEqualTo(3);
        assertThat(v.lookupLong(XdpAction.DROP, -1)).isEqualTo(2);
        js.close();
        assertThat(registry.pinned("verdicts")).as("pinned maps outlive the program").isNotNull();
    }
}
