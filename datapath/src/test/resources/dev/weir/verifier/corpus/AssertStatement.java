package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-reflection
// `assert` compiles to Class.desiredAssertionStatus() in the static initializer.
public final class AssertStatement implements XdpProgram {
    public int run(XdpContext ctx) {
        assert ctx.len() > 0;
        return 2;
    }
}
