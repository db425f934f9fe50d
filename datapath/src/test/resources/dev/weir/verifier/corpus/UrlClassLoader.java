package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-class-loading
// Loads classes from the network.
public final class UrlClassLoader implements XdpProgram {
    public int run(XdpContext ctx) {
        return java.net.URLClassLoader.newInstance(new java.net.URL[0]) == null ? 1 : 2;
    }
}
