package dev.weir.hooks.testing;

import dev.weir.api.prog.AckSample;
import dev.weir.api.prog.TcpCa;
import dev.weir.api.prog.TcpSock;

/**
 * A TCP socket's congestion state and nothing else, to test congestion-control algorithms on
 * (ns-3's way: the algorithm on a bare state object, not through a connection). Every field
 * {@link TcpSock} exposes is a public field a test sets and reads; {@link #at} moves both
 * clocks; {@link #sample} builds the ack sample {@code pktsAcked} takes.
 */
public final class BareTcpSock implements TcpSock {
    public int cwnd = 10;
    public int ssthresh = TcpCa.INFINITE_SSTHRESH;
    public int cwndCnt;
    public int clamp = -1;
    public int srttUs;
    public int mdevUs;
    public int minRttUs = -1;
    public int packetsOut;
    public int sackedOut;
    public int lostOut;
    public int retransOut;
    public int maxPacketsOut;
    public int delivered;
    public int deliveredCe;
    public int lost;
    public int mss = 1448;
    public long mstamp = 1_000_000_000L;
    public int jiffies = TcpCa.jiffies32(1_000_000_000_000L);
    public int lsndtime = jiffies;
    public int caState = TcpCa.CA_OPEN;
    public boolean cwndLimited = true;
    public int appLimited;
    public long bytesAcked;
    public int sndUna;
    public int sndNxt;
    public int sndWnd = 1 << 30;
    public int priorCwnd;
    public long pacingRate;
    public long maxPacingRate = -1;
    public int pacingStatus = TcpCa.SK_PACING_NONE;
    public int gsoMaxSize = 65536;
    public int cwndStamp;
    public boolean ecn;
    public final long[] priv = new long[TcpCa.CA_PRIV_SLOTS];
    /** What netAddStats added, by stat number (0..15). */
    public final long[] stats = new long[16];

    /** Moves both clocks to {@code usFromStart} microseconds after the socket clock's origin (1000 s). */
    public BareTcpSock at(long usFromStart) {
        long us = 1_000_000_000L + usFromStart;
        mstamp = us;
        jiffies = TcpCa.jiffies32(us * 1000);
        return this;
    }

    /** An ack sample as {@code tcp_clean_rtx_queue} passes one to {@code pkts_acked}. */
    public static AckSample sample(int pktsAcked, int rttUs, int inFlightBytes) {
        return new AckSample() {
            @Override
            public int pktsAcked() {
                return pktsAcked;
            }

            @Override
            public int rttUs() {
                return rttUs;
            }

            @Override
            public int inFlight() {
                return inFlightBytes;
            }
        };
    }

    @Override public int sndCwnd() { return cwnd; }
    @Override public int sndSsthresh() { return ssthresh; }
    @Override public int sndCwndCnt() { return cwndCnt; }
    @Override public int sndCwndClamp() { return clamp; }
    @Override public int srttUs() { return srttUs; }
    @Override public int mdevUs() { return mdevUs; }
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
    @Override public long bytesAcked() { return bytesAcked; }
    @Override public int sndUna() { return sndUna; }
    @Override public int sndNxt() { return sndNxt; }
    @Override public int sndWnd() { return sndWnd; }
    @Override public int priorCwnd() { return priorCwnd; }
    @Override public long pacingRate() { return pacingRate; }
    @Override public long maxPacingRate() { return maxPacingRate; }
    @Override public int pacingStatus() { return pacingStatus; }
    @Override public int gsoMaxSize() { return gsoMaxSize; }
    @Override public int sndCwndStamp() { return cwndStamp; }
    @Override public boolean ecnEnabled() { return ecn; }
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
