#!/usr/bin/env python3
"""Reference data for Weir's CUBIC tests (dev.weir.tcp.cc.CubicTrajectoryTest, CubicRootTest).

An independent transcription of Linux 6.x net/ipv4/tcp_cubic.c and the tcp_cong.c building
blocks it uses (tcp_slow_start, tcp_cong_avoid_ai, tcp_is_cwnd_limited), with explicit 32- and
64-bit unsigned wrap-around, driven by a small deterministic ACK-clock simulator: one bulk
sender behind a bottleneck of fixed serialization time and base RTT, a receiver acknowledging
every packet or every second one (40 ms delayed-ACK timer), ECN marks (CE) when the bottleneck
queue holds at least mark_q packets, and the sender's CWR reaction (ssthresh from the
algorithm, cwnd set to it at once instead of PRR's gradual descent, Open again once snd_una
passes high_seq). The Java test replays the same simulator with the Java algorithm and compares
every cwnd/ssthresh change, the HyStart counters and the final private state.

Before writing anything it checks itself against two trajectories Linux reports through
TCP_INFO (a 166 kbit/s bulk flow with HyStart's delay exit at cwnd 48, and an RTO followed by
slow start and the Reno-friendly region), so the data is anchored to Linux, not only to itself.

Run: python3 cubic_reference.py   (writes cubic_trajectories.txt and cubic_roots.txt here)
"""
import heapq
import os
import random

M32 = (1 << 32) - 1
M64 = (1 << 64) - 1
HZ = 1000
BETA_SCALE = 1024
BICTCP_HZ = 10
INFINITE_SSTHRESH = 0x7FFFFFFF
HYSTART_ACK_TRAIN = 1
HYSTART_DELAY = 2
MIN_SAMPLES = 8
DELAY_MIN_US = 4000
DELAY_MAX_US = 16000

# cbrt(x << 18) - 1 for x in 0..63, rounded as Linux's table is (refined by hand in Linux)
TABLE = [
    0, 54, 54, 54, 118, 118, 118, 118,
    123, 129, 134, 138, 143, 147, 151, 156,
    157, 161, 164, 168, 170, 173, 176, 179,
    181, 185, 187, 190, 192, 194, 197, 199,
    200, 202, 204, 206, 209, 211, 213, 215,
    217, 219, 221, 222, 224, 225, 227, 229,
    231, 232, 234, 236, 237, 239, 240, 242,
    244, 245, 246, 248, 250, 251, 252, 254,
]


def s32(x):
    x &= M32
    return x - (1 << 32) if x & 0x80000000 else x


def after(a, b):
    return s32(b - a) < 0


def fls64(a):
    return a.bit_length()


def cubic_root(a):
    a &= M64
    b = fls64(a)
    if b < 7:
        return ((TABLE[a] + 35) >> 6) & M32
    b = ((b * 84) >> 8) - 1
    shift = a >> (b * 3)
    x = (((TABLE[shift] + 10) << b) & M32) >> 6
    x = (2 * x + ((a // ((x * ((x - 1) & M32)) & M64)) & M32)) & M32
    x = ((x * 341) & M32) >> 10
    return x


def usecs_to_jiffies(us):
    return (us + (1000000 // HZ) - 1) // (1000000 // HZ)


class Params:
    def __init__(self, **kw):
        self.fast_convergence = 1
        self.beta = 717
        self.initial_ssthresh = 0
        self.bic_scale = 41
        self.tcp_friendliness = 1
        self.hystart = 1
        self.hystart_detect = 3
        self.hystart_low_window = 16
        self.hystart_ack_delta_us = 2000
        for k, v in kw.items():
            assert hasattr(self, k), k
            setattr(self, k, v)
        # derived once, at module load, from the load-time beta and bic_scale
        self.beta_scale = 8 * (BETA_SCALE + self.beta) // 3 // (BETA_SCALE - self.beta)
        self.cube_rtt_scale = self.bic_scale * 10
        self.cube_factor = (1 << (10 + 3 * BICTCP_HZ)) // (self.bic_scale * 10)


class Sock:
    """The tcp_sock fields CUBIC reads or writes."""

    def __init__(self):
        self.cwnd = 10
        self.ssthresh = INFINITE_SSTHRESH
        self.cwnd_cnt = 0
        self.clamp = 0xFFFFFFFF  # ~0 in u32 for snd_cwnd_clamp
        self.jiffies = 0
        self.mstamp = 0
        self.snd_una = 0
        self.snd_nxt = 0
        self.max_packets_out = 0
        self.is_cwnd_limited = True
        self.prior_cwnd = 0
        self.pacing_rate = 0
        self.pacing_none = True
        self.gso_max_size = 65536
        self.lsndtime = 0
        self.stats = {"train_detect": 0, "train_cwnd": 0, "delay_detect": 0, "delay_cwnd": 0}

    def in_slow_start(self):
        return self.cwnd < self.ssthresh

    def is_cwnd_limited_fn(self):
        if self.is_cwnd_limited:
            return True
        if self.in_slow_start():
            return self.cwnd < 2 * self.max_packets_out
        return False

    def slow_start(self, acked):
        cwnd = min((self.cwnd + acked) & M32, self.ssthresh)
        acked = (acked - (cwnd - self.cwnd)) & M32
        self.cwnd = min(cwnd, self.clamp)
        return acked

    def cong_avoid_ai(self, w, acked):
        if self.cwnd_cnt >= w:
            self.cwnd_cnt = 0
            self.cwnd = (self.cwnd + 1) & M32
        self.cwnd_cnt = (self.cwnd_cnt + acked) & M32
        if self.cwnd_cnt >= w:
            delta = self.cwnd_cnt // w
            self.cwnd_cnt = (self.cwnd_cnt - delta * w) & M32
            self.cwnd = (self.cwnd + delta) & M32
        self.cwnd = min(self.cwnd, self.clamp)


class Cubic:
    FIELDS = ["cnt", "last_max_cwnd", "last_cwnd", "last_time", "bic_origin_point", "bic_K",
              "delay_min", "epoch_start", "ack_cnt", "tcp_cwnd"]

    def __init__(self, p):
        self.p = p
        for f in self.FIELDS:
            setattr(self, f, 0)
        self.sample_cnt = 0
        self.found = 0
        self.round_start = 0
        self.end_seq = 0
        self.last_ack = 0
        self.curr_rtt = 0

    def reset(self):
        for f in self.FIELDS:
            setattr(self, f, 0)
        self.found = 0

    def hystart_reset(self, sk):
        self.round_start = self.last_ack = sk.mstamp & M32
        self.end_seq = sk.snd_nxt
        self.curr_rtt = M32
        self.sample_cnt = 0

    def init(self, sk):
        self.reset()
        if self.p.hystart:
            self.hystart_reset(sk)
        if not self.p.hystart and self.p.initial_ssthresh:
            sk.ssthresh = self.p.initial_ssthresh & M32

    def cwnd_event(self, sk, ev):
        if ev == 0:  # CA_EVENT_TX_START
            now = sk.jiffies
            delta = s32(now - sk.lsndtime)
            if self.epoch_start and delta > 0:
                self.epoch_start = (self.epoch_start + delta) & M32
                if after(self.epoch_start, now):
                    self.epoch_start = now

    def update(self, sk, cwnd, acked):
        p = self.p
        self.ack_cnt = (self.ack_cnt + acked) & M32
        if self.last_cwnd == cwnd and s32(sk.jiffies - self.last_time) <= HZ // 32:
            return
        if not (self.epoch_start and sk.jiffies == self.last_time):
            self.last_cwnd = cwnd
            self.last_time = sk.jiffies
            if self.epoch_start == 0:
                self.epoch_start = sk.jiffies
                self.ack_cnt = acked
                self.tcp_cwnd = cwnd
                if self.last_max_cwnd <= cwnd:
                    self.bic_K = 0
                    self.bic_origin_point = cwnd
                else:
                    self.bic_K = cubic_root((p.cube_factor * ((self.last_max_cwnd - cwnd) & M32)) & M64)
                    self.bic_origin_point = self.last_max_cwnd
            t = s32(sk.jiffies - self.epoch_start) & M64
            t = (t + usecs_to_jiffies(self.delay_min)) & M64
            t = (t << BICTCP_HZ) & M64
            t = t // HZ
            if t < self.bic_K:
                offs = self.bic_K - t
            else:
                offs = t - self.bic_K
            delta = (((p.cube_rtt_scale * offs * offs * offs) & M64) >> (10 + 3 * BICTCP_HZ)) & M32
            if t < self.bic_K:
                target = (self.bic_origin_point - delta) & M32
            else:
                target = (self.bic_origin_point + delta) & M32
            if target > cwnd:
                self.cnt = cwnd // ((target - cwnd) & M32)
            else:
                self.cnt = (100 * cwnd) & M32
            if self.last_max_cwnd == 0 and self.cnt > 20:
                self.cnt = 20
        # tcp_friendliness:
        if p.tcp_friendliness:
            delta = ((cwnd * p.beta_scale) & M32) >> 3
            while self.ack_cnt > delta:
                self.ack_cnt = (self.ack_cnt - delta) & M32
                self.tcp_cwnd = (self.tcp_cwnd + 1) & M32
            if self.tcp_cwnd > cwnd:
                delta = (self.tcp_cwnd - cwnd) & M32
                max_cnt = cwnd // delta
                if self.cnt > max_cnt:
                    self.cnt = max_cnt
        self.cnt = max(self.cnt, 2)

    def cong_avoid(self, sk, ack, acked):
        if not sk.is_cwnd_limited_fn():
            return
        if sk.in_slow_start():
            acked = sk.slow_start(acked)
            if not acked:
                return
        self.update(sk, sk.cwnd, acked)
        sk.cong_avoid_ai(self.cnt, acked)

    def ssthresh(self, sk):
        p = self.p
        self.epoch_start = 0
        if sk.cwnd < self.last_max_cwnd and p.fast_convergence:
            self.last_max_cwnd = ((sk.cwnd * ((BETA_SCALE + p.beta) & M32)) & M32) // (2 * BETA_SCALE)
        else:
            self.last_max_cwnd = sk.cwnd
        return max(((sk.cwnd * p.beta) & M32) // BETA_SCALE, 2)

    def set_state(self, sk, new_state):
        if new_state == 4:  # TCP_CA_Loss
            self.reset()
            self.hystart_reset(sk)

    def undo_cwnd(self, sk):
        return max(sk.cwnd, sk.prior_cwnd)

    def ack_delay(self, sk):
        if not sk.pacing_rate:
            return 0
        return min(1000, (sk.gso_max_size * 4 * 1000000) // sk.pacing_rate)

    def hystart_update(self, sk, delay):
        p = self.p
        if after(sk.snd_una, self.end_seq):
            self.hystart_reset(sk)
        if p.hystart_detect & HYSTART_ACK_TRAIN:
            now = sk.mstamp & M32
            if s32(now - self.last_ack) <= p.hystart_ack_delta_us:
                self.last_ack = now
                threshold = (self.delay_min + self.ack_delay(sk)) & M32
                if sk.pacing_none:
                    threshold >>= 1
                # (s32) compared with u32: the C comparison is unsigned
                if ((now - self.round_start) & M32) > threshold:
                    self.found = 1
                    sk.stats["train_detect"] += 1
                    sk.stats["train_cwnd"] += sk.cwnd
                    sk.ssthresh = sk.cwnd
        if p.hystart_detect & HYSTART_DELAY:
            if self.curr_rtt > delay:
                self.curr_rtt = delay
            if self.sample_cnt < MIN_SAMPLES:
                self.sample_cnt += 1
            else:
                thresh = min(max(self.delay_min >> 3, DELAY_MIN_US), DELAY_MAX_US)
                if self.curr_rtt > ((self.delay_min + thresh) & M32):
                    self.found = 1
                    sk.stats["delay_detect"] += 1
                    sk.stats["delay_cwnd"] += sk.cwnd
                    sk.ssthresh = sk.cwnd

    def pkts_acked(self, sk, pkts, rtt_us):
        if rtt_us < 0:
            return
        if self.epoch_start and s32(sk.jiffies - self.epoch_start) < HZ:
            return
        delay = rtt_us & M32
        if delay == 0:
            delay = 1
        if self.delay_min == 0 or self.delay_min > delay:
            self.delay_min = delay
        if (not self.found and sk.in_slow_start() and self.p.hystart
                and sk.cwnd >= (self.p.hystart_low_window & M32)):
            self.hystart_update(sk, delay)


T0_US = 1_000_000_000          # the socket clock at simulation start (never 0)
INITIAL_JIFFIES = -300 * HZ

def jiffies_at(t_us):
    return (INITIAL_JIFFIES + (T0_US + t_us) // 1000) & M32

class Scenario:
    def __init__(self, name, base_rtt_us, tx_us, mark_q, ack_every, duration_us,
                 params_at_load=None, params_after=None, pause=None, delack_us=40000):
        self.name = name; self.base_rtt_us = base_rtt_us; self.tx_us = tx_us
        self.mark_q = mark_q; self.ack_every = ack_every; self.duration_us = duration_us
        self.params_at_load = params_at_load or {}; self.params_after = params_after or {}
        self.pause = pause; self.delack_us = delack_us

def run(sc, out):
    p = Params(**sc.params_at_load)
    for k, v in sc.params_after.items():
        setattr(p, k, v)
    sk = Sock(); ca = Cubic(p)
    half = sc.base_rtt_us // 2
    ev = []; seqno = [0]
    def push(t, kind, a=0, b=0):
        seqno[0] += 1
        heapq.heappush(ev, (t, seqno[0], kind, a, b))
    # sender
    st = {"snd_una": 0, "snd_nxt": 0, "state": 0, "high_seq": 0, "usage_seq": 0}
    send_time = {}; ce = {}
    link = []   # departure times of packets not yet departed, in order
    link_free = [0]
    # receiver
    rcv = {"pending": 0, "ce": False, "gen": 0, "armed": False}

    def clock(t):
        sk.mstamp = T0_US + t
        sk.jiffies = jiffies_at(t)

    def app_has_data(t):
        return not (sc.pause and sc.pause[0] <= t < sc.pause[1])

    def transmit(t):
        sent = 0; limited = False
        while True:
            in_flight = st["snd_nxt"] - st["snd_una"]
            if in_flight >= sk.cwnd:
                limited = True
                break
            if not app_has_data(t):
                break
            if in_flight == 0:
                ca.cwnd_event(sk, 0)
            i = st["snd_nxt"] + 1
            st["snd_nxt"] = i
            sk.snd_nxt = i
            sk.lsndtime = sk.jiffies
            send_time[i] = t
            while link and link[0] <= t:
                link.pop(0)
            ce[i] = sc.mark_q is not None and len(link) >= sc.mark_q
            depart = max(t, link_free[0]) + sc.tx_us
            link_free[0] = depart
            link.append(depart)
            push(depart + half, 1, i)
            sent += 1
        if sent or limited:
            packets_out = st["snd_nxt"] - st["snd_una"]
            if st["snd_una"] >= st["usage_seq"] or limited or (not sk.is_cwnd_limited and packets_out > sk.max_packets_out):
                sk.is_cwnd_limited = limited
                sk.max_packets_out = packets_out
                st["usage_seq"] = st["snd_nxt"]

    def send_ack(t, cum):
        push(t + half, 2, cum, 1 if rcv["ce"] else 0)
        rcv["pending"] = 0; rcv["ce"] = False; rcv["gen"] += 1; rcv["armed"] = False

    last = [None]
    def record(t):
        cur = (sk.cwnd, sk.ssthresh)
        if cur != last[0]:
            out.append("%s %d %d %d" % (sc.name, t, sk.cwnd, sk.ssthresh))
            last[0] = cur

    clock(0)
    sk.snd_nxt = 0; sk.snd_una = 0
    ca.init(sk)
    record(0)
    transmit(0)
    if sc.pause:
        push(sc.pause[1], 4)
    while ev:
        t, _, kind, a, b = heapq.heappop(ev)
        if t > sc.duration_us:
            break
        if kind == 1:          # data arrives at the receiver
            rcv["pending"] += 1
            rcv["ce"] = rcv["ce"] or ce[a]
            rcv["cum"] = a
            if rcv["pending"] >= sc.ack_every:
                send_ack(t, a)
            elif not rcv["armed"]:
                rcv["armed"] = True
                push(t + sc.delack_us, 3, rcv["gen"])
        elif kind == 3:        # delayed-ACK timer
            if a == rcv["gen"] and rcv["pending"] > 0:
                send_ack(t, rcv["cum"])
        elif kind == 2:        # ACK at the sender
            clock(t)
            newly = a - st["snd_una"]
            if newly <= 0:
                continue
            rtt = t - send_time[a]
            st["snd_una"] = a
            sk.snd_una = a
            ca.pkts_acked(sk, newly, rtt)
            if st["state"] == 2 and st["snd_una"] > st["high_seq"]:
                sk.cwnd = sk.ssthresh
                ca.cwnd_event(sk, 2)
                ca.set_state(sk, 0)
                st["state"] = 0
            if b and st["state"] == 0:
                sk.prior_cwnd = sk.cwnd
                sk.ssthresh = ca.ssthresh(sk)
                sk.cwnd_cnt = 0
                st["high_seq"] = st["snd_nxt"]
                ca.set_state(sk, 2)
                st["state"] = 2
                sk.cwnd = max(sk.ssthresh, 1)
            if st["state"] == 0:
                ca.cong_avoid(sk, a, newly)
            transmit(t)
            record(t)
        elif kind == 4:        # the application has data again
            clock(t)
            transmit(t)
            record(t)
    s = sk.stats
    out.append("%s END %d %d %d %d %d %d" % (sc.name, sk.cwnd, sk.ssthresh,
               s["train_detect"], s["train_cwnd"], s["delay_detect"], s["delay_cwnd"]))
    words = [ca.cnt, ca.last_max_cwnd, ca.last_cwnd, ca.last_time, ca.bic_origin_point, ca.bic_K,
             ca.delay_min, ca.epoch_start, ca.ack_cnt, ca.tcp_cwnd, (ca.sample_cnt << 16) | (ca.found << 24),
             ca.round_start, ca.end_seq, ca.last_ack, ca.curr_rtt]
    out.append("%s STATE %s" % (sc.name, " ".join(str(w & M32) for w in words)))

SCENARIOS = [
    Scenario("bulk-40ms-ecn", 40000, 1000, 30, 2, 20_000_000),
    Scenario("bulk-4ms-friendly", 4000, 500, 20, 1, 8_000_000),
    Scenario("bulk-200ms-cubic", 200000, 100, 300, 2, 30_000_000),
    Scenario("plain-no-hystart", 40000, 1000, 30, 2, 15_000_000,
             params_at_load=dict(fast_convergence=0, tcp_friendliness=0, hystart=0, initial_ssthresh=80)),
    Scenario("hystart-delay-only", 20000, 200, 100, 1, 5_000_000, params_at_load=dict(hystart_detect=2)),
    Scenario("hystart-train-only", 60000, 300, None, 1, 3_000_000, params_at_load=dict(hystart_detect=1)),
    Scenario("app-idle", 40000, 1000, 30, 2, 15_000_000, pause=(6_000_000, 9_000_000)),
    Scenario("beta-512-after-load", 40000, 1000, 30, 2, 10_000_000, params_after=dict(beta=512)),
]


def check_against_linux():
    """Trajectories Linux 6.x reports (TCP_INFO tcpi_snd_cwnd) for two ACK patterns."""
    # Bulk flow, IW10, the peer ACKs 2 segments every 100 ms; delay_min 100 ms from the first ACK.
    p = Params(); sk = Sock(); ca = Cubic(p)
    base = 1_000_000
    sk.jiffies = base; sk.mstamp = base * 1000; sk.pacing_none = False; sk.pacing_rate = 400000
    ca.init(sk)
    sent = {}
    def send(now):
        while sk.snd_nxt - sk.snd_una < sk.cwnd and sk.snd_nxt < 400:
            sk.snd_nxt += 1; sent[sk.snd_nxt] = now
    send(base)
    got = {}
    for k in range(1, 201):
        now = base + 100 * k
        sk.jiffies = now; sk.mstamp = now * 1000; sk.snd_una = 2 * k
        ca.pkts_acked(sk, 2, (now - sent[2 * k]) * 1000)
        ca.cong_avoid(sk, 2 * k, 2)
        send(now)
        got[k] = sk.cwnd
    want = {5: 20, 10: 30, 15: 40, 19: 48, 30: 49, 40: 50, 50: 52, 60: 58}
    for k in range(61, 71):
        want[k] = 58 + (k - 60)
    for k in range(80, 201, 10):
        want[k] = 68 + (k - 70)
    for k, w in want.items():
        assert got[k] == w, (k, got[k], w)
    assert sk.ssthresh == 48 and sk.stats["delay_detect"] == 1 and sk.stats["delay_cwnd"] == 48
    # RTO at cwnd 10, then one ACK per segment: ssthresh 7, slow start to 7, +1 after 15 more.
    p = Params(); sk = Sock(); ca = Cubic(p)
    now = 1_000_000
    sk.jiffies = now; sk.mstamp = now * 1000
    ca.init(sk)
    sk.prior_cwnd = sk.cwnd
    sk.ssthresh = ca.ssthresh(sk)
    sk.cwnd = 1; sk.cwnd_cnt = 0
    ca.set_state(sk, 4)
    gaps = [0, 100, 2, 98, 2, 2, 2, 98, 2, 2, 2, 2, 2, 2, 98, 2, 2, 2, 2, 2, 2, 98]
    cw = []
    for i, g in enumerate(gaps):
        now += g; sk.jiffies = now; sk.mstamp = now * 1000
        ca.pkts_acked(sk, 1, 100000)
        ca.cong_avoid(sk, 2001 + 1000 * i, 1)
        cw.append(sk.cwnd)
    assert sk.ssthresh == 7 and cw[:6] == [2, 3, 4, 5, 6, 7] and cw[14] == 7 and cw[-1] == 8, cw


def icbrt(a):
    if a == 0:
        return 0
    x = int(round(a ** (1 / 3)))
    while x ** 3 > a:
        x -= 1
    while (x + 1) ** 3 <= a:
        x += 1
    return x


def root_samples():
    rng = random.Random(20240601)
    vals = list(range(0, 1025))
    for b in range(1, 64):
        vals += [(1 << b) - 1, 1 << b, (1 << b) + 1]
    vals += [(1 << 64) - 1]
    vals += [rng.getrandbits(rng.randint(1, 64)) for _ in range(2000)]
    return ["%d %d %d" % (a, cubic_root(a), icbrt(a)) for a in vals]


if __name__ == "__main__":
    check_against_linux()
    here = os.path.dirname(os.path.abspath(__file__))
    out = []
    for sc in SCENARIOS:
        run(sc, out)
    with open(os.path.join(here, "cubic_trajectories.txt"), "w") as f:
        f.write("# Generated by cubic_reference.py. Lines: scenario t_us cwnd ssthresh (each change);\n")
        f.write("# scenario END cwnd ssthresh train_detect train_cwnd delay_detect delay_cwnd;\n")
        f.write("# scenario STATE <the 15 words of struct bictcp, unsigned>.\n")
        f.write("\n".join(out) + "\n")
    with open(os.path.join(here, "cubic_roots.txt"), "w") as f:
        f.write("# Generated by cubic_reference.py. Lines: a cubic_root(a) floor(cbrt(a)), a unsigned 64-bit.\n")
        f.write("\n".join(root_samples()) + "\n")
