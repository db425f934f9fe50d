package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-indy
// A pattern switch links its dispatch at run time (SwitchBootstraps).
public final class PatternSwitch implements XdpProgram {
    public int run(XdpContext ctx) {
        Object o = ctx;
        return switch (o) {
            case XdpContext c -> 1;
            default -> 2;
        };
    }
}
