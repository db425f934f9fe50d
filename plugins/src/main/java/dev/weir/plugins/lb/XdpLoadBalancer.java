package dev.weir.plugins.lb;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.ProgramInfo;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/**
 * A layer-4 load balancer at XDP with direct server return: a frame for a virtual service
 * (VIP, port, protocol) goes to one of the service's backends chosen by a hash of the flow's
 * 5-tuple, so every packet of a connection reaches the same backend. Only the Ethernet
 * addresses change: the destination becomes the backend's MAC, the source the balancer's own
 * (the address the frame was sent to), and the frame leaves by the device it came in on
 * ({@code XDP_TX}). The backends, on the same link, have the VIP on a loopback device and answer
 * the client directly.
 *
 * <h2>Maps (pinned)</h2>
 * <ul>
 *   <li>{@code lb_vips}, hash, key 8 bytes (VIP 4, port 2, protocol 1, 0): value
 *       {@code first << 32 | count}, the service's backends in {@code lb_backends}.
 *   <li>{@code lb_backends}, array of 256, value 16 bytes: the backend's IPv4 address (4) and
 *       MAC (6), 6 bytes unused.
 *   <li>{@code lb_stats}, array of 256: frames sent to each backend.
 * </ul>
 * Frames not for a service pass to the stack; IPv4 fragments (no ports) pass too.
 */
@ProgramInfo(name = "xdp_lb", description = "VIP to backends by flow hash, MAC rewrite and XDP_TX")
public final class XdpLoadBalancer implements XdpProgram {
    @MapSpec(name = "lb_vips", type = MapType.HASH, keySize = 8, valueSize = 8, maxEntries = 1024, pinned = true)
    HashMap vips;
    @MapSpec(name = "lb_backends", type = MapType.ARRAY, keySize = 4, valueSize = 16, maxEntries = 256, pinned = true)
    ArrayMap backends;
    @MapSpec(name = "lb_stats", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 256, pinned = true)
    ArrayMap stats;

    @Override
    public int run(XdpContext ctx) {
        if (ctx.len() < 14 + 20 || ctx.loadU16(12) != 0x0800) {
            return XdpAction.PASS;
        }
        int ihl = (ctx.loadU8(14) & 0xf) * 4;
        int proto = ctx.loadU8(23);
        if ((proto != 6 && proto != 17) || (ctx.loadU16(20) & 0x3fff) != 0 || ctx.len() < 14 + ihl + 4) {
            return XdpAction.PASS;
        }
        int src = ctx.loadU32(26);
        int vip = ctx.loadU32(30);
        int sport = ctx.loadU16(14 + ihl);
        int dport = ctx.loadU16(14 + ihl + 2);
        long service = vips.lookupLong((vip & 0xffffffffL) << 32 | (long) dport << 16 | (long) proto << 8, -1);
        if (service < 0) {
            return XdpAction.PASS;
        }
        int first = (int) (service >>> 32);
        int count = (int) service;
        if (count <= 0) {
            return XdpAction.PASS;
        }
        int h = flowHash(src, vip, sport, dport, proto);
        int idx = first + Integer.remainderUnsigned(h, count);
        byte[] s = ctx.scratch();
        if (backends.lookup(idx, s, 0) != MapError.OK) {
            return XdpAction.PASS;
        }
        // Ethernet source <- our address (the frame's destination); destination <- the backend's MAC.
        int d0 = ctx.loadU32(0);
        int d1 = ctx.loadU16(4);
        ctx.storeU32(6, d0);
        ctx.storeU16(10, d1);
        ctx.storeBytes(0, s, 4, 6);
        stats.addLong(idx, 1);
        return XdpAction.TX;
    }

    /** A 32-bit mix of the 5-tuple (the finalizer of MurmurHash3 over the xor-folded fields). */
    static int flowHash(int src, int dst, int sport, int dport, int proto) {
        int h = src * 0xcc9e2d51;
        h = Integer.rotateLeft(h ^ dst, 13) * 5 + 0xe6546b64;
        h ^= (sport << 16 | dport) * 0x1b873593;
        h ^= proto;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
