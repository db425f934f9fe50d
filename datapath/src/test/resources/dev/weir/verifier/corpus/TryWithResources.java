package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-catch-error
// try-with-resources compiles to catch (Throwable).
public final class TryWithResources implements XdpProgram {
    public int run(XdpContext ctx) {
        try (AutoCloseable c = null) {
            return ctx.len();
        } catch (Exception e) {
            return 1;
        }
    }
}
