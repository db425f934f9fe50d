package dev.weir.plugins.firewall;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.LpmTrieMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.ProgramInfo;
import dev.weir.api.prog.SkbContext;
import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.TcProgram;

/**
 * The firewall of {@link XdpFirewall} on tc: the same maps (so one set of rules and counters
 * serves both), checked on skbs. On ingress it matches the source address, as the XDP
 * program does; on egress the destination address, so that the same prefixes also keep this
 * host from sending to them. Port rules match the destination port either way. A match is
 * {@code TC_ACT_SHOT}; anything else {@code TC_ACT_UNSPEC}, leaving the decision to the
 * programs after it. VLAN tags offloaded to metadata are not in the data, so nothing is skipped.
 */
@ProgramInfo(name = "tc_firewall", description = "drops by address prefix and destination port at tc, counting per rule")
public final class TcFirewall implements TcProgram {
    @MapSpec(name = "fw_deny4", type = MapType.LPM_TRIE, keySize = 8, valueSize = 8, maxEntries = 65536, pinned = true)
    LpmTrieMap deny4;
    @MapSpec(name = "fw_deny6", type = MapType.LPM_TRIE, keySize = 20, valueSize = 8, maxEntries = 65536, pinned = true)
    LpmTrieMap deny6;
    @MapSpec(name = "fw_ports", type = MapType.HASH, keySize = 4, valueSize = 8, maxEntries = 4096, pinned = true)
    HashMap ports;
    @MapSpec(name = "fw_packets", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 1024, pinned = true)
    ArrayMap packets;
    @MapSpec(name = "fw_bytes", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 1024, pinned = true)
    ArrayMap bytes;

    @Override
    public int run(SkbContext ctx) {
        int len = ctx.len();
        long rule = 0;
        int off = 14;
        int addr = ctx.isIngress() ? 12 : 16;
        if (ctx.protocol() == 0x0800 && len >= off + 20) {
            rule = deny4.lookupLongV4(ctx.loadU32(off + addr), 0);
            int ihl = (ctx.loadU8(off) & 0xf) * 4;
            int proto = ctx.loadU8(off + 9);
            if (rule == 0 && (ctx.loadU16(off + 6) & 0x1fff) == 0 && (proto == 6 || proto == 17) && len >= off + ihl + 4) {
                rule = ports.lookupLong((long) proto << 16 | ctx.loadU16(off + ihl + 2), 0);
            }
        } else if (ctx.protocol() == 0x86dd && len >= off + 40) {
            int a6 = ctx.isIngress() ? 8 : 24;
            rule = deny6.lookupLongV6(ctx.loadU64(off + a6), ctx.loadU64(off + a6 + 8), 0);
            int next = ctx.loadU8(off + 6);
            if (rule == 0 && (next == 6 || next == 17) && len >= off + 44) {
                rule = ports.lookupLong((long) next << 16 | ctx.loadU16(off + 42), 0);
            }
        }
        int slot = rule < 0 || rule >= 1024 ? 1023 : (int) rule;
        packets.addLong(slot, 1);
        bytes.addLong(slot, len);
        return rule == 0 ? TcAction.UNSPEC : TcAction.SHOT;
    }
}
