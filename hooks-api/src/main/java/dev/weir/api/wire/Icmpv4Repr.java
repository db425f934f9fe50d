package dev.weir.api.wire;

import java.util.Objects;

/**
 * The parsed form of an ICMP message for IPv4 (RFC 792), one record per message kind.
 *
 * <p>{@link #parse} never fails and loses nothing: a message is given its specific record only
 * when that record can say everything its bytes say (an echo with code 0, a time exceeded whose
 * unused field is zero, ...); anything else, unknown types included, becomes {@link Other}
 * with the raw rest-of-header and data. So {@code parse} then {@link #emit} gives back the same
 * bytes for every message {@link Icmpv4Packet#wrap} accepts.
 *
 * <pre>{@code
 * switch (Icmpv4Repr.parse(icmp)) {
 *     case Icmpv4Repr.EchoRequest e -> reply(e.identifier(), e.sequence(), e.data());
 *     case Icmpv4Repr.DestinationUnreachable u when u.code() == Icmpv4Packet.UNREACH_FRAG_NEEDED -> pmtu(u.nextHopMtu());
 *     default -> {}
 * }
 * }</pre>
 */
public sealed interface Icmpv4Repr {
    /** The type octet. */
    int type();

    /** The code octet. */
    int code();

    /** The 4 bytes after the checksum, as emit writes them. */
    int restOfHeader();

    /** What follows the 8-byte header: echo data or the quoted datagram. */
    Octets body();

    default int headerLength() {
        return Icmpv4Packet.HEADER_LEN;
    }

    /** The whole message's length. */
    default int bufferLength() {
        return Icmpv4Packet.HEADER_LEN + body().length();
    }

    /** Writes the whole message, checksum included, at {@code off}; returns its length. */
    default int emit(byte[] b, int off) {
        int n = bufferLength();
        Bytes.put8(b, off + Icmpv4Packet.TYPE_OFFSET, type());
        Bytes.put8(b, off + Icmpv4Packet.CODE_OFFSET, code());
        Bytes.put16(b, off + Icmpv4Packet.CHECKSUM_OFFSET, 0);
        Bytes.put32(b, off + Icmpv4Packet.REST_OFFSET, restOfHeader());
        body().copyTo(b, off + Icmpv4Packet.DATA_OFFSET);
        Bytes.put16(b, off + Icmpv4Packet.CHECKSUM_OFFSET, Checksum.internet(b, off, n));
        return n;
    }

    /** Reads a message the view validated; never fails (see the class comment). */
    static Icmpv4Repr parse(Icmpv4Packet p) {
        Octets body = Octets.copyOf(p.buffer(), p.dataOffset(), p.dataLength());
        int type = p.type();
        int code = p.code();
        int rest = p.restOfHeader();
        return switch (type) {
            case Icmpv4Packet.ECHO_REQUEST, Icmpv4Packet.ECHO_REPLY -> code != 0 ? new Other(type, code, rest, body)
                    : type == Icmpv4Packet.ECHO_REQUEST ? new EchoRequest(rest >>> 16, rest & 0xffff, body)
                    : new EchoReply(rest >>> 16, rest & 0xffff, body);
            case Icmpv4Packet.DEST_UNREACHABLE -> (rest >>> 16) == 0
                    ? new DestinationUnreachable(code, rest, body) : new Other(type, code, rest, body);
            case Icmpv4Packet.TIME_EXCEEDED -> rest == 0 ? new TimeExceeded(code, body) : new Other(type, code, rest, body);
            case Icmpv4Packet.REDIRECT -> new Redirect(code, new Ipv4Address(rest), body);
            case Icmpv4Packet.PARAMETER_PROBLEM -> (rest & 0xff_ffff) == 0
                    ? new ParameterProblem(code, rest >>> 24, body) : new Other(type, code, rest, body);
            default -> new Other(type, code, rest, body);
        };
    }

    /** Echo request (type 8, RFC 792): what ping sends. */
    record EchoRequest(int identifier, int sequence, Octets data) implements Icmpv4Repr {
        public EchoRequest {
            Views.checkRange("ICMP echo identifier", identifier, 0xffff);
            Views.checkRange("ICMP echo sequence", sequence, 0xffff);
            Objects.requireNonNull(data, "data");
        }

        @Override
        public int type() {
            return Icmpv4Packet.ECHO_REQUEST;
        }

        @Override
        public int code() {
            return 0;
        }

        @Override
        public int restOfHeader() {
            return (identifier << 16) | sequence;
        }

        @Override
        public Octets body() {
            return data;
        }

        /** The reply RFC 1122 section 3.2.2.6 asks for: same identifier, sequence and data. */
        public EchoReply reply() {
            return new EchoReply(identifier, sequence, data);
        }
    }

    /** Echo reply (type 0, RFC 792). */
    record EchoReply(int identifier, int sequence, Octets data) implements Icmpv4Repr {
        public EchoReply {
            Views.checkRange("ICMP echo identifier", identifier, 0xffff);
            Views.checkRange("ICMP echo sequence", sequence, 0xffff);
            Objects.requireNonNull(data, "data");
        }

        @Override
        public int type() {
            return Icmpv4Packet.ECHO_REPLY;
        }

        @Override
        public int code() {
            return 0;
        }

        @Override
        public int restOfHeader() {
            return (identifier << 16) | sequence;
        }

        @Override
        public Octets body() {
            return data;
        }
    }

    /**
     * Destination unreachable (type 3).
     *
     * @param code why ({@code Icmpv4Packet.UNREACH_*}): port unreachable is 3, fragmentation needed 4
     * @param nextHopMtu the MTU of the next hop for code 4 (RFC 1191 section 4), else 0
     * @param quoted the original datagram's IP header and at least 8 data bytes
     */
    record DestinationUnreachable(int code, int nextHopMtu, Octets quoted) implements Icmpv4Repr {
        public DestinationUnreachable {
            Views.checkRange("ICMP code", code, 255);
            Views.checkRange("ICMP next-hop MTU", nextHopMtu, 0xffff);
            Objects.requireNonNull(quoted, "quoted");
        }

        /** A fragmentation-needed message carrying the next hop's MTU. */
        public static DestinationUnreachable fragmentationNeeded(int nextHopMtu, Octets quoted) {
            return new DestinationUnreachable(Icmpv4Packet.UNREACH_FRAG_NEEDED, nextHopMtu, quoted);
        }

        @Override
        public int type() {
            return Icmpv4Packet.DEST_UNREACHABLE;
        }

        @Override
        public int restOfHeader() {
            return nextHopMtu;
        }

        @Override
        public Octets body() {
            return quoted;
        }
    }

    /** Time exceeded (type 11): code 0 TTL exceeded in transit, 1 reassembly time exceeded. */
    record TimeExceeded(int code, Octets quoted) implements Icmpv4Repr {
        public TimeExceeded {
            Views.checkRange("ICMP code", code, 255);
            Objects.requireNonNull(quoted, "quoted");
        }

        @Override
        public int type() {
            return Icmpv4Packet.TIME_EXCEEDED;
        }

        @Override
        public int restOfHeader() {
            return 0;
        }

        @Override
        public Octets body() {
            return quoted;
        }
    }

    /** Redirect (type 5): send traffic for the quoted datagram's destination to {@code gateway}. */
    record Redirect(int code, Ipv4Address gateway, Octets quoted) implements Icmpv4Repr {
        public Redirect {
            Views.checkRange("ICMP code", code, 255);
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(quoted, "quoted");
        }

        @Override
        public int type() {
            return Icmpv4Packet.REDIRECT;
        }

        @Override
        public int restOfHeader() {
            return gateway.bits();
        }

        @Override
        public Octets body() {
            return quoted;
        }
    }

    /** Parameter problem (type 12): {@code pointer} is the octet of the quoted header at fault (code 0). */
    record ParameterProblem(int code, int pointer, Octets quoted) implements Icmpv4Repr {
        public ParameterProblem {
            Views.checkRange("ICMP code", code, 255);
            Views.checkRange("ICMP pointer", pointer, 255);
            Objects.requireNonNull(quoted, "quoted");
        }

        @Override
        public int type() {
            return Icmpv4Packet.PARAMETER_PROBLEM;
        }

        @Override
        public int restOfHeader() {
            return pointer << 24;
        }

        @Override
        public Octets body() {
            return quoted;
        }
    }

    /** Any other message, kept raw: unknown types, and known ones whose bytes the records above cannot hold. */
    record Other(int type, int code, int restOfHeader, Octets body) implements Icmpv4Repr {
        public Other {
            Views.checkRange("ICMP type", type, 255);
            Views.checkRange("ICMP code", code, 255);
            Objects.requireNonNull(body, "body");
        }
    }
}
