// As unbounded-allocation.js, but keeps the memory in a global, so that it would outlive the run.
// Contained: a program the watchdog stops for the heap also loses its context; the recreated
// context starts empty, so the memory is released.
export const type = "xdp";
export function run(ctx) {
    if (ctx.len() > 100) {
        globalThis.hoard = globalThis.hoard || [];
        for (;;) {
            globalThis.hoard.push(new Array(1 << 18).fill(7));
        }
    }
    return globalThis.hoard === undefined ? XdpAction.PASS : XdpAction.DROP;
}
