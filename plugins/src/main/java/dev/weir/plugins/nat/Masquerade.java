package dev.weir.plugins.nat;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.NetfilterProgram;
import dev.weir.api.prog.NfContext;
import dev.weir.api.prog.NfHook;
import dev.weir.api.prog.NfVerdict;
import dev.weir.api.prog.PacketAccess;
import dev.weir.api.prog.ProgramInfo;

/**
 * Source NAT to one external IPv4 address, as iptables' {@code MASQUERADE}: packets leaving by
 * the external device get its address as their source, and a source port (ICMP echo: an
 * identifier) that makes the connection unique; packets coming back to that address and port
 * are translated back to the inside host before they are routed.
 *
 * <p>Attach the same program at {@code netfilter ipv4 POSTROUTING} (priority 100,
 * {@code NF_IP_PRI_NAT_SRC}) and {@code netfilter ipv4 PREROUTING} (priority -100,
 * {@code NF_IP_PRI_NAT_DST}); it tells the hooks apart with {@code ctx.hook()}.
 *
 * <h2>Maps (pinned)</h2>
 * <ul>
 *   <li>{@code nat_config}, array: 0 the external device's ifindex, 1 the external address (the
 *       IPv4 address as a number), 2 and 3 the port range to allocate from (default 1024..65535).
 *   <li>{@code nat_out}, LRU hash, key 16 bytes (protocol, inside address and port, remote
 *       address and port): the external port given to that flow.
 *   <li>{@code nat_in}, LRU hash, key 12 bytes (protocol, external port, remote address and
 *       port): the inside address and port, as {@code address << 16 | port}.
 *   <li>{@code nat_stats}, array: 0 packets translated out, 1 translated back in, 2 flows for
 *       which no port was free (dropped), 3 packets to the external address with no mapping
 *       (left alone: they may be for the router itself).
 * </ul>
 *
 * <h2>Ports</h2>
 * As Linux, a flow keeps its source port when no other flow to the same remote address and port
 * uses it; otherwise up to 64 ports of the range are tried, starting at a hash of the flow, and
 * the packet is dropped if all are taken. Mappings are not timed out: the LRU maps forget the
 * least recently used when full (65536 flows).
 *
 * <h2>Checksums</h2>
 * The IP header checksum and the TCP/UDP checksum are updated incrementally with the
 * checksum-replace helpers (the address is part of the pseudo-header; a UDP checksum of 0 stays
 * 0); ICMP's checksum covers no pseudo-header and changes only with the identifier. ICMP error
 * messages quoting a translated packet are not translated.
 */
@ProgramInfo(name = "masquerade", description = "source NAT to the external address with port allocation")
public final class Masquerade implements NetfilterProgram {
    private static final int K_OUT = 0;
    private static final int K_IN = 32;
    private static final int V = 64;

    @MapSpec(name = "nat_config", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 4, pinned = true)
    ArrayMap config;
    @MapSpec(name = "nat_out", type = MapType.LRU_HASH, keySize = 16, valueSize = 8, maxEntries = 65536, pinned = true)
    HashMap out;
    @MapSpec(name = "nat_in", type = MapType.LRU_HASH, keySize = 12, valueSize = 8, maxEntries = 65536, pinned = true)
    HashMap in;
    @MapSpec(name = "nat_stats", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 4, pinned = true)
    ArrayMap stats;

    @Override
    public int run(NfContext ctx) {
        int ext = (int) config.lookupLong(0, 0);
        if (ext == 0 || ctx.pf() != NfHook.PF_IPV4 || ctx.len() < 20) {
            return NfVerdict.ACCEPT;
        }
        int th = (ctx.loadU8(0) & 0xf) * 4;
        int proto = ctx.loadU8(9);
        if ((ctx.loadU16(6) & 0x1fff) != 0) {
            return NfVerdict.ACCEPT;
        }
        int portOff;
        int csumOff;
        if (proto == 6 && ctx.len() >= th + 20) {
            csumOff = th + 16;
            portOff = -1;
        } else if (proto == 17 && ctx.len() >= th + 8) {
            csumOff = th + 6;
            portOff = -1;
        } else if (proto == 1 && ctx.len() >= th + 8) {
            csumOff = th + 2;
            portOff = th + 4; // the echo identifier
        } else {
            return NfVerdict.ACCEPT;
        }
        int extAddr = (int) config.lookupLong(1, 0);
        if (ctx.hook() == NfHook.POSTROUTING) {
            if (ctx.outIfindex() != ext) {
                return NfVerdict.ACCEPT;
            }
            if (proto == 1 && ctx.loadU8(th) != 8) {
                return NfVerdict.ACCEPT;
            }
            return snat(ctx, proto, th, portOff < 0 ? th : portOff, csumOff, extAddr);
        }
        if (ctx.hook() == NfHook.PREROUTING && ctx.inIfindex() == ext && ctx.loadU32(16) == extAddr) {
            if (proto == 1 && ctx.loadU8(th) != 0) {
                return NfVerdict.ACCEPT;
            }
            return unnat(ctx, proto, th, portOff < 0 ? th + 2 : portOff, csumOff);
        }
        return NfVerdict.ACCEPT;
    }

    /** POSTROUTING: source address and port to the external ones. {@code sportOff}: the source port (ICMP: the identifier). */
    private int snat(NfContext ctx, int proto, int th, int sportOff, int csumOff, int extAddr) {
        byte[] s = ctx.scratch();
        int src = ctx.loadU32(12);
        int dst = ctx.loadU32(16);
        int sport = ctx.loadU16(sportOff);
        int dport = proto == 1 ? 0 : ctx.loadU16(th + 2);
        if (src == extAddr) {
            return NfVerdict.ACCEPT;
        }
        outKey(s, proto, src, sport, dst, dport);
        int port;
        if (out.lookup(s, K_OUT, s, V) == MapError.OK) {
            port = (int) get(s, V, 8);
        } else {
            port = allocate(s, proto, sport, dst, dport, src);
            if (port < 0) {
                stats.addLong(2, 1);
                return NfVerdict.DROP;
            }
        }
        rewrite(ctx, proto, 12, src, extAddr, sportOff, sport, port, csumOff);
        stats.addLong(0, 1);
        return NfVerdict.ACCEPT;
    }

    /** A free external port for the flow, entered in both maps; -1 when none. */
    private int allocate(byte[] s, int proto, int sport, int dst, int dport, int src) {
        long low = config.lookupLong(2, 0);
        long high = config.lookupLong(3, 0);
        if (low <= 0 || high <= 0 || high < low || high > 65535) {
            low = 1024;
            high = 65535;
        }
        int span = (int) (high - low + 1);
        int hash = Integer.rotateLeft(src * 0x9e3779b1 ^ dst, 7) ^ (sport * 31 + dport) * 0x85ebca6b;
        for (int i = -1; i < 64; i++) {
            int port = i < 0 ? sport : (int) (low + Integer.remainderUnsigned(hash + i, span));
            if (port == 0) {
                continue;
            }
            inKey(s, proto, port, dst, dport);
            put(s, V, 8, (long) src << 16 | sport);
            if (in.update(s, K_IN, s, V, MapFlags.NOEXIST) == MapError.OK) {
                put(s, V, 8, port);
                out.update(s, K_OUT, s, V, MapFlags.ANY);
                return port;
            }
        }
        return -1;
    }

    /** PREROUTING: destination back to the inside host. {@code dportOff}: the destination port (ICMP: the identifier). */
    private int unnat(NfContext ctx, int proto, int th, int dportOff, int csumOff) {
        byte[] s = ctx.scratch();
        int remote = ctx.loadU32(12);
        int port = ctx.loadU16(dportOff);
        int rport = proto == 1 ? 0 : ctx.loadU16(th);
        inKey(s, proto, port, remote, rport);
        if (in.lookup(s, K_IN, s, V) != MapError.OK) {
            stats.addLong(3, 1);
            return NfVerdict.ACCEPT;
        }
        long v = get(s, V, 8);
        int addr = (int) (v >>> 16);
        int orig = (int) (v & 0xffff);
        rewrite(ctx, proto, 16, ctx.loadU32(16), addr, dportOff, port, orig, csumOff);
        stats.addLong(1, 1);
        return NfVerdict.ACCEPT;
    }

    /**
     * Writes address {@code to} at {@code addrOff} (12 source, 16 destination) in place of
     * {@code from}, and port (ICMP: identifier) {@code newPort} at {@code portOff}, updating the IP
     * checksum and the transport checksum at {@code csumOff} incrementally: the address is in
     * TCP's and UDP's pseudo-header, not in ICMP's; a UDP checksum of 0 (none) stays 0.
     */
    private static void rewrite(NfContext ctx, int proto, int addrOff, int from, int to, int portOff, int oldPort, int newPort,
                                int csumOff) {
        int l4flags = proto == 17 ? PacketAccess.F_MARK_MANGLED_0 : 0;
        ctx.l3ChecksumReplace(10, from, to, 4);
        if (proto != 1) {
            ctx.l4ChecksumReplace(csumOff, from, to, PacketAccess.F_PSEUDO_HDR | l4flags | 4);
        }
        ctx.storeU32(addrOff, to);
        if (newPort != oldPort) {
            ctx.l4ChecksumReplace(csumOff, oldPort, newPort, l4flags | 2);
            ctx.storeU16(portOff, newPort);
        }
    }

    private static void outKey(byte[] s, int proto, int src, int sport, int dst, int dport) {
        s[K_OUT] = (byte) proto;
        s[K_OUT + 1] = 0;
        s[K_OUT + 2] = 0;
        s[K_OUT + 3] = 0;
        put(s, K_OUT + 4, 4, src);
        put(s, K_OUT + 8, 2, sport);
        put(s, K_OUT + 10, 4, dst);
        put(s, K_OUT + 14, 2, dport);
    }

    private static void inKey(byte[] s, int proto, int port, int remote, int rport) {
        s[K_IN] = (byte) proto;
        s[K_IN + 1] = 0;
        put(s, K_IN + 2, 2, port);
        put(s, K_IN + 4, 4, remote);
        put(s, K_IN + 8, 2, rport);
        s[K_IN + 10] = 0;
        s[K_IN + 11] = 0;
    }

    private static void put(byte[] s, int at, int n, long v) {
        for (int i = n - 1; i >= 0; i--) {
            s[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long get(byte[] s, int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (s[at + i] & 0xff);
        }
        return v;
    }
}
