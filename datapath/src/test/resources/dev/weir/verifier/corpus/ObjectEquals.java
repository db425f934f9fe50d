package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected allow-list
// equals() may run code of another class.
public final class ObjectEquals implements XdpProgram {
    public int run(XdpContext ctx) {
        return ctx.equals(null) ? 1 : 2;
    }
}
