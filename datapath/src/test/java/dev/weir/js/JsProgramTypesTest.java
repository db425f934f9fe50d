package dev.weir.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.RingBufMap;
import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.NetfilterProgram;
import dev.weir.api.prog.NfContext;
import dev.weir.api.prog.NfVerdict;
import dev.weir.api.prog.ProbeContext;
import dev.weir.api.prog.ProbeProgram;
import dev.weir.api.prog.ProgramType;
import dev.weir.api.prog.SkbContext;
import dev.weir.api.prog.StageFunction;
import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.TcProgram;
import dev.weir.api.prog.TcpCa;
import dev.weir.api.prog.TcpSock;
import dev.weir.api.prog.TraceContext;
import dev.weir.api.prog.Tracepoint;
import dev.weir.api.prog.TracepointProgram;
import dev.weir.api.wire.Bytes;
import dev.weir.maps.MapRegistry;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every program type a Java program can have, a JavaScript program has too: each adapter
 * implements its interface, hands the context to {@code run} (or the callbacks) with the maps,
 * and returns the verdict. The contexts other than XDP's are answered by a proxy that knows only
 * the methods the program calls (the attach points' real contexts come with the hooks).
 */
class JsProgramTypesTest {
    private final MapRegistry registry = JsTestSupport.registry();
    private final JsProgramLoader loader = JsTestSupport.loader(registry);

    /** An instance of {@code iface} answering the named methods; any other method throws. */
    @SuppressWarnings("unchecked")
    static <T> T context(Class<T> iface, Map<String, Function<Object[], Object>> answers) {
        return (T) Proxy.newProxyInstance(JsProgramTypesTest.class.getClassLoader(), new Class<?>[] {iface}, (self, m, args) -> {
            Function<Object[], Object> a = answers.get(m.getName());
            if (a == null) {
                throw new UnsupportedOperationException(iface.getSimpleName() + "." + m.getName() + " is not answered by this test");
            }
            return a.apply(args);
        });
    }

    @Test
    void aTcProgramMarksAndClassifies() {
        JsProgram<TcProgram> p = loader.load("mark.js", """
                export const type = "tc";
                export function run(ctx, maps) {
                    if (!ctx.isIngress()) return TcAction.UNSPEC;
                    if (ctx.protocol() !== EtherType.IPV6) return TcAction.OK;
                    ctx.setMark(0x42);
                    return ctx.len() > 1000 ? TcAction.SHOT : TcAction.OK;
                }
                """, TcProgram.class);
        int[] mark = {0};
        SkbContext small = context(SkbContext.class, Map.of("isIngress", a -> true, "protocol", a -> 0x86dd,
                "len", a -> 100, "setMark", a -> mark[0] = (Integer) a[0], "ktimeNs", a -> 0L));
        SkbContext big = context(SkbContext.class, Map.of("isIngress", a -> true, "protocol", a -> 0x86dd,
                "len", a -> 1500, "setMark", a -> mark[0] = (Integer) a[0], "ktimeNs", a -> 0L));
        assertThat(p.program().run(small)).isEqualTo(TcAction.OK);
        assertThat(mark[0]).isEqualTo(0x42);
        assertThat(p.program().run(big)).isEqualTo(TcAction.SHOT);
        assertThat(ProgramType.of(p.program())).isEqualTo(ProgramType.TC);
        assertThat(p.runInt(context(SkbContext.class, Map.of()))).as("a context method that throws aborts the run")
                .isEqualTo(TcAction.SHOT);
        assertThat(((JsProgramException) p.stats().lastAbort()).kind()).isEqualTo(JsProgramException.Kind.HOST_EXCEPTION);
    }

    @Test
    void aNetfilterProgramDropsByAddressAndAbortsToDrop() {
        JsProgram<NetfilterProgram> p = loader.load("deny.js", """
                export const type = "netfilter";
                export const maps = { denied: { type: "lpm_trie", keySize: 8, valueSize: 8, maxEntries: 16 } };
                export function run(ctx, maps) {
                    if (ctx.pf() !== NfHook.PF_IPV4) return NfVerdict.ACCEPT;
                    return maps.denied.lookupLongV4(ctx.loadU32(16), 0) !== 0 ? NfVerdict.DROP : NfVerdict.ACCEPT;
                }
                """, NetfilterProgram.class);
        ((dev.weir.api.maps.LpmTrieMap) p.map("denied")).updateV4(0xc0a80000, 16, 1, 0); // 192.168.0.0/16
        NfContext in = context(NfContext.class, Map.of("pf", a -> 2, "loadU32", a -> 0xc0a80105, "ktimeNs", a -> 0L));
        NfContext out = context(NfContext.class, Map.of("pf", a -> 2, "loadU32", a -> 0x0a000001, "ktimeNs", a -> 0L));
        assertThat(p.program().run(in)).isEqualTo(NfVerdict.DROP);
        assertThat(p.program().run(out)).isEqualTo(NfVerdict.ACCEPT);
        assertThat(p.runInt(context(NfContext.class, Map.of("pf", a -> 2, "loadU32", a -> {
            throw new IndexOutOfBoundsException("offset 16");
        })))).as("the abort verdict of netfilter").isEqualTo(NfVerdict.DROP);
    }

    @Test
    void aTracerWritesRingBufferRecordsAndCountsByReason() {
        JsProgram<TracepointProgram> p = loader.load("tracer.js", """
                export const type = "tracepoint";
                export const maps = {
                    events: { type: "ringbuf", maxEntries: 4096 },
                    byReason: { type: "hash", keySize: 4, valueSize: 8, maxEntries: 64 },
                };
                export function run(ctx, maps) {
                    if (ctx.tracepoint() !== Tracepoint.KFREE_SKB) return;
                    const k = ctx.kfreeSkb();
                    maps.byReason.addLong(k.reason(), 1);
                    const r = maps.events.reserve(16);
                    if (r < 0) return;
                    maps.events.store32(r, 0, k.reason());
                    maps.events.store32(r, 4, k.protocol());
                    maps.events.store64(r, 8, ctx.ktimeNs());
                    maps.events.submit(r, 0);
                }
                """, TracepointProgram.class);
        long[] now = {1000};
        int[] reason = {5};
        TraceContext.KfreeSkb view = context(TraceContext.KfreeSkb.class, Map.of("reason", a -> reason[0], "protocol", a -> 0x0800));
        TraceContext ctx = context(TraceContext.class, Map.of("tracepoint", a -> Tracepoint.KFREE_SKB, "kfreeSkb", a -> view,
                "ktimeNs", a -> now[0]));
        for (int i = 0; i < 6; i++) {
            reason[0] = i % 2 == 0 ? 5 : 7;
            now[0] = 1000 + i;
            p.program().run(ctx);
        }
        TraceContext other = context(TraceContext.class, Map.of("tracepoint", a -> Tracepoint.NAPI_POLL, "ktimeNs", a -> 0L));
        assertThat(p.run(other)).isTrue();
        HashMap byReason = (HashMap) p.map("byReason");
        assertThat(byReason.lookupLong(5, 0)).isEqualTo(3);
        assertThat(byReason.lookupLong(7, 0)).isEqualTo(3);
        List<String> records = new ArrayList<>();
        ((RingBufMap) p.map("events")).consume((buf, off, len) -> {
            records.add(Bytes.i32(buf, off) + "/" + Integer.toHexString(Bytes.i32(buf, off + 4)) + "@" + Bytes.i64(buf, off + 8));
            return true;
        });
        assertThat(records).containsExactly("5/800@1000", "7/800@1001", "5/800@1002", "7/800@1003", "5/800@1004", "7/800@1005");
    }

    @Test
    void aProbeReadsArgumentsAndPairsEntryWithExit() {
        JsProgram<ProbeProgram> p = loader.load("latency.js", """
                export const type = "probe";
                export const maps = {
                    start: { type: "hash", keySize: 8, valueSize: 8, maxEntries: 128 },
                    total: { type: "array", keySize: 4, valueSize: 8, maxEntries: 1 },
                };
                export function run(ctx, maps) {
                    if (ctx.function() !== StageFunction.IP_RCV) return;
                    if (!ctx.isExit()) {
                        maps.start.updateLong(ctx.skbaddr(), ctx.ktimeNs(), MapFlags.ANY);
                    } else {
                        const t0 = maps.start.lookupLong(ctx.skbaddr(), -1);
                        if (t0 >= 0) maps.total.addLong(0, ctx.ktimeNs() - t0);
                        maps.start.deleteLong(ctx.skbaddr());
                    }
                }
                """, ProbeProgram.class);
        boolean[] exit = {false};
        long[] now = {100};
        ProbeContext ctx = context(ProbeContext.class, Map.of("function", a -> StageFunction.IP_RCV, "isExit", a -> exit[0],
                "skbaddr", a -> 0xabcL, "ktimeNs", a -> now[0]));
        p.program().run(ctx);
        exit[0] = true;
        now[0] = 350;
        p.program().run(ctx);
        assertThat(((dev.weir.api.maps.ArrayMap) p.map("total")).lookupLong(0, -1)).isEqualTo(250);
        assertThat(((HashMap) p.map("start")).containsLong(0xabc)).isFalse();
    }

    /** Reno written out with the getters and setters, as an algorithm author would in JavaScript. */
    private static final String JS_RENO = """
            export const type = "congestion_control";
            export const name = "js_reno";
            export const flags = TcpCa.CONG_NON_RESTRICTED;
            export function init(sk) { sk.caSet(0, 1); }
            export function ssthresh(sk) { return Math.max(sk.sndCwnd() >>> 1, 2); }
            export function undoCwnd(sk) { return Math.max(sk.sndCwnd(), sk.priorCwnd()); }
            export function congAvoid(sk, ack, acked) {
                if (!sk.tcpIsCwndLimited()) return;
                if (sk.sndCwnd() < sk.sndSsthresh()) {
                    const grown = Math.min(sk.sndCwnd() + acked, sk.sndSsthresh());
                    acked -= grown - sk.sndCwnd();
                    sk.setSndCwnd(Math.min(grown, sk.sndCwndClamp()));
                    if (acked === 0) return;
                }
                const w = sk.sndCwnd();
                if (sk.sndCwndCnt() >= w) { sk.setSndCwndCnt(0); sk.setSndCwnd(sk.sndCwnd() + 1); }
                sk.setSndCwndCnt(sk.sndCwndCnt() + acked);
                if (sk.sndCwndCnt() >= w) {
                    const delta = Math.floor(sk.sndCwndCnt() / w);
                    sk.setSndCwndCnt(sk.sndCwndCnt() - delta * w);
                    sk.setSndCwnd(sk.sndCwnd() + delta);
                }
                if (sk.sndCwnd() > sk.sndCwndClamp()) sk.setSndCwnd(sk.sndCwndClamp());
            }
            """;

    /** Linux's Reno through the interface's building blocks. */
    static final class JavaReno implements CongestionControl {
        @Override
        public String name() {
            return "reno";
        }

        @Override
        public int ssthresh(dev.weir.api.prog.TcpSockView sk) {
            return sk.renoSsthresh();
        }

        @Override
        public int undoCwnd(dev.weir.api.prog.TcpSockView sk) {
            return sk.renoUndoCwnd();
        }

        @Override
        public void congAvoid(TcpSock sk, int ack, int acked) {
            sk.renoCongAvoid(ack, acked);
        }
    }

    @Test
    void aCongestionControlAlgorithmInJavaScriptTracksTheJavaOne() {
        JsProgram<CongestionControl> p = loader.load("js-reno.js", JS_RENO, CongestionControl.class);
        CongestionControl js = p.program();
        assertThat(js.name()).isEqualTo("js_reno");
        assertThat(js.flags()).isEqualTo(TcpCa.CONG_NON_RESTRICTED);
        assertThat(CongestionControl.overridesCongControl(js.getClass())).as("congAvoid is what the stack calls").isFalse();
        assertThat(CongestionControl.completenessProblem(js.getClass())).isNull();
        TestSock a = new TestSock();
        TestSock b = new TestSock();
        js.init(a);
        assertThat(a.caGet(0)).isEqualTo(1);
        JavaReno java = new JavaReno();
        SplittableRandom r = new SplittableRandom(5);
        for (int ack = 0; ack < 2000; ack++) {
            int acked = 1 + r.nextInt(3);
            if (r.nextInt(200) == 0) { // a loss: both reduce
                a.ssthresh = js.ssthresh(a);
                b.ssthresh = java.ssthresh(b);
                a.cwnd = a.ssthresh;
                b.cwnd = b.ssthresh;
            }
            js.congAvoid(a, ack, acked);
            java.congAvoid(b, ack, acked);
            assertThat(a.cwnd).as("cwnd after ACK %d", ack).isEqualTo(b.cwnd);
            assertThat(a.cwndCnt).isEqualTo(b.cwndCnt);
        }
        assertThat(a.cwnd).isGreaterThan(10);
        js.setState(a, TcpCa.CA_LOSS); // not exported: the default, nothing
        assertThat(js.minTsoSegs(a)).isZero();
    }

    @Test
    void anAlgorithmExportingCongControlIsCalledThere() {
        JsProgram<CongestionControl> p = loader.load("ctl.js", """
                export const type = "congestion_control";
                export const name = "js_ctl";
                export function ssthresh(sk) { return 2; }
                export function undoCwnd(sk) { return sk.sndCwnd(); }
                export function congControl(sk, ack, flag, rs, maps) { sk.setSndCwnd(rs.delivered()); sk.setPacingRate(123456); }
                """, CongestionControl.class);
        assertThat(CongestionControl.overridesCongControl(p.program().getClass())).isTrue();
        TestSock sk = new TestSock();
        dev.weir.api.prog.RateSample rs = context(dev.weir.api.prog.RateSample.class, Map.of("delivered", a -> 37));
        p.program().congControl(sk, 0, 0, rs);
        assertThat(sk.cwnd).isEqualTo(37);
        assertThat(sk.pacingRate).isEqualTo(123456);
    }

    @Test
    void anIncompleteAlgorithmIsRefusedAsLinuxRefusesIt() {
        assertThatThrownBy(() -> loader.load("bad.js", """
                export const type = "congestion_control";
                export const name = "bad";
                export function ssthresh(sk) { return 2; }
                export function undoCwnd(sk) { return 2; }
                """)).hasMessage("bad.js: a congestion-control algorithm exports function congAvoid(sk, ack, acked, maps) or"
                + " congControl(sk, ack, flag, rs, maps) (tcp_register_congestion_control requires cong_avoid or cong_control)");
        assertThatThrownBy(() -> loader.load("bad.js", """
                export const type = "congestion_control";
                export const name = "a_name_longer_than_15";
                export function ssthresh(sk) { return 2; }
                export function undoCwnd(sk) { return 2; }
                export function congAvoid(sk) { }
                """)).hasMessageContaining("must be 1..15 characters");
        assertThatThrownBy(() -> loader.load("bad.js", """
                export const type = "congestion_control";
                export function ssthresh(sk) { return 2; }
                export function undoCwnd(sk) { return 2; }
                export function congAvoid(sk) { }
                """)).hasMessageContaining("must export its name");
    }

    @Test
    void aCallbackReturningANonNumberFails() {
        JsProgram<CongestionControl> p = loader.load("odd.js", """
                export const type = "congestion_control";
                export const name = "odd";
                export function ssthresh(sk) { return "two"; }
                export function undoCwnd(sk) { return 2; }
                export function congAvoid(sk, ack, acked) { }
                """, CongestionControl.class);
        assertThatThrownBy(() -> p.program().ssthresh(new TestSock()))
                .isInstanceOf(JsProgramException.class)
                .hasMessage("odd.js:3:8: ssthresh returned \"two\"; it returns a number of segments");
    }
}
