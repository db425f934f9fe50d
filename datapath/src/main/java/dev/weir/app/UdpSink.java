package dev.weir.app;

import static dev.weir.socket.SockOpt.*;

import dev.weir.api.wire.Bytes;
import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.sim.Timer;
import dev.weir.socket.Errno;
import dev.weir.socket.RecvInfo;
import dev.weir.socket.SockAddr;
import dev.weir.socket.SockListener;
import dev.weir.udp.UdpSock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code udp-sink --port P [--bind ADDR] [--interval T] [--duration T] [-4]}: receives the
 * datagrams of {@link UdpSend} (or anything else) and reports, per interval (default 1s; 0 for
 * none) and in total when it ends ({@code --duration}, or stopped): datagrams, payload bytes,
 * bit rate, datagrams lost (by the senders' sequence numbers, per sender), datagrams out of
 * order, and the one-way latency from the send time in each payload to the time the datagram
 * reached the host ({@code SO_TIMESTAMP}). It listens on {@code [::]:P} (IPv4 too) unless
 * {@code -4} or {@code --bind} says otherwise.
 *
 * <p>Output (this class's own format; rates in Mbit/s of payload, latency in ms):
 * <pre>
 * udp-sink: listening on [::]:5001
 * [  0.000-  1.000 s]  1000 datagrams  1000000 bytes  8.000 Mbit/s  lost 0 (0.0%)  latency min/avg/max 1.012/1.050/1.210 ms
 * [  0.000-  5.000 s]  total  5000 datagrams  5000000 bytes  8.000 Mbit/s  lost 3 (0.1%)  out of order 0  latency min/avg/max 1.012/1.050/1.300 ms
 * </pre>
 */
public final class UdpSink extends SimApp {
    static final String USAGE = "usage: udp-sink --port PORT [--bind ADDR] [--interval TIME] [--duration TIME] [-4]";

    private final SockAddr bind;
    private final long interval;
    private final long duration;

    private UdpSock sock;
    private Timer tick;
    private Timer end;
    private long start;
    private final Stats total = new Stats();
    private final Stats current = new Stats();
    private long intervalStart;
    private final List<Flow> flows = new ArrayList<>();
    private final byte[] buf = new byte[65536];
    private final RecvInfo info = new RecvInfo();
    private final SockListener readable = (s, e) -> wakeSoon();

    /** One sender, by address and port. */
    private static final class Flow {
        final long hi;
        final long lo;
        final int port;
        long maxSeq = -1;
        long received;

        Flow(long hi, long lo, int port) {
            this.hi = hi;
            this.lo = lo;
            this.port = port;
        }
    }

    /** What one report counts. */
    private static final class Stats {
        long datagrams;
        long bytes;
        long outOfOrder;
        long latencyMin = Long.MAX_VALUE;
        long latencyMax;
        long latencySum;
        long latencyCount;

        void clear() {
            datagrams = bytes = outOfOrder = latencyMax = latencySum = latencyCount = 0;
            latencyMin = Long.MAX_VALUE;
        }

        void latency(long ns) {
            latencyMin = Math.min(latencyMin, ns);
            latencyMax = Math.max(latencyMax, ns);
            latencySum += ns;
            latencyCount++;
        }
    }

    private UdpSink(AppContext ctx, SockAddr bind, long interval, long duration) {
        super("udp-sink", ctx);
        this.bind = bind;
        this.interval = interval;
        this.duration = duration;
    }

    static UdpSink create(AppContext ctx, Args args) {
        int port = -1;
        String bindText = null;
        long interval = 1_000_000_000L;
        long duration = 0;
        boolean v4 = false;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "--port", "-p" -> port = (int) UdpSend.number(args.value(w), "--port", 1, 65535);
                case "--bind" -> bindText = args.value("--bind");
                case "--interval" -> {
                    String t = args.value("--interval");
                    interval = t.equals("0") ? 0 : UdpSend.time(t, "udp-sink: --interval");
                }
                case "--duration" -> duration = UdpSend.time(args.value("--duration"), "udp-sink: --duration");
                case "-4" -> v4 = true;
                default -> throw new CommandException(2, "udp-sink: unknown option '" + w + "'\n" + USAGE);
            }
        }
        if (port < 0) {
            throw new CommandException(2, "udp-sink: --port is required\n" + USAGE);
        }
        SockAddr bind;
        if (bindText != null) {
            SockAddr a = UdpSend.address(ctx, bindText, "--bind", false);
            bind = a.withPort(port);
        } else {
            bind = v4 ? SockAddr.any(SockAddr.AF_INET, port) : SockAddr.any(SockAddr.AF_INET6, port);
        }
        return new UdpSink(ctx, bind, interval, duration);
    }

    @Override
    void run() {
        start = nowNanos();
        intervalStart = start;
        sock = ctx.udp().socket(bind.family());
        int r = sock.bind(bind);
        if (r < 0) {
            out.error("udp-sink: bind " + bind + ": " + Errno.message(r));
            exit(1);
            return;
        }
        sock.setsockopt(SOL_SOCKET, SO_TIMESTAMP, 1);
        sock.addListener(readable);
        out.line("udp-sink: listening on " + sock.localAddress());
        if (interval > 0) {
            tick = scheduler.newTimer("udp-sink:interval", this::report);
            tick.scheduleAt(start + interval);
        }
        if (duration > 0) {
            end = scheduler.newTimer("udp-sink:end", this::stop);
            end.scheduleAt(start + duration);
        }
    }

    @Override
    void woken() {
        drain();
    }

    private void drain() {
        while (true) {
            int n = sock.recvfrom(buf, 0, buf.length, MSG_DONTWAIT, info);
            if (n < 0) {
                return;
            }
            count(n);
        }
    }

    private void count(int n) {
        current.datagrams++;
        current.bytes += n;
        total.datagrams++;
        total.bytes += n;
        if (n < 16) {
            return; // not one of udp-send's: no sequence or time
        }
        long seq = Bytes.i64(buf, 0);
        long sentAt = Bytes.i64(buf, 8);
        Flow f = flow(info.addressHi(), info.addressLo(), info.port());
        f.received++;
        if (seq > f.maxSeq) {
            f.maxSeq = seq;
        } else {
            current.outOfOrder++;
            total.outOfOrder++;
        }
        long arrived = info.timestamp() >= 0 ? info.timestamp() : nowNanos();
        long latency = arrived - sentAt;
        if (latency >= 0) {
            current.latency(latency);
            total.latency(latency);
        }
    }

    private Flow flow(long hi, long lo, int port) {
        for (int i = 0; i < flows.size(); i++) {
            Flow f = flows.get(i);
            if (f.hi == hi && f.lo == lo && f.port == port) {
                return f;
            }
        }
        Flow f = new Flow(hi, lo, port);
        flows.add(f);
        return f;
    }

    /** Datagrams missing by sequence number so far, over every sender. */
    private long lost() {
        long lost = 0;
        for (Flow f : flows) {
            lost += Math.max(0, f.maxSeq + 1 - f.received);
        }
        return lost;
    }

    private long lostAtLastReport;

    private void report() {
        drain();
        long now = nowNanos();
        long lostNow = lost();
        out.line(line(intervalStart, now, current, lostNow - lostAtLastReport, false));
        lostAtLastReport = lostNow;
        current.clear();
        intervalStart = now;
        tick.scheduleAt(now + interval);
    }

    private String line(long from, long to, Stats s, long lost, boolean isTotal) {
        double secs = (to - from) / 1e9;
        double rate = secs > 0 ? s.bytes * 8 / secs : 0;
        long expected = s.datagrams + lost;
        String lossPct = expected == 0 ? "0.0" : String.format(Locale.ROOT, "%.1f", 100.0 * lost / expected);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "[%7.3f-%7.3f s]", (from - start) / 1e9, (to - start) / 1e9));
        if (isTotal) {
            sb.append("  total");
        }
        sb.append("  ").append(s.datagrams).append(" datagrams  ").append(s.bytes).append(" bytes  ").append(mbit(rate))
                .append(" Mbit/s  lost ").append(lost).append(" (").append(lossPct).append("%)");
        if (isTotal) {
            sb.append("  out of order ").append(s.outOfOrder);
        }
        sb.append("  latency min/avg/max ");
        if (s.latencyCount == 0) {
            sb.append("-/-/- ms");
        } else {
            sb.append(ms(s.latencyMin)).append('/').append(ms(s.latencySum / s.latencyCount)).append('/').append(ms(s.latencyMax))
                    .append(" ms");
        }
        return sb.toString();
    }

    @Override
    public void stop() {
        if (isFinished()) {
            return;
        }
        if (sock != null) {
            drain();
            long now = nowNanos();
            if (tick != null && now > intervalStart) {
                long lostNow = lost();
                out.line(line(intervalStart, now, current, lostNow - lostAtLastReport, false));
                lostAtLastReport = lostNow;
            }
            out.line(line(start, now, total, lost(), true));
        }
        exit(0);
    }

    @Override
    void closeAll() {
        release(sock, readable, tick, end);
    }


    /** Datagrams received in all. */
    public long datagrams() {
        return total.datagrams;
    }

    /** Datagrams missing by sequence number. */
    public long lostDatagrams() {
        return lost();
    }

    static String mbit(double bitsPerSecond) {
        return String.format(Locale.ROOT, "%.3f", bitsPerSecond / 1e6);
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    static String rate(double pps) {
        return pps == Math.rint(pps) ? Long.toString((long) pps) : String.format(Locale.ROOT, "%.3f", pps);
    }
}
