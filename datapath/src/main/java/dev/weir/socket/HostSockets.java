package dev.weir.socket;

import dev.weir.core.NetNs;
import dev.weir.core.Sysctls;
import dev.weir.core.Sysctls.Value;
import dev.weir.ip.IpStack;
import dev.weir.route.Routing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The socket layer of one host: the sockets open on it (what {@code ss} lists), the protocols'
 * port tables, and the socket sysctls, with Linux's names and defaults:
 *
 * <table>
 *   <caption>sysctls</caption>
 *   <tr><td>{@code net.core.rmem_default}, {@code wmem_default}</td><td>212992</td>
 *       <td>a new socket's {@code SO_RCVBUF} / {@code SO_SNDBUF}</td></tr>
 *   <tr><td>{@code net.core.rmem_max}, {@code wmem_max}</td><td>4194304</td>
 *       <td>the most {@code SO_RCVBUF}/{@code SO_SNDBUF} accept before doubling (Linux 6.18's
 *       defaults; earlier kernels had 212992)</td></tr>
 *   <tr><td>{@code net.ipv4.ip_local_port_range}</td><td>32768 60999</td><td>ephemeral ports</td></tr>
 *   <tr><td>{@code net.ipv4.ping_group_range}</td><td>0 2147483647</td><td>who may open ping
 *       sockets: everyone in Weir (Linux's default is "1 0", nobody, and iputils falls back to
 *       raw sockets; Weir has no raw sockets, so its ping always uses ping sockets)</td></tr>
 *   <tr><td>{@code net.ipv4.ip_nonlocal_bind}, {@code net.ipv6.ip_nonlocal_bind}</td><td>0</td>
 *       <td>bind addresses the host does not have</td></tr>
 *   <tr><td>{@code net.ipv6.bindv6only}</td><td>0</td><td>the default of {@code IPV6_V6ONLY}</td></tr>
 * </table>
 *
 * <p>A knob another stage registered first is used, not registered again. Build one per host,
 * after its IP layers ({@link #HostSockets(IpStack)}); protocols take it when they are installed.
 */
public final class HostSockets {
    private final NetNs net;
    private final IpStack ip;
    private final Routing routing;
    final Value rmemDefault;
    final Value wmemDefault;
    final Value rmemMax;
    final Value wmemMax;
    final Value localPortRange;
    final Value pingGroupRange;
    final Value nonlocalBind4;
    final Value nonlocalBind6;
    final Value bindV6Only;
    private final Map<String, PortTable> tables = new LinkedHashMap<>();
    private final List<Sock> sockets = new ArrayList<>();

    public HostSockets(IpStack ip) {
        this.ip = ip;
        this.net = ip.net();
        this.routing = ip.v4().routing();
        Sysctls s = net.sysctls();
        rmemDefault = intKnob(s, "net.core.rmem_default", 212992, "default receive buffer of a socket, bytes");
        wmemDefault = intKnob(s, "net.core.wmem_default", 212992, "default send buffer of a socket, bytes");
        rmemMax = intKnob(s, "net.core.rmem_max", 4194304, "largest SO_RCVBUF an application may ask for, bytes");
        wmemMax = intKnob(s, "net.core.wmem_max", 4194304, "largest SO_SNDBUF an application may ask for, bytes");
        localPortRange = s.exists("net.ipv4.ip_local_port_range") ? s.value("net.ipv4.ip_local_port_range")
                : s.registerVector("net.ipv4.ip_local_port_range", new long[] {32768, 60999}, 1, 65535,
                        "first and last ephemeral port");
        pingGroupRange = s.exists("net.ipv4.ping_group_range") ? s.value("net.ipv4.ping_group_range")
                : s.registerVector("net.ipv4.ping_group_range", new long[] {0, 2147483647}, 0, 2147483647,
                        "groups allowed to open ICMP echo (ping) sockets; Weir allows all");
        nonlocalBind4 = flag(s, "net.ipv4.ip_nonlocal_bind", "allow binding IPv4 addresses this host does not have");
        nonlocalBind6 = flag(s, "net.ipv6.ip_nonlocal_bind", "allow binding IPv6 addresses this host does not have");
        bindV6Only = flag(s, "net.ipv6.bindv6only", "default of IPV6_V6ONLY for new IPv6 sockets");
    }

    private static Value intKnob(Sysctls s, String name, long def, String doc) {
        return s.exists(name) ? s.value(name) : s.registerInt(name, def, 0, Integer.MAX_VALUE, doc);
    }

    private static Value flag(Sysctls s, String name, String doc) {
        return s.exists(name) ? s.value(name) : s.registerInt(name, 0, 0, 1, doc);
    }

    public NetNs net() {
        return net;
    }

    public IpStack ip() {
        return ip;
    }

    public Routing routing() {
        return routing;
    }

    /** The port table named {@code name} ("udp", "tcp", "ping"), created with {@code conflict} on first use. */
    public PortTable portTable(String name, PortTable.Conflict conflict) {
        return tables.computeIfAbsent(name, n -> new PortTable(n, this, conflict));
    }

    /** {@code ping_group_range} permits group 0 (Weir's applications run as root). */
    public boolean pingAllowed() {
        return pingGroupRange.get(0) <= 0 && 0 <= pingGroupRange.get(1);
    }

    /** {@code net.ipv4.ip_default_ttl}. */
    int ipDefaultTtl() {
        return ip.sysctls().ipDefaultTtl.getInt();
    }

    /** {@code net.ipv4.ip_no_pmtu_disc}. */
    int ipNoPmtuDisc() {
        return ip.sysctls().ipNoPmtuDisc.getInt();
    }

    /** {@code net.ipv6.conf.all.hop_limit} (64). */
    int defaultHopLimit6() {
        Sysctls s = net.sysctls();
        return s.exists("net.ipv6.conf.all.hop_limit") ? s.value("net.ipv6.conf.all.hop_limit").getInt() : 64;
    }

    void add(Sock sk) {
        sockets.add(sk);
    }

    void remove(Sock sk) {
        sockets.remove(sk);
    }

    /** The open sockets, in the order they were created. */
    public List<Sock> sockets() {
        return Collections.unmodifiableList(new ArrayList<>(sockets));
    }

    @Override
    public String toString() {
        return "HostSockets[" + net.name() + ", " + sockets.size() + " open]";
    }
}
