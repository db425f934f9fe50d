package dev.weir.udp;

import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.socket.Errno;

/**
 * What an ICMP error means to a socket: Linux's {@code icmp_err_convert} table for IPv4
 * destination unreachable codes and {@code icmpv6_err_convert} for ICMPv6, each code with its
 * errno and whether it is "fatal" (a hard error, reported even without {@code IP_RECVERR} on a
 * connected socket).
 */
final class IcmpErrors {
    private IcmpErrors() {}

    /** {@code icmp_err_convert[code]}: errno of destination unreachable code 0..15. */
    private static final int[] V4_ERRNO = {
        Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.ENOPROTOOPT, Errno.ECONNREFUSED, Errno.EMSGSIZE, Errno.EOPNOTSUPP,
        Errno.ENETUNREACH, Errno.EHOSTDOWN, Errno.ENONET, Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.ENETUNREACH,
        Errno.EHOSTUNREACH, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH};
    private static final boolean[] V4_FATAL = {
        false, false, true, true, false, false, true, true, true, true, true, false, false, true, true, true};

    static int v4Errno(int code) {
        return code < V4_ERRNO.length ? V4_ERRNO[code] : Errno.EHOSTUNREACH;
    }

    static boolean v4Fatal(int code) {
        return code < V4_FATAL.length && V4_FATAL[code];
    }

    /** {@code tab_unreach}: errno of ICMPv6 destination unreachable codes 0..6. */
    private static final int[] V6_UNREACH_ERRNO = {
        Errno.ENETUNREACH, Errno.EACCES, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH, Errno.ECONNREFUSED, Errno.EACCES, Errno.EACCES};
    private static final boolean[] V6_UNREACH_FATAL = {false, true, false, false, true, true, true};

    /** {@code icmpv6_err_convert}'s errno. */
    static int v6Errno(int type, int code) {
        return switch (type) {
            case Icmpv6Packet.DEST_UNREACHABLE -> code < V6_UNREACH_ERRNO.length ? V6_UNREACH_ERRNO[code] : Errno.EPROTO;
            case Icmpv6Packet.PACKET_TOO_BIG -> Errno.EMSGSIZE;
            case Icmpv6Packet.TIME_EXCEEDED -> Errno.EHOSTUNREACH;
            default -> Errno.EPROTO;
        };
    }

    /** {@code icmpv6_err_convert}'s result: whether the error is fatal. */
    static boolean v6Fatal(int type, int code) {
        return switch (type) {
            case Icmpv6Packet.DEST_UNREACHABLE -> code >= V6_UNREACH_FATAL.length || V6_UNREACH_FATAL[code];
            case Icmpv6Packet.PARAMETER_PROBLEM -> true;
            default -> false;
        };
    }
}
