package dev.weir.udp;

import dev.weir.api.wire.Icmpv4Packet;
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

    /** In {@link #classify}'s answer: the error is hard ("fatal"). */
    static final int HARD = 1 << 16;

    /**
     * What an ICMP error means to the socket it is about, as {@code __udp4_lib_err},
     * {@code __udp6_lib_err} and {@code ping_err} decide: the errno, with {@link #HARD} for a hard
     * error, or 0 when the socket ignores it. IPv4: time exceeded and anything unknown
     * {@code EHOSTUNREACH}; parameter problem {@code EPROTO}, hard; fragmentation needed
     * {@code EMSGSIZE}, hard, unless the socket does not discover path MTUs ({@code pmtuDont}:
     * ignored); other unreachables by {@code icmp_err_convert}; source quench and redirect ignored
     * by UDP, {@code EREMOTEIO} for ping ("not a real error, but ping wants to see it"). IPv6: by
     * {@code icmpv6_err_convert}, and for UDP a packet too big is hard when the socket discovers
     * path MTUs.
     */
    static int classify(boolean v6, int type, int code, boolean pmtuDont, boolean ping) {
        if (v6) {
            boolean hard = v6Fatal(type, code) || !ping && type == Icmpv6Packet.PACKET_TOO_BIG && !pmtuDont;
            return v6Errno(type, code) | (hard ? HARD : 0);
        }
        return switch (type) {
            case Icmpv4Packet.SOURCE_QUENCH, Icmpv4Packet.REDIRECT -> ping ? Errno.EREMOTEIO : 0;
            case Icmpv4Packet.PARAMETER_PROBLEM -> Errno.EPROTO | HARD;
            case Icmpv4Packet.DEST_UNREACHABLE -> code == Icmpv4Packet.UNREACH_FRAG_NEEDED
                    ? pmtuDont ? 0 : Errno.EMSGSIZE | HARD
                    : v4Errno(code) | (v4Fatal(code) ? HARD : 0);
            default -> Errno.EHOSTUNREACH;
        };
    }

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
