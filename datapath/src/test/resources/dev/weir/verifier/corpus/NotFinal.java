package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected program-class
// A program class must be final.
public class NotFinal implements XdpProgram {
    public int run(XdpContext ctx) {
        return 2;
    }
}
