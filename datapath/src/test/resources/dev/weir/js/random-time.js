// Writes what Math.random and the clock give it into "out": four random 32-bit numbers
// (slots 0..3), Date.now() (4), new Date().getTime() (5), Date() parsed back (6).
export const type = "xdp";
export const maps = {
    out: { type: "array", keySize: 4, valueSize: 8, maxEntries: 8 },
};

export function run(ctx, maps) {
    for (let i = 0; i < 4; i++) {
        maps.out.updateLong(i, Math.floor(Math.random() * 4294967296), MapFlags.ANY);
    }
    maps.out.updateLong(4, Date.now(), MapFlags.ANY);
    maps.out.updateLong(5, new Date().getTime(), MapFlags.ANY);
    maps.out.updateLong(6, Date.parse(Date()), MapFlags.ANY);
    return XdpAction.PASS;
}
