// Tries to generate code from strings: eval, new Function, setTimeout with a string.
// Decision: refused (js.allow-eval off): a program is the code in its file. The run throws
// EvalError and ends ABORTED.
export const type = "xdp";
export function run(ctx) {
    return eval("XdpAction.PASS");
}
