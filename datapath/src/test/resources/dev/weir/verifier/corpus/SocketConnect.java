package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-io
// Opens a connection from inside the stack.
public final class SocketConnect implements XdpProgram {
    public int run(XdpContext ctx) {
        try {
            new java.net.Socket("example.com", 80).close();
        } catch (java.io.IOException e) {
            return 1;
        }
        return 2;
    }
}
