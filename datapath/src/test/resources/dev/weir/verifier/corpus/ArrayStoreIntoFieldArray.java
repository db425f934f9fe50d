package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-field-write
// Writes into an array held in a field (here a @MapSpec field of array type).
public final class ArrayStoreIntoFieldArray implements XdpLikeProgram {
    @MapSpec(name = "table")
    long[] table;

    public int run(XdpLikeContext ctx) {
        long[] t = table;
        t[0] = ctx.length();
        return 2;
    }
}
