// Writes past the end of the scratch area and stores a value that is no byte.
// Contained: the host array is bounds-checked and typed: the run ends ABORTED; nothing outside
// the array is touched.
export const type = "xdp";
export function run(ctx) {
    const s = ctx.scratch();
    if (ctx.len() > 100) {
        s[Helpers.SCRATCH_SIZE + 10] = 1;
    } else {
        s[0] = 1000;
    }
    return XdpAction.PASS;
}
