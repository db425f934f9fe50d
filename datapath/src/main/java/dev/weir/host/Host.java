package dev.weir.host;

import dev.weir.core.NetNs;
import dev.weir.hooks.Hooks;
import dev.weir.ip.IpStack;
import dev.weir.l2.L2;
import dev.weir.link.LinkEnd;
import dev.weir.maps.MapRegistry;
import dev.weir.napi.Softnet;
import dev.weir.neigh.Arp;
import dev.weir.neigh.Ndisc;
import dev.weir.netfilter.Netfilter;
import dev.weir.nic.Loopback;
import dev.weir.nic.Nic;
import dev.weir.route.Routing;
import dev.weir.sim.Simulation;
import dev.weir.socket.HostSockets;
import dev.weir.udp.Ping;
import dev.weir.tcp.cc.CongestionControlRegistry;
import dev.weir.udp.Udp;

/**
 * A simulated host: one network namespace with every stage of the packet path installed, in the
 * order the path needs them (see {@code dev.weir.core}'s package documentation):
 * NAPI and the per-CPU softirq ({@link Softnet}), the device layer ({@link L2}), the loopback
 * device, ARP and NDP, routing and addresses, netfilter, IPv4/IPv6 with ICMP, the socket layer with
 * UDP and ping sockets; then its maps, congestion-control registry and the attach points of its
 * programs ({@link Hooks}). NICs are added as links are plugged in.
 *
 * <p>Hosts are built by a topology ({@code weir run}) or directly in tests and embedding code:
 * <pre>{@code
 * Simulation sim = new Simulation(42);
 * Host a = new Host(sim, "a", 1);
 * Host b = new Host(sim, "b", 1);
 * Link link = new Link(sim, "a:eth0", "b:eth0", LinkConfig.DEFAULT);
 * a.attach("eth0", link.a());
 * b.attach("eth0", link.b());
 * }</pre>
 * Configuration is done with the Linux commands ({@code dev.weir.tools.Shell}).
 */
public final class Host implements Node {
    private final String name;
    private final NetNs net;
    private final Softnet softnet;
    private final L2 l2;
    private final Loopback lo;
    private final Arp arp;
    private final Ndisc ndisc;
    private final Routing routing;
    private final Netfilter netfilter;
    private final IpStack ip;
    private final MapRegistry maps;
    private final HostSockets sockets;
    private final Udp udp;
    private final Ping ping;
    private final CongestionControlRegistry cc;
    private final Hooks hooks;
    private final int index;
    private int nextEth;

    /**
     * @param index a small number distinct per node of a simulation, used in MAC addresses
     */
    public Host(Simulation sim, String name, int cpus, int index) {
        this.name = name;
        this.index = index;
        this.net = new NetNs(name, sim.scheduler(), sim.random("host:" + name), cpus);
        this.softnet = new Softnet(net);
        this.l2 = L2.install(net);
        this.lo = Loopback.create(softnet);
        this.arp = Arp.install(l2);
        this.ndisc = Ndisc.install(l2);
        this.routing = new Routing(net);
        this.netfilter = new Netfilter(net);
        this.ip = IpStack.install(net, l2, arp, ndisc, routing, netfilter);
        this.maps = MapRegistry.of(net);
        this.sockets = new HostSockets(ip);
        this.udp = Udp.install(sockets);
        this.ping = Ping.install(sockets);
        this.cc = new CongestionControlRegistry(net.sysctls());
        this.hooks = Hooks.of(net, maps, softnet, l2, netfilter, routing, arp, ndisc, cc);
    }

    public Host(Simulation sim, String name, int cpus) {
        this(sim, name, cpus, 1);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NetNs net() {
        return net;
    }

    public Softnet softnet() {
        return softnet;
    }

    public L2 l2() {
        return l2;
    }

    public Loopback loopback() {
        return lo;
    }

    public Arp arp() {
        return arp;
    }

    public Ndisc ndisc() {
        return ndisc;
    }

    public Routing routing() {
        return routing;
    }

    public Netfilter netfilter() {
        return netfilter;
    }

    public IpStack ip() {
        return ip;
    }

    public MapRegistry maps() {
        return maps;
    }

    /** The socket registry and port tables (what {@code ss} lists). */
    public HostSockets sockets() {
        return sockets;
    }

    public Udp udp() {
        return udp;
    }

    /** ICMP echo (ping) sockets. */
    public Ping ping() {
        return ping;
    }

    /**
     * The host's TCP congestion-control algorithms (reno, cubic, and loaded programs) with the
     * {@code net.ipv4.tcp_*congestion_control} sysctls: the registry the TCP stack selects from.
     */
    public CongestionControlRegistry congestionControl() {
        return cc;
    }

    /** The host's programs and attach points ({@code prog} commands, topology {@code programs:}). */
    public Hooks hooks() {
        return hooks;
    }

    @Override
    public Nic attach(String device, LinkEnd end) {
        String dev = device;
        if (dev == null) {
            do {
                dev = "eth" + nextEth++;
            } while (net.device(dev) != null);
        }
        Nic nic = Nic.create(softnet, dev, Macs.of(index, net.devices().size()));
        nic.connect(end);
        nic.open();
        return nic;
    }

    @Override
    public String toString() {
        return "Host[" + name + "]";
    }
}
