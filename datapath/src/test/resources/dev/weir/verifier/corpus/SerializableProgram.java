package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-io
// Serialization rebuilds objects (and their state) outside the verifier.
public final class SerializableProgram implements XdpProgram, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public int run(XdpContext ctx) {
        return 2;
    }
}
