package dev.weir.bench;

import dev.weir.api.maps.DevMap;
import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.maps.ProgramArrayMap;
import dev.weir.api.maps.RingBufMap;
import dev.weir.api.prog.FibLookupParams;
import dev.weir.api.prog.TraceContext;
import dev.weir.api.prog.Tracepoint;
import dev.weir.api.prog.TracepointProgram;
import dev.weir.api.prog.WireViews;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.IpProtocol;
import dev.weir.js.JsProgram;
import dev.weir.js.JsProgramLoader;
import dev.weir.js.JsRuntime;
import dev.weir.maps.CpuContext;
import dev.weir.maps.MapRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per packet of the same program written in Java and in JavaScript, after warm-up:
 * what choosing JavaScript costs.
 *
 * <ul>
 *   <li>{@code xdpJava} / {@code xdpJs}: an XDP filter that parses Ethernet, IPv4 and UDP, drops
 *       datagrams to a port listed in a hash map and counts them per port in another (the
 *       JavaScript twin is {@code js-port-filter.js}). Frames cycle through 64 UDP datagrams, one
 *       in four to a blocked port.
 *   <li>{@code traceJava} / {@code traceJs}: a tracepoint program writing a 24-byte record per
 *       {@code skb:kfree_skb} event to a ring buffer with reserve/store/submit
 *       ({@code js-tracer.js}); the ring is drained every 4096 events (in both).
 *   <li>{@code emptyJs}: an XDP program that returns at once: what crossing into JavaScript
 *       costs per packet (entering the context, resetting the statement count, the result).
 * </ul>
 * The JavaScript programs run through their adapters ({@code XdpProgram.run}), as an attach
 * point calls them: statement count reset, watchdog and run bookkeeping included. {@code engine}
 * {@code jit} runs them on an engine with the Graal compiler (the benchmark refuses to run if
 * there is none: run it through {@code scripts/bench}, which passes the JVMCI flags);
 * {@code interpreter} on an engine with compilation off, for comparison.
 *
 * <p>Run: {@code scripts/bench JsVsJavaBench} (1 fork, 8 warm-up and 5 measurement iterations
 * of 2 s; Truffle's compilation needs the long warm-up).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsVsJavaBench {
    static final int FRAMES = 64;
    static final int DRAIN_EVERY = 4096;

    /** The Java twin of js-port-filter.js. */
    static final class JavaFilter implements XdpProgram {
        final HashMap blocked;
        final HashMap drops;

        JavaFilter(HashMap blocked, HashMap drops) {
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

    /** The Java twin of js-tracer.js. */
    static final class JavaTracer implements TracepointProgram {
        final RingBufMap events;

        JavaTracer(RingBufMap events) {
            this.events = events;
        }

        @Override
        public void run(TraceContext ctx) {
            TraceContext.KfreeSkb k = ctx.kfreeSkb();
            int r = events.reserve(24);
            if (r < 0) {
                return;
            }
            events.store64(r, 0, ctx.ktimeNs());
            events.store64(r, 8, k.skbaddr());
            events.store32(r, 16, k.reason());
            events.store32(r, 20, k.protocol());
            events.submit(r, 0);
        }
    }

    /** The inputs both languages get: 64 frames, one in four to a blocked port, and a drop event. */
    abstract static class Inputs {
        static final int[] PASS_PORTS = {80, 443, 8080, 5201};
        static final int[] BLOCKED_PORTS = {9, 53, 123, 161};

        final BenchXdpContext[] frames = new BenchXdpContext[FRAMES];
        final BenchTraceContext event = new BenchTraceContext();
        int next;
        int sinceDrain;

        Inputs() {
            for (int i = 0; i < FRAMES; i++) {
                int port = i % 4 == 3 ? BLOCKED_PORTS[(i / 4) % 4] : PASS_PORTS[i % 4];
                frames[i] = new BenchXdpContext(BenchXdpContext.udp4(40000 + i, port, 18 + i % 7));
            }
        }

        static JavaFilter javaFilter(MapRegistry reg) {
            HashMap blocked = (HashMap) reg.create(new MapDef("java_blocked", MapType.HASH, 2, 1, 64));
            HashMap drops = (HashMap) reg.create(new MapDef("java_drops", MapType.HASH, 2, 8, 64));
            block(blocked);
            return new JavaFilter(blocked, drops);
        }

        static void block(HashMap blocked) {
            for (int port : BLOCKED_PORTS) {
                blocked.updateLong(port, 1, MapFlags.ANY);
            }
        }

        BenchXdpContext nextFrame() {
            BenchXdpContext f = frames[next];
            next = (next + 1) & (FRAMES - 1);
            return f;
        }

        void drain(RingBufMap ring) {
            if (++sinceDrain == DRAIN_EVERY) {
                sinceDrain = 0;
                ((dev.weir.maps.RingBufMapImpl) ring).consume((b, off, len) -> true);
            }
        }
    }

    /** The Java programs. */
    @State(Scope.Thread)
    public static class JavaPrograms extends Inputs {
        XdpProgram filter;
        TracepointProgram tracer;
        RingBufMap events;

        @Setup(Level.Trial)
        public void setUp() {
            MapRegistry reg = new MapRegistry("bench", CpuContext.settable(1));
            filter = javaFilter(reg);
            events = (RingBufMap) reg.create(new MapDef("java_events", MapType.RINGBUF, 0, 0, 1 << 20));
            tracer = new JavaTracer(events);
        }
    }

    /** The JavaScript programs, compiled or interpreted. */
    @State(Scope.Thread)
    public static class JsPrograms extends Inputs {
        @Param({"jit", "interpreter"})
        public String engine;

        XdpProgram filter;
        XdpProgram empty;
        TracepointProgram tracer;
        RingBufMap events;

        @Setup(Level.Trial)
        public void setUp() {
            JsRuntime rt;
            if (engine.equals("jit")) {
                rt = JsRuntime.shared();
                if (!rt.optimizing()) {
                    throw new IllegalStateException("JavaScript would run interpreted: " + rt.notOptimizingReason()
                            + "; run through scripts/bench, which passes the JVMCI flags");
                }
            } else {
                rt = JsRuntime.builder().engineOption("engine.Compilation", "false").messages(nowhere()).build();
            }
            MapRegistry reg = new MapRegistry("bench", CpuContext.settable(1));
            JsProgramLoader loader = JsProgramLoader.builder().runtime(rt).maps(reg).build();
            JsProgram<XdpProgram> f = loader.load("js-port-filter.js", resource("js-port-filter.js"), XdpProgram.class);
            JsProgram<TracepointProgram> t = loader.load("js-tracer.js", resource("js-tracer.js"), TracepointProgram.class);
            filter = f.program();
            tracer = t.program();
            empty = loader.load("empty.js", "export const type = \"xdp\"; export function run(ctx, maps) { return XdpAction.PASS; }",
                    XdpProgram.class).program();
            events = (RingBufMap) t.map("events");
            block((HashMap) f.map("blocked"));
            // the two filters agree before anything is measured
            JavaFilter java = javaFilter(reg);
            for (int i = 0; i < FRAMES; i++) {
                int j = java.run(frames[i]);
                int s = filter.run(frames[i]);
                if (j != s || (i % 4 == 3) != (j == XdpAction.DROP)) {
                    throw new IllegalStateException("frame " + i + ": Java says " + j + ", JavaScript " + s);
                }
            }
        }
    }

    @Benchmark
    public int xdpJava(JavaPrograms p) {
        return p.filter.run(p.nextFrame());
    }

    @Benchmark
    public int xdpJs(JsPrograms p) {
        return p.filter.run(p.nextFrame());
    }

    @Benchmark
    public int emptyJs(JsPrograms p) {
        return p.empty.run(p.nextFrame());
    }

    @Benchmark
    public void traceJava(JavaPrograms p) {
        p.event.tick();
        p.tracer.run(p.event);
        p.drain(p.events);
    }

    @Benchmark
    public void traceJs(JsPrograms p) {
        p.event.tick();
        p.tracer.run(p.event);
        p.drain(p.events);
    }

    private static String resource(String name) {
        try (InputStream in = JsVsJavaBench.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource dev/weir/bench/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.io.PrintStream nowhere() {
        return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    }

    /** One received frame, as the XDP hook hands it: bounds-checked big-endian loads, the helpers. */
    static final class BenchXdpContext implements XdpContext {
        private final byte[] buf;
        private final int data = HEADROOM;
        private final int end;
        private final byte[] scratch = new byte[SCRATCH_SIZE];

        BenchXdpContext(byte[] frame) {
            buf = new byte[HEADROOM + frame.length];
            System.arraycopy(frame, 0, buf, HEADROOM, frame.length);
            end = HEADROOM + frame.length;
        }

        static byte[] udp4(int sport, int dport, int payload) {
            byte[] b = new byte[14 + 20 + 8 + payload];
            Bytes.put16(b, 12, EtherType.IPV4);
            b[14] = 0x45;
            Bytes.put16(b, 16, 20 + 8 + payload);
            b[22] = 64;
            b[23] = (byte) IpProtocol.UDP;
            Bytes.put32(b, 26, 0x0a000001);
            Bytes.put32(b, 30, 0x0a000002);
            Bytes.put16(b, 34, sport);
            Bytes.put16(b, 36, dport);
            Bytes.put16(b, 38, 8 + payload);
            return b;
        }

        private int at(int off, int size) {
            if (off < 0 || off > end - data - size) {
                throw new IndexOutOfBoundsException(off);
            }
            return data + off;
        }

        @Override public int len() { return end - data; }
        @Override public int loadU8(int off) { return buf[at(off, 1)] & 0xff; }
        @Override public int loadU16(int off) { return Bytes.u16(buf, at(off, 2)); }
        @Override public int loadU32(int off) { return Bytes.i32(buf, at(off, 4)); }
        @Override public long loadU64(int off) { return Bytes.i64(buf, at(off, 8)); }
        @Override public int loadBytes(int off, byte[] dst, int dstOff, int len) { throw new UnsupportedOperationException(); }
        @Override public byte[] buffer() { return buf; }
        @Override public int dataOffset() { return data; }
        @Override public int dataEnd() { return end; }
        @Override public WireViews views() { throw new UnsupportedOperationException(); }
        @Override public void storeU8(int off, int v) { buf[at(off, 1)] = (byte) v; }
        @Override public void storeU16(int off, int v) { Bytes.put16(buf, at(off, 2), v); }
        @Override public void storeU32(int off, int v) { Bytes.put32(buf, at(off, 4), v); }
        @Override public void storeU64(int off, long v) { Bytes.put64(buf, at(off, 8), v); }
        @Override public int storeBytes(int off, byte[] src, int srcOff, int len) { throw new UnsupportedOperationException(); }
        @Override public int l3ChecksumReplace(int csumOff, int from, int to, int size) { throw new UnsupportedOperationException(); }
        @Override public int l4ChecksumReplace(int csumOff, int from, int to, int flags) { throw new UnsupportedOperationException(); }
        @Override public long ktimeNs() { return 0; }
        @Override public int randomU32() { return 4; }
        @Override public int cpuId() { return 0; }
        @Override public byte[] scratch() { return scratch; }
        @Override public int ringbufOutput(RingBufMap ring, byte[] src, int off, int len, long flags) { return ring.output(src, off, len, flags); }
        @Override public int tracePrint(String fmt, long a, long b, long c) { return 0; }
        @Override public int tailCall(ProgramArrayMap progs, int index) { throw new UnsupportedOperationException(); }
        @Override public int ingressIfindex() { return 2; }
        @Override public int rxQueueIndex() { return 0; }
        @Override public int adjustHead(int delta) { throw new UnsupportedOperationException(); }
        @Override public int adjustTail(int delta) { throw new UnsupportedOperationException(); }
        @Override public int redirect(int ifindex, long flags) { throw new UnsupportedOperationException(); }
        @Override public int redirectMap(DevMap map, int key, long flags) { throw new UnsupportedOperationException(); }
        @Override public FibLookupParams fibParams() { throw new UnsupportedOperationException(); }
        @Override public int fibLookup(FibLookupParams params, int flags) { throw new UnsupportedOperationException(); }
    }

    /** A skb:kfree_skb event whose time and skb change each tick; the context is its own view. */
    static final class BenchTraceContext implements TraceContext, TraceContext.KfreeSkb {
        private final byte[] scratch = new byte[SCRATCH_SIZE];
        private long now;
        private long skb;

        void tick() {
            now += 1000;
            skb += 64;
        }

        @Override public Tracepoint tracepoint() { return Tracepoint.KFREE_SKB; }
        @Override public KfreeSkb kfreeSkb() { return this; }
        @Override public long skbaddr() { return skb; }
        @Override public long location() { return 0; }
        @Override public int protocol() { return EtherType.IPV4; }
        @Override public int reason() { return 2; }
        @Override public String reasonName() { return "NOT_SPECIFIED"; }
        @Override public NetifReceiveSkb netifReceiveSkb() { return null; }
        @Override public NetDevXmit netDevXmit() { return null; }
        @Override public NapiPoll napiPoll() { return null; }
        @Override public QdiscDequeue qdiscDequeue() { return null; }
        @Override public NeighUpdate neighUpdate() { return null; }
        @Override public XdpException xdpException() { return null; }
        @Override public TcpProbe tcpProbe() { return null; }
        @Override public TcpRetransmitSkb tcpRetransmitSkb() { return null; }
        @Override public TcpSendReset tcpSendReset() { return null; }
        @Override public TcpReceiveReset tcpReceiveReset() { return null; }
        @Override public InetSockSetState inetSockSetState() { return null; }
        @Override public TcpRcvSpaceAdjust tcpRcvSpaceAdjust() { return null; }
        @Override public long ktimeNs() { return now; }
        @Override public int randomU32() { return 4; }
        @Override public int cpuId() { return 0; }
        @Override public byte[] scratch() { return scratch; }
        @Override public int ringbufOutput(RingBufMap ring, byte[] src, int off, int len, long flags) { return ring.output(src, off, len, flags); }
        @Override public int tracePrint(String fmt, long a, long b, long c) { return 0; }
        @Override public int tailCall(ProgramArrayMap progs, int index) { throw new UnsupportedOperationException(); }
    }
}
