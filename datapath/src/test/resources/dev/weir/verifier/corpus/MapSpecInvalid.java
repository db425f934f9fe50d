package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected map-spec
// A hash map needs a key size (MapDef's rules, as Linux checks them at map creation).
public final class MapSpecInvalid implements XdpProgram {
    @MapSpec(name = "flows", type = MapType.HASH, valueSize = 8, maxEntries = 16)
    private HashMap flows;

    public int run(XdpContext ctx) {
        return (int) flows.lookupLong(0, 0);
    }
}
