package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected instance-fields
// A non-static inner class that uses its enclosing instance holds it in a field.
public final class InnerClass implements XdpLikeProgram {
    final class Inner {
        int get(XdpLikeContext ctx) {
            return InnerClass.this.run(ctx);
        }
    }

    public int run(XdpLikeContext ctx) {
        return 2;
    }
}
