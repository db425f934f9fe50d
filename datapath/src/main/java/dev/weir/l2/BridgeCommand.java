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
 * iproute2's {@code bridge fdb show} on a Weir namespace: the forwarding database entries of its
 * bridges, as {@code bridge} 6.x prints the "master" entries. {@link #run} takes the words after
 * "bridge".
 *
 * <pre>
 * bridge [-s] fdb [show] [br BRIDGE] [brport DEV | dev DEV]
 * </pre>
 * Entries are listed device by device in ifindex order, each device's newest first:
 * {@code MAC dev PORT [used USED/UPDATED ]master BRIDGE STATE}, where STATE is
 * {@code permanent} for the host's own addresses, {@code static} for never-aged entries, empty
 * for learned ones (and {@code stale} for one past its ageing time not yet collected). "dev" is
 * left out when a port filter is given. Weir's devices keep no multicast address lists, so the
 * "self" entries Linux lists for those do not exist.
 */
public final class BridgeCommand {
    private final NetNs net;

    public BridgeCommand(L2 l2) {
        this.net = l2.net();
    }

    public void run(Args args, PrintWriter out) {
        int stats = 0;
        while (args.hasNext() && args.peek().startsWith("-")) {
            String o = args.next();
            if (IpOptions.matches(o, "-statistics") || o.equals("-s")) {
                stats++;
            } else {
                throw new CommandException(255, "Option \"" + o + "\" is unknown, try \"bridge help\".");
            }
        }
        String obj = args.hasNext() ? args.next() : "";
        if (!IpOptions.matches(obj, "fdb")) {
            throw new CommandException(255, "Object \"" + obj + "\" is unknown, try \"bridge help\".");
        }
        if (args.hasNext()) {
            String cmd = args.next();
            if (!IpOptions.matches(cmd, "show") && !IpOptions.matches(cmd, "list") && !IpOptions.matches(cmd, "lst")) {
                throw new CommandException(255, "Command \"" + cmd + "\" is unknown, try \"bridge fdb help\".");
            }
        }
        NetDevice br = null;
        NetDevice port = null;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "br" -> {
                    String n = IpOptions.nextArg(args);
                    br = net.device(n);
                    if (br == null) {
                        throw new CommandException(255, "Cannot find bridge device \"" + n + "\"");
                    }
                }
                case "brport", "dev" -> {
                    String n = IpOptions.nextArg(args);
                    port = net.device(n);
                    if (port == null) {
                        throw new CommandException(255, "Cannot find bridge port device \"" + n + "\"");
                    }
                }
                default -> throw new CommandException(255, "bridge: unknown argument \"" + w + "\"");
            }
        }
        List<NetDevice> devs = new ArrayList<>(net.devices());
        devs.sort((a, b) -> Integer.compare(a.ifindex(), b.ifindex()));
        StringBuilder sb = new StringBuilder();
        long now = net.now();
        for (NetDevice d : devs) {
            if (port != null && d != port) {
                continue;
            }
            Bridge owner = d instanceof Bridge b ? b : d.master() instanceof Bridge b ? b : null;
            if (owner == null || (br != null && owner != br)) {
                continue;
            }
            for (Bridge.FdbRecord e : owner.fdbEntries()) {
                if (e.device() != d) {
                    continue;
                }
                sb.append(new MacAddress(e.mac())).append(' ');
                if (port == null) {
                    sb.append("dev ").append(d.name()).append(' ');
                }
                if (stats > 0) {
                    sb.append("used ").append(IpOptions.seconds(now - e.used())).append('/').append(IpOptions.seconds(now - e.updated())).append(' ');
                }
                sb.append("master ").append(owner.name()).append(' ');
                if (e.local()) {
                    sb.append("permanent");
                } else if (e.isStatic()) {
                    sb.append("static");
                } else if (owner.ageingTime() > 0 && now >= e.updated() + owner.ageingTime()) {
                    sb.append("stale");
                }
                sb.append('\n');
            }
        }
        out.print(sb);
        out.flush();
    }
}
