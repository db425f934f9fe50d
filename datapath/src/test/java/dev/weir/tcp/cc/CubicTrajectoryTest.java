package dev.weir.tcp.cc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.TcpCa;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CUBIC's cwnd and ssthresh over whole simulated connections, compared change by change with an
 * independent transcription of Linux's tcp_cubic.c in Python (test resource
 * {@code cubic_reference.py}, which also checks itself against trajectories Linux reports, and
 * wrote {@code cubic_trajectories.txt}).
 *
 * <p>The simulator below is the same as the script's: a bulk sender behind a bottleneck with a
 * fixed serialization time and base RTT, a receiver ACKing every packet or every second one
 * (40 ms delayed-ACK timer), CE marks when the bottleneck queue holds {@code markQ} packets or
 * more, the sender's CWR reaction (ssthresh from the algorithm, cwnd set to it at once, Open again
 * when snd_una passes high_seq, {@code COMPLETE_CWR}), {@code tcp_cwnd_validate}'s
 * is_cwnd_limited/max_packets_out, and {@code CA_EVENT_TX_START} when sending with nothing in
 * flight. Only the algorithm differs: here it is the Java {@link Cubic}.
 */
class CubicTrajectoryTest {
    private static final long T0_US = 1_000_000_000L;

    record Scenario(String name, long baseRttUs, long txUs, int markQ, int ackEvery, long durationUs,
                    Map<String, String> atLoad, Map<String, String> after, long pauseFrom, long pauseTo) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Scenario> scenarios() {
        return List.of(
                new Scenario("bulk-40ms-ecn", 40_000, 1000, 30, 2, 20_000_000, Map.of(), Map.of(), -1, -1),
                new Scenario("bulk-4ms-friendly", 4000, 500, 20, 1, 8_000_000, Map.of(), Map.of(), -1, -1),
                new Scenario("bulk-200ms-cubic", 200_000, 100, 300, 2, 30_000_000, Map.of(), Map.of(), -1, -1),
                new Scenario("plain-no-hystart", 40_000, 1000, 30, 2, 15_000_000,
                        Map.of("fast_convergence", "0", "tcp_friendliness", "0", "hystart", "0", "initial_ssthresh", "80"),
                        Map.of(), -1, -1),
                new Scenario("hystart-delay-only", 20_000, 200, 100, 1, 5_000_000, Map.of("hystart_detect", "2"), Map.of(), -1, -1),
                new Scenario("hystart-train-only", 60_000, 300, -1, 1, 3_000_000, Map.of("hystart_detect", "1"), Map.of(), -1, -1),
                new Scenario("app-idle", 40_000, 1000, 30, 2, 15_000_000, Map.of(), Map.of(), 6_000_000, 9_000_000),
                new Scenario("beta-512-after-load", 40_000, 1000, 30, 2, 10_000_000, Map.of(), Map.of("beta", "512"), -1, -1));
    }

    private static Map<String, List<String>> expected;

    private static synchronized Map<String, List<String>> expected() throws IOException {
        if (expected == null) {
            Map<String, List<String>> m = new LinkedHashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    CubicTrajectoryTest.class.getResourceAsStream("cubic_trajectories.txt"), StandardCharsets.US_ASCII))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    m.computeIfAbsent(line.substring(0, line.indexOf(' ')), k -> new ArrayList<>()).add(line);
                }
            }
            expected = m;
        }
        return expected;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void javaCubicFollowsTheReferenceTranscriptionChangeByChange(Scenario sc) throws IOException {
        List<String> want = expected().get(sc.name());
        assertThat(want).as("reference data for %s", sc.name()).isNotNull().hasSizeGreaterThan(10);
        List<String> got = run(sc);
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            assertThat(got.get(i)).as("line %d of %s (cwnd/ssthresh change, END counters or STATE words)", i + 1, sc.name())
                    .isEqualTo(want.get(i));
        }
        assertThat(got).hasSameSizeAs(want);
    }

    @org.junit.jupiter.api.Test
    void everyScenarioOfTheReferenceDataIsReplayed() throws IOException {
        assertThat(expected().keySet()).containsExactlyElementsOf(scenarios().stream().map(Scenario::name).toList());
    }

    @org.junit.jupiter.api.Test
    void theScenariosExerciseBothHyStartExitsAndReductions() throws IOException {
        // Guards the data against silently testing nothing: some run ends slow start by each
        // HyStart test, and every marked run reduces more than once.
        long trains = 0;
        long delays = 0;
        for (List<String> lines : expected().values()) {
            String[] end = lines.get(lines.size() - 2).split(" ");
            trains += Long.parseLong(end[4]);
            delays += Long.parseLong(end[6]);
        }
        assertThat(trains).isGreaterThanOrEqualTo(2);
        assertThat(delays).isGreaterThanOrEqualTo(2);
        assertThat(expected().get("bulk-40ms-ecn").stream().map(l -> l.split(" ")[3]).distinct().count()).isGreaterThan(5);
    }

    /** The simulator; keep in step with run() in cubic_reference.py. */
    static List<String> run(Scenario sc) {
        Cubic.Params p = new Cubic.Params(sc.atLoad());
        sc.after().forEach(p::set);
        Cubic ca = p.newCubic();
        BareSock sk = new BareSock();
        sk.lsndtime = 0;
        long half = sc.baseRttUs() / 2;
        PriorityQueue<long[]> ev = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        long[] seqno = {0};
        Map<Integer, Long> sendTime = new HashMap<>();
        Map<Integer, Boolean> ce = new HashMap<>();
        ArrayDeque<Long> link = new ArrayDeque<>();
        long[] linkFree = {0};
        int[] snd = {0, 0, 0, 0, 0};            // snd_una, snd_nxt, state, high_seq, cwnd_usage_seq
        int[] rcv = {0, 0, 0, 0, 0};            // pending, ce, gen, armed, cum
        List<String> out = new ArrayList<>();
        long[] last = {Long.MIN_VALUE};

        java.util.function.LongConsumer clock = t -> sk.at(t);
        java.util.function.BiConsumer<Long, long[]> push = (t, rest) -> {
            seqno[0]++;
            ev.add(new long[] {t, seqno[0], rest[0], rest[1], rest[2]});
        };
        java.util.function.LongPredicate appHasData = t -> !(sc.pauseFrom() >= 0 && sc.pauseFrom() <= t && t < sc.pauseTo());
        java.util.function.LongConsumer transmit = t -> {
            int sent = 0;
            boolean limited = false;
            while (true) {
                int inFlight = snd[1] - snd[0];
                if (inFlight >= sk.cwnd) {
                    limited = true;
                    break;
                }
                if (!appHasData.test(t)) {
                    break;
                }
                if (inFlight == 0) {
                    ca.cwndEvent(sk, TcpCa.CA_EVENT_TX_START);
                }
                int i = snd[1] + 1;
                snd[1] = i;
                sk.sndNxt = i;
                sk.lsndtime = sk.jiffies;
                sendTime.put(i, t);
                while (!link.isEmpty() && link.peekFirst() <= t) {
                    link.pollFirst();
                }
                ce.put(i, sc.markQ() >= 0 && link.size() >= sc.markQ());
                long depart = Math.max(t, linkFree[0]) + sc.txUs();
                linkFree[0] = depart;
                link.addLast(depart);
                push.accept(depart + half, new long[] {1, i, 0});
                sent++;
            }
            if (sent > 0 || limited) {
                int packetsOut = snd[1] - snd[0];
                if (snd[0] >= snd[4] || limited || (!sk.cwndLimited && packetsOut > sk.maxPacketsOut)) {
                    sk.cwndLimited = limited;
                    sk.maxPacketsOut = packetsOut;
                    snd[4] = snd[1];
                }
            }
        };
        java.util.function.BiConsumer<Long, Integer> sendAck = (t, cum) -> {
            push.accept(t + half, new long[] {2, cum, rcv[1]});
            rcv[0] = 0;
            rcv[1] = 0;
            rcv[2]++;
            rcv[3] = 0;
        };
        java.util.function.LongConsumer record = t -> {
            long cur = ((long) sk.cwnd << 32) | Integer.toUnsignedLong(sk.ssthresh);
            if (cur != last[0]) {
                out.add(sc.name() + " " + t + " " + Integer.toUnsignedString(sk.cwnd) + " " + Integer.toUnsignedString(sk.ssthresh));
                last[0] = cur;
            }
        };

        clock.accept(0);
        ca.init(sk);
        record.accept(0);
        transmit.accept(0);
        if (sc.pauseFrom() >= 0) {
            push.accept(sc.pauseTo(), new long[] {4, 0, 0});
        }
        while (!ev.isEmpty()) {
            long[] e = ev.poll();
            long t = e[0];
            if (t > sc.durationUs()) {
                break;
            }
            int kind = (int) e[2];
            int a = (int) e[3];
            if (kind == 1) {
                rcv[0]++;
                rcv[1] |= ce.get(a) ? 1 : 0;
                rcv[4] = a;
                if (rcv[0] >= sc.ackEvery()) {
                    sendAck.accept(t, a);
                } else if (rcv[3] == 0) {
                    rcv[3] = 1;
                    push.accept(t + 40_000, new long[] {3, rcv[2], 0});
                }
            } else if (kind == 3) {
                if (a == rcv[2] && rcv[0] > 0) {
                    sendAck.accept(t, rcv[4]);
                }
            } else if (kind == 2) {
                clock.accept(t);
                int newly = a - snd[0];
                if (newly <= 0) {
                    continue;
                }
                int rtt = (int) (t - sendTime.get(a));
                snd[0] = a;
                sk.sndUna = a;
                ca.pktsAcked(sk, BareSock.sample(newly, rtt));
                if (snd[2] == TcpCa.CA_CWR && snd[0] > snd[3]) {
                    sk.cwnd = sk.ssthresh;
                    ca.cwndEvent(sk, TcpCa.CA_EVENT_COMPLETE_CWR);
                    ca.setState(sk, TcpCa.CA_OPEN);
                    snd[2] = TcpCa.CA_OPEN;
                }
                if (e[4] != 0 && snd[2] == TcpCa.CA_OPEN) {
                    sk.priorCwnd = sk.cwnd;
                    sk.ssthresh = ca.ssthresh(sk);
                    sk.cwndCnt = 0;
                    snd[3] = snd[1];
                    ca.setState(sk, TcpCa.CA_CWR);
                    snd[2] = TcpCa.CA_CWR;
                    sk.cwnd = Math.max(sk.ssthresh, 1);
                }
                if (snd[2] == TcpCa.CA_OPEN) {
                    ca.congAvoid(sk, a, newly);
                }
                transmit.accept(t);
                record.accept(t);
            } else if (kind == 4) {
                clock.accept(t);
                transmit.accept(t);
                record.accept(t);
            }
        }
        out.add(sc.name() + " END " + sk.cwnd + " " + sk.ssthresh + " " + sk.stats[TcpCa.STAT_HYSTART_TRAIN_DETECT] + " "
                + sk.stats[TcpCa.STAT_HYSTART_TRAIN_CWND] + " " + sk.stats[TcpCa.STAT_HYSTART_DELAY_DETECT] + " "
                + sk.stats[TcpCa.STAT_HYSTART_DELAY_CWND]);
        StringBuilder state = new StringBuilder(sc.name()).append(" STATE");
        for (int w = 0; w < Cubic.WORDS; w++) {
            state.append(' ').append(Integer.toUnsignedString(sk.caGetInt(w)));
        }
        out.add(state.toString());
        return out;
    }
}
