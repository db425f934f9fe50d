package dev.weir.l2;

import dev.weir.api.wire.MacAddress;
import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * iproute2's {@code ip link} on a Weir namespace: show, set, add (vlan, bridge) and delete,
 * printing and failing as iproute2 6.x does on Linux (the messages and exit codes of
 * iplink.c and of the kernel's netlink answers). {@link #run} takes the words after "ip":
 * {@code -s link show dev eth0}.
 *
 * <pre>
 * ip [-s[-s]] [-o] link [show] [[dev] NAME] [up] [master BR] [type vlan|bridge]
 * ip link set [dev] NAME [up|down] [name NEW] [mtu N] [address MAC] [txqueuelen N]
 *             [promisc on|off] [arp on|off] [multicast on|off] [master BR|nomaster]
 *             [type bridge ageing_time CENTISECONDS]
 * ip link add [link LOWER] [name] NAME [address MAC] [mtu N] [txqueuelen N]
 *             type vlan id VID | type bridge [ageing_time CENTISECONDS]
 * ip link del [dev] NAME
 * </pre>
 * Failures are {@link CommandException}s whose message is what {@code ip} writes to stderr and
 * whose exit code is its exit status.
 */
public final class IpLink {
    private final L2 l2;
    private final NetNs net;

    public IpLink(L2 l2) {
        this.l2 = l2;
        this.net = l2.net();
    }

    /** {@code ip OPTIONS link COMMAND ...}: {@code args} holds the words after "ip". */
    public void run(Args args, PrintWriter out) {
        IpOptions o = IpOptions.parse(args);
        String obj = args.hasNext() ? args.next() : "";
        if (!IpOptions.matches(obj, "link")) {
            throw new CommandException(255, "Object \"" + obj + "\" is unknown, try \"ip help\".");
        }
        if (!args.hasNext()) {
            show(o, args, out);
            return;
        }
        String cmd = args.next();
        if (IpOptions.matches(cmd, "add")) {
            add(args);
        } else if (IpOptions.matches(cmd, "set") || IpOptions.matches(cmd, "change")) {
            set(args);
        } else if (IpOptions.matches(cmd, "delete")) {
            delete(args);
        } else if (IpOptions.matches(cmd, "show") || IpOptions.matches(cmd, "lst") || IpOptions.matches(cmd, "list")) {
            show(o, args, out);
        } else if (IpOptions.matches(cmd, "help")) {
            throw new CommandException(255, USAGE);
        } else {
            throw new CommandException(255, "Command \"" + cmd + "\" is unknown, try \"ip link help\".");
        }
    }

    static final String USAGE = """
            Usage: ip link add [link DEV] [ name ] NAME
                               [ address LLADDR ] [ mtu MTU ] [ txqueuelen PACKETS ]
                               type TYPE [ ARGS ]

                   ip link delete { DEVICE | dev DEVICE }

                   ip link set { DEVICE | dev DEVICE }
                               [ { up | down } ]
                               [ arp { on | off } ]
                               [ multicast { on | off } ]
                               [ promisc { on | off } ]
                               [ txqueuelen PACKETS ]
                               [ name NEWNAME ]
                               [ address LLADDR ]
                               [ mtu MTU ]
                               [ master DEVICE ][ nomaster ]
                               [ type TYPE ARGS ]

                   ip link show [ DEVICE ] [ up ] [ master DEVICE ] [ type TYPE ]

            TYPE := { bridge | vlan }   (Weir)""";

    // ---- show ----------------------------------------------------------------------------

    private void show(IpOptions o, Args args, PrintWriter out) {
        String devName = null;
        boolean upOnly = false;
        NetDevice master = null;
        String kind = null;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "up" -> upOnly = true;
                case "master" -> {
                    String m = IpOptions.nextArg(args);
                    master = net.device(m);
                    if (master == null) {
                        throw invarg("Device does not exist\n", m);
                    }
                }
                case "type" -> kind = IpOptions.nextArg(args);
                default -> {
                    if (w.equals("dev")) {
                        w = IpOptions.nextArg(args);
                    } else if (IpOptions.matches(w, "help")) {
                        throw new CommandException(255, USAGE);
                    }
                    if (devName != null) {
                        throw duparg2("dev", w);
                    }
                    devName = w;
                }
            }
        }
        List<NetDevice> list = new ArrayList<>();
        if (devName != null) {
            NetDevice d = net.device(devName);
            if (d == null) {
                throw new CommandException(1, "Device \"" + devName + "\" does not exist.");
            }
            list.add(d);
        } else {
            list.addAll(net.devices());
            list.sort((a, b) -> Integer.compare(a.ifindex(), b.ifindex()));
        }
        StringBuilder sb = new StringBuilder();
        for (NetDevice d : list) {
            if (upOnly && !d.isUp()) {
                continue;
            }
            if (master != null && d.master() != master) {
                continue;
            }
            if (kind != null && !kind.equals(kindOf(d))) {
                continue;
            }
            format(sb, d, o);
        }
        out.print(sb);
        out.flush();
    }

    /** One device's record, as {@code ip link show} prints it, final newline included. */
    public void format(StringBuilder sb, NetDevice d, IpOptions o) {
        LinkFormat.appendHeader(sb, l2, d, o.sl());
        if (o.stats() > 0) {
            LinkFormat.appendStats(sb, d, o.stats(), o.sl());
        }
        sb.append('\n');
    }

    private static String kindOf(NetDevice d) {
        return d instanceof Bridge ? "bridge" : d instanceof VlanDevice ? "vlan" : null;
    }

    // ---- set -----------------------------------------------------------------------------

    /** What an {@code ip link set} or {@code ip link add} asks for (the RTM_NEWLINK attributes). */
    private static final class Request {
        String dev;
        String name;
        String link;
        Integer mtu;
        Long address;
        Integer txqlen;
        Boolean up;
        Boolean promisc;
        Boolean noarp;
        Boolean multicast;
        String master;
        boolean nomaster;
        String type;
        Integer vlanId;
        Long ageing;
    }

    private Request parse(Args args, boolean add) {
        Request r = new Request();
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "up" -> r.up = true;
                case "down" -> r.up = false;
                case "name" -> {
                    String n = IpOptions.nextArg(args);
                    checkIfname(n);
                    r.name = n;
                }
                case "mtu" -> r.mtu = unsigned(IpOptions.nextArg(args), "mtu");
                case "address" -> r.address = lladdr(IpOptions.nextArg(args));
                case "txqueuelen", "qlen", "txqlen" -> r.txqlen = unsigned(IpOptions.nextArg(args), "txqueuelen");
                case "promisc" -> r.promisc = onOff("promisc", IpOptions.nextArg(args));
                case "arp" -> r.noarp = !onOff("arp", IpOptions.nextArg(args));
                case "multicast" -> r.multicast = onOff("multicast", IpOptions.nextArg(args));
                case "master" -> {
                    String m = IpOptions.nextArg(args);
                    if (net.device(m) == null) {
                        throw invarg("Device does not exist\n", m);
                    }
                    r.master = m;
                }
                case "nomaster" -> r.nomaster = true;
                case "link" -> r.link = IpOptions.nextArg(args);
                case "type" -> {
                    r.type = IpOptions.nextArg(args);
                    parseType(r, args);
                }
                default -> {
                    if (w.equals("dev")) {
                        w = IpOptions.nextArg(args);
                    } else if (IpOptions.matches(w, "help")) {
                        throw new CommandException(255, USAGE);
                    }
                    if (r.dev != null) {
                        throw duparg2("dev", w);
                    }
                    checkIfname(w);
                    r.dev = w;
                }
            }
        }
        if (add && r.name == null) {
            r.name = r.dev;
        }
        return r;
    }

    /** The words after "type KIND": everything left belongs to the kind (iproute2's link_util). */
    private void parseType(Request r, Args args) {
        switch (r.type) {
            case "vlan" -> {
                while (args.hasNext()) {
                    String w = args.next();
                    if (w.equals("id")) {
                        String v = IpOptions.nextArg(args);
                        try {
                            int id = Integer.parseInt(v);
                            if (id < 0 || id > 0xffff) {
                                throw new NumberFormatException();
                            }
                            r.vlanId = id;
                        } catch (NumberFormatException e) {
                            throw new CommandException(255, "Error: argument \"" + v + "\" is wrong: id is invalid");
                        }
                    } else if (w.equals("protocol")) {
                        String p = IpOptions.nextArg(args);
                        if (!p.equalsIgnoreCase("802.1Q")) {
                            throw new CommandException(2, "Error: Weir's VLAN devices speak 802.1Q only, not " + p + ".");
                        }
                    } else {
                        throw new CommandException(255, "vlan: unknown command \"" + w + "\"?");
                    }
                }
            }
            case "bridge" -> {
                while (args.hasNext()) {
                    String w = args.next();
                    if (w.equals("ageing_time")) {
                        String v = IpOptions.nextArg(args);
                        try {
                            r.ageing = Long.parseUnsignedLong(v);
                        } catch (NumberFormatException e) {
                            throw new CommandException(255, "Error: argument \"" + v + "\" is wrong: invalid ageing_time");
                        }
                    } else if (w.equals("stp_state") || w.equals("vlan_filtering") || w.equals("mcast_snooping")) {
                        String v = IpOptions.nextArg(args);
                        if (!v.equals("0")) {
                            throw new CommandException(2, "Error: Weir's bridge has no STP, VLAN filtering or multicast snooping (" + w + " must be 0).");
                        }
                    } else {
                        throw new CommandException(255, "bridge: unknown command \"" + w + "\"?");
                    }
                }
            }
            default -> {
                // Other kinds take their own arguments; Weir creates none of them.
                while (args.hasNext()) {
                    args.next();
                }
            }
        }
    }

    /** The device a set or delete names: required, and it must exist. */
    private NetDevice target(Request r) {
        if (r.dev == null) {
            throw new CommandException(255, "Not enough information: \"dev\" argument is required.");
        }
        NetDevice d = net.device(r.dev);
        if (d == null) {
            throw new CommandException(1, "Cannot find device \"" + r.dev + "\"");
        }
        return d;
    }

    private void set(Args args) {
        Request r = parse(args, false);
        NetDevice d = target(r);
        if (r.type != null && !r.type.equals(kindOf(d))) {
            throw new CommandException(2, "RTNETLINK answers: Operation not supported");
        }
        apply(d, r);
    }

    /** do_setlink's order: address, mtu, name, flags, master, txqueuelen, then the kind's own settings. */
    private void apply(NetDevice d, Request r) {
        if (r.address != null && r.address != d.mac()) {
            long a = r.address;
            if (a == 0 || Eth.isMulticast(a)) {
                throw new CommandException(2, "RTNETLINK answers: Cannot assign requested address");
            }
            d.setMac(a);
        }
        if (r.mtu != null && r.mtu != d.mtu()) {
            setMtu(d, r.mtu);
        }
        if (r.name != null && !r.name.equals(d.name())) {
            if (net.device(r.name) != null) {
                throw new CommandException(2, "RTNETLINK answers: File exists");
            }
            net.renameDevice(d, r.name);
        }
        if (r.promisc != null) {
            d.setPromiscuous(r.promisc);
        }
        if (r.noarp != null || r.multicast != null) {
            setFlags(d, r.noarp, r.multicast);
        }
        if (r.up != null) {
            if (r.up) {
                if (d instanceof VlanDevice v && !v.lower().isUp()) {
                    throw new CommandException(2, "RTNETLINK answers: Network is down");
                }
                d.open();
            } else {
                d.close();
            }
        }
        if (r.master != null) {
            setMaster(d, net.device(r.master));
        } else if (r.nomaster && d.master() instanceof Bridge br) {
            br.removePort(d);
        }
        if (r.txqlen != null) {
            d.setTxQueueLen(r.txqlen);
        }
        if (r.ageing != null && d instanceof Bridge br) {
            br.setAgeingTime(r.ageing * 10_000_000L);
        }
    }

    private static void setMtu(NetDevice d, int mtu) {
        if (mtu < d.minMtu()) {
            throw new CommandException(2, "Error: mtu less than device minimum.");
        }
        if (mtu > d.maxMtu()) {
            throw new CommandException(2, "Error: mtu greater than device maximum.");
        }
        try {
            d.setMtu(mtu);
        } catch (IllegalArgumentException e) {
            throw new CommandException(2, "RTNETLINK answers: Numerical result out of range");
        }
    }

    private static void setFlags(NetDevice d, Boolean noarp, Boolean multicast) {
        if (noarp != null) {
            d.setUserFlag(NetDevice.IFF_NOARP, noarp);
        }
        if (multicast != null) {
            d.setUserFlag(NetDevice.IFF_MULTICAST, multicast);
        }
    }

    private static void setMaster(NetDevice d, NetDevice m) {
        if (d.master() == m) {
            return;
        }
        if (!(m instanceof Bridge br)) {
            throw new CommandException(2, "RTNETLINK answers: Operation not supported");
        }
        if (d instanceof Bridge) {
            throw new CommandException(2, "Error: Can not enslave a bridge to a bridge.");
        }
        if ((d.flags() & NetDevice.IFF_LOOPBACK) != 0 || d.type() != NetDevice.ARPHRD_ETHER) {
            throw new CommandException(2, "RTNETLINK answers: Invalid argument");
        }
        if (d.master() != null) {
            throw new CommandException(2, "RTNETLINK answers: Device or resource busy");
        }
        br.addPort(d);
    }

    // ---- add / delete ------------------------------------------------------------------------

    private void add(Args args) {
        Request r = parse(args, true);
        if (r.type == null) {
            throw new CommandException(2, "Error: Unknown device type.");
        }
        if (r.name == null) {
            throw new CommandException(255, "Not enough information: \"dev\" argument is required.");
        }
        NetDevice lower = null;
        if (r.link != null) {
            lower = net.device(r.link);
            if (lower == null) {
                throw new CommandException(1, "Cannot find device \"" + r.link + "\"");
            }
        }
        if (net.device(r.name) != null) {
            throw new CommandException(2, "RTNETLINK answers: File exists");
        }
        NetDevice d;
        switch (r.type) {
            case "vlan" -> {
                if (r.vlanId == null) {
                    throw new CommandException(2, "Error: 8021q: VLAN id not specified.");
                }
                if (lower == null) {
                    throw new CommandException(2, "Error: 8021q: link not specified.");
                }
                if (r.vlanId >= VlanDevice.VID_MASK) {
                    throw new CommandException(2, "Error: 8021q: Invalid VLAN id.");
                }
                if (r.mtu != null && r.mtu > lower.mtu()) {
                    throw new CommandException(2, "Error: 8021q: Invalid MTU.");
                }
                if (l2.vlan(lower, r.vlanId) != null) {
                    throw new CommandException(2, "Error: 8021q: VLAN device already exists.");
                }
                if (lower.type() != NetDevice.ARPHRD_ETHER) {
                    throw new CommandException(2, "Error: 8021q: VLANs not supported on device.");
                }
                d = l2.addVlan(r.name, lower, r.vlanId);
            }
            case "bridge" -> {
                Bridge br = l2.addBridge(r.name);
                if (r.ageing != null) {
                    br.setAgeingTime(r.ageing * 10_000_000L);
                }
                d = br;
            }
            default -> throw new CommandException(2, "Error: Unknown device type.");
        }
        r.ageing = null;
        r.name = null;
        r.type = null;
        try {
            apply(d, r);
        } catch (CommandException e) {
            net.unregister(d); // RTM_NEWLINK is all or nothing for a new device
            throw e;
        }
    }

    private void delete(Args args) {
        NetDevice d = target(parse(args, false));
        if (!(d instanceof Bridge) && !(d instanceof VlanDevice)) {
            throw new CommandException(2, "RTNETLINK answers: Operation not supported");
        }
        net.unregister(d);
    }

    // ---- argument helpers (iproute2's utils.c) ------------------------------------------------

    private static int unsigned(String v, String what) {
        try {
            long x = Long.parseLong(v);
            if (x < 0 || x > 0xffff_ffffL) {
                throw new NumberFormatException();
            }
            return (int) Math.min(x, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            throw invarg("Invalid \"" + what + "\" value\n", v);
        }
    }

    private static long lladdr(String v) {
        try {
            return MacAddress.parse(v).bits();
        } catch (IllegalArgumentException e) {
            throw new CommandException(1, "\"" + v + "\" is invalid lladdr.");
        }
    }

    private static boolean onOff(String what, String v) {
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new CommandException(1, "Error: argument of \"" + what + "\" must be \"on\" or \"off\", not \"" + v + "\"");
        };
    }

    /** check_ifname: 1..15 characters, no '/', ':' or white space. */
    private static void checkIfname(String n) {
        boolean ok = !n.isEmpty() && n.length() < 16;
        for (int i = 0; ok && i < n.length(); i++) {
            char c = n.charAt(i);
            ok = c != '/' && c != ':' && !Character.isWhitespace(c);
        }
        if (!ok) {
            throw invarg("\"name\" not a valid ifname", n);
        }
    }

    static CommandException invarg(String msg, String arg) {
        return new CommandException(255, "Error: argument \"" + arg + "\" is wrong: " + msg);
    }

    static CommandException duparg2(String key, String arg) {
        return new CommandException(255, "Error: either \"" + key + "\" is duplicate, or \"" + arg + "\" is a garbage.");
    }
}
