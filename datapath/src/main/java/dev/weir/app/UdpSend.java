package dev.weir.app;

import static dev.weir.socket.SockOpt.*;

import dev.weir.api.wire.Bytes;
import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.sim.Timer;
import dev.weir.sim.VirtualTime;
import dev.weir.socket.Errno;
import dev.weir.socket.SockAddr;
import dev.weir.socket.SockListener;
import dev.weir.udp.UdpSock;
import java.util.TreeSet;

/**
 * {@code udp-send DEST:PORT [--rate R] [--size N] [--count N] [--duration T] [--bind ADDR[:PORT]]
 * [--tos N]}: a constant-rate UDP sender for overload and queueing experiments, the sending half
 * of an iperf-style UDP test ({@link UdpSink} is the other).
 *
 * <p>Datagrams of {@code --size} payload bytes (default 1000, at least 16) go out at
 * {@code --rate} (default 100pps): a packet rate ({@code 1000pps}) or a bit rate counted over
 * the payload, in tc's units ({@code 10mbit}, {@code 1gbit}, {@code 500kbit}, {@code 2000bps}
 * bytes per second). The i-th datagram is due at {@code start + i / rate}; each carries its
 * sequence number (8 bytes from 0) and its send time (8 bytes, virtual nanoseconds), so the sink
 * can count losses and one-way latency. It stops after {@code --count} datagrams or when
 * {@code --duration} has passed, whichever comes first, or when stopped.
 *
 * <p>It behaves as a blocking sender: when the socket's send buffer is full ({@code EAGAIN}) it
 * waits for it to drain and then sends what is overdue at once, so a sender faster than its path
 * is held back by {@code SO_SNDBUF} as on Linux. Other errors ({@code ECONNREFUSED} after a port
 * unreachable, {@code ENETUNREACH}) are counted, the first of each kind printed.
 *
 * <p>Output (this class's own format):
 * <pre>
 * udp-send: 10.0.1.2:41234 -&gt; 10.0.2.2:5001, 1000 bytes at 1000 datagrams/s (8.000 Mbit/s)
 * udp-send: sendto: Connection refused
 * udp-send: sent 5000 datagrams, 5000000 bytes in 5.000 s (8.000 Mbit/s), 0 errors
 * </pre>
 */
public final class UdpSend extends SimApp {
    static final String USAGE = "usage: udp-send DEST:PORT [--rate PPS|BITRATE] [--size BYTES] [--count N] [--duration TIME]"
            + " [--bind ADDR[:PORT]] [--tos TOS]";

    private final SockAddr dest;
    private final long periodNanos;
    private final int size;
    private final long count;
    private final long duration;
    private final SockAddr bind;
    private final int tos;

    private UdpSock sock;
    private Timer timer;
    private Timer end;
    private long start;
    private long sent;
    private long bytes;
    private long errors;
    private long lastSendTime;
    private boolean blocked;
    private final TreeSet<Integer> reported = new TreeSet<>();
    private final byte[] payload;
    private final SockListener writable = (s, e) -> {
        if (blocked) {
            wakeSoon();
        }
    };

    private UdpSend(AppContext ctx, SockAddr dest, long periodNanos, int size, long count, long duration, SockAddr bind,
            int tos) {
        super("udp-send", ctx);
        this.dest = dest;
        this.periodNanos = periodNanos;
        this.size = size;
        this.count = count;
        this.duration = duration;
        this.bind = bind;
        this.tos = tos;
        this.payload = new byte[size];
    }

    static UdpSend create(AppContext ctx, Args args) {
        SockAddr dest = null;
        String rate = "100pps";
        int size = 1000;
        long count = 0;
        long duration = 0;
        SockAddr bind = null;
        int tos = -1;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "--rate" -> rate = args.value("--rate");
                case "--size" -> size = (int) number(args.value("--size"), "--size", 16, 65507);
                case "--count" -> count = number(args.value("--count"), "--count", 1, Long.MAX_VALUE);
                case "--duration" -> duration = time(args.value("--duration"), "--duration");
                case "--bind" -> bind = address(ctx, args.value("--bind"), "--bind", false);
                case "--tos" -> tos = (int) number(args.value("--tos"), "--tos", 0, 255);
                default -> {
                    if (w.startsWith("-")) {
                        throw new CommandException(2, "udp-send: unknown option '" + w + "'\n" + USAGE);
                    }
                    if (dest != null) {
                        throw new CommandException(2, "udp-send: one destination only (got '" + w + "' after " + dest + ")\n" + USAGE);
                    }
                    dest = address(ctx, w, "destination", true);
                }
            }
        }
        if (dest == null) {
            throw new CommandException(2, "udp-send: a destination DEST:PORT is required\n" + USAGE);
        }
        long period = period(rate, size);
        return new UdpSend(ctx, dest, period, size, count, duration, bind, tos);
    }

    /** The time between datagrams for {@code rate}: "1000pps", or a bit rate of the payload in tc's units. */
    static long period(String rate, int size) {
        String r = rate.trim().toLowerCase(java.util.Locale.ROOT);
        if (r.endsWith("pps")) {
            double pps;
            try {
                pps = Double.parseDouble(r.substring(0, r.length() - 3));
            } catch (NumberFormatException e) {
                throw new CommandException(2, "udp-send: --rate '" + rate + "' is not a rate (want e.g. 1000pps or 10mbit)");
            }
            if (!(pps > 0)) {
                throw new CommandException(2, "udp-send: --rate must be positive, got '" + rate + "'");
            }
            return Math.max(1, Math.round(1e9 / pps));
        }
        long bps;
        try {
            bps = Args.parseRate("--rate", rate);
        } catch (CommandException e) {
            throw new CommandException(2, "udp-send: --rate '" + rate + "' is not a rate (want e.g. 1000pps or 10mbit)");
        }
        if (bps <= 0) {
            throw new CommandException(2, "udp-send: --rate must be positive, got '" + rate + "'");
        }
        return Math.max(1, Math.round(size * 8 * 1e9 / bps));
    }

    static long number(String text, String option, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CommandException(2, "udp-send: " + option + " needs a number, got '" + text + "'");
        }
        if (v < min || v > max) {
            throw new CommandException(2, "udp-send: " + option + " must be " + min + ".." + max + ", got " + v);
        }
        return v;
    }

    static long time(String text, String option) {
        try {
            return VirtualTime.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new CommandException(2, option + " needs a time such as 10s or 500ms, got '" + text + "'");
        }
    }

    /** {@code ADDR:PORT} ({@code [v6]:port}, or a host name the context resolves); the port is required when {@code portRequired}. */
    static SockAddr address(AppContext ctx, String text, String what, boolean portRequired) {
        String host = text;
        int port = 0;
        int colon = text.lastIndexOf(':');
        boolean bracket = text.startsWith("[");
        if (bracket ? text.indexOf("]:") > 0 : colon > 0 && text.indexOf(':') == colon) {
            host = bracket ? text.substring(1, text.indexOf(']')) : text.substring(0, colon);
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new CommandException(2, "udp: " + what + " '" + text + "' has no port number after ':'");
            }
        } else if (portRequired) {
            throw new CommandException(2, "udp: " + what + " '" + text + "' needs a port (ADDR:PORT, [ADDR6]:PORT)");
        } else if (bracket) {
            host = text.substring(1, text.length() - 1);
        }
        if (port < 0 || port > 65535) {
            throw new CommandException(2, "udp: " + what + " port " + port + " is outside 0..65535");
        }
        SockAddr a = ctx.address(host, 0);
        if (a == null) {
            throw new CommandException(2, "udp: " + what + " '" + host + "' is not an address or a known host");
        }
        return a.withPort(port);
    }

    @Override
    void run() {
        start = nowNanos();
        sock = ctx.udp().socket(dest.family());
        if (tos >= 0) {
            sock.setsockopt(dest.isV6() ? SOL_IPV6 : SOL_IP, dest.isV6() ? IPV6_TCLASS : IP_TOS, tos);
        }
        if (bind != null) {
            int r = sock.bind(bind);
            if (r < 0) {
                out.error("udp-send: bind " + bind + ": " + Errno.message(r));
                exit(1);
                return;
            }
        }
        int r = sock.connect(dest);
        if (r < 0) {
            out.error("udp-send: connect " + dest + ": " + Errno.message(r));
            exit(1);
            return;
        }
        sock.addListener(writable);
        timer = scheduler.newTimer("udp-send:next", this::sendDue);
        if (duration > 0) {
            end = scheduler.newTimer("udp-send:end", this::finish);
            end.scheduleAt(start + duration);
        }
        double pps = 1e9 / periodNanos;
        out.line("udp-send: " + sock.localAddress() + " -> " + dest + ", " + size + " bytes at " + UdpSink.rate(pps) + " datagrams/s ("
                + UdpSink.mbit(pps * size * 8) + " Mbit/s)");
        sendDue();
    }

    /** Sends every datagram due by now (all that are overdue after a wait), then sleeps until the next. */
    private void sendDue() {
        if (isFinished()) {
            return;
        }
        long now = nowNanos();
        while (true) {
            if (count != 0 && sent >= count) {
                finish();
                return;
            }
            long due = start + sent * periodNanos;
            if (duration != 0 && due >= start + duration) {
                return; // the end timer finishes
            }
            if (due > now) {
                timer.scheduleAt(due);
                return;
            }
            Bytes.put64(payload, 0, sent);
            Bytes.put64(payload, 8, now);
            int r = sock.send(payload, 0, size, 0);
            if (r == -Errno.EAGAIN) {
                blocked = true;
                return; // wait for write space
            }
            if (r < 0) {
                errors++;
                if (reported.add(-r)) {
                    out.error("udp-send: sendto: " + Errno.message(r));
                }
            } else {
                bytes += r;
            }
            sent++;
            lastSendTime = now;
        }
    }

    @Override
    void woken() {
        if (blocked && (sock.poll() & dev.weir.socket.Epoll.EPOLLOUT) != 0) {
            blocked = false;
            sendDue();
        }
    }

    private void finish() {
        if (isFinished()) {
            return;
        }
        long elapsed = Math.max(lastSendTime - start, 0);
        double secs = elapsed / 1e9;
        double rate = secs > 0 ? bytes * 8 / secs : 0;
        out.line("udp-send: sent " + sent + " datagrams, " + bytes + " bytes in " + UdpSink.seconds(elapsed) + " s ("
                + UdpSink.mbit(rate) + " Mbit/s), " + errors + " errors");
        exit(0);
    }

    @Override
    public void stop() {
        if (!isFinished()) {
            if (sock == null) {
                exit(1);
            } else {
                finish();
            }
        }
    }

    @Override
    void closeAll() {
        release(sock, writable, timer, end);
    }


    /** Datagrams handed to the socket (sent or failed). */
    public long sent() {
        return sent;
    }

    public long errors() {
        return errors;
    }
}
