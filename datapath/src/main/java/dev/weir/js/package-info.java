/**
 * JavaScript programs: the same program types, maps and helpers as Java programs, written as
 * ES modules and run by GraalJS in a sandbox.
 *
 * <pre>
 *   drop.js --JsProgramLoader--&gt; JsInstance (one Context per program, on JsRuntime's shared Engine)
 *              |  preamble (JsSandbox): globals removed, Math.random/Date virtual, API constants
 *              |  module evaluated; exports read: type, name, maps (JsMapDecl), functions
 *              |  maps bound in the host's MapRegistry (pinned: shared by name)
 *              v
 *           JsProgram&lt;P&gt; --program()--&gt; adapter implementing P (JsXdpProgram implements XdpProgram, ...)
 *              |                             run(ctx) -&gt; JsInstance.call: reset statement count,
 *              |                             execute run(ctx, maps), check the result
 *              +-- runInt/run: the run wrapper (failure =&gt; the type's abort verdict, counted in JsStats)
 *           JsWatchdog: interrupts a run over the wall-time or heap limit
 * </pre>
 *
 * <h2>A program</h2>
 * One file, an ES module. It exports its {@code type} (a {@link dev.weir.api.prog.ProgramType}'s
 * name or Linux name, any case: {@code "xdp"}, {@code "tc"}, {@code "sched_cls"},
 * {@code "netfilter"}, {@code "tracepoint"}, {@code "probe"}, {@code "kprobe"},
 * {@code "congestion_control"}, {@code "struct_ops"}) explicitly: a type is never guessed from
 * a function's name, so a misspelled export is an error, not a different program. It may export
 * a {@code name} (default: the file's name without {@code .js}) and its {@code maps}
 * ({@link dev.weir.js.JsMapDecl}: the equivalent of {@code @MapSpec} fields), and exports the
 * functions of its type:
 * <pre>{@code
 * export const type = "xdp";
 * export const maps = {
 *   blocked: { type: "hash", keySize: 2, valueSize: 1, maxEntries: 1024, pinned: true },
 *   drops:   { type: "percpu_array", keySize: 4, valueSize: 8, maxEntries: 1 },
 * };
 * export function run(ctx, maps) {
 *   if (ctx.len() < 42 || ctx.loadU16(12) !== EtherType.IPV4 || ctx.loadU8(23) !== IpProtocol.UDP) return XdpAction.PASS;
 *   const ihl = (ctx.loadU8(14) & 0xf) * 4;
 *   if (ctx.len() < 14 + ihl + 8 || !maps.blocked.containsLong(ctx.loadU16(14 + ihl + 2))) return XdpAction.PASS;
 *   maps.drops.addLong(0, 1);
 *   return XdpAction.DROP;
 * }
 * }</pre>
 * XDP, tc, netfilter, tracepoint and probe programs export {@code run(ctx, maps)}; a
 * congestion-control algorithm exports the members of
 * {@link dev.weir.api.prog.CongestionControl} ({@link dev.weir.js.JsCongestionControl}).
 * {@code ctx} is the very context a Java program gets: the same methods, the same helpers
 * ({@code ctx.ktimeNs()}, {@code ctx.scratch()}, {@code ctx.ringbufOutput(...)},
 * {@code ctx.tracePrint(...)}), and {@code maps.NAME} the map objects with their program-side
 * methods ({@code lookupLong}, {@code addLong}, {@code reserve}/{@code store32}/{@code submit},
 * ...). Numbers follow Java's conversions: an {@code int} the API returns is a signed 32-bit
 * number ({@code ctx.loadU32(26) >>> 0} for the unsigned value), a {@code long} a number
 * (exact to 2^53); arguments must be integers where the API takes integers. The API's constants
 * are globals named as their Java class ({@code XdpAction.DROP}, {@code TcAction.SHOT},
 * {@code NfVerdict.ACCEPT}, {@code MapFlags.NOEXIST}, {@code MapError.ENOENT},
 * {@code EtherType.IPV4}, {@code IpProtocol.TCP}, {@code Tracepoint.KFREE_SKB},
 * {@code Helpers.SCRATCH_SIZE}, ...).
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>State lives in maps. Module-level variables belong to the program's context, which is
 *       recreated after a run that exceeded its statement limit: they may be reset at any time.
 *   <li>{@code run} is synchronous and returns a number (an {@code int}): an async function, a
 *       string, an object, a fraction end the run ABORTED. Tracepoints' and probes' results are
 *       ignored. Promise jobs a run starts are run before the call returns; there is no event
 *       loop, no {@code setTimeout}.
 *   <li>A run may execute at most its statement limit (default 1,000,000 statements, the Java
 *       budget's count; {@link dev.weir.js.JsProgramLoader.Builder#statementLimit}); the count is
 *       reset before each run.
 *   <li>A run that throws, exceeds its limit, is interrupted by the watchdog or returns a
 *       non-number ends with the type's abort verdict ({@code XDP_ABORTED}, {@code TC_ACT_SHOT},
 *       {@code NF_DROP}) through the same run wrapper as a Java program, so it has the same drop
 *       reason, counter and tracepoint; the next packet runs normally.
 *   <li>Errors point into the file: {@code drop.js:12:5: TypeError: ...}; a load fails with
 *       {@link dev.weir.js.JsLoadException} ({@code drop.js:3:9: SyntaxError: Expected ; but
 *       found y}).
 *   <li>A program catches JavaScript errors it throws itself, and exceptions a helper throws
 *       (unlike a Java program, which may not catch Error): a helper that must end the run
 *       cannot rely on an exception to do it.
 * </ul>
 *
 * <h2>Sandbox</h2>
 * A program reaches nothing but its context, its maps and the API's constants: see
 * {@link dev.weir.js.JsSandbox} for the host-access allow-list and the context options, and the
 * hostile corpus in the tests ({@code dev/weir/js/hostile/}) for what is tried and how it is
 * contained. {@code eval} and {@code new Function} are refused: a program is the code in its
 * file. {@code Math.random} draws from the host's seeded stream and {@code Date} reads the
 * virtual clock ({@link dev.weir.js.JsEnv}), so a run is as deterministic as a Java program's.
 *
 * <h2>Performance</h2>
 * One engine per JVM ({@link dev.weir.js.JsRuntime#shared()}) so compiled code is shared; the
 * JIT needs the Graal compiler on the upgrade module path, and the runtime warns once when it is
 * missing. Calls from JavaScript into the context and maps are Truffle host calls on a fixed
 * receiver class, which the compiler inlines: once compiled, a program's body costs about what
 * the Java program's does. What it adds per packet is the crossing from the host into the
 * program's context: entering the context, resetting the statement count and taking the result
 * cost about 130 ns ({@code JsVsJavaBench}: an empty XDP program 129 ns; a small XDP filter
 * 167 ns against 11 ns in Java; a ring-buffer tracer 127 ns against 14 ns; interpreted, 1.7 to
 * 1.9 us). The per-run path allocates on the Java side only the polyglot API's result value.
 */
package dev.weir.js;
