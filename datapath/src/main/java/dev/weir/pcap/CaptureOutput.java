package dev.weir.pcap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening a writer on a new file, closing the file again if the writer cannot start. */
final class CaptureOutput {
    /** A writer's constructor over a stream. */
    interface Opener<W> {
        W open(OutputStream out) throws IOException;
    }

    private CaptureOutput() {}

    static <W> W create(Path file, Opener<W> opener) throws IOException {
        OutputStream s = Files.newOutputStream(file);
        try {
            return opener.open(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
