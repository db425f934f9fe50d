package dev.weir.tools.packetdrill;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Lists what a script asks of the stack and of the runner, as named features with the number of
 * times each occurs, so the runner can report a script UNSUPPORTED by the first feature it lacks
 * and the suite can be surveyed. Names are {@code category detail}:
 *
 * <ul>
 *   <li>{@code option --tolerance_usecs}, {@code setup sysctl net.ipv4.tcp_ecn},
 *       {@code setup command ip route}, {@code setup write /sys/module/...}: configuration;
 *   <li>{@code syscall sendto}, {@code syscall blocking}, {@code sockopt SOL_TCP TCP_FASTOPEN},
 *       {@code constant MSG_FASTOPEN}, {@code field msg_control}, {@code errno EINPROGRESS};
 *   <li>{@code packet tcp}, {@code packet icmp unreachable frag_needed}, {@code packet udp},
 *       {@code tcp option FO}, {@code tcp options any}, {@code tcp flag E}, {@code ip ecn ect0},
 *       {@code ip tos}, {@code encapsulation ipv4};
 *   <li>{@code time *}, {@code time range};
 *   <li>{@code python block}, {@code python unsupported}, {@code tcpi tcpi_snd_cwnd};
 *   <li>{@code command tc} for a shell command run at a time.
 * </ul>
 */
public final class FeatureScan {
    private FeatureScan() {}

    /** Feature name to count, sorted by name. */
    public static SortedMap<String, Integer> scan(Script script) {
        SortedMap<String, Integer> out = new TreeMap<>();
        for (ScriptOption o : script.options()) {
            add(out, "option --" + o.name());
        }
        for (ShellCommand c : script.includes()) {
            for (ShellLines.Step s : c.steps()) {
                switch (s) {
                    case ShellLines.Include i -> add(out, "setup include " + i.path().substring(i.path().lastIndexOf('/') + 1));
                    case ShellLines.Sysctl y -> add(out, "setup sysctl " + y.name());
                    case ShellLines.WriteFile w -> add(out, "setup write " + w.path());
                    case ShellLines.Other x -> add(out, "setup command " + String.join(" ", x.words().subList(0, Math.min(2, x.words().size()))));
                }
            }
        }
        for (Event e : script.events()) {
            switch (e.time()) {
                case TimeSpec.Any a -> add(out, "time *");
                case TimeSpec.AbsoluteRange r -> add(out, "time range");
                case TimeSpec.RelativeRange r -> add(out, "time range");
                default -> { }
            }
            switch (e.action()) {
                case Action.Syscall s -> syscall(s, out);
                case Action.PacketIn p -> packet(p.packet(), out);
                case Action.PacketOut p -> packet(p.packet(), out);
                case Action.Python p -> {
                    add(out, "python block");
                    PythonBlock b = PythonBlock.of(p);
                    if (!b.isSupported()) {
                        add(out, "python unsupported");
                    }
                    for (String n : b.namesRead()) {
                        if (TcpInfoFields.FIELDS.contains(n)) {
                            add(out, "tcpi " + n);
                        }
                    }
                }
                case Action.Command c -> {
                    for (ShellLines.Step s : ShellLines.parse(c.text())) {
                        String word = s instanceof ShellLines.Other x ? x.words().getFirst()
                                : s instanceof ShellLines.Sysctl ? "sysctl" : s instanceof ShellLines.WriteFile ? "echo" : "include";
                        add(out, "command " + word);
                    }
                }
            }
        }
        return out;
    }

    private static void syscall(Action.Syscall s, Map<String, Integer> out) {
        add(out, "syscall " + s.name());
        if (s.isBlocking()) {
            add(out, "syscall blocking");
        }
        s.errno().ifPresent(e -> add(out, "errno " + e));
        List<Expr> args = s.args();
        if ((s.name().equals("setsockopt") || s.name().equals("getsockopt")) && args.size() >= 3) {
            add(out, "sockopt " + args.get(1) + " " + args.get(2));
        }
        for (Expr a : args) {
            expr(a, out);
        }
    }

    private static void expr(Expr e, Map<String, Integer> out) {
        switch (e) {
            case Expr.Word w -> add(out, "constant " + w.name());
            case Expr.Or o -> o.operands().forEach(x -> expr(x, out));
            case Expr.Field f -> {
                add(out, "field " + f.name());
                f.args().forEach(x -> expr(x, out));
                expr(f.value(), out);
            }
            case Expr.Call c -> {
                add(out, "call " + c.name());
                c.args().forEach(x -> expr(x, out));
            }
            case Expr.Array a -> a.elements().forEach(x -> expr(x, out));
            case Expr.Struct s -> s.members().forEach(x -> expr(x, out));
            default -> { }
        }
    }

    private static void packet(Packet p, Map<String, Integer> out) {
        for (Packet.Encapsulation e : p.encapsulations()) {
            add(out, "encapsulation ipv" + e.ipVersion());
        }
        switch (p.ip().tos()) {
            case ECN -> add(out, "ip ecn " + new String[] {"noecn", "ect1", "ect0", "ce"}[p.ip().tosValue()]);
            case ECT01 -> add(out, "ip ecn ect01");
            case TOS -> add(out, "ip tos");
            case NONE -> { }
        }
        p.ip().flowLabel().ifPresent(f -> add(out, "ip flowlabel"));
        p.ip().ttl().ifPresent(t -> add(out, "ip ttl"));
        switch (p.transport()) {
            case Packet.Tcp t -> {
                add(out, "packet tcp");
                for (char c : "UEWA".toCharArray()) {
                    if (t.flags().toString().indexOf(c) >= 0) {
                        add(out, "tcp flag " + c);
                    }
                }
                if (t.flags().ace()) {
                    add(out, "tcp flag ACE");
                }
                if (t.urgentPointer() != 0) {
                    add(out, "tcp urg");
                }
                if (t.sourcePort() != 0 || t.destinationPort() != 0) {
                    add(out, "tcp ports");
                }
                if (t.options().isEmpty()) {
                    add(out, "tcp options any");
                } else {
                    for (ScriptTcpOption o : t.options().get()) {
                        String name = switch (o) {
                            case ScriptTcpOption.FastOpen f -> f.experimental() ? "FOEXP" : "FO";
                            case ScriptTcpOption.Timestamp ts -> "TS";
                            default -> o.toString().split(" ")[0];
                        };
                        add(out, "tcp option " + name);
                    }
                }
            }
            case Packet.Udp u -> add(out, "packet udp");
            case Packet.Icmp i -> add(out, "packet icmp " + i.type() + i.code().map(c -> " " + c).orElse(""));
        }
    }

    private static void add(Map<String, Integer> out, String feature) {
        out.merge(feature, 1, Integer::sum);
    }
}
