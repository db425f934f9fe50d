/**
 * The program authors' API: the interfaces a program implements, the contexts it receives, the
 * verdicts it returns, and the congestion-control interface.
 *
 * <h2>Where programs run</h2>
 * <pre>
 *  receive:  NIC ring ─▶ [XDP] ─▶ skb, GRO ─▶ [tc ingress] ─▶ L2 demux ─▶ IP rcv ─▶ [PREROUTING]
 *            ─▶ route ─┬▶ [INPUT] ─▶ TCP/UDP ─▶ socket
 *                      └▶ [FORWARD] ─▶ [POSTROUTING] ─▶ ...
 *  transmit: socket ─▶ TCP (congestion control: [CongestionControl]) ─▶ IP output, route
 *            ─▶ [OUTPUT] ─▶ [POSTROUTING] ─▶ neighbour ─▶ [tc egress] ─▶ qdisc ─▶ NIC ring
 *  anywhere: [tracepoints] at named events, [stage probes] at entry/exit of named stage functions
 * </pre>
 *
 * <table>
 *   <caption>Program types</caption>
 *   <tr><th>interface</th><th>context</th><th>returns</th></tr>
 *   <tr><td>{@link dev.weir.api.prog.XdpProgram}</td><td>{@link dev.weir.api.prog.XdpContext}</td><td>{@link dev.weir.api.prog.XdpAction}</td></tr>
 *   <tr><td>{@link dev.weir.api.prog.TcProgram}</td><td>{@link dev.weir.api.prog.SkbContext}</td><td>{@link dev.weir.api.prog.TcAction}</td></tr>
 *   <tr><td>{@link dev.weir.api.prog.NetfilterProgram}</td><td>{@link dev.weir.api.prog.NfContext}</td><td>{@link dev.weir.api.prog.NfVerdict}</td></tr>
 *   <tr><td>{@link dev.weir.api.prog.TracepointProgram}</td><td>{@link dev.weir.api.prog.TraceContext}</td><td>nothing</td></tr>
 *   <tr><td>{@link dev.weir.api.prog.ProbeProgram}</td><td>{@link dev.weir.api.prog.ProbeContext}</td><td>nothing</td></tr>
 *   <tr><td>{@link dev.weir.api.prog.CongestionControl}</td><td>{@link dev.weir.api.prog.TcpSock} views</td><td>per callback</td></tr>
 * </table>
 *
 * <h2>What a program is</h2>
 * A public class with a public no-argument constructor implementing exactly one of the program
 * interfaces. It has no state of its own: its only instance fields are maps, declared with
 * {@link dev.weir.api.prog.MapSpec} and assigned by the loader. The verifier checks the class
 * before it is defined: it may refer only to itself, to this module ({@code dev.weir.api..})
 * and to a short list of pure {@code java.lang} methods; it may not write fields, allocate on
 * the per-packet path, use reflection, threads, locks, I/O or native code, recurse, or catch
 * {@code Throwable}/{@code Error}. Loops are bounded by an instruction budget: a program that
 * exhausts it, throws, or loads outside its packet ends with its type's
 * {@linkplain dev.weir.api.prog.ProgramType#abortVerdict() abort verdict}, is counted, and the
 * stack goes on.
 *
 * <h2>Contexts and helpers</h2>
 * Everything a program may do beyond computing goes through its context, which is valid only
 * during the call: packet access ({@link dev.weir.api.prog.PacketReader},
 * {@link dev.weir.api.prog.PacketAccess}), metadata ({@link dev.weir.api.prog.SkbMeta}), and the
 * helpers common to all ({@link dev.weir.api.prog.Helpers}: virtual time, seeded random, CPU id,
 * scratch memory, ring-buffer output, trace print, tail calls) or particular to a hook
 * (redirect, FIB lookup, head/tail adjustment, checksum replacement). Helpers report failure
 * with the negative codes of {@link dev.weir.api.maps.MapError}; none allocates.
 */
package dev.weir.api.prog;
