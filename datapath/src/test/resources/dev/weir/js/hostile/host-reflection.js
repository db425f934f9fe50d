// Tries to reach Java reflection and non-API members through the context and a map:
// getClass(), the context's Java fields, the map implementation's public methods, methods
// marked user-space-only, hashCode/toString/wait/notify.
// Contained: only the program API's interface methods are visible; every probe fails, so the
// program passes the packet (and logs what it reached, nothing).
export const type = "xdp";
export const maps = { m: { type: "hash", keySize: 4, valueSize: 8, maxEntries: 4 } };
export function run(ctx, maps) {
    const probes = {
        getClass: () => ctx.getClass().forName("java.lang.Runtime"),
        field: () => ctx.buf.length,
        field2: () => ctx.now,
        implMethod: () => maps.m.memoryBytes(),
        implDef: () => maps.m.def(),
        userSpaceOnly: () => maps.m.size(),
        getNextKey: () => maps.m.getNextKey(null, 0, ctx.scratch(), 0),
        hashCode: () => ctx.hashCode(),
        wait: () => ctx.wait(),
        viewsClass: () => ctx.views().eth().getClass(),
        enumClass: () => Tracepoint.KFREE_SKB.getDeclaringClass(),
        enumCompare: () => Tracepoint.KFREE_SKB.compareTo(Tracepoint.NAPI_POLL),
        staticOnInstance: () => Tracepoint.KFREE_SKB.values(),
    };
    let reached = [];
    for (const k of Object.keys(probes)) {
        try {
            const v = probes[k]();
            if (v !== undefined && v !== null) reached.push(k);
        } catch (e) { /* expected: not a member */ }
    }
    if (reached.length > 0) console.log("reached: " + reached.join(","));
    return reached.length === 0 ? XdpAction.PASS : XdpAction.DROP;
}
