package dev.weir.hooks;

import dev.weir.api.maps.MapError;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.core.CommandException;
import dev.weir.maps.MapImpl;
import dev.weir.maps.MapRegistry;
import java.io.PrintWriter;

/**
 * {@code conntrack -L} over the connection table a conntrack program keeps: the map pinned as
 * {@value #MAP}, whose layout is this contract (the plugins' {@code Conntrack} program writes
 * it; any program may, to be listed the same way).
 *
 * <pre>
 * key (40 bytes): the tuple of the connection's original direction
 *   0  u8  family (2 AF_INET, 10 AF_INET6)     1  u8 protocol (6, 17, 1, 58)    2..3 zero
 *   4  u16 source port (ICMP: echo id)         6  u16 destination port (ICMP: type &lt;&lt; 8 | code)
 *   8  16 bytes source address (IPv4: the first 4, the rest zero)
 *   24 16 bytes destination address
 * value (48 bytes):
 *   0  u8  state (TCP: Linux's tcp_conntrack numbers, {@link #TCP_STATES}; others 0)
 *   1  u8  status bits: 1 SEEN_REPLY, 2 ASSURED
 *   2..3 zero   4 u32 mark
 *   8  u64 expiry time (virtual ns)
 *   16 u64 packets, 24 u64 bytes (original direction); 32 u64 packets, 40 u64 bytes (reply)
 * </pre>
 * All numbers big-endian, as every Weir map. Entries whose expiry has passed are not shown (a
 * program removes them lazily; Linux's garbage collector would have).
 */
public final class ConntrackTable {
    /** The pinned map's name. */
    public static final String MAP = "conntrack";
    public static final int KEY_SIZE = 40;
    public static final int VALUE_SIZE = 48;
    public static final int STATUS_SEEN_REPLY = 1;
    public static final int STATUS_ASSURED = 2;
    /** Linux's {@code enum tcp_conntrack} names, by number. */
    public static final String[] TCP_STATES = {"NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT", "LAST_ACK",
        "TIME_WAIT", "CLOSE", "SYN_SENT2"};

    private ConntrackTable() {}

    /** Prints the table as {@code conntrack -L} does; the count line goes to {@code err}, as the tool prints it to stderr. */
    public static void list(MapRegistry maps, long nowNs, PrintWriter out, PrintWriter err) {
        MapImpl m = maps.pinned(MAP);
        if (m == null) {
            throw new CommandException(1, "conntrack v1.4.8 (conntrack-tools): Operation failed: no connection table (load the"
                    + " conntrack program: it pins the map '" + MAP + "')");
        }
        if (m.keySize() != KEY_SIZE || m.valueSize() != VALUE_SIZE) {
            throw new CommandException(1, "conntrack: the pinned map '" + MAP + "' has key " + m.keySize() + "B value " + m.valueSize()
                    + "B; a connection table has key " + KEY_SIZE + "B value " + VALUE_SIZE + "B");
        }
        byte[] key = null;
        byte[] next = new byte[KEY_SIZE];
        byte[] v = new byte[m.userValueSize()];
        int n = 0;
        while (m.userGetNextKey(key, next) == MapError.OK) {
            key = next.clone();
            if (m.userLookup(key, v) != MapError.OK) {
                continue;
            }
            long expires = Bytes.i64(v, 8);
            if (expires <= nowNs) {
                continue;
            }
            out.println(line(key, v, (expires - nowNs) / 1_000_000_000L));
            n++;
        }
        out.flush();
        err.println("conntrack v1.4.8 (conntrack-tools): " + n + " flow entries have been shown.");
        err.flush();
    }

    /** One entry as conntrack prints it. */
    static String line(byte[] k, byte[] v, long timeoutSeconds) {
        int family = k[0] & 0xff;
        int proto = k[1] & 0xff;
        int sport = Bytes.u16(k, 4);
        int dport = Bytes.u16(k, 6);
        String src = addr(k, 8, family);
        String dst = addr(k, 24, family);
        int status = v[1] & 0xff;
        StringBuilder sb = new StringBuilder();
        String name = switch (proto) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            case 58 -> "icmpv6";
            default -> "unknown";
        };
        sb.append(String.format("%-8s %d %d ", name, proto, timeoutSeconds));
        if (proto == 6) {
            int st = v[0] & 0xff;
            sb.append(st < TCP_STATES.length ? TCP_STATES[st] : "UNKNOWN").append(' ');
        }
        boolean icmp = proto == 1 || proto == 58;
        sb.append(tuple(src, dst, sport, dport, icmp));
        if ((status & STATUS_SEEN_REPLY) == 0) {
            sb.append(" [UNREPLIED]");
        }
        int replyType = icmp ? replyIcmpType(proto, dport >>> 8) << 8 | (dport & 0xff) : sport;
        sb.append(' ').append(tuple(dst, src, icmp ? sport : dport, icmp ? replyType : sport, icmp));
        if ((status & STATUS_ASSURED) != 0) {
            sb.append(" [ASSURED]");
        }
        sb.append(" mark=").append(Integer.toUnsignedString(Bytes.i32(v, 4))).append(" use=1");
        return sb.toString();
    }

    private static int replyIcmpType(int proto, int type) {
        if (proto == 1) {
            return switch (type) {
                case 8 -> 0;
                case 13 -> 14;
                case 15 -> 16;
                case 17 -> 18;
                default -> type;
            };
        }
        return type == 128 ? 129 : type;
    }

    private static String tuple(String src, String dst, int a, int b, boolean icmp) {
        if (icmp) {
            return "src=" + src + " dst=" + dst + " type=" + (b >>> 8) + " code=" + (b & 0xff) + " id=" + a;
        }
        return "src=" + src + " dst=" + dst + " sport=" + a + " dport=" + b;
    }

    private static String addr(byte[] k, int off, int family) {
        if (family == 10) {
            return new Ipv6Address(Bytes.i64(k, off), Bytes.i64(k, off + 8)).toString();
        }
        return (k[off] & 0xff) + "." + (k[off + 1] & 0xff) + "." + (k[off + 2] & 0xff) + "." + (k[off + 3] & 0xff);
    }
}
