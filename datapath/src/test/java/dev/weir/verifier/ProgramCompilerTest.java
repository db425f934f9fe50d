package dev.weir.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Programs compiled in-process from source; errors as javac prints them, with file and line. */
class ProgramCompilerTest {
    private static final String TYPO = """
            package dev.example;

            import dev.weir.api.prog.*;

            public final class Typo implements XdpProgram {
                public int run(XdpContext ctx) {
                    return ctx.lenght();
                }
            }
            """;

    @Test
    void compileErrorsShowFileLineMessageSourceAndCaret() {
        assertThatThrownBy(() -> Corpus.compiler().compile("Typo.java", TYPO))
                .isInstanceOfSatisfying(ProgramLoadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ProgramLoadException.Reason.COMPILE);
                    assertThat(e.getMessage()).startsWith("""
                            Typo.java:7: error: cannot find symbol
                                    return ctx.lenght();
                                              ^
                            """).contains("symbol:   method lenght()").endsWith("1 error");
                });
    }

    @Test
    void aFileIsNamedAsGivenAndEveryErrorIsListed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Two.java");
        Files.writeString(f, """
                package dev.example;

                public final class Two {
                    int a() { return "x"; }
                    int b() { return missing; }
                }
                """);
        assertThatThrownBy(() -> Corpus.compiler().compile(f)).hasMessageContaining(f + ":4: error: incompatible types")
                .hasMessageContaining(f + ":5: error: cannot find symbol").hasMessageEndingWith("2 errors");
    }

    @Test
    void classFilesCarryLineNumbersAndNestedClasses() {
        Map<String, byte[]> classes = Corpus.compiler().compile("Helpers.java", Corpus.byName("Helpers").source());
        assertThat(classes).containsOnlyKeys("dev/example/Helpers", "dev/example/Helpers$Bits");
        assertThat(Javap.read(classes.get("dev/example/Helpers")).get("run(Ldev/weir/api/prog/XdpContext;)I").lines())
                .isNotEmpty();
    }

    @Test
    void theClassPathHoldsHooksApi() {
        assertThat(new ProgramCompiler().classPath()).hasSize(1)
                .allSatisfy(p -> assertThat(p.toString()).contains("hooks-api"));
    }
}
