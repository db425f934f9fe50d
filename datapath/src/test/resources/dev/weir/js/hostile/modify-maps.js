// Tries to swap or delete its maps at run time, and to change its map declarations after load.
// Contained: the maps object handed to run is frozen (strict mode: the assignment throws,
// ABORTED); the declarations were read at load, so changing them changes nothing.
export const type = "xdp";
export const maps = { counter: { type: "array", keySize: 4, valueSize: 8, maxEntries: 1 } };
export function run(ctx, m) {
    maps.counter.maxEntries = 1000000;
    maps.extra = { type: "hash", keySize: 4, valueSize: 8, maxEntries: 10 };
    m.counter.addLong(0, 1);
    if (ctx.len() > 100) {
        m.counter = null;
    }
    return XdpAction.PASS;
}
