package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// Counts packets per length in a map declared with @MapSpec.
// run: 3 -> 1
// run: 3 -> 2
// run: 4 -> 1
public final class MapCounter implements XdpProgram {
    @MapSpec(name = "per_length", type = MapType.HASH, keySize = 8, valueSize = 8, maxEntries = 64)
    private HashMap counts;

    public int run(XdpContext ctx) {
        long n = counts.lookupLong(ctx.len(), 0) + 1;
        counts.updateLong(ctx.len(), n, MapFlags.ANY);
        return (int) n;
    }
}
