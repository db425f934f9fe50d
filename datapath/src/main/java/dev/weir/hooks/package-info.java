/**
 * Programs at the stack's attach points: what runs a loaded program where the packet path
 * offers a hook, what it sees there, and what becomes of its verdict.
 *
 * <pre>
 *   Hooks (one per host) ── load (verifier) ──▶ LoadedProgram ──▶ ProgramTable (ids)
 *     │ attach(program, AttachPoint, priority) ──▶ ProgramLink (detach, replace)
 *     ├─ xdp dev D            XdpChain      implements nic.XdpHook       ── XdpCtx   over nic.XdpBuff
 *     ├─ tc ingress|egress    TcChain       implements l2.TcHook         ── TcCtx    over the skb (from the MAC header)
 *     ├─ netfilter PF HOOK    NfProgramHook implements netfilter.NfHookFn ── NfCtx   over the skb (from the IP header)
 *     ├─ tracepoint S:E       TraceChain    implements trace.TraceHandler ── TraceCtx (fields by name, read-only)
 *     ├─ probe F entry|exit   ProbeChains   implements trace.ProbeHandler ── ProbeCtx (arguments, skb at entry)
 *     └─ congestion NAME      CcProgram     registered in tcp.cc.CongestionControlRegistry
 *   TestRun: the same contexts on given input, without a network (BPF_PROG_TEST_RUN)
 *   BpfCommand: prog / map / link commands in bpftool's syntax; ConntrackTable: conntrack -L
 * </pre>
 *
 * <h2>How a hook runs its programs</h2>
 * A hook holds its programs as an immutable array of {@code Entry} objects, sorted by priority
 * (then attach order), each with the program instance in a final field and its
 * {@link dev.weir.verifier.ProgramRunner}. Per packet it reads the array once and, for each
 * program: binds the context, starts the budget ({@code runner.begin()}), calls the program
 * through its interface, and ends the run ({@code end}, or {@code abort} from the catch of any
 * Throwable: the budget error, an out-of-bounds load, a division by zero...). A successful tail
 * call unwinds to the hook with the called program's result. Attach, detach and replace build a
 * new array and store it in one field, so a packet sees one whole set of programs.
 *
 * <h2>Rules every hook follows</h2>
 * <ul>
 *   <li>An aborted run has its type's abort verdict (XDP_ABORTED, TC_ACT_SHOT, NF_DROP), is
 *       counted in the program's statistics, and drops the packet with reason
 *       {@code PROG_ABORTED}; tracing programs that abort change nothing; a congestion-control
 *       callback that aborts falls back to Reno for that call.
 *   <li>Each run charges the CPU {@code cpu.cost.prog_run} plus {@code prog_per_100_units} per
 *       100 budget units used: virtual, deterministic cost.
 *   <li>Run time is measured (System.nanoTime) only while {@code kernel.bpf_stats_enabled} is 1.
 *   <li>A context belongs to one hook and is reused; programs do not run nested except through
 *       tail calls (which reuse it), so no context is ever used by two runs at once. Redirected
 *       and cloned packets are sent after the run, never from inside it.
 *   <li>Nothing here allocates per packet, except what the packet's fate itself needs (a copy
 *       for each extra target of a broadcast redirect, a clone for {@code cloneRedirect}).
 * </ul>
 *
 * <p>Everything runs on the host's simulation thread. The layering puts this package above
 * {@code maps} and {@code verifier} (it runs loaded programs and redirects through device maps)
 * and below {@code host}, which builds one {@link dev.weir.hooks.Hooks} per namespace; the
 * stages below know only the small hook interfaces they call ({@code nic.XdpHook},
 * {@code l2.TcHook}, {@code netfilter.NfHookFn}, {@code trace.TraceHandler},
 * {@code trace.ProbeHandler}).
 */
package dev.weir.hooks;
