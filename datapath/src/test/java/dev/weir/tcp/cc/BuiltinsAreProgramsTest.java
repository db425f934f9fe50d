package dev.weir.tcp.cc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.verifier.ClassFile;
import dev.weir.verifier.ProgramUnit;
import dev.weir.verifier.Verification;
import dev.weir.verifier.Verifier;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The built-in algorithms are ordinary programs: Weir's verifier accepts their classes as it
 * would a user's (no state outside the private area and maps, no allocation, only hooks-api and
 * the pure java.lang helpers).
 */
class BuiltinsAreProgramsTest {
    private static ClassFile classFile(Class<?> c) throws IOException {
        String file = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = c.getResourceAsStream(file)) {
            return ClassFile.parse(in.readAllBytes());
        }
    }

    @Test
    void renoPassesTheVerifier() throws IOException {
        Verification v = new Verifier().verify(ProgramUnit.of(classFile(Reno.class)));
        assertThat(v.accepted()).as(v.log()).isTrue();
    }

    @Test
    void cubicPassesTheVerifierWithItsParametersAsAMap() throws IOException {
        // Cubic.Params is user space (the sysfs side of the map), not part of the program.
        Verification v = new Verifier().verify(ProgramUnit.of(classFile(Cubic.class)));
        assertThat(v.accepted()).as(v.log()).isTrue();
    }
}
