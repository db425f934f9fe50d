package dev.weir.js;

import dev.weir.api.prog.TcpCa;
import dev.weir.api.prog.TcpSock;

/**
 * A bare TCP congestion state for testing algorithms (ns-3's way: the algorithm apart from the
 * connection): every field Linux's {@code tcp_sock} gives an algorithm, set by hand.
 */
final class TestSock implements TcpSock {
    int cwnd = 10;
    int ssthresh = TcpCa.INFINITE_SSTHRESH;
    int cwndCnt;
    int cwndClamp = 0xffff;
    int srttUs;
    int minRttUs = -1;
    int packetsOut;
    int maxPacketsOut;
    int priorCwnd;
    boolean cwndLimited = true;
    int caState = TcpCa.CA_OPEN;
    long mstamp;
    long pacingRate;
    final long[] priv = new long[TcpCa.CA_PRIV_SLOTS];

    @Override public void setSndCwnd(int v) { cwnd = Math.max(1, v); }
    @Override public void setSndSsthresh(int v) { ssthresh = v; }
    @Override public void setSndCwndCnt(int v) { cwndCnt = v; }
    @Override public void setPacingRate(long v) { pacingRate = v; }
    @Override public int sndCwnd() { return cwnd; }
    @Override public int sndSsthresh() { return ssthresh; }
    @Override public int sndCwndCnt() { return cwndCnt; }
    @Override public int sndCwndClamp() { return cwndClamp; }
    @Override public int srttUs() { return srttUs; }
    @Override public int mdevUs() { return 0; }
    @Override public int minRttUs() { return minRttUs; }
    @Override public int packetsOut() { return packetsOut; }
    @Override public int sackedOut() { return 0; }
    @Override public int lostOut() { return 0; }
    @Override public int retransOut() { return 0; }
    @Override public int maxPacketsOut() { return maxPacketsOut; }
    @Override public int delivered() { return 0; }
    @Override public int deliveredCe() { return 0; }
    @Override public int lost() { return 0; }
    @Override public int mssCache() { return 1448; }
    @Override public long tcpMstamp() { return mstamp; }
    @Override public int caState() { return caState; }
    @Override public boolean isCwndLimited() { return cwndLimited; }
    @Override public int appLimited() { return 0; }
    @Override public long bytesAcked() { return 0; }
    @Override public int sndUna() { return 0; }
    @Override public int sndNxt() { return 0; }
    @Override public int sndWnd() { return 65535; }
    @Override public int priorCwnd() { return priorCwnd; }
    @Override public long pacingRate() { return pacingRate; }
    @Override public long maxPacingRate() { return -1; }
    @Override public int sndCwndStamp() { return 0; }
    @Override public int tcpJiffies32() { return (int) (mstamp / 1000); }
    @Override public int lsndtime() { return 0; }
    @Override public int pacingStatus() { return 0; }
    @Override public int gsoMaxSize() { return 65536; }
    @Override public void netAddStats(int stat, long n) { }
    @Override public boolean ecnEnabled() { return false; }
    @Override public long caGet(int i) { return priv[i]; }
    @Override public void caSet(int i, long value) { priv[i] = value; }
}
