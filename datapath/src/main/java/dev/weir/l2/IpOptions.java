package dev.weir.l2;

import dev.weir.core.Args;
import dev.weir.core.CommandException;

/**
 * The global options of iproute2's {@code ip} ({@code ip [ OPTIONS ] OBJECT ...}) that Weir's
 * {@code ip link}, {@code ip neigh} (and {@code ip addr}, {@code ip route}) understand, parsed
 * as {@code ip} does: each option by any prefix of its long name ({@code -s}, {@code -stat},
 * {@code -statistics}), {@code -s} counted each time it appears.
 *
 * @param stats how many times -s / -statistics was given (1: counters, 2: with error details)
 * @param family 0 (any), 4 (-4, -f inet) or 6 (-6, -f inet6); 17 for -0 / -f link
 * @param oneline -o: each record on one line, its line breaks written as "\"
 */
public record IpOptions(int stats, int family, boolean oneline) {
    public static final int FAMILY_LINK = 17;

    /** Reads the options at the cursor, leaving it on the OBJECT word. */
    public static IpOptions parse(Args args) {
        int stats = 0;
        int family = 0;
        boolean oneline = false;
        while (args.hasNext() && args.peek().startsWith("-") && args.peek().length() > 1) {
            String o = args.next();
            String opt = o.startsWith("--") ? o.substring(1) : o;
            if (opt.equals("-4")) {
                family = 4;
            } else if (opt.equals("-6")) {
                family = 6;
            } else if (opt.equals("-0")) {
                family = FAMILY_LINK;
            } else if (matches(opt, "-family")) {
                String f = args.value("-family");
                family = switch (f) {
                    case "inet" -> 4;
                    case "inet6" -> 6;
                    case "link" -> FAMILY_LINK;
                    default -> throw new CommandException(255, "Error: argument \"" + f + "\" is wrong: invalid protocol family");
                };
            } else if (matches(opt, "-statistics") || opt.equals("-stats")) {
                stats++;
            } else if (matches(opt, "-oneline")) {
                oneline = true;
            } else if (matches(opt, "-details") || matches(opt, "-json") || matches(opt, "-brief") || matches(opt, "-pretty")
                    || matches(opt, "-netns") || matches(opt, "-human-readable") || matches(opt, "-color")) {
                throw new CommandException(255, "Option \"" + o + "\" is not supported by Weir's ip (supported: -s, -4, -6, -0, -f, -o).");
            } else {
                throw new CommandException(255, "Option \"" + o + "\" is unknown, try \"ip -help\".");
            }
        }
        return new IpOptions(stats, family, oneline);
    }

    /** iproute2's matches(): {@code word} is a non-empty prefix of {@code full}. */
    public static boolean matches(String word, String full) {
        return !word.isEmpty() && full.startsWith(word);
    }

    /** NEXT_ARG: the word after a keyword; "Command line is not complete" (exit 255) when there is none. */
    public static String nextArg(Args args) {
        if (!args.hasNext()) {
            throw new CommandException(255, "Command line is not complete. Try option \"help\"");
        }
        return args.next();
    }

    /** A duration as iproute2 prints cache ages: whole seconds (clock_t / USER_HZ), never negative. */
    public static long seconds(long nanos) {
        return Math.max(0, nanos) / 1_000_000_000L;
    }

    /** The line separator inside one record: a newline, or "\" with -o (iproute2's _SL_). */
    public String sl() {
        return oneline ? "\\" : "\n";
    }
}
