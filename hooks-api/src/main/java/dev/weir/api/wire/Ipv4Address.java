package dev.weir.api.wire;

/**
 * An IPv4 address as its 32 bits (network order: the first octet is the most significant byte).
 * The views hand addresses out as plain ints to stay allocation-free; this record is their
 * slow-path form, for records, configuration and printing.
 */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {
    public static final Ipv4Address ANY = new Ipv4Address(0);
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);
    public static final Ipv4Address LOOPBACK = new Ipv4Address(0x7f00_0001);

    /** Parses dotted-quad notation; the message names what is wrong. */
    public static Ipv4Address parse(String s) {
        String t = s.trim();
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address (want four decimal octets like 10.0.0.1): '" + s + "'");
        }
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad octet '" + p + "' in IPv4 address '" + s + "'");
            }
            int o = Integer.parseInt(p);
            if (o > 255) {
                throw new IllegalArgumentException("octet " + o + " > 255 in IPv4 address '" + s + "'");
            }
            v = (v << 8) | o;
        }
        return new Ipv4Address(v);
    }

    /** True when {@code s} parses as an IPv4 address. */
    public static boolean isIpv4(String s) {
        try {
            parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Ipv4Address read(byte[] b, int off) {
        return new Ipv4Address(Bytes.i32(b, off));
    }

    public void write(byte[] b, int off) {
        Bytes.put32(b, off, bits);
    }

    public boolean isMulticast() {
        return (bits & 0xf000_0000) == 0xe000_0000;
    }

    public boolean isLoopback() {
        return (bits >>> 24) == 127;
    }

    public boolean isUnspecified() {
        return bits == 0;
    }

    public boolean isBroadcast() {
        return bits == -1;
    }

    /** The network mask with {@code prefixLen} leading one bits. */
    public static int mask(int prefixLen) {
        if (prefixLen < 0 || prefixLen > 32) {
            throw new IllegalArgumentException("IPv4 prefix length must be 0..32, got " + prefixLen);
        }
        return prefixLen == 0 ? 0 : -1 << (32 - prefixLen);
    }

    @Override
    public int compareTo(Ipv4Address o) {
        return Integer.compareUnsigned(bits, o.bits);
    }

    /** Dotted quad of a raw address, for printers that hold ints. */
    public static String toString(int bits) {
        return appendTo(new StringBuilder(15), bits).toString();
    }

    /** Appends the dotted quad of a raw address to {@code sb} without allocating; returns {@code sb}. */
    public static StringBuilder appendTo(StringBuilder sb, int bits) {
        return sb.append((bits >>> 24) & 0xff).append('.').append((bits >>> 16) & 0xff).append('.')
                .append((bits >>> 8) & 0xff).append('.').append(bits & 0xff);
    }

    @Override
    public String toString() {
        return toString(bits);
    }
}
