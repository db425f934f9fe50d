package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-field-write
// Writes into an array held in a field (here a @MapSpec field of array type).
public final class ArrayStoreIntoFieldArray implements XdpProgram {
    @MapSpec(name = "table", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 4)
    long[] table;

    public int run(XdpContext ctx) {
        long[] t = table;
        t[0] = ctx.len();
        return 2;
    }
}
