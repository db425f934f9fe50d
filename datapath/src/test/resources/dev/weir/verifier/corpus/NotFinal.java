package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected program-class
// A program class must be final.
public class NotFinal implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        return 2;
    }
}
