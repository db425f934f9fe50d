// Builds a gigabyte string in one statement (which the statement limit cannot see).
// Contained: js.string-length-limit caps strings at 16 Mi characters: RangeError, ABORTED.
export const type = "xdp";
export function run(ctx) {
    const s = "x".repeat(1 << 30);
    return s.length > 0 ? XdpAction.PASS : XdpAction.DROP;
}
