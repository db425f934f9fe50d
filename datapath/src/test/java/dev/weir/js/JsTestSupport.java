package dev.weir.js;

import dev.weir.maps.CpuContext;
import dev.weir.maps.MapRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loading test programs from this package's resources. */
final class JsTestSupport {
    private JsTestSupport() {
    }

    /** The text of resource {@code dev/weir/js/NAME}. */
    static String source(String name) {
        try (InputStream in = JsTestSupport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource dev/weir/js/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A host's map registry with one CPU. */
    static MapRegistry registry() {
        return new MapRegistry("test", CpuContext.settable(1));
    }

    /** A loader on the shared runtime with a registry. */
    static JsProgramLoader loader(MapRegistry registry) {
        return JsProgramLoader.builder().maps(registry).build();
    }

    /** The number exported as {@code name} by the program's module. */
    static double exported(JsProgram<?> p, String name) {
        return p.instance().namespace().getMember(name).asDouble();
    }

    /** A PrintStream that keeps what is printed. */
    static final class Captured {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
