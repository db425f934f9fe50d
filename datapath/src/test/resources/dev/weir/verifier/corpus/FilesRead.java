package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-io
// java.nio.file reads files.
public final class FilesRead implements XdpProgram {
    public int run(XdpContext ctx) {
        try {
            return java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/etc/passwd")).length;
        } catch (java.io.IOException e) {
            return 1;
        }
    }
}
