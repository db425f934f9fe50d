package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-field-write
// Keeps a packet count in a field instead of a map.
public final class InstanceFieldWrite implements XdpLikeProgram {
    private long packets;

    public int run(XdpLikeContext ctx) {
        packets++;
        return 2;
    }
}
