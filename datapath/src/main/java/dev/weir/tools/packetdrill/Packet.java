package dev.weir.tools.packetdrill;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * A packet line after its direction: {@code < S 0:0(0) win 32792 <mss 1000,nop,wscale 7>},
 * {@code > [ect0] P. 1:1001(1000) ack 1}, {@code < icmp unreachable frag_needed mtu 1200 [1:1461(1460)]},
 * {@code < udp (100)}. Numbers are script numbers: see {@link SeqSpace} for how they map to the
 * wire.
 *
 * @param encapsulations outer headers written {@code ipv4 A > B:} / {@code ipv6 A > B:}, outermost first
 * @param ip             the IP-level checks and settings in {@code [...]} or {@code (...)} before the transport
 * @param transport      the TCP segment, UDP datagram or ICMP message
 */
public record Packet(List<Encapsulation> encapsulations, IpInfo ip, Transport transport) {
    public Packet {
        encapsulations = List.copyOf(encapsulations);
    }

    /** How the script constrains the IP TOS / traffic-class byte. */
    public enum TosCheck {
        /** Not written: not checked, and zero when injecting. */
        NONE,
        /** {@code [noecn]}, {@code [ect0]}, {@code [ect1]}, {@code [ce]}: the two ECN bits, {@link IpInfo#tosValue()} 0..3. */
        ECN,
        /** {@code [ect01]}: ECT(0) or ECT(1), outbound only. */
        ECT01,
        /** {@code (tos 0x..)}: the whole byte. */
        TOS
    }

    /** The ECN codepoints of RFC 3168 section 5, as packetdrill names them. */
    public static final int NOT_ECT = 0;
    public static final int ECT1 = 1;
    public static final int ECT0 = 2;
    public static final int CE = 3;

    /** IP-level information: TOS/ECN check, IPv6 flow label, TTL / hop limit. */
    public record IpInfo(TosCheck tos, int tosValue, OptionalInt flowLabel, OptionalInt ttl) {
        public static final IpInfo NONE = new IpInfo(TosCheck.NONE, 0, OptionalInt.empty(), OptionalInt.empty());

        @Override
        public String toString() {
            if (equals(NONE)) {
                return "";
            }
            StringBuilder b = new StringBuilder();
            switch (tos) {
                case ECN -> b.append(new String[] {"noecn", "ect1", "ect0", "ce"}[tosValue]);
                case ECT01 -> b.append("ect01");
                case TOS -> b.append(String.format("tos 0x%x", tosValue));
                case NONE -> { }
            }
            flowLabel.ifPresent(f -> b.append(b.isEmpty() ? "" : ",").append(String.format("flowlabel 0x%x", f)));
            ttl.ifPresent(t -> b.append(b.isEmpty() ? "" : ",").append("ttl ").append(t));
            return "[" + b + "]";
        }
    }

    /** An outer IP header, {@code ipv4 192.0.2.1 > 192.168.0.1:}. */
    public record Encapsulation(int ipVersion, IpInfo ip, String source, String destination) {
        @Override
        public String toString() {
            String info = ip.equals(IpInfo.NONE) ? "" : " " + ip;
            return "ipv" + ipVersion + info + " " + source + " > " + destination + ":";
        }
    }

    /** The transport part of a packet line. */
    public sealed interface Transport permits Tcp, Udp, Icmp {}

    /**
     * A TCP segment.
     *
     * @param sourcePort      0 unless written {@code sport>dport} before the flags
     * @param destinationPort 0 unless written
     * @param seq             the script sequence number before the colon
     * @param payloadLength   the length in parentheses; the end after the colon is seq + length
     * @param ack             {@code ack N}, absent when not written (the field is then 0)
     * @param window          {@code win N}; absent: not checked on outbound segments (inbound ones must have it)
     * @param urgentPointer   {@code urg N}, 0 when absent
     * @param options         the exact option list; empty Optional for {@code <...>}, "don't check"
     *                        (outbound only); an empty list when no {@code <...>} was written
     */
    public record Tcp(int sourcePort, int destinationPort, TcpFlags flags, long seq, int payloadLength,
            OptionalLong ack, OptionalInt window, int urgentPointer,
            Optional<List<ScriptTcpOption>> options) implements Transport {
        public Tcp {
            options = options.map(List::copyOf);
        }

        /** The sequence number after the payload, as written after the colon. */
        public long endSeq() {
            return seq + payloadLength;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            if (sourcePort != 0 || destinationPort != 0) {
                b.append(sourcePort).append('>').append(destinationPort).append(' ');
            }
            b.append(flags).append(' ').append(seq).append(':').append(endSeq()).append('(').append(payloadLength).append(')');
            ack.ifPresent(a -> b.append(" ack ").append(a));
            window.ifPresent(w -> b.append(" win ").append(w));
            if (urgentPointer != 0) {
                b.append(" urg ").append(urgentPointer);
            }
            if (options.isEmpty()) {
                b.append(" <...>");
            } else if (!options.get().isEmpty()) {
                b.append(" <").append(options.get().stream().map(Object::toString).collect(Collectors.joining(","))).append('>');
            }
            return b.toString();
        }
    }

    /** A UDP datagram, {@code udp (100)} or {@code udp 53>53 (100)}. */
    public record Udp(int sourcePort, int destinationPort, int payloadLength) implements Transport {
        @Override
        public String toString() {
            String ports = sourcePort != 0 || destinationPort != 0 ? sourcePort + ">" + destinationPort + " " : "";
            return "udp " + ports + "(" + payloadLength + ")";
        }
    }

    /**
     * An ICMP or ICMPv6 message by name: {@code icmp unreachable frag_needed mtu 1200 [1:1461(1460)]},
     * {@code icmp packet_too_big mtu 1400 [0:1440(1440)]}.
     *
     * @param type    {@code unreachable}, {@code packet_too_big}, {@code time_exceeded}, {@code echo_request}...
     * @param code    {@code frag_needed}, {@code host_unreachable}, ... absent when not written
     * @param mtu     {@code mtu N}
     * @param echoId  {@code id N}
     * @param echoed  the bracketed description of the offending packet quoted in the message;
     *                absent when not written (packetdrill then quotes a TCP header with sequence 0)
     */
    public record Icmp(String type, Optional<String> code, OptionalInt mtu, OptionalInt echoId,
            Optional<Echoed> echoed) implements Transport {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("icmp ").append(type);
            code.ifPresent(c -> b.append(' ').append(c));
            mtu.ifPresent(m -> b.append(" mtu ").append(m));
            echoId.ifPresent(i -> b.append(" id ").append(i));
            echoed.ifPresent(e -> b.append(' ').append(e));
            return b.toString();
        }
    }

    /** What an ICMP message quotes: {@code [1:1461(1460)]} (TCP), {@code [udp (100)]}, {@code [raw (20)]}. */
    public record Echoed(String protocol, long seq, int payloadLength) {
        @Override
        public String toString() {
            return switch (protocol) {
                case "tcp" -> "[" + seq + ":" + (seq + payloadLength) + "(" + payloadLength + ")]";
                default -> "[" + protocol + " (" + payloadLength + ")]";
            };
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Encapsulation e : encapsulations) {
            b.append(e).append(' ');
        }
        if (!ip.equals(IpInfo.NONE)) {
            b.append(ip).append(' ');
        }
        return b.append(transport).toString();
    }
}
