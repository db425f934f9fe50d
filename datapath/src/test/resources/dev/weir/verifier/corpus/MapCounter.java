package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// Counts packets per length in a map declared with @MapSpec.
// run: 3 -> 1
// run: 3 -> 2
// run: 4 -> 1
public final class MapCounter implements XdpLikeProgram {
    @MapSpec(name = "per_length", type = "HASH", keySize = 8, valueSize = 8, maxEntries = 64)
    private CounterLikeMap counts;

    public int run(XdpLikeContext ctx) {
        long n = counts.lookupLong(ctx.length()) + 1;
        counts.updateLong(ctx.length(), n);
        return (int) n;
    }
}
