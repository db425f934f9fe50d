// Tries prototype tricks on the context object: its prototype, constructor and
// constructor.constructor (the Function constructor, a classic sandbox escape), __proto__,
// and lists its keys.
// Contained: a host object's prototype chain is an empty object, then this context's own
// Object.prototype; the Function
// constructor is refused (code generation from strings is off); the keys are API methods only.
// The program writes 1 in "out" slot 0 when the Function constructor worked, the number of
// non-API keys in slot 1.
export const type = "xdp";
export const maps = { out: { type: "array", keySize: 4, valueSize: 8, maxEntries: 2 } };
export function run(ctx, maps) {
    let fn = 0;
    try {
        const F = ctx.constructor.constructor;
        const g = F("return this")();
        if (g) fn = 1;
    } catch (e) { /* EvalError: code generation from strings disallowed */ }
    maps.out.updateLong(0, fn, MapFlags.ANY);
    const keys = Reflect.ownKeys(Object.getPrototypeOf(ctx)).concat(Object.keys(ctx));
    const odd = keys.filter(k => ["getClass", "buf", "data", "end", "scratch_", "random"].includes(k));
    maps.out.updateLong(1, odd.length, MapFlags.ANY);
    const proto = Object.getPrototypeOf(ctx);
    const ownProtoMembers = Reflect.ownKeys(proto).length;
    return Object.getPrototypeOf(proto) === Object.prototype && ownProtoMembers === 0 ? XdpAction.PASS : XdpAction.DROP;
}
