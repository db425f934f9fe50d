package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected program-class
// A record extends java.lang.Record and links its methods with invokedynamic.
public record RecordProgram() implements XdpProgram {
    public int run(XdpContext ctx) {
        return 2;
    }
}
