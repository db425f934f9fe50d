package dev.weir.hooks;

import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.NetfilterProgram;
import dev.weir.api.prog.NfHook;
import dev.weir.api.prog.NfVerdict;
import dev.weir.api.prog.ProbeProgram;
import dev.weir.api.prog.ProgramType;
import dev.weir.api.prog.StageFunction;
import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.TcProgram;
import dev.weir.api.prog.Tracepoint;
import dev.weir.api.prog.TracepointProgram;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpProgram;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.core.NetNs;
import dev.weir.maps.MapImpl;
import dev.weir.maps.MapRegistry;
import dev.weir.netfilter.Netfilter;
import dev.weir.nic.XdpBuff;
import dev.weir.sim.Scheduler;
import dev.weir.sim.SimRandom;
import dev.weir.skb.SkBuff;
import dev.weir.trace.ProbeEvent;
import dev.weir.verifier.LoadedProgram;
import dev.weir.verifier.ProgramRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a program on a given input without a network, as Linux's {@code BPF_PROG_TEST_RUN}:
 * the verdict, the packet as the program left it, what changed in its maps, the records it
 * wrote to ring buffers, the lines it printed, and the time per run.
 *
 * <pre>{@code
 * TestRun t = new TestRun();                              // a fresh environment: its own maps
 * LoadedProgram<?> fw = t.load(Path.of("Firewall.java"));
 * TestRun.Result r = t.run(fw, frame, 1000);               // XDP: a frame from its Ethernet header
 * r.verdictName();       // "XDP_DROP"
 * r.mapChanges();        // [counters: key 00 00 00 01: 00..00 -> 00..03e8]
 * r.nsPerRun();          // measured with System.nanoTime over the 1000 runs
 * }</pre>
 *
 * <h2>Inputs by program type</h2>
 * <ul>
 *   <li>XDP: an Ethernet frame, with 256 bytes of headroom and 256 of tailroom for
 *       {@code adjustHead}/{@code adjustTail}; ingress ifindex 1, queue 0.
 *   <li>tc: an Ethernet frame as an skb on ingress ({@link #tc} for egress); ifindex 1.
 *   <li>netfilter: an IP packet (IPv4 or IPv6 by its version), at PREROUTING ({@link #netfilter}
 *       for another hook); the input device is ifindex {@link #IN_IFINDEX}, the output device
 *       {@link #OUT_IFINDEX}, as the hook has them.
 *   <li>tracepoint: the event's fields by name ({@link #tracepoint}).
 *   <li>probe: the function's skb data, arguments and return value ({@link #probe}).
 *   <li>congestion control: {@link #congestionControl} gives the algorithm as the stack would
 *       call it (budgeted, falling back to Reno on abort), to call on a socket state.
 * </ul>
 *
 * <h2>Repeats</h2>
 * With {@code repeat} N the program runs N times, each time on a fresh copy of the input (so the
 * output is the last run's), and the maps keep what every run did; {@code nsPerRun} is the
 * wall-clock time of the N runs divided by N. The environment's virtual clock does not move
 * between runs ({@link #advance} moves it).
 *
 * <p>The environment is a namespace of its own with one CPU, a seeded random stream and a map
 * registry; helpers that need a stack say so: FIB lookups answer {@code RET_NOT_FWDED}, a
 * redirect is reported in the result and goes nowhere. Not thread-safe.
 */
public final class TestRun {
    /** One entry of a map that a run added ({@code before} null), removed ({@code after} null) or changed. */
    public record MapChange(String map, byte[] key, byte[] before, byte[] after) {
        @Override
        public String toString() {
            return map + ": key " + hex(key) + ": " + (before == null ? "(none)" : hex(before)) + " -> "
                    + (after == null ? "(deleted)" : hex(after));
        }
    }

    /**
     * What a test run produced.
     *
     * @param type the program type
     * @param verdict the program's return value (its type's abort verdict if the last run
     *     aborted; 0 for programs that return nothing)
     * @param output the packet after the last run (empty for tracing and congestion control)
     * @param mapChanges entries of the program's maps that differ after the runs, by map and key
     * @param ringRecords records written to each ring buffer the program uses
     * @param trace lines printed with tracePrint, as the trace pipe shows them
     * @param repeat runs made
     * @param nsPerRun wall-clock nanoseconds per run
     * @param budgetPerRun instruction budget units used per run, on average
     * @param aborts runs that aborted
     * @param abortCause what ended the last aborted run, or null
     * @param redirectIfindex the device a REDIRECT verdict chose, or 0
     */
    public record Result(ProgramType type, int verdict, byte[] output, List<MapChange> mapChanges,
                         Map<String, List<byte[]>> ringRecords, List<String> trace, int repeat, long nsPerRun, long budgetPerRun,
                         long aborts, Throwable abortCause, int redirectIfindex) {
        /** Linux's name of the verdict ({@code XDP_DROP}, {@code TC_ACT_OK}, {@code NF_ACCEPT}); "-" for types without one. */
        public String verdictName() {
            return switch (type) {
                case XDP -> XdpAction.name(verdict);
                case TC -> TcAction.name(verdict);
                case NETFILTER -> NfVerdict.name(verdict);
                default -> "-";
            };
        }

        /** True when the last run aborted (the verdict is then the type's abort verdict). */
        public boolean aborted() {
            return aborts > 0;
        }

        /** The changes of map {@code name}. */
        public List<MapChange> changesOf(String name) {
            List<MapChange> out = new ArrayList<>();
            for (MapChange c : mapChanges) {
                if (c.map().equals(name)) {
                    out.add(c);
                }
            }
            return out;
        }
    }

    /** The test environment's two devices: ifindex 1 ({@code in0}) the input device, 2 ({@code out0}) the output device. */
    public static final int IN_IFINDEX = 1;
    public static final int OUT_IFINDEX = 2;

    /** A device of the test environment: registered, up, every frame it is given is discarded. */
    private static final class TestDevice extends dev.weir.core.NetDevice {
        TestDevice(NetNs net, String name) {
            super(net, name, ARPHRD_ETHER, 1500, 68, 9000, 1, 1);
            setMac(0x020000000000L | ifindex());
        }

        @Override
        public int startXmit(SkBuff skb, dev.weir.core.NetdevQueue txq) {
            skb.consume();
            return NETDEV_TX_OK;
        }
    }

    private final Scheduler scheduler;
    private final NetNs net;
    private final dev.weir.core.NetDevice inDev;
    private final dev.weir.core.NetDevice outDev;
    private final MapRegistry maps;
    private final Hooks hooks;

    /** A fresh environment with random seed 1. */
    public TestRun() {
        this(1);
    }

    /** A fresh environment whose random stream has {@code seed}. */
    public TestRun(long seed) {
        this.scheduler = new Scheduler();
        this.net = new NetNs("test-run", scheduler, new SimRandom(seed), 1);
        this.inDev = new TestDevice(net, "in0");
        this.outDev = new TestDevice(net, "out0");
        net.register(inDev);
        net.register(outDev);
        inDev.open();
        outDev.open();
        this.maps = MapRegistry.of(net);
        this.hooks = Hooks.bare(net, maps);
    }

    /** The environment's hooks (its loader, program table, trace pipe). */
    public Hooks hooks() {
        return hooks;
    }

    /** The environment's maps: where the programs loaded here have theirs. */
    public MapRegistry maps() {
        return maps;
    }

    /** The environment's virtual time now. */
    public long now() {
        return net.now();
    }

    /** Moves the virtual clock on by {@code nanos} (for programs that keep time in maps). */
    public void advance(long nanos) {
        scheduler.runUntil(scheduler.now() + nanos);
    }

    // ---- loading ----

    public LoadedProgram<?> load(Path file) {
        return hooks.load(file, null);
    }

    public LoadedProgram<?> load(Path file, String className) {
        return hooks.load(file, className);
    }

    public LoadedProgram<?> load(Class<?> programClass) {
        return hooks.load(programClass);
    }

    public LoadedProgram<?> loadSource(String fileName, String source) {
        return hooks.loadSource(fileName, source);
    }

    // ---- running ----

    /** Runs {@code p} on {@code input} as its type takes input (see the class comment). */
    public Result run(LoadedProgram<?> p, byte[] input, int repeat) {
        return switch (p.type()) {
            case XDP -> xdp(p, input, repeat);
            case TC -> tc(p, input, true, repeat);
            case NETFILTER -> netfilter(p, input, input.length > 0 && (input[0] & 0xf0) == 0x60 ? NfHook.PF_IPV6 : NfHook.PF_IPV4,
                    NfHook.PREROUTING, repeat);
            case PROBE -> probe(p, StageFunction.NETIF_RECEIVE_SKB, false, input, new long[0], 0, repeat);
            default -> throw new IllegalArgumentException(p.name() + " is a " + p.type().linuxName()
                    + " program: its input is not bytes (use tracepoint(...) or congestionControl(...))");
        };
    }

    /** Runs an XDP program on a frame. */
    public Result xdp(LoadedProgram<?> p, byte[] frame, int repeat) {
        LoadedProgram<XdpProgram> x = p.as(XdpProgram.class);
        XdpCtx c = new XdpCtx(hooks);
        XdpBuff xb = new XdpBuff();
        byte[] buf = new byte[XdpBuff.HEADROOM + frame.length + 256];
        Before before = before(p);
        int v = XdpAction.PASS;
        long aborts = 0;
        Throwable cause = null;
        int redirect = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < repeat; i++) {
            System.arraycopy(frame, 0, buf, XdpBuff.HEADROOM, frame.length);
            xb.buf = buf;
            xb.data = XdpBuff.HEADROOM;
            xb.dataEnd = XdpBuff.HEADROOM + frame.length;
            xb.frameEnd = buf.length;
            xb.ingressIfindex = 1;
            xb.rxQueue = 0;
            c.bind(xb);
            c.begin(hooks.programs().idOf(x), x.name());
            Run r = runInt(x.runner(), () -> x.program().run(c), () -> c.tailResult);
            v = c.finish(r.aborted ? XdpAction.ABORTED : r.value);
            if (r.aborted) {
                aborts++;
                cause = r.cause;
            }
            redirect = v == XdpAction.REDIRECT && xb.ntargets > 0 ? xb.targets[0] : 0;
        }
        long ns = System.nanoTime() - t0;
        return result(p, v, Arrays.copyOfRange(buf, xb.data, xb.dataEnd), before, repeat, ns, aborts, cause, redirect);
    }

    /** Runs a tc program on a frame, as on a device's ingress or egress. */
    public Result tc(LoadedProgram<?> p, byte[] frame, boolean ingress, int repeat) {
        LoadedProgram<TcProgram> x = p.as(TcProgram.class);
        TcCtx c = new TcCtx(hooks, ingress);
        Before before = before(p);
        int v = TcAction.UNSPEC;
        long aborts = 0;
        Throwable cause = null;
        byte[] out = new byte[0];
        int redirect = 0;
        long ns = 0;
        for (int i = 0; i < repeat; i++) {
            SkBuff skb = frameSkb(frame);
            c.bind(skb);
            c.begin(hooks.programs().idOf(x), x.name());
            long t0 = System.nanoTime();
            Run r = runInt(x.runner(), () -> x.program().run(c), () -> c.tailResult);
            ns += System.nanoTime() - t0;
            v = r.aborted ? TcAction.SHOT : r.value;
            if (r.aborted) {
                aborts++;
                cause = r.cause;
            }
            redirect = v == TcAction.REDIRECT ? c.redirectIfindex : 0;
            for (int k = 0; k < c.nclones; k++) {
                c.clones[k].consume();
                c.clones[k] = null;
            }
            c.unbind();
            out = skb.toByteArray();
            skb.consume();
        }
        return result(p, v, out, before, repeat, ns, aborts, cause, redirect);
    }

    /** Runs a netfilter program on an IP packet at hook {@code hook} of family {@code pf}. */
    public Result netfilter(LoadedProgram<?> p, byte[] packet, int pf, int hook, int repeat) {
        LoadedProgram<NetfilterProgram> x = p.as(NetfilterProgram.class);
        Netfilter nf = new Netfilter(net);
        NfCtx c = new NfCtx(hooks);
        Run[] last = new Run[1];
        // The hook function records the program's verdict and lets the packet through, so the
        // packet stays readable whatever the program decided.
        nf.register(pf, hook, 0, x.name(), (st, skb) -> {
            c.bind(st, skb);
            c.begin(hooks.programs().idOf(x), x.name());
            last[0] = runInt(x.runner(), () -> x.program().run(c), () -> c.tailResult);
            c.unbind();
            return NfVerdict.ACCEPT;
        });
        Before before = before(p);
        int v = NfVerdict.ACCEPT;
        long aborts = 0;
        Throwable cause = null;
        byte[] out = new byte[0];
        long ns = 0;
        for (int i = 0; i < repeat; i++) {
            SkBuff skb = net.pool().alloc(packet.length + 64, SkBuff.MAX_HEADER);
            skb.putBytes(packet, 0, packet.length);
            skb.resetNetworkHeader();
            skb.setProtocol(pf == NfHook.PF_IPV6 ? EtherType.IPV6 : EtherType.IPV4);
            long t0 = System.nanoTime();
            boolean hasIn = hook == NfHook.PREROUTING || hook == NfHook.INPUT || hook == NfHook.FORWARD;
            boolean hasOut = hook == NfHook.FORWARD || hook == NfHook.OUTPUT || hook == NfHook.POSTROUTING;
            skb.setIfindex(hasIn ? IN_IFINDEX : OUT_IFINDEX);
            nf.run(pf, hook, skb, hasIn ? inDev : null, hasOut ? outDev : null, null, s -> { });
            ns += System.nanoTime() - t0;
            Run r = last[0];
            v = r.aborted ? NfVerdict.DROP : r.value;
            if (r.aborted) {
                aborts++;
                cause = r.cause;
            }
            out = skb.toByteArray();
            skb.consume();
        }
        return result(p, v, out, before, repeat, ns, aborts, cause, 0);
    }

    /**
     * Runs a tracepoint program on an event of {@code tp} whose fields are given by name
     * (Linux's format names: {@code reason}, {@code skbaddr}, {@code len}; names get a
     * String, numbers a Number). Fields not given are 0.
     *
     * @throws IllegalArgumentException naming a field that {@code tp}'s context has not
     */
    public Result tracepoint(LoadedProgram<?> p, Tracepoint tp, Map<String, ?> fields, int repeat) {
        LoadedProgram<TracepointProgram> x = p.as(TracepointProgram.class);
        TraceCtx c = new TraceCtx(hooks, tp);
        c.clear();
        for (Map.Entry<String, ?> f : fields.entrySet()) {
            int id = TraceCtx.field(f.getKey());
            if (id < 0) {
                throw new IllegalArgumentException("tracepoint " + tp.fullName() + " has no field '" + f.getKey() + "' (fields: "
                        + String.join(", ", tp.fields()) + "; Weir adds ifindex, reason_name, *_hi/*_lo for 128-bit addresses)");
            }
            if (TraceCtx.isString(id)) {
                c.s[id] = String.valueOf(f.getValue());
            } else if (f.getValue() instanceof Number n) {
                c.v[id] = n.longValue();
            } else if (f.getValue() instanceof Boolean b) {
                c.v[id] = b ? 1 : 0;
            } else {
                throw new IllegalArgumentException("tracepoint field '" + f.getKey() + "' is a number, got " + f.getValue());
            }
        }
        Before before = before(p);
        long aborts = 0;
        Throwable cause = null;
        long t0 = System.nanoTime();
        for (int i = 0; i < repeat; i++) {
            c.begin(hooks.programs().idOf(x), x.name());
            Run r = runInt(x.runner(), () -> {
                x.program().run(c);
                return 0;
            }, () -> 0);
            if (r.aborted) {
                aborts++;
                cause = r.cause;
            }
        }
        return result(p, 0, new byte[0], before, repeat, System.nanoTime() - t0, aborts, cause, 0);
    }

    /** Runs a probe program at the entry or exit of {@code f}, with the skb data (entry), arguments and return value (exit). */
    public Result probe(LoadedProgram<?> p, StageFunction f, boolean exit, byte[] skbData, long[] args, long ret, int repeat) {
        LoadedProgram<ProbeProgram> x = p.as(ProbeProgram.class);
        ProbeCtx c = new ProbeCtx(hooks);
        Before before = before(p);
        long aborts = 0;
        Throwable cause = null;
        long ns = 0;
        for (int i = 0; i < repeat; i++) {
            SkBuff skb = exit ? null : frameSkb(skbData);
            ProbeEvent e = new ProbeEvent();
            e.function = f;
            e.exit = exit;
            e.skb = skb;
            e.skbId = skb == null ? 1 : skb.id();
            System.arraycopy(args, 0, e.args, 0, Math.min(args.length, ProbeEvent.MAX_ARGS));
            e.ret = ret;
            c.bind(e);
            c.begin(hooks.programs().idOf(x), x.name());
            long t0 = System.nanoTime();
            Run r = runInt(x.runner(), () -> {
                x.program().run(c);
                return 0;
            }, () -> 0);
            ns += System.nanoTime() - t0;
            c.unbind();
            if (skb != null) {
                skb.consume();
            }
            if (r.aborted) {
                aborts++;
                cause = r.cause;
            }
        }
        return result(p, 0, new byte[0], before, repeat, ns, aborts, cause, 0);
    }

    /**
     * A congestion-control program as the TCP stack calls it: every callback budgeted and
     * counted, an aborting callback falling back to Reno for that call.
     */
    public CongestionControl congestionControl(LoadedProgram<?> p) {
        return CcProgram.of(hooks, p.as(CongestionControl.class));
    }

    // ---- machinery ----

    private SkBuff frameSkb(byte[] frame) {
        SkBuff skb = net.pool().alloc(frame.length + 128, SkBuff.MAX_HEADER);
        skb.putBytes(frame, 0, frame.length);
        skb.resetMacHeader();
        skb.setProtocol(frame.length >= 14 ? Bytes.u16(frame, 12) : 0);
        skb.setNetworkHeader(skb.data() + Math.min(14, frame.length));
        skb.setIfindex(1);
        skb.setIngressIfindex(1);
        return skb;
    }

    private record Run(int value, boolean aborted, Throwable cause) {}

    @FunctionalInterface
    private interface Call {
        int call();
    }

    @FunctionalInterface
    private interface TailResult {
        int get();
    }

    private Run runInt(ProgramRunner<?> r, Call call, TailResult tail) {
        long token = r.begin();
        boolean timed = hooks.statsEnabled;
        long t0 = timed ? System.nanoTime() : 0;
        int v;
        try {
            v = call.call();
        } catch (ProgramAborted.TailCallDone done) {
            v = tail.get();
        } catch (Throwable t) {
            hooks.aborted(r, token, timed ? System.nanoTime() - t0 : 0, t);
            return new Run(r.abortVerdict(), true, t);
        }
        hooks.ended(r, token, timed ? System.nanoTime() - t0 : 0);
        return new Run(v, false, null);
    }

    /** The program's maps before the runs: entries by key, and ring positions. */
    private record Before(Map<String, Map<String, byte[]>> entries, long budgetUsed) {}

    private Before before(LoadedProgram<?> p) {
        Map<String, Map<String, byte[]>> m = new LinkedHashMap<>();
        for (LoadedProgram.BoundMap b : p.maps()) {
            if (b.map() instanceof MapImpl mi && hasEntries(mi)) {
                m.put(mi.name(), snapshot(mi));
            }
        }
        drainRings(p);
        hooks.tracePipe.drain();
        return new Before(m, p.stats().budgetUsed());
    }

    private static boolean hasEntries(MapImpl m) {
        return m.type() != MapType.RINGBUF && m.type() != MapType.PROG_ARRAY;
    }

    private static Map<String, byte[]> snapshot(MapImpl m) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        byte[] key = null;
        byte[] next = new byte[m.keySize()];
        byte[] value = new byte[m.userValueSize()];
        while (m.userGetNextKey(key, next) == MapError.OK) {
            key = next.clone();
            if (m.userLookup(key, value) == MapError.OK) {
                out.put(hex(key), value.clone());
            }
        }
        return out;
    }

    private Map<String, List<byte[]>> drainRings(LoadedProgram<?> p) {
        Map<String, List<byte[]>> out = new LinkedHashMap<>();
        for (LoadedProgram.BoundMap b : p.maps()) {
            if (b.map() instanceof MapImpl mi && mi.type() == MapType.RINGBUF) {
                List<byte[]> recs = new ArrayList<>();
                maps.consume(mi, (buf, off, len) -> {
                    recs.add(Arrays.copyOfRange(buf, off, off + len));
                    return true;
                });
                out.put(mi.name(), recs);
            }
        }
        return out;
    }

    private Result result(LoadedProgram<?> p, int verdict, byte[] output, Before before, int repeat, long ns, long aborts,
                          Throwable cause, int redirect) {
        List<MapChange> changes = new ArrayList<>();
        for (LoadedProgram.BoundMap b : p.maps()) {
            if (!(b.map() instanceof MapImpl mi) || !hasEntries(mi)) {
                continue;
            }
            Map<String, byte[]> was = before.entries().getOrDefault(mi.name(), Map.of());
            Map<String, byte[]> now = snapshot(mi);
            for (Map.Entry<String, byte[]> e : now.entrySet()) {
                byte[] old = was.get(e.getKey());
                if (old == null || !Arrays.equals(old, e.getValue())) {
                    changes.add(new MapChange(mi.name(), unhex(e.getKey()), old, e.getValue()));
                }
            }
            for (Map.Entry<String, byte[]> e : was.entrySet()) {
                if (!now.containsKey(e.getKey())) {
                    changes.add(new MapChange(mi.name(), unhex(e.getKey()), e.getValue(), null));
                }
            }
        }
        long n = Math.max(1, repeat);
        return new Result(p.type(), verdict, output, Collections.unmodifiableList(changes), drainRings(p), hooks.tracePipe.drain(),
                repeat, ns / n, (p.stats().budgetUsed() - before.budgetUsed()) / n, aborts, cause, redirect);
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.ofDelimiter(" ").formatHex(b);
    }

    private static byte[] unhex(String s) {
        return s.isEmpty() ? new byte[0] : java.util.HexFormat.ofDelimiter(" ").parseHex(s);
    }
}
