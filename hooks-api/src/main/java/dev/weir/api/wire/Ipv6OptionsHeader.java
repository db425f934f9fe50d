package dev.weir.api.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The parsed form of an IPv6 Hop-by-Hop Options or Destination Options header
 * (RFC 8200 sections 4.3 and 4.6). The options are kept raw, padding included, so emit gives
 * back the bytes parsed; {@link #options()} reads them as {@link Ipv6Option}s.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |  Hdr Ext Len  |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                 Options (TLV, padded to 8n+6 octets)          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param protocol {@link IpProtocol#HOPOPTS} or {@link IpProtocol#DSTOPTS}
 * @param nextHeader what follows
 * @param rawOptions the bytes after Next Header and Hdr Ext Len: 8n+6 octets of well-formed options
 */
public record Ipv6OptionsHeader(int protocol, int nextHeader, Octets rawOptions) implements Ipv6ExtHeader {
    public Ipv6OptionsHeader {
        if (protocol != IpProtocol.HOPOPTS && protocol != IpProtocol.DSTOPTS) {
            throw new IllegalArgumentException("an options header is Hop-by-Hop (0) or Destination Options (60), got " + protocol);
        }
        Views.checkRange("IPv6 options header next header", nextHeader, 255);
        Objects.requireNonNull(rawOptions, "rawOptions");
        int total = rawOptions.length() + 2;
        if (total % 8 != 0 || total > 2048) {
            throw new IllegalArgumentException("options header length must be a multiple of 8 up to 2048, got " + total
                    + " (pad the options with Pad1/PadN)");
        }
        byte[] raw = rawOptions.toByteArray();
        int bad = Ipv6Option.badOptionAt(raw, 0, raw.length);
        if (bad >= 0) {
            throw new IllegalArgumentException("malformed IPv6 option at options byte " + bad + " of " + rawOptions
                    + " (RFC 8200 section 4.2: its length runs past the header)");
        }
    }

    /** A header holding {@code options}, padded to a multiple of 8 octets with Pad1 or PadN (RFC 8200 section 4.2). */
    public static Ipv6OptionsHeader of(int protocol, int nextHeader, List<Ipv6Option> options) {
        int n = 2;
        for (Ipv6Option o : options) {
            n += o.length();
        }
        int pad = (8 - n % 8) % 8;
        byte[] raw = new byte[n - 2 + pad];
        int at = 0;
        for (Ipv6Option o : options) {
            at += o.emit(raw, at);
        }
        if (pad == 1) {
            Ipv6Option.pad1().emit(raw, at);
        } else if (pad > 1) {
            Ipv6Option.padN(pad).emit(raw, at);
        }
        return new Ipv6OptionsHeader(protocol, nextHeader, Octets.copyOf(raw));
    }

    static Ipv6OptionsHeader read(int protocol, byte[] b, int off, int len) {
        return new Ipv6OptionsHeader(protocol, b[off] & 0xff, Octets.copyOf(b, off + 2, len - 2));
    }

    /** The options in order, padding included. */
    public List<Ipv6Option> options() {
        List<Ipv6Option> out = new ArrayList<>();
        byte[] raw = rawOptions.toByteArray();
        int p = 0;
        while (p < raw.length) {
            int type = raw[p] & 0xff;
            if (type == Ipv6Option.PAD1) {
                out.add(Ipv6Option.pad1());
                p++;
                continue;
            }
            int n = raw[p + 1] & 0xff;
            out.add(new Ipv6Option(type, Octets.copyOf(raw, p + 2, n)));
            p += 2 + n;
        }
        return out;
    }

    @Override
    public int headerLength() {
        return rawOptions.length() + 2;
    }

    @Override
    public int emit(byte[] b, int off) {
        b[off] = (byte) nextHeader;
        b[off + 1] = (byte) (headerLength() / 8 - 1);
        rawOptions.copyTo(b, off + 2);
        return headerLength();
    }
}
