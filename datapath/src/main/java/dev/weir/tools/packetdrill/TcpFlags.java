package dev.weir.tools.packetdrill;

/**
 * The flags of a scripted TCP segment, as the bits of the TCP header's flags field (RFC 9293
 * section 3.1; AE is the former NS bit, RFC 9768). Written in tcpdump's letters: {@code F} FIN,
 * {@code S} SYN, {@code R} RST, {@code P} PSH, {@code .} ACK, {@code U} URG, {@code E} ECE,
 * {@code W} CWR, {@code A} AE, and {@code -} for none.
 *
 * <p>With AccECN a digit 0..7 may stand for the three-bit ACE field (AE, CWR, ECE); then
 * {@link #ace()} is true and the runner compares the three bits as one counter. The digit cannot
 * be combined with {@code E}, {@code W} or {@code A}, as in packetdrill.
 */
public record TcpFlags(int bits, boolean ace) {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;
    public static final int AE = 0x100;

    private static final String LETTERS = "FSRP.UEWA";
    private static final int[] BITS = {FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE};

    /**
     * Reads tcpdump letters; an ACE digit may follow. Returns null with nothing consumed if a
     * character is not a flag; the parser reports which.
     */
    static TcpFlags parse(String letters) {
        int bits = 0;
        boolean ace = false;
        boolean ecn = false;
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            if (c >= '0' && c <= '7') {
                if (ace || ecn) {
                    return null;
                }
                ace = true;
                int v = c - '0';
                bits |= ((v & 1) != 0 ? ECE : 0) | ((v & 2) != 0 ? CWR : 0) | ((v & 4) != 0 ? AE : 0);
                continue;
            }
            int k = LETTERS.indexOf(c);
            if (k < 0) {
                return null;
            }
            if (BITS[k] == ECE || BITS[k] == CWR || BITS[k] == AE) {
                if (ace) {
                    return null;
                }
                ecn = true;
            }
            bits |= BITS[k];
        }
        return new TcpFlags(bits, ace);
    }

    public boolean has(int flag) {
        return (bits & flag) != 0;
    }

    public boolean syn() {
        return has(SYN);
    }

    public boolean fin() {
        return has(FIN);
    }

    public boolean rst() {
        return has(RST);
    }

    public boolean ack() {
        return has(ACK);
    }

    /** The ACE counter (AE, CWR, ECE as bits 2, 1, 0). */
    public int aceValue() {
        return (has(AE) ? 4 : 0) | (has(CWR) ? 2 : 0) | (has(ECE) ? 1 : 0);
    }

    /**
     * Script letters in the order the scripts write them, {@code SFRPU} then {@code EWA} then
     * {@code .}: {@code S.}, {@code FP.}, {@code SF.}, {@code SEW}; {@code -} for none.
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (char c : "SFRPU".toCharArray()) {
            if (has(BITS[LETTERS.indexOf(c)])) {
                b.append(c);
            }
        }
        if (!ace) {
            for (char c : "EWA".toCharArray()) {
                if (has(BITS[LETTERS.indexOf(c)])) {
                    b.append(c);
                }
            }
        }
        if (has(ACK)) {
            b.append('.');
        }
        if (ace) {
            b.append(aceValue());
        }
        return b.isEmpty() ? "-" : b.toString();
    }
}
