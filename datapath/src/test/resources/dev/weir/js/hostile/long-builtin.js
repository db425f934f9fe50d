// Does minutes of work in a handful of statements, inside built-ins the statement limit does not
// count: sorting a large array over and over.
// Contained: the watchdog's wall-time limit interrupts the run (ABORTED, INTERRUPTED); the next
// frame runs normally.
export const type = "xdp";
export function run(ctx) {
    if (ctx.len() > 100) {
        const a = new Array(1 << 20).fill(0).map((_, i) => (i * 2654435761) % 1000003);
        for (;;) {
            a.sort((x, y) => x - y).reverse();
        }
    }
    return XdpAction.PASS;
}
