package dev.weir.l2;

import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;
import java.util.Arrays;

/**
 * The capture taps of one namespace (Linux's {@code ptype_all} list and the per-device
 * {@code dev->ptype_all}): taps on every device, and taps on one device by ifindex. Delivery is
 * a loop over arrays; adding and removing copy them (rare, slow path).
 */
final class Taps {
    private static final PacketTap[] NONE = new PacketTap[0];

    private PacketTap[] all = NONE;
    private PacketTap[][] byIfindex = new PacketTap[16][];
    private int count;

    /** True when some tap could see a packet of {@code dev} (cheap test before pushing headers). */
    boolean active(NetDevice dev) {
        if (all.length != 0) {
            return true;
        }
        int i = dev.ifindex();
        return i < byIfindex.length && byIfindex[i] != null;
    }

    void deliver(NetDevice dev, SkBuff skb, boolean outgoing) {
        PacketTap[] a = all;
        for (PacketTap t : a) {
            t.tap(dev, skb, outgoing);
        }
        int i = dev.ifindex();
        if (i < byIfindex.length) {
            PacketTap[] d = byIfindex[i];
            if (d != null) {
                for (PacketTap t : d) {
                    t.tap(dev, skb, outgoing);
                }
            }
        }
    }

    L2.TapRegistration add(NetDevice dev, PacketTap tap) {
        if (tap == null) {
            throw new IllegalArgumentException("a tap must not be null");
        }
        if (dev == null) {
            all = append(all, tap);
        } else {
            int i = dev.ifindex();
            if (i >= byIfindex.length) {
                byIfindex = Arrays.copyOf(byIfindex, Math.max(i + 1, byIfindex.length * 2));
            }
            byIfindex[i] = append(byIfindex[i] == null ? NONE : byIfindex[i], tap);
        }
        count++;
        return new L2.TapRegistration(this, dev, tap);
    }

    boolean remove(NetDevice dev, PacketTap tap) {
        if (dev == null) {
            PacketTap[] r = without(all, tap);
            if (r == all) {
                return false;
            }
            all = r;
        } else {
            int i = dev.ifindex();
            if (i >= byIfindex.length || byIfindex[i] == null) {
                return false;
            }
            PacketTap[] r = without(byIfindex[i], tap);
            if (r == byIfindex[i]) {
                return false;
            }
            byIfindex[i] = r.length == 0 ? null : r;
        }
        count--;
        return true;
    }

    /** A device went away: its taps go with it. */
    void deviceGone(NetDevice dev) {
        int i = dev.ifindex();
        if (i < byIfindex.length && byIfindex[i] != null) {
            count -= byIfindex[i].length;
            byIfindex[i] = null;
        }
    }

    int count() {
        return count;
    }

    private static PacketTap[] append(PacketTap[] a, PacketTap t) {
        PacketTap[] r = Arrays.copyOf(a, a.length + 1);
        r[a.length] = t;
        return r;
    }

    private static PacketTap[] without(PacketTap[] a, PacketTap t) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == t) {
                PacketTap[] r = new PacketTap[a.length - 1];
                System.arraycopy(a, 0, r, 0, i);
                System.arraycopy(a, i + 1, r, i, a.length - i - 1);
                return r;
            }
        }
        return a;
    }
}
