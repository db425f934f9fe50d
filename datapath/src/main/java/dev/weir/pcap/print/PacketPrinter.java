package dev.weir.pcap.print;

import dev.weir.api.wire.ArpPacket;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.EthernetFrame;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6ExtHeaders;
import dev.weir.api.wire.Ipv6FragmentHeader;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.TcpOption;
import dev.weir.api.wire.TcpPacket;
import dev.weir.api.wire.UdpPacket;
import dev.weir.api.wire.WireError;
import dev.weir.pcap.CapturedPacket;
import dev.weir.pcap.LinkType;
import java.util.Objects;

/**
 * One line per frame in the manner of {@code tcpdump -nn} (tcpdump 4.99): link type and bytes
 * in, the line tcpdump prints out, appended to a {@link StringBuilder} without a newline.
 *
 * <pre>{@code
 * PacketPrinter printer = new PacketPrinter(PacketPrinter.TimestampStyle.EPOCH, false);
 * StringBuilder line = new StringBuilder();
 * for (CapturedPacket p : packets) {
 *     line.setLength(0);
 *     System.out.println(printer.print(line, p));
 * }
 * }</pre>
 *
 * <p><b>What it prints.</b> For the traffic Weir's stack produces the line equals tcpdump's
 * character for character: Ethernet (VLAN tags, which tcpdump shows only with {@code -e}, are
 * skipped), Linux cooked v1 and v2, raw IP and BSD loopback link types; ARP and RARP; IPv4
 * (fragments: the first one's transport summary, later ones as {@code ip-proto-N}) and IPv6
 * with its hop-by-hop, destination-options, routing and fragment headers; ICMP and ICMPv6
 * (echo, every unreachable code, need-to-frag with its MTU, time exceeded, redirect, parameter
 * problem, packet too big, router and neighbor solicitation and advertisement, MLD); UDP; TCP
 * with flags, sequence numbers, window, urgent pointer and options, and the first line of an
 * HTTP message on ports 80 and 8080.
 *
 * <p><b>Relative sequence numbers.</b> Unless made with {@code absoluteSequenceNumbers} (tcpdump
 * {@code -S}), the printer keeps tcpdump's table of conversations across the frames it is given:
 * the first segment with ACK set of a conversation (and every SYN with ACK set) records the two
 * initial sequence numbers and is printed absolute; later segments print sequence,
 * acknowledgment and SACK numbers relative to them. A SYN without ACK neither consults nor
 * records the table. So print a file's frames in order through one printer, and
 * {@link #reset()} it between files.
 *
 * <p><b>Malformed and cut frames.</b> Nothing here throws on the bytes: where the capture ends
 * inside a header the line ends with tcpdump's {@code " [|proto]"}; where a header is malformed
 * the line ends with the same marker carrying the {@link WireError} that a view gave, as in
 * {@code " [|icmp6: bad option]"}, or with tcpdump's own words where they are simple
 * ({@code bad-len}, {@code truncated-ip - N bytes missing!}, {@code [bad hdr length ...]},
 * {@code [bad opt]}, {@code UDP, bad length ...}).
 *
 * <p><b>Where it differs from tcpdump</b> (all outside what Weir sends): tcpdump's hex dump
 * lines after an unknown EtherType or ICMPv6 type are left out (the first line is the same);
 * application protocols other than HTTP (DNS, NTP, DHCP, SSH...), and network protocols other
 * than those above (IGMP, GRE, ESP, AH, SCTP, LLC/STP, LLDP, MPLS...) are not decoded: they print
 * as {@code ip-proto-N length}, an unknown EtherType, or a marker; the TCP options MPTCP,
 * TCP-AO, TFO, MD5 and the experimental kinds print their name and raw bytes; and a Linux
 * cooked v2 header's interface index prints as {@code ifN} where tcpdump looks the index up
 * among the interfaces of the host reading the file.
 *
 * <p>A printer is reusable and not thread-safe. Printing allocates nothing per frame beyond
 * what the {@link StringBuilder} grows by and a new table entry per new TCP conversation.
 */
public final class PacketPrinter {
    /** How a line starts. */
    public enum TimestampStyle {
        /** No timestamp, as {@code tcpdump -t}. */
        NONE,
        /** Seconds and microseconds since the epoch, as {@code tcpdump -tt}: {@code 1795347325.278186}. */
        EPOCH,
        /**
         * Time since the previous frame, as {@code tcpdump -ttt}: a sign (space or minus), then
         * {@code HH:MM:SS.uuuuuu}; the first frame shows zero.
         */
        DELTA,
        /** Time since the first frame, as {@code tcpdump -ttttt}, in the form of {@link #DELTA}. */
        SINCE_FIRST
    }

    private static final int ETHERTYPE_RARP = 0x8035;
    /** Largest 802.3 length field: below it the type field is a length and an LLC header follows. */
    private static final int MAX_8023_LENGTH = 1500;
    private static final int SLL_HEADER_LEN = 16;
    private static final int SLL2_HEADER_LEN = 20;
    private static final int NULL_HEADER_LEN = 4;
    private final TimestampStyle timestamps;
    private final boolean absoluteSequenceNumbers;
    private final TcpConversations conversations = new TcpConversations();
    private long firstMicros;
    private long previousMicros;
    private boolean seenFrame;

    private final ArpPacket arp = new ArpPacket();
    private final Ipv4Packet ip4 = new Ipv4Packet();
    private final Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
    private final IcmpPrinter icmp = new IcmpPrinter();
    private final HttpFirstLine http = new HttpFirstLine();

    // The frame being printed, and the IP header the transport printers need.
    private StringBuilder out;
    private byte[] b;
    private boolean ipv6;
    private int src4;
    private int dst4;
    private long src6Hi;
    private long src6Lo;
    private long dst6Hi;
    private long dst6Lo;
    /** IPv6: the fixed header names the transport, so TCP and UDP print addresses with the ports. */
    private boolean transportRightAfterFixedHeader;

    /** A printer without timestamps and with relative TCP sequence numbers: {@code tcpdump -nn -t}. */
    public PacketPrinter() {
        this(TimestampStyle.NONE, false);
    }

    /**
     * @param timestamps how each line starts
     * @param absoluteSequenceNumbers print TCP sequence numbers as they are, as {@code tcpdump -S}
     */
    public PacketPrinter(TimestampStyle timestamps, boolean absoluteSequenceNumbers) {
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
        this.absoluteSequenceNumbers = absoluteSequenceNumbers;
    }

    public TimestampStyle timestampStyle() {
        return timestamps;
    }

    public boolean absoluteSequenceNumbers() {
        return absoluteSequenceNumbers;
    }

    /** Forgets the TCP conversations and the first and previous timestamps: the next frame starts a new file. */
    public void reset() {
        conversations.clear();
        seenFrame = false;
    }

    /** The line for one frame of a capture file (no newline), as {@link #print(StringBuilder, int, long, byte[], int, int, int)}. */
    public StringBuilder print(StringBuilder out, CapturedPacket p) {
        return print(out, p.linkType(), p.timestampNanos(), p.data(), 0, p.capturedLength(), p.originalLength());
    }

    /**
     * The line of {@link #print(StringBuilder, CapturedPacket)} with what a pcapng file says
     * about the packet, in the manner of {@code tcpdump -i any} on Linux: after the timestamp, the
     * interface name ({@code if_name}) padded to 5 characters and the direction from
     * {@code epb_flags} ({@code In} or {@code Out}, padded to 3), each followed by a space and
     * each only when the file has it; after the summary, each comment as {@code " # comment"}
     * (control characters escaped as {@code \xNN}, so the line stays one line).
     */
    public StringBuilder printAnnotated(StringBuilder out, CapturedPacket p) {
        appendTimestamp(out, p.timestampNanos());
        if (p.interfaceName() != null) {
            Text.padRight(out, p.interfaceName(), 5).append(' ');
        }
        if (p.direction() == CapturedPacket.DIRECTION_INBOUND) {
            out.append("In  ");
        } else if (p.direction() == CapturedPacket.DIRECTION_OUTBOUND) {
            out.append("Out ");
        }
        summary(out, p.linkType(), p.data(), 0, p.capturedLength(), p.originalLength());
        if (p.comment() != null) {
            out.append(" # ");
            String c = p.comment();
            for (int i = 0; i < c.length(); i++) {
                char ch = c.charAt(i);
                if (ch == '\n') {
                    out.append(" # ");
                } else if (ch < 0x20 || ch == 0x7f) {
                    out.append("\\x").append(Character.forDigit(ch >>> 4, 16)).append(Character.forDigit(ch & 0xf, 16));
                } else {
                    out.append(ch);
                }
            }
        }
        return out;
    }

    /** {@link #print(StringBuilder, CapturedPacket)} as a new string. */
    public String format(CapturedPacket p) {
        return print(new StringBuilder(128), p).toString();
    }

    /**
     * Appends the line for one frame, without a newline, and returns {@code out}.
     *
     * @param linkType the frame's link-layer header type ({@link LinkType})
     * @param timestampNanos when it was seen, in nanoseconds since the epoch (printed to the
     *     microsecond, truncated, as tcpdump reads a nanosecond file)
     * @param buf the captured bytes, from the link-layer header on
     * @param capturedLength how many bytes were captured
     * @param originalLength the frame's length on the wire (at least {@code capturedLength}; less is taken as equal)
     * @throws IndexOutOfBoundsException when {@code off} and {@code capturedLength} do not fit {@code buf}:
     *     a caller's mistake, not a malformed frame
     */
    public StringBuilder print(StringBuilder out, int linkType, long timestampNanos, byte[] buf, int off,
            int capturedLength, int originalLength) {
        Objects.checkFromIndexSize(off, capturedLength, buf.length);
        appendTimestamp(out, timestampNanos);
        return summary(out, linkType, buf, off, capturedLength, originalLength);
    }

    private StringBuilder summary(StringBuilder out, int linkType, byte[] buf, int off, int cap, int originalLength) {
        this.out = out;
        this.b = buf;
        int len = Math.max(originalLength, cap);
        try {
            switch (linkType) {
                case LinkType.ETHERNET -> ether(off, cap, len);
                case LinkType.LINUX_SLL -> sll(off, cap, len);
                case LinkType.LINUX_SLL2 -> sll2(off, cap, len);
                case LinkType.RAW -> rawIp(off, cap, len);
                case LinkType.IPV4 -> ipv4(off, cap, len);
                case LinkType.IPV6 -> ipv6(off, cap, len);
                case LinkType.NULL -> nullLink(off, cap, len);
                default -> out.append("link-type ").append(LinkType.name(linkType)).append(" (")
                        .append(LinkType.description(linkType)).append(") not decoded, length ").append(len);
            }
        } finally {
            this.out = null;
            this.b = null;
        }
        return out;
    }

    // ---- timestamps ----

    private void appendTimestamp(StringBuilder sb, long nanos) {
        if (timestamps == TimestampStyle.NONE) {
            return;
        }
        // tcpdump reads a nanosecond file at microsecond precision: each timestamp truncated first.
        long micros = Math.floorDiv(nanos, 1_000L);
        if (!seenFrame) {
            firstMicros = micros;
            previousMicros = micros;
            seenFrame = true;
        }
        switch (timestamps) {
            case EPOCH -> {
                sb.append(Math.floorDiv(micros, 1_000_000L)).append('.');
                Text.zeroPad(sb, Math.floorMod(micros, 1_000_000L), 6).append(' ');
            }
            case DELTA -> appendDuration(sb, micros - previousMicros);
            case SINCE_FIRST -> appendDuration(sb, micros - firstMicros);
            default -> throw new AssertionError(timestamps);
        }
        previousMicros = micros;
    }

    /**
     * tcpdump's {@code ts_format}: sign (space or '-'), then hours, minutes, seconds and
     * microseconds of the magnitude; whole days are dropped, as tcpdump formats the hours of the
     * day of a duration.
     */
    private static void appendDuration(StringBuilder sb, long micros) {
        sb.append(micros < 0 ? '-' : ' ');
        long m = Math.abs(micros);
        long secs = m / 1_000_000L;
        Text.zeroPad(sb, secs / 3600 % 24, 2).append(':');
        Text.zeroPad(sb, secs % 3600 / 60, 2).append(':');
        Text.zeroPad(sb, secs % 60, 2).append('.');
        Text.zeroPad(sb, m % 1_000_000L, 6).append(' ');
    }

    // ---- link layers ----

    private void ether(int off, int cap, int len) {
        if (cap < EthernetFrame.HEADER_LEN) {
            Text.trunc(out, "ether");
            return;
        }
        // VLAN tags are skipped as tcpdump skips them without -e, any number of them and the
        // TPIDs 0x9100 and 0x9200 too (EthernetFrame takes at most two tags, 0x8100 and 0x88a8).
        int hl = EthernetFrame.TYPE_OFFSET;
        int type = Bytes.u16(b, off + hl);
        while (EtherType.isVlanTpid(type) || type == 0x9100 || type == 0x9200) {
            hl += EthernetFrame.TAG_LEN;
            if (cap < hl + 2) {
                Text.trunc(out, "vlan");
                return;
            }
            type = Bytes.u16(b, off + hl);
        }
        hl += 2;
        long src = Bytes.u48(b, off + EthernetFrame.SRC_OFFSET);
        long dst = Bytes.u48(b, off + EthernetFrame.DST_OFFSET);
        if (type <= MAX_8023_LENGTH) {
            Text.mac(out, src).append(" > ");
            Text.mac(out, dst).append(", 802.3, length ").append(len).append(": LLC not decoded");
            return;
        }
        if (!network(type, off + hl, cap - hl, len - hl)) {
            Text.mac(out, src).append(" > ");
            Text.mac(out, dst).append(", ethertype Unknown (0x");
            Text.hex(out, type, 4).append("), length ").append(len).append(": ");
        }
    }

    /** Prints the network layer of an EtherType it knows and returns true; false for any other. */
    private boolean network(int type, int off, int cap, int len) {
        switch (type) {
            case EtherType.IPV4 -> ipv4(off, cap, len);
            case EtherType.IPV6 -> ipv6(off, cap, len);
            case EtherType.ARP, ETHERTYPE_RARP -> arp(off, cap, len);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Linux cooked v1: packet type, ARPHRD type, address length, 8 address bytes, protocol. */
    private void sll(int off, int cap, int len) {
        if (cap < SLL_HEADER_LEN) {
            Text.trunc(out, "sll");
            return;
        }
        int proto = Bytes.u16(b, off + 14);
        int hl = SLL_HEADER_LEN;
        if (proto > MAX_8023_LENGTH && network(proto, off + hl, cap - hl, len - hl)) {
            return;
        }
        // tcpdump prints the cooked header when it cannot decode what follows.
        String dir = sllPacketType(Bytes.u16(b, off));
        for (int i = dir.length(); i < 3; i++) {
            out.append(' ');
        }
        out.append(dir).append(' ');
        if (Bytes.u16(b, off + 4) == 6) {
            Text.mac(out, Bytes.u48(b, off + 6)).append(' ');
        }
        if (proto == 1) {
            out.append("802.3");
        } else if (proto == 4) {
            out.append("802.2");
        } else {
            out.append("ethertype Unknown (0x");
            Text.hex(out, proto, 4).append(')');
        }
        out.append(", length ").append(len).append(": ");
    }

    /** Linux cooked v2: protocol, reserved, interface index, ARPHRD type, packet type, address length, address. */
    private void sll2(int off, int cap, int len) {
        if (cap < SLL2_HEADER_LEN) {
            Text.trunc(out, "sll2");
            return;
        }
        int nameStart = out.length();
        out.append("if").append(Integer.toUnsignedLong(Bytes.i32(b, off + 4)));
        while (out.length() - nameStart < 5) {
            out.append(' ');
        }
        out.append(' ');
        Text.padRight(out, sllPacketType(Bytes.u8(b, off + 10)), 3).append(' ');
        int proto = Bytes.u16(b, off);
        int hl = SLL2_HEADER_LEN;
        if (proto > MAX_8023_LENGTH && network(proto, off + hl, cap - hl, len - hl)) {
            return;
        }
        if (Bytes.u8(b, off + 11) == 6) {
            Text.mac(out, Bytes.u48(b, off + 12)).append(' ');
        }
        out.append("ethertype Unknown (0x");
        Text.hex(out, proto, 4).append("), length ").append(len).append(": ");
    }

    /** Linux's {@code PACKET_*} packet types as tcpdump names them. */
    private static String sllPacketType(int type) {
        return switch (type) {
            case 0 -> "In";
            case 1 -> "B";
            case 2 -> "M";
            case 3 -> "P";
            case 4 -> "Out";
            default -> "?";
        };
    }

    private void rawIp(int off, int cap, int len) {
        if (cap < 1) {
            Text.trunc(out, "ipn");
            return;
        }
        switch (Bytes.u8(b, off) >>> 4) {
            case 4 -> ipv4(off, cap, len);
            case 6 -> ipv6(off, cap, len);
            default -> out.append("unknown ip ").append(Bytes.u8(b, off) >>> 4);
        }
    }

    /** BSD loopback: the address family in the capturing host's byte order (tcpdump swaps when the high half is set). */
    private void nullLink(int off, int cap, int len) {
        if (cap < NULL_HEADER_LEN) {
            Text.trunc(out, "null");
            return;
        }
        int family = Bytes.i32(b, off);
        if ((family & 0xffff_0000) != 0) {
            family = Integer.reverseBytes(family);
        }
        int hl = NULL_HEADER_LEN;
        switch (family) {
            case 2 -> ipv4(off + hl, cap - hl, len - hl);
            case 24, 28, 30 -> ipv6(off + hl, cap - hl, len - hl);
            default -> out.append("AF ").append(switch (family) {
                case 7 -> "OSI";
                case 16 -> "Appletalk";
                case 23 -> "IPX";
                default -> "Unknown";
            }).append(" (").append(Integer.toUnsignedLong(family)).append("), length ").append(len).append(": ");
        }
    }

    // ---- ARP ----

    /** ARP and RARP over Ethernet/IPv4 (tcpdump's arp_print for 6-byte hardware and 4-byte protocol addresses). */
    private void arp(int off, int cap, int len) {
        if (cap < 8) {
            Text.trunc(out, "arp");
            return;
        }
        int hlen = Bytes.u8(b, off + ArpPacket.HLEN_OFFSET);
        int plen = Bytes.u8(b, off + ArpPacket.PLEN_OFFSET);
        if (cap < 8 + 2 * hlen + 2 * plen) {
            Text.trunc(out, "arp");
            return;
        }
        int htype = Bytes.u16(b, off + ArpPacket.HTYPE_OFFSET);
        int ptype = Bytes.u16(b, off + ArpPacket.PTYPE_OFFSET);
        int op = Bytes.u16(b, off + ArpPacket.OPER_OFFSET);
        if (ptype != EtherType.IPV4 || plen != 4 || hlen == 0) {
            // tcpdump names the address types it does not print.
            out.append("ARP, ").append(htype == ArpPacket.HTYPE_ETHERNET ? "Ethernet" : "Unknown Hardware (" + htype + ")")
                    .append(" (len ").append(hlen).append("), ");
            if (ptype == EtherType.IPV6) {
                out.append("IPv6");
            } else {
                out.append("Unknown Protocol (0x");
                Text.hex(out, ptype, 4).append(')');
            }
            out.append(" (len ").append(plen).append("), length ").append(len);
            return;
        }
        if (hlen != 6) {
            // IPv4 over other hardware: Weir's view speaks Ethernet/IPv4 only.
            out.append("ARP,");
            Text.marker(out, "arp", arp.wrap(b, off, cap));
            return;
        }
        // The Ethernet/IPv4 layout, read through the view's offsets: the view itself refuses the
        // RARP and InARP operations and hardware types other than 1, which tcpdump prints.
        long sha = Bytes.u48(b, off + ArpPacket.SHA_OFFSET);
        int spa = Bytes.i32(b, off + ArpPacket.SPA_OFFSET);
        long tha = Bytes.u48(b, off + ArpPacket.THA_OFFSET);
        int tpa = Bytes.i32(b, off + ArpPacket.TPA_OFFSET);
        out.append("ARP, ");
        switch (op) {
            case ArpPacket.OP_REQUEST -> {
                out.append("Request who-has ");
                Text.ipv4(out, tpa);
                if (tha != 0) {
                    out.append(" (");
                    Text.mac(out, tha).append(')');
                }
                out.append(" tell ");
                Text.ipv4(out, spa);
            }
            case ArpPacket.OP_REPLY -> {
                out.append("Reply ");
                Text.ipv4(out, spa).append(" is-at ");
                Text.mac(out, sha);
            }
            case 3, 8 -> { // RARP (RFC 903), InARP (RFC 2390)
                out.append(op == 3 ? "Reverse" : "Inverse").append(" Request who-is ");
                Text.mac(out, tha).append(" tell ");
                Text.mac(out, sha);
            }
            case 4 -> {
                out.append("Reverse Reply ");
                Text.mac(out, tha).append(" at ");
                Text.ipv4(out, tpa);
            }
            case 9 -> {
                out.append("Inverse Reply ");
                Text.mac(out, sha).append(" at ");
                Text.ipv4(out, spa);
            }
            default -> {
                // tcpdump follows this with a hex dump of the packet.
                out.append("Unknown (").append(op).append(") ");
                return;
            }
        }
        out.append(", length ").append(len);
    }

    // ---- IPv4 ----

    /**
     * @param cap bytes captured from the IP header on
     * @param len bytes on the wire from the IP header on (what the link layer says)
     */
    private void ipv4(int off, int cap, int len) {
        if (cap < 1) {
            Text.trunc(out, "ip");
            return;
        }
        int version = Bytes.u8(b, off) >>> 4;
        if (version != 4) {
            out.append("IP").append(version);
            if (version == 6) {
                out.append(", wrong link-layer encapsulation");
            }
            out.append(" (invalid)");
            return;
        }
        out.append("IP ");
        if (cap < Ipv4Packet.HEADER_LEN) {
            Text.trunc(out, "ip");
            return;
        }
        int total = Bytes.u16(b, off + Ipv4Packet.TOTAL_LENGTH_OFFSET);
        int hl = (Bytes.u8(b, off) & 0x0f) * 4;
        if (total > len) {
            out.append("truncated-ip - ").append(total - len).append(" bytes missing! ");
        }
        if (total < hl) {
            out.append("bad-len ").append(total);
            return;
        }
        if (hl < Ipv4Packet.HEADER_LEN) {
            out.append("bad-hlen ").append(hl);
            return;
        }
        // Quoted mode: the datagram may run past the captured bytes; the checksum is not tcpdump's business here.
        WireError e = ip4.wrapQuoted(b, off, cap);
        if (e == WireError.TRUNCATED) {
            // The options run past the captured bytes.
            out.append(" [remaining caplen(").append(cap).append(") < header length(").append(hl).append(")]");
            Text.trunc(out, "ip");
            return;
        }
        if (e != WireError.OK) {
            Text.marker(out, "ip", e);
            return;
        }
        ipv6 = false;
        src4 = ip4.src();
        dst4 = ip4.dst();
        int payloadLen = total - hl;
        int payloadCap = ip4.payloadLength();
        int proto = ip4.protocol();
        if (ip4.fragmentOffset() != 0) {
            // Not the first fragment: no transport header to show.
            Text.ipv4(out, src4).append(" > ");
            Text.ipv4(out, dst4).append(": ip-proto-").append(proto);
            return;
        }
        if (proto != IpProtocol.TCP && proto != IpProtocol.UDP) {
            Text.ipv4(out, src4).append(" > ");
            Text.ipv4(out, dst4).append(": ");
        }
        transport(proto, ip4.payloadOffset(), payloadCap, payloadLen, ip4.moreFragments());
    }

    /** tcpdump's ip_demux_print for the protocols decoded here. */
    private void transport(int proto, int off, int cap, int len, boolean fragmented) {
        switch (proto) {
            case IpProtocol.TCP -> tcp(off, cap, len);
            case IpProtocol.UDP -> udp(off, cap, len, fragmented);
            case IpProtocol.ICMP -> icmp.print(out, b, off, cap, len, false);
            case IpProtocol.ICMPV6 -> {
                if (ipv6) {
                    icmp.print(out, b, off, cap, len, true);
                } else {
                    out.append("[ICMP6 requires IPv6] (invalid)");
                }
            }
            case IpProtocol.NONE -> out.append("no next header");
            default -> out.append(" ip-proto-").append(proto).append(' ').append(len);
        }
    }

    // ---- IPv6 ----

    private void ipv6(int off, int cap, int len) {
        if (cap < Ipv6Packet.HEADER_LEN) {
            Text.trunc(out, "ip6");
            return;
        }
        out.append("IP6 ");
        int version = Bytes.u8(b, off) >>> 4;
        if (version != 6) {
            out.append("version error: ").append(version).append(" != 6");
            return;
        }
        int payloadLen = Bytes.u16(b, off + Ipv6Packet.PAYLOAD_LENGTH_OFFSET);
        if (Ipv6Packet.HEADER_LEN + payloadLen > len) {
            // tcpdump prints no space after the '!' here.
            out.append("truncated-ip6 - ").append(Ipv6Packet.HEADER_LEN + payloadLen - len).append(" bytes missing!");
        }
        // The fixed header is read in place rather than through Ipv6Packet, whose wrap needs the
        // whole payload: a capture cut by a snap length still prints its headers.
        ipv6 = true;
        src6Hi = Bytes.i64(b, off + Ipv6Packet.SRC_OFFSET);
        src6Lo = Bytes.i64(b, off + Ipv6Packet.SRC_OFFSET + 8);
        dst6Hi = Bytes.i64(b, off + Ipv6Packet.DST_OFFSET);
        dst6Lo = Bytes.i64(b, off + Ipv6Packet.DST_OFFSET + 8);
        int nh = Bytes.u8(b, off + Ipv6Packet.NEXT_HEADER_OFFSET);
        transportRightAfterFixedHeader = true;
        int start = off + Ipv6Packet.HEADER_LEN;
        int end = off + Math.min(cap, Ipv6Packet.HEADER_LEN + payloadLen);
        if (nh != IpProtocol.TCP && nh != IpProtocol.UDP) {
            Text.ipv6(out, src6Hi, src6Lo).append(" > ");
            Text.ipv6(out, dst6Hi, dst6Lo).append(": ");
        }
        WireError e = ext.walk(b, start, end - start, nh);
        if (e != WireError.OK && e != WireError.TRUNCATED) {
            Text.marker(out, "ip6", e);
            return;
        }
        // Print each extension header as tcpdump does, then the upper layer, even with no bytes
        // left for it (its printer shows the truncation).
        boolean fragmented = false;
        int at = start;
        int remaining = payloadLen;
        while (true) {
            int hl;
            switch (nh) {
                case IpProtocol.HOPOPTS, IpProtocol.DSTOPTS -> {
                    if (end - at < 2 || (hl = (Bytes.u8(b, at + 1) + 1) * 8) > end - at) {
                        Text.trunc(out, nh == IpProtocol.HOPOPTS ? "hbhopt" : "dstopt");
                        return;
                    }
                    out.append(nh == IpProtocol.HOPOPTS ? "HBH " : "DSTOPT ");
                }
                case IpProtocol.ROUTING -> {
                    hl = routingHeader(at, end);
                    if (hl < 0) {
                        return;
                    }
                }
                case IpProtocol.FRAGMENT -> {
                    if (end - at < Ipv6FragmentHeader.LEN) {
                        Text.trunc(out, "frag6");
                        return;
                    }
                    hl = Ipv6FragmentHeader.LEN;
                    int fragOffset = Bytes.u16(b, at + Ipv6FragmentHeader.OFFSET_FLAGS_OFFSET) & 0xfff8;
                    out.append("frag (").append(fragOffset).append('|')
                            .append(Ipv6Packet.HEADER_LEN + payloadLen - (at - off) - Ipv6FragmentHeader.LEN).append(')');
                    if (fragOffset != 0) {
                        return;
                    }
                    out.append(' ');
                    if (at + hl >= end) {
                        return;
                    }
                    fragmented = true;
                }
                default -> {
                    transport(nh, at, end - at, remaining, fragmented);
                    return;
                }
            }
            if (remaining < hl) {
                Text.trunc(out, "ip6");
                return;
            }
            transportRightAfterFixedHeader = false;
            nh = Bytes.u8(b, at);
            at += hl;
            remaining -= hl;
        }
    }

    /** tcpdump's rt6_print: types 0 and 2 with their addresses; returns the header length, or -1 after a marker. */
    private int routingHeader(int at, int end) {
        if (end - at < 4) {
            Text.trunc(out, "rt6");
            return -1;
        }
        int hdrLen = Bytes.u8(b, at + 1);
        int type = Bytes.u8(b, at + 2);
        out.append("RT6 (len=").append(hdrLen).append(", type=").append(type);
        if (type == 0) {
            out.append(" [Deprecated]");
        }
        out.append(", segleft=").append(Bytes.u8(b, at + 3));
        int hl = (hdrLen + 1) * 8;
        if (type != 0 && type != 2) {
            out.append(')');
            Text.marker(out, "rt6", WireError.BAD_FIELD);
            return -1;
        }
        if (hdrLen % 2 == 1) {
            out.append(" (invalid)");
            return -1;
        }
        int p = at + 8;
        for (int i = 0; i < hdrLen / 2; i++, p += 16) {
            if (end - p < 16) {
                Text.trunc(out, "rt6");
                return -1;
            }
            out.append(", [").append(i).append(']');
            Text.ipv6(out, Bytes.i64(b, p), Bytes.i64(b, p + 8));
        }
        out.append(") ");
        if (hl > end - at) {
            Text.trunc(out, "rt6");
            return -1;
        }
        return hl;
    }

    // ---- TCP ----

    private void tcp(int off, int cap, int len) {
        if (!ports(off, cap, "tcp", ":")) {
            return;
        }
        int sport = Bytes.u16(b, off + TcpPacket.SRC_PORT_OFFSET);
        int dport = Bytes.u16(b, off + TcpPacket.DST_PORT_OFFSET);
        if (cap < TcpPacket.HEADER_LEN) {
            Text.trunc(out, "tcp");
            return;
        }
        int hlen = (Bytes.u8(b, off + TcpPacket.DATA_OFFSET_FLAGS_OFFSET) >>> 4) * 4;
        if (hlen < TcpPacket.HEADER_LEN) {
            out.append(" tcp ").append(Integer.toUnsignedLong(len - hlen)).append(" [bad hdr length ").append(hlen)
                    .append(" - too short, < 20]");
            return;
        }
        int seq = Bytes.i32(b, off + TcpPacket.SEQ_OFFSET);
        int ack = Bytes.i32(b, off + TcpPacket.ACK_OFFSET);
        int win = Bytes.u16(b, off + TcpPacket.WINDOW_OFFSET);
        int urp = Bytes.u16(b, off + TcpPacket.URGENT_OFFSET);
        // tcpdump 4.99 prints the eight control bits only, not AE (the low bit of byte 12).
        int flags = Bytes.u8(b, off + TcpPacket.DATA_OFFSET_FLAGS_OFFSET + 1);
        out.append("Flags [");
        appendTcpFlags(flags).append(']');

        boolean rev = false;
        int baseSeq = 0;
        int baseAck = 0;
        if (!absoluteSequenceNumbers && (flags & TcpPacket.ACK) != 0) {
            // One table entry for both directions, keyed in a fixed order (tcpdump's "arbitrary
            // collating order"): the lower port first, or for equal ports the lower address.
            if (sport > dport) {
                rev = true;
            } else if (sport == dport) {
                rev = ipv6 ? compareUnsigned(src6Hi, src6Lo, dst6Hi, dst6Lo) > 0 : Integer.compareUnsigned(src4, dst4) > 0;
            }
            long aHi = ipv6 ? (rev ? dst6Hi : src6Hi) : 0;
            long aLo = ipv6 ? (rev ? dst6Lo : src6Lo) : Integer.toUnsignedLong(rev ? dst4 : src4);
            long bHi = ipv6 ? (rev ? src6Hi : dst6Hi) : 0;
            long bLo = ipv6 ? (rev ? src6Lo : dst6Lo) : Integer.toUnsignedLong(rev ? src4 : dst4);
            long ports = (ipv6 ? 1L << 32 : 0) | (rev ? (long) dport << 16 | sport : (long) sport << 16 | dport);
            int slot = conversations.find(aHi, aLo, bHi, bLo, ports);
            if (slot < 0 || (flags & TcpPacket.SYN) != 0) {
                // A new conversation (or a new SYN-ACK on an old one): remember, print absolute.
                slot = rev ? conversations.put(aHi, aLo, bHi, bLo, ports, ack - 1, seq)
                        : conversations.put(aHi, aLo, bHi, bLo, ports, seq, ack - 1);
            } else if (rev) {
                seq -= conversations.ackBase(slot);
                ack -= conversations.seqBase(slot);
            } else {
                seq -= conversations.seqBase(slot);
                ack -= conversations.ackBase(slot);
            }
            baseSeq = conversations.seqBase(slot);
            baseAck = conversations.ackBase(slot);
        }
        if (hlen > len) {
            out.append(" [bad hdr length ").append(hlen).append(" - too long, > ").append(len).append(']');
            return;
        }
        int payload = len - hlen;
        if (payload > 0 || (flags & (TcpPacket.SYN | TcpPacket.FIN | TcpPacket.RST)) != 0) {
            out.append(", seq ").append(Integer.toUnsignedLong(seq));
            if (payload > 0) {
                out.append(':').append(Integer.toUnsignedLong(seq + payload));
            }
        }
        if ((flags & TcpPacket.ACK) != 0) {
            out.append(", ack ").append(Integer.toUnsignedLong(ack));
        }
        out.append(", win ").append(win);
        if ((flags & TcpPacket.URG) != 0) {
            out.append(", urg ").append(urp);
        }
        if (hlen > TcpPacket.HEADER_LEN && !tcpOptions(off, cap, hlen, rev, baseSeq, baseAck)) {
            return;
        }
        out.append(", length ").append(payload);
        if (payload > 0 && HttpFirstLine.isHttpPort(sport, dport)) {
            out.append(": ");
            http.print(out, b, off + hlen, Math.min(cap - hlen, payload), payload);
        }
    }

    private StringBuilder appendTcpFlags(int flags) {
        // tcpdump's tcp_flag_values order.
        String letters = "FSRP.UEW";
        int start = out.length();
        for (int i = 0; i < letters.length(); i++) {
            if ((flags & (1 << i)) != 0) {
                out.append(letters.charAt(i));
            }
        }
        if (out.length() == start) {
            out.append("none");
        }
        return out;
    }

    /**
     * The options as tcpdump's loop prints them: it walks by the length each known kind should
     * have, flags a length octet that disagrees with {@code [len N]}, stops at EOL, and ends the
     * whole line with {@code [bad opt]} at a length below 2 or past the header. Returns false when
     * the line ended here (a bad option or the end of the capture).
     */
    private boolean tcpOptions(int off, int cap, int hlen, boolean rev, int baseSeq, int baseAck) {
        out.append(", options [");
        int remaining = hlen - TcpPacket.HEADER_LEN;
        int p = off + TcpPacket.HEADER_LEN;
        int end = off + cap;
        afterOption = false;
        while (remaining > 0) {
            if (afterOption) {
                out.append(',');
            }
            if (p >= end) {
                Text.trunc(out, "tcp");
                return false;
            }
            int kind = Bytes.u8(b, p++);
            int optLen;
            if (kind == TcpOption.KIND_EOL || kind == TcpOption.KIND_NOP) {
                optLen = 1;
            } else {
                if (p >= end) {
                    Text.trunc(out, "tcp");
                    return false;
                }
                optLen = Bytes.u8(b, p++);
                if (optLen < 2 || optLen > remaining) {
                    badOption();
                    return false;
                }
                remaining--;
            }
            remaining--;
            out.append(tcpOptionName(kind));
            int dataLen;
            switch (kind) {
                case TcpOption.KIND_EOL, TcpOption.KIND_NOP, TcpOption.KIND_SACK_PERMITTED -> dataLen = 0;
                case TcpOption.KIND_MSS -> {
                    dataLen = 2;
                    if (!optionData(p, dataLen, remaining, end)) {
                        return false;
                    }
                    out.append(' ').append(Bytes.u16(b, p));
                }
                case TcpOption.KIND_WINDOW_SCALE -> {
                    dataLen = 1;
                    if (!optionData(p, dataLen, remaining, end)) {
                        return false;
                    }
                    out.append(' ').append(Bytes.u8(b, p));
                }
                case TcpOption.KIND_SACK -> {
                    dataLen = optLen - 2;
                    if (dataLen % 8 != 0) {
                        out.append(" invalid sack");
                    } else {
                        out.append(' ').append(dataLen / 8).append(' ');
                        for (int i = 0; i < dataLen; i += 8) {
                            if (!optionData(p, i + 8, remaining, end)) {
                                return false;
                            }
                            int base = rev ? baseSeq : baseAck;
                            out.append('{').append(Integer.toUnsignedLong(Bytes.i32(b, p + i) - base)).append(':')
                                    .append(Integer.toUnsignedLong(Bytes.i32(b, p + i + 4) - base)).append('}');
                        }
                    }
                }
                case 6, 7, 11, 12, 13 -> { // echo, echoreply, cc, ccnew, ccecho (RFC 1072, RFC 1644)
                    dataLen = 4;
                    if (!optionData(p, dataLen, remaining, end)) {
                        return false;
                    }
                    out.append(' ').append(Integer.toUnsignedLong(Bytes.i32(b, p)));
                }
                case TcpOption.KIND_TIMESTAMPS -> {
                    dataLen = 8;
                    if (!optionData(p, dataLen, remaining, end)) {
                        return false;
                    }
                    out.append(" val ").append(Integer.toUnsignedLong(Bytes.i32(b, p)))
                            .append(" ecr ").append(Integer.toUnsignedLong(Bytes.i32(b, p + 4)));
                }
                case 28 -> { // user timeout (RFC 5482)
                    dataLen = 2;
                    if (!optionData(p, dataLen, remaining, end)) {
                        return false;
                    }
                    int uto = Bytes.u16(b, p);
                    out.append(" 0x").append(Integer.toHexString(uto)).append(' ')
                            .append((uto & 1) != 0 ? (uto >>> 1) * 60 : uto >>> 1);
                }
                default -> {
                    // Unknown kinds as tcpdump prints them; also the kinds it decodes further
                    // (MD5, SCPS, TCP-AO, MPTCP, TFO, experiments), which are shown raw here.
                    dataLen = optLen - 2;
                    if (dataLen > 0) {
                        out.append(" 0x");
                    }
                    for (int i = 0; i < dataLen; i++) {
                        if (!optionData(p, i + 1, remaining, end)) {
                            return false;
                        }
                        Text.hex(out, Bytes.u8(b, p + i), 2);
                    }
                }
            }
            p += dataLen;
            remaining -= dataLen;
            int expected = dataLen + (kind == TcpOption.KIND_EOL || kind == TcpOption.KIND_NOP ? 1 : 2);
            if (expected != optLen) {
                out.append("[len ").append(optLen).append(']');
            }
            afterOption = true;
            if (kind == TcpOption.KIND_EOL) {
                break;
            }
        }
        out.append(']');
        return true;
    }

    /** Whether an option was printed before the current one: tcpdump closes the list after {@code [bad opt]} only then. */
    private boolean afterOption;

    private void badOption() {
        out.append("[bad opt]");
        if (afterOption) {
            out.append(']');
        }
    }

    /** tcpdump's LENCHECK: {@code n} option bytes must be within the header ({@code [bad opt]}) and captured ({@code [|tcp]}). */
    private boolean optionData(int p, int n, int remaining, int end) {
        if (n > remaining) {
            badOption();
            return false;
        }
        if (p + n > end) {
            // tcpdump's old option syntax ended the list with '>', which it still prints here.
            Text.trunc(out, "tcp");
            if (afterOption) {
                out.append('>');
            }
            return false;
        }
        return true;
    }

    private static String tcpOptionName(int kind) {
        return switch (kind) {
            case TcpOption.KIND_EOL -> "eol";
            case TcpOption.KIND_NOP -> "nop";
            case TcpOption.KIND_MSS -> "mss";
            case TcpOption.KIND_WINDOW_SCALE -> "wscale";
            case TcpOption.KIND_SACK_PERMITTED -> "sackOK";
            case TcpOption.KIND_SACK -> "sack";
            case 6 -> "echo";
            case 7 -> "echoreply";
            case TcpOption.KIND_TIMESTAMPS -> "TS";
            case 11 -> "cc";
            case 12 -> "ccnew";
            case 13 -> "";
            case 19 -> "md5";
            case 20 -> "scps";
            case 28 -> "uto";
            case 29 -> "tcp-ao";
            case 30 -> "mptcp";
            case 34 -> "tfo";
            case 254 -> "exp";
            default -> "unknown-" + kind;
        };
    }


    // ---- UDP ----

    private void udp(int off, int cap, int len, boolean fragmented) {
        if (!ports(off, cap, "udp", ": ")) {
            return;
        }
        if (len < UdpPacket.HEADER_LEN) {
            out.append("truncated-udp ").append(len);
            return;
        }
        if (cap < UdpPacket.LENGTH_OFFSET + 2) {
            Text.trunc(out, "udp");
            return;
        }
        int ulen = Bytes.u16(b, off + UdpPacket.LENGTH_OFFSET);
        if (ulen < UdpPacket.HEADER_LEN) {
            out.append("truncated-udplength ").append(ulen);
            return;
        }
        if (cap < UdpPacket.HEADER_LEN) {
            Text.trunc(out, "udp");
            return;
        }
        ulen -= UdpPacket.HEADER_LEN;
        int length = Math.min(len - UdpPacket.HEADER_LEN, ulen);
        if (ulen > length && !fragmented) {
            out.append("UDP, bad length ").append(ulen).append(" > ").append(length);
        } else {
            out.append("UDP, length ").append(ulen);
        }
    }

    // ---- addresses ----

    /**
     * The addresses and ports that start a TCP or UDP summary; when the ports were not captured,
     * the addresses alone, {@code cutSeparator} (tcpdump's TCP and UDP printers differ there) and
     * the marker, and false.
     */
    private boolean ports(int off, int cap, String proto, String cutSeparator) {
        if (cap < 4) {
            appendAddresses().append(cutSeparator);
            Text.trunc(out, proto);
            return false;
        }
        appendPorts(Bytes.u16(b, off), Bytes.u16(b, off + 2));
        return true;
    }

    /** Ports as tcpdump's TCP and UDP printers show them: with the addresses when the IP header names the transport directly. */
    private void appendPorts(int sport, int dport) {
        if (!ipv6 || transportRightAfterFixedHeader) {
            appendSource().append('.').append(sport).append(" > ");
            appendDestination().append('.').append(dport).append(": ");
        } else {
            out.append(sport).append(" > ").append(dport).append(": ");
        }
    }

    private StringBuilder appendAddresses() {
        appendSource().append(" > ");
        return appendDestination();
    }

    private StringBuilder appendSource() {
        return ipv6 ? Text.ipv6(out, src6Hi, src6Lo) : Text.ipv4(out, src4);
    }

    private StringBuilder appendDestination() {
        return ipv6 ? Text.ipv6(out, dst6Hi, dst6Lo) : Text.ipv4(out, dst4);
    }

    private static int compareUnsigned(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }
}
