// JsVsJavaBench's XDP filter, the twin of JsVsJavaBench.JavaFilter: parses Ethernet, IPv4 and
// UDP, drops datagrams to a port in "blocked" and counts them per port in "drops".
export const type = "xdp";
export const maps = {
    blocked: { type: "hash", keySize: 2, valueSize: 1, maxEntries: 64 },
    drops: { type: "hash", keySize: 2, valueSize: 8, maxEntries: 64 },
};

export function run(ctx, maps) {
    const len = ctx.len();
    if (len < 14 + 20 + 8 || ctx.loadU16(12) !== EtherType.IPV4) return XdpAction.PASS;
    const vihl = ctx.loadU8(14);
    if ((vihl >> 4) !== 4) return XdpAction.PASS;
    const ihl = (vihl & 0xf) * 4;
    if (ihl < 20 || len < 14 + ihl + 8) return XdpAction.PASS;
    if (ctx.loadU8(23) !== IpProtocol.UDP) return XdpAction.PASS;
    if ((ctx.loadU16(20) & 0x3fff) !== 0) return XdpAction.PASS;
    const dport = ctx.loadU16(14 + ihl + 2);
    if (maps.blocked.containsLong(dport)) {
        maps.drops.addLong(dport, 1);
        return XdpAction.DROP;
    }
    return XdpAction.PASS;
}
