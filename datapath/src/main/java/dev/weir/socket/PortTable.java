package dev.weir.socket;

import dev.weir.sim.SimRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * One protocol's bound ports on a host (Linux's {@code udp_table}, the TCP bind hash, the ping
 * table): which sockets hold which local port, whether another may join them, and the choice of
 * an ephemeral port.
 *
 * <p><b>Conflicts.</b> A {@link Conflict} policy decides whether a socket may share a port with
 * one already bound. {@link #UDP} is {@code udp_lib_lport_inuse}, {@link #TCP} is
 * {@code inet_csk_bind_conflict}; both compare bound addresses as {@code inet_rcv_saddr_equal}
 * does (a wildcard overlaps every address of its family; an IPv6 wildcard also overlaps IPv4
 * unless {@code IPV6_V6ONLY}), and devices as Linux does (sockets bound to different devices
 * never conflict).
 *
 * <p><b>Ephemeral ports.</b> Port 0 picks one from {@code net.ipv4.ip_local_port_range}
 * (32768..60999): a start drawn from the host's seeded random source, then the next free port
 * upwards, wrapping, as {@code udp_lib_get_port} searches from a random offset. The same seed
 * gives the same ports.
 *
 * <p>Lookups walk a chain per port hash ({@link #first}, {@link #next}) and allocate nothing.
 */
public final class PortTable {
    /** Whether {@code sk} may not take a port {@code other} already holds. */
    @FunctionalInterface
    public interface Conflict {
        /**
         * @param ephemeral true while searching for an ephemeral port (TCP is stricter then:
         *     {@code inet_csk_find_open_port} passes {@code relax = false})
         */
        boolean conflicts(Sock sk, Sock other, boolean ephemeral);
    }

    /**
     * {@code udp_lib_lport_inuse}: a conflict unless both sockets set {@code SO_REUSEADDR}, or
     * both set {@code SO_REUSEPORT}; only between overlapping addresses on compatible devices.
     */
    public static final Conflict UDP = (sk, o, ephemeral) -> {
        if (o == sk || o.reuse && sk.reuse || !devicesOverlap(sk, o) || !addressesOverlap(sk, o)) {
            return false;
        }
        return !(o.reuseport && sk.reuseport);
    };

    /**
     * {@code inet_csk_bind_conflict} as {@code bind()} calls it: no conflict when both set
     * {@code SO_REUSEADDR} and the other is not listening, or both set {@code SO_REUSEPORT};
     * while choosing an ephemeral port every overlap is a conflict.
     */
    public static final Conflict TCP = (sk, o, ephemeral) -> {
        if (o == sk || !devicesOverlap(sk, o) || !addressesOverlap(sk, o)) {
            return false;
        }
        if (ephemeral) {
            return true;
        }
        if (sk.reuse && o.reuse && o.state != Sock.TCP_LISTEN) {
            return false;
        }
        return !(sk.reuseport && o.reuseport);
    };

    private static final int SLOTS = 256;

    private final String name;
    private final HostSockets host;
    private final Conflict conflict;
    private final SimRandom random;
    private final Sock[] slots = new Sock[SLOTS];
    private int count;

    PortTable(String name, HostSockets host, Conflict conflict) {
        this.name = name;
        this.host = host;
        this.conflict = conflict;
        this.random = host.net().random().split("ports:" + name);
    }

    public String name() {
        return name;
    }

    /** Sockets bound in this table. */
    public int size() {
        return count;
    }

    /**
     * {@code get_port}: binds {@code sk} (not yet bound here) to {@code port}, or to an ephemeral
     * port when {@code port} is 0. Returns 0, or -1 when the port is taken (or no ephemeral port
     * is free); {@code sk}'s local port is set on success.
     */
    public int bind(Sock sk, int port) {
        if (port == 0) {
            int p = pickEphemeral(sk);
            if (p == 0) {
                return -1;
            }
            port = p;
        } else if (inUse(sk, port, false)) {
            return -1;
        }
        return bind0(sk, port);
    }

    /**
     * The port {@code ident} for a ping socket, or the next free one from the rover when 0
     * ({@code ping_get_port}): ids are taken in turn from a start drawn from the host's random
     * source, never 0; two sockets may share an id only when both set {@code SO_REUSEADDR}.
     */
    public int bindPing(Sock sk, int ident) {
        if (ident == 0) {
            for (int i = 0; i < 0x10000; i++) {
                int id = rover();
                if (!pingInUse(sk, id)) {
                    return bind0(sk, id);
                }
            }
            return -1;
        }
        return pingInUse(sk, ident) ? -1 : bind0(sk, ident);
    }

    private int rover = -1;

    private int rover() {
        if (rover < 0) {
            rover = 1 + random.nextInt(0xffff);
        }
        int id = rover;
        rover = rover == 0xffff ? 1 : rover + 1;
        return id;
    }

    private boolean pingInUse(Sock sk, int id) {
        for (Sock o = first(id); o != null; o = next(o, id)) {
            if (o != sk && (!o.reuse || !sk.reuse)) {
                return true;
            }
        }
        return false;
    }

    private int bind0(Sock sk, int port) {
        int s = port & (SLOTS - 1);
        sk.bindNext = slots[s];
        slots[s] = sk;
        count++;
        sk.setBound(this, port);
        return 0;
    }

    /** Removes {@code sk} from the table ({@code unhash}). */
    void unbind(Sock sk) {
        int s = sk.num & (SLOTS - 1);
        Sock prev = null;
        for (Sock x = slots[s]; x != null; x = x.bindNext) {
            if (x == sk) {
                if (prev == null) {
                    slots[s] = x.bindNext;
                } else {
                    prev.bindNext = x.bindNext;
                }
                sk.bindNext = null;
                count--;
                return;
            }
            prev = x;
        }
    }

    /** The first socket bound to {@code port}, or null. */
    public Sock first(int port) {
        return next0(slots[port & (SLOTS - 1)], port);
    }

    /** The socket after {@code sk} bound to {@code port}, or null. */
    public Sock next(Sock sk, int port) {
        return next0(sk.bindNext, port);
    }

    private static Sock next0(Sock x, int port) {
        while (x != null && x.num != port) {
            x = x.bindNext;
        }
        return x;
    }

    /** Every socket in the table, in port order (for listings). */
    public List<Sock> sockets() {
        List<Sock> out = new ArrayList<>();
        for (Sock head : slots) {
            for (Sock x = head; x != null; x = x.bindNext) {
                out.add(x);
            }
        }
        out.sort((a, b) -> Integer.compare(a.num, b.num));
        return out;
    }

    /** True when {@code sk} may not bind {@code port} because of a socket already there. */
    public boolean inUse(Sock sk, int port, boolean ephemeral) {
        for (Sock o = first(port); o != null; o = next(o, port)) {
            if (conflict.conflicts(sk, o, ephemeral)) {
                return true;
            }
        }
        return false;
    }

    private int pickEphemeral(Sock sk) {
        int low = (int) host.localPortRange.get(0);
        int high = (int) host.localPortRange.get(1);
        if (high < low) {
            return 0;
        }
        int remaining = high - low + 1;
        int start = random.nextInt(remaining);
        for (int i = 0; i < remaining; i++) {
            int port = low + (start + i) % remaining;
            if (!inUse(sk, port, true)) {
                return port;
            }
        }
        return 0;
    }

    // ---- inet_rcv_saddr_equal ----

    static boolean devicesOverlap(Sock a, Sock b) {
        return a.boundDevIf == 0 || b.boundDevIf == 0 || a.boundDevIf == b.boundDevIf;
    }

    private static final int ANY = 0;
    private static final int MAPPED = 1;
    private static final int OTHER = 2;

    private static int v6Type(Sock s) {
        if (s.family == SockAddr.AF_INET) {
            return MAPPED;
        }
        if (s.rcvHi == 0 && s.rcvLo == 0) {
            return ANY;
        }
        return SockAddr.isMapped(s.rcvHi, s.rcvLo) ? MAPPED : OTHER;
    }

    /** {@code inet_rcv_saddr_equal} with wildcards matching: whether the two bound addresses overlap. */
    static boolean addressesOverlap(Sock sk, Sock sk2) {
        if (sk.family == SockAddr.AF_INET) {
            return v4Overlap(sk.rcv4(), sk2.rcv4(), sk2.v6only);
        }
        int t1 = v6Type(sk);
        int t2 = v6Type(sk2);
        if (t1 == MAPPED && t2 == MAPPED) {
            return v4Overlap(sk.rcv4(), sk2.rcv4(), sk2.v6only);
        }
        if (t1 == ANY && t2 == ANY) {
            return true;
        }
        if (t2 == ANY && !(sk2.v6only && t1 == MAPPED)) {
            return true;
        }
        if (t1 == ANY && !(sk.v6only && t2 == MAPPED)) {
            return true;
        }
        return sk2.family == SockAddr.AF_INET6 && sk.rcvHi == sk2.rcvHi && sk.rcvLo == sk2.rcvLo;
    }

    private static boolean v4Overlap(int a, int b, boolean otherV6only) {
        if (otherV6only) {
            return false;
        }
        return a == b || a == 0 || b == 0;
    }

    @Override
    public String toString() {
        return "PortTable[" + name + ", " + count + " bound]";
    }
}
