// Recurses without end on frames longer than 100 bytes.
// Contained: GraalJS turns the stack overflow into a RangeError: the run ends ABORTED (THREW),
// the context stays usable, the next frame runs normally.
export const type = "xdp";
function down(n) { return down(n + 1) + 1; }
export function run(ctx) {
    if (ctx.len() > 100) {
        return down(0);
    }
    return XdpAction.PASS;
}
