package dev.weir.ip;

import dev.weir.core.Args;
import dev.weir.core.NetNs;
import dev.weir.l2.L2;
import dev.weir.link.FrameTap;
import dev.weir.link.Link;
import dev.weir.link.LinkConfig;
import dev.weir.napi.Softnet;
import dev.weir.neigh.Arp;
import dev.weir.neigh.Ndisc;
import dev.weir.netfilter.Netfilter;
import dev.weir.nic.Loopback;
import dev.weir.nic.Nic;
import dev.weir.route.Ip;
import dev.weir.route.Routing;
import dev.weir.sim.Simulation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Hosts built from every real stage, as a topology would build them: NAPI, the loopback device
 * and NICs, the device layer, ARP and NDP, routing, netfilter and {@link IpStack#install}; joined
 * by real links whose frames a tap records.
 */
final class StackNet {
    final Simulation sim = new Simulation(7);
    final List<Host> hosts = new ArrayList<>();

    final class Host {
        final NetNs net;
        final Softnet softnet;
        final L2 l2;
        final Loopback lo;
        final Arp arp;
        final Ndisc ndisc;
        final Routing routing;
        final Netfilter nf;
        final IpStack ip;

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
            hosts.add(this);
        }

        /** A NIC with MAC {@code mac} on {@code end} of a link, up. */
        Nic nic(String name, long mac, dev.weir.link.LinkEnd end) {
            Nic n = Nic.create(softnet, name, mac);
            n.connect(end);
            n.open();
            return n;
        }

        String ip(String command) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            Ip.run(routing, new Args("ip", Args.split(command)), new PrintWriter(out, true), new PrintWriter(err, true));
            if (!err.toString().isEmpty()) {
                throw new AssertionError("ip " + command + ": " + err);
            }
            return out.toString();
        }

        long mib(dev.weir.core.Mib m) {
            return net.counters().get(m);
        }
    }

    /** A link whose frames, as they leave either end, are recorded in {@code frames}. */
    Link link(String a, String b, List<byte[]> frames) {
        Link l = new Link(sim, a, b, LinkConfig.DEFAULT);
        FrameTap tap = (t, frame, dir) -> {
            if (dir == FrameTap.OUTBOUND) {
                frames.add(frame.toByteArray());
            }
        };
        l.a().addTap(tap);
        l.b().addTap(tap);
        return l;
    }

    void run(long nanos) {
        sim.scheduler().runUntil(sim.now() + nanos);
    }

    /** Lets every timer run out, takes the devices down (NICs give their posted buffers back), checks each pool. */
    void assertNoLeaks() {
        run(200_000_000_000L);
        for (Host h : hosts) {
            for (dev.weir.core.NetDevice d : h.net.devices()) {
                d.close();
            }
        }
        run(1_000_000_000L);
        for (Host h : hosts) {
            h.net.pool().assertNoLeaks();
        }
    }
}
