package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-mutable-static
// An enum keeps its constants in a static array created at class initialization.
public final class EnumSwitch implements XdpProgram {
    enum Verdict { DROP, PASS }

    private static int code(Verdict v) {
        switch (v) {
            case DROP:
                return 1;
            default:
                return 2;
        }
    }

    public int run(XdpContext ctx) {
        return code(ctx.len() > 10 ? Verdict.PASS : Verdict.DROP);
    }
}
