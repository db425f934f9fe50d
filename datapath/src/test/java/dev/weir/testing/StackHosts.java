package dev.weir.testing;

import dev.weir.core.Args;
import dev.weir.core.Mib;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.ip.IpStack;
import dev.weir.l2.L2;
import dev.weir.link.FrameTap;
import dev.weir.link.Link;
import dev.weir.link.LinkConfig;
import dev.weir.link.LinkEnd;
import dev.weir.napi.Softnet;
import dev.weir.neigh.Arp;
import dev.weir.neigh.Ndisc;
import dev.weir.netfilter.Netfilter;
import dev.weir.nic.Loopback;
import dev.weir.nic.Nic;
import dev.weir.route.Ip;
import dev.weir.route.Routing;
import dev.weir.sim.Simulation;
import dev.weir.socket.HostSockets;
import dev.weir.udp.Ping;
import dev.weir.udp.Udp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Hosts assembled from every real stage up to the transports, as a topology builds them: NAPI
 * ({@link Softnet}), the loopback device and NICs with their default qdiscs, the device layer,
 * ARP and NDP, routing, netfilter, the IP layers ({@link IpStack#install}), the socket layer,
 * UDP and ping sockets; joined by real {@link Link}s. Buffer pools track leaks.
 *
 * <pre>{@code
 *   StackHosts net = new StackHosts(1);
 *   StackHosts.Host a = net.host("a"), b = net.host("b");
 *   net.connect(a, "eth0", "10.0.0.1/24", b, "eth0", "10.0.0.2/24", LinkConfig.DEFAULT);
 * }</pre>
 */
public final class StackHosts {
    public final Simulation sim;
    public final List<Host> hosts = new ArrayList<>();
    /** Frames seen leaving any link end, in order (when {@link #recordFrames} is on). */
    public final List<byte[]> frames = new ArrayList<>();
    public boolean recordFrames;
    private long nextMac = 1;

    public StackHosts(long seed) {
        this.sim = new Simulation(seed);
    }

    public Host host(String name) {
        Host h = new Host(name);
        hosts.add(h);
        return h;
    }

    /**
     * Joins {@code a} and {@code b} with a link, each end a NIC with the address given (a prefix
     * such as {@code 10.0.0.1/24}; IPv6 addresses may follow after a comma).
     */
    public Link connect(Host a, String devA, String addrA, Host b, String devB, String addrB, LinkConfig config) {
        Link l = new Link(sim, a.net.name() + ":" + devA, b.net.name() + ":" + devB, config);
        FrameTap tap = (t, frame, dir) -> {
            if (recordFrames && dir == FrameTap.OUTBOUND) {
                frames.add(frame.toByteArray());
            }
        };
        l.a().addTap(tap);
        l.b().addTap(tap);
        a.nic(devA, l.a(), addrA);
        b.nic(devB, l.b(), addrB);
        return l;
    }

    public void run(long nanos) {
        sim.scheduler().runUntil(sim.now() + nanos);
    }

    /**
     * Closes every socket still open (as the processes holding them would exit), lets every timer
     * run out, takes the devices down (NICs give their buffers back) and checks each pool.
     */
    public void assertNoLeaks() {
        for (Host h : hosts) {
            for (dev.weir.socket.Sock s : h.sockets.sockets()) {
                s.close();
            }
        }
        run(200_000_000_000L);
        for (Host h : hosts) {
            for (NetDevice d : h.net.devices()) {
                d.close();
            }
        }
        run(1_000_000_000L);
        for (Host h : hosts) {
            h.net.pool().assertNoLeaks();
        }
    }

    public final class Host {
        public final NetNs net;
        public final Softnet softnet;
        public final L2 l2;
        public final Loopback lo;
        public final Arp arp;
        public final Ndisc ndisc;
        public final Routing routing;
        public final Netfilter nf;
        public final IpStack ip;
        public final HostSockets sockets;
        public final Udp udp;
        public final Ping ping;

        Host(String name) {
            net = new NetNs(name, sim.scheduler(), sim.random("host:" + name), 1);
            net.pool().trackLeaks(true);
            softnet = new Softnet(net);
            l2 = L2.install(net);
            lo = Loopback.create(softnet);
            arp = Arp.install(l2);
            ndisc = Ndisc.install(l2);
            routing = new Routing(net);
            nf = new Netfilter(net);
            ip = IpStack.install(net, l2, arp, ndisc, routing, nf);
            sockets = new HostSockets(ip);
            udp = Udp.install(sockets);
            ping = Ping.install(sockets);
        }

        /** A NIC named {@code name} on {@code end}, up, with {@code addrs} (comma-separated prefixes). */
        public Nic nic(String name, LinkEnd end, String addrs) {
            Nic n = Nic.create(softnet, name, 0x02_00_00_00_00_00L | nextMac++);
            n.connect(end);
            n.open();
            for (String a : addrs.split(",")) {
                if (!a.isBlank()) {
                    ip("addr add " + a.trim() + " dev " + name + (a.contains(":") ? " nodad" : ""));
                }
            }
            return n;
        }

        /** {@code ip ...}; fails on any error. */
        public String ip(String command) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            Ip.run(routing, new Args("ip", Args.split(command)), new PrintWriter(out, true), new PrintWriter(err, true));
            if (!err.toString().isEmpty()) {
                throw new AssertionError("ip " + command + ": " + err);
            }
            return out.toString();
        }

        public void sysctl(String key, String value) {
            net.sysctls().set(key, value);
        }

        public long mib(Mib m) {
            return net.counters().get(m);
        }

        public long drops(dev.weir.core.DropReason r) {
            return net.counters().drops(r);
        }

        @Override
        public String toString() {
            return net.name();
        }
    }
}
