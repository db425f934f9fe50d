// Tries to evaluate code of another language (or JavaScript again) through Polyglot.eval.
// Contained: polyglot access is NONE and the Polyglot builtin is off: ReferenceError, ABORTED.
export const type = "xdp";
export function run(ctx) {
    return Polyglot.eval("js", "XdpAction.PASS");
}
