// Tries a dynamic import() at run time, and require().
// Contained: require is not defined; import() returns a promise that is rejected (no file
// system). Its handlers run before the call returns (GraalJS drains the job queue), so the
// outcome is visible in the map: slot 0 = 2 means rejected, 1 would mean loaded.
export const type = "xdp";
export const maps = { out: { type: "array", keySize: 4, valueSize: 8, maxEntries: 2 } };
export function run(ctx, maps) {
    let requireWorked = 0;
    try { require("fs"); requireWorked = 1; } catch (e) { /* ReferenceError */ }
    maps.out.updateLong(1, requireWorked, MapFlags.ANY);
    import("fs").then(() => maps.out.updateLong(0, 1, MapFlags.ANY),
                      () => maps.out.updateLong(0, 2, MapFlags.ANY));
    return XdpAction.PASS;
}
