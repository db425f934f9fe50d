package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-class-loading
// Loads classes from the network.
public final class UrlClassLoader implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        return java.net.URLClassLoader.newInstance(new java.net.URL[0]) == null ? 1 : 2;
    }
}
