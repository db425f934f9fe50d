package dev.weir.api.wire;

import java.util.List;
import java.util.Objects;

/**
 * The parsed form of an ICMPv6 message (RFC 4443) or Neighbor Discovery message (RFC 4861),
 * one record per message kind.
 *
 * <p>{@link #parse} never fails and loses nothing: a message gets its specific record only when
 * that record can say everything its bytes say (an echo with code 0, reserved fields zero, ...);
 * anything else, unknown types and MLD included, becomes {@link Other} with the raw body. So
 * {@code parse} then {@link #emit} gives back the same bytes for every message
 * {@link Icmpv6Packet#wrap} accepts. The checksum is not kept: emit computes it over the
 * pseudo-header of the addresses it is given.
 */
public sealed interface Icmpv6Repr {
    /** The type octet. */
    int type();

    /** The code octet. */
    int code();

    default int headerLength() {
        return Icmpv6Packet.HEADER_LEN;
    }

    /** The whole message's length: the upper-layer length of the pseudo-header. */
    default int bufferLength() {
        return switch (this) {
            case EchoRequest e -> 8 + e.data().length();
            case EchoReply e -> 8 + e.data().length();
            case DestinationUnreachable u -> 8 + u.quoted().length();
            case PacketTooBig t -> 8 + t.quoted().length();
            case TimeExceeded t -> 8 + t.quoted().length();
            case ParameterProblem pp -> 8 + pp.quoted().length();
            case RouterSolicitation rs -> 8 + optionsLength(rs.options());
            case RouterAdvertisement ra -> 16 + optionsLength(ra.options());
            case NeighborSolicitation ns -> 24 + optionsLength(ns.options());
            case NeighborAdvertisement na -> 24 + optionsLength(na.options());
            case Redirect r -> 40 + optionsLength(r.options());
            case Other o -> 4 + o.body().length();
        };
    }

    /**
     * Writes the whole message at {@code off}, its checksum computed over the pseudo-header of a
     * packet from {@code src} to {@code dst} (RFC 4443 section 2.3); returns its length.
     */
    default int emit(byte[] b, int off, Ipv6Address src, Ipv6Address dst) {
        int n = bufferLength();
        java.util.Arrays.fill(b, off, off + 8, (byte) 0);
        b[off] = (byte) type();
        b[off + 1] = (byte) code();
        int at = off + 8;
        switch (this) {
            case EchoRequest e -> {
                Bytes.put16(b, off + Icmpv6Packet.IDENTIFIER_OFFSET, e.identifier());
                Bytes.put16(b, off + Icmpv6Packet.SEQUENCE_OFFSET, e.sequence());
                e.data().copyTo(b, at);
            }
            case EchoReply e -> {
                Bytes.put16(b, off + Icmpv6Packet.IDENTIFIER_OFFSET, e.identifier());
                Bytes.put16(b, off + Icmpv6Packet.SEQUENCE_OFFSET, e.sequence());
                e.data().copyTo(b, at);
            }
            case DestinationUnreachable u -> u.quoted().copyTo(b, at);
            case PacketTooBig t -> {
                Bytes.put32(b, off + Icmpv6Packet.MTU_OFFSET, (int) t.mtu());
                t.quoted().copyTo(b, at);
            }
            case TimeExceeded t -> t.quoted().copyTo(b, at);
            case ParameterProblem pp -> {
                Bytes.put32(b, off + Icmpv6Packet.POINTER_OFFSET, (int) pp.pointer());
                pp.quoted().copyTo(b, at);
            }
            case RouterSolicitation rs -> emitOptions(rs.options(), b, at);
            case RouterAdvertisement ra -> {
                b[off + Icmpv6Packet.RA_CUR_HOP_LIMIT_OFFSET] = (byte) ra.curHopLimit();
                b[off + Icmpv6Packet.RA_FLAGS_OFFSET] = (byte) ra.flags();
                Bytes.put16(b, off + Icmpv6Packet.RA_ROUTER_LIFETIME_OFFSET, ra.routerLifetime());
                Bytes.put32(b, off + Icmpv6Packet.RA_REACHABLE_TIME_OFFSET, (int) ra.reachableTime());
                Bytes.put32(b, off + Icmpv6Packet.RA_RETRANS_TIMER_OFFSET, (int) ra.retransTimer());
                emitOptions(ra.options(), b, off + 16);
            }
            case NeighborSolicitation ns -> {
                ns.target().write(b, off + Icmpv6Packet.TARGET_OFFSET);
                emitOptions(ns.options(), b, off + 24);
            }
            case NeighborAdvertisement na -> {
                b[off + Icmpv6Packet.NA_FLAGS_OFFSET] = (byte) ((na.router() ? Icmpv6Packet.NA_FLAG_ROUTER : 0)
                        | (na.solicited() ? Icmpv6Packet.NA_FLAG_SOLICITED : 0)
                        | (na.override() ? Icmpv6Packet.NA_FLAG_OVERRIDE : 0));
                na.target().write(b, off + Icmpv6Packet.TARGET_OFFSET);
                emitOptions(na.options(), b, off + 24);
            }
            case Redirect r -> {
                r.target().write(b, off + Icmpv6Packet.TARGET_OFFSET);
                r.destination().write(b, off + Icmpv6Packet.REDIRECT_DESTINATION_OFFSET);
                emitOptions(r.options(), b, off + 40);
            }
            case Other o -> o.body().copyTo(b, off + 4);
        }
        long sum = Checksum.pseudoHeaderV6(src.hi(), src.lo(), dst.hi(), dst.lo(), IpProtocol.ICMPV6, n);
        Bytes.put16(b, off + Icmpv6Packet.CHECKSUM_OFFSET, Checksum.finish(Checksum.add(sum, b, off, n)));
        return n;
    }

    /** Reads a message the view validated; never fails (see the class comment). */
    static Icmpv6Repr parse(Icmpv6Packet p) {
        byte[] b = p.buffer();
        int off = p.offset();
        int len = p.length();
        int type = p.type();
        int code = p.code();
        int rest = p.restOfHeader();
        Icmpv6Repr r = switch (type) {
            case Icmpv6Packet.ECHO_REQUEST -> code != 0 ? null
                    : new EchoRequest(p.echoIdentifier(), p.echoSequence(), Octets.copyOf(b, p.dataOffset(), p.dataLength()));
            case Icmpv6Packet.ECHO_REPLY -> code != 0 ? null
                    : new EchoReply(p.echoIdentifier(), p.echoSequence(), Octets.copyOf(b, p.dataOffset(), p.dataLength()));
            case Icmpv6Packet.DEST_UNREACHABLE -> rest != 0 ? null
                    : new DestinationUnreachable(code, Octets.copyOf(b, p.dataOffset(), p.dataLength()));
            case Icmpv6Packet.PACKET_TOO_BIG -> code != 0 ? null
                    : new PacketTooBig(p.mtu(), Octets.copyOf(b, p.dataOffset(), p.dataLength()));
            case Icmpv6Packet.TIME_EXCEEDED -> rest != 0 ? null
                    : new TimeExceeded(code, Octets.copyOf(b, p.dataOffset(), p.dataLength()));
            case Icmpv6Packet.PARAMETER_PROBLEM ->
                    new ParameterProblem(code, p.pointer(), Octets.copyOf(b, p.dataOffset(), p.dataLength()));
            case Icmpv6Packet.ROUTER_SOLICITATION -> rest != 0 ? null : new RouterSolicitation(options(p));
            case Icmpv6Packet.ROUTER_ADVERTISEMENT -> new RouterAdvertisement(p.raCurHopLimit(), p.raFlags(),
                    p.raRouterLifetime(), p.raReachableTime(), p.raRetransTimer(), options(p));
            case Icmpv6Packet.NEIGHBOR_SOLICITATION -> rest != 0 ? null
                    : new NeighborSolicitation(new Ipv6Address(p.targetHi(), p.targetLo()), options(p));
            case Icmpv6Packet.NEIGHBOR_ADVERTISEMENT -> (rest & 0x1fff_ffff) != 0 ? null
                    : new NeighborAdvertisement(p.naRouter(), p.naSolicited(), p.naOverride(),
                            new Ipv6Address(p.targetHi(), p.targetLo()), options(p));
            case Icmpv6Packet.REDIRECT -> rest != 0 ? null
                    : new Redirect(new Ipv6Address(p.targetHi(), p.targetLo()),
                            new Ipv6Address(p.redirectDestinationHi(), p.redirectDestinationLo()), options(p));
            default -> null;
        };
        return r != null ? r : new Other(type, code, Octets.copyOf(b, off + 4, len - 4));
    }

    private static List<NdpOption> options(Icmpv6Packet p) {
        return NdpOption.parseAll(p.buffer(), p.ndpOptionsOffset(), p.ndpOptionsLength());
    }

    private static int optionsLength(List<NdpOption> options) {
        int n = 0;
        for (NdpOption o : options) {
            n += o.length();
        }
        return n;
    }

    private static void emitOptions(List<NdpOption> options, byte[] b, int off) {
        int at = off;
        for (NdpOption o : options) {
            at += o.emit(b, at);
        }
    }

    private static void checkNotMulticast(String field, Ipv6Address a, String rfc) {
        Objects.requireNonNull(a, field);
        if (a.isMulticast()) {
            throw new IllegalArgumentException(field + " may not be multicast (" + rfc + "), got " + a);
        }
    }

    /** Echo request (type 128, RFC 4443 section 4.1). */
    record EchoRequest(int identifier, int sequence, Octets data) implements Icmpv6Repr {
        public EchoRequest {
            Views.checkRange("ICMPv6 echo identifier", identifier, 0xffff);
            Views.checkRange("ICMPv6 echo sequence", sequence, 0xffff);
            Objects.requireNonNull(data, "data");
        }

        @Override
        public int type() {
            return Icmpv6Packet.ECHO_REQUEST;
        }

        @Override
        public int code() {
            return 0;
        }

        /** The reply RFC 4443 section 4.2 asks for: same identifier, sequence and data. */
        public EchoReply reply() {
            return new EchoReply(identifier, sequence, data);
        }
    }

    /** Echo reply (type 129, RFC 4443 section 4.2). */
    record EchoReply(int identifier, int sequence, Octets data) implements Icmpv6Repr {
        public EchoReply {
            Views.checkRange("ICMPv6 echo identifier", identifier, 0xffff);
            Views.checkRange("ICMPv6 echo sequence", sequence, 0xffff);
            Objects.requireNonNull(data, "data");
        }

        @Override
        public int type() {
            return Icmpv6Packet.ECHO_REPLY;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /**
     * Destination unreachable (type 1, RFC 4443 section 3.1).
     *
     * @param code why ({@code Icmpv6Packet.UNREACH_*}): port unreachable is 4
     * @param quoted as much of the invoking packet as fits in the minimum MTU
     */
    record DestinationUnreachable(int code, Octets quoted) implements Icmpv6Repr {
        public DestinationUnreachable {
            Views.checkRange("ICMPv6 code", code, 255);
            Objects.requireNonNull(quoted, "quoted");
        }

        @Override
        public int type() {
            return Icmpv6Packet.DEST_UNREACHABLE;
        }
    }

    /** Packet too big (type 2, RFC 4443 section 3.2): the next-hop link's MTU, for path MTU discovery (RFC 8201). */
    record PacketTooBig(long mtu, Octets quoted) implements Icmpv6Repr {
        public PacketTooBig {
            Views.checkRange("ICMPv6 MTU", mtu, 0xffff_ffffL);
            Objects.requireNonNull(quoted, "quoted");
        }

        @Override
        public int type() {
            return Icmpv6Packet.PACKET_TOO_BIG;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /** Time exceeded (type 3, RFC 4443 section 3.3): code 0 hop limit exceeded, 1 reassembly time exceeded. */
    record TimeExceeded(int code, Octets quoted) implements Icmpv6Repr {
        public TimeExceeded {
            Views.checkRange("ICMPv6 code", code, 255);
            Objects.requireNonNull(quoted, "quoted");
        }

        @Override
        public int type() {
            return Icmpv6Packet.TIME_EXCEEDED;
        }
    }

    /** Parameter problem (type 4, RFC 4443 section 3.4): {@code pointer} is the octet offset of the error in the invoking packet. */
    record ParameterProblem(int code, long pointer, Octets quoted) implements Icmpv6Repr {
        public ParameterProblem {
            Views.checkRange("ICMPv6 code", code, 255);
            Views.checkRange("ICMPv6 pointer", pointer, 0xffff_ffffL);
            Objects.requireNonNull(quoted, "quoted");
        }

        @Override
        public int type() {
            return Icmpv6Packet.PARAMETER_PROBLEM;
        }
    }

    /** Router solicitation (type 133, RFC 4861 section 4.1). */
    record RouterSolicitation(List<NdpOption> options) implements Icmpv6Repr {
        public RouterSolicitation {
            options = List.copyOf(options);
        }

        @Override
        public int type() {
            return Icmpv6Packet.ROUTER_SOLICITATION;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /**
     * Router advertisement (type 134, RFC 4861 section 4.2).
     *
     * @param curHopLimit the hop limit hosts should use, 0 for unspecified
     * @param flags M 0x80 (addresses by DHCPv6), O 0x40 (other configuration by DHCPv6), others raw
     * @param routerLifetime seconds as a default router, 0..65535 (0: not a default router)
     * @param reachableTime milliseconds, 0 for unspecified
     * @param retransTimer milliseconds between solicitations, 0 for unspecified
     * @param options prefix information, MTU, source link-layer address, ...
     */
    record RouterAdvertisement(int curHopLimit, int flags, int routerLifetime, long reachableTime, long retransTimer,
            List<NdpOption> options) implements Icmpv6Repr {
        public RouterAdvertisement {
            Views.checkRange("ICMPv6 cur hop limit", curHopLimit, 255);
            Views.checkRange("ICMPv6 flags", flags, 255);
            Views.checkRange("ICMPv6 router lifetime", routerLifetime, 0xffff);
            Views.checkRange("ICMPv6 reachable time", reachableTime, 0xffff_ffffL);
            Views.checkRange("ICMPv6 retrans timer", retransTimer, 0xffff_ffffL);
            options = List.copyOf(options);
        }

        public boolean managed() {
            return (flags & Icmpv6Packet.RA_FLAG_MANAGED) != 0;
        }

        public boolean otherConfig() {
            return (flags & Icmpv6Packet.RA_FLAG_OTHER) != 0;
        }

        @Override
        public int type() {
            return Icmpv6Packet.ROUTER_ADVERTISEMENT;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /** Neighbor solicitation (type 135, RFC 4861 section 4.3); the target may not be multicast (section 7.1.1). */
    record NeighborSolicitation(Ipv6Address target, List<NdpOption> options) implements Icmpv6Repr {
        public NeighborSolicitation {
            checkNotMulticast("NS target", target, "RFC 4861 section 7.1.1");
            options = List.copyOf(options);
        }

        @Override
        public int type() {
            return Icmpv6Packet.NEIGHBOR_SOLICITATION;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /**
     * Neighbor advertisement (type 136, RFC 4861 section 4.4); the target may not be multicast
     * (section 7.1.2).
     *
     * @param router R: the sender is a router
     * @param solicited S: a reply to a solicitation
     * @param override O: replace a cached link-layer address
     */
    record NeighborAdvertisement(boolean router, boolean solicited, boolean override, Ipv6Address target,
            List<NdpOption> options) implements Icmpv6Repr {
        public NeighborAdvertisement {
            checkNotMulticast("NA target", target, "RFC 4861 section 7.1.2");
            options = List.copyOf(options);
        }

        @Override
        public int type() {
            return Icmpv6Packet.NEIGHBOR_ADVERTISEMENT;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /**
     * Redirect (type 137, RFC 4861 section 4.5): traffic for {@code destination} is better sent to
     * {@code target}, a link-local router address or the destination itself (section 8.1).
     */
    record Redirect(Ipv6Address target, Ipv6Address destination, List<NdpOption> options) implements Icmpv6Repr {
        public Redirect {
            Objects.requireNonNull(target, "target");
            checkNotMulticast("redirect destination", destination, "RFC 4861 section 8.1");
            if (!target.isLinkLocal() && !target.equals(destination)) {
                throw new IllegalArgumentException("redirect target must be link-local or the destination itself"
                        + " (RFC 4861 section 8.1), got " + target + " for " + destination);
            }
            options = List.copyOf(options);
        }

        @Override
        public int type() {
            return Icmpv6Packet.REDIRECT;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /**
     * Any other message, kept raw: unknown types, MLD, and known ones whose bytes the records
     * above cannot hold.
     *
     * @param body everything after the checksum, at least 4 bytes
     */
    record Other(int type, int code, Octets body) implements Icmpv6Repr {
        public Other {
            Views.checkRange("ICMPv6 type", type, 255);
            Views.checkRange("ICMPv6 code", code, 255);
            Objects.requireNonNull(body, "body");
            if (body.length() < 4) {
                throw new IllegalArgumentException("an ICMPv6 message has at least 4 bytes after its checksum, got " + body.length());
            }
        }
    }
}
