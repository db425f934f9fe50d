// Tries to observe the garbage collector (a source of nondeterminism) with WeakRef and
// FinalizationRegistry.
// Contained: both are removed by the preamble: ReferenceError, ABORTED.
export const type = "xdp";
export function run(ctx) {
    const r = new WeakRef({});
    return r.deref() === undefined ? XdpAction.DROP : XdpAction.PASS;
}
