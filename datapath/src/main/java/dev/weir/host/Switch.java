package dev.weir.host;

import dev.weir.core.NetNs;
import dev.weir.l2.Bridge;
import dev.weir.l2.L2;
import dev.weir.link.LinkEnd;
import dev.weir.napi.Softnet;
import dev.weir.nic.Nic;
import dev.weir.sim.Simulation;

/**
 * A learning switch: a namespace holding one Linux bridge whose ports are NICs on links. It
 * forwards frames by learned MAC address (ageing as the bridge's ageing_time), floods unknown
 * destinations, and never touches the IP header (bridging is not routing: no TTL decrement).
 * Its NICs have the same receive model as a host's (rings, NAPI, CPU cost).
 */
public final class Switch implements Node {
    private final String name;
    private final NetNs net;
    private final Softnet softnet;
    private final L2 l2;
    private final Bridge bridge;
    private final int index;
    private int nextPort;

    public Switch(Simulation sim, String name, int index, long ageingNanos) {
        this.name = name;
        this.index = index;
        this.net = new NetNs(name, sim.scheduler(), sim.random("switch:" + name), 1);
        this.softnet = new Softnet(net);
        this.l2 = L2.install(net);
        this.bridge = l2.addBridge("br0");
        bridge.setAgeingTime(ageingNanos);
        bridge.open();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NetNs net() {
        return net;
    }

    public Bridge bridge() {
        return bridge;
    }

    public L2 l2() {
        return l2;
    }

    @Override
    public Nic attach(String device, LinkEnd end) {
        String dev = device;
        if (dev == null) {
            do {
                dev = "port" + nextPort++;
            } while (net.device(dev) != null);
        }
        Nic nic = Nic.create(softnet, dev, Macs.of(index, net.devices().size()), 1);
        nic.connect(end);
        nic.open();
        bridge.addPort(nic);
        return nic;
    }

    @Override
    public String toString() {
        return "Switch[" + name + "]";
    }
}
