package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected allow-list
// Reads the static of a class that was not submitted with the program.
public final class OtherClassStatic implements XdpProgram {
    public int run(XdpContext ctx) {
        return Shared.limit;
    }
}

final class Shared {
    static int limit = 3;
}
