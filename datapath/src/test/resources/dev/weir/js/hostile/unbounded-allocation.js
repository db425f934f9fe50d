// Allocates without bound: a megabyte-sized array per iteration, all kept.
// Contained: the watchdog interrupts the run when the heap is over the runtime's limit
// (ABORTED, INTERRUPTED), the memory is freed, and the next frame (shorter than 100 bytes)
// runs normally.
export const type = "xdp";
export function run(ctx) {
    if (ctx.len() > 100) {
        const keep = [];
        for (;;) {
            keep.push(new Array(1 << 18).fill(7));
        }
    }
    return XdpAction.PASS;
}
