// Throws things that are not errors: the context object, a map, a number, null.
// Contained: whatever is thrown ends the run ABORTED (THREW).
export const type = "xdp";
export const maps = { m: { type: "array", keySize: 4, valueSize: 8, maxEntries: 1 } };
export function run(ctx, maps) {
    switch (ctx.len() % 4) {
        case 0: throw ctx;
        case 1: throw maps.m;
        case 2: throw 42;
        default: throw null;
    }
}
