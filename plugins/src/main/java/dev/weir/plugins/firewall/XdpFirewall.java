package dev.weir.plugins.firewall;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.LpmTrieMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.ProgramInfo;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/**
 * A stateless firewall at XDP: drops frames whose IPv4 or IPv6 source is in a blocked prefix, or
 * whose TCP or UDP destination port is blocked, before the stack spends anything on them, and
 * counts packets and bytes per rule.
 *
 * <h2>Maps (pinned; shared with {@link TcFirewall})</h2>
 * <ul>
 *   <li>{@code fw_deny4}: LPM trie, key 8 bytes (prefix length, IPv4 address), value 8: a rule id.
 *   <li>{@code fw_deny6}: LPM trie, key 20 bytes (prefix length, IPv6 address), value 8: a rule id.
 *   <li>{@code fw_ports}: hash, key 4 bytes {@code protocol << 16 | port} (6 TCP, 17 UDP), value 8: a rule id.
 *   <li>{@code fw_packets}, {@code fw_bytes}: arrays of 1024 counters by rule id; id 0 counts
 *       what passed. Rule ids are 1..1023 (larger ones count in slot 1023).
 * </ul>
 * The address rule is checked first, then the port rule; the first that matches drops. VLAN
 * tags in the frame (802.1Q, one) are skipped; IPv4 fragments after the first have no ports and
 * are judged by address only; IPv6 extension headers are not walked (only a TCP or UDP header
 * right after the fixed header has its port checked).
 */
@ProgramInfo(name = "xdp_firewall", description = "drops by source prefix and destination port at XDP, counting per rule")
public final class XdpFirewall implements XdpProgram {
    static final int MAX_RULES = 1024;

    @MapSpec(name = "fw_deny4", type = MapType.LPM_TRIE, keySize = 8, valueSize = 8, maxEntries = 65536, pinned = true)
    LpmTrieMap deny4;
    @MapSpec(name = "fw_deny6", type = MapType.LPM_TRIE, keySize = 20, valueSize = 8, maxEntries = 65536, pinned = true)
    LpmTrieMap deny6;
    @MapSpec(name = "fw_ports", type = MapType.HASH, keySize = 4, valueSize = 8, maxEntries = 4096, pinned = true)
    HashMap ports;
    @MapSpec(name = "fw_packets", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = MAX_RULES, pinned = true)
    ArrayMap packets;
    @MapSpec(name = "fw_bytes", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = MAX_RULES, pinned = true)
    ArrayMap bytes;

    @Override
    public int run(XdpContext ctx) {
        int len = ctx.len();
        long rule = 0;
        if (len >= 14) {
            int off = 14;
            int type = ctx.loadU16(12);
            if (type == 0x8100 && len >= 18) {
                type = ctx.loadU16(16);
                off = 18;
            }
            if (type == 0x0800 && len >= off + 20) {
                rule = deny4.lookupLongV4(ctx.loadU32(off + 12), 0);
                int ihl = (ctx.loadU8(off) & 0xf) * 4;
                int proto = ctx.loadU8(off + 9);
                boolean firstFragment = (ctx.loadU16(off + 6) & 0x1fff) == 0;
                if (rule == 0 && firstFragment && (proto == 6 || proto == 17) && len >= off + ihl + 4) {
                    rule = ports.lookupLong((long) proto << 16 | ctx.loadU16(off + ihl + 2), 0);
                }
            } else if (type == 0x86dd && len >= off + 40) {
                rule = deny6.lookupLongV6(ctx.loadU64(off + 8), ctx.loadU64(off + 16), 0);
                int next = ctx.loadU8(off + 6);
                if (rule == 0 && (next == 6 || next == 17) && len >= off + 44) {
                    rule = ports.lookupLong((long) next << 16 | ctx.loadU16(off + 42), 0);
                }
            }
        }
        int slot = rule < 0 || rule >= MAX_RULES ? MAX_RULES - 1 : (int) rule;
        packets.addLong(slot, 1);
        bytes.addLong(slot, len);
        return rule == 0 ? XdpAction.PASS : XdpAction.DROP;
    }
}
