// Reads the pinned map "port_counts" that a Java program fills: drops a datagram to a port
// that has been seen more than twice before, and records its verdicts in the pinned "verdicts".
export const type = "xdp";
export const maps = {
    counts: { type: "hash", name: "port_counts", keySize: 2, valueSize: 8, maxEntries: 64, pinned: true },
    verdicts: { type: "array", keySize: 4, valueSize: 8, maxEntries: 8, pinned: true },
};

export function run(ctx, maps) {
    if (ctx.len() < 42) return XdpAction.PASS;
    const dport = ctx.loadU16(36);
    const verdict = maps.counts.lookupLong(dport, 0) > 2 ? XdpAction.DROP : XdpAction.PASS;
    maps.verdicts.addLong(verdict, 1);
    return verdict;
}
