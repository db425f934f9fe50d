package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected deterministic
// The wall clock differs on every run of the simulation.
public final class NanoTime implements XdpProgram {
    public int run(XdpContext ctx) {
        return (int) System.nanoTime() & 1;
    }
}
