package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-indy
// A pattern switch links its dispatch at run time (SwitchBootstraps).
public final class PatternSwitch implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        Object o = ctx;
        return switch (o) {
            case XdpLikeContext c -> 1;
            default -> 2;
        };
    }
}
