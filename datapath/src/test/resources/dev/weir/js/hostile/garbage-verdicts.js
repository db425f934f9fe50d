// Returns things that are not verdicts, chosen by the frame's length: a string, a fraction,
// an object with valueOf, undefined, a boolean, a number beyond an int, NaN, an unknown action.
// Contained: anything but a number that fits an int ends the run ABORTED (BAD_RESULT); an int
// that is no action is returned as it is, and the attach point treats it as XDP_ABORTED, as Linux.
export const type = "xdp";
export function run(ctx) {
    switch (ctx.len()) {
        case 60: return "2";
        case 61: return 2.5;
        case 62: return { valueOf() { return 2; } };
        case 63: return undefined;
        case 64: return true;
        case 65: return 2 ** 40;
        case 66: return NaN;
        case 67: return 99;
        default: return XdpAction.PASS;
    }
}
