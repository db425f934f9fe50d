package dev.weir.host;

import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.link.LinkEnd;
import dev.weir.nic.Nic;

/** Something a link can plug into: a host or a switch. Each owns one network namespace. */
public interface Node {
    String name();

    NetNs net();

    /**
     * Creates a NIC named {@code device} (or the next free name of this node's kind: ethN for
     * hosts, portN for switches) with a deterministic MAC, connects it to {@code end} and
     * brings it up.
     */
    Nic attach(String device, LinkEnd end);

    /** The device named {@code name}; the message lists the node's devices when there is none. */
    default NetDevice device(String name) {
        return net().requireDevice(name);
    }
}
