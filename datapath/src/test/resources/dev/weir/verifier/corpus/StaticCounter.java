package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-mutable-static
// A static counter keeps state outside any map.
public final class StaticCounter implements XdpProgram {
    static int counter;

    public int run(XdpContext ctx) {
        counter++;
        return 2;
    }
}
