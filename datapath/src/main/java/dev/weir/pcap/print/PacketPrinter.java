package dev.weir.pcap.print;

import dev.weir.api.wire.ArpPacket;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.EthernetFrame;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.Ipv6ExtHeaders;
import dev.weir.api.wire.Ipv6FragmentHeader;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.MacAddress;
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
    private static final int HTTP_PORT = 80;
    private static final int HTTP_PORT_ALT = 8080;
    /** tcpdump's MAX_TOKEN: an HTTP method or status token longer than this is not one. */
    private static final int MAX_TOKEN = 128;
    /** The HTTP request methods tcpdump recognizes (print-http.c), compared ignoring case. */
    private static final String[] HTTP_METHODS = {
        "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE", "LABEL",
        "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS",
        "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH",
        "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL",
        "BASELINE-CONTROL"
    };
    /**
     * Ports whose payload tcpdump hands to another decoder before it tries HTTP (telnet, SMTP,
     * whois, BGP, PPTP, Redis, SSH, NetBIOS, SMB, BEEP, OpenFlow, FTP); none is decoded here.
     */
    private static final int[] PORTS_BEFORE_HTTP = {23, 25, 43, 179, 1723, 6379, 22, 139, 445, 10288, 6633, 6653, 21};

    private final TimestampStyle timestamps;
    private final boolean absoluteSequenceNumbers;
    private final TcpConversations conversations = new TcpConversations();
    private long firstMicros;
    private long previousMicros;
    private boolean seenFrame;

    private final ArpPacket arp = new ArpPacket();
    private final Ipv4Packet ip4 = new Ipv4Packet();
    private final Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
    private final Icmpv4Packet icmp4 = new Icmpv4Packet();
    private final Icmpv6Packet icmp6 = new Icmpv6Packet();
    private final char[] token = new char[MAX_TOKEN];

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
            padRight(out, p.interfaceName(), 5).append(' ');
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
                zeroPad(sb, Math.floorMod(micros, 1_000_000L), 6).append(' ');
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
        zeroPad(sb, secs / 3600 % 24, 2).append(':');
        zeroPad(sb, secs % 3600 / 60, 2).append(':');
        zeroPad(sb, secs % 60, 2).append('.');
        zeroPad(sb, m % 1_000_000L, 6).append(' ');
    }

    // ---- link layers ----

    private void ether(int off, int cap, int len) {
        if (cap < EthernetFrame.HEADER_LEN) {
            trunc("ether");
            return;
        }
        // VLAN tags are skipped as tcpdump skips them without -e, any number of them and the
        // TPIDs 0x9100 and 0x9200 too (EthernetFrame takes at most two tags, 0x8100 and 0x88a8).
        int hl = EthernetFrame.TYPE_OFFSET;
        int type = Bytes.u16(b, off + hl);
        while (EtherType.isVlanTpid(type) || type == 0x9100 || type == 0x9200) {
            hl += EthernetFrame.TAG_LEN;
            if (cap < hl + 2) {
                trunc("vlan");
                return;
            }
            type = Bytes.u16(b, off + hl);
        }
        hl += 2;
        long src = Bytes.u48(b, off + EthernetFrame.SRC_OFFSET);
        long dst = Bytes.u48(b, off + EthernetFrame.DST_OFFSET);
        if (type <= MAX_8023_LENGTH) {
            appendMac(src).append(" > ");
            appendMac(dst).append(", 802.3, length ").append(len).append(": LLC not decoded");
            return;
        }
        if (!network(type, off + hl, cap - hl, len - hl)) {
            appendMac(src).append(" > ");
            appendMac(dst).append(", ethertype Unknown (0x");
            hex(type, 4).append("), length ").append(len).append(": ");
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
            trunc("sll");
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
            appendMac(Bytes.u48(b, off + 6)).append(' ');
        }
        if (proto == 1) {
            out.append("802.3");
        } else if (proto == 4) {
            out.append("802.2");
        } else {
            out.append("ethertype Unknown (0x");
            hex(proto, 4).append(')');
        }
        out.append(", length ").append(len).append(": ");
    }

    /** Linux cooked v2: protocol, reserved, interface index, ARPHRD type, packet type, address length, address. */
    private void sll2(int off, int cap, int len) {
        if (cap < SLL2_HEADER_LEN) {
            trunc("sll2");
            return;
        }
        int nameStart = out.length();
        out.append("if").append(Integer.toUnsignedLong(Bytes.i32(b, off + 4)));
        while (out.length() - nameStart < 5) {
            out.append(' ');
        }
        out.append(' ');
        padRight(out, sllPacketType(Bytes.u8(b, off + 10)), 3).append(' ');
        int proto = Bytes.u16(b, off);
        int hl = SLL2_HEADER_LEN;
        if (proto > MAX_8023_LENGTH && network(proto, off + hl, cap - hl, len - hl)) {
            return;
        }
        if (Bytes.u8(b, off + 11) == 6) {
            appendMac(Bytes.u48(b, off + 12)).append(' ');
        }
        out.append("ethertype Unknown (0x");
        hex(proto, 4).append("), length ").append(len).append(": ");
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
            trunc("ipn");
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
            trunc("null");
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
            trunc("arp");
            return;
        }
        int hlen = Bytes.u8(b, off + ArpPacket.HLEN_OFFSET);
        int plen = Bytes.u8(b, off + ArpPacket.PLEN_OFFSET);
        if (cap < 8 + 2 * hlen + 2 * plen) {
            trunc("arp");
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
                hex(ptype, 4).append(')');
            }
            out.append(" (len ").append(plen).append("), length ").append(len);
            return;
        }
        if (hlen != 6) {
            // IPv4 over other hardware: Weir's view speaks Ethernet/IPv4 only.
            out.append("ARP,");
            marker("arp", arp.wrap(b, off, cap));
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
                appendIpv4(tpa);
                if (tha != 0) {
                    out.append(" (");
                    appendMac(tha).append(')');
                }
                out.append(" tell ");
                appendIpv4(spa);
            }
            case ArpPacket.OP_REPLY -> {
                out.append("Reply ");
                appendIpv4(spa).append(" is-at ");
                appendMac(sha);
            }
            case 3, 8 -> { // RARP (RFC 903), InARP (RFC 2390)
                out.append(op == 3 ? "Reverse" : "Inverse").append(" Request who-is ");
                appendMac(tha).append(" tell ");
                appendMac(sha);
            }
            case 4 -> {
                out.append("Reverse Reply ");
                appendMac(tha).append(" at ");
                appendIpv4(tpa);
            }
            case 9 -> {
                out.append("Inverse Reply ");
                appendMac(sha).append(" at ");
                appendIpv4(spa);
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
            trunc("ip");
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
            trunc("ip");
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
            trunc("ip");
            return;
        }
        if (e != WireError.OK) {
            marker("ip", e);
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
            appendIpv4(src4).append(" > ");
            appendIpv4(dst4).append(": ip-proto-").append(proto);
            return;
        }
        if (proto != IpProtocol.TCP && proto != IpProtocol.UDP) {
            appendIpv4(src4).append(" > ");
            appendIpv4(dst4).append(": ");
        }
        transport(proto, ip4.payloadOffset(), payloadCap, payloadLen, ip4.moreFragments());
    }

    /** tcpdump's ip_demux_print for the protocols decoded here. */
    private void transport(int proto, int off, int cap, int len, boolean fragmented) {
        switch (proto) {
            case IpProtocol.TCP -> tcp(off, cap, len);
            case IpProtocol.UDP -> udp(off, cap, len, fragmented);
            case IpProtocol.ICMP -> icmpv4(off, cap, len);
            case IpProtocol.ICMPV6 -> {
                if (ipv6) {
                    icmpv6(off, cap, len);
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
            trunc("ip6");
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
            appendIpv6(src6Hi, src6Lo).append(" > ");
            appendIpv6(dst6Hi, dst6Lo).append(": ");
        }
        WireError e = ext.walk(b, start, end - start, nh);
        if (e != WireError.OK && e != WireError.TRUNCATED) {
            marker("ip6", e);
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
                        trunc(nh == IpProtocol.HOPOPTS ? "hbhopt" : "dstopt");
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
                        trunc("frag6");
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
                trunc("ip6");
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
            trunc("rt6");
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
            marker("rt6", WireError.BAD_FIELD);
            return -1;
        }
        if (hdrLen % 2 == 1) {
            out.append(" (invalid)");
            return -1;
        }
        int p = at + 8;
        for (int i = 0; i < hdrLen / 2; i++, p += 16) {
            if (end - p < 16) {
                trunc("rt6");
                return -1;
            }
            out.append(", [").append(i).append(']');
            appendIpv6(Bytes.i64(b, p), Bytes.i64(b, p + 8));
        }
        out.append(") ");
        if (hl > end - at) {
            trunc("rt6");
            return -1;
        }
        return hl;
    }

    // ---- TCP ----

    private void tcp(int off, int cap, int len) {
        if (cap < 4) {
            appendAddresses().append(':');
            trunc("tcp");
            return;
        }
        int sport = Bytes.u16(b, off + TcpPacket.SRC_PORT_OFFSET);
        int dport = Bytes.u16(b, off + TcpPacket.DST_PORT_OFFSET);
        appendPorts(sport, dport);
        if (cap < TcpPacket.HEADER_LEN) {
            trunc("tcp");
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
        if (payload > 0 && isHttpPort(sport, dport)) {
            out.append(": ");
            http(off + hlen, Math.min(cap - hlen, payload), payload);
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
                trunc("tcp");
                return false;
            }
            int kind = Bytes.u8(b, p++);
            int optLen;
            if (kind == TcpOption.KIND_EOL || kind == TcpOption.KIND_NOP) {
                optLen = 1;
            } else {
                if (p >= end) {
                    trunc("tcp");
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
                        hex(Bytes.u8(b, p + i), 2);
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
            trunc("tcp");
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

    private static boolean isHttpPort(int sport, int dport) {
        if (sport != HTTP_PORT && dport != HTTP_PORT && sport != HTTP_PORT_ALT && dport != HTTP_PORT_ALT) {
            return false;
        }
        for (int p : PORTS_BEFORE_HTTP) {
            if (sport == p || dport == p) {
                return false;
            }
        }
        return true;
    }

    // ---- HTTP: the first line, as tcpdump's txtproto_print shows it without -v ----

    /**
     * Prints {@code HTTP}, then {@code ": "} and the first line when the payload starts with a
     * request method tcpdump knows or has a three-digit status as its second token. The line
     * must be printable ASCII (tabs allowed) ending in LF or CRLF; one that runs to the end of
     * the payload is printed and marked {@code [|http]}.
     */
    private void http(int off, int cap, int len) {
        out.append("HTTP");
        int limit = Math.min(cap, len);
        int n = fetchToken(off, 0, limit);
        boolean recognized = false;
        if (n > 0) {
            for (String m : HTTP_METHODS) {
                if (tokenEqualsIgnoreCase(m)) {
                    recognized = true;
                    break;
                }
            }
            if (!recognized) {
                int n2 = fetchToken(off, n, limit);
                recognized = n2 > 0 && tokenLength == 3 && isDigit(token[0]) && isDigit(token[1]) && isDigit(token[2]);
            }
        }
        if (recognized) {
            printTextLine(off, limit, len);
        }
    }

    private int tokenLength;

    /** Reads a token at {@code idx}; returns the index after it and the blanks that follow, or 0 when there is none. */
    private int fetchToken(int off, int idx, int limit) {
        tokenLength = 0;
        for (; idx < limit; idx++) {
            int c = Bytes.u8(b, off + idx);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                break;
            }
            if (c < 0x20 || c > 0x7e) {
                return 0;
            }
            if (tokenLength + 2 > MAX_TOKEN + 1) {
                return 0;
            }
            token[tokenLength++] = (char) c;
        }
        if (tokenLength == 0) {
            return 0;
        }
        for (; idx < limit; idx++) {
            int c = Bytes.u8(b, off + idx);
            if (c == '\r' || c == '\n' || c < 0x20 || c > 0x7e || (c != ' ' && c != '\t')) {
                break;
            }
        }
        return idx;
    }

    private boolean tokenEqualsIgnoreCase(String s) {
        if (s.length() != tokenLength) {
            return false;
        }
        for (int i = 0; i < tokenLength; i++) {
            char c = token[i];
            char u = c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
            if (u != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void printTextLine(int off, int limit, int len) {
        for (int idx = 0; idx < limit; idx++) {
            int c = Bytes.u8(b, off + idx);
            if (c == '\n') {
                appendText(off, idx);
                return;
            }
            if (c == '\r') {
                if (idx + 1 >= limit) {
                    if (limit < len) {
                        trunc("http");
                    }
                    return;
                }
                if (Bytes.u8(b, off + idx + 1) == '\n') {
                    appendText(off, idx);
                }
                return;
            }
            if ((c < 0x20 || c > 0x7e) && c != '\t') {
                return;
            }
        }
        // Printable to the end: tcpdump prints the line as cut short when the payload ends there,
        // and only the marker when the capture does.
        if (limit == len) {
            appendText(off, limit);
        }
        trunc("http");
    }

    private void appendText(int off, int n) {
        out.append(": ");
        for (int i = 0; i < n; i++) {
            out.append((char) Bytes.u8(b, off + i));
        }
    }

    // ---- UDP ----

    private void udp(int off, int cap, int len, boolean fragmented) {
        if (cap < 4) {
            appendAddresses().append(": ");
            trunc("udp");
            return;
        }
        int sport = Bytes.u16(b, off + UdpPacket.SRC_PORT_OFFSET);
        int dport = Bytes.u16(b, off + UdpPacket.DST_PORT_OFFSET);
        appendPorts(sport, dport);
        if (len < UdpPacket.HEADER_LEN) {
            out.append("truncated-udp ").append(len);
            return;
        }
        if (cap < UdpPacket.LENGTH_OFFSET + 2) {
            trunc("udp");
            return;
        }
        int ulen = Bytes.u16(b, off + UdpPacket.LENGTH_OFFSET);
        if (ulen < UdpPacket.HEADER_LEN) {
            out.append("truncated-udplength ").append(ulen);
            return;
        }
        if (cap < UdpPacket.HEADER_LEN) {
            trunc("udp");
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

    // ---- ICMP ----

    private void icmpv4(int off, int cap, int len) {
        WireError e = icmp4.wrapNoChecksum(b, off, cap);
        if (e != WireError.OK) {
            marker("icmp", e);
            return;
        }
        int type = icmp4.type();
        int code = icmp4.code();
        int data = icmp4.dataOffset();
        int dataCap = cap - Icmpv4Packet.HEADER_LEN;
        // tcpdump builds the text first: cut short, the line shows only the marker.
        icmpStart = out.length();
        out.append("ICMP ");
        switch (type) {
            case Icmpv4Packet.ECHO_REQUEST, Icmpv4Packet.ECHO_REPLY -> out.append("echo ")
                    .append(type == Icmpv4Packet.ECHO_REQUEST ? "request" : "reply")
                    .append(", id ").append(icmp4.echoIdentifier()).append(", seq ").append(icmp4.echoSequence());
            case Icmpv4Packet.DEST_UNREACHABLE -> {
                if (!unreachable(code, data, dataCap)) {
                    return;
                }
            }
            case Icmpv4Packet.REDIRECT -> {
                if (!quotedIpv4Fits(dataCap, 20)) {
                    return;
                }
                switch (code) {
                    case Icmpv4Packet.REDIRECT_NET, Icmpv4Packet.REDIRECT_HOST -> out.append("redirect ");
                    case Icmpv4Packet.REDIRECT_TOS_NET, Icmpv4Packet.REDIRECT_TOS_HOST -> out.append("redirect-tos ");
                    default -> out.append("redirect-#").append(code).append(' ');
                }
                appendIpv4(Bytes.i32(b, data + Ipv4Packet.DST_OFFSET));
                out.append(switch (code) {
                    case Icmpv4Packet.REDIRECT_NET, Icmpv4Packet.REDIRECT_TOS_NET -> " to net ";
                    case Icmpv4Packet.REDIRECT_HOST, Icmpv4Packet.REDIRECT_TOS_HOST -> " to host ";
                    default -> " to ";
                });
                appendIpv4(icmp4.gateway());
            }
            case 9 -> { // router advertisement (RFC 1256)
                if (!routerAdvertisement(data, dataCap)) {
                    return;
                }
            }
            case Icmpv4Packet.TIME_EXCEEDED -> {
                if (!quotedIpv4Fits(dataCap, 20)) {
                    return;
                }
                switch (code) {
                    case Icmpv4Packet.EXCEEDED_TTL -> out.append("time exceeded in-transit");
                    case Icmpv4Packet.EXCEEDED_REASSEMBLY -> out.append("ip reassembly time exceeded");
                    default -> out.append("time exceeded-#").append(code);
                }
            }
            case Icmpv4Packet.PARAMETER_PROBLEM -> {
                if (code != 0) {
                    out.append("parameter problem - code ").append(code);
                } else {
                    out.append("parameter problem - octet ").append(icmp4.pointer());
                }
            }
            case 13 -> out.append("time stamp query id ").append(icmp4.echoIdentifier()).append(" seq ")
                    .append(icmp4.echoSequence());
            case 14 -> {
                if (!quotedIpv4Fits(dataCap, 12)) {
                    return;
                }
                out.append("time stamp reply id ").append(icmp4.echoIdentifier()).append(" seq ")
                        .append(icmp4.echoSequence()).append(": org ");
                appendMillisOfDay(Bytes.u32L(b, data)).append(", recv ");
                appendMillisOfDay(Bytes.u32L(b, data + 4)).append(", xmit ");
                appendMillisOfDay(Bytes.u32L(b, data + 8));
            }
            case 18 -> {
                if (!quotedIpv4Fits(dataCap, 4)) {
                    return;
                }
                out.append("address mask is 0x");
                hex(Bytes.i32(b, data), 8);
            }
            default -> {
                switch (type) {
                    case Icmpv4Packet.SOURCE_QUENCH -> out.append("source quench");
                    case 10 -> out.append("router solicitation");
                    case 15 -> out.append("information request");
                    case 16 -> out.append("information reply");
                    case 17 -> out.append("address mask request");
                    default -> out.append("type-#").append(type);
                }
            }
        }
        out.append(", length ").append(len);
    }

    /** The destination unreachable texts of tcpdump's icmp_print; false after a truncation marker. */
    private boolean unreachable(int code, int data, int dataCap) {
        if (!quotedIpv4Fits(dataCap, 20)) {
            return false;
        }
        int qdst = Bytes.i32(b, data + Ipv4Packet.DST_OFFSET);
        switch (code) {
            case Icmpv4Packet.UNREACH_NET -> {
                out.append("net ");
                appendIpv4(qdst).append(" unreachable");
            }
            case Icmpv4Packet.UNREACH_HOST -> {
                out.append("host ");
                appendIpv4(qdst).append(" unreachable");
            }
            case Icmpv4Packet.UNREACH_PROTOCOL -> {
                appendIpv4(qdst).append(" protocol ").append(Bytes.u8(b, data + Ipv4Packet.PROTOCOL_OFFSET))
                        .append(" unreachable");
            }
            case Icmpv4Packet.UNREACH_PORT -> {
                int qhl = (Bytes.u8(b, data) & 0x0f) * 4;
                if (!quotedIpv4Fits(dataCap, qhl + 4)) {
                    return false;
                }
                int qproto = Bytes.u8(b, data + Ipv4Packet.PROTOCOL_OFFSET);
                int qdport = Bytes.u16(b, data + qhl + 2);
                appendIpv4(qdst);
                if (qproto == IpProtocol.TCP) {
                    out.append(" tcp port ").append(qdport).append(" unreachable");
                } else if (qproto == IpProtocol.UDP) {
                    out.append(" udp port ").append(qdport).append(" unreachable");
                } else {
                    out.append(" protocol ").append(qproto).append(" port ").append(qdport).append(" unreachable");
                }
            }
            case Icmpv4Packet.UNREACH_FRAG_NEEDED -> {
                appendIpv4(qdst).append(" unreachable - need to frag");
                int mtu = icmp4.nextHopMtu();
                if (mtu != 0) {
                    out.append(" (mtu ").append(mtu).append(')');
                }
            }
            case Icmpv4Packet.UNREACH_SOURCE_ROUTE_FAILED -> appendIpv4(qdst).append(" unreachable - source route failed");
            case Icmpv4Packet.UNREACH_NET_UNKNOWN -> netOrHost("net ", qdst, " unreachable - unknown");
            case Icmpv4Packet.UNREACH_HOST_UNKNOWN -> netOrHost("host ", qdst, " unreachable - unknown");
            case 8 -> appendIpv4(qdst).append(" unreachable - source host isolated");
            case Icmpv4Packet.UNREACH_NET_PROHIBITED -> netOrHost("net ", qdst, " unreachable - admin prohibited");
            case Icmpv4Packet.UNREACH_HOST_PROHIBITED -> netOrHost("host ", qdst, " unreachable - admin prohibited");
            case 11 -> netOrHost("net ", qdst, " unreachable - tos prohibited");
            case 12 -> netOrHost("host ", qdst, " unreachable - tos prohibited");
            case Icmpv4Packet.UNREACH_ADMIN_PROHIBITED -> netOrHost("host ", qdst, " unreachable - admin prohibited filter");
            case 14 -> netOrHost("host ", qdst, " unreachable - host precedence violation");
            case 15 -> netOrHost("host ", qdst, " unreachable - precedence cutoff");
            default -> appendIpv4(qdst).append(" unreachable - #").append(code);
        }
        return true;
    }

    private void netOrHost(String kind, int addr, String what) {
        out.append(kind);
        appendIpv4(addr).append(what);
    }

    /** Where "ICMP " started in the line, so a truncation can take the message text back. */
    private int icmpStart;

    /** True when {@code n} bytes after the ICMP header were captured; else prints the truncation marker. */
    private boolean quotedIpv4Fits(int dataCap, int n) {
        if (dataCap < n) {
            out.setLength(icmpStart);
            trunc("icmp");
            return false;
        }
        return true;
    }

    /** RFC 1256 router advertisement: lifetime as tcpdump formats it, then each address and preference. */
    private boolean routerAdvertisement(int data, int dataCap) {
        int num = Bytes.u8(b, icmp4.offset() + 4);
        int size = Bytes.u8(b, icmp4.offset() + 5);
        int lifetime = Bytes.u16(b, icmp4.offset() + 6);
        out.append("router advertisement lifetime ");
        if (lifetime < 60) {
            out.append(lifetime);
        } else if (lifetime < 3600) {
            out.append(lifetime / 60).append(':');
            zeroPad(out, lifetime % 60, 2);
        } else {
            out.append(lifetime / 3600).append(':');
            zeroPad(out, lifetime % 3600 / 60, 2).append(':');
            zeroPad(out, lifetime % 60, 2);
        }
        out.append(' ').append(num).append(':');
        if (size != 2) {
            out.append(" [size ").append(size).append(']');
            return true;
        }
        for (int i = 0; i < num; i++) {
            if (!quotedIpv4Fits(dataCap, 8 * (i + 1))) {
                return false;
            }
            out.append(" {");
            appendIpv4(Bytes.i32(b, data + 8 * i)).append(' ').append(Bytes.u32L(b, data + 8 * i + 4)).append('}');
        }
        return true;
    }

    private StringBuilder appendMillisOfDay(long ms) {
        long msec = ms % 1000;
        long sec = ms / 1000;
        long min = sec / 60;
        sec -= min * 60;
        long hrs = min / 60;
        min -= hrs * 60;
        zeroPad(out, hrs, 2).append(':');
        zeroPad(out, min, 2).append(':');
        zeroPad(out, sec, 2).append('.');
        return zeroPad(out, msec, 3);
    }

    private void icmpv6(int off, int cap, int len) {
        if (cap < 4) {
            trunc("icmp6");
            return;
        }
        int type = Bytes.u8(b, off);
        int code = Bytes.u8(b, off + 1);
        out.append("ICMP6, ").append(icmpv6TypeName(type));
        WireError e = icmp6.wrapNoChecksum(b, off, cap);
        if (e == WireError.BAD_OPTION) {
            // Without -v tcpdump reads no NDP options, so they are not judged here either: the
            // view (which holds nothing after a refusal) wraps the fixed part alone.
            e = icmp6.wrapNoChecksum(b, off, ndpFixedLength(type));
        }
        if (e == WireError.TRUNCATED || cap < Icmpv6Packet.HEADER_LEN) {
            trunc("icmp6");
            return;
        }
        if (e != WireError.OK) {
            marker("icmp6", e);
            return;
        }
        int data = off + Icmpv6Packet.DATA_OFFSET;
        int dataCap = cap - Icmpv6Packet.DATA_OFFSET;
        switch (type) {
            case Icmpv6Packet.DEST_UNREACHABLE -> {
                out.append(", ").append(switch (code) {
                    case Icmpv6Packet.UNREACH_NO_ROUTE -> "unreachable route";
                    case Icmpv6Packet.UNREACH_ADMIN_PROHIBITED -> " unreachable prohibited"; // sic, tcpdump's table
                    case Icmpv6Packet.UNREACH_BEYOND_SCOPE -> "beyond scope";
                    case Icmpv6Packet.UNREACH_ADDRESS -> "unreachable address";
                    case Icmpv6Packet.UNREACH_PORT -> "unreachable port";
                    default -> "unknown unreach code (" + code + ")";
                });
                if (code > Icmpv6Packet.UNREACH_PORT) {
                    // tcpdump follows with a hex dump and no length.
                    return;
                }
                if (dataCap < Ipv6Packet.HEADER_LEN) {
                    trunc("icmp6");
                    return;
                }
                long qdHi = Bytes.i64(b, data + Ipv6Packet.DST_OFFSET);
                long qdLo = Bytes.i64(b, data + Ipv6Packet.DST_OFFSET + 8);
                if (code == Icmpv6Packet.UNREACH_PORT) {
                    if (!quotedPort(data, dataCap, qdHi, qdLo)) {
                        return;
                    }
                } else {
                    out.append(' ');
                    appendIpv6(qdHi, qdLo);
                    if (code == Icmpv6Packet.UNREACH_BEYOND_SCOPE) {
                        out.append(", source address ");
                        appendIpv6(Bytes.i64(b, data + Ipv6Packet.SRC_OFFSET), Bytes.i64(b, data + Ipv6Packet.SRC_OFFSET + 8));
                    }
                }
            }
            case Icmpv6Packet.PACKET_TOO_BIG -> out.append(", mtu ").append(icmp6.mtu());
            case Icmpv6Packet.TIME_EXCEEDED -> {
                if (dataCap < Ipv6Packet.HEADER_LEN) {
                    trunc("icmp6");
                    return;
                }
                switch (code) {
                    case Icmpv6Packet.EXCEEDED_HOP_LIMIT -> {
                        out.append(" for ");
                        appendIpv6(Bytes.i64(b, data + Ipv6Packet.DST_OFFSET), Bytes.i64(b, data + Ipv6Packet.DST_OFFSET + 8));
                    }
                    case Icmpv6Packet.EXCEEDED_REASSEMBLY -> out.append(" (reassembly)");
                    default -> out.append(", unknown code (").append(code).append(')');
                }
            }
            case Icmpv6Packet.PARAMETER_PROBLEM -> {
                if (dataCap < Ipv6Packet.HEADER_LEN) {
                    trunc("icmp6");
                    return;
                }
                switch (code) {
                    case Icmpv6Packet.PARAMPROB_HEADER_FIELD -> out.append(", erroneous - octet ");
                    case Icmpv6Packet.PARAMPROB_UNKNOWN_NEXT_HEADER -> out.append(", next header - octet ");
                    case Icmpv6Packet.PARAMPROB_UNKNOWN_OPTION -> out.append(", option - octet ");
                    case 3 -> out.append(", incomplete header chain - octet ");
                    default -> out.append(", code-#").append(code);
                }
                if (code <= 3) {
                    out.append(icmp6.pointer());
                }
            }
            case Icmpv6Packet.ECHO_REQUEST, Icmpv6Packet.ECHO_REPLY -> out.append(", id ").append(icmp6.echoIdentifier())
                    .append(", seq ").append(icmp6.echoSequence());
            case Icmpv6Packet.MLD_QUERY -> {
                if (len == 24) {
                    mldv1(data, dataCap);
                } else {
                    // MLDv2 queries (and odd lengths) are printed in more detail by tcpdump.
                    marker("icmp6", WireError.BAD_FIELD);
                    return;
                }
            }
            case Icmpv6Packet.MLD_REPORT, Icmpv6Packet.MLD_DONE -> mldv1(data, dataCap);
            case Icmpv6Packet.ROUTER_SOLICITATION, Icmpv6Packet.ROUTER_ADVERTISEMENT, 141, 142 -> {
                // tcpdump shows nothing more without -v.
            }
            case Icmpv6Packet.NEIGHBOR_SOLICITATION, Icmpv6Packet.NEIGHBOR_ADVERTISEMENT -> {
                out.append(type == Icmpv6Packet.NEIGHBOR_SOLICITATION ? ", who has " : ", tgt is ");
                appendIpv6(icmp6.targetHi(), icmp6.targetLo());
            }
            case Icmpv6Packet.REDIRECT -> {
                out.append(", ");
                appendIpv6(icmp6.redirectDestinationHi(), icmp6.redirectDestinationLo()).append(" to ");
                appendIpv6(icmp6.targetHi(), icmp6.targetLo());
            }
            case Icmpv6Packet.MLDV2_REPORT -> out.append(", ").append(Bytes.u16(b, off + 6)).append(" group record(s)");
            case 144, 146 -> {
                out.append(", id 0x");
                hex(Bytes.u16(b, off + 4), 4);
            }
            case 145, 147 -> {
                // tcpdump shows nothing more without -v.
            }
            case 138, 139, 140, 155 -> {
                // Router renumbering, node information and RPL: tcpdump decodes them in detail.
                marker("icmp6", WireError.BAD_FIELD);
                return;
            }
            default -> {
                // Unknown types: tcpdump prints the length and then a hex dump.
                out.append(", length ").append(len);
                return;
            }
        }
        out.append(", length ").append(len);
    }

    /** The fixed part of a Neighbor Discovery message before its options (RFC 4861 section 4). */
    private static int ndpFixedLength(int type) {
        return switch (type) {
            case Icmpv6Packet.ROUTER_SOLICITATION -> 8;
            case Icmpv6Packet.ROUTER_ADVERTISEMENT -> 16;
            case Icmpv6Packet.NEIGHBOR_SOLICITATION, Icmpv6Packet.NEIGHBOR_ADVERTISEMENT -> 24;
            default -> 40;
        };
    }

    /** MLDv1 (RFC 2710): tcpdump glues "max resp delay" to the type name, without a separator. */
    private void mldv1(int data, int dataCap) {
        if (dataCap < 16) {
            return;
        }
        out.append("max resp delay: ").append(Bytes.u16(b, data - 4)).append(" addr: ");
        appendIpv6(Bytes.i64(b, data), Bytes.i64(b, data + 8));
    }

    /**
     * The port of an ICMPv6 port unreachable: the transport header of the invoking packet,
     * found by walking its extension headers as tcpdump's get_upperlayer does (hop-by-hop,
     * destination options, routing, a first fragment, AH).
     */
    private boolean quotedPort(int data, int dataCap, long qdHi, long qdLo) {
        int end = data + dataCap;
        int nh = Bytes.u8(b, data + Ipv6Packet.NEXT_HEADER_OFFSET);
        int at = data + Ipv6Packet.HEADER_LEN;
        while (true) {
            switch (nh) {
                case IpProtocol.TCP, IpProtocol.UDP -> {
                    if (end - at < 4) {
                        trunc("icmp6");
                        return false;
                    }
                    out.append(", ");
                    appendIpv6(qdHi, qdLo).append(nh == IpProtocol.TCP ? " tcp port " : " udp port ")
                            .append(Bytes.u16(b, at + 2));
                    return true;
                }
                case IpProtocol.HOPOPTS, IpProtocol.DSTOPTS, IpProtocol.ROUTING -> {
                    if (end - at < 2) {
                        trunc("icmp6");
                        return false;
                    }
                    nh = Bytes.u8(b, at);
                    at += (Bytes.u8(b, at + 1) + 1) * 8;
                }
                case IpProtocol.FRAGMENT -> {
                    if (end - at < 4 || (Bytes.u16(b, at + 2) & 0xfff8) != 0) {
                        trunc("icmp6");
                        return false;
                    }
                    nh = Bytes.u8(b, at);
                    at += Ipv6FragmentHeader.LEN;
                }
                case IpProtocol.AH -> {
                    if (end - at < 2) {
                        trunc("icmp6");
                        return false;
                    }
                    nh = Bytes.u8(b, at);
                    at += (Bytes.u8(b, at + 1) + 2) * 4;
                }
                default -> {
                    trunc("icmp6");
                    return false;
                }
            }
        }
    }

    /** tcpdump's icmp6_type_values. */
    private static String icmpv6TypeName(int type) {
        return switch (type) {
            case Icmpv6Packet.DEST_UNREACHABLE -> "destination unreachable";
            case Icmpv6Packet.PACKET_TOO_BIG -> "packet too big";
            case Icmpv6Packet.TIME_EXCEEDED -> "time exceeded in-transit";
            case Icmpv6Packet.PARAMETER_PROBLEM -> "parameter problem";
            case Icmpv6Packet.ECHO_REQUEST -> "echo request";
            case Icmpv6Packet.ECHO_REPLY -> "echo reply";
            case Icmpv6Packet.MLD_QUERY -> "multicast listener query";
            case Icmpv6Packet.MLD_REPORT -> "multicast listener report";
            case Icmpv6Packet.MLD_DONE -> "multicast listener done";
            case Icmpv6Packet.ROUTER_SOLICITATION -> "router solicitation";
            case Icmpv6Packet.ROUTER_ADVERTISEMENT -> "router advertisement";
            case Icmpv6Packet.NEIGHBOR_SOLICITATION -> "neighbor solicitation";
            case Icmpv6Packet.NEIGHBOR_ADVERTISEMENT -> "neighbor advertisement";
            case Icmpv6Packet.REDIRECT -> "redirect";
            case 138 -> "router renumbering";
            case 139 -> "who-are-you request";
            case 140 -> "who-are-you reply";
            case 141 -> "inverse neighbor solicitation";
            case 142 -> "inverse neighbor advertisement";
            case Icmpv6Packet.MLDV2_REPORT -> "multicast listener report v2";
            case 144 -> "ha discovery request";
            case 145 -> "ha discovery reply";
            case 146 -> "mobile router solicitation";
            case 147 -> "mobile router advertisement";
            case 155 -> "RPL";
            case 200 -> "mtrace response";
            case 201 -> "mtrace message";
            default -> "unknown icmp6 type (" + type + ")";
        };
    }

    // ---- addresses and helpers ----

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
        return ipv6 ? appendIpv6(src6Hi, src6Lo) : appendIpv4(src4);
    }

    private StringBuilder appendDestination() {
        return ipv6 ? appendIpv6(dst6Hi, dst6Lo) : appendIpv4(dst4);
    }

    private StringBuilder appendIpv4(int addr) {
        return Ipv4Address.appendTo(out, addr);
    }

    private StringBuilder appendIpv6(long hi, long lo) {
        return Ipv6Address.appendTo(out, hi, lo);
    }

    private StringBuilder appendMac(long mac) {
        return MacAddress.appendTo(out, mac);
    }

    private static int compareUnsigned(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    /** tcpdump's truncation marker: the capture ended inside this protocol's header. */
    private void trunc(String proto) {
        out.append(" [|").append(proto).append(']');
    }

    /** A header Weir's view refused: tcpdump's marker with the reason, e.g. {@code " [|icmp6: bad option]"}. */
    private void marker(String proto, WireError e) {
        if (e == WireError.TRUNCATED) {
            trunc(proto);
        } else {
            out.append(" [|").append(proto).append(": ").append(e.description()).append(']');
        }
    }

    private StringBuilder hex(int v, int digits) {
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
            out.append(Character.forDigit((v >>> shift) & 0xf, 16));
        }
        return out;
    }

    /** Appends non-negative {@code v} with leading zeros to at least {@code width} digits. */
    private static StringBuilder zeroPad(StringBuilder sb, long v, int width) {
        int digits = 1;
        for (long t = v / 10; t > 0; t /= 10) {
            digits++;
        }
        for (int i = digits; i < width; i++) {
            sb.append('0');
        }
        return sb.append(v);
    }

    private static StringBuilder padRight(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb;
    }
}
