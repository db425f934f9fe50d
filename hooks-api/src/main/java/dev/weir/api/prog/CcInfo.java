package dev.weir.api.prog;

/**
 * Where {@link CongestionControl#getInfo} writes what {@code ss -tni} shows of the algorithm
 * ({@code bbr:(bw:12.3Mbps,mrtt:20.1,...)}): a kind, as Linux's {@code INET_DIAG_*INFO}
 * attribute, and named values. Implemented by the stack; keys should be string constants.
 */
public interface CcInfo {
    /** {@code INET_DIAG_VEGASINFO}. */
    int VEGASINFO = 3;
    /** {@code INET_DIAG_DCTCPINFO}. */
    int DCTCPINFO = 7;
    /** {@code INET_DIAG_BBRINFO}. */
    int BBRINFO = 8;

    /** Sets the attribute kind ({@link #VEGASINFO}, {@link #DCTCPINFO}, {@link #BBRINFO}). */
    void kind(int attr);

    /** Adds one named value, printed in the order given. */
    void put(String key, long value);
}
