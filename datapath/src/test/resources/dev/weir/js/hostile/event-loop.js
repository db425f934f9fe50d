// Tries to run code later: setTimeout, setInterval, queueMicrotask, an async run function.
// Contained: there is no event loop. setTimeout and setInterval do not exist (the program
// records that), promise jobs run before the call returns, and an async run returns a Promise,
// not a verdict: BAD_RESULT, ABORTED.
export const type = "xdp";
export const maps = { out: { type: "array", keySize: 4, valueSize: 8, maxEntries: 4 } };
export async function run(ctx, maps) {
    maps.out.updateLong(0, typeof setTimeout === "undefined" ? 1 : 0, MapFlags.ANY);
    maps.out.updateLong(1, typeof setInterval === "undefined" ? 1 : 0, MapFlags.ANY);
    await null;
    maps.out.updateLong(2, 1, MapFlags.ANY);
    return XdpAction.PASS;
}
