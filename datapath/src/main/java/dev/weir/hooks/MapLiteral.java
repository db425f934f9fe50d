package dev.weir.hooks;

import dev.weir.api.maps.MapType;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import java.math.BigInteger;

/**
 * Keys and values written as text, as topology files preload maps: each is encoded into the
 * map's key or value size, big-endian as every Weir map.
 *
 * <ul>
 *   <li>a number, decimal ({@code 22}, {@code -1}) or hex ({@code 0x0a000001}): big-endian,
 *       filling the size (it must fit);
 *   <li>{@code hex 0a 00 00 01} (or {@code hex 0a000001}): exactly these bytes, as many as the size;
 *   <li>an IPv4 or IPv6 address ({@code 10.0.0.1}, {@code fd00::1}): its 4 or 16 bytes; in a
 *       larger field, as the number it is (right-aligned: an IPv4 address in an 8-byte value
 *       is what a program's {@code lookupLong} reads as the address);
 *   <li>a prefix ({@code 10.0.0.0/8}, {@code fd00::/64}) for an LPM trie's key: the prefix length
 *       (4 bytes) and the address.
 * </ul>
 */
public final class MapLiteral {
    private MapLiteral() {}

    /**
     * {@code text} as {@code size} bytes for a key ({@code key} true) or value of a map of
     * {@code type}. The IllegalArgumentException says what was wrong.
     */
    public static byte[] encode(String text, int size, MapType type, boolean key) {
        String t = text.trim();
        String what = key ? "key" : "value";
        if (t.startsWith("hex ") || t.startsWith("hex\t")) {
            String digits = t.substring(4).replaceAll("\\s+", "");
            if (digits.length() % 2 != 0 || !digits.matches("[0-9a-fA-F]*")) {
                throw new IllegalArgumentException(what + " '" + text + "': hex bytes are pairs of hex digits");
            }
            byte[] b = Bytes.fromHex(digits);
            if (b.length != size) {
                throw new IllegalArgumentException(what + " '" + text + "' is " + b.length + " bytes; the map's " + what + " is " + size);
            }
            return b;
        }
        int slash = t.indexOf('/');
        if (slash > 0 && key && type == MapType.LPM_TRIE) {
            byte[] addr = address(t.substring(0, slash), what, text);
            int len;
            try {
                len = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " '" + text + "': bad prefix length");
            }
            if (4 + addr.length != size || len < 0 || len > addr.length * 8) {
                throw new IllegalArgumentException(what + " '" + text + "' does not fit an LPM key of " + size + " bytes (4 + "
                        + (size - 4) + " address bytes, prefix length up to " + (size - 4) * 8 + ")");
            }
            byte[] b = new byte[size];
            Bytes.put32(b, 0, len);
            System.arraycopy(addr, 0, b, 4, addr.length);
            return b;
        }
        if (Ipv4Address.isIpv4(t) || (t.contains(":") && !t.startsWith("0x"))) {
            byte[] a = address(t, what, text);
            if (a.length > size) {
                throw new IllegalArgumentException(what + " '" + text + "' is an address of " + a.length + " bytes; the map's "
                        + what + " is " + size + " bytes (use hex for other layouts)");
            }
            byte[] b = new byte[size];
            System.arraycopy(a, 0, b, size - a.length, a.length);
            return b;
        }
        BigInteger n;
        try {
            n = t.startsWith("0x") || t.startsWith("0X") ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "': expected a number (22, 0x16), hex BYTES, an address or a prefix");
        }
        if (n.signum() < 0) {
            n = n.add(BigInteger.ONE.shiftLeft(size * 8));
        }
        if (n.signum() < 0 || n.bitLength() > size * 8) {
            throw new IllegalArgumentException(what + " '" + text + "' does not fit in " + size + " bytes");
        }
        byte[] raw = n.toByteArray();
        byte[] b = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, b, size - copy, copy);
        return b;
    }

    private static byte[] address(String s, String what, String text) {
        try {
            if (Ipv4Address.isIpv4(s)) {
                byte[] b = new byte[4];
                Bytes.put32(b, 0, Ipv4Address.parse(s).bits());
                return b;
            }
            Ipv6Address a = Ipv6Address.parse(s);
            byte[] b = new byte[16];
            Bytes.put64(b, 0, a.hi());
            Bytes.put64(b, 8, a.lo());
            return b;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + text + "': not an IPv4 or IPv6 address");
        }
    }
}
