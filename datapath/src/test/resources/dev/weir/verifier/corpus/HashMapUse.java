package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-alloc
// A collection per packet instead of a map.
public final class HashMapUse implements XdpProgram {
    public int run(XdpContext ctx) {
        java.util.HashMap<Integer, Integer> m = new java.util.HashMap<>();
        return m.size();
    }
}
