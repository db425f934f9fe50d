// Lets a host exception escape: a load far outside the frame.
// Contained: the context's exception ends the run ABORTED (HOST_EXCEPTION), as a Java program's
// out-of-bounds load does; the next frame runs normally.
export const type = "xdp";
export function run(ctx) {
    if (ctx.len() > 100) {
        return ctx.loadU8(1 << 20);
    }
    return XdpAction.PASS;
}
