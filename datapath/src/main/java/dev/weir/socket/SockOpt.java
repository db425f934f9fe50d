package dev.weir.socket;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbers of the socket API as Linux's headers define them on x86-64: socket types,
 * protocols, option levels and names ({@code getsockopt}/{@code setsockopt}), message flags,
 * path-MTU discovery modes, extended-error origins and {@code O_NONBLOCK}. {@link #constant}
 * finds any of them by name, as a packetdrill script writes them ({@code SO_RCVBUF}).
 */
public final class SockOpt {
    private SockOpt() {}

    // socket types
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;

    // protocols (also option levels)
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPPROTO_ICMPV6 = 58;

    // levels
    public static final int SOL_SOCKET = 1;
    public static final int SOL_IP = 0;
    public static final int SOL_TCP = 6;
    public static final int SOL_UDP = 17;
    public static final int SOL_IPV6 = 41;

    // SOL_SOCKET
    public static final int SO_DEBUG = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_TYPE = 3;
    public static final int SO_ERROR = 4;
    public static final int SO_DONTROUTE = 5;
    public static final int SO_BROADCAST = 6;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_KEEPALIVE = 9;
    public static final int SO_OOBINLINE = 10;
    public static final int SO_NO_CHECK = 11;
    public static final int SO_PRIORITY = 12;
    public static final int SO_LINGER = 13;
    public static final int SO_REUSEPORT = 15;
    public static final int SO_RCVLOWAT = 18;
    public static final int SO_SNDLOWAT = 19;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_SNDTIMEO = 21;
    public static final int SO_BINDTODEVICE = 25;
    public static final int SO_TIMESTAMP = 29;
    public static final int SO_ACCEPTCONN = 30;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SO_MARK = 36;
    public static final int SO_PROTOCOL = 38;
    public static final int SO_DOMAIN = 39;
    public static final int SO_RXQ_OVFL = 40;
    public static final int SO_MAX_PACING_RATE = 47;
    public static final int SO_BINDTOIFINDEX = 62;

    // SOL_IP
    public static final int IP_TOS = 1;
    public static final int IP_TTL = 2;
    public static final int IP_HDRINCL = 3;
    public static final int IP_OPTIONS = 4;
    public static final int IP_PKTINFO = 8;
    public static final int IP_MTU_DISCOVER = 10;
    public static final int IP_RECVERR = 11;
    public static final int IP_RECVTTL = 12;
    public static final int IP_RECVTOS = 13;
    public static final int IP_MTU = 14;
    public static final int IP_FREEBIND = 15;
    public static final int IP_BIND_ADDRESS_NO_PORT = 24;
    public static final int IP_MULTICAST_TTL = 33;

    // SOL_IPV6
    public static final int IPV6_UNICAST_HOPS = 16;
    public static final int IPV6_MULTICAST_HOPS = 18;
    public static final int IPV6_MTU_DISCOVER = 23;
    public static final int IPV6_MTU = 24;
    public static final int IPV6_RECVERR = 25;
    public static final int IPV6_V6ONLY = 26;
    public static final int IPV6_RECVHOPLIMIT = 51;
    public static final int IPV6_RECVTCLASS = 66;
    public static final int IPV6_TCLASS = 67;

    // IP_MTU_DISCOVER / IPV6_MTU_DISCOVER values
    public static final int IP_PMTUDISC_DONT = 0;
    public static final int IP_PMTUDISC_WANT = 1;
    public static final int IP_PMTUDISC_DO = 2;
    public static final int IP_PMTUDISC_PROBE = 3;
    public static final int IP_PMTUDISC_INTERFACE = 4;
    public static final int IP_PMTUDISC_OMIT = 5;

    // sock_extended_err.ee_origin
    public static final int SO_EE_ORIGIN_NONE = 0;
    public static final int SO_EE_ORIGIN_LOCAL = 1;
    public static final int SO_EE_ORIGIN_ICMP = 2;
    public static final int SO_EE_ORIGIN_ICMP6 = 3;

    // message flags
    public static final int MSG_OOB = 0x1;
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_DONTROUTE = 0x4;
    public static final int MSG_CTRUNC = 0x8;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_EOR = 0x80;
    public static final int MSG_WAITALL = 0x100;
    public static final int MSG_CONFIRM = 0x800;
    public static final int MSG_ERRQUEUE = 0x2000;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int MSG_MORE = 0x8000;

    /** {@code fcntl(F_SETFL)} flag. */
    public static final int O_NONBLOCK = 0x800;

    // shutdown(how)
    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    private static final Map<String, Integer> CONSTANTS = new LinkedHashMap<>();

    static {
        for (java.lang.reflect.Field f : SockOpt.class.getDeclaredFields()) {
            if (f.getType() == int.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                try {
                    CONSTANTS.put(f.getName(), f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        CONSTANTS.put("SO_RCVTIMEO_OLD", SO_RCVTIMEO);
        CONSTANTS.put("SO_SNDTIMEO_OLD", SO_SNDTIMEO);
        CONSTANTS.put("SO_TIMESTAMP_OLD", SO_TIMESTAMP);
        for (String s : new String[] {"EPOLLIN", "EPOLLPRI", "EPOLLOUT", "EPOLLERR", "EPOLLHUP", "EPOLLRDNORM", "EPOLLRDBAND",
                "EPOLLWRNORM", "EPOLLWRBAND", "EPOLLRDHUP", "EPOLLONESHOT", "EPOLLET"}) {
            CONSTANTS.put(s, Epoll.constant(s));
        }
        CONSTANTS.put("AF_UNSPEC", SockAddr.AF_UNSPEC);
        CONSTANTS.put("AF_INET", SockAddr.AF_INET);
        CONSTANTS.put("AF_INET6", SockAddr.AF_INET6);
        CONSTANTS.put("PF_INET", SockAddr.AF_INET);
        CONSTANTS.put("PF_INET6", SockAddr.AF_INET6);
    }

    /**
     * The value of a constant of the socket API by its C name ({@code SO_RCVBUF}, {@code MSG_PEEK},
     * {@code EPOLLIN}, {@code AF_INET}...), or null when the name is not one of them.
     */
    public static Integer constant(String name) {
        return CONSTANTS.get(name);
    }

    /** The option's C name ({@code SO_RCVBUF}, {@code IP_TTL}), or {@code level/name} in numbers. */
    public static String name(int level, int name) {
        String prefix = switch (level) {
            case SOL_SOCKET -> "SO_";
            case SOL_IP -> "IP_";
            case SOL_IPV6 -> "IPV6_";
            case SOL_UDP -> "UDP_";
            case SOL_TCP -> "TCP_";
            default -> null;
        };
        if (prefix != null) {
            for (Map.Entry<String, Integer> e : CONSTANTS.entrySet()) {
                if (e.getValue() == name && e.getKey().startsWith(prefix) && !e.getKey().contains("PMTUDISC")
                        && !e.getKey().contains("_OLD") && !e.getKey().startsWith("SO_EE_")) {
                    return e.getKey();
                }
            }
        }
        return level + "/" + name;
    }
}
