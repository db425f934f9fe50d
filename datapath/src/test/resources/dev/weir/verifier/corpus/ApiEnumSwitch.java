package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-mutable-static
// A switch over another class's enum compiles to a synthetic class holding a static int[] ($SwitchMap).
public final class ApiEnumSwitch implements XdpLikeProgram {
    private static int code(XdpLikeAction a) {
        switch (a) {
            case DROP:
                return 1;
            case TX:
                return 3;
            default:
                return 2;
        }
    }

    public int run(XdpLikeContext ctx) {
        return code(XdpLikeAction.PASS);
    }
}
