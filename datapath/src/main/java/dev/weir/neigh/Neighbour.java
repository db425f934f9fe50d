package dev.weir.neigh;

import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.core.NetDevice;
import dev.weir.sim.Timer;
import dev.weir.skb.SkbQueue;

/**
 * One neighbour cache entry (Linux's {@code struct neighbour}): a next-hop address on a device,
 * its link-layer address, NUD state, timestamps, probe count, and the packets waiting for it
 * to resolve. Owned and changed by its {@link NeighTable}; the accessors are for the layers
 * above and for {@code ip neigh}.
 *
 * <p>The key is the address as two longs: an IPv6 address's halves, or an IPv4 address in the
 * low 32 bits of {@code keyLo} with {@code keyHi} 0.
 */
public final class Neighbour {
    /** NTF_ROUTER: the neighbour said it is a router (NDP's R flag). */
    public static final int NTF_ROUTER = 0x80;

    final NeighTable table;
    final NetDevice dev;
    final long keyHi;
    final long keyLo;
    final Timer timer;
    final SkbQueue arpQueue = new SkbQueue();
    long arpQueueBytes;

    int state = Nud.NONE;
    /** The link-layer address; meaningful while the state is VALID. */
    long ha;
    int flags;
    /** Virtual times: last reachability confirmation, last state or address change, last use. */
    long confirmed;
    long updated;
    long used;
    int probes;
    boolean dead;
    /** Creation order, for listings. */
    long serial;
    Neighbour next;

    Neighbour(NeighTable table, NetDevice dev, long keyHi, long keyLo, long now) {
        this.table = table;
        this.dev = dev;
        this.keyHi = keyHi;
        this.keyLo = keyLo;
        this.updated = now;
        this.used = now;
        this.timer = dev.net().scheduler().newTimer(table.family() + "-neigh:" + table.keyString(keyHi, keyLo) + ":" + dev.name(),
                () -> table.timerHandler(this));
    }

    public NeighTable table() {
        return table;
    }

    public NetDevice device() {
        return dev;
    }

    public long keyHi() {
        return keyHi;
    }

    public long keyLo() {
        return keyLo;
    }

    /** The NUD state ({@link Nud}). */
    public int state() {
        return state;
    }

    /** The link-layer address, or -1 while the state is not VALID. */
    public long lladdr() {
        return (state & Nud.VALID) != 0 ? ha : -1;
    }

    public int flags() {
        return flags;
    }

    public boolean isRouter() {
        return (flags & NTF_ROUTER) != 0;
    }

    public long confirmed() {
        return confirmed;
    }

    public long updated() {
        return updated;
    }

    public long used() {
        return used;
    }

    public int probes() {
        return probes;
    }

    /** Packets waiting for resolution. */
    public int queued() {
        return arpQueue.size();
    }

    /** True once removed from its table. */
    public boolean isDead() {
        return dead;
    }

    /** The address as text: dotted quad, or RFC 5952 IPv6. */
    public String address() {
        return table.keyString(keyHi, keyLo);
    }

    /** The IPv4 address of an ARP entry. */
    public Ipv4Address ipv4() {
        return new Ipv4Address((int) keyLo);
    }

    /** The IPv6 address of an NDP entry. */
    public Ipv6Address ipv6() {
        return new Ipv6Address(keyHi, keyLo);
    }

    @Override
    public String toString() {
        return address() + " dev " + dev.name() + " " + Nud.names(state).trim();
    }
}
