package dev.weir.api.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The parsed form of one Neighbor Discovery option (RFC 4861 section 4.6): type, length in
 * units of 8 octets, data.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |    Length     |              ...              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                              ...                              ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Parsing never fails and loses nothing: an option gets its specific record only when its
 * length is the one that record describes (an Ethernet link-layer address option is 8 octets)
 * and its reserved fields are zero; anything else, unknown types included, is kept as
 * {@link Unknown}, as RFC 4861 section 4.6 asks receivers to skip what they do not know.
 */
public sealed interface NdpOption {
    int SOURCE_LINK_LAYER_ADDRESS = 1;
    int TARGET_LINK_LAYER_ADDRESS = 2;
    int PREFIX_INFORMATION = 3;
    int REDIRECTED_HEADER = 4;
    int MTU = 5;
    /** Nonce (RFC 3971, used by enhanced DAD, RFC 7527): kept as {@link Unknown}. */
    int NONCE = 14;

    /** The option's type octet. */
    int type();

    /** Octets on the wire: a multiple of 8. */
    int length();

    /** Writes the option at {@code off}; returns its length. */
    int emit(byte[] b, int off);

    /**
     * The options in {@code [off, off + len)}, which {@link Icmpv6Packet#wrap} validated: every
     * length octet non-zero, every option inside the range.
     */
    static List<NdpOption> parseAll(byte[] b, int off, int len) {
        List<NdpOption> out = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (p < end) {
            int n = (b[p + 1] & 0xff) * 8;
            out.add(read(b, p, n));
            p += n;
        }
        return out;
    }

    private static NdpOption read(byte[] b, int p, int n) {
        int type = b[p] & 0xff;
        switch (type) {
            case SOURCE_LINK_LAYER_ADDRESS, TARGET_LINK_LAYER_ADDRESS -> {
                if (n == 8) {
                    MacAddress mac = MacAddress.read(b, p + 2);
                    return type == SOURCE_LINK_LAYER_ADDRESS ? new SourceLinkLayerAddress(mac) : new TargetLinkLayerAddress(mac);
                }
            }
            case PREFIX_INFORMATION -> {
                if (n == PrefixInformation.LEN && Bytes.i32(b, p + 12) == 0) {
                    return new PrefixInformation(b[p + 2] & 0xff, b[p + 3] & 0xff, Bytes.u32L(b, p + 4),
                            Bytes.u32L(b, p + 8), Ipv6Address.read(b, p + 16));
                }
            }
            case REDIRECTED_HEADER -> {
                if (Bytes.u16(b, p + 2) == 0 && Bytes.i32(b, p + 4) == 0) {
                    return new RedirectedHeader(Octets.copyOf(b, p + 8, n - 8));
                }
            }
            case MTU -> {
                if (n == 8 && Bytes.u16(b, p + 2) == 0) {
                    return new Mtu(Bytes.u32L(b, p + 4));
                }
            }
            default -> {
            }
        }
        return new Unknown(type, Octets.copyOf(b, p + 2, n - 2));
    }

    /** Writes the type and length octets of an option of {@code len} octets, zeroing its body. */
    private static void header(byte[] b, int off, int type, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) 0);
        b[off] = (byte) type;
        b[off + 1] = (byte) (len / 8);
    }

    /** An 8-octet link-layer address option: type, length 1, the MAC. */
    private static int emitLinkLayerAddress(byte[] b, int off, int type, MacAddress address) {
        header(b, off, type, 8);
        address.write(b, off + 2);
        return 8;
    }

    /** Source Link-Layer Address (type 1), for Ethernet: the sender's MAC. */
    record SourceLinkLayerAddress(MacAddress address) implements NdpOption {
        public SourceLinkLayerAddress {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int type() {
            return SOURCE_LINK_LAYER_ADDRESS;
        }

        @Override
        public int length() {
            return 8;
        }

        @Override
        public int emit(byte[] b, int off) {
            return emitLinkLayerAddress(b, off, type(), address);
        }
    }

    /** Target Link-Layer Address (type 2), for Ethernet: the target's MAC. */
    record TargetLinkLayerAddress(MacAddress address) implements NdpOption {
        public TargetLinkLayerAddress {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int type() {
            return TARGET_LINK_LAYER_ADDRESS;
        }

        @Override
        public int length() {
            return 8;
        }

        @Override
        public int emit(byte[] b, int off) {
            return emitLinkLayerAddress(b, off, type(), address);
        }
    }

    /**
     * Prefix Information (type 3, RFC 4861 section 4.6.2), in router advertisements.
     *
     * @param prefixLength 0..128
     * @param flags L (on-link, 0x80), A (autonomous address configuration, 0x40), and others raw
     * @param validLifetime seconds, 0xffffffff is infinity
     * @param preferredLifetime seconds, 0xffffffff is infinity
     * @param prefix the prefix (bits past its length are ignored by receivers, kept as sent)
     */
    record PrefixInformation(int prefixLength, int flags, long validLifetime, long preferredLifetime, Ipv6Address prefix)
            implements NdpOption {
        public static final int LEN = 32;
        public static final int FLAG_ON_LINK = 0x80;
        public static final int FLAG_AUTONOMOUS = 0x40;

        public PrefixInformation {
            Views.checkRange("NDP prefix length", prefixLength, 128);
            Views.checkRange("NDP prefix flags", flags, 255);
            Views.checkRange("NDP valid lifetime", validLifetime, 0xffff_ffffL);
            Views.checkRange("NDP preferred lifetime", preferredLifetime, 0xffff_ffffL);
            Objects.requireNonNull(prefix, "prefix");
        }

        public boolean onLink() {
            return (flags & FLAG_ON_LINK) != 0;
        }

        public boolean autonomous() {
            return (flags & FLAG_AUTONOMOUS) != 0;
        }

        @Override
        public int type() {
            return PREFIX_INFORMATION;
        }

        @Override
        public int length() {
            return LEN;
        }

        @Override
        public int emit(byte[] b, int off) {
            header(b, off, type(), LEN);
            b[off + 2] = (byte) prefixLength;
            b[off + 3] = (byte) flags;
            Bytes.put32(b, off + 4, (int) validLifetime);
            Bytes.put32(b, off + 8, (int) preferredLifetime);
            prefix.write(b, off + 16);
            return LEN;
        }
    }

    /**
     * Redirected Header (type 4, RFC 4861 section 4.6.3): as much of the redirected packet as fits.
     *
     * @param packet the original packet's IP header and data, a multiple of 8 octets (Linux cuts it so)
     */
    record RedirectedHeader(Octets packet) implements NdpOption {
        public RedirectedHeader {
            Objects.requireNonNull(packet, "packet");
            if (packet.length() % 8 != 0 || packet.length() + 8 > 255 * 8) {
                throw new IllegalArgumentException("redirected header data must be a multiple of 8 octets up to 2032, got " + packet.length());
            }
        }

        @Override
        public int type() {
            return REDIRECTED_HEADER;
        }

        @Override
        public int length() {
            return 8 + packet.length();
        }

        @Override
        public int emit(byte[] b, int off) {
            header(b, off, type(), length());
            packet.copyTo(b, off + 8);
            return length();
        }
    }

    /** MTU (type 5, RFC 4861 section 4.6.4): the link MTU a router advertises. */
    record Mtu(long mtu) implements NdpOption {
        public Mtu {
            Views.checkRange("NDP MTU", mtu, 0xffff_ffffL);
        }

        @Override
        public int type() {
            return MTU;
        }

        @Override
        public int length() {
            return 8;
        }

        @Override
        public int emit(byte[] b, int off) {
            header(b, off, type(), 8);
            Bytes.put32(b, off + 4, (int) mtu);
            return 8;
        }
    }

    /**
     * Any other option, or a known one whose length or reserved bits the records above cannot
     * hold, kept raw.
     *
     * @param type the type octet
     * @param data the octets after type and length: 8n-2 of them
     */
    record Unknown(int type, Octets data) implements NdpOption {
        public Unknown {
            Views.checkRange("NDP option type", type, 255);
            Objects.requireNonNull(data, "data");
            if ((data.length() + 2) % 8 != 0 || data.length() + 2 > 255 * 8) {
                throw new IllegalArgumentException("NDP option data must be 8n-2 octets (n 1..255), got " + data.length());
            }
        }

        @Override
        public int length() {
            return data.length() + 2;
        }

        @Override
        public int emit(byte[] b, int off) {
            b[off] = (byte) type;
            b[off + 1] = (byte) (length() / 8);
            data.copyTo(b, off + 2);
            return length();
        }
    }
}
