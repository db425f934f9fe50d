package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-reflection
// `assert` compiles to Class.desiredAssertionStatus() in the static initializer.
public final class AssertStatement implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        assert ctx.length() > 0;
        return 2;
    }
}
