package dev.weir.pcap.print;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6FragmentHeader;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.WireError;

/**
 * ICMP and ICMPv6 messages as tcpdump's {@code icmp_print} and {@code icmp6_print} show them
 * without {@code -v}, after {@link PacketPrinter} has printed the addresses. Reusable, not
 * thread-safe, allocation-free for every message kind Weir sends.
 */
final class IcmpPrinter {
    private final Icmpv4Packet icmp4 = new Icmpv4Packet();
    private final Icmpv6Packet icmp6 = new Icmpv6Packet();
    private StringBuilder out;
    private byte[] b;

    /** An ICMP ({@code v6} false) or ICMPv6 message of {@code len} bytes at {@code off}, {@code cap} of them captured. */
    void print(StringBuilder out, byte[] b, int off, int cap, int len, boolean v6) {
        this.out = out;
        this.b = b;
        try {
            if (v6) {
                icmpv6(off, cap, len);
            } else {
                icmpv4(off, cap, len);
            }
        } finally {
            this.out = null;
            this.b = null;
        }
    }

    private void icmpv4(int off, int cap, int len) {
        WireError e = icmp4.wrapNoChecksum(b, off, cap);
        if (e != WireError.OK) {
            Text.marker(out, "icmp", e);
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
                Text.ipv4(out, Bytes.i32(b, data + Ipv4Packet.DST_OFFSET));
                out.append(switch (code) {
                    case Icmpv4Packet.REDIRECT_NET, Icmpv4Packet.REDIRECT_TOS_NET -> " to net ";
                    case Icmpv4Packet.REDIRECT_HOST, Icmpv4Packet.REDIRECT_TOS_HOST -> " to host ";
                    default -> " to ";
                });
                Text.ipv4(out, icmp4.gateway());
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
                Text.hex(out, Bytes.i32(b, data), 8);
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
                Text.ipv4(out, qdst).append(" unreachable");
            }
            case Icmpv4Packet.UNREACH_HOST -> {
                out.append("host ");
                Text.ipv4(out, qdst).append(" unreachable");
            }
            case Icmpv4Packet.UNREACH_PROTOCOL -> {
                Text.ipv4(out, qdst).append(" protocol ").append(Bytes.u8(b, data + Ipv4Packet.PROTOCOL_OFFSET))
                        .append(" unreachable");
            }
            case Icmpv4Packet.UNREACH_PORT -> {
                int qhl = (Bytes.u8(b, data) & 0x0f) * 4;
                if (!quotedIpv4Fits(dataCap, qhl + 4)) {
                    return false;
                }
                int qproto = Bytes.u8(b, data + Ipv4Packet.PROTOCOL_OFFSET);
                int qdport = Bytes.u16(b, data + qhl + 2);
                Text.ipv4(out, qdst);
                if (qproto == IpProtocol.TCP) {
                    out.append(" tcp port ").append(qdport).append(" unreachable");
                } else if (qproto == IpProtocol.UDP) {
                    out.append(" udp port ").append(qdport).append(" unreachable");
                } else {
                    out.append(" protocol ").append(qproto).append(" port ").append(qdport).append(" unreachable");
                }
            }
            case Icmpv4Packet.UNREACH_FRAG_NEEDED -> {
                Text.ipv4(out, qdst).append(" unreachable - need to frag");
                int mtu = icmp4.nextHopMtu();
                if (mtu != 0) {
                    out.append(" (mtu ").append(mtu).append(')');
                }
            }
            case Icmpv4Packet.UNREACH_SOURCE_ROUTE_FAILED -> Text.ipv4(out, qdst).append(" unreachable - source route failed");
            case Icmpv4Packet.UNREACH_NET_UNKNOWN -> netOrHost("net ", qdst, " unreachable - unknown");
            case Icmpv4Packet.UNREACH_HOST_UNKNOWN -> netOrHost("host ", qdst, " unreachable - unknown");
            case 8 -> Text.ipv4(out, qdst).append(" unreachable - source host isolated");
            case Icmpv4Packet.UNREACH_NET_PROHIBITED -> netOrHost("net ", qdst, " unreachable - admin prohibited");
            case Icmpv4Packet.UNREACH_HOST_PROHIBITED -> netOrHost("host ", qdst, " unreachable - admin prohibited");
            case 11 -> netOrHost("net ", qdst, " unreachable - tos prohibited");
            case 12 -> netOrHost("host ", qdst, " unreachable - tos prohibited");
            case Icmpv4Packet.UNREACH_ADMIN_PROHIBITED -> netOrHost("host ", qdst, " unreachable - admin prohibited filter");
            case 14 -> netOrHost("host ", qdst, " unreachable - host precedence violation");
            case 15 -> netOrHost("host ", qdst, " unreachable - precedence cutoff");
            default -> Text.ipv4(out, qdst).append(" unreachable - #").append(code);
        }
        return true;
    }

    private void netOrHost(String kind, int addr, String what) {
        out.append(kind);
        Text.ipv4(out, addr).append(what);
    }

    /** Where "ICMP " started in the line, so a truncation can take the message text back. */
    private int icmpStart;

    /** True when {@code n} bytes after the ICMP header were captured; else prints the truncation marker. */
    private boolean quotedIpv4Fits(int dataCap, int n) {
        if (dataCap < n) {
            out.setLength(icmpStart);
            Text.trunc(out, "icmp");
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
            Text.zeroPad(out, lifetime % 60, 2);
        } else {
            out.append(lifetime / 3600).append(':');
            Text.zeroPad(out, lifetime % 3600 / 60, 2).append(':');
            Text.zeroPad(out, lifetime % 60, 2);
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
            Text.ipv4(out, Bytes.i32(b, data + 8 * i)).append(' ').append(Bytes.u32L(b, data + 8 * i + 4)).append('}');
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
        Text.zeroPad(out, hrs, 2).append(':');
        Text.zeroPad(out, min, 2).append(':');
        Text.zeroPad(out, sec, 2).append('.');
        return Text.zeroPad(out, msec, 3);
    }

    private void icmpv6(int off, int cap, int len) {
        if (cap < 4) {
            Text.trunc(out, "icmp6");
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
            Text.trunc(out, "icmp6");
            return;
        }
        if (e != WireError.OK) {
            Text.marker(out, "icmp6", e);
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
                    Text.trunc(out, "icmp6");
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
                    Text.ipv6(out, qdHi, qdLo);
                    if (code == Icmpv6Packet.UNREACH_BEYOND_SCOPE) {
                        out.append(", source address ");
                        Text.ipv6(out, Bytes.i64(b, data + Ipv6Packet.SRC_OFFSET), Bytes.i64(b, data + Ipv6Packet.SRC_OFFSET + 8));
                    }
                }
            }
            case Icmpv6Packet.PACKET_TOO_BIG -> out.append(", mtu ").append(icmp6.mtu());
            case Icmpv6Packet.TIME_EXCEEDED -> {
                if (dataCap < Ipv6Packet.HEADER_LEN) {
                    Text.trunc(out, "icmp6");
                    return;
                }
                switch (code) {
                    case Icmpv6Packet.EXCEEDED_HOP_LIMIT -> {
                        out.append(" for ");
                        Text.ipv6(out, Bytes.i64(b, data + Ipv6Packet.DST_OFFSET), Bytes.i64(b, data + Ipv6Packet.DST_OFFSET + 8));
                    }
                    case Icmpv6Packet.EXCEEDED_REASSEMBLY -> out.append(" (reassembly)");
                    default -> out.append(", unknown code (").append(code).append(')');
                }
            }
            case Icmpv6Packet.PARAMETER_PROBLEM -> {
                if (dataCap < Ipv6Packet.HEADER_LEN) {
                    Text.trunc(out, "icmp6");
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
                    Text.marker(out, "icmp6", WireError.BAD_FIELD);
                    return;
                }
            }
            case Icmpv6Packet.MLD_REPORT, Icmpv6Packet.MLD_DONE -> mldv1(data, dataCap);
            case Icmpv6Packet.ROUTER_SOLICITATION, Icmpv6Packet.ROUTER_ADVERTISEMENT, 141, 142 -> {
                // tcpdump shows nothing more without -v.
            }
            case Icmpv6Packet.NEIGHBOR_SOLICITATION, Icmpv6Packet.NEIGHBOR_ADVERTISEMENT -> {
                out.append(type == Icmpv6Packet.NEIGHBOR_SOLICITATION ? ", who has " : ", tgt is ");
                Text.ipv6(out, icmp6.targetHi(), icmp6.targetLo());
            }
            case Icmpv6Packet.REDIRECT -> {
                out.append(", ");
                Text.ipv6(out, icmp6.redirectDestinationHi(), icmp6.redirectDestinationLo()).append(" to ");
                Text.ipv6(out, icmp6.targetHi(), icmp6.targetLo());
            }
            case Icmpv6Packet.MLDV2_REPORT -> out.append(", ").append(Bytes.u16(b, off + 6)).append(" group record(s)");
            case 144, 146 -> {
                out.append(", id 0x");
                Text.hex(out, Bytes.u16(b, off + 4), 4);
            }
            case 145, 147 -> {
                // tcpdump shows nothing more without -v.
            }
            case 138, 139, 140, 155 -> {
                // Router renumbering, node information and RPL: tcpdump decodes them in detail.
                Text.marker(out, "icmp6", WireError.BAD_FIELD);
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
        Text.ipv6(out, Bytes.i64(b, data), Bytes.i64(b, data + 8));
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
                        Text.trunc(out, "icmp6");
                        return false;
                    }
                    out.append(", ");
                    Text.ipv6(out, qdHi, qdLo).append(nh == IpProtocol.TCP ? " tcp port " : " udp port ")
                            .append(Bytes.u16(b, at + 2));
                    return true;
                }
                case IpProtocol.HOPOPTS, IpProtocol.DSTOPTS, IpProtocol.ROUTING -> {
                    if (end - at < 2) {
                        Text.trunc(out, "icmp6");
                        return false;
                    }
                    nh = Bytes.u8(b, at);
                    at += (Bytes.u8(b, at + 1) + 1) * 8;
                }
                case IpProtocol.FRAGMENT -> {
                    if (end - at < 4 || (Bytes.u16(b, at + 2) & 0xfff8) != 0) {
                        Text.trunc(out, "icmp6");
                        return false;
                    }
                    nh = Bytes.u8(b, at);
                    at += Ipv6FragmentHeader.LEN;
                }
                case IpProtocol.AH -> {
                    if (end - at < 2) {
                        Text.trunc(out, "icmp6");
                        return false;
                    }
                    nh = Bytes.u8(b, at);
                    at += (Bytes.u8(b, at + 1) + 2) * 4;
                }
                default -> {
                    Text.trunc(out, "icmp6");
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
}
