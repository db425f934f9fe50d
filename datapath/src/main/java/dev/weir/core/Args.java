package dev.weir.core;

import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.MacAddress;
import dev.weir.link.LinkConfig;
import dev.weir.sim.VirtualTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over a command's words, with the parsers iproute2, tc and ethtool share: prefixes,
 * addresses, sizes, rates and times. Every failure is a {@link CommandException} whose message
 * names the word that was wrong and what was expected.
 */
public final class Args {
    private final String command;
    private final List<String> words;
    private int pos;

    public Args(String command, List<String> words) {
        this.command = command;
        this.words = List.copyOf(words);
    }

    /** Splits a command line on whitespace, honouring double and single quotes. */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new CommandException(2, "unterminated quote in: " + line);
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    /** The command's name, for messages. */
    public String command() {
        return command;
    }

    public boolean hasNext() {
        return pos < words.size();
    }

    public String peek() {
        return hasNext() ? words.get(pos) : null;
    }

    /** The next word; "Command line is not complete" (iproute2's words) when there is none. */
    public String next() {
        if (!hasNext()) {
            throw new CommandException(255, "Command line is not complete. Try \"" + command + " help\".");
        }
        return words.get(pos++);
    }

    /** The next word as the value of {@code keyword}: the message says which keyword lacks it. */
    public String value(String keyword) {
        if (!hasNext()) {
            throw new CommandException(255, "Command line is not complete: \"" + keyword + "\" needs a value. Try \"" + command + " help\".");
        }
        return words.get(pos++);
    }

    /** Consumes the next word if it equals one of {@code options}; returns whether it did. */
    public boolean accept(String... options) {
        if (hasNext()) {
            for (String o : options) {
                if (words.get(pos).equals(o)) {
                    pos++;
                    return true;
                }
            }
        }
        return false;
    }

    /** The words not yet consumed. */
    public List<String> rest() {
        return words.subList(pos, words.size());
    }

    /** Everything, for messages. */
    public String line() {
        return command + (words.isEmpty() ? "" : " " + String.join(" ", words));
    }

    /** iproute2's message for a word it does not know here. */
    public CommandException unknown(String word) {
        return new CommandException(255, "Error: either \"" + word + "\" is duplicate, or \"" + word + "\" is a garbage.");
    }

    public CommandException error(String message) {
        return new CommandException(1, message);
    }

    // ---- value parsers ----

    public static int parseInt(String keyword, String text, long min, long max) {
        long v;
        try {
            v = text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CommandException(1, "Error: argument \"" + text + "\" is wrong: \"" + keyword + "\" needs an integer");
        }
        if (v < min || v > max) {
            throw new CommandException(1, "Error: argument \"" + text + "\" is wrong: \"" + keyword + "\" must be " + min + ".." + max);
        }
        return (int) v;
    }

    public static long parseLong(String keyword, String text, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CommandException(1, "Error: argument \"" + text + "\" is wrong: \"" + keyword + "\" needs an integer");
        }
        if (v < min || v > max) {
            throw new CommandException(1, "Error: argument \"" + text + "\" is wrong: \"" + keyword + "\" must be " + min + ".." + max);
        }
        return v;
    }

    /** An IPv4 or IPv6 prefix "addr/len" (len optional: a host prefix); family 4 or 6 chosen by the text. */
    public static Prefix parsePrefix(String text) {
        if (text.equals("default") || text.equals("all") || text.equals("any")) {
            return null;
        }
        int slash = text.indexOf('/');
        String a = slash < 0 ? text : text.substring(0, slash);
        boolean v6 = a.indexOf(':') >= 0;
        int max = v6 ? 128 : 32;
        int len = max;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                len = -1;
            }
            if (len < 0 || len > max) {
                throw new CommandException(1, "Error: " + (v6 ? "inet6" : "inet") + " prefix is expected rather than \"" + text + "\".");
            }
        }
        try {
            if (v6) {
                Ipv6Address x = Ipv6Address.parse(a);
                return new Prefix(6, 0, x.hi(), x.lo(), len);
            }
            return new Prefix(4, Ipv4Address.parse(a).bits(), 0, 0, len);
        } catch (IllegalArgumentException e) {
            throw new CommandException(1, "Error: " + (v6 ? "inet6" : "inet") + " prefix is expected rather than \"" + text + "\".");
        }
    }

    /** An address of either family; a prefix length is refused. */
    public static Prefix parseAddress(String text) {
        if (text.indexOf('/') >= 0) {
            throw new CommandException(1, "Error: an inet address is expected rather than \"" + text + "\".");
        }
        Prefix p = parsePrefix(text);
        if (p == null) {
            throw new CommandException(1, "Error: an inet address is expected rather than \"" + text + "\".");
        }
        return p;
    }

    public static MacAddress parseMac(String text) {
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandException(1, "Error: \"" + text + "\" is not a valid link-layer address (want 6 hex octets like 02:00:00:00:00:01).");
        }
    }

    /** A rate as tc writes it (100mbit, 1gbit, 500kbps...), in bits per second. */
    public static long parseRate(String keyword, String text) {
        try {
            return LinkConfig.parseRate(text);
        } catch (IllegalArgumentException e) {
            throw new CommandException(1, "Illegal \"" + keyword + "\": " + e.getMessage());
        }
    }

    /** A time as tc and topology files write it (5ms, 100us, 1.5s, 250ns; a bare number is microseconds, as tc), in ns. */
    public static long parseTime(String keyword, String text) {
        String t = text.trim();
        try {
            if (!t.isEmpty() && t.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                return Math.round(Double.parseDouble(t) * 1000.0);
            }
            return VirtualTime.parseDuration(t);
        } catch (IllegalArgumentException e) {
            throw new CommandException(1, "Illegal \"" + keyword + "\": bad time '" + text + "' (want e.g. 5ms, 100us, 1s)");
        }
    }

    /**
     * A size as tc writes it, in bytes: a bare number or {@code b} is bytes, {@code k}/{@code kb}
     * KiB, {@code m}/{@code mb} MiB, {@code g}/{@code gb} GiB, {@code kbit}/{@code mbit}/{@code gbit}
     * kibi/mebi/gibi-bits.
     */
    public static long parseSize(String keyword, String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new CommandException(1, "Illegal \"" + keyword + "\": bad size '" + text + "' (want e.g. 1514, 64k, 1mb)");
        }
        double n = Double.parseDouble(t.substring(0, i));
        double scale = switch (t.substring(i)) {
            case "", "b" -> 1;
            case "k", "kb" -> 1024;
            case "m", "mb" -> 1024 * 1024;
            case "g", "gb" -> 1024.0 * 1024 * 1024;
            case "kbit" -> 1024 / 8.0;
            case "mbit" -> 1024 * 1024 / 8.0;
            case "gbit" -> 1024.0 * 1024 * 1024 / 8;
            default -> throw new CommandException(1, "Illegal \"" + keyword + "\": bad size unit in '" + text + "' (b, k, kb, m, mb, g, gb, kbit, mbit, gbit)");
        };
        return Math.round(n * scale);
    }

    /**
     * An address prefix of either family.
     *
     * @param family 4 or 6
     * @param v4 the IPv4 address bits (family 4)
     * @param hi first half of the IPv6 address (family 6)
     * @param lo second half of the IPv6 address (family 6)
     * @param len prefix length
     */
    public record Prefix(int family, int v4, long hi, long lo, int len) {
        public boolean isV6() {
            return family == 6;
        }

        @Override
        public String toString() {
            String a = family == 4 ? Ipv4Address.toString(v4) : Ipv6Address.toString(hi, lo);
            return a + "/" + len;
        }
    }
}
