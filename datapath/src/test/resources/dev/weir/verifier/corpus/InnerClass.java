package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected instance-fields
// A non-static inner class that uses its enclosing instance holds it in a field.
public final class InnerClass implements XdpProgram {
    final class Inner {
        int get(XdpContext ctx) {
            return InnerClass.this.run(ctx);
        }
    }

    public int run(XdpContext ctx) {
        return 2;
    }
}
