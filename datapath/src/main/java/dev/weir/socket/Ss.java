package dev.weir.socket;

import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.core.NetDevice;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ss} (iproute2's socket statistics) over a host's sockets: the listing columns
 * {@code Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process}, laid out as
 * iproute2's {@code ss} lays them out when its output is not a terminal (each column as wide as
 * its widest cell, the addresses right-aligned against their ports).
 *
 * <p>Options: {@code -t}/{@code --tcp}, {@code -u}/{@code --udp} (neither: both), {@code -a}
 * (every state), {@code -l} (listening and unconnected only), {@code -n} (numbers: Weir always
 * prints numeric ports, having no {@code /etc/services}), {@code -4}, {@code -6}, {@code -H} (no
 * header); single letters combine ({@code -uan}). As in iproute2, without {@code -a} or
 * {@code -l} UDP lists connected sockets and TCP all but listening, closed, TIME-WAIT and
 * SYN-RECV ones; the Netid column appears when both protocols are listed and the State column
 * when more than one state may be. Details ({@code -i}, {@code -m}, {@code -e}, {@code -o},
 * {@code -p}) and filters come with TCP. Sockets appear by protocol (UDP, then TCP), family
 * (IPv4, then IPv6) and local port; Linux orders them by its hash tables.
 */
public final class Ss {
    private Ss() {}

    private static final int UDP = 1;
    private static final int TCP = 2;

    /** Runs {@code ss ARGS} on {@code host}, printing to {@code out}. Usage errors are {@link CommandException}s. */
    public static void run(HostSockets host, Args args, PrintWriter out) {
        int dbs = 0;
        boolean all = false;
        boolean listening = false;
        boolean header = true;
        boolean v4 = false;
        boolean v6 = false;
        while (args.hasNext()) {
            String w = args.next();
            String letters;
            if (w.startsWith("--")) {
                char c = switch (w) {
                    case "--tcp" -> 't';
                    case "--udp" -> 'u';
                    case "--all" -> 'a';
                    case "--listening" -> 'l';
                    case "--numeric" -> 'n';
                    case "--ipv4" -> '4';
                    case "--ipv6" -> '6';
                    case "--no-header" -> 'H';
                    default -> throw new CommandException(1, "ss: unrecognized option '" + w + "'");
                };
                letters = String.valueOf(c);
            } else if (w.startsWith("-") && w.length() >= 2) {
                letters = w.substring(1);
            } else {
                throw new CommandException(1, "ss: filters (\"" + w + "\") are not supported by Weir's ss yet");
            }
            for (int i = 0; i < letters.length(); i++) {
                char c = letters.charAt(i);
                switch (c) {
                    case 't' -> dbs |= TCP;
                    case 'u' -> dbs |= UDP;
                    case 'a' -> all = true;
                    case 'l' -> listening = true;
                    case 'n' -> { }
                    case '4' -> v4 = true;
                    case '6' -> v6 = true;
                    case 'H' -> header = false;
                    case 'i', 'm', 'e', 'o', 'p', 'E', 'K', 'x', 'w', 'S', 'd', 'M' -> throw new CommandException(1,
                            "ss: option -" + c + " is not supported by Weir's ss yet (it comes with TCP)");
                    default -> throw new CommandException(1, "ss: invalid option -- '" + c + "'");
                }
            }
        }
        if (dbs == 0) {
            dbs = UDP | TCP;
        }
        if (!v4 && !v6) {
            v4 = v6 = true;
        }
        out.print(render(host.sockets(), dbs, v4, v6, all, listening, header));
        out.flush();
    }

    /** The state names ss prints, by {@code sk_state}. */
    public static String stateName(int state) {
        return switch (state) {
            case Sock.TCP_ESTABLISHED -> "ESTAB";
            case Sock.TCP_SYN_SENT -> "SYN-SENT";
            case Sock.TCP_SYN_RECV -> "SYN-RECV";
            case Sock.TCP_FIN_WAIT1 -> "FIN-WAIT-1";
            case Sock.TCP_FIN_WAIT2 -> "FIN-WAIT-2";
            case Sock.TCP_TIME_WAIT -> "TIME-WAIT";
            case Sock.TCP_CLOSE -> "UNCONN";
            case Sock.TCP_CLOSE_WAIT -> "CLOSE-WAIT";
            case Sock.TCP_LAST_ACK -> "LAST-ACK";
            case Sock.TCP_LISTEN -> "LISTEN";
            case Sock.TCP_CLOSING -> "CLOSING";
            default -> "UNKNOWN";
        };
    }

    private static int stateBit(int state) {
        return 1 << state;
    }

    /** iproute2's SS_CONN: every state but LISTEN, CLOSE, TIME-WAIT and SYN-RECV. */
    private static final int SS_CONN = 0xfff & ~(stateBit(Sock.TCP_LISTEN) | stateBit(Sock.TCP_CLOSE)
            | stateBit(Sock.TCP_TIME_WAIT) | stateBit(Sock.TCP_SYN_RECV)) & ~1;

    static String render(List<Sock> socks, int dbs, boolean v4, boolean v6, boolean all, boolean listening, boolean header) {
        int states;
        if (all) {
            states = 0xfff & ~1;
        } else if (listening) {
            states = stateBit(Sock.TCP_LISTEN) | stateBit(Sock.TCP_CLOSE);
        } else {
            states = ((dbs & UDP) != 0 ? stateBit(Sock.TCP_ESTABLISHED) : 0) | ((dbs & TCP) != 0 ? SS_CONN : 0);
        }
        boolean netid = Integer.bitCount(dbs) > 1;
        boolean stateCol = Integer.bitCount(states) > 1;
        List<String[]> rows = new ArrayList<>();
        if (header) {
            rows.add(new String[] {"Netid", "State", "Recv-Q", "Send-Q", "Local Address:", "Port", "Peer Address:", "Port", "Process", ""});
        }
        for (int db : new int[] {UDP, TCP}) {
            if ((dbs & db) == 0) {
                continue;
            }
            for (int fam : new int[] {SockAddr.AF_INET, SockAddr.AF_INET6}) {
                if (!(fam == SockAddr.AF_INET ? v4 : v6)) {
                    continue;
                }
                List<Sock> list = new ArrayList<>();
                for (Sock s : socks) {
                    int proto = db == UDP ? SockOpt.IPPROTO_UDP : SockOpt.IPPROTO_TCP;
                    if (s.protocol == proto && s.family == fam && s.num != 0 && (states & stateBit(s.state)) != 0) {
                        list.add(s);
                    }
                }
                list.sort((a, b) -> Integer.compare(a.num, b.num));
                for (Sock s : list) {
                    rows.add(row(s, db == UDP ? "udp" : "tcp"));
                }
            }
        }
        boolean[] enabled = {netid, stateCol, true, true, true, true, true, true, true, true};
        return layout(rows, enabled);
    }

    private static String[] row(Sock s, String netid) {
        String dev = null;
        if (s.boundDevIf != 0) {
            NetDevice d = s.net.device(s.boundDevIf);
            dev = d != null ? d.name() : Integer.toString(s.boundDevIf);
        }
        return new String[] {netid, stateName(s.state), pad6(s.ssRecvQ()), pad6(s.ssSendQ()),
            addr(s, s.rcvHi, s.rcvLo, dev) + ":", port(s.num), addr(s, s.dstHi, s.dstLo, null) + ":", port(s.dport), "", ""};
    }

    private static String pad6(long v) {
        String t = Long.toString(v);
        StringBuilder sb = new StringBuilder(t);
        while (sb.length() < 6) {
            sb.append(' ');
        }
        return sb.toString();
    }

    private static String port(int p) {
        return p == 0 ? "*" : Integer.toString(p);
    }

    /** {@code inet_addr_print}: IPv4 dotted; IPv6 bracketed, the wildcard of a dual-stack socket as {@code *}. */
    private static String addr(Sock s, long hi, long lo, String dev) {
        String a;
        if (s.family == SockAddr.AF_INET) {
            a = Ipv4Address.toString((int) lo);
        } else if (!s.v6only && hi == 0 && lo == 0) {
            a = "*";
        } else {
            a = "[" + Ipv6Address.toString(hi, lo) + "]";
        }
        return dev == null ? a : a + "%" + dev;
    }

    // ---- ss's column layout (render_calc_width without a terminal, then render) ----

    private static final boolean[] RIGHT = {false, false, false, false, true, false, true, false, false, false};
    private static final String[] LDELIM = {"", " ", " ", " ", " ", "", " ", "", "", ""};

    static String layout(List<String[]> rows, boolean[] enabled) {
        int n = enabled.length;
        int[] width = new int[n];
        for (String[] r : rows) {
            for (int c = 0; c < n; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        boolean first = true;
        for (int c = 0; c < n; c++) {
            if (!enabled[c]) {
                width[c] = 0;
                continue;
            }
            if (!first && width[c] > 0) {
                width[c] += LDELIM[c].length();
            }
            if (width[c] > 0) {
                first = false;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            boolean started = false;
            for (int c = 0; c < n; c++) {
                if (!enabled[c]) {
                    continue;
                }
                int printed = 0;
                if (started) {
                    sb.append(LDELIM[c]);
                    printed = LDELIM[c].length();
                }
                started = true;
                String t = r[c];
                if (width[c] > 0 && RIGHT[c]) {
                    printed += spaces(sb, width[c] - t.length() - printed);
                }
                sb.append(t);
                printed += t.length();
                if (width[c] > 0 && !RIGHT[c]) {
                    spaces(sb, width[c] - printed);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static int spaces(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(' ');
        }
        return Math.max(n, 0);
    }
}
