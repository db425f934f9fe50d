package dev.weir.plugins.conntrack;

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
import dev.weir.api.prog.ProgramInfo;

/**
 * Connection tracking, as Linux's nf_conntrack does it for TCP, UDP and ICMP echo: every packet
 * is matched against the table by its 5-tuple in the original or the reply direction; new
 * connections are entered, TCP's state follows the handshake and the teardown, and each entry
 * expires after its state's timeout (Linux's defaults: {@code nf_conntrack_tcp_timeout_*},
 * {@code nf_conntrack_udp_timeout} 30 s, {@code _stream} 120 s, ICMP 30 s).
 *
 * <p>Attach at {@code netfilter ipv4 PREROUTING} and {@code netfilter ipv4 OUTPUT} (and the
 * same for ipv6) at priority -200 ({@code NF_IP_PRI_CONNTRACK}): a host then sees its incoming
 * and outgoing packets once each, a router every forwarded packet in both directions.
 *
 * <h2>The table</h2>
 * The pinned hash {@code conntrack} (65536 entries), in the layout {@code conntrack -L} reads
 * (Weir's {@code ConntrackTable}): key 40 bytes (family, protocol, ports, addresses of the
 * original direction), value 48 bytes (state, status bits SEEN_REPLY 1 and ASSURED 2, the FIN
 * bits 0x10 original / 0x20 reply in byte 2, mark, expiry in virtual ns, packets and bytes per
 * direction). A full table drops the packet that would have made a new entry, as Linux does
 * ("nf_conntrack: table full, dropping packet"). Expired entries are replaced when their tuple
 * comes back; there is no garbage collector.
 *
 * <h2>Statistics</h2>
 * {@code ct_stats}, an array: 0 new entries, 1 packets of the original direction, 2 of the reply
 * direction, 3 drops for a full table, 4 expired entries replaced, 5 packets not tracked
 * (other protocols, non-first fragments, ICMP other than echo), 6 TCP packets that open nothing
 * (a RST or a lone ACK... with no entry).
 *
 * <h2>TCP states (Linux's numbers)</h2>
 * SYN (original) opens SYN_SENT; SYN+ACK (reply) SYN_RECV; the ACK that follows (original)
 * ESTABLISHED, ASSURED. A FIN in ESTABLISHED is FIN_WAIT; the other side's FIN then LAST_ACK;
 * the last ACK TIME_WAIT. RST closes (CLOSE). A packet of an unknown connection that is
 * neither SYN nor RST is picked up as ESTABLISHED ({@code nf_conntrack_tcp_loose}, on by
 * default). A SYN on a connection in TIME_WAIT or CLOSE starts it over.
 */
@ProgramInfo(name = "conntrack", description = "connection tracking with TCP states and timeouts")
public final class Conntrack implements NetfilterProgram {
    static final int NONE = 0;
    static final int SYN_SENT = 1;
    static final int SYN_RECV = 2;
    static final int ESTABLISHED = 3;
    static final int FIN_WAIT = 4;
    static final int CLOSE_WAIT = 5;
    static final int LAST_ACK = 6;
    static final int TIME_WAIT = 7;
    static final int CLOSE = 8;

    static final int SEEN_REPLY = 1;
    static final int ASSURED = 2;
    static final int FIN_ORIG = 0x10;
    static final int FIN_REPLY = 0x20;

    static final long SEC = 1_000_000_000L;

    // offsets in the scratch area
    private static final int KEY = 0;
    private static final int RKEY = 64;
    private static final int VAL = 128;

    @MapSpec(name = "conntrack", type = MapType.HASH, keySize = 40, valueSize = 48, maxEntries = 65536, pinned = true)
    HashMap table;
    @MapSpec(name = "ct_stats", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 8, pinned = true)
    ArrayMap stats;

    @Override
    public int run(NfContext ctx) {
        byte[] s = ctx.scratch();
        int len = ctx.len();
        boolean v6 = ctx.pf() == NfHook.PF_IPV6;
        int th;
        int proto;
        if (!v6) {
            if (len < 20) {
                return untracked();
            }
            th = (ctx.loadU8(0) & 0xf) * 4;
            proto = ctx.loadU8(9);
            if ((ctx.loadU16(6) & 0x1fff) != 0) {
                return untracked();
            }
        } else {
            if (len < 40) {
                return untracked();
            }
            th = 40;
            proto = ctx.loadU8(6);
        }
        int sport;
        int dport;
        int rsport;
        int rdport;
        int tcpFlags = 0;
        if (proto == 6 || proto == 17) {
            if (len < th + (proto == 6 ? 14 : 4)) {
                return untracked();
            }
            sport = ctx.loadU16(th);
            dport = ctx.loadU16(th + 2);
            rsport = dport;
            rdport = sport;
            if (proto == 6) {
                tcpFlags = ctx.loadU8(th + 13);
            }
        } else if (proto == (v6 ? 58 : 1)) {
            if (len < th + 8) {
                return untracked();
            }
            int type = ctx.loadU8(th);
            int code = ctx.loadU8(th + 1);
            int request = v6 ? 128 : 8;
            int reply = v6 ? 129 : 0;
            if (type != request && type != reply) {
                return untracked();
            }
            // Both directions of an echo are keyed by the request: (id, request type << 8 | code).
            sport = ctx.loadU16(th + 4);
            dport = request << 8 | code;
            rsport = sport;
            rdport = dport;
        } else {
            return untracked();
        }
        key(ctx, s, KEY, v6, proto, sport, dport, false);
        key(ctx, s, RKEY, v6, proto, rsport, rdport, true);
        long now = ctx.ktimeNs();
        boolean reply;
        int at;
        if (found(s, KEY, now)) {
            reply = false;
            at = KEY;
        } else if (found(s, RKEY, now)) {
            reply = true;
            at = RKEY;
        } else {
            if (proto == 6 && ((tcpFlags & 0x04) != 0 || (tcpFlags & 0x12) == 0x12)) {
                stats.addLong(6, 1); // RST or SYN+ACK of nothing we know: not a new connection
                return NfVerdict.ACCEPT;
            }
            for (int i = 0; i < 48; i++) {
                s[VAL + i] = 0;
            }
            reply = false;
            at = KEY;
            stats.addLong(0, 1);
        }
        int state = s[VAL] & 0xff;
        int status = s[VAL + 1] & 0xff;
        int fins = s[VAL + 2] & 0xff;
        if (reply) {
            status |= SEEN_REPLY;
        }
        long timeout;
        if (proto == 6) {
            boolean syn = (tcpFlags & 0x02) != 0;
            boolean ack = (tcpFlags & 0x10) != 0;
            boolean fin = (tcpFlags & 0x01) != 0;
            boolean rst = (tcpFlags & 0x04) != 0;
            if (rst) {
                state = CLOSE;
            } else if (syn && !ack && !reply) {
                if (state == NONE || state == TIME_WAIT || state == CLOSE || state == SYN_SENT) {
                    state = SYN_SENT;
                    fins = 0;
                    status &= ASSURED ^ 0xff;
                }
            } else if (syn && ack && reply) {
                if (state == SYN_SENT) {
                    state = SYN_RECV;
                }
            } else if (fin) {
                fins |= reply ? FIN_REPLY : FIN_ORIG;
                if (state == ESTABLISHED || state == SYN_RECV) {
                    state = FIN_WAIT;
                } else if (state == FIN_WAIT || state == CLOSE_WAIT) {
                    state = (fins & (FIN_ORIG | FIN_REPLY)) == (FIN_ORIG | FIN_REPLY) ? LAST_ACK : state;
                }
            } else if (ack) {
                if (state == NONE) {
                    state = ESTABLISHED; // picked up mid-stream (nf_conntrack_tcp_loose)
                } else if (state == SYN_RECV && !reply) {
                    state = ESTABLISHED;
                    status |= ASSURED;
                } else if (state == LAST_ACK) {
                    state = TIME_WAIT;
                } else if (state == FIN_WAIT && (fins & (reply ? FIN_ORIG : FIN_REPLY)) != 0) {
                    state = CLOSE_WAIT;
                }
            }
            timeout = tcpTimeout(state);
        } else if (proto == 17) {
            if (reply) {
                status |= ASSURED;
            }
            timeout = (status & SEEN_REPLY) != 0 ? 120 * SEC : 30 * SEC;
        } else {
            timeout = 30 * SEC;
        }
        s[VAL] = (byte) state;
        s[VAL + 1] = (byte) status;
        s[VAL + 2] = (byte) fins;
        putLong(s, VAL + 8, now + timeout);
        int dir = reply ? VAL + 32 : VAL + 16;
        putLong(s, dir, getLong(s, dir) + 1);
        putLong(s, dir + 8, getLong(s, dir + 8) + len);
        stats.addLong(reply ? 2 : 1, 1);
        if (table.update(s, at, s, VAL, MapFlags.ANY) == MapError.E2BIG) {
            stats.addLong(3, 1);
            return NfVerdict.DROP;
        }
        return NfVerdict.ACCEPT;
    }

    private int untracked() {
        stats.addLong(5, 1);
        return NfVerdict.ACCEPT;
    }

    /** True when the entry of the key at {@code at} exists and has not expired (its value is then at VAL). */
    private boolean found(byte[] s, int at, long now) {
        if (table.lookup(s, at, s, VAL) != MapError.OK) {
            return false;
        }
        if (getLong(s, VAL + 8) > now) {
            return true;
        }
        table.delete(s, at);
        stats.addLong(4, 1);
        return false;
    }

    static long tcpTimeout(int state) {
        return switch (state) {
            case SYN_SENT, FIN_WAIT, TIME_WAIT -> 120 * SEC;
            case SYN_RECV, CLOSE_WAIT -> 60 * SEC;
            case ESTABLISHED -> 432_000 * SEC;
            case LAST_ACK -> 30 * SEC;
            default -> 10 * SEC;
        };
    }

    /** Writes a 40-byte key at {@code at}: the packet's tuple, or with {@code swap} its addresses exchanged (the reply's view). */
    private static void key(NfContext ctx, byte[] s, int at, boolean v6, int proto, int sport, int dport, boolean swap) {
        s[at] = (byte) (v6 ? 10 : 2);
        s[at + 1] = (byte) proto;
        s[at + 2] = 0;
        s[at + 3] = 0;
        s[at + 4] = (byte) (sport >>> 8);
        s[at + 5] = (byte) sport;
        s[at + 6] = (byte) (dport >>> 8);
        s[at + 7] = (byte) dport;
        int src = swap ? at + 24 : at + 8;
        int dst = swap ? at + 8 : at + 24;
        for (int i = 0; i < 16; i++) {
            s[at + 8 + i] = 0;
            s[at + 24 + i] = 0;
        }
        if (v6) {
            ctx.loadBytes(8, s, src, 16);
            ctx.loadBytes(24, s, dst, 16);
        } else {
            ctx.loadBytes(12, s, src, 4);
            ctx.loadBytes(16, s, dst, 4);
        }
    }

    private static long getLong(byte[] s, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (s[at + i] & 0xff);
        }
        return v;
    }

    private static void putLong(byte[] s, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            s[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
