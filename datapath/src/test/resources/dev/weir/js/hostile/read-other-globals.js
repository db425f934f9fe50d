// Looks for another program's globals and maps: sharedSecret set by pollute-prototypes.js, the
// other program's unpinned map of the same name.
// Contained: contexts share nothing; an unpinned map with the same name is a different map.
export const type = "xdp";
export const maps = { counter: { type: "array", keySize: 4, valueSize: 8, maxEntries: 1 } };
export function run(ctx, maps) {
    if (typeof globalThis.sharedSecret !== "undefined") return XdpAction.DROP;
    return maps.counter.lookupLong(0, -1) === 0 ? XdpAction.PASS : XdpAction.DROP;
}
