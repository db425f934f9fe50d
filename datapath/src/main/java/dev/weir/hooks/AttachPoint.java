package dev.weir.hooks;

import dev.weir.api.prog.NfHook;
import dev.weir.api.prog.ProgramType;
import dev.weir.api.prog.StageFunction;
import dev.weir.api.prog.Tracepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a program is attached, with the text form the command line and topology files use:
 *
 * <pre>
 *   xdp dev DEV
 *   tc ingress|egress dev DEV
 *   netfilter ipv4|ipv6 PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING
 *   tracepoint SYSTEM:EVENT            (net:netif_receive_skb, skb:kfree_skb, ...)
 *   probe FUNCTION entry|exit          (ip_rcv, dev_queue_xmit, ...)
 *   congestion [NAME]                  (registered under the program's name; NAME, if given, must be it)
 * </pre>
 *
 * @param kind which hook
 * @param device the device (xdp, tc), else null
 * @param ingress tc: ingress (true) or egress
 * @param pf netfilter: {@link NfHook#PF_IPV4} or {@link NfHook#PF_IPV6}
 * @param hook netfilter: {@link NfHook#PREROUTING} ..
 * @param tracepoint tracepoint, else null
 * @param function probe: the stage function, else null
 * @param exit probe: at exit (true) or entry
 * @param name congestion: the name asked for, or null
 */
public record AttachPoint(Kind kind, String device, boolean ingress, int pf, int hook, Tracepoint tracepoint,
                          StageFunction function, boolean exit, String name) {
    /** The kinds of hook, with the program type each takes. */
    public enum Kind {
        XDP(ProgramType.XDP), TC(ProgramType.TC), NETFILTER(ProgramType.NETFILTER), TRACEPOINT(ProgramType.TRACEPOINT),
        PROBE(ProgramType.PROBE), CONGESTION(ProgramType.CONGESTION_CONTROL);

        private final ProgramType type;

        Kind(ProgramType type) {
            this.type = type;
        }

        public ProgramType programType() {
            return type;
        }
    }

    public static AttachPoint xdp(String dev) {
        return new AttachPoint(Kind.XDP, dev, false, 0, 0, null, null, false, null);
    }

    public static AttachPoint tc(String dev, boolean ingress) {
        return new AttachPoint(Kind.TC, dev, ingress, 0, 0, null, null, false, null);
    }

    public static AttachPoint netfilter(int pf, int hook) {
        return new AttachPoint(Kind.NETFILTER, null, false, pf, hook, null, null, false, null);
    }

    public static AttachPoint tracepoint(Tracepoint tp) {
        return new AttachPoint(Kind.TRACEPOINT, null, false, 0, 0, tp, null, false, null);
    }

    public static AttachPoint probe(StageFunction f, boolean exit) {
        return new AttachPoint(Kind.PROBE, null, false, 0, 0, null, f, exit, null);
    }

    public static AttachPoint congestion(String name) {
        return new AttachPoint(Kind.CONGESTION, null, false, 0, 0, null, null, false, name);
    }

    /** The program type a program attached here must have. */
    public ProgramType programType() {
        return kind.programType();
    }

    /** The usage line listing every form, for error messages. */
    public static final String USAGE = "xdp dev DEV | tc ingress|egress dev DEV | netfilter ipv4|ipv6 HOOK"
            + " | tracepoint SYSTEM:EVENT | probe FUNCTION entry|exit | congestion [NAME]";

    /**
     * Parses the text form; the message of the IllegalArgumentException says what was wrong and
     * what is allowed.
     */
    public static AttachPoint parse(String text) {
        List<String> w = new ArrayList<>(Arrays.asList(text.trim().split("\\s+")));
        if (w.isEmpty() || w.get(0).isEmpty()) {
            throw new IllegalArgumentException("empty attach point; expected " + USAGE);
        }
        String k = w.get(0).toLowerCase(Locale.ROOT);
        switch (k) {
            case "xdp" -> {
                expect(text, w, 3, "xdp dev DEV");
                word(text, w, 1, "dev");
                return xdp(w.get(2));
            }
            case "tc" -> {
                expect(text, w, 4, "tc ingress|egress dev DEV");
                boolean in = switch (w.get(1)) {
                    case "ingress" -> true;
                    case "egress" -> false;
                    default -> throw new IllegalArgumentException("attach point '" + text + "': expected ingress or egress after tc, got '"
                            + w.get(1) + "'");
                };
                word(text, w, 2, "dev");
                return tc(w.get(3), in);
            }
            case "netfilter", "nf" -> {
                expect(text, w, 3, "netfilter ipv4|ipv6 PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING");
                int pf = switch (w.get(1).toLowerCase(Locale.ROOT)) {
                    case "ipv4", "ip", "inet" -> NfHook.PF_IPV4;
                    case "ipv6", "ip6", "inet6" -> NfHook.PF_IPV6;
                    default -> throw new IllegalArgumentException("attach point '" + text + "': expected ipv4 or ipv6, got '" + w.get(1) + "'");
                };
                int hook = NfHook.byName(w.get(2));
                if (hook < 0) {
                    throw new IllegalArgumentException("attach point '" + text + "': no netfilter hook '" + w.get(2)
                            + "' (PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING)");
                }
                return netfilter(pf, hook);
            }
            case "tracepoint", "tp" -> {
                expect(text, w, 2, "tracepoint SYSTEM:EVENT");
                Tracepoint tp = Tracepoint.byName(w.get(1));
                if (tp == null) {
                    List<String> names = new ArrayList<>();
                    for (Tracepoint t : Tracepoint.values()) {
                        names.add(t.fullName());
                    }
                    throw new IllegalArgumentException("attach point '" + text + "': no tracepoint '" + w.get(1) + "' (" + String.join(", ", names) + ")");
                }
                return tracepoint(tp);
            }
            case "probe", "kprobe", "fentry" -> {
                expect(text, w, 3, "probe FUNCTION entry|exit");
                StageFunction f = StageFunction.bySymbol(w.get(1));
                if (f == null) {
                    List<String> names = new ArrayList<>();
                    for (StageFunction s : StageFunction.values()) {
                        names.add(s.symbol());
                    }
                    throw new IllegalArgumentException("attach point '" + text + "': no stage function '" + w.get(1) + "' ("
                            + String.join(", ", names) + ")");
                }
                boolean exit = switch (w.get(2)) {
                    case "entry" -> false;
                    case "exit" -> true;
                    default -> throw new IllegalArgumentException("attach point '" + text + "': expected entry or exit, got '" + w.get(2) + "'");
                };
                return probe(f, exit);
            }
            case "congestion", "struct_ops", "cc" -> {
                if (w.size() > 2) {
                    throw new IllegalArgumentException("attach point '" + text + "': expected congestion [NAME]");
                }
                return congestion(w.size() == 2 ? w.get(1) : null);
            }
            default -> throw new IllegalArgumentException("attach point '" + text + "': unknown hook '" + w.get(0) + "'; expected " + USAGE);
        }
    }

    private static void expect(String text, List<String> w, int n, String form) {
        if (w.size() != n) {
            throw new IllegalArgumentException("attach point '" + text + "': expected " + form);
        }
    }

    private static void word(String text, List<String> w, int i, String word) {
        if (!w.get(i).equals(word)) {
            throw new IllegalArgumentException("attach point '" + text + "': expected '" + word + "', got '" + w.get(i) + "'");
        }
    }

    /** The text form, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return switch (kind) {
            case XDP -> "xdp dev " + device;
            case TC -> "tc " + (ingress ? "ingress" : "egress") + " dev " + device;
            case NETFILTER -> "netfilter " + (pf == NfHook.PF_IPV4 ? "ipv4" : "ipv6") + " " + NfHook.name(hook);
            case TRACEPOINT -> "tracepoint " + tracepoint.fullName();
            case PROBE -> "probe " + function.symbol() + (exit ? " exit" : " entry");
            case CONGESTION -> "congestion" + (name == null ? "" : " " + name);
        };
    }
}
