package dev.weir.tcp.cc;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.AckSample;
import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.MapSpec;
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
 * <p>Written as a loaded program is, and accepted by Weir's verifier: a public no-argument
 * constructor, no allocation, no field but a map. Per-connection state is Linux's
 * {@code struct bictcp}, fifteen 32-bit words in the socket's private area (8 of its 13 slots).
 * The module parameters are the pinned array map {@code tcp_cubic_params} (entries
 * {@link #P_FAST_CONVERGENCE} ... {@link #P_CUBE_FACTOR}); the host's {@link Params} is that map,
 * and {@link Params#newCubic()} binds it as the loader binds a {@code @MapSpec} field.
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

    // entries of the parameter map: the module parameters, then the scales derived at load
    public static final int P_FAST_CONVERGENCE = 0;
    public static final int P_BETA = 1;
    public static final int P_INITIAL_SSTHRESH = 2;
    public static final int P_BIC_SCALE = 3;
    public static final int P_TCP_FRIENDLINESS = 4;
    public static final int P_HYSTART = 5;
    public static final int P_HYSTART_DETECT = 6;
    public static final int P_HYSTART_LOW_WINDOW = 7;
    public static final int P_HYSTART_ACK_DELTA_US = 8;
    /** beta_scale = 8 * (1024 + beta) / 3 / (1024 - beta), from the load-time beta. */
    public static final int P_BETA_SCALE = 9;
    /** cube_rtt_scale = bic_scale * 10: 1024 * C / rtt with rtt 100 ms. */
    public static final int P_CUBE_RTT_SCALE = 10;
    /** cube_factor = 2^40 / (bic_scale * 10): turns W_max - cwnd into K^3 in (1/1024 s)^3 (unsigned 64-bit). */
    public static final int P_CUBE_FACTOR = 11;
    /** Entries of the parameter map. */
    public static final int PARAMS = 12;

    @MapSpec(name = "tcp_cubic_params", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = PARAMS, pinned = true)
    ArrayMap params;

    /** An unbound instance, as the loader creates it; {@link Params#newCubic()} gives a bound one. */
    public Cubic() {}

    /** The parameter map this instance reads. */
    public ArrayMap params() {
        return params;
    }

    private int param(int index) {
        return (int) params.lookupLong(index, 0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void init(TcpSock sk) {
        reset(sk);
        int hystart = param(P_HYSTART);
        if (hystart != 0) {
            hystartReset(sk);
        }
        int initialSsthresh = param(P_INITIAL_SSTHRESH);
        if (hystart == 0 && initialSsthresh != 0) {
            sk.setSndSsthresh(initialSsthresh);
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
        int beta = param(P_BETA);
        if (Integer.compareUnsigned(cwnd, sk.caGetInt(W_LAST_MAX_CWND)) < 0 && param(P_FAST_CONVERGENCE) != 0) {
            sk.caSetInt(W_LAST_MAX_CWND, Integer.divideUnsigned(cwnd * (BETA_SCALE + beta), 2 * BETA_SCALE));
        } else {
            sk.caSetInt(W_LAST_MAX_CWND, cwnd);
        }
        int reduced = Integer.divideUnsigned(cwnd * beta, BETA_SCALE);
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
        if (found(sk) == 0 && sk.inSlowStart() && param(P_HYSTART) != 0
                && Integer.compareUnsigned(sk.sndCwnd(), param(P_HYSTART_LOW_WINDOW)) >= 0) {
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
                    sk.caSetInt(W_K, cubicRoot(params.lookupLong(P_CUBE_FACTOR, 0) * Integer.toUnsignedLong(lastMax - cwnd)));
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
            int delta = (int) ((param(P_CUBE_RTT_SCALE) * offs * offs * offs) >>> (10 + 3 * BICTCP_HZ));
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
        if (param(P_TCP_FRIENDLINESS) != 0) {
            tcpFriendliness(sk, cwnd);
        }
        // At most one segment per two ACKed: cwnd grows at most 1.5 times per RTT.
        if (Integer.compareUnsigned(sk.caGetInt(W_CNT), 2) < 0) {
            sk.caSetInt(W_CNT, 2);
        }
    }

    /** The Reno-friendly region: never grow slower than Reno with CUBIC's beta would. */
    private void tcpFriendliness(TcpSock sk, int cwnd) {
        int delta = (cwnd * param(P_BETA_SCALE)) >>> 3;
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
        int detect = param(P_HYSTART_DETECT);
        if ((detect & HYSTART_ACK_TRAIN) != 0) {
            int now = (int) sk.tcpMstamp();
            // ACKs closer than hystart_ack_delta_us form a train; a train that lasts longer than
            // half the minimum RTT (the whole RTT when paced) means the pipe is full.
            if (now - sk.caGetInt(W_LAST_ACK) <= param(P_HYSTART_ACK_DELTA_US)) {
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
        if ((detect & HYSTART_DELAY) != 0) {
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
            return (cbrtTable((int) a) + 35) >>> 6;
        }
        b = ((b * 84) >>> 8) - 1;
        int shift = (int) (a >>> (b * 3));
        int x = ((cbrtTable(shift) + 10) << b) >>> 6;
        // x = (2x + a / (x * (x - 1))) / 3, the division by 3 as * 341 >> 10
        x = 2 * x + (int) Long.divideUnsigned(a, Integer.toUnsignedLong(x) * Integer.toUnsignedLong(x - 1));
        return (x * 341) >>> 10;
    }

    /**
     * Entry {@code x} (0..63) of cubic_root's table, cbrt(x << 18) - 1: 0, 54, 54, 54, 118, 118,
     * 118, 118, 123, 129, 134, 138, 143, 147, 151, 156, 157, 161, ... 250, 251, 252, 254, eight
     * entries per constant, lowest byte first. The values are Linux's own (refined by hand there,
     * not derivable), which exact results need; constants and a switch, because a program may
     * keep no static array.
     */
    private static int cbrtTable(int x) {
        long eight = switch (x >>> 3) {
            case 0 -> 0x7676_7676_3636_3600L;
            case 1 -> 0x9C97_938F_8A86_817BL;
            case 2 -> 0xB3B0_ADAA_A8A4_A19DL;
            case 3 -> 0xC7C5_C2C0_BEBB_B9B5L;
            case 4 -> 0xD7D5_D3D1_CECC_CAC8L;
            case 5 -> 0xE5E3_E1E0_DEDD_DBD9L;
            case 6 -> 0xF2F0_EFED_ECEA_E8E7L;
            default -> 0xFEFC_FBFA_F8F6_F5F4L;
        };
        return (int) (eight >>> ((x & 7) << 3)) & 0xFF;
    }

    /**
     * CUBIC's module parameters on one host ({@code /sys/module/tcp_cubic/parameters/*}), with
     * Linux's defaults and permissions, and the scale factors Linux derives from them when the
     * module loads ({@code cubictcp_register}). It is the array map {@code tcp_cubic_params} a
     * {@link Cubic} reads ({@link Cubic#P_FAST_CONVERGENCE} ... {@link Cubic#P_CUBE_FACTOR}, 8-byte
     * values), written from user space with {@link #set}. Writes take effect for every CUBIC
     * socket of the host at its next callback, as a module parameter does; {@code beta} may be
     * written but, as in Linux, the Reno-friendly scale derived from it keeps its load-time value.
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
     *
     * <p>Through the map interface, programs and {@code weir map} read every entry and may
     * update the writable parameters; bic_scale and the derived scales are read-only
     * ({@link MapError#EPERM}).
     */
    public static final class Params implements ArrayMap {
        /** The sysfs directory of the parameters. */
        public static final String SYSFS_DIR = "/sys/module/tcp_cubic/parameters/";
        /** The map's name when pinned. */
        public static final String MAP_NAME = "tcp_cubic_params";
        private static final List<String> NAMES = List.of("fast_convergence", "beta", "initial_ssthresh", "bic_scale",
                "tcp_friendliness", "hystart", "hystart_detect", "hystart_low_window", "hystart_ack_delta_us");

        private final long[] values = new long[PARAMS];

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
            values[P_FAST_CONVERGENCE] = 1;
            values[P_BETA] = 717;
            values[P_INITIAL_SSTHRESH] = 0;
            values[P_BIC_SCALE] = 41;
            values[P_TCP_FRIENDLINESS] = 1;
            values[P_HYSTART] = 1;
            values[P_HYSTART_DETECT] = HYSTART_ACK_TRAIN | HYSTART_DELAY;
            values[P_HYSTART_LOW_WINDOW] = 16;
            values[P_HYSTART_ACK_DELTA_US] = 2000;
            for (Map.Entry<String, String> e : atLoad.entrySet()) {
                values[index(e.getKey(), "tcp_cubic: unknown parameter '" + e.getKey() + "'")] = parse(e.getKey(), e.getValue());
            }
            int beta = (int) values[P_BETA];
            int bic = (int) values[P_BIC_SCALE];
            if (beta < 0 || beta >= BETA_SCALE) {
                throw new IllegalArgumentException("tcp_cubic: beta=" + beta + " must be in 0..1023 at load (beta_scale divides by 1024 - beta)");
            }
            if (bic <= 0 || bic > Integer.MAX_VALUE / 10) {
                throw new IllegalArgumentException("tcp_cubic: bic_scale=" + bic + " must be positive at load (cube_factor divides by bic_scale * 10)");
            }
            values[P_BETA_SCALE] = 8 * (BETA_SCALE + beta) / 3 / (BETA_SCALE - beta);
            values[P_CUBE_RTT_SCALE] = bic * 10L;
            values[P_CUBE_FACTOR] = Long.divideUnsigned(1L << (10 + 3 * BICTCP_HZ), bic * 10L);
        }

        /** A CUBIC reading these parameters, as the loader binds a pinned map to a program's {@code @MapSpec} field. */
        public Cubic newCubic() {
            Cubic c = new Cubic();
            c.params = this;
            return c;
        }

        /** The parameter names, in Linux's declaration order (their map entries are 0..8). */
        public static List<String> names() {
            return NAMES;
        }

        /** The current value of a parameter, as {@code cat} prints it (without the newline). */
        public String get(String name) {
            return Long.toString(values[index(name, name + ": No such file or directory")]);
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
            int i = index(name, target + ": No such file or directory");
            if (i == P_BIC_SCALE) {
                throw new IllegalArgumentException(SYSFS_DIR + name + ": Permission denied (" + name
                        + " is read-only once tcp_cubic is loaded: mode 0444)");
            }
            values[i] = parse(name, value);
        }

        private static int index(String name, String message) {
            int i = NAMES.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException(message + " (tcp_cubic parameters: " + String.join(", ", NAMES) + ")");
            }
            return i;
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
            if (digits.isEmpty()) {
                throw new IllegalArgumentException(bad);
            }
            for (int j = 0; j < digits.length(); j++) {
                if (Character.digit(digits.charAt(j), radix) < 0) {
                    throw new IllegalArgumentException(bad);
                }
            }
            long v;
            try {
                v = Long.parseLong(digits, radix);
            } catch (NumberFormatException e) {
                v = Long.MAX_VALUE;
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

        // ---- the array map ----

        @Override
        public String name() {
            return MAP_NAME;
        }

        @Override
        public MapType type() {
            return MapType.ARRAY;
        }

        @Override
        public int keySize() {
            return 4;
        }

        @Override
        public int valueSize() {
            return 8;
        }

        @Override
        public int maxEntries() {
            return PARAMS;
        }

        @Override
        public long lookupLong(int index, long absent) {
            return index >= 0 && index < PARAMS ? values[index] : absent;
        }

        /** Writable entries take an int, as the module parameter is one; others refuse. */
        private int writable(int index, long value, long flags) {
            if (flags != MapFlags.ANY && flags != MapFlags.EXIST && flags != MapFlags.NOEXIST) {
                return MapError.EINVAL;
            }
            if (index < 0 || index >= PARAMS) {
                return MapError.E2BIG;
            }
            if (flags == MapFlags.NOEXIST) {
                return MapError.EEXIST;
            }
            if (index == P_BIC_SCALE || index > P_HYSTART_ACK_DELTA_US) {
                return MapError.EPERM;
            }
            return value == (int) value ? MapError.OK : MapError.EINVAL;
        }

        @Override
        public int updateLong(int index, long value, long flags) {
            int rc = writable(index, value, flags);
            if (rc == MapError.OK) {
                values[index] = value;
            }
            return rc;
        }

        @Override
        public int addLong(int index, long delta) {
            long v = lookupLong(index, 0) + delta;
            return updateLong(index, v, MapFlags.ANY);
        }

        @Override
        public int lookup(int index, byte[] value, int valueOff) {
            if (value == null || valueOff < 0 || valueOff > value.length - 8) {
                return MapError.EFAULT;
            }
            if (index < 0 || index >= PARAMS) {
                return MapError.ENOENT;
            }
            long v = values[index];
            for (int b = 0; b < 8; b++) {
                value[valueOff + b] = (byte) (v >>> (56 - 8 * b));
            }
            return MapError.OK;
        }

        @Override
        public int update(int index, byte[] value, int valueOff, long flags) {
            if (value == null || valueOff < 0 || valueOff > value.length - 8) {
                return MapError.EFAULT;
            }
            long v = 0;
            for (int b = 0; b < 8; b++) {
                v = (v << 8) | (value[valueOff + b] & 0xFF);
            }
            return updateLong(index, v, flags);
        }

        private static int key(byte[] key, int keyOff) {
            return ((key[keyOff] & 0xFF) << 24) | ((key[keyOff + 1] & 0xFF) << 16) | ((key[keyOff + 2] & 0xFF) << 8) | (key[keyOff + 3] & 0xFF);
        }

        private static boolean keyFits(byte[] key, int keyOff) {
            return key != null && keyOff >= 0 && keyOff <= key.length - 4;
        }

        @Override
        public int lookup(byte[] key, int keyOff, byte[] value, int valueOff) {
            return keyFits(key, keyOff) ? lookup(key(key, keyOff), value, valueOff) : MapError.EFAULT;
        }

        @Override
        public int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
            return keyFits(key, keyOff) ? update(key(key, keyOff), value, valueOff, flags) : MapError.EFAULT;
        }

        @Override
        public int delete(byte[] key, int keyOff) {
            return keyFits(key, keyOff) ? MapError.EINVAL : MapError.EFAULT;
        }

        @Override
        public int getNextKey(byte[] key, int keyOff, byte[] nextKey, int nextKeyOff) {
            if (nextKey == null || nextKeyOff < 0 || nextKeyOff > nextKey.length - 4) {
                return MapError.EFAULT;
            }
            int next = key == null || !keyFits(key, keyOff) ? 0 : key(key, keyOff) + 1;
            if (key != null && keyFits(key, keyOff) && (key(key, keyOff) < 0 || key(key, keyOff) >= PARAMS)) {
                next = 0;
            }
            if (next >= PARAMS) {
                return MapError.ENOENT;
            }
            nextKey[nextKeyOff] = (byte) (next >>> 24);
            nextKey[nextKeyOff + 1] = (byte) (next >>> 16);
            nextKey[nextKeyOff + 2] = (byte) (next >>> 8);
            nextKey[nextKeyOff + 3] = (byte) next;
            return MapError.OK;
        }

        @Override
        public int size() {
            return PARAMS;
        }
    }
}
