package dev.weir.tools.packetdrill;

import dev.weir.tools.packetdrill.Lexer.Kind;
import dev.weir.tools.packetdrill.Lexer.Token;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Parses the packetdrill script language into a {@link Script}. Hand-written recursive descent
 * over packetdrill's grammar (its {@code parser.y}), with the checks packetdrill makes while
 * parsing: sequence ranges agree with their lengths, numbers fit their fields, a time range runs
 * forward, {@code *} and ranges only time outbound packets, {@code <...>} only on outbound
 * packets, inbound segments carry a window, TCP options pad to whole words.
 *
 * <pre>
 * script   := option* `command`* event+ `command`?
 * option   := --name[=value]
 * event    := time action
 * time     := seconds | +seconds | seconds~seconds | +seconds~+seconds | *
 * action   := packet | syscall | `command` | %{ code }%
 * syscall  := [...seconds] name ( [expr {, expr}] ) = expr [ERRNO] [( note )]
 * expr     := term {| term}
 * term     := ... | int | hex | "string"[...] | [ exprs ] | { exprs } | word[( exprs )][= expr]
 * packet   := (&lt; | &gt;) {ipvN [ipinfo] addr &gt; addr :} [ipinfo] (tcp | udp | icmp)
 * ipinfo   := [ tos-or-ecn[, flowlabel 0x..] | flowlabel 0x.. | ttl N ]   (also with parentheses)
 * tcp      := [sport&gt;dport] flags seq:end(len) [ack N] [win N] [urg N] [&lt;options&gt; | &lt;...&gt;]
 * udp      := udp [sport&gt;dport] ( len )
 * icmp     := icmp type [code] [mtu N] [id N] [ [seq:end(len)] | [udp (len)] | [raw (len)] ]
 * </pre>
 *
 * Words named in the defines table (packetdrill's {@code -D SYM=value}, and {@code --define}
 * lines of the script itself) are replaced by their value as they are read, as packetdrill's
 * lexer does; the Linux selftests run their scripts with {@link #LINUX_SELFTEST_IPV4_DEFINES}.
 *
 * <p>Every failure, whatever the input, is a {@link ScriptSyntaxException} naming file, line,
 * column and what was expected.
 */
public final class ScriptParser {
    /**
     * The symbols Linux's packetdrill selftest runner ({@code ksft_runner.sh}) and packetdrill's
     * own {@code run_all.py} define for IPv4 runs: the server's Fast Open cookies for the
     * selftest's fixed key, the IP-level control-message constants, and the ICMP code of
     * {@code fastopen/server/icmp-baseline.pkt}.
     */
    public static final Map<String, String> LINUX_SELFTEST_IPV4_DEFINES = Map.of(
            "TFO_COOKIE", "3021b9d889017eeb",
            "TFO_COOKIE_ZERO", "b7c12350a90dc8f5",
            "CMSG_LEVEL_IP", "SOL_IP",
            "CMSG_TYPE_RECVERR", "IP_RECVERR",
            "CODE", "host_unreachable");

    private static final long U32 = 0xffff_ffffL;

    private final String file;
    private final Map<String, String> defines;
    private final Lexer lx;

    private ScriptParser(String file, String text, Map<String, String> defines) {
        this.file = file;
        this.defines = new HashMap<>(defines);
        this.lx = new Lexer(text, file, this.defines);
    }

    /** Parses {@code text} with no defines; {@code file} names it in error messages. */
    public static Script parse(String file, String text) throws ScriptSyntaxException {
        return parse(file, text, Map.of());
    }

    /** Parses {@code text}, replacing the words in {@code defines} by their values. */
    public static Script parse(String file, String text, Map<String, String> defines) throws ScriptSyntaxException {
        return new ScriptParser(file, text, defines).script();
    }

    /** Reads and parses a script file (UTF-8); the error messages name the path as given. */
    public static Script parse(Path path, Map<String, String> defines) throws IOException, ScriptSyntaxException {
        return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8), defines);
    }

    private Script script() throws ScriptSyntaxException {
        List<ScriptOption> options = new ArrayList<>();
        while (lx.peek().kind() == Kind.OPTION) {
            Token t = lx.next();
            options.add(new ScriptOption(lx.line(t.start()), t.text(), Optional.ofNullable(t.value())));
            if (t.text().equals("define")) {
                define(t);
            }
        }
        List<ShellCommand> includes = new ArrayList<>();
        while (lx.peek().kind() == Kind.BACKQUOTE) {
            Token t = lx.next();
            includes.add(new ShellCommand(lx.line(t.start()), t.value()));
        }
        List<Event> events = new ArrayList<>();
        Optional<ShellCommand> cleanup = Optional.empty();
        while (lx.peek().kind() != Kind.EOF) {
            Token t = lx.peek();
            if (t.kind() == Kind.BACKQUOTE && !events.isEmpty() && lx.peek(1).kind() == Kind.EOF) {
                lx.next();
                cleanup = Optional.of(new ShellCommand(lx.line(t.start()), t.value()));
                break;
            }
            if (t.kind() == Kind.OPTION) {
                throw error(t, "options (--" + t.text() + ") must come before the first event");
            }
            events.add(event());
        }
        if (events.isEmpty()) {
            throw error(lx.peek(), "expected at least one event (a time, then a packet, system call, `command` or %{ code }%)");
        }
        return new Script(file, options, includes, events, cleanup);
    }

    private void define(Token t) throws ScriptSyntaxException {
        String v = t.value();
        int eq = v == null ? -1 : v.indexOf('=');
        if (eq <= 0) {
            throw error(t, "--define needs SYMBOL=value, got " + (v == null ? "nothing" : "'" + v + "'"));
        }
        defines.put(v.substring(0, eq), v.substring(eq + 1));
    }

    // ---- events -------------------------------------------------------------------------

    private Event event() throws ScriptSyntaxException {
        Token t = lx.peek();
        TimeSpec time;
        if (t.is('*')) {
            lx.next();
            time = new TimeSpec.Any();
        } else if (t.is('+')) {
            lx.next();
            long a = time("a time after +");
            if (lx.peek().is('~')) {
                lx.next();
                expectPunct('+', "a relative range ends with +seconds, as in +.1~+.2");
                time = new TimeSpec.RelativeRange(a, time("the end of the time range"));
            } else {
                time = new TimeSpec.Relative(a);
            }
        } else if (t.kind() == Kind.INT || t.kind() == Kind.FLOAT) {
            long a = time("an event time");
            if (lx.peek().is('~')) {
                lx.next();
                time = new TimeSpec.AbsoluteRange(a, time("the end of the time range"));
            } else {
                time = new TimeSpec.Absolute(a);
            }
        } else {
            throw error(t, "expected an event time (0, 1.5, +.1, +.1~+.2 or *), found " + describe(t));
        }
        Action action = action();
        switch (time) {
            case TimeSpec.AbsoluteRange r when r.endUsecs() < r.startUsecs() -> throw error(t, "time range is backwards: " + r);
            case TimeSpec.RelativeRange r when r.endUsecs() < r.startUsecs() -> throw error(t, "time range is backwards: " + r);
            default -> { }
        }
        if (!(action instanceof Action.PacketOut)) {
            if (time instanceof TimeSpec.Any) {
                throw error(t, "event time * can only be used with outbound packets");
            }
            if (time instanceof TimeSpec.AbsoluteRange || time instanceof TimeSpec.RelativeRange) {
                throw error(t, "event time range can only be used with outbound packets");
            }
        }
        return new Event(lx.line(t.start()), lx.column(t.start()), time, action);
    }

    /** Seconds as written (integer or decimal) to microseconds, exactly, fractions of a microsecond dropped. */
    private long time(String what) throws ScriptSyntaxException {
        Token t = lx.peek();
        if (t.kind() != Kind.INT && t.kind() != Kind.FLOAT) {
            throw error(t, "expected " + what + " in seconds, found " + describe(t));
        }
        lx.next();
        BigDecimal secs = new BigDecimal(t.text());
        if (secs.signum() < 0) {
            throw error(t, "negative time " + t.text());
        }
        try {
            return secs.movePointRight(6).setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw error(t, "time " + t.text() + " is out of range");
        }
    }

    private Action action() throws ScriptSyntaxException {
        Token t = lx.peek();
        if (t.is('<') || t.is('>')) {
            lx.next();
            boolean inbound = t.is('<');
            Packet p = packet(inbound);
            return inbound ? new Action.PacketIn(p) : new Action.PacketOut(p);
        }
        if (t.kind() == Kind.BACKQUOTE) {
            lx.next();
            return new Action.Command(t.value());
        }
        if (t.kind() == Kind.CODE) {
            lx.next();
            return new Action.Python(t.value(), lx.line(t.start()));
        }
        if (t.kind() == Kind.ELLIPSIS || t.kind() == Kind.WORD && lx.peek(1).is('(')) {
            return syscall();
        }
        throw error(t, "expected a packet (< or >), a system call name(...), a `command` or %{ code }% after the time, found "
                + describe(t));
    }

    // ---- system calls -------------------------------------------------------------------

    private Action.Syscall syscall() throws ScriptSyntaxException {
        OptionalLong end = OptionalLong.empty();
        if (lx.peek().kind() == Kind.ELLIPSIS) {
            lx.next();
            end = OptionalLong.of(time("the time the blocking call returns (as in +0...0.100 read(...))"));
        }
        Token name = lx.peek();
        if (name.kind() != Kind.WORD || !lx.peek(1).is('(')) {
            throw error(name, "expected a system call name and its arguments, as in read(4, ..., 1000), found " + describe(name));
        }
        lx.next();
        lx.next();
        List<Expr> args = exprList(')');
        expectPunct('=', "= and the expected return value after " + name.text() + "(...)");
        // A word result may be followed by a note in parentheses ("= O_RDWR (flags)"), which is not a call.
        Expr result = lx.peek().kind() == Kind.WORD && lx.peek(1).is('(') ? new Expr.Word(lx.next().text()) : expr();
        Optional<String> errno = Optional.empty();
        if (lx.peek().kind() == Kind.WORD) {
            errno = Optional.of(lx.next().text());
        }
        Optional<String> note = Optional.empty();
        if (lx.peek().is('(')) {
            Token open = lx.next();
            StringBuilder b = new StringBuilder();
            while (!lx.peek().is(')')) {
                Token w = lx.next();
                if (w.kind() == Kind.EOF) {
                    throw error(open, "unclosed ( in the note after the return value");
                }
                b.append(b.isEmpty() ? "" : " ").append(w.text());
            }
            lx.next();
            note = Optional.of(b.toString());
        }
        return new Action.Syscall(name.text(), args, result, errno, note, end);
    }

    private List<Expr> exprList(char close) throws ScriptSyntaxException {
        List<Expr> out = new ArrayList<>();
        if (lx.peek().is(close)) {
            lx.next();
            return out;
        }
        while (true) {
            out.add(expr());
            Token t = lx.peek();
            if (t.is(',')) {
                lx.next();
            } else if (t.is(close)) {
                lx.next();
                return out;
            } else {
                throw error(t, "expected , or " + close + " in the list, found " + describe(t));
            }
        }
    }

    private Expr expr() throws ScriptSyntaxException {
        Expr first = term();
        if (!lx.peek().is('|')) {
            return first;
        }
        List<Expr> ops = new ArrayList<>();
        ops.add(first);
        while (lx.peek().is('|')) {
            lx.next();
            ops.add(term());
        }
        return new Expr.Or(ops);
    }

    private Expr term() throws ScriptSyntaxException {
        Token t = lx.peek();
        switch (t.kind()) {
            case ELLIPSIS -> {
                lx.next();
                return Expr.ELLIPSIS;
            }
            case INT, HEX -> {
                lx.next();
                return new Expr.Int(number(t), t.text());
            }
            case STRING -> {
                StringBuilder b = new StringBuilder();
                while (lx.peek().kind() == Kind.STRING) {
                    b.append(lx.next().value());
                }
                boolean prefix = false;
                if (lx.peek().kind() == Kind.ELLIPSIS) {
                    lx.next();
                    prefix = true;
                }
                return new Expr.Str(b.toString(), prefix);
            }
            case WORD -> {
                lx.next();
                List<Expr> args = List.of();
                boolean call = false;
                if (lx.peek().is('(')) {
                    lx.next();
                    args = exprList(')');
                    call = true;
                }
                if (lx.peek().is('=')) {
                    lx.next();
                    return new Expr.Field(t.text(), args, expr());
                }
                return call ? new Expr.Call(t.text(), args) : new Expr.Word(t.text());
            }
            case PUNCT -> {
                if (t.is('[')) {
                    lx.next();
                    return new Expr.Array(exprList(']'));
                }
                if (t.is('{')) {
                    lx.next();
                    return new Expr.Struct(exprList('}'));
                }
            }
            default -> { }
        }
        throw error(t, "expected an argument (a number, a CONSTANT, ..., \"string\", [array] or {struct}), found " + describe(t));
    }

    // ---- packets ------------------------------------------------------------------------

    private Packet packet(boolean inbound) throws ScriptSyntaxException {
        List<Packet.Encapsulation> encaps = new ArrayList<>();
        while (true) {
            Token t = lx.peek();
            if (t.isWord("ipv4") || t.isWord("ipv6")) {
                encaps.add(encapsulation());
            } else if (t.isWord("gre") || t.isWord("GREv0") || t.isWord("mpls")) {
                throw error(t, t.text() + " encapsulation is not supported; only ipv4 and ipv6 outer headers are");
            } else {
                break;
            }
        }
        Token infoAt = lx.peek();
        Packet.IpInfo ip = optIpInfo();
        if (ip.tos() == Packet.TosCheck.ECT01 && inbound) {
            throw error(infoAt, "[ect01] can only be used with outbound packets");
        }
        Token t = lx.peek();
        Packet.Transport transport;
        if (t.isWord("udp")) {
            if (ip.tos() == Packet.TosCheck.ECN) {
                throw error(infoAt, "ECN can only be used with TCP packets");
            }
            transport = udp();
        } else if (t.isWord("icmp")) {
            transport = icmp();
        } else {
            transport = tcp(inbound);
        }
        return new Packet(encaps, ip, transport);
    }

    private Packet.Encapsulation encapsulation() throws ScriptSyntaxException {
        Token v = lx.next();
        int version = v.text().equals("ipv4") ? 4 : 6;
        Packet.IpInfo info = optIpInfo();
        Kind addr = version == 4 ? Kind.IPV4 : Kind.IPV6;
        String src = expectKind(addr, "an IPv" + version + " source address").text();
        expectPunct('>', "> between the source and destination addresses");
        String dst = expectKind(addr, "an IPv" + version + " destination address").text();
        expectPunct(':', ": after the outer header's addresses");
        return new Packet.Encapsulation(version, info, src, dst);
    }

    private Packet.IpInfo optIpInfo() throws ScriptSyntaxException {
        Token open = lx.peek();
        char close;
        if (open.is('[')) {
            close = ']';
        } else if (open.is('(')) {
            close = ')';
        } else {
            return Packet.IpInfo.NONE;
        }
        lx.next();
        Packet.TosCheck tos = Packet.TosCheck.NONE;
        int tosValue = 0;
        OptionalInt flow = OptionalInt.empty();
        OptionalInt ttl = OptionalInt.empty();
        while (true) {
            Token k = lx.next();
            String w = k.kind() == Kind.WORD ? k.text() : "";
            switch (w) {
                case "noecn", "ect0", "ect1", "ce", "ect01", "tos" -> {
                    if (tos != Packet.TosCheck.NONE) {
                        throw error(k, "TOS/ECN given twice");
                    }
                    switch (w) {
                        case "noecn" -> { tos = Packet.TosCheck.ECN; tosValue = Packet.NOT_ECT; }
                        case "ect0" -> { tos = Packet.TosCheck.ECN; tosValue = Packet.ECT0; }
                        case "ect1" -> { tos = Packet.TosCheck.ECN; tosValue = Packet.ECT1; }
                        case "ce" -> { tos = Packet.TosCheck.ECN; tosValue = Packet.CE; }
                        case "ect01" -> tos = Packet.TosCheck.ECT01;
                        default -> {
                            Token h = expectKind(Kind.HEX, "a hex TOS byte after tos, as in tos 0x10");
                            tos = Packet.TosCheck.TOS;
                            tosValue = (int) ranged(h, 0xff, "tos out of range for 8 bits");
                        }
                    }
                }
                case "flowlabel" -> {
                    Token h = expectKind(Kind.HEX, "a hex flow label after flowlabel, as in flowlabel 0x12345");
                    flow = OptionalInt.of((int) ranged(h, 0xfffff, "flowlabel out of range for 20 bits"));
                }
                case "ttl" -> {
                    Token n = expectKind(Kind.INT, "a TTL after ttl");
                    ttl = OptionalInt.of((int) ranged(n, 0xff, "ttl out of range for 8 bits"));
                }
                default -> throw error(k, "expected noecn, ect0, ect1, ce, ect01, tos 0x.., flowlabel 0x.. or ttl N in "
                        + open.text() + close + ", found " + describe(k));
            }
            Token sep = lx.next();
            if (sep.is(close)) {
                return new Packet.IpInfo(tos, tosValue, flow, ttl);
            }
            if (!sep.is(',')) {
                throw error(sep, "expected , or " + close + " after the IP information, found " + describe(sep));
            }
        }
    }

    private Packet.Tcp tcp(boolean inbound) throws ScriptSyntaxException {
        int[] ports = ports();
        Token f = lx.peek();
        String letters;
        if (f.is('.')) {
            lx.next();
            letters = ".";
        } else if (f.is('-')) {
            lx.next();
            letters = "";
        } else if (f.kind() == Kind.WORD) {
            lx.next();
            letters = f.text();
            if (lx.peek().is('.')) {
                lx.next();
                letters += ".";
            } else if (isAce(lx.peek())) {
                letters += lx.next().text();
            }
        } else if (isAce(f)) {
            lx.next();
            letters = f.text();
        } else {
            throw error(f, "expected TCP flags (S, S., ., P., F., R, SEW, - ...), udp or icmp, found " + describe(f));
        }
        TcpFlags flags = TcpFlags.parse(letters);
        if (flags == null) {
            throw error(f, "invalid TCP flags '" + letters + "': use F S R P . U E W A, or a digit 0-7 for ACE without E W A");
        }
        Token seqAt = lx.peek();
        long[] seq = seqRange("sequence numbers start:end(length), as in 1:1001(1000)");
        OptionalLong ack = OptionalLong.empty();
        if (lx.peek().isWord("ack")) {
            lx.next();
            ack = OptionalLong.of(ranged(expectKind(Kind.INT, "an ack number after ack"), U32, "TCP ack sequence number out of range"));
        }
        OptionalInt win = OptionalInt.empty();
        Token winAt = lx.peek();
        if (winAt.isWord("win")) {
            lx.next();
            win = OptionalInt.of((int) ranged(expectKind(Kind.INT, "a window after win"), 0xffff, "TCP window value out of range"));
        }
        int urg = 0;
        if (lx.peek().isWord("urg")) {
            lx.next();
            urg = (int) ranged(expectKind(Kind.INT, "an urgent pointer after urg"), 0xffff, "urg_ptr value out of range");
        }
        Optional<List<ScriptTcpOption>> options = Optional.of(List.of());
        Token optAt = lx.peek();
        if (optAt.is('<')) {
            options = tcpOptions(inbound);
        }
        if (lx.peek().is('{')) {
            throw error(lx.peek(), "packet fuzzing specifications {...} are not supported");
        }
        if (inbound && win.isEmpty()) {
            throw error(seqAt, "window must be specified for inbound packets (win N)");
        }
        return new Packet.Tcp(ports[0], ports[1], flags, seq[0], (int) seq[1], ack, win, urg, options);
    }

    private static boolean isAce(Token t) {
        return t.kind() == Kind.FLOAT && t.text().matches("\\.[0-7]");
    }

    /** {@code start:end(len)} with packetdrill's checks; returns {start, len}. */
    private long[] seqRange(String what) throws ScriptSyntaxException {
        Token s = expectKind(Kind.INT, what);
        long start = ranged(s, U32, "TCP start sequence number out of range");
        expectPunct(':', what);
        Token e = expectKind(Kind.INT, what);
        long end = ranged(e, U32, "TCP end sequence number out of range");
        expectPunct('(', what);
        Token l = expectKind(Kind.INT, what);
        long len = ranged(l, 0xffff, "TCP payload size out of range");
        expectPunct(')', what);
        if (end != start + len) {
            throw error(s, "inconsistent TCP sequence numbers and payload size: " + start + ":" + end + "(" + len + ")");
        }
        return new long[] {start, len};
    }

    private Optional<List<ScriptTcpOption>> tcpOptions(boolean inbound) throws ScriptSyntaxException {
        Token open = lx.next();
        if (lx.peek().kind() == Kind.ELLIPSIS) {
            lx.next();
            expectPunct('>', "> after <...");
            if (inbound) {
                throw error(open, "<...> for TCP options can only be used with outbound packets");
            }
            return Optional.empty();
        }
        List<ScriptTcpOption> list = new ArrayList<>();
        int bytes = 0;
        while (true) {
            ScriptTcpOption o = tcpOption();
            list.add(o);
            bytes += o.length();
            Token sep = lx.next();
            if (sep.is('>')) {
                break;
            }
            if (!sep.is(',')) {
                throw error(sep, "expected , or > in the TCP option list, found " + describe(sep));
            }
        }
        if (bytes % 4 != 0) {
            throw error(open, "TCP options are not padded correctly to ensure TCP header is a multiple of 4 bytes: "
                    + bytes % 4 + " excess bytes");
        }
        if (bytes > 40) {
            throw error(open, "TCP header too large: " + bytes + " option bytes, at most 40 fit");
        }
        return Optional.of(list);
    }

    private ScriptTcpOption tcpOption() throws ScriptSyntaxException {
        Token t = lx.next();
        String w = t.kind() == Kind.WORD ? t.text() : "";
        return switch (w) {
            case "nop" -> new ScriptTcpOption.Nop();
            case "eol" -> new ScriptTcpOption.Eol();
            case "sackOK" -> new ScriptTcpOption.SackPermitted();
            case "mss" -> new ScriptTcpOption.Mss((int) ranged(expectKind(Kind.INT, "a value after mss"), 0xffff, "mss value out of range"));
            case "wscale" -> new ScriptTcpOption.WindowScale(
                    (int) ranged(expectKind(Kind.INT, "a shift count after wscale"), 0xff, "window scale shift count out of range"));
            case "sack" -> {
                List<ScriptTcpOption.Sack.Block> blocks = new ArrayList<>();
                do {
                    Token l = expectKind(Kind.INT, "a SACK block left:right");
                    long left = ranged(l, U32, "TCP SACK left sequence number out of range");
                    expectPunct(':', "a SACK block left:right");
                    long right = ranged(expectKind(Kind.INT, "a SACK block left:right"), U32, "TCP SACK right sequence number out of range");
                    blocks.add(new ScriptTcpOption.Sack.Block(left, right));
                } while (lx.peek().kind() == Kind.INT);
                yield new ScriptTcpOption.Sack(blocks);
            }
            case "TS" -> {
                expectWord("val", "TS val X ecr Y");
                long val = ranged(expectKind(Kind.INT, "TS val X ecr Y"), U32, "ts val out of range");
                expectWord("ecr", "TS val X ecr Y");
                long ecr = ranged(expectKind(Kind.INT, "TS val X ecr Y"), U32, "ecr val out of range");
                yield new ScriptTcpOption.Timestamp(val, ecr);
            }
            case "FO", "FOEXP" -> {
                Token c = lx.peek();
                byte[] cookie = new byte[0];
                if (c.kind() == Kind.WORD || c.kind() == Kind.INT) {
                    lx.next();
                    cookie = hex(c, "TCP fast open cookie", w.equals("FOEXP") ? ScriptTcpOption.MAX_EXP_COOKIE_BYTES
                            : ScriptTcpOption.MAX_COOKIE_BYTES);
                }
                yield new ScriptTcpOption.FastOpen(w.equals("FOEXP"), cookie);
            }
            case "md5" -> {
                Token c = lx.next();
                if (c.kind() != Kind.WORD && c.kind() != Kind.INT) {
                    throw error(c, "expected a hex digest after md5, found " + describe(c));
                }
                yield new ScriptTcpOption.Md5(hex(c, "TCP MD5 digest", ScriptTcpOption.MD5_DIGEST_BYTES));
            }
            default -> throw error(t, "expected a TCP option (nop, eol, mss N, wscale N, sackOK, sack a:b, TS val X ecr Y, "
                    + "FO cookie, FOEXP cookie, md5 digest) or ..., found " + describe(t));
        };
    }

    private byte[] hex(Token t, String what, int maxBytes) throws ScriptSyntaxException {
        String s = t.text();
        if (s.length() % 2 != 0) {
            throw error(t, what + " '" + s + "' has an odd number of digits");
        }
        if (s.length() / 2 > maxBytes) {
            throw error(t, what + " of " + s.length() / 2 + " bytes exceeds maximum length of " + maxBytes + " bytes");
        }
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw error(t, what + " '" + s + "' is not a valid hex string (an undefined symbol? pass it as a define)");
        }
    }

    private Packet.Udp udp() throws ScriptSyntaxException {
        lx.next();
        int[] ports = ports();
        expectPunct('(', "the UDP payload length in parentheses, as in udp (100)");
        int len = (int) ranged(expectKind(Kind.INT, "the UDP payload length"), 0xffff, "UDP payload size out of range");
        expectPunct(')', "the UDP payload length in parentheses, as in udp (100)");
        return new Packet.Udp(ports[0], ports[1], len);
    }

    /** The optional {@code sport>dport} before TCP flags or a UDP length; {0, 0} when not written. */
    private int[] ports() throws ScriptSyntaxException {
        if (lx.peek().kind() != Kind.INT || !lx.peek(1).is('>')) {
            return new int[2];
        }
        int sport = (int) ranged(lx.next(), 0xffff, "source port out of range");
        lx.next();
        int dport = (int) ranged(expectKind(Kind.INT, "a destination port after >"), 0xffff, "destination port out of range");
        return new int[] {sport, dport};
    }

    private Packet.Icmp icmp() throws ScriptSyntaxException {
        lx.next();
        String type = expectKind(Kind.WORD, "an ICMP type (unreachable, packet_too_big, time_exceeded...)").text();
        Optional<String> code = Optional.empty();
        Token c = lx.peek();
        if (c.kind() == Kind.WORD && !c.text().equals("mtu") && !c.text().equals("id")) {
            code = Optional.of(lx.next().text());
        }
        OptionalInt mtu = OptionalInt.empty();
        if (lx.peek().isWord("mtu")) {
            lx.next();
            mtu = OptionalInt.of((int) ranged(expectKind(Kind.INT, "an MTU after mtu"), 0xffffffffL, "mtu out of range"));
        }
        OptionalInt id = OptionalInt.empty();
        if (lx.peek().isWord("id")) {
            lx.next();
            id = OptionalInt.of((int) ranged(expectKind(Kind.INT, "an id after id"), 0xffff, "icmp id out of range"));
        }
        Optional<Packet.Echoed> echoed = Optional.empty();
        if (lx.peek().is('[')) {
            lx.next();
            Token k = lx.peek();
            if (k.isWord("udp") || k.isWord("raw")) {
                lx.next();
                expectPunct('(', "the quoted payload length, as in [udp (100)]");
                int len = (int) ranged(expectKind(Kind.INT, "the quoted payload length"), 0xffff, "payload size out of range");
                expectPunct(')', "the quoted payload length, as in [udp (100)]");
                echoed = Optional.of(new Packet.Echoed(k.text(), 0, len));
            } else {
                long[] seq = seqRange("the quoted TCP segment start:end(length)");
                echoed = Optional.of(new Packet.Echoed("tcp", seq[0], (int) seq[1]));
            }
            expectPunct(']', "] after the quoted packet");
        }
        return new Packet.Icmp(type, code, mtu, id, echoed);
    }

    // ---- tokens ---------------------------------------------------------------------------

    private void expectPunct(char c, String what) throws ScriptSyntaxException {
        Token t = lx.peek();
        if (!t.is(c)) {
            throw error(t, "expected " + what + ", found " + describe(t));
        }
        lx.next();
    }

    private void expectWord(String w, String what) throws ScriptSyntaxException {
        Token t = lx.peek();
        if (!t.isWord(w)) {
            throw error(t, "expected " + what + ", found " + describe(t));
        }
        lx.next();
    }

    private Token expectKind(Kind k, String what) throws ScriptSyntaxException {
        Token t = lx.peek();
        if (t.kind() != k) {
            throw error(t, "expected " + what + ", found " + describe(t));
        }
        return lx.next();
    }

    /** A decimal or hex literal as a 64-bit value (hex read as unsigned, as C's strtoul would). */
    private long number(Token t) throws ScriptSyntaxException {
        BigInteger v = t.kind() == Kind.HEX ? new BigInteger(t.text().substring(2), 16) : new BigInteger(t.text());
        if (t.kind() == Kind.HEX ? v.bitLength() > 64 : v.bitLength() > 63) {
            throw error(t, "integer " + t.text() + " is out of range");
        }
        return v.longValue();
    }

    /** A non-negative literal no larger than {@code max}. */
    private long ranged(Token t, long max, String problem) throws ScriptSyntaxException {
        long v;
        try {
            v = t.kind() == Kind.HEX ? Long.parseLong(t.text().substring(2), 16) : Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw error(t, problem + ": " + t.text());
        }
        if (v < 0 || v > max) {
            throw error(t, problem + ": " + t.text());
        }
        return v;
    }

    private static String describe(Token t) {
        return t.kind() == Kind.EOF ? "the end of the file" : "'" + t.text() + "'";
    }

    private ScriptSyntaxException error(Token t, String problem) {
        return lx.error(t.start(), problem);
    }
}
