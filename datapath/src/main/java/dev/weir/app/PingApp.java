package dev.weir.app;

import static dev.weir.socket.SockOpt.*;

import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.sim.Timer;
import dev.weir.socket.Epoll;
import dev.weir.socket.Errno;
import dev.weir.socket.OptVal;
import dev.weir.socket.RecvInfo;
import dev.weir.socket.SockAddr;
import dev.weir.socket.SockExtendedErr;
import dev.weir.socket.SockListener;
import dev.weir.udp.PingSock;
import dev.weir.udp.UdpSock;
import java.util.List;

/**
 * {@code ping} and {@code ping6} as iputils 20221126 runs them over ping sockets, printing what
 * it prints (checked line by line against the real one in {@code PingGoldenTest}):
 *
 * <pre>
 * PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.
 * 64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=4.12 ms
 * From 10.0.1.1 icmp_seq=2 Destination Host Unreachable
 *
 * --- 10.0.2.2 ping statistics ---
 * 4 packets transmitted, 3 received, +1 errors, 25% packet loss, time 3000ms
 * rtt min/avg/max/mdev = 4.100/4.120/4.150/0.020 ms
 * </pre>
 *
 * <p>Options: {@code -c COUNT}, {@code -i SECONDS}, {@code -s SIZE}, {@code -t TTL},
 * {@code -W SECONDS} (wait for a reply after the last probe), {@code -w SECONDS} (deadline),
 * {@code -q}, {@code -I DEVICE|ADDRESS}, {@code -M do|dont|want|probe}, {@code -4}, {@code -6},
 * {@code -n} (Weir never resolves addresses to names). As iputils it takes its source address
 * from a UDP socket connected to the target ({@code ping: connect: Network is unreachable} when
 * there is no route), sets {@code IP_RECVERR} and reads ICMP errors from the error queue, leaves
 * {@code IP_MTU_DISCOVER} at the kernel's default (WANT: DF set on what fits, larger pings
 * fragmented) unless {@code -M} is given, stamps each probe with the time it is sent (so times
 * are virtual time, in microseconds truncated as {@code struct timeval}), and prints
 * iputils' time precision: {@code 0.045}, {@code 4.12}, {@code 12.3}, {@code 104} ms.
 *
 * <p>Differences: no DNS (names come from the topology's resolver), no raw-socket fallback (a
 * {@code ping_group_range} refusing the socket is fatal), no flood, adaptive, preload,
 * pattern, record-route, timestamp or node-information options, an interval of at least 1 ms,
 * and an unparsable interval is an error rather than iputils' warning. Like iputils 20221126 (and
 * unlike older ones), a send that fails without an ICMP error (the route vanished) prints
 * nothing and counts as transmitted.
 */
public final class PingApp extends SimApp {
    static final String USAGE = "usage: ping [-46nq] [-c count] [-i interval] [-I interface|address] [-M do|dont|want|probe]"
            + " [-s size] [-t ttl] [-w deadline] [-W timeout] destination";

    private static final int MININTERVAL = 10;
    private static final int MAX_DUP_CHK = 0x10000;
    private static final int TIMEVAL = 16;

    // options
    private final boolean v6Only;
    private final boolean v4Only;
    private final String target;
    private final long npackets;
    private final int interval;
    private final int datalen;
    private final int ttl;
    private final int lingertime;
    private final int deadline;
    private final boolean quiet;
    private final String device;
    private final String sourceText;
    private final int pmtudisc;

    // resolved at start
    private boolean v6;
    private SockAddr whereto;
    private SockAddr source;
    private String hostname;
    private PingSock sock;
    private boolean timing;

    // statistics, as struct ping_rts
    private long ntransmitted;
    private long nreceived;
    private long nrepeats;
    private long nchecksum;
    private long nerrors;
    private int acked;
    private int pipesize = -1;
    private long tmin = Long.MAX_VALUE;
    private long tmax;
    private long tsum;
    private double tsum2;
    private int rtt;
    private final long[] rcvd = new long[MAX_DUP_CHK / 64];

    // timing
    private long startTime;
    private long curTime;
    private boolean curTimeSet;
    private int tokens;
    private int oomCount;
    private boolean exiting;
    private boolean exitScheduled;
    private Timer sendTimer;
    private Timer exitTimer;
    private Timer deadlineTimer;

    private final byte[] outpack;
    private final byte[] inpack;
    private final byte[] errpack = new byte[8];
    private final RecvInfo info = new RecvInfo();
    private final RecvInfo einfo = new RecvInfo();
    private final SockListener listener = (s, e) -> wakeSoon();

    private PingApp(String name, AppContext ctx, boolean v4Only, boolean v6Only, String target, long count, int interval, int size,
            int ttl, int linger, int deadline, boolean quiet, String device, String sourceText, int pmtudisc) {
        super(name, ctx);
        this.v4Only = v4Only;
        this.v6Only = v6Only;
        this.target = target;
        this.npackets = count;
        this.interval = interval;
        this.datalen = size;
        this.ttl = ttl;
        this.lingertime = linger;
        this.deadline = deadline;
        this.quiet = quiet;
        this.device = device;
        this.sourceText = sourceText;
        this.pmtudisc = pmtudisc;
        this.outpack = new byte[size + 8];
        this.inpack = new byte[size + 8 + 4096];
    }

    /**
     * Reads a {@code ping} command line ({@code args} after the command name); {@code name} is
     * {@code ping} or {@code ping6} (which implies {@code -6}). Usage errors are
     * {@link CommandException}s with iputils' messages and exit codes.
     */
    static PingApp create(String name, AppContext ctx, Args args) {
        boolean v4 = false;
        boolean v6 = name.equals("ping6");
        long count = 0;
        int interval = 1000;
        int size = 56;
        int ttl = -1;
        int linger = 10_000;
        int deadline = 0;
        boolean quiet = false;
        String device = null;
        String source = null;
        int pmtu = -1;
        String target = null;
        List<String> words = args.rest();
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            if (!word.startsWith("-") || word.length() == 1) {
                if (target != null) {
                    throw usage(name, "ping: usage error: only one destination may be given (got '" + target + "' and '" + word + "')");
                }
                target = word;
                continue;
            }
            for (int i = 1; i < word.length(); i++) {
                char c = word.charAt(i);
                String arg = null;
                if ("ciIMstwW".indexOf(c) >= 0) {
                    if (i + 1 < word.length()) {
                        arg = word.substring(i + 1);
                    } else if (w + 1 < words.size()) {
                        arg = words.get(++w);
                    } else {
                        throw usage(name, "ping: option requires an argument -- '" + c + "'");
                    }
                    i = word.length();
                }
                switch (c) {
                    case '4' -> v4 = true;
                    case '6' -> v6 = true;
                    case 'n' -> { }
                    case 'q' -> quiet = true;
                    case 'c' -> count = integer(arg, 1, Long.MAX_VALUE);
                    case 's' -> size = (int) integer(arg, 0, Integer.MAX_VALUE);
                    case 't' -> ttl = (int) integer(arg, 0, 255);
                    case 'w' -> deadline = (int) integer(arg, 0, Integer.MAX_VALUE);
                    case 'i' -> {
                        double sec = seconds(arg, "ping: option argument contains garbage: " + arg);
                        if (sec < 0 || sec > Integer.MAX_VALUE / 1000) {
                            throw new CommandException(2, "ping: bad timing interval: " + arg);
                        }
                        interval = (int) (sec * 1000);
                        if (interval == 0) {
                            throw new CommandException(2, "ping: an interval under 1 ms (flooding) is not supported by Weir's ping: " + arg);
                        }
                    }
                    case 'W' -> {
                        double sec = seconds(arg, "ping: bad linger time: " + arg);
                        if (sec < 0.001 || sec > Integer.MAX_VALUE / 1000) {
                            throw new CommandException(2, "ping: bad linger time: " + arg);
                        }
                        linger = (int) (sec * 1000);
                    }
                    case 'I' -> {
                        if (dev.weir.api.wire.Ipv4Address.isIpv4(arg) || arg.indexOf(':') >= 0) {
                            source = arg;
                        } else {
                            device = arg;
                        }
                    }
                    case 'M' -> pmtu = switch (arg) {
                        case "do" -> IP_PMTUDISC_DO;
                        case "dont" -> IP_PMTUDISC_DONT;
                        case "want" -> IP_PMTUDISC_WANT;
                        case "probe" -> IP_PMTUDISC_PROBE;
                        default -> throw new CommandException(2, "ping: invalid -M argument: " + arg);
                    };
                    case 'a', 'A', 'b', 'B', 'd', 'D', 'e', 'f', 'F', 'l', 'L', 'm', 'N', 'O', 'p', 'Q', 'r', 'R', 'S', 'T', 'U', 'v', 'V', 'C' ->
                            throw new CommandException(2, "ping: option -" + c + " is not supported by Weir's ping");
                    case 'h' -> throw usage(name, "ping: " + USAGE.substring("usage: ping ".length()));
                    default -> throw usage(name, "ping: invalid option -- '" + c + "'");
                }
            }
        }
        if (v4 && v6 && !name.equals("ping6")) {
            throw new CommandException(2, "ping: only one -4 or -6 option may be specified");
        }
        if (target == null) {
            throw new CommandException(1, "ping: usage error: Destination address required");
        }
        return new PingApp(name, ctx, v4, v6, target, count, interval, size, ttl, linger, deadline, quiet, device, source, pmtu);
    }

    private static CommandException usage(String name, String message) {
        return new CommandException(2, message + "\n" + USAGE.replace("ping ", name + " "));
    }

    /** {@code strtol_or_err}: the messages of iputils 20221126. */
    private static long integer(String s, long min, long max) {
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CommandException(1, "ping: invalid argument: '" + s + "'");
        }
        if (v < min || v > max) {
            throw new CommandException(1, "ping: invalid argument: '" + s + "': out of range: " + min + " <= value <= " + max);
        }
        return v;
    }

    private static double seconds(String s, String message) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new CommandException(2, message);
        }
    }

    // ---- start: ping4_run / ping6_run and setup ----

    @Override
    void run() {
        SockAddr dst = ctx.address(target, v4Only ? SockAddr.AF_INET : v6Only ? SockAddr.AF_INET6 : 0);
        if (dst == null) {
            fail("ping: " + target + ": Name or service not known");
            return;
        }
        if (v4Only && dst.family() != SockAddr.AF_INET || v6Only && dst.family() != SockAddr.AF_INET6) {
            fail("ping: " + target + ": Address family for hostname not supported");
            return;
        }
        v6 = dst.family() == SockAddr.AF_INET6;
        whereto = dst.withPort(0);
        hostname = target;
        if (ctx.ping().checkCreate() != 0) {
            fail("ping: socket: " + Errno.message(Errno.EACCES));
            return;
        }
        sock = ctx.ping().socket(dst.family());
        if (device != null && ctx.sockets().net().device(device) == null) {
            fail("ping: SO_BINDTODEVICE " + device + ": " + Errno.message(Errno.ENODEV));
            return;
        }
        if (device != null) {
            sock.setsockopt(SOL_SOCKET, SO_BINDTODEVICE, OptVal.ofText(device));
        }
        if (sourceText != null) {
            source = SockAddr.parse(v6 ? "[" + sourceText + "]" : sourceText);
            int r = sock.bind(source);
            if (r < 0) {
                fail("ping: bind: " + Errno.message(r));
                return;
            }
        } else if (!probeSource()) {
            return;
        }
        if (!setOptions()) {
            return;
        }
        timing = datalen >= TIMEVAL;
        for (int i = 0; i < datalen; i++) {
            outpack[8 + i] = (byte) i;
        }
        printHeader();
        startTime = nowNanos();
        sendTimer = scheduler.newTimer(name() + ":send", this::loop);
        exitTimer = scheduler.newTimer(name() + ":exit", this::alarm);
        if (deadline != 0) {
            deadlineTimer = scheduler.newTimer(name() + ":deadline", this::alarm);
            deadlineTimer.scheduleAt(startTime + deadline * 1_000_000_000L);
        }
        sock.addListener(listener);
        loop();
    }

    /** The source address from a UDP socket connected to port 1025 of the target, as iputils finds it. */
    private boolean probeSource() {
        UdpSock probe = ctx.udp().socket(whereto.family());
        try {
            if (device != null) {
                probe.setsockopt(SOL_SOCKET, SO_BINDTODEVICE, OptVal.ofText(device));
            }
            int r = probe.connect(whereto.withPort(1025));
            if (r < 0) {
                fail("ping: connect: " + Errno.message(r));
                return false;
            }
            source = probe.localAddress().withPort(0);
            return true;
        } finally {
            probe.close();
        }
    }

    private boolean setOptions() {
        if (pmtudisc >= 0) {
            sock.setsockopt(v6 ? SOL_IPV6 : SOL_IP, v6 ? IPV6_MTU_DISCOVER : IP_MTU_DISCOVER, pmtudisc);
        }
        if (ttl >= 0) {
            if (v6) {
                if (sock.setsockopt(SOL_IPV6, IPV6_MULTICAST_HOPS, ttl) < 0) {
                    fail("ping: can't set multicast hop limit: " + Errno.message(Errno.EINVAL));
                    return false;
                }
                if (sock.setsockopt(SOL_IPV6, IPV6_UNICAST_HOPS, ttl) < 0) {
                    fail("ping: can't set unicast hop limit: " + Errno.message(Errno.EINVAL));
                    return false;
                }
            } else {
                sock.setsockopt(SOL_IP, IP_MULTICAST_TTL, ttl);
                int r = sock.setsockopt(SOL_IP, IP_TTL, ttl);
                if (r < 0) {
                    fail("ping: cannot set unicast time-to-live: " + Errno.message(r));
                    return false;
                }
            }
        }
        sock.setsockopt(v6 ? SOL_IPV6 : SOL_IP, v6 ? IPV6_RECVERR : IP_RECVERR, 1);
        sock.setsockopt(v6 ? SOL_IPV6 : SOL_IP, v6 ? IPV6_RECVHOPLIMIT : IP_RECVTTL, 1);
        // sock_setbufs: SO_SNDBUF of one packet's estimated memory, SO_RCVBUF of at least 64 KiB
        int hold = datalen + 8;
        hold += ((hold + 511) / 512) * ((v6 ? 40 : 20) + 16 + 64 + 160);
        sock.setsockopt(SOL_SOCKET, SO_SNDBUF, hold);
        sock.setsockopt(SOL_SOCKET, SO_RCVBUF, Math.max(hold, 65536));
        sock.setsockopt(SOL_SOCKET, SO_TIMESTAMP, 1);
        int t = Math.max(interval, MININTERVAL);
        sock.setsockopt(SOL_SOCKET, SO_SNDTIMEO, OptVal.of(interval < 1000 ? 0 : 1, interval < 1000 ? 1000 * t : 0));
        sock.setsockopt(SOL_SOCKET, SO_RCVTIMEO, OptVal.of(t / 1000, 1000 * (t % 1000)));
        return true;
    }

    private void printHeader() {
        StringBuilder sb = new StringBuilder("PING ").append(hostname);
        sb.append(v6 ? "(" : " (").append(whereto.address()).append(") ");
        if (device != null || sourceText != null) {
            sb.append("from ").append(source.address()).append(' ').append(device != null ? device : "").append(": ");
        }
        if (v6) {
            sb.append(datalen).append(" data bytes");
        } else {
            sb.append(datalen).append('(').append(datalen + 8 + 20).append(") bytes of data.");
        }
        out.line(sb.toString());
    }

    private void fail(String message) {
        out.error(message);
        exit(2);
    }

    // ---- the main loop, event by event ----

    private void alarm() {
        exiting = true;
        loop();
    }

    /** One pass of iputils' {@code main_loop}: exit checks, probes due now, and the wait until the next. */
    private void loop() {
        if (isFinished()) {
            return;
        }
        if (exiting || npackets != 0 && nreceived + nerrors >= npackets || deadline != 0 && nerrors != 0) {
            finish();
            return;
        }
        int next;
        do {
            next = pinger();
            next = scheduleExit(next);
        } while (next <= 0 && !isFinished());
        if (!isFinished()) {
            sendTimer.scheduleAt(nowNanos() + next * 1_000_000L);
        }
    }

    /** Wakeup from the socket: read every reply and error queued, then on with the loop. */
    @Override
    void woken() {
        if (isFinished()) {
            return;
        }
        boolean recvError = (sock.poll() & Epoll.EPOLLERR) != 0;
        for (;;) {
            int cc = sock.recvfrom(inpack, 0, inpack.length, MSG_DONTWAIT, info);
            if (cc < 0) {
                int errno = -cc;
                if (errno == Errno.EAGAIN && !recvError) {
                    break;
                }
                recvError = false;
                int[] errnoOut = {errno};
                if (receiveErrorMsg(errnoOut) == 0 && errnoOut[0] != 0) {
                    out.error("ping: recvmsg: " + Errno.message(errnoOut[0]));
                    break;
                }
            } else {
                parseReply(cc);
            }
            if (inFlight() == 0) {
                break;
            }
        }
        loop();
    }

    /** {@code pinger}: sends the probe that is due, or says how many ms until one is. */
    private int pinger() {
        if (exiting || npackets != 0 && ntransmitted >= npackets && deadline == 0) {
            return 1000;
        }
        long now = nowNanos();
        if (!curTimeSet) {
            curTimeSet = true;
            curTime = now;
            tokens = 0; // interval * (preload - 1)
        } else {
            long ntokens = (now / 1_000_000_000L - curTime / 1_000_000_000L) * 1000
                    + (now % 1_000_000_000L - curTime % 1_000_000_000L) / 1_000_000;
            ntokens += tokens;
            if (interval < ntokens) {
                ntokens = interval; // interval * preload
            }
            if (ntokens < interval) {
                return (int) (interval - ntokens);
            }
            curTime = now;
            tokens = (int) (ntokens - interval);
        }
        for (;;) {
            int i = sendProbe();
            if (i == 0) {
                oomCount = 0;
                advanceNtransmitted();
                return interval - tokens;
            }
            int errno = -i;
            if (errno == Errno.ENOBUFS || errno == Errno.ENOMEM) {
                tokens = 0;
                int nores = Math.min(schint(interval / 2), 500);
                oomCount++;
                if (oomCount * nores < lingertime) {
                    return nores;
                }
                return hardLocalError(0, errno);
            }
            if (errno == Errno.EAGAIN) {
                tokens += interval;
                return MININTERVAL;
            }
            int[] errnoOut = {errno};
            int r = receiveErrorMsg(errnoOut);
            if (r > 0) {
                return hardLocalError(0, errnoOut[0]);
            }
            if (errnoOut[0] != 0) {
                return hardLocalError(r, errnoOut[0]);
            }
            // the error queue held someone else's error: send again
        }
    }

    /** "Hard local error. Pretend we sent packet." */
    private int hardLocalError(int i, int errno) {
        advanceNtransmitted();
        if (i == 0 && !quiet) {
            out.error("ping: sendmsg: " + Errno.message(errno));
        }
        tokens = 0;
        return schint(interval);
    }

    private static int schint(int a) {
        return Math.max(a, MININTERVAL);
    }

    /** {@code ping4_send_probe} / {@code ping6_send_probe}: 0, or the negative errno of {@code sendto}. */
    private int sendProbe() {
        long seq = ntransmitted + 1;
        outpack[0] = (byte) (v6 ? Icmpv6Packet.ECHO_REQUEST : Icmpv4Packet.ECHO_REQUEST);
        outpack[1] = 0;
        outpack[2] = 0;
        outpack[3] = 0;
        outpack[4] = 0;
        outpack[5] = 0;
        outpack[6] = (byte) (seq >>> 8);
        outpack[7] = (byte) seq;
        rcvdClear((int) (seq & 0xffff));
        if (timing) {
            long now = nowNanos();
            putLongLe(outpack, 8, now / 1_000_000_000L);
            putLongLe(outpack, 16, (now % 1_000_000_000L) / 1000);
        }
        int cc = datalen + 8;
        int r = sock.sendto(outpack, 0, cc, 0, whereto);
        return r == cc ? 0 : r;
    }

    private static void putLongLe(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static long getLongLe(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    private void advanceNtransmitted() {
        ntransmitted++;
        if ((((int) ntransmitted - acked) & 0xffff) > 0x7fff) {
            acked = (int) (ntransmitted + 1) & 0xffff;
        }
    }

    private int inFlight() {
        int diff = ((int) ntransmitted - acked) & 0xffff;
        return diff <= 0x7fff ? diff : (int) (ntransmitted - nreceived - nrepeats);
    }

    private void acknowledge(int seq) {
        int diff = ((int) ntransmitted - seq) & 0xffff;
        if (diff <= 0x7fff) {
            if (diff + 1 > pipesize) {
                pipesize = diff + 1;
            }
            if ((short) (seq - acked) > 0 || (((int) ntransmitted - acked) & 0xffff) > 0x7fff) {
                acked = seq;
            }
        }
    }

    /** {@code schedule_exit}: after the last probe, an alarm ends the run (twice the longest RTT, or the linger time without replies). */
    private int scheduleExit(int next) {
        if (npackets != 0 && ntransmitted >= npackets && deadline == 0 && !exitScheduled) {
            exitScheduled = true;
            long waittime;
            if (nreceived != 0) {
                waittime = 2 * tmax;
                if (waittime < 1000L * interval) {
                    waittime = 1000L * interval;
                }
            } else {
                waittime = lingertime * 1000L;
            }
            if (next < 0 || next < waittime / 1000) {
                next = (int) (waittime / 1000);
            }
            exitTimer.scheduleAt(nowNanos() + waittime * 1000);
        }
        return next;
    }

    private void rcvdClear(int seq) {
        int bit = seq % MAX_DUP_CHK;
        rcvd[bit >>> 6] &= ~(1L << (bit & 63));
    }

    private boolean rcvdTest(int seq) {
        int bit = seq % MAX_DUP_CHK;
        return (rcvd[bit >>> 6] & (1L << (bit & 63))) != 0;
    }

    private void rcvdSet(int seq) {
        int bit = seq % MAX_DUP_CHK;
        rcvd[bit >>> 6] |= 1L << (bit & 63);
    }

    // ---- replies and errors ----

    /** {@code ping4_parse_reply} / {@code ping6_parse_reply} for an echo reply of {@code cc} bytes. */
    private void parseReply(int cc) {
        if (cc < 8) {
            return;
        }
        int type = inpack[0] & 0xff;
        if (type != (v6 ? Icmpv6Packet.ECHO_REPLY : Icmpv4Packet.ECHO_REPLY)) {
            return;
        }
        boolean csfailed = !v6 && !Checksum.verifies(inpack, 0, cc);
        boolean wrongSource = info.addressHi() != whereto.hi() || info.addressLo() != whereto.lo();
        if (v6 && (whereto.lo() == 0)) {
            wrongSource = false; // subnet-router anycast
        }
        int seq = ((inpack[6] & 0xff) << 8) | (inpack[7] & 0xff);
        int hops = info.ttl() >= 0 ? info.ttl() : v6 ? -1 : 0;
        long recv = info.timestamp() >= 0 ? info.timestamp() : nowNanos();
        gatherStatistics(cc, seq, hops, csfailed, recv, info.addressText(), wrongSource);
    }

    /** {@code gather_statistics}: counts the reply and prints its line. */
    private void gatherStatistics(int cc, int seq, int hops, boolean csfailed, long recvNanos, String from, boolean wrongSource) {
        nreceived++;
        if (!csfailed) {
            acknowledge(seq);
        }
        long triptime = 0;
        if (timing && cc >= 8 + TIMEVAL) {
            long sentSec = getLongLe(inpack, 8);
            long sentUsec = getLongLe(inpack, 16);
            triptime = (recvNanos / 1_000_000_000L - sentSec) * 1_000_000 + ((recvNanos % 1_000_000_000L) / 1000 - sentUsec);
            if (triptime < 0) {
                triptime = 0;
            }
            if (!csfailed) {
                tsum += triptime;
                tsum2 += (double) (triptime * triptime);
                tmin = Math.min(tmin, triptime);
                tmax = Math.max(tmax, triptime);
                if (rtt == 0) {
                    rtt = (int) (triptime * 8);
                } else {
                    rtt += (int) (triptime - rtt / 8);
                }
            }
        }
        boolean dup = false;
        if (csfailed) {
            nchecksum++;
            nreceived--;
        } else if (rcvdTest(seq)) {
            nrepeats++;
            nreceived--;
            dup = true;
        } else {
            rcvdSet(seq);
        }
        if (quiet) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(cc).append(" bytes from ").append(from).append(':');
        sb.append(" icmp_seq=").append(seq);
        if (hops >= 0) {
            sb.append(" ttl=").append(hops);
        }
        if (cc < datalen + 8) {
            out.line(sb.append(" (truncated)").toString());
            return;
        }
        if (timing) {
            sb.append(" time=").append(PingFormat.time(triptime)).append(" ms");
        }
        if (dup) {
            sb.append(" (DUP!)");
        }
        if (csfailed) {
            sb.append(" (BAD CHECKSUM!)");
        }
        if (wrongSource) {
            sb.append(" (DIFFERENT ADDRESS!)");
        }
        out.line(sb.toString());
        for (int i = TIMEVAL; i < datalen; i++) {
            if (inpack[8 + i] != outpack[8 + i]) {
                out.line(String.format("wrong data byte #%d should be 0x%x but was 0x%x", i, outpack[8 + i] & 0xff, inpack[8 + i] & 0xff));
                StringBuilder dump = new StringBuilder();
                for (int j = TIMEVAL; j < datalen; j++) {
                    if (j % 32 == TIMEVAL) {
                        if (dump.length() > 0) {
                            out.line(dump.toString());
                        }
                        dump.setLength(0);
                        dump.append('#').append(j).append('\t');
                    }
                    dump.append(Integer.toHexString(inpack[8 + j] & 0xff)).append(' ');
                }
                out.line(dump.toString());
                break;
            }
        }
    }

    /**
     * {@code ping4_receive_error_msg} / {@code ping6_receive_error_msg}: one entry of the error
     * queue. An ICMP error about one of our probes prints "From ... icmp_seq=N ..." and counts
     * an error (IPv4 also acknowledges the probe); a local error prints "local error: message
     * too long, mtu=N". Returns the network errors, else minus the local ones; {@code errno[0]}
     * becomes 0 when the entry was someone else's.
     */
    private int receiveErrorMsg(int[] errno) {
        int netErrors = 0;
        int localErrors = 0;
        int res = sock.recvfrom(errpack, 0, errpack.length, MSG_ERRQUEUE | MSG_DONTWAIT, einfo);
        if (res < 0) {
            if (-res == Errno.EAGAIN || -res == Errno.EINTR) {
                localErrors++;
            }
            return -localErrors;
        }
        SockExtendedErr e = einfo.error();
        if (e.origin() == SO_EE_ORIGIN_LOCAL) {
            localErrors++;
            if (!quiet) {
                if (e.errno() != Errno.EMSGSIZE) {
                    out.error("ping: local error: " + Errno.message(e.errno()));
                } else {
                    out.error("ping: local error: message too long, mtu" + (v6 ? ": " : "=") + Integer.toUnsignedString(e.info()));
                }
                nerrors++;
            }
        } else if (e.origin() == (v6 ? SO_EE_ORIGIN_ICMP6 : SO_EE_ORIGIN_ICMP)) {
            int type = errpack[0] & 0xff;
            boolean ours = res >= 8 && einfo.addressHi() == whereto.hi() && einfo.addressLo() == whereto.lo()
                    && type == (v6 ? Icmpv6Packet.ECHO_REQUEST : Icmpv4Packet.ECHO_REQUEST);
            if (!ours) {
                errno[0] = 0;
                return 0;
            }
            int seq = ((errpack[6] & 0xff) << 8) | (errpack[7] & 0xff);
            if (!v6) {
                acknowledge(seq);
            }
            netErrors++;
            nerrors++;
            if (!quiet) {
                String what = v6 ? PingFormat.icmp6(e.type(), e.code(), e.info()) : PingFormat.icmp4(e.type(), e.code(), e.info());
                out.line("From " + e.offender().address() + " icmp_seq=" + seq + " " + what);
            }
        }
        return netErrors != 0 ? netErrors : -localErrors;
    }

    // ---- the end ----

    /** {@code finish}: the statistics; exit status 1 when nothing came back (or the deadline cut the count short). */
    private void finish() {
        out.line("");
        out.line("--- " + hostname + " ping statistics ---");
        StringBuilder sb = new StringBuilder();
        sb.append(ntransmitted).append(" packets transmitted, ").append(nreceived).append(" received");
        if (nrepeats != 0) {
            sb.append(", +").append(nrepeats).append(" duplicates");
        }
        if (nchecksum != 0) {
            sb.append(", +").append(nchecksum).append(" corrupted");
        }
        if (nerrors != 0) {
            sb.append(", +").append(nerrors).append(" errors");
        }
        if (ntransmitted != 0) {
            float loss = (float) ((ntransmitted - nreceived) * 100.0 / ntransmitted);
            long t = curTime - startTime;
            long ms = 1000 * (t / 1_000_000_000L) + ((t % 1_000_000_000L) + 500_000) / 1_000_000;
            sb.append(", ").append(PingFormat.g(loss)).append("% packet loss, time ").append(ms).append("ms");
        }
        out.line(sb.toString());
        sb.setLength(0);
        String comma = "";
        if (nreceived != 0 && timing) {
            long total = nreceived + nrepeats;
            long tmavg = tsum / total;
            long tmvar;
            if (tsum < Integer.MAX_VALUE) {
                tmvar = (long) ((tsum2 - (double) ((tsum * tsum) / total)) / total);
            } else {
                tmvar = (long) ((tsum2 / total) - (double) (tmavg * tmavg));
            }
            long tmdev = PingFormat.llsqrt(tmvar);
            sb.append("rtt min/avg/max/mdev = ").append(PingFormat.ms3(tmin)).append('/').append(PingFormat.ms3(tmavg)).append('/')
                    .append(PingFormat.ms3(tmax)).append('/').append(PingFormat.ms3(tmdev)).append(" ms");
            comma = ", ";
        }
        if (pipesize > 1) {
            sb.append(comma).append("pipe ").append(pipesize);
        }
        out.line(sb.toString());
        exit(nreceived == 0 || deadline != 0 && nreceived < npackets ? 1 : 0);
    }

    @Override
    public void stop() {
        if (!isFinished() && sock != null) {
            exiting = true;
            loop();
        } else if (!isFinished()) {
            exit(1);
        }
    }

    @Override
    void closeAll() {
        release(sock, listener, sendTimer, exitTimer, deadlineTimer);
    }


    /** Probes sent so far ({@code ntransmitted}). */
    public long transmitted() {
        return ntransmitted;
    }

    /** Replies counted ({@code nreceived}). */
    public long received() {
        return nreceived;
    }

    /** ICMP and local errors counted ({@code nerrors}). */
    public long errors() {
        return nerrors;
    }
}
