// Loops forever on frames longer than 100 bytes, passes the others.
// Contained: the statement limit ends the run (ABORTED, STATEMENT_LIMIT); the context is
// recreated and the next frame runs normally.
export const type = "xdp";
export function run(ctx) {
    if (ctx.len() > 100) {
        for (;;) { }
    }
    return XdpAction.PASS;
}
