package dev.weir.l2;

import dev.weir.api.wire.MacAddress;
import dev.weir.core.DeviceStats;
import dev.weir.core.NetDevice;
import dev.weir.core.Qdisc;

/**
 * How iproute2 6.x prints a device (print_linkinfo, print_link_flags, print_stats64), shared by
 * {@code ip link show} and {@code ip addr show}, whose records start with the same two lines.
 */
public final class LinkFormat {
    private LinkFormat() {}

    /**
     * The flags {@code ip link} shows: the device's own plus, while it is up, LOWER_UP with
     * carrier and RUNNING when its operational state is UP or UNKNOWN (dev_get_flags).
     */
    public static int displayFlags(NetDevice dev) {
        int f = dev.flags();
        if (dev.isUp()) {
            String op = dev.operState();
            if (op.equals("UP") || op.equals("UNKNOWN")) {
                f |= NetDevice.IFF_RUNNING;
            }
            if (dev.hasCarrier()) {
                f |= NetDevice.IFF_LOWER_UP;
            }
        }
        return f;
    }

    private static final int[] FLAG_BITS = {
        NetDevice.IFF_LOOPBACK, NetDevice.IFF_BROADCAST, NetDevice.IFF_POINTOPOINT, NetDevice.IFF_MULTICAST,
        NetDevice.IFF_NOARP, NetDevice.IFF_ALLMULTI, NetDevice.IFF_PROMISC, 0x400, 0x800, 0x4, 0x8000, 0x4000,
        0x2000, 0x20, NetDevice.IFF_UP, NetDevice.IFF_LOWER_UP, 0x20000, 0x40000,
    };
    private static final String[] FLAG_NAMES = {
        "LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP", "ALLMULTI", "PROMISC", "MASTER", "SLAVE",
        "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "NOTRAILERS", "UP", "LOWER_UP", "DORMANT", "ECHO",
    };

    /** print_link_flags: {@code <NO-CARRIER,BROADCAST,MULTICAST,UP>} plus a space. */
    public static void appendFlags(StringBuilder sb, int flags, boolean mdown) {
        sb.append('<');
        if ((flags & NetDevice.IFF_UP) != 0 && (flags & NetDevice.IFF_RUNNING) == 0) {
            sb.append("NO-CARRIER").append(flags != 0 ? "," : "");
        }
        flags &= ~NetDevice.IFF_RUNNING;
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((flags & FLAG_BITS[i]) != 0) {
                flags &= ~FLAG_BITS[i];
                sb.append(FLAG_NAMES[i]).append(flags != 0 ? "," : "");
            }
        }
        if (flags != 0) {
            sb.append(Integer.toHexString(flags));
        }
        if (mdown) {
            sb.append(",M-DOWN");
        }
        sb.append("> ");
    }

    /**
     * The qdisc kind {@code ip link} names: the root qdisc's; without one, noop before the device
     * first came up (Linux's root until dev_activate) and noqueue after.
     */
    public static String qdiscKind(NetDevice dev, boolean activated) {
        Qdisc q = dev.rootQdisc();
        return q != null ? q.kind() : activated ? "noqueue" : "noop";
    }

    /** ll_type_n2a for the link types Weir has. */
    public static String linkType(NetDevice dev) {
        return switch (dev.type()) {
            case NetDevice.ARPHRD_ETHER -> "ether";
            case NetDevice.ARPHRD_LOOPBACK -> "loopback";
            case 65534 -> "none";
            default -> "[" + dev.type() + "]";
        };
    }

    /**
     * The first two lines of a device's record, without the final newline:
     * {@code 2: eth0: <...> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000}
     * then {@code sl} and {@code     link/ether ... brd ...}. {@code sl} is the record's line
     * separator (a newline, or "\" for -o); {@code l2} says whether the device was ever up.
     */
    public static void appendHeader(StringBuilder sb, L2 l2, NetDevice dev, String sl) {
        sb.append(dev.ifindex()).append(": ").append(dev.name());
        boolean mdown = false;
        if (dev instanceof VlanDevice v) {
            sb.append('@').append(v.lower().name());
            mdown = !v.lower().isUp();
        }
        sb.append(": ");
        appendFlags(sb, displayFlags(dev), mdown);
        sb.append("mtu ").append(dev.mtu()).append(' ');
        sb.append("qdisc ").append(qdiscKind(dev, l2.activated(dev))).append(' ');
        if (dev.master() != null) {
            sb.append("master ").append(dev.master().name()).append(' ');
        }
        sb.append("state ").append(dev.operState()).append(' ');
        sb.append("mode DEFAULT ");
        sb.append("group default ");
        if (dev.txQueueLen() != 0) {
            sb.append("qlen ").append(dev.txQueueLen());
        }
        sb.append(sl);
        sb.append("    link/").append(linkType(dev)).append(' ');
        sb.append(new MacAddress(dev.mac()));
        long brd = dev.type() == NetDevice.ARPHRD_ETHER ? Eth.BROADCAST : 0;
        sb.append(" brd ").append(new MacAddress(brd));
    }

    /**
     * print_stats64 of iproute2 6.x: the RX and TX blocks (with their error lines when
     * {@code level} is 2 or more), columns as wide as the widest number, each line starting
     * with {@code sl}.
     */
    public static void appendStats(StringBuilder sb, NetDevice dev, int level, String sl) {
        DeviceStats s = dev.stats;
        long carrierChanges = dev.carrierChanges();
        int[] cols = {10, 7, 6, 7, 7, 7, 10, 9};
        size(cols, s.rxBytes, s.rxPackets, s.rxErrors, s.rxDropped, s.rxMissedErrors, s.multicast, 0, 0);
        if (level > 1) {
            size(cols, 0, s.rxLengthErrors, s.rxCrcErrors, s.rxFrameErrors, s.rxFifoErrors, s.rxOverErrors, s.rxNohandler, 0);
        }
        size(cols, s.txBytes, s.txPackets, s.txErrors, s.txDropped, s.txCarrierErrors, s.collisions, 0, 0);
        if (level > 1) {
            // As iproute2 6.1 passes them: two leading zeros, so each error count sizes the column right of its own.
            size(cols, 0, 0, s.txAbortedErrors, s.txFifoErrors, 0, 0, carrierChanges, 0);
        }
        block(sb, sl, "RX:", cols, new String[] {"bytes", "packets", "errors", "dropped", "missed", "mcast"},
                s.rxBytes, s.rxPackets, s.rxErrors, s.rxDropped, s.rxMissedErrors, s.multicast);
        if (level > 1) {
            // rx_nohandler gets a column of its own, after overrun, only when it is not zero.
            errors(sb, sl, "RX errors:", cols, new String[] {"length", "crc", "frame", "fifo", "overrun", "nohandler"},
                    s.rxNohandler != 0, s.rxLengthErrors, s.rxCrcErrors, s.rxFrameErrors, s.rxFifoErrors, s.rxOverErrors,
                    s.rxNohandler);
        }
        block(sb, sl, "TX:", cols, new String[] {"bytes", "packets", "errors", "dropped", "carrier", "collsns"},
                s.txBytes, s.txPackets, s.txErrors, s.txDropped, s.txCarrierErrors, s.collisions);
        if (level > 1) {
            errors(sb, sl, "TX errors:", cols, new String[] {"aborted", "fifo", "window", "heartbt", "transns"},
                    false, s.txAbortedErrors, s.txFifoErrors, 0, 0, carrierChanges);
        }
    }

    /** One main block: "    RX: " and the names right-aligned over their columns (the first narrowed by the label), then the counts. */
    private static void block(StringBuilder sb, String sl, String label, int[] cols, String[] names, long... values) {
        sb.append(sl).append("    ").append(label).append(' ').append(pad(names[0], cols[0] - 4));
        for (int i = 1; i < names.length; i++) {
            sb.append(' ').append(pad(names[i], cols[i]));
        }
        sb.append(' ').append(pad("", cols[6])).append(sl).append("    ");
        for (int i = 0; i < values.length; i++) {
            num(sb, cols[i], values[i]);
        }
    }

    /**
     * One error block (-s -s): the label over the first column, five names over columns 1 to 5,
     * then the counts; with {@code sixth}, a sixth name and count in column 6, its name joined
     * without the usual separating space (as iproute2's " nohandler").
     */
    private static void errors(StringBuilder sb, String sl, String label, int[] cols, String[] names, boolean sixth,
            long... values) {
        sb.append(sl).append("    ").append(label).append(pad("", cols[0] - 10));
        for (int i = 0; i < 5; i++) {
            sb.append(' ').append(pad(names[i], cols[i + 1]));
        }
        if (sixth) {
            sb.append(pad(" " + names[5], cols[6] + 1));
        }
        sb.append(sl).append(pad("", cols[0] + 5));
        for (int i = 0; i < (sixth ? 6 : 5); i++) {
            num(sb, cols[i + 1], values[i]);
        }
    }

    private static void size(int[] cols, long... vals) {
        for (int i = 0; i < cols.length && i < vals.length; i++) {
            int len = Long.toUnsignedString(vals[i]).length();
            if (len > cols[i]) {
                cols[i] = len;
            }
        }
    }

    /** printf("%*s", width, s): right-aligned. */
    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** print_num without -h: "%*llu ". */
    private static void num(StringBuilder sb, int width, long v) {
        sb.append(pad(Long.toUnsignedString(v), width)).append(' ');
    }
}
