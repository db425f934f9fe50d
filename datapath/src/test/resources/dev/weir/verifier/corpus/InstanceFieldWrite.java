package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-field-write
// Keeps a packet count in a field instead of a map.
public final class InstanceFieldWrite implements XdpProgram {
    private long packets;

    public int run(XdpContext ctx) {
        packets++;
        return 2;
    }
}
