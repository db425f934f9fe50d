// Allocates a 2 GiB typed array in one statement.
// Contained: js.max-typed-array-length caps typed arrays at 16 Mi elements: RangeError, ABORTED.
export const type = "xdp";
export function run(ctx) {
    const a = new Float64Array(1 << 28);
    return a.length > 0 ? XdpAction.PASS : XdpAction.DROP;
}
