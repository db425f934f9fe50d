package dev.weir.tools.packetdrill;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the shell text of a backquoted command or of {@code defaults.sh} as the runner will
 * apply it to a simulated host, without running a shell: sysctl settings (written
 * {@code sysctl -q net.ipv4.x=v ...}, {@code set_sysctls.py /proc/sys/net/ipv4/x=v ...} or
 * {@code echo v > /proc/sys/...}), includes of a baseline script ({@code ../common/defaults.sh}),
 * writes to other files ({@code echo 0 > /sys/module/tcp_cubic/parameters/hystart_detect}), and
 * everything else ({@code ip route change ...}, {@code tc qdisc ...}, {@code ethtool -K ...},
 * {@code nstat}, a restore script) as its words, for the runner to map onto Weir's own
 * commands or report as unsupported.
 *
 * <p>Understood: {@code \}-newline continuations, {@code #} comments, single and double quotes,
 * {@code $((arithmetic))}, the separators {@code ; && || &} and redirections (ignored). A
 * pipeline ({@code a | b}) is one {@link Other} step. Variables such as {@code ${PPID}} stay as
 * written.
 */
public final class ShellLines {
    private ShellLines() {}

    /** One simple command, read. {@code text} is the command as written (continuations joined). */
    public sealed interface Step {
        String text();
    }

    /** A baseline script run by path, such as {@code ../common/defaults.sh}. */
    public record Include(String path, String text) implements Step {}

    /** A sysctl setting; {@code name} in dotted form ({@code net.ipv4.tcp_ecn}), {@code value} as the kernel would read it. */
    public record Sysctl(String name, String value, String text) implements Step {}

    /** {@code echo value > path} for a path outside {@code /proc/sys}. */
    public record WriteFile(String path, String value, String text) implements Step {}

    /** Any other command, as its words after quote removal and arithmetic expansion. */
    public record Other(List<String> words, String text) implements Step {
        public Other {
            words = List.copyOf(words);
        }
    }

    /** The steps of a shell text, in order. */
    public static List<Step> parse(String shell) {
        String joined = shell.replace("\\\r\n", " ").replace("\\\n", " ");
        List<Step> out = new ArrayList<>();
        for (String line : joined.split("\n", -1)) {
            for (Simple cmd : commands(line)) {
                classify(cmd, out);
            }
        }
        return out;
    }

    /** A simple command: its words, the target of a {@code >} redirection if any, its text, and whether it is piped. */
    private record Simple(List<String> words, String redirect, String text, boolean piped) {}

    private static List<Simple> commands(String line) {
        List<Simple> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        String redirect = null;
        boolean pendingRedirect = false;
        boolean piped = false;
        int cmdStart = -1;
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t' || line.charAt(i) == '\r')) {
                i++;
            }
            boolean end = i >= n || line.charAt(i) == '#';
            String op = end ? null : operator(line, i);
            if (end || op != null && (op.equals(";") || op.equals("&&") || op.equals("||") || op.equals("&") || op.equals("|"))) {
                if (op != null && op.equals("|")) {
                    piped = true;
                    i += 1;
                    continue;
                }
                if (!words.isEmpty()) {
                    out.add(new Simple(words, redirect, line.substring(cmdStart, i).strip(), piped));
                }
                if (end) {
                    return out;
                }
                words = new ArrayList<>();
                redirect = null;
                pendingRedirect = false;
                piped = false;
                cmdStart = -1;
                i += op.length();
                continue;
            }
            if (cmdStart < 0) {
                cmdStart = i;
            }
            if (op != null) {
                // A redirection: '>' and '>>' name a target in the next word; '2>&1' and the like do not.
                i += op.length();
                pendingRedirect = op.endsWith(">") || op.endsWith(">>");
                continue;
            }
            StringBuilder w = new StringBuilder();
            i = word(line, i, w);
            if (pendingRedirect) {
                redirect = w.toString();
                pendingRedirect = false;
            } else {
                words.add(w.toString());
            }
        }
    }

    /** The operator starting at {@code i}, or null if a word starts there. */
    private static String operator(String s, int i) {
        String[] ops = {"&>>", "&>", "2>&1", "1>&2", "2>>", "2>", ">>", ">&", "&&", "||", ">", "<", ";", "&", "|"};
        for (String op : ops) {
            if (s.startsWith(op, i)) {
                return op;
            }
        }
        return null;
    }

    /** Reads one word from {@code i} into {@code w}, removing quotes and expanding $((...)); returns the end. */
    private static int word(String s, int i, StringBuilder w) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || operator(s, i) != null) {
                return i;
            }
            if (c == '\'') {
                int close = s.indexOf('\'', i + 1);
                close = close < 0 ? n : close;
                w.append(s, i + 1, close);
                i = Math.min(n, close + 1);
            } else if (c == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.startsWith("$((", i)) {
                        i = arithmetic(s, i, w);
                    } else {
                        if (s.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        w.append(s.charAt(i++));
                    }
                }
                i = Math.min(n, i + 1);
            } else if (s.startsWith("$((", i)) {
                i = arithmetic(s, i, w);
            } else {
                if (c == '\\' && i + 1 < n) {
                    i++;
                }
                w.append(s.charAt(i++));
            }
        }
        return i;
    }

    /** Expands {@code $((expr))} at {@code i}; an expression it cannot read is kept as written. */
    private static int arithmetic(String s, int i, StringBuilder w) {
        int close = s.indexOf("))", i + 3);
        if (close < 0) {
            w.append(s.substring(i));
            return s.length();
        }
        String expr = s.substring(i + 3, close);
        Long v = new Arith(expr).eval();
        w.append(v == null ? s.substring(i, close + 2) : Long.toString(v));
        return close + 2;
    }

    private static void classify(Simple cmd, List<Step> out) {
        List<String> words = cmd.words();
        String cmd0 = words.getFirst();
        if (cmd.piped()) {
            out.add(new Other(words, cmd.text()));
        } else if (cmd0.endsWith("defaults.sh")) {
            out.add(new Include(cmd0, cmd.text()));
        } else if (cmd0.equals("sysctl") && words.stream().skip(1).anyMatch(a -> a.contains("="))) {
            for (String a : words.subList(1, words.size())) {
                int eq = a.indexOf('=');
                if (eq > 0 && !a.startsWith("-")) {
                    out.add(new Sysctl(a.substring(0, eq).replace('/', '.'), a.substring(eq + 1), cmd.text()));
                }
            }
        } else if (cmd0.endsWith("set_sysctls.py")) {
            for (String a : words.subList(1, words.size())) {
                int eq = a.indexOf('=');
                if (eq > 0) {
                    out.add(procWrite(a.substring(0, eq), a.substring(eq + 1), cmd.text()));
                }
            }
        } else if (cmd0.equals("echo") && cmd.redirect() != null) {
            out.add(procWrite(cmd.redirect(), String.join(" ", words.subList(1, words.size())), cmd.text()));
        } else {
            out.add(new Other(words, cmd.text()));
        }
    }

    private static Step procWrite(String path, String value, String text) {
        String proc = "/proc/sys/";
        if (path.startsWith(proc)) {
            return new Sysctl(path.substring(proc.length()).replace('/', '.'), value, text);
        }
        return new WriteFile(path, value, text);
    }

    /** Shell integer arithmetic: + - * / % and parentheses over decimal integers. */
    private static final class Arith {
        private final String s;
        private int p;

        Arith(String s) {
            this.s = s;
        }

        Long eval() {
            try {
                long v = sum();
                skip();
                return p == s.length() ? v : null;
            } catch (ArithmeticException | IllegalStateException e) {
                return null;
            }
        }

        private long sum() {
            long v = product();
            while (true) {
                skip();
                if (eat('+')) {
                    v = Math.addExact(v, product());
                } else if (eat('-')) {
                    v = Math.subtractExact(v, product());
                } else {
                    return v;
                }
            }
        }

        private long product() {
            long v = unary();
            while (true) {
                skip();
                if (eat('*')) {
                    v = Math.multiplyExact(v, unary());
                } else if (eat('/')) {
                    v = v / unary();
                } else if (eat('%')) {
                    v = v % unary();
                } else {
                    return v;
                }
            }
        }

        private long unary() {
            skip();
            if (eat('-')) {
                return Math.negateExact(unary());
            }
            if (eat('(')) {
                long v = sum();
                skip();
                if (!eat(')')) {
                    throw new IllegalStateException();
                }
                return v;
            }
            int start = p;
            while (p < s.length() && Character.isDigit(s.charAt(p))) {
                p++;
            }
            if (start == p) {
                throw new IllegalStateException();
            }
            return Long.parseLong(s.substring(start, p));
        }

        private void skip() {
            while (p < s.length() && s.charAt(p) == ' ') {
                p++;
            }
        }

        private boolean eat(char c) {
            if (p < s.length() && s.charAt(p) == c) {
                p++;
                return true;
            }
            return false;
        }
    }
}
