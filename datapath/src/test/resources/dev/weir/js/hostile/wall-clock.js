// Tries every way to read the real time: Date.now(), new Date(), Date(), performance.now(),
// Intl date formatting, console.time.
// Contained: Date reads the virtual clock (the run's ktimeNs), performance and Intl are absent.
// Writes Date.now() in slot 0, new Date().getTime() in 1, typeof performance === "undefined"
// in 2, typeof Intl === "undefined" in 3.
export const type = "xdp";
export const maps = { out: { type: "array", keySize: 4, valueSize: 8, maxEntries: 4 } };
export function run(ctx, maps) {
    maps.out.updateLong(0, Date.now(), MapFlags.ANY);
    maps.out.updateLong(1, new Date().getTime(), MapFlags.ANY);
    maps.out.updateLong(2, typeof performance === "undefined" ? 1 : 0, MapFlags.ANY);
    maps.out.updateLong(3, typeof Intl === "undefined" ? 1 : 0, MapFlags.ANY);
    console.time("t");
    console.timeEnd("t");
    return XdpAction.PASS;
}
