/**
 * Tracepoints and stage probes: the sites in the packet path where observing programs run, and
 * the cheap test each site makes when nothing observes it.
 *
 * <pre>
 *   stage (nic, napi, l2, qdisc, neigh, ip, udp, tcp)          dev.weir.hooks (above)
 *     trace.netifReceiveSkb(skb, dev) ──handler field null?──▶ no: return
 *                                      └─────────────────────▶ TraceHandler.fire(TraceEvent)
 *     int t = trace.enter(IP_RCV, skb, ...) ─mask bit clear?─▶ return 0
 *     ... the function ...                 └─────────────────▶ ProbeHandler.probe(ProbeEvent)
 *     trace.leave(t, ret)
 * </pre>
 *
 * <p>One {@link dev.weir.trace.Tracing} per namespace ({@link dev.weir.trace.Tracing#of}), held
 * by each stage in a final field. A tracepoint with nothing attached costs its firing method one
 * field load and a null test; a stage function whose probes are off costs one field load and a
 * bit test at entry and a compare at exit. The stages only describe what happened (the packet,
 * the device, a few numbers, the object the event is about); the hooks layer turns that into the
 * read-only contexts of {@code dev.weir.api.prog} and runs the programs. This package knows no
 * program: it sits just above {@code core}, so every stage may fire its events, and the hooks
 * layer installs the handlers.
 *
 * <p>Everything runs on the namespace's simulation thread. A handler runs synchronously at the
 * site, on the CPU doing the work; it must not free, keep or change the packet.
 */
package dev.weir.trace;
