package dev.weir.api.wire;

/**
 * A 48-bit IEEE 802 MAC address, held in the low 48 bits of a long.
 *
 * @param bits the address, most significant byte first (bits 47..40 are the first octet)
 */
public record MacAddress(long bits) {
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);
    public static final MacAddress ZERO = new MacAddress(0);

    public MacAddress {
        if ((bits & ~0xffff_ffff_ffffL) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits: " + Long.toHexString(bits));
        }
    }

    /** Parses {@code 02:00:00:00:00:01} (also accepts '-' separators). */
    public static MacAddress parse(String s) {
        String[] parts = s.trim().split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address (want six hex octets like 02:00:00:00:00:01): '" + s + "'");
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2) {
                throw new IllegalArgumentException("bad octet '" + p + "' in MAC address '" + s + "'");
            }
            int o;
            try {
                o = Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad octet '" + p + "' in MAC address '" + s + "'");
            }
            v = (v << 8) | o;
        }
        return new MacAddress(v);
    }

    public static MacAddress read(byte[] b, int off) {
        return new MacAddress(Bytes.u48(b, off));
    }

    public void write(byte[] b, int off) {
        Bytes.put48(b, off, bits);
    }

    /** Group bit (I/G) set: multicast or broadcast. */
    public boolean isMulticast() {
        return (bits & 0x0100_0000_0000L) != 0;
    }

    public boolean isBroadcast() {
        return bits == BROADCAST.bits;
    }

    /** The Ethernet multicast address for an IPv6 multicast address (RFC 2464 section 7): 33:33 + low 32 bits. */
    public static MacAddress ipv6Multicast(Ipv6Address group) {
        return new MacAddress(0x3333_0000_0000L | (group.lo() & 0xffff_ffffL));
    }

    /** The Ethernet multicast address for an IPv4 multicast group (RFC 1112 section 6.4). */
    public static MacAddress ipv4Multicast(Ipv4Address group) {
        return new MacAddress(0x0100_5e00_0000L | (group.bits() & 0x7f_ffffL));
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(17), bits).toString();
    }

    /** Appends {@code 02:00:00:00:00:01} for the low 48 bits of {@code bits} without allocating; returns {@code sb}. */
    public static StringBuilder appendTo(StringBuilder sb, long bits) {
        for (int i = 5; i >= 0; i--) {
            int o = (int) (bits >>> (8 * i)) & 0xff;
            sb.append(Character.forDigit(o >>> 4, 16)).append(Character.forDigit(o & 0xf, 16));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb;
    }
}
