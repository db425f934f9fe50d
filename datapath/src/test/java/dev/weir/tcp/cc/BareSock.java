package dev.weir.tcp.cc;

import dev.weir.api.prog.AckSample;
import dev.weir.api.prog.TcpCa;
import dev.weir.api.prog.TcpSock;

/**
 * A socket's congestion state and nothing else: the fields {@link TcpSock} exposes, held as plain
 * fields that a test sets and reads (ns-3's way: the algorithm is tested on a bare state object,
 * not through a connection). Clocks are set by the test; the counters of
 * {@link #netAddStats} are kept per {@code STAT_*}.
 */
final class BareSock implements TcpSock {
    int cwnd = 10;
    int ssthresh = TcpCa.INFINITE_SSTHRESH;
    int cwndCnt;
    int clamp = -1;             // snd_cwnd_clamp ~0U
    int srttUs;
    int minRttUs = -1;
    int packetsOut;
    int sackedOut;
    int lostOut;
    int retransOut;
    int maxPacketsOut;
    int delivered;
    int deliveredCe;
    int lost;
    int mss = 1000;
    long mstamp = 1_000_000_000L;
    int jiffies = TcpCa.jiffies32(1_000_000_000_000L);
    int lsndtime = jiffies;
    int caState = TcpCa.CA_OPEN;
    boolean cwndLimited = true;
    int appLimited;
    int sndUna;
    int sndNxt;
    int priorCwnd;
    long pacingRate;
    long maxPacingRate = -1;
    int pacingStatus = TcpCa.SK_PACING_NONE;
    int gsoMaxSize = 65536;
    final long[] priv = new long[TcpCa.CA_PRIV_SLOTS];
    final long[] stats = new long[4];

    /** Moves both clocks to {@code usFromStart} microseconds after the socket clock's origin of 1000 s. */
    void at(long usFromStart) {
        long us = 1_000_000_000L + usFromStart;
        mstamp = us;
        jiffies = TcpCa.jiffies32(us * 1000);
    }

    /** An ack_sample with the given counts, as the stack passes one to pkts_acked. */
    static AckSample sample(int pktsAcked, int rttUs) {
        return new AckSample() {
            @Override public int pktsAcked() { return pktsAcked; }
            @Override public int rttUs() { return rttUs; }
            @Override public int inFlight() { return 0; }
        };
    }

    @Override public int sndCwnd() { return cwnd; }
    @Override public int sndSsthresh() { return ssthresh; }
    @Override public int sndCwndCnt() { return cwndCnt; }
    @Override public int sndCwndClamp() { return clamp; }
    @Override public int srttUs() { return srttUs; }
    @Override public int mdevUs() { return 0; }
    @Override public int minRttUs() { return minRttUs; }
    @Override public int packetsOut() { return packetsOut; }
    @Override public int sackedOut() { return sackedOut; }
    @Override public int lostOut() { return lostOut; }
    @Override public int retransOut() { return retransOut; }
    @Override public int maxPacketsOut() { return maxPacketsOut; }
    @Override public int delivered() { return delivered; }
    @Override public int deliveredCe() { return deliveredCe; }
    @Override public int lost() { return lost; }
    @Override public int mssCache() { return mss; }
    @Override public long tcpMstamp() { return mstamp; }
    @Override public int tcpJiffies32() { return jiffies; }
    @Override public int lsndtime() { return lsndtime; }
    @Override public int caState() { return caState; }
    @Override public boolean isCwndLimited() { return cwndLimited; }
    @Override public int appLimited() { return appLimited; }
    @Override public long bytesAcked() { return 0; }
    @Override public int sndUna() { return sndUna; }
    @Override public int sndNxt() { return sndNxt; }
    @Override public int sndWnd() { return 1 << 30; }
    @Override public int priorCwnd() { return priorCwnd; }
    @Override public long pacingRate() { return pacingRate; }
    @Override public long maxPacingRate() { return maxPacingRate; }
    @Override public int pacingStatus() { return pacingStatus; }
    @Override public int gsoMaxSize() { return gsoMaxSize; }
    @Override public int sndCwndStamp() { return 0; }
    @Override public boolean ecnEnabled() { return false; }
    @Override public long caGet(int i) { return priv[i]; }
    @Override public void caSet(int i, long value) { priv[i] = value; }

    @Override public void setSndCwnd(int v) { cwnd = v < 1 ? 1 : v; }
    @Override public void setSndSsthresh(int v) { ssthresh = v; }
    @Override public void setSndCwndCnt(int v) { cwndCnt = v; }
    @Override public void setPacingRate(long v) { pacingRate = v; }

    @Override
    public void netAddStats(int stat, long value) {
        if (stat >= 0 && stat < stats.length) {
            stats[stat] += value;
        }
    }
}
