// JsVsJavaBench's tracer, the twin of JsVsJavaBench.JavaTracer: one 24-byte record per
// skb:kfree_skb event in the "events" ring buffer (time, skbaddr, reason, protocol).
export const type = "tracepoint";
export const maps = {
    events: { type: "ringbuf", maxEntries: 1048576 },
};

export function run(ctx, maps) {
    const k = ctx.kfreeSkb();
    const ev = maps.events;
    const r = ev.reserve(24);
    if (r < 0) return;
    ev.store64(r, 0, ctx.ktimeNs());
    ev.store64(r, 8, k.skbaddr());
    ev.store32(r, 16, k.reason());
    ev.store32(r, 20, k.protocol());
    ev.submit(r, 0);
}
