package dev.weir.app;

import dev.weir.sim.Scheduler;
import dev.weir.socket.HostSockets;
import dev.weir.socket.SockAddr;
import dev.weir.udp.Ping;
import dev.weir.udp.Udp;
import java.util.List;

/**
 * What an application gets from the host it runs on: the socket layer and its protocols, where
 * to print, and how to resolve host names (a topology resolves its hosts' names; literal
 * addresses need nothing).
 *
 * @param sockets the host's socket layer
 * @param udp the host's UDP
 * @param ping the host's ping sockets
 * @param out where the application prints
 * @param resolver names to addresses ({@code getaddrinfo}), IPv4 first
 */
public record AppContext(HostSockets sockets, Udp udp, Ping ping, LineSink out, Resolver resolver) {
    /** Host names to addresses, as {@code getaddrinfo} would give them (port 0). */
    @FunctionalInterface
    public interface Resolver {
        /** The addresses of {@code name}, IPv4 first; empty when unknown. */
        List<SockAddr> resolve(String name);

        Resolver NONE = name -> List.of();
    }

    public AppContext(HostSockets sockets, Udp udp, Ping ping, LineSink out) {
        this(sockets, udp, ping, out, Resolver.NONE);
    }

    public Scheduler scheduler() {
        return sockets.net().scheduler();
    }

    /** Virtual time now, in nanoseconds. */
    public long now() {
        return sockets.net().now();
    }

    /**
     * {@code text} as an address: a literal IPv4 or IPv6 address (whatever {@code family}
     * says), else the first the resolver gives of {@code family} (0 for either); null when there
     * is none.
     */
    public SockAddr address(String text, int family) {
        boolean v6 = text.indexOf(':') >= 0;
        if (dev.weir.api.wire.Ipv4Address.isIpv4(text) || v6) {
            SockAddr a;
            try {
                a = SockAddr.parse(v6 ? "[" + text + "]" : text);
            } catch (IllegalArgumentException e) {
                return null;
            }
            return a;
        }
        for (SockAddr a : resolver.resolve(text)) {
            if (family == 0 || a.family() == family) {
                return a;
            }
        }
        return null;
    }
}
