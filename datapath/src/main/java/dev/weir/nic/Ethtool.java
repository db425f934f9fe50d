package dev.weir.nic;

import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.link.LinkConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code ethtool} command on one namespace, with ethtool 6.1's output and error text (as
 * recorded from the real tool against Linux 6.18; see the tests' golden files):
 *
 * <pre>
 *   ethtool DEV                          link settings
 *   ethtool -i|--driver DEV              driver information
 *   ethtool -k|--show-features DEV       offload features;  -K|--features DEV NAME on|off ...
 *   ethtool -g|--show-ring DEV           ring sizes;        -G|--set-ring DEV rx N tx N
 *   ethtool -c|--show-coalesce DEV       interrupt moderation; -C|--coalesce DEV rx-usecs N rx-frames N tx-usecs N tx-frames N
 *   ethtool -l|--show-channels DEV       channels;          -L|--set-channels DEV combined N
 *   ethtool -x|--show-rxfh-indir DEV     RSS table and key; -X|--set-rxfh-indir DEV equal N | weight W... | default [hkey K] [hfunc toeplitz]
 *   ethtool -n|-u DEV rx-flow-hash T     RSS fields of flow type T (tcp4 udp4 tcp6 udp6); -N|-U DEV rx-flow-hash T sd|sdfn
 *   ethtool -S|--statistics DEV          driver counters
 * </pre>
 *
 * <p>Output goes to {@code out}; a failure is a {@link CommandException} whose message is what
 * ethtool prints on stderr and whose exit code is ethtool's (after any stdout it printed first).
 * Netlink errors name the attribute's offset in the request as the kernel's extack does.
 */
public final class Ethtool {
    private static final String BAD_ARGS = "ethtool: bad command line argument(s)\nFor more information run ethtool -h";

    private final NetNs net;

    public Ethtool(NetNs net) {
        this.net = net;
    }

    /** Runs {@code ethtool <args>}. */
    public void run(Args args, PrintWriter out) {
        List<String> w = args.rest();
        if (w.isEmpty()) {
            throw new CommandException(1, BAD_ARGS);
        }
        String opt = w.get(0);
        if (!opt.startsWith("-")) {
            if (w.size() != 1) {
                throw new CommandException(1, BAD_ARGS);
            }
            settings(opt, out);
            return;
        }
        if (w.size() < 2) {
            throw new CommandException(1, BAD_ARGS);
        }
        String dev = w.get(1);
        List<String> rest = w.subList(2, w.size());
        switch (opt) {
            case "-i", "--driver" -> noArgs(rest, () -> driver(dev, out));
            case "-k", "--show-features", "--show-offload" -> noArgs(rest, () -> showFeatures(dev, out));
            case "-K", "--features", "--offload" -> setFeatures(dev, rest, out);
            case "-g", "--show-ring" -> noArgs(rest, () -> showRing(dev, out));
            case "-G", "--set-ring" -> setRing(dev, rest);
            case "-c", "--show-coalesce" -> noArgs(rest, () -> showCoalesce(dev, out));
            case "-C", "--coalesce" -> setCoalesce(dev, rest);
            case "-l", "--show-channels" -> noArgs(rest, () -> showChannels(dev, out));
            case "-L", "--set-channels" -> setChannels(dev, rest);
            case "-x", "--show-rxfh-indir", "--show-rxfh" -> noArgs(rest, () -> showRxfh(dev, out));
            case "-X", "--set-rxfh-indir", "--rxfh" -> setRxfh(dev, rest);
            case "-n", "-u", "--show-nfc", "--show-ntuple" -> showNfc(dev, rest, out);
            case "-N", "-U", "--config-nfc", "--config-ntuple" -> configNfc(dev, rest);
            case "-S", "--statistics" -> noArgs(rest, () -> statistics(dev, out));
            default -> throw new CommandException(1, BAD_ARGS);
        }
        out.flush();
    }

    private static void noArgs(List<String> rest, Runnable r) {
        if (!rest.isEmpty()) {
            throw new CommandException(1, BAD_ARGS);
        }
        r.run();
    }

    // ---- helpers: devices, netlink errors ----

    private NetDevice device(String name) {
        return net.device(name);
    }

    /** Netlink's answer for a device name no device has, with the extack offset of the name attribute. */
    private static CommandException noDevice(int exit) {
        return new CommandException(exit, "netlink error: no device matches name (offset 24)\nnetlink error: No such device");
    }

    private static CommandException netlinkError(int exit, String errno) {
        return new CommandException(exit, "netlink error: " + errno);
    }

    private static CommandException extack(int exit, String msg, int offset, String errno) {
        return new CommandException(exit, "netlink error: " + msg + (offset >= 0 ? " (offset " + offset + ")" : "") + "\nnetlink error: " + errno);
    }

    /** Offset of the first attribute after a request header carrying only the device name. */
    private static int attrBase(String dev) {
        return 28 + align4(dev.length() + 1);
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    private static EthtoolOps ops(NetDevice d) {
        return d instanceof EthtoolOps o ? o : null;
    }

    /**
     * What a netlink request for one of the device's ethtool ops gets: "no device matches name",
     * "Operation not supported" when the driver lacks the op (it answers null), else the answer.
     */
    private <T> T query(String name, int exit, Function<EthtoolOps, T> op) {
        NetDevice d = device(name);
        if (d == null) {
            throw noDevice(exit);
        }
        EthtoolOps o = ops(d);
        T v = o == null ? null : op.apply(o);
        if (v == null) {
            throw netlinkError(exit, "Operation not supported");
        }
        return v;
    }

    // ---- ethtool DEV ----

    private void settings(String name, PrintWriter out) {
        NetDevice d = device(name);
        if (d == null) {
            throw noDevice(1);
        }
        out.println("Settings for " + name + ":");
        if (d instanceof Nic nic) {
            out.println("\tSupported ports: [  ]");
            out.println("\tSupported link modes:   Not reported");
            out.println("\tSupported pause frame use: No");
            out.println("\tSupports auto-negotiation: No");
            out.println("\tSupported FEC modes: Not reported");
            out.println("\tAdvertised link modes:  Not reported");
            out.println("\tAdvertised pause frame use: No");
            out.println("\tAdvertised auto-negotiation: No");
            out.println("\tAdvertised FEC modes: Not reported");
            long rate = nic.linkEnd() == null ? 0 : nic.linkEnd().txDirection().config().rateBitsPerSecond();
            out.println("\tSpeed: " + (rate == 0 || rate == LinkConfig.UNLIMITED || !nic.hasCarrier() ? "Unknown!" : (rate / 1_000_000) + "Mb/s"));
            out.println("\tDuplex: " + (nic.hasCarrier() ? "Full" : "Unknown! (255)"));
            out.println("\tAuto-negotiation: off");
            out.println("\tPort: Twisted Pair");
            out.println("\tPHYAD: 0");
            out.println("\tTransceiver: internal");
            out.println("\tMDI-X: Unknown");
        }
        out.println("\tLink detected: " + (d.isRunning() ? "yes" : "no"));
    }

    // ---- -i ----

    private void driver(String name, PrintWriter out) {
        NetDevice d = device(name);
        if (d == null) {
            throw new CommandException(71, "Cannot get driver information: No such device");
        }
        EthtoolOps o = ops(d);
        EthtoolOps.DriverInfo i = o == null ? null : o.driverInfo();
        if (i == null) {
            throw new CommandException(71, "Cannot get driver information: Operation not supported");
        }
        out.println("driver: " + i.driver());
        out.println("version: " + i.version());
        out.println("firmware-version: " + i.firmwareVersion());
        out.println("expansion-rom-version: " + i.expansionRomVersion());
        out.println("bus-info: " + i.busInfo());
        out.println("supports-statistics: " + yesNo(i.supportsStatistics()));
        out.println("supports-test: " + yesNo(i.supportsTest()));
        out.println("supports-eeprom-access: " + yesNo(i.supportsEepromAccess()));
        out.println("supports-register-dump: " + yesNo(i.supportsRegisterDump()));
        out.println("supports-priv-flags: " + yesNo(i.supportsPrivFlags()));
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    // ---- -S ----

    private void statistics(String name, PrintWriter out) {
        NetDevice d = device(name);
        if (d == null) {
            throw new CommandException(96, "Cannot get stats strings information: No such device");
        }
        EthtoolOps o = ops(d);
        EthtoolOps.DriverInfo i = o == null ? null : o.driverInfo();
        if (i == null || !i.supportsStatistics()) {
            throw new CommandException(94, "no stats available");
        }
        out.println("NIC statistics:");
        for (Map.Entry<String, Long> e : d.ethtoolStats().entrySet()) {
            out.println("     " + e.getKey() + ": " + Long.toUnsignedString(e.getValue()));
        }
    }

    // ---- -k / -K ----

    private void showFeatures(String name, PrintWriter out) {
        NetDevice d = device(name);
        if (d == null) {
            throw noDevice(1);
        }
        out.print(formatFeatures(name, EthtoolFeatures.State.of(d)));
    }

    /** dump_features: legacy flags with their kernel features, then the rest in kernel order. */
    static String formatFeatures(String dev, EthtoolFeatures.State s) {
        StringBuilder sb = new StringBuilder("Features for " + dev + ":\n");
        String[] names = EthtoolFeatures.NAMES;
        int[] legacy = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            legacy[i] = EthtoolFeatures.legacyOf(i);
        }
        for (int j = 0; j < EthtoolFeatures.LEGACY.length; j++) {
            int matched = 0;
            boolean any = false;
            for (int i = 0; i < names.length; i++) {
                if (legacy[i] == j) {
                    matched++;
                    any |= s.active[i];
                }
            }
            String longName = EthtoolFeatures.LEGACY[j].longName();
            if (matched != 1) {
                sb.append(longName).append(": ").append(any ? "on" : "off").append('\n');
            }
            for (int i = 0; i < names.length; i++) {
                if (legacy[i] == j) {
                    if (matched == 1) {
                        sb.append(longName).append(": ").append(s.show(i)).append('\n');
                    } else {
                        sb.append('\t').append(names[i]).append(": ").append(s.show(i)).append('\n');
                    }
                }
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (legacy[i] < 0) {
                sb.append(names[i]).append(": ").append(s.show(i)).append('\n');
            }
        }
        return sb.toString();
    }

    private void setFeatures(String name, List<String> args, PrintWriter out) {
        String[] names = EthtoolFeatures.NAMES;
        // Expand the request as ethtool builds it: legacy names to every kernel name they cover.
        boolean[] req = new boolean[names.length];
        boolean[] reqOn = new boolean[names.length];
        int offset = 36 + align4(name.length() + 1) + 8;
        List<int[]> expanded = new ArrayList<>();
        for (int a = 0; a < args.size(); a += 2) {
            String f = args.get(a);
            if (f.equals("--")) {
                break;
            }
            String v = a + 1 < args.size() ? args.get(a + 1) : null;
            if (v == null || !(v.equals("on") || v.equals("off"))) {
                throw new CommandException(1, "ethtool (-K): flag '" + (v == null ? "(null)" : v) + "' for parameter '(null)' is not followed by 'on' or 'off'");
            }
            boolean on = v.equals("on");
            EthtoolFeatures.Legacy lg = null;
            for (EthtoolFeatures.Legacy l : EthtoolFeatures.LEGACY) {
                if (l.shortName().equals(f) || l.longName().equals(f)) {
                    lg = l;
                }
            }
            if (lg != null) {
                for (int i = 0; i < names.length; i++) {
                    if (EthtoolFeatures.matches(names[i], lg.pattern())) {
                        expanded.add(new int[] {i, on ? 1 : 0, offset + 4});
                        offset += 8 + align4(names[i].length() + 1) + (on ? 4 : 0);
                    }
                }
            } else {
                int i = EthtoolFeatures.index(f);
                if (i < 0) {
                    if (device(name) == null) {
                        throw noDevice(92);
                    }
                    throw extack(92, "bit name not found", offset + 4, "Operation not supported");
                }
                expanded.add(new int[] {i, on ? 1 : 0, offset + 4});
                offset += 8 + align4(f.length() + 1) + (on ? 4 : 0);
            }
        }
        NetDevice d = device(name);
        if (d == null) {
            throw noDevice(92);
        }
        for (int[] e : expanded) {
            req[e[0]] = true;
            reqOn[e[0]] = e[1] == 1;
        }
        EthtoolFeatures.State before = EthtoolFeatures.State.of(d);
        long onBits = 0;
        long offBits = 0;
        for (int i = 0; i < names.length; i++) {
            long b = EthtoolFeatures.BITS[i];
            if (req[i] && b != 0 && (d.hwFeatures() & b) != 0) {
                if (reqOn[i]) {
                    onBits |= b;
                } else {
                    offBits |= b;
                }
            }
        }
        if (onBits != 0) {
            d.setFeatures(onBits, true);
        }
        if (offBits != 0) {
            d.setFeatures(offBits, false);
        }
        EthtoolFeatures.State after = EthtoolFeatures.State.of(d);
        boolean show = false;
        boolean anyChange = false;
        boolean[] wantedDiff = new boolean[names.length];
        boolean[] activeDiff = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            wantedDiff[i] = req[i] && after.active[i] != reqOn[i];
            activeDiff[i] = before.active[i] != after.active[i] && !wantedDiff[i];
            anyChange |= before.active[i] != after.active[i];
            show |= wantedDiff[i] || (activeDiff[i] && !req[i]);
        }
        if (show) {
            out.println("Actual changes:");
            for (int i = 0; i < names.length; i++) {
                if (wantedDiff[i]) {
                    out.println(names[i] + ": " + onOff(after.active[i]) + " [requested " + onOff(reqOn[i]) + "]");
                } else if (activeDiff[i]) {
                    out.println(names[i] + ": " + onOff(after.active[i]) + (req[i] ? "" : " [not requested]"));
                }
            }
        }
        out.flush();
        if (show && !anyChange) {
            throw new CommandException(1, "Could not change any device features");
        }
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }

    // ---- netlink-style parameter parsing (-G, -C, -L) ----

    /** One parsed "name value" pair and its attribute's offset in the request. */
    private record Param(String name, long value, int offset) {}

    private static List<Param> parseParams(String cmd, List<String> args, List<String> known, List<String> bools, int base) {
        List<Param> out = new ArrayList<>();
        int off = base;
        for (int a = 0; a < args.size(); a += 2) {
            String p = args.get(a);
            if (!known.contains(p)) {
                throw new CommandException(1, "ethtool (" + cmd + "): unknown parameter '" + p + "'");
            }
            if (a + 1 >= args.size()) {
                throw new CommandException(1, "ethtool (" + cmd + "): no value for parameter '" + p + "'");
            }
            String v = args.get(a + 1);
            long value;
            if (bools.contains(p)) {
                if (!v.equals("on") && !v.equals("off")) {
                    throw new CommandException(1, "ethtool (" + cmd + "): invalid value '" + v + "' for parameter '" + p + "'");
                }
                value = v.equals("on") ? 1 : 0;
            } else {
                value = parseU32(v);
                if (value < 0) {
                    throw new CommandException(1, "ethtool (" + cmd + "): invalid value '" + v + "' for parameter '" + p + "'");
                }
            }
            out.add(new Param(p, value, off));
            off += 8;
        }
        return out;
    }

    /** ethtool's parse_u32: decimal, 0x hex or leading-0 octal; -1 when not a u32. */
    private static long parseU32(String s) {
        try {
            long v;
            if (s.startsWith("0x") || s.startsWith("0X")) {
                v = Long.parseLong(s.substring(2), 16);
            } else if (s.length() > 1 && s.startsWith("0")) {
                v = Long.parseLong(s.substring(1), 8);
            } else {
                v = Long.parseLong(s);
            }
            return v < 0 || v > 0xffff_ffffL ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Param last(List<Param> ps, String name) {
        Param r = null;
        for (Param p : ps) {
            if (p.name.equals(name)) {
                r = p;
            }
        }
        return r;
    }

    // ---- -g / -G ----

    private void showRing(String name, PrintWriter out) {
        EthtoolOps.Rings r = query(name, 1, EthtoolOps::ringParams);
        out.print(formatRings(name, r.rxMax(), -1, -1, r.txMax(), r.rx(), -1, -1, r.tx(), false));
    }

    /** rings_reply_cb; -1 prints n/a. */
    static String formatRings(String dev, int rxMax, int rxMiniMax, int rxJumboMax, int txMax, int rx, int rxMini, int rxJumbo, int tx,
            boolean txPush) {
        StringBuilder sb = new StringBuilder();
        sb.append("Ring parameters for ").append(dev).append(":\n");
        sb.append("Pre-set maximums:\n");
        sb.append("RX:\t\t").append(na(rxMax)).append('\n');
        sb.append("RX Mini:\t").append(na(rxMiniMax)).append('\n');
        sb.append("RX Jumbo:\t").append(na(rxJumboMax)).append('\n');
        sb.append("TX:\t\t").append(na(txMax)).append('\n');
        sb.append("Current hardware settings:\n");
        sb.append("RX:\t\t").append(na(rx)).append('\n');
        sb.append("RX Mini:\t").append(na(rxMini)).append('\n');
        sb.append("RX Jumbo:\t").append(na(rxJumbo)).append('\n');
        sb.append("TX:\t\t").append(na(tx)).append('\n');
        sb.append("RX Buf Len:\t\tn/a\n");
        sb.append("CQE Size:\t\tn/a\n");
        sb.append("TX Push:\t").append(onOff(txPush)).append('\n');
        sb.append("TCP data split:\tn/a\n");
        return sb.toString();
    }

    private static String na(long v) {
        return v < 0 ? "n/a" : Long.toString(v);
    }

    private void setRing(String name, List<String> args) {
        List<Param> ps = parseParams("-G", args, List.of("rx", "rx-mini", "rx-jumbo", "tx", "rx-buf-len", "cqe-size", "tx-push"),
                List.of("tx-push"), attrBase(name));
        EthtoolOps.Rings r = query(name, 81, EthtoolOps::ringParams);
        EthtoolOps o = ops(device(name));
        for (String[] u : new String[][] {{"rx-buf-len", "setting rx buf len not supported"}, {"cqe-size", "setting cqe size not supported"},
                {"tx-push", "setting tx push not supported"}}) {
            Param p = last(ps, u[0]);
            if (p != null) {
                throw extack(81, u[1], p.offset, "Operation not supported");
            }
        }
        Param rx = last(ps, "rx");
        Param mini = last(ps, "rx-mini");
        Param jumbo = last(ps, "rx-jumbo");
        Param tx = last(ps, "tx");
        Param over = rx != null && rx.value > r.rxMax() ? rx
                : mini != null && mini.value > 0 ? mini
                : jumbo != null && jumbo.value > 0 ? jumbo
                : tx != null && tx.value > r.txMax() ? tx : null;
        if (over != null) {
            throw extack(81, "requested ring size exceeds maximum", over.offset, "Invalid argument");
        }
        int nrx = rx == null ? r.rx() : (int) rx.value;
        int ntx = tx == null ? r.tx() : (int) tx.value;
        try {
            o.setRingParams(nrx, ntx);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw extack(81, e.getMessage(), -1, "Invalid argument");
        }
    }

    // ---- -c / -C ----

    private static final List<String> COALESCE_PARAMS = List.of("adaptive-rx", "adaptive-tx", "sample-interval", "stats-block-usecs",
            "pkt-rate-low", "pkt-rate-high", "rx-usecs", "rx-frames", "rx-usecs-irq", "rx-frames-irq", "tx-usecs", "tx-frames",
            "tx-usecs-irq", "tx-frames-irq", "rx-usecs-low", "rx-frames-low", "tx-usecs-low", "tx-frames-low", "rx-usecs-high",
            "rx-frames-high", "tx-usecs-high", "tx-frames-high", "cqe-mode-rx", "cqe-mode-tx");
    /** The kernel's ETHTOOL_A_COALESCE_* attribute order, in which it reports the first unsupported one. */
    private static final List<String> COALESCE_ATTR_ORDER = List.of("rx-usecs", "rx-frames", "rx-usecs-irq", "rx-frames-irq", "tx-usecs",
            "tx-frames", "tx-usecs-irq", "tx-frames-irq", "stats-block-usecs", "adaptive-rx", "adaptive-tx", "pkt-rate-low",
            "rx-usecs-low", "rx-frames-low", "tx-usecs-low", "tx-frames-low", "pkt-rate-high", "rx-usecs-high", "rx-frames-high",
            "tx-usecs-high", "tx-frames-high", "sample-interval", "cqe-mode-tx", "cqe-mode-rx");

    private void showCoalesce(String name, PrintWriter out) {
        EthtoolOps.Coalesce c = query(name, 1, EthtoolOps::coalesceParams);
        out.print(formatCoalesce(name, null, null, c.rxUsecs(), c.rxFrames(), c.txUsecs(), c.txFrames()));
    }

    /** coalesce_reply_cb for a device whose only parameters are these (null: n/a). */
    static String formatCoalesce(String dev, Boolean adaptiveRx, Boolean adaptiveTx, int rxUsecs, int rxFrames, int txUsecs, int txFrames) {
        StringBuilder sb = new StringBuilder();
        sb.append("Coalesce parameters for ").append(dev).append(":\n");
        sb.append("Adaptive RX: ").append(adaptiveRx == null ? "n/a" : onOff(adaptiveRx))
                .append("  TX: ").append(adaptiveTx == null ? "n/a" : onOff(adaptiveTx)).append('\n');
        sb.append("stats-block-usecs: n/a\nsample-interval: n/a\npkt-rate-low: n/a\npkt-rate-high: n/a\n\n");
        sb.append("rx-usecs: ").append(rxUsecs).append('\n');
        sb.append("rx-frames: ").append(rxFrames).append('\n');
        sb.append("rx-usecs-irq: n/a\nrx-frames-irq: n/a\n\n");
        sb.append("tx-usecs: ").append(txUsecs).append('\n');
        sb.append("tx-frames: ").append(txFrames).append('\n');
        sb.append("tx-usecs-irq: n/a\ntx-frames-irq: n/a\n\n");
        sb.append("rx-usecs-low: n/a\nrx-frame-low: n/a\ntx-usecs-low: n/a\ntx-frame-low: n/a\n\n");
        sb.append("rx-usecs-high: n/a\nrx-frame-high: n/a\ntx-usecs-high: n/a\ntx-frame-high: n/a\n\n");
        sb.append("CQE mode RX: n/a  TX: n/a\n\n");
        return sb.toString();
    }

    private void setCoalesce(String name, List<String> args) {
        List<Param> ps = parseParams("-C", args, COALESCE_PARAMS, List.of("adaptive-rx", "adaptive-tx", "cqe-mode-rx", "cqe-mode-tx"),
                attrBase(name));
        EthtoolOps.Coalesce c = query(name, 1, EthtoolOps::coalesceParams);
        EthtoolOps o = ops(device(name));
        List<String> supported = List.of("rx-usecs", "rx-frames", "tx-usecs", "tx-frames");
        for (String a : COALESCE_ATTR_ORDER) {
            Param p = last(ps, a);
            if (p != null && !supported.contains(a)) {
                throw extack(1, "cannot modify an unsupported parameter", p.offset, "Invalid argument");
            }
        }
        Param rxu = last(ps, "rx-usecs");
        Param rxf = last(ps, "rx-frames");
        Param txu = last(ps, "tx-usecs");
        Param txf = last(ps, "tx-frames");
        EthtoolOps.Coalesce n = new EthtoolOps.Coalesce(
                rxu == null ? c.rxUsecs() : (int) Math.min(rxu.value, Integer.MAX_VALUE),
                rxf == null ? c.rxFrames() : (int) Math.min(rxf.value, Integer.MAX_VALUE),
                txu == null ? c.txUsecs() : (int) Math.min(txu.value, Integer.MAX_VALUE),
                txf == null ? c.txFrames() : (int) Math.min(txf.value, Integer.MAX_VALUE));
        try {
            o.setCoalesceParams(n);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw extack(1, e.getMessage(), -1, "Invalid argument");
        }
    }

    // ---- -l / -L ----

    private void showChannels(String name, PrintWriter out) {
        EthtoolOps.Channels c = query(name, 1, EthtoolOps::channelParams);
        out.print(formatChannels(name, -1, -1, -1, c.maxCombined(), -1, -1, -1, c.combined()));
    }

    /** channels_reply_cb; -1 prints n/a. */
    static String formatChannels(String dev, int rxMax, int txMax, int otherMax, int combinedMax, int rx, int tx, int other, int combined) {
        return "Channel parameters for " + dev + ":\n"
                + "Pre-set maximums:\n"
                + "RX:\t\t" + na(rxMax) + "\nTX:\t\t" + na(txMax) + "\nOther:\t\t" + na(otherMax) + "\nCombined:\t" + na(combinedMax) + "\n"
                + "Current hardware settings:\n"
                + "RX:\t\t" + na(rx) + "\nTX:\t\t" + na(tx) + "\nOther:\t\t" + na(other) + "\nCombined:\t" + na(combined) + "\n";
    }

    private void setChannels(String name, List<String> args) {
        List<Param> ps = parseParams("-L", args, List.of("rx", "tx", "other", "combined"), List.of(), attrBase(name));
        EthtoolOps.Channels c = query(name, 1, EthtoolOps::channelParams);
        EthtoolOps o = ops(device(name));
        Param rx = last(ps, "rx");
        Param tx = last(ps, "tx");
        Param other = last(ps, "other");
        Param combined = last(ps, "combined");
        Param over = rx != null && rx.value > 0 ? rx
                : tx != null && tx.value > 0 ? tx
                : other != null && other.value > 0 ? other
                : combined != null && combined.value > c.maxCombined() ? combined : null;
        if (over != null) {
            throw extack(1, "requested channel count exceeds maximum", over.offset, "Invalid argument");
        }
        long n = combined == null ? c.combined() : combined.value;
        if (n == 0) {
            Param at = combined != null ? combined : rx;
            throw extack(1, "requested channel counts would result in no RX or TX channel being configured", at == null ? -1 : at.offset,
                    "Invalid argument");
        }
        try {
            o.setChannels((int) n);
        } catch (IllegalStateException e) {
            throw extack(1, e.getMessage(), -1, "Invalid argument");
        } catch (IllegalArgumentException e) {
            throw extack(1, e.getMessage(), combined == null ? -1 : combined.offset, "Invalid argument");
        }
    }

    // ---- -x / -X ----

    private Rss rssOf(String name, String what) {
        NetDevice d = device(name);
        if (d == null) {
            throw new CommandException(1, what + ": No such device");
        }
        EthtoolOps o = ops(d);
        Rss rss = o == null ? null : o.rss();
        if (rss == null) {
            throw new CommandException(1, what + ": Operation not supported");
        }
        return rss;
    }

    private void showRxfh(String name, PrintWriter out) {
        Rss rss = rssOf(name, "Cannot get RX ring count");
        int rings = ops(device(name)).rxRingCount();
        out.print(formatRxfh(name, rings, rss.tableCopy(), rss.key()));
    }

    /** print_indir_table and print_rss_hkey (ethtool 6.1's ioctl path); a null table or key prints "Operation not supported". */
    static String formatRxfh(String dev, int rings, int[] table, byte[] key) {
        StringBuilder sb = new StringBuilder();
        sb.append("RX flow hash indirection table for ").append(dev).append(" with ").append(rings).append(" RX ring(s):\n");
        if (table == null || table.length == 0) {
            sb.append("Operation not supported\n");
        } else {
            for (int i = 0; i < table.length; i++) {
                if (i % 8 == 0) {
                    sb.append(String.format("%5d: ", i));
                }
                sb.append(String.format(" %5d", table[i]));
                if (i % 8 == 7 || i == table.length - 1) {
                    sb.append('\n');
                }
            }
        }
        sb.append("RSS hash key:\n");
        if (key == null || key.length == 0) {
            sb.append("Operation not supported\n");
        } else {
            for (int i = 0; i < key.length; i++) {
                sb.append(String.format("%02x", key[i] & 0xff)).append(i == key.length - 1 ? '\n' : ':');
            }
        }
        sb.append("RSS hash function:\n    toeplitz: on\n    xor: off\n    crc32: off\n");
        return sb.toString();
    }

    private void setRxfh(String name, List<String> args) {
        int equal = 0;
        List<Long> weights = null;
        String hkey = null;
        String hfunc = null;
        boolean deflt = false;
        int a = 0;
        if (args.isEmpty()) {
            throw new CommandException(1, BAD_ARGS);
        }
        while (a < args.size()) {
            String w = args.get(a++);
            switch (w) {
                case "equal" -> {
                    long v = a < args.size() ? parseU32(args.get(a++)) : -1;
                    if (v < 1 || v > Integer.MAX_VALUE) {
                        throw new CommandException(1, BAD_ARGS);
                    }
                    equal = (int) v;
                }
                case "weight" -> {
                    weights = new ArrayList<>();
                    while (a < args.size() && !args.get(a).isEmpty() && Character.isDigit(args.get(a).charAt(0))) {
                        long v = parseU32(args.get(a++));
                        if (v < 0) {
                            throw new CommandException(1, BAD_ARGS);
                        }
                        weights.add(v);
                    }
                    if (weights.isEmpty()) {
                        throw new CommandException(1, BAD_ARGS);
                    }
                }
                case "hkey" -> {
                    if (a >= args.size()) {
                        throw new CommandException(1, BAD_ARGS);
                    }
                    hkey = args.get(a++);
                }
                case "hfunc" -> {
                    if (a >= args.size()) {
                        throw new CommandException(1, BAD_ARGS);
                    }
                    hfunc = args.get(a++);
                }
                case "default" -> deflt = true;
                default -> throw new CommandException(1, BAD_ARGS);
            }
        }
        if (equal != 0 && weights != null) {
            throw new CommandException(1, "Equal and weight options are mutually exclusive");
        }
        if (equal != 0 && deflt) {
            throw new CommandException(1, "Equal and default options are mutually exclusive");
        }
        if (weights != null && deflt) {
            throw new CommandException(1, "Weight and default options are mutually exclusive");
        }
        Rss rss = rssOf(name, "Cannot get RX ring count");
        int rings = ops(device(name)).rxRingCount();
        byte[] key = null;
        if (hkey != null) {
            key = parseHkey(hkey, Rss.KEY_LEN);
        }
        if (hfunc != null && !hfunc.equals("toeplitz")) {
            if (hfunc.equals("xor") || hfunc.equals("crc32")) {
                throw new CommandException(1, "Cannot set RX flow hash configuration: Operation not supported");
            }
            throw new CommandException(1, "Unknown hash function: " + hfunc);
        }
        int[] table = null;
        if (equal != 0) {
            if (equal > rings) {
                throw new CommandException(1, "Cannot set RX flow hash configuration: Invalid argument");
            }
            table = new int[Rss.TABLE_SIZE];
            for (int i = 0; i < table.length; i++) {
                table[i] = i % equal;
            }
        } else if (weights != null) {
            long sum = 0;
            for (long wt : weights) {
                sum += wt;
            }
            if (sum == 0) {
                throw new CommandException(1, "At least one weight must be non-zero");
            }
            if (sum > Rss.TABLE_SIZE) {
                throw new CommandException(1, "Total weight exceeds the size of the indirection table");
            }
            table = new int[Rss.TABLE_SIZE];
            int j = -1;
            long partial = 0;
            for (int i = 0; i < table.length; i++) {
                while (i >= Rss.TABLE_SIZE * partial / sum) {
                    j++;
                    partial += weights.get(j);
                }
                table[i] = j;
            }
            for (int q : table) {
                if (q >= rings) {
                    throw new CommandException(1, "Cannot set RX flow hash configuration: Invalid argument");
                }
            }
        }
        if (table != null) {
            rss.setTable(table);
        } else if (deflt) {
            rss.resetDefault(rings);
        }
        if (key != null) {
            rss.setKey(key);
        }
    }

    /** convert_string_to_hashkey: "xx:xx:..." of exactly {@code size} bytes. */
    private static byte[] parseHkey(String s, int size) {
        byte[] out = new byte[size];
        int i = 0;
        int p = 0;
        do {
            if (i > size - 1) {
                throw new CommandException(2, "Key is too long for device (" + (i + 1) + " > " + size + ")");
            }
            if (p + 2 > s.length() || Character.digit(s.charAt(p), 16) < 0 || Character.digit(s.charAt(p + 1), 16) < 0) {
                throw new CommandException(2, "Invalid RSS hash key format");
            }
            out[i++] = (byte) Integer.parseInt(s.substring(p, p + 2), 16);
            p += 2;
            if (p < s.length() && s.charAt(p) == ':') {
                p++;
            } else if (p < s.length()) {
                throw new CommandException(2, "Invalid RSS hash key format");
            }
        } while (p < s.length());
        if (i != size) {
            throw new CommandException(2, "Key is too short for device (" + i + " < " + size + ")");
        }
        return out;
    }

    // ---- -n / -N rx-flow-hash ----

    private static final List<String> FLOW_TYPES = List.of("tcp4", "udp4", "sctp4", "ah4", "esp4", "tcp6", "udp6", "sctp6", "ah6", "esp6",
            "ip4", "ip6", "ether");

    private static int rssFlowType(String t) {
        return switch (t) {
            case "tcp4" -> Rss.TCP4;
            case "udp4" -> Rss.UDP4;
            case "tcp6" -> Rss.TCP6;
            case "udp6" -> Rss.UDP6;
            default -> -1;
        };
    }

    private static String flowLabel(String t) {
        return switch (t) {
            case "tcp4" -> "TCP over IPV4 flows";
            case "udp4" -> "UDP over IPV4 flows";
            case "tcp6" -> "TCP over IPV6 flows";
            case "udp6" -> "UDP over IPV6 flows";
            default -> t;
        };
    }

    private void showNfc(String name, List<String> args, PrintWriter out) {
        if (args.isEmpty()) {
            NetDevice d = device(name);
            if (d == null) {
                throw new CommandException(1, "Cannot get RX rings: No such device\nrxclass: Cannot get RX class rule count: No such device\n"
                        + "RX classification rule retrieval failed");
            }
            EthtoolOps o = ops(d);
            if (o == null || o.rss() == null) {
                throw new CommandException(1, "Cannot get RX rings: Operation not supported\n"
                        + "rxclass: Cannot get RX class rule count: Operation not supported\nRX classification rule retrieval failed");
            }
            out.println(o.rxRingCount() + " RX rings available");
            out.flush();
            throw new CommandException(1, "rxclass: Cannot get RX class rule count: Operation not supported\nRX classification rule retrieval failed");
        }
        if (args.size() != 2 || !args.get(0).equals("rx-flow-hash") || !FLOW_TYPES.contains(args.get(1))) {
            throw new CommandException(1, BAD_ARGS);
        }
        Rss rss = rssOf(name, "Cannot get RX network flow hashing options");
        int ft = rssFlowType(args.get(1));
        if (ft < 0) {
            throw new CommandException(1, "Cannot get RX network flow hashing options: Operation not supported");
        }
        out.print(formatRxFlowHash(flowLabel(args.get(1)), rss.fields(ft)));
    }

    /** dump_rxfhash for one flow type. */
    static String formatRxFlowHash(String label, int fields) {
        StringBuilder sb = new StringBuilder(label).append(" use these fields for computing Hash flow key:\n");
        if (fields == 0) {
            sb.append("None");
        } else {
            if ((fields & Rss.RXH_IP_SRC) != 0) {
                sb.append("IP SA\n");
            }
            if ((fields & Rss.RXH_IP_DST) != 0) {
                sb.append("IP DA\n");
            }
            if ((fields & Rss.RXH_L4_B_0_1) != 0) {
                sb.append("L4 bytes 0 & 1 [TCP/UDP src port]\n");
            }
            if ((fields & Rss.RXH_L4_B_2_3) != 0) {
                sb.append("L4 bytes 2 & 3 [TCP/UDP dst port]\n");
            }
        }
        return sb.append('\n').toString();
    }

    private void configNfc(String name, List<String> args) {
        if (args.size() != 3 || !args.get(0).equals("rx-flow-hash") || !FLOW_TYPES.contains(args.get(1))) {
            throw new CommandException(1, BAD_ARGS);
        }
        int fields = 0;
        for (char ch : args.get(2).toCharArray()) {
            fields |= switch (ch) {
                case 'm' -> 1 << 1;
                case 'v' -> 1 << 2;
                case 't' -> 1 << 3;
                case 's' -> Rss.RXH_IP_SRC;
                case 'd' -> Rss.RXH_IP_DST;
                case 'f' -> Rss.RXH_L4_B_0_1;
                case 'n' -> Rss.RXH_L4_B_2_3;
                case 'r' -> 1 << 31;
                default -> throw new CommandException(1, BAD_ARGS);
            };
        }
        Rss rss = rssOf(name, "Cannot change RX network flow hashing options");
        int ft = rssFlowType(args.get(1));
        boolean tcp = ft == Rss.TCP4 || ft == Rss.TCP6;
        // As Intel's drivers: TCP hashes addresses and ports; UDP addresses, optionally ports.
        boolean ok = ft >= 0 && (fields == Rss.FIELDS_SDFN || (!tcp && fields == Rss.FIELDS_SD));
        if (!ok) {
            throw new CommandException(1, "Cannot change RX network flow hashing options: Invalid argument");
        }
        rss.setFields(ft, fields);
    }
}
