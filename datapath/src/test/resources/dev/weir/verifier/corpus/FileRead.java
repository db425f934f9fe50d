package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-io
// Reads a file of the host.
public final class FileRead implements XdpProgram {
    public int run(XdpContext ctx) {
        try (java.io.FileInputStream in = new java.io.FileInputStream("/etc/passwd")) {
            return in.read();
        } catch (java.io.IOException e) {
            return 1;
        }
    }
}
