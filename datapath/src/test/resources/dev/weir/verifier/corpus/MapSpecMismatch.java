package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected map-spec
// An ARRAY map cannot sit in a HashMap field.
public final class MapSpecMismatch implements XdpProgram {
    @MapSpec(name = "counts", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 16)
    private HashMap counts;

    public int run(XdpContext ctx) {
        return (int) counts.lookupLong(0, 0);
    }
}
