package dev.weir.api.wire;

import java.util.Objects;

/**
 * One option of an IPv6 Hop-by-Hop or Destination Options header (RFC 8200 section 4.2):
 * type, data length, data; or the single octet Pad1.
 *
 * <p>The two high bits of the type say what a node that does not know the option must do
 * ({@link #action()}); the third says whether the data may change en route.
 *
 * @param type the option type octet
 * @param data the option data (empty for Pad1; zeros for PadN)
 */
public record Ipv6Option(int type, Octets data) {
    /** Pad1: one octet of padding, no length or data. */
    public static final int PAD1 = 0;
    /** PadN: two or more octets of padding. */
    public static final int PADN = 1;
    /** Router Alert (RFC 2711), carried by MLD and RSVP in the Hop-by-Hop header. */
    public static final int ROUTER_ALERT = 5;
    /** Jumbo Payload (RFC 2675). */
    public static final int JUMBO = 0xc2;

    /** Skip an unrecognized option and go on (action 00). */
    public static final int ACTION_SKIP = 0;
    /** Discard the packet (01). */
    public static final int ACTION_DISCARD = 1;
    /** Discard and send an ICMP Parameter Problem, code 2 (10). */
    public static final int ACTION_DISCARD_ICMP = 2;
    /** Discard and send the ICMP only if the destination was not multicast (11). */
    public static final int ACTION_DISCARD_ICMP_UNICAST = 3;

    public Ipv6Option {
        Views.checkRange("IPv6 option type", type, 255);
        Objects.requireNonNull(data, "data");
        if (type == PAD1 && !data.isEmpty()) {
            throw new IllegalArgumentException("Pad1 has no data, got " + data.length() + " bytes");
        }
        if (data.length() > 255) {
            throw new IllegalArgumentException("IPv6 option data is at most 255 bytes, got " + data.length());
        }
    }

    public static Ipv6Option pad1() {
        return new Ipv6Option(PAD1, Octets.EMPTY);
    }

    /** PadN taking {@code totalLength} octets on the wire (2 or more). */
    public static Ipv6Option padN(int totalLength) {
        if (totalLength < 2) {
            throw new IllegalArgumentException("PadN takes at least 2 octets, got " + totalLength);
        }
        return new Ipv6Option(PADN, Octets.zeros(totalLength - 2));
    }

    /** Router Alert with its 16-bit value (RFC 2711: 0 is an MLD message). */
    public static Ipv6Option routerAlert(int value) {
        byte[] v = new byte[2];
        Bytes.put16(v, 0, value);
        return new Ipv6Option(ROUTER_ALERT, Octets.copyOf(v));
    }

    /** Octets on the wire: 1 for Pad1, else 2 plus the data. */
    public int length() {
        return type == PAD1 ? 1 : 2 + data.length();
    }

    public boolean isPadding() {
        return type == PAD1 || type == PADN;
    }

    /** What to do with the packet if this option is not recognized: one of the {@code ACTION_} values. */
    public int action() {
        return type >>> 6;
    }

    /** True when the data may change en route (RFC 8200 section 4.2, third-highest bit). */
    public boolean mayChange() {
        return (type & 0x20) != 0;
    }

    /** Writes the option at {@code off}; returns its length. */
    public int emit(byte[] b, int off) {
        b[off] = (byte) type;
        if (type == PAD1) {
            return 1;
        }
        b[off + 1] = (byte) data.length();
        data.copyTo(b, off + 2);
        return length();
    }

    /**
     * The offset of the first malformed option in {@code [p, end)}, or -1 when all are well
     * formed: each option but Pad1 has its length octet and its data inside the range.
     */
    static int badOptionAt(byte[] b, int p, int end) {
        while (p < end) {
            if ((b[p] & 0xff) == PAD1) {
                p++;
                continue;
            }
            if (end - p < 2 || (b[p + 1] & 0xff) > end - p - 2) {
                return p;
            }
            p += 2 + (b[p + 1] & 0xff);
        }
        return -1;
    }
}
