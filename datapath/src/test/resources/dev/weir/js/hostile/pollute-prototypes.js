// Pollutes the built-in prototypes and globals of its own context, hoping another program
// shares them: Object.prototype, Array.prototype.push, Math.max, JSON.stringify, globalThis.
// Contained: each program has its own context and so its own built-ins; clean-neighbour.js,
// run after this one, sees none of it.
export const type = "xdp";
export function run(ctx) {
    Object.prototype.polluted = "yes";
    Array.prototype.push = function () { return -1; };
    Math.max = function () { return 666; };
    JSON.stringify = function () { return "owned"; };
    globalThis.sharedSecret = 42;
    globalThis.XdpActionCopy = XdpAction;
    return XdpAction.PASS;
}
