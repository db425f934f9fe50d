// The neighbour of pollute-prototypes.js and read-other-globals.js: passes the packet only when
// its built-ins and globals are pristine.
export const type = "xdp";
export function run(ctx) {
    const a = [];
    const clean = ({}).polluted === undefined
        && a.push(1) === 1
        && Math.max(1, 2) === 2
        && JSON.stringify({ a: 1 }) === '{"a":1}'
        && typeof globalThis.sharedSecret === "undefined"
        && typeof globalThis.XdpActionCopy === "undefined";
    return clean ? XdpAction.PASS : XdpAction.DROP;
}
