package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-mutable-static
// A switch over another class's enum compiles to a synthetic class holding a static int[] ($SwitchMap).
public final class ApiEnumSwitch implements XdpProgram {
    private static int code(MapType t) {
        switch (t) {
            case HASH:
                return 1;
            case ARRAY:
                return 3;
            default:
                return 2;
        }
    }

    public int run(XdpContext ctx) {
        return code(MapType.RINGBUF);
    }
}
