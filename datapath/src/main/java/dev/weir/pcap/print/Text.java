package dev.weir.pcap.print;

import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.MacAddress;
import dev.weir.api.wire.WireError;

/** What the printers append the same way: addresses, hex, padding and tcpdump's markers. None allocates. */
final class Text {
    private Text() {}

    static StringBuilder ipv4(StringBuilder out, int addr) {
        return Ipv4Address.appendTo(out, addr);
    }

    static StringBuilder ipv6(StringBuilder out, long hi, long lo) {
        return Ipv6Address.appendTo(out, hi, lo);
    }

    static StringBuilder mac(StringBuilder out, long mac) {
        return MacAddress.appendTo(out, mac);
    }

    /** tcpdump's truncation marker: the capture ended inside this protocol's header. */
    static void trunc(StringBuilder out, String proto) {
        out.append(" [|").append(proto).append(']');
    }

    /** A header Weir's view refused: tcpdump's marker with the reason, e.g. {@code " [|icmp6: bad option]"}. */
    static void marker(StringBuilder out, String proto, WireError e) {
        if (e == WireError.TRUNCATED) {
            trunc(out, proto);
        } else {
            out.append(" [|").append(proto).append(": ").append(e.description()).append(']');
        }
    }

    /** The low {@code 4 * digits} bits of {@code v} in lower-case hex, with leading zeros. */
    static StringBuilder hex(StringBuilder out, int v, int digits) {
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
            out.append(Character.forDigit((v >>> shift) & 0xf, 16));
        }
        return out;
    }

    /** Appends non-negative {@code v} with leading zeros to at least {@code width} digits. */
    static StringBuilder zeroPad(StringBuilder sb, long v, int width) {
        int digits = 1;
        for (long t = v / 10; t > 0; t /= 10) {
            digits++;
        }
        for (int i = digits; i < width; i++) {
            sb.append('0');
        }
        return sb.append(v);
    }

    /** Appends {@code s} and spaces up to {@code width} characters. */
    static StringBuilder padRight(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb;
    }
}
