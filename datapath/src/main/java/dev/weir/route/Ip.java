package dev.weir.route;

import dev.weir.core.Args;
import dev.weir.core.CommandException;
import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code ip} command's front: its options ({@code -4}, {@code -6}, {@code -d}, {@code -s}...,
 * abbreviated as iproute2 allows) and its objects, matched by prefix in iproute2's table order
 * ("a" is address, "r" route, "ru" rule, "n" neighbour, "l" link). {@link #run} handles
 * {@code address}, {@code route} and {@code rule}; a command line naming another object is for
 * the stage that owns it ({@link #object} tells which).
 */
public final class Ip {
    /** Objects in iproute2's {@code cmds[]} order: the first one a word is a prefix of wins. */
    private static final List<String> OBJECTS = List.of(
            "address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour", "ntable", "ntbl", "link",
            "l2tp", "fou", "ila", "macsec", "tunnel", "tunl", "tuntap", "tap", "token", "tcpmetrics", "tcp_metrics",
            "monitor", "xfrm", "mroute", "mrule", "netns", "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam",
            "help", "stats");

    /** Global options of one command line. */
    public record Options(int family, int details, int stats, boolean oneline) {}

    private Ip() {}

    /** Reads the options at the front of {@code args} (consuming them). */
    public static Options options(Args args) {
        int family = 0;
        int details = 0;
        int stats = 0;
        boolean oneline = false;
        while (args.hasNext() && args.peek().startsWith("-") && args.peek().length() > 1) {
            String raw = args.next();
            String opt = raw.startsWith("--") ? raw.substring(1) : raw;
            if (opt.equals("-")) {
                break;
            }
            if (RtNames.matches(opt, "-loops")) {
                IpParse.next(args);
            } else if (RtNames.matches(opt, "-family")) {
                String f = IpParse.next(args);
                family = switch (f) {
                    case "inet", "ipv4" -> Addr.V4;
                    case "inet6", "ipv6" -> Addr.V6;
                    default -> throw new CommandException(255, "Error: family \"" + f + "\" is not supported by Weir (inet, inet6).");
                };
            } else if (opt.equals("-4")) {
                family = Addr.V4;
            } else if (opt.equals("-6")) {
                family = Addr.V6;
            } else if (opt.equals("-0") || opt.equals("-M") || opt.equals("-B")) {
                throw IpParse.unsupported("option \"" + raw + "\"");
            } else if (RtNames.matches(opt, "-human") || RtNames.matches(opt, "-human-readable") || RtNames.matches(opt, "-iec")) {
                continue;
            } else if (RtNames.matches(opt, "-stats") || RtNames.matches(opt, "-statistics")) {
                stats++;
            } else if (RtNames.matches(opt, "-details")) {
                details++;
            } else if (RtNames.matches(opt, "-resolve")) {
                continue;
            } else if (RtNames.matches(opt, "-oneline")) {
                oneline = true;
            } else if (RtNames.matches(opt, "-timestamp") || RtNames.matches(opt, "-tshort")) {
                continue;
            } else if (RtNames.matches(opt, "-color") || RtNames.matches(opt, "-Numeric") || RtNames.matches(opt, "-pretty")) {
                continue;
            } else if (RtNames.matches(opt, "-batch") || RtNames.matches(opt, "-brief") || RtNames.matches(opt, "-json")
                    || RtNames.matches(opt, "-netns") || RtNames.matches(opt, "-all") || RtNames.matches(opt, "-force")
                    || RtNames.matches(opt, "-rcvbuf") || RtNames.matches(opt, "-Version") || RtNames.matches(opt, "-help")) {
                throw IpParse.unsupported("option \"" + raw + "\"");
            } else {
                throw new CommandException(255, "Option \"" + raw + "\" is unknown, try \"ip -help\".");
            }
        }
        return new Options(family, details, stats, oneline);
    }

    /** The object a word names ("a" is "address"), or null when it names none. */
    public static String canonical(String word) {
        for (String o : OBJECTS) {
            if (RtNames.matches(word, o)) {
                return o;
            }
        }
        return null;
    }

    /** The object a command line (words after "ip") names, options skipped, without consuming anything; null if none. */
    public static String object(Args args) {
        for (String w : args.rest()) {
            if (w.startsWith("-") && w.length() > 1) {
                continue;
            }
            return canonical(w);
        }
        return null;
    }

    /**
     * Runs {@code ip address|route|rule ...} on {@code routing}: {@code args} are the words after
     * "ip". Output to {@code out}, warnings to {@code err}; failures are {@link CommandException}s
     * carrying iproute2's message and exit status.
     */
    public static void run(Routing routing, Args args, PrintWriter out, PrintWriter err) {
        String obj = object(args);
        if (obj == null) {
            String w = args.rest().stream().filter(x -> !x.startsWith("-")).findFirst().orElse(null);
            if (w == null) {
                throw new CommandException(255, "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }");
            }
            throw new CommandException(255, "Object \"" + w + "\" is unknown, try \"ip help\".");
        }
        switch (obj) {
            case "address" -> new IpAddr(routing).run(args, out, err);
            case "route" -> new IpRoute(routing).run(args, out, err);
            case "rule" -> new IpRule(routing).run(args, out, err);
            default -> throw new CommandException(255, "Object \"" + obj + "\" is not handled by routing (dev.weir.route).");
        }
    }

    /** Consumes the options and the object word, checking the object is {@code expected}. */
    static Options begin(Args args, String expected) {
        Options o = options(args);
        String w = IpParse.next(args);
        if (!expected.equals(canonical(w))) {
            throw new CommandException(255, "Object \"" + w + "\" is not \"" + expected + "\" (this is ip " + expected + ").");
        }
        return o;
    }
}
