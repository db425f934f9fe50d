package dev.weir.tcp.cc;

import dev.weir.api.prog.AckSample;
import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.TcpCa;
import dev.weir.api.prog.TcpSock;
import dev.weir.api.prog.TcpSockView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CUBIC with HyStart, Linux's default congestion control, with the arithmetic of Linux 6.x
 * net/ipv4/tcp_cubic.c so that cwnd and ssthresh come out exactly as Linux's {@code TCP_INFO}
 * reports them: the cubic function in fixed point (time in 1/1024 s from jiffies, the origin
 * {@code K} from a table-and-Newton cube root), the Reno-friendly window, fast convergence,
 * HyStart's ACK-train and delay tests, and the epoch shift after idle.
 *
 * <p>An ordinary {@link CongestionControl}, written as a loaded program would be: no per-socket
 * fields, no allocation. Per-connection state is Linux's {@code struct bictcp}, fifteen 32-bit
 * words in the socket's private area (8 of its 13 slots); the one field is the host's
 * {@link Params} (Linux's module parameters), the counterpart of a pinned array map a loaded
 * program would declare.
 */
public final class Cubic implements CongestionControl {
    public static final String NAME = "cubic";

    // struct bictcp, as 32-bit words of the private area
    static final int W_CNT = 0;              // increase cwnd by 1 after this many ACKed segments
    static final int W_LAST_MAX_CWND = 1;    // W_max: cwnd before the last reduction
    static final int W_LAST_CWND = 2;        // cwnd when cnt was last computed
    static final int W_LAST_TIME = 3;        // jiffies when cnt was last computed
    static final int W_ORIGIN_POINT = 4;     // origin of the cubic function
    static final int W_K = 5;                // time from epoch start to the origin, 1/1024 s
    static final int W_DELAY_MIN = 6;        // minimum RTT seen, us
    static final int W_EPOCH_START = 7;      // jiffies at the start of the epoch; 0: none
    static final int W_ACK_CNT = 8;          // segments ACKed since the Reno estimate last grew
    static final int W_TCP_CWND = 9;         // the Reno-friendly window estimate
    static final int W_SAMPLE_FOUND = 10;    // u16 unused | u8 sample_cnt << 16 | u8 found << 24
    static final int W_ROUND_START = 11;     // HyStart: tcp_mstamp (us, 32 bits) when the round began
    static final int W_END_SEQ = 12;         // HyStart: snd_nxt when the round began
    static final int W_LAST_ACK = 13;        // HyStart: time of the last ACK of the train
    static final int W_CURR_RTT = 14;        // HyStart: minimum RTT of the round
    /** Words of the private area CUBIC uses (Linux's BUILD_BUG_ON(sizeof(struct bictcp) > ICSK_CA_PRIV_SIZE)). */
    static final int WORDS = 15;
    /** bictcp_reset zeroes the struct up to {@code unused}: words 0 to 9. */
    private static final int RESET_WORDS = W_SAMPLE_FOUND;

    private static final int BETA_SCALE = 1024;
    private static final int BICTCP_HZ = 10;
    private static final int HYSTART_ACK_TRAIN = 0x1;
    private static final int HYSTART_DELAY = 0x2;
    private static final int HYSTART_MIN_SAMPLES = 8;
    private static final int HYSTART_DELAY_MIN = 4000;
    private static final int HYSTART_DELAY_MAX = 16000;
    private static final long USEC_PER_SEC = 1_000_000L;
    private static final long USEC_PER_MSEC = 1_000L;

    /**
     * cbrt(x << 18) - 1 for x in 0..63: cubic_root's table, one char per entry. The values are
     * Linux's own (refined by hand there, not derivable), which exact results need; a String,
     * because a program may not keep a mutable static array.
     */
    private static final String CBRT_TABLE =
            "\u0000\u0036\u0036\u0036\u0076\u0076\u0076\u0076\u007b\u0081\u0086\u008a\u008f\u0093\u0097\u009c"
            + "\u009d\u00a1\u00a4\u00a8\u00aa\u00ad\u00b0\u00b3\u00b5\u00b9\u00bb\u00be\u00c0\u00c2\u00c5\u00c7"
            + "\u00c8\u00ca\u00cc\u00ce\u00d1\u00d3\u00d5\u00d7\u00d9\u00db\u00dd\u00de\u00e0\u00e1\u00e3\u00e5"
            + "\u00e7\u00e8\u00ea\u00ec\u00ed\u00ef\u00f0\u00f2\u00f4\u00f5\u00f6\u00f8\u00fa\u00fb\u00fc\u00fe";

    private final Params params;

    /** CUBIC reading the given host's parameters. */
    public Cubic(Params params) {
        this.params = params;
    }

    /** The host's parameters this instance reads. */
    public Params params() {
        return params;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void init(TcpSock sk) {
        reset(sk);
        if (params.hystart != 0) {
            hystartReset(sk);
        }
        if (params.hystart == 0 && params.initialSsthresh != 0) {
            sk.setSndSsthresh(params.initialSsthresh);
        }
    }

    @Override
    public void cwndEvent(TcpSock sk, int event) {
        if (event != TcpCa.CA_EVENT_TX_START) {
            return;
        }
        // After an application-limited idle period, shift the epoch by the idle time so the cubic
        // curve resumes where it was instead of crediting the idle time as growth.
        int now = sk.tcpJiffies32();
        int delta = now - sk.lsndtime();
        int epochStart = sk.caGetInt(W_EPOCH_START);
        if (epochStart != 0 && delta > 0) {
            epochStart += delta;
            if (TcpCa.after(epochStart, now)) {
                epochStart = now;
            }
            sk.caSetInt(W_EPOCH_START, epochStart);
        }
    }

    @Override
    public void congAvoid(TcpSock sk, int ack, int acked) {
        if (!sk.tcpIsCwndLimited()) {
            return;
        }
        if (sk.inSlowStart()) {
            acked = sk.slowStart(acked);
            if (acked == 0) {
                return;
            }
        }
        update(sk, sk.sndCwnd(), acked);
        sk.congAvoidAi(sk.caGetInt(W_CNT), acked);
    }

    @Override
    public int ssthresh(TcpSockView sk) {
        int cwnd = sk.sndCwnd();
        sk.caSetInt(W_EPOCH_START, 0);
        // W_max, lowered further when the window shrinks from one loss to the next (fast convergence)
        if (Integer.compareUnsigned(cwnd, sk.caGetInt(W_LAST_MAX_CWND)) < 0 && params.fastConvergence != 0) {
            sk.caSetInt(W_LAST_MAX_CWND, Integer.divideUnsigned(cwnd * (BETA_SCALE + params.beta), 2 * BETA_SCALE));
        } else {
            sk.caSetInt(W_LAST_MAX_CWND, cwnd);
        }
        int reduced = Integer.divideUnsigned(cwnd * params.beta, BETA_SCALE);
        return Integer.compareUnsigned(reduced, 2) >= 0 ? reduced : 2;
    }

    @Override
    public void setState(TcpSock sk, int newState) {
        if (newState == TcpCa.CA_LOSS) {
            reset(sk);
            hystartReset(sk);
        }
    }

    @Override
    public int undoCwnd(TcpSockView sk) {
        return sk.renoUndoCwnd();
    }

    @Override
    public void pktsAcked(TcpSock sk, AckSample sample) {
        int rttUs = sample.rttUs();
        if (rttUs < 0) {
            return;     // duplicate ACKs and retransmitted data give no RTT
        }
        // Discard delay samples right after a reduction (within a second of the epoch start).
        int epochStart = sk.caGetInt(W_EPOCH_START);
        if (epochStart != 0 && sk.tcpJiffies32() - epochStart < TcpCa.HZ) {
            return;
        }
        int delay = rttUs == 0 ? 1 : rttUs;
        int delayMin = sk.caGetInt(W_DELAY_MIN);
        if (delayMin == 0 || Integer.compareUnsigned(delayMin, delay) > 0) {
            sk.caSetInt(W_DELAY_MIN, delay);
        }
        if (found(sk) == 0 && sk.inSlowStart() && params.hystart != 0
                && Integer.compareUnsigned(sk.sndCwnd(), params.hystartLowWindow) >= 0) {
            hystartUpdate(sk, delay);
        }
    }

    /** bictcp_reset: zero the struct up to {@code unused}, and {@code found}; sample_cnt and the round stay. */
    private static void reset(TcpSockView sk) {
        for (int w = 0; w < RESET_WORDS; w++) {
            sk.caSetInt(w, 0);
        }
        sk.caSetInt(W_SAMPLE_FOUND, sk.caGetInt(W_SAMPLE_FOUND) & 0x00FF_FFFF);
    }

    /** bictcp_hystart_reset: a new HyStart round starts now and ends when snd_nxt is acknowledged. */
    private static void hystartReset(TcpSockView sk) {
        int now = (int) sk.tcpMstamp();
        sk.caSetInt(W_ROUND_START, now);
        sk.caSetInt(W_LAST_ACK, now);
        sk.caSetInt(W_END_SEQ, sk.sndNxt());
        sk.caSetInt(W_CURR_RTT, -1);
        sk.caSetInt(W_SAMPLE_FOUND, sk.caGetInt(W_SAMPLE_FOUND) & 0xFF00_FFFF);
    }

    private static int found(TcpSockView sk) {
        return sk.caGetInt(W_SAMPLE_FOUND) >>> 24;
    }

    private static int sampleCnt(TcpSockView sk) {
        return (sk.caGetInt(W_SAMPLE_FOUND) >>> 16) & 0xFF;
    }

    private static void setFound(TcpSockView sk) {
        sk.caSetInt(W_SAMPLE_FOUND, (sk.caGetInt(W_SAMPLE_FOUND) & 0x00FF_FFFF) | (1 << 24));
    }

    /** bictcp_update: the ACK count a one-segment increase takes now ({@code ca->cnt}). */
    private void update(TcpSock sk, int cwnd, int acked) {
        int now = sk.tcpJiffies32();
        int ackCnt = sk.caGetInt(W_ACK_CNT) + acked;
        sk.caSetInt(W_ACK_CNT, ackCnt);

        if (sk.caGetInt(W_LAST_CWND) == cwnd && now - sk.caGetInt(W_LAST_TIME) <= TcpCa.HZ / 32) {
            return;
        }
        // The cubic function updates cnt at most once per jiffy; a reduction zeroes epoch_start,
        // which forces a recomputation.
        if (!(sk.caGetInt(W_EPOCH_START) != 0 && now == sk.caGetInt(W_LAST_TIME))) {
            sk.caSetInt(W_LAST_CWND, cwnd);
            sk.caSetInt(W_LAST_TIME, now);
            if (sk.caGetInt(W_EPOCH_START) == 0) {
                sk.caSetInt(W_EPOCH_START, now);
                sk.caSetInt(W_ACK_CNT, acked);
                sk.caSetInt(W_TCP_CWND, cwnd);
                int lastMax = sk.caGetInt(W_LAST_MAX_CWND);
                if (Integer.compareUnsigned(lastMax, cwnd) <= 0) {
                    sk.caSetInt(W_K, 0);
                    sk.caSetInt(W_ORIGIN_POINT, cwnd);
                } else {
                    // K = cbrt((W_max - cwnd) * rtt / C) in 1/1024 s, rtt fixed at 100 ms in cube_factor
                    sk.caSetInt(W_K, cubicRoot(params.cubeFactor * Integer.toUnsignedLong(lastMax - cwnd)));
                    sk.caSetInt(W_ORIGIN_POINT, lastMax);
                }
            }
            // t: time since the epoch plus the minimum delay, converted from jiffies to 1/1024 s
            long t = (long) (now - sk.caGetInt(W_EPOCH_START));
            t += TcpCa.usecsToJiffies(sk.caGetInt(W_DELAY_MIN));
            t <<= BICTCP_HZ;
            t = Long.divideUnsigned(t, TcpCa.HZ);
            long k = Integer.toUnsignedLong(sk.caGetInt(W_K));
            boolean belowOrigin = Long.compareUnsigned(t, k) < 0;
            long offs = belowOrigin ? k - t : t - k;
            // C/rtt * (t - K)^3, in segments (wrapping as Linux's u64 product does)
            int delta = (int) ((params.cubeRttScale * offs * offs * offs) >>> (10 + 3 * BICTCP_HZ));
            int origin = sk.caGetInt(W_ORIGIN_POINT);
            int target = belowOrigin ? origin - delta : origin + delta;
            int cnt;
            if (Integer.compareUnsigned(target, cwnd) > 0) {
                cnt = Integer.divideUnsigned(cwnd, target - cwnd);
            } else {
                cnt = 100 * cwnd;      // very small increment
            }
            // Before the first loss the curve has no W_max: grow by at most 5% per RTT.
            if (sk.caGetInt(W_LAST_MAX_CWND) == 0 && Integer.compareUnsigned(cnt, 20) > 0) {
                cnt = 20;
            }
            sk.caSetInt(W_CNT, cnt);
        }
        if (params.tcpFriendliness != 0) {
            tcpFriendliness(sk, cwnd);
        }
        // At most one segment per two ACKed: cwnd grows at most 1.5 times per RTT.
        if (Integer.compareUnsigned(sk.caGetInt(W_CNT), 2) < 0) {
            sk.caSetInt(W_CNT, 2);
        }
    }

    /** The Reno-friendly region: never grow slower than Reno with CUBIC's beta would. */
    private void tcpFriendliness(TcpSock sk, int cwnd) {
        int delta = (cwnd * params.betaScale) >>> 3;
        int ackCnt = sk.caGetInt(W_ACK_CNT);
        int tcpCwnd = sk.caGetInt(W_TCP_CWND);
        if (delta != 0) {
            // Linux loops one Reno increment per delta segments; the same, without the loop.
            int steps = Integer.divideUnsigned(ackCnt - 1, delta);
            if (Integer.compareUnsigned(ackCnt, delta) > 0) {
                ackCnt -= steps * delta;
                tcpCwnd += steps;
            }
        }
        sk.caSetInt(W_ACK_CNT, ackCnt);
        sk.caSetInt(W_TCP_CWND, tcpCwnd);
        if (Integer.compareUnsigned(tcpCwnd, cwnd) > 0) {
            int maxCnt = Integer.divideUnsigned(cwnd, tcpCwnd - cwnd);
            if (Integer.compareUnsigned(sk.caGetInt(W_CNT), maxCnt) > 0) {
                sk.caSetInt(W_CNT, maxCnt);
            }
        }
    }

    /**
     * hystart_ack_delay: a cushion for TSO/GRO aggregation, the time to send four full GSO
     * packets at the pacing rate, at most 1 ms; 0 when there is no pacing rate yet.
     */
    static int hystartAckDelay(TcpSockView sk) {
        long rate = sk.pacingRate();
        if (rate == 0) {
            return 0;
        }
        long d = Long.divideUnsigned(Integer.toUnsignedLong(sk.gsoMaxSize()) * 4 * USEC_PER_SEC, rate);
        return (int) (Long.compareUnsigned(d, USEC_PER_MSEC) < 0 ? d : USEC_PER_MSEC);
    }

    private void hystartUpdate(TcpSock sk, int delay) {
        if (TcpCa.after(sk.sndUna(), sk.caGetInt(W_END_SEQ))) {
            hystartReset(sk);
        }
        if ((params.hystartDetect & HYSTART_ACK_TRAIN) != 0) {
            int now = (int) sk.tcpMstamp();
            // ACKs closer than hystart_ack_delta_us form a train; a train that lasts longer than
            // half the minimum RTT (the whole RTT when paced) means the pipe is full.
            if (now - sk.caGetInt(W_LAST_ACK) <= params.hystartAckDeltaUs) {
                sk.caSetInt(W_LAST_ACK, now);
                int threshold = sk.caGetInt(W_DELAY_MIN) + hystartAckDelay(sk);
                if (sk.pacingStatus() == TcpCa.SK_PACING_NONE) {
                    threshold >>>= 1;
                }
                // Linux compares (s32)(now - round_start) with the u32 threshold: unsigned.
                if (Integer.compareUnsigned(now - sk.caGetInt(W_ROUND_START), threshold) > 0) {
                    setFound(sk);
                    sk.netAddStats(TcpCa.STAT_HYSTART_TRAIN_DETECT, 1);
                    sk.netAddStats(TcpCa.STAT_HYSTART_TRAIN_CWND, Integer.toUnsignedLong(sk.sndCwnd()));
                    sk.setSndSsthresh(sk.sndCwnd());
                }
            }
        }
        if ((params.hystartDetect & HYSTART_DELAY) != 0) {
            // The minimum RTT of the round's first samples, against delay_min plus 1/8 of it
            // (clamped to 4..16 ms).
            if (Integer.compareUnsigned(sk.caGetInt(W_CURR_RTT), delay) > 0) {
                sk.caSetInt(W_CURR_RTT, delay);
            }
            int samples = sampleCnt(sk);
            if (samples < HYSTART_MIN_SAMPLES) {
                sk.caSetInt(W_SAMPLE_FOUND, (sk.caGetInt(W_SAMPLE_FOUND) & 0xFF00_FFFF) | ((samples + 1) << 16));
            } else {
                int delayMin = sk.caGetInt(W_DELAY_MIN);
                if (Integer.compareUnsigned(sk.caGetInt(W_CURR_RTT), delayMin + delayThresh(delayMin >>> 3)) > 0) {
                    setFound(sk);
                    sk.netAddStats(TcpCa.STAT_HYSTART_DELAY_DETECT, 1);
                    sk.netAddStats(TcpCa.STAT_HYSTART_DELAY_CWND, Integer.toUnsignedLong(sk.sndCwnd()));
                    sk.setSndSsthresh(sk.sndCwnd());
                }
            }
        }
    }

    /** HYSTART_DELAY_THRESH: clamp(x, 4 ms, 16 ms), unsigned. */
    static int delayThresh(int x) {
        if (Integer.compareUnsigned(x, HYSTART_DELAY_MIN) < 0) {
            return HYSTART_DELAY_MIN;
        }
        return Integer.compareUnsigned(x, HYSTART_DELAY_MAX) > 0 ? HYSTART_DELAY_MAX : x;
    }

    /**
     * cubic_root: the cube root of an unsigned 64-bit {@code a} from a 64-entry table of the
     * leading bits and one Newton-Raphson step (average error about 0.2%), as Linux computes it.
     */
    static int cubicRoot(long a) {
        int b = 64 - Long.numberOfLeadingZeros(a);      // fls64
        if (b < 7) {
            // a in [0..63]
            return (CBRT_TABLE.charAt((int) a) + 35) >>> 6;
        }
        b = ((b * 84) >>> 8) - 1;
        int shift = (int) (a >>> (b * 3));
        int x = ((CBRT_TABLE.charAt(shift) + 10) << b) >>> 6;
        // x = (2x + a / (x * (x - 1))) / 3, the division by 3 as * 341 >> 10
        x = 2 * x + (int) Long.divideUnsigned(a, Integer.toUnsignedLong(x) * Integer.toUnsignedLong(x - 1));
        return (x * 341) >>> 10;
    }

    /**
     * CUBIC's module parameters on one host ({@code /sys/module/tcp_cubic/parameters/*}), with
     * Linux's defaults and permissions, and the scale factors Linux derives from them when the
     * module loads ({@code cubictcp_register}). Writes take effect for every CUBIC socket of the
     * host at its next callback, as a module parameter does; {@code beta} may be written but,
     * as in Linux, the Reno-friendly scale derived from it keeps its load-time value.
     *
     * <table>
     *   <caption>Parameters</caption>
     *   <tr><th>name</th><th>default</th><th>mode</th><th>meaning</th></tr>
     *   <tr><td>fast_convergence</td><td>1</td><td>rw</td><td>lower W_max when a loss comes below the last one</td></tr>
     *   <tr><td>beta</td><td>717</td><td>rw</td><td>multiplicative decrease, /1024 (0.7)</td></tr>
     *   <tr><td>initial_ssthresh</td><td>0</td><td>rw</td><td>initial ssthresh when HyStart is off; 0: infinite</td></tr>
     *   <tr><td>bic_scale</td><td>41</td><td>ro</td><td>C of the cubic function, /1024 * 10 (0.4)</td></tr>
     *   <tr><td>tcp_friendliness</td><td>1</td><td>rw</td><td>never grow slower than Reno</td></tr>
     *   <tr><td>hystart</td><td>1</td><td>rw</td><td>hybrid slow start on</td></tr>
     *   <tr><td>hystart_detect</td><td>3</td><td>rw</td><td>1: ACK train, 2: delay, 3: both</td></tr>
     *   <tr><td>hystart_low_window</td><td>16</td><td>rw</td><td>cwnd below which HyStart does not act</td></tr>
     *   <tr><td>hystart_ack_delta_us</td><td>2000</td><td>rw</td><td>largest ACK spacing within a train, us</td></tr>
     * </table>
     */
    public static final class Params {
        /** The sysfs directory of the parameters. */
        public static final String SYSFS_DIR = "/sys/module/tcp_cubic/parameters/";
        private static final List<String> NAMES = List.of("fast_convergence", "beta", "initial_ssthresh", "bic_scale",
                "tcp_friendliness", "hystart", "hystart_detect", "hystart_low_window", "hystart_ack_delta_us");
        private static final String READ_ONLY = "bic_scale";

        int fastConvergence = 1;
        int beta = 717;
        int initialSsthresh = 0;
        final int bicScale;
        int tcpFriendliness = 1;
        int hystart = 1;
        int hystartDetect = HYSTART_ACK_TRAIN | HYSTART_DELAY;
        int hystartLowWindow = 16;
        int hystartAckDeltaUs = 2000;

        /** beta_scale = 8 * (1024 + beta) / 3 / (1024 - beta), from the load-time beta. */
        final int betaScale;
        /** cube_rtt_scale = bic_scale * 10: 1024 * C / rtt with rtt 100 ms. */
        final int cubeRttScale;
        /** cube_factor = 2^40 / (bic_scale * 10): converts W_max - cwnd into K^3 in (1/1024 s)^3. */
        final long cubeFactor;

        /** The parameters as Linux loads the module by default. */
        public Params() {
            this(Map.of());
        }

        /**
         * The parameters as {@code modprobe tcp_cubic name=value ...} loads them: the given values
         * (read as the kernel reads integers) replace the defaults before the scale factors are
         * derived.
         *
         * @throws IllegalArgumentException for an unknown name, a value that is not an integer, or
         *         a beta or bic_scale the derivations cannot use (Linux would divide by zero)
         */
        public Params(Map<String, String> atLoad) {
            int bic = 41;
            for (Map.Entry<String, String> e : atLoad.entrySet()) {
                int v = parse(e.getKey(), e.getValue());
                if (e.getKey().equals(READ_ONLY)) {
                    bic = v;
                } else {
                    assign(e.getKey(), v);
                }
            }
            if (beta < 0 || beta >= BETA_SCALE) {
                throw new IllegalArgumentException("tcp_cubic: beta=" + beta + " must be in 0..1023 at load (beta_scale divides by 1024 - beta)");
            }
            if (bic <= 0 || bic > 0x7fff_ffff / 10) {
                throw new IllegalArgumentException("tcp_cubic: bic_scale=" + bic + " must be positive at load (cube_factor divides by bic_scale * 10)");
            }
            this.bicScale = bic;
            this.betaScale = 8 * (BETA_SCALE + beta) / 3 / (BETA_SCALE - beta);
            this.cubeRttScale = bicScale * 10;
            this.cubeFactor = Long.divideUnsigned(1L << (10 + 3 * BICTCP_HZ), bicScale * 10L);
        }

        /** The parameter names, in Linux's declaration order. */
        public static List<String> names() {
            return NAMES;
        }

        /** The current value of a parameter, as {@code cat} prints it (without the newline). */
        public String get(String name) {
            return Integer.toString(value(checkName(name, name)));
        }

        /** Every parameter and its value, in declaration order. */
        public Map<String, String> snapshot() {
            Map<String, String> m = new LinkedHashMap<>();
            for (String n : NAMES) {
                m.put(n, get(n));
            }
            return Collections.unmodifiableMap(m);
        }

        /**
         * {@code echo value > /sys/module/tcp_cubic/parameters/name}: {@code target} is the
         * parameter's name or its sysfs path. The value is read as the kernel's
         * {@code param_set_int} reads it (decimal, 0x hex, 0 octal, a sign, a trailing newline).
         *
         * @throws IllegalArgumentException with the shell's message: no such parameter, a
         *         read-only one (Permission denied), or a value that is not an int (Invalid argument)
         */
        public void set(String target, String value) {
            String name = target.startsWith(SYSFS_DIR) ? target.substring(SYSFS_DIR.length()) : target;
            checkName(name, target);
            if (name.equals(READ_ONLY)) {
                throw new IllegalArgumentException(SYSFS_DIR + name + ": Permission denied (" + name
                        + " is read-only once tcp_cubic is loaded: mode 0444)");
            }
            assign(name, parse(name, value));
        }

        private String checkName(String name, String asWritten) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException(asWritten + ": No such file or directory (tcp_cubic parameters: "
                        + String.join(", ", NAMES) + ")");
            }
            return name;
        }

        private int value(String name) {
            return switch (name) {
                case "fast_convergence" -> fastConvergence;
                case "beta" -> beta;
                case "initial_ssthresh" -> initialSsthresh;
                case "bic_scale" -> bicScale;
                case "tcp_friendliness" -> tcpFriendliness;
                case "hystart" -> hystart;
                case "hystart_detect" -> hystartDetect;
                case "hystart_low_window" -> hystartLowWindow;
                case "hystart_ack_delta_us" -> hystartAckDeltaUs;
                default -> throw new IllegalArgumentException(name);
            };
        }

        private void assign(String name, int v) {
            switch (name) {
                case "fast_convergence" -> fastConvergence = v;
                case "beta" -> beta = v;
                case "initial_ssthresh" -> initialSsthresh = v;
                case "tcp_friendliness" -> tcpFriendliness = v;
                case "hystart" -> hystart = v;
                case "hystart_detect" -> hystartDetect = v;
                case "hystart_low_window" -> hystartLowWindow = v;
                case "hystart_ack_delta_us" -> hystartAckDeltaUs = v;
                default -> throw new IllegalArgumentException("tcp_cubic: unknown parameter '" + name + "' (known: "
                        + String.join(", ", NAMES) + ")");
            }
        }

        /** kstrtoint(s, 0): optional sign, then 0x/0X hex, leading-0 octal or decimal; one trailing newline allowed. */
        private static int parse(String name, String raw) {
            String s = raw.endsWith("\n") ? raw.substring(0, raw.length() - 1) : raw;
            String bad = "write error: Invalid argument (" + SYSFS_DIR + name + " takes an int, got '" + raw.strip() + "')";
            boolean neg = false;
            int i = 0;
            if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
                neg = s.charAt(0) == '-';
                i = 1;
            }
            int radix = 10;
            if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
                radix = 16;
                i += 2;
            } else if (s.startsWith("0", i) && s.length() > i + 1) {
                radix = 8;
                i += 1;
            }
            String digits = s.substring(i);
            for (int j = 0; j < digits.length(); j++) {
                if (Character.digit(digits.charAt(j), radix) < 0) {
                    throw new IllegalArgumentException(bad);
                }
            }
            if (digits.isEmpty()) {
                throw new IllegalArgumentException(bad);
            }
            long v;
            try {
                v = Long.parseLong(digits, radix);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(bad);
            }
            v = neg ? -v : v;
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("write error: Numerical result out of range (" + SYSFS_DIR + name + ": '"
                        + raw.strip() + "' does not fit an int)");
            }
            return (int) v;
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            snapshot().forEach((k, v) -> parts.add(k + "=" + v));
            return "tcp_cubic " + String.join(" ", parts);
        }
    }
}
