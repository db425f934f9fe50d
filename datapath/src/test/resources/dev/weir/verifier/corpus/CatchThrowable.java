package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-catch-error
// Tries to survive the budget error and keep looping.
public final class CatchThrowable implements XdpProgram {
    public int run(XdpContext ctx) {
        int n = 0;
        while (true) {
            try {
                for (;;) {
                    n++;
                }
            } catch (Throwable t) {
                n = 0;
            }
        }
    }
}
