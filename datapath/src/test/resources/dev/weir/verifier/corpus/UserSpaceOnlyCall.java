package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected user-space-only
// Sizing or iterating a map is for user space (bpf() in Linux), not for programs.
public final class UserSpaceOnlyCall implements XdpProgram {
    @MapSpec(name = "flows", type = MapType.HASH, keySize = 8, valueSize = 8, maxEntries = 16)
    private HashMap flows;

    public int run(XdpContext ctx) {
        return flows.size() > 10 ? XdpAction.DROP : XdpAction.PASS;
    }
}
