// Tries to change the API's constants so that another program's DROP means PASS.
// Contained: the constants are frozen, non-writable globals of this context only; the
// assignment throws (modules are strict) and the run ends ABORTED.
export const type = "xdp";
export function run(ctx) {
    XdpAction.DROP = XdpAction.PASS;
    return XdpAction.DROP;
}
