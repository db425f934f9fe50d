package dev.weir.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verifier log: every rejection names class, method with descriptor, source line, bytecode
 * index, the rule and how to fix it, in one line; lines and indexes agree with javap's.
 */
class VerifierLogTest {
    private static final ProgramLoader LOADER = Corpus.loader();

    private static Verification verify(String name, String source) {
        return LOADER.verifier().verify(LOADER.readSource(name + ".java", source, null));
    }

    @Test
    void aRejectionNamesClassMethodLineBytecodeRuleAndFix() {
        Verification v = verify("Bad", """
                package dev.example;

                import dev.weir.api.prog.*;

                public final class Bad implements XdpProgram {
                    public int run(XdpContext ctx) {
                        int n = ctx.len();
                        Object o = new java.util.ArrayList<Integer>();
                        return o == null ? n : 2;
                    }
                }
                """);
        assertThat(v.accepted()).isFalse();
        assertThat(v.findings()).hasSize(1);
        // aload_1, invokeinterface (5 bytes), istore_2: the `new` is at bytecode 7, on line 8.
        assertThat(v.findings().get(0).format()).isEqualTo("REJECTED dev.example.Bad.run(Ldev/weir/api/prog/XdpContext;)I"
                + " line 8 (bytecode 7): allocation in a program method [no-alloc]: 'new java/util/ArrayList' creates"
                + " an object on every run (every packet). Programs must not allocate: keep state in a map"
                + " (@MapSpec field) and use ctx.scratch() for temporary bytes.");
        assertThat(v.log()).endsWith("\n1 problem in dev.example.Bad: the program was not loaded.\n");
    }

    @Test
    void classAndFieldFindingsNameTheClassAndTheField() {
        Verification v = verify("Shape", """
                package dev.example;

                import dev.weir.api.prog.*;

                public class Shape implements XdpProgram {
                    static int hits;

                    public int run(XdpContext ctx) {
                        return 2;
                    }
                }
                """);
        assertThat(v.findings()).extracting(Finding::place)
                .containsExactly("dev.example.Shape", "dev.example.Shape.hits:I (field)");
        assertThat(v.findings().get(0).format()).startsWith("REJECTED dev.example.Shape: a program class must be public"
                + " and final").contains("[program-class]: it is declared without `final`.");
        assertThat(v.findings().get(1).format()).startsWith("REJECTED dev.example.Shape.hits:I (field): mutable static"
                + " state [no-mutable-static]: static field 'hits' is not final");
    }

    @Test
    void everyFindingOfTheCorpusHasTheBytecodeIndexAndLineJavapShows() {
        int checked = 0;
        for (Corpus.Program p : Corpus.all()) {
            if (!p.expect().equals("rejected")) {
                continue;
            }
            Map<String, byte[]> classes = Corpus.compile(p);
            Verification v = LOADER.verifier().verify(LOADER.read(classes, p.className(), p.name()));
            Map<String, Map<String, Javap.Method>> javap = new java.util.HashMap<>();
            for (Finding f : v.findings()) {
                if (f.bci() < 0) {
                    continue;
                }
                byte[] cls = classes.get(f.className().replace('.', '/'));
                Javap.Method m = javap.computeIfAbsent(f.className(), k -> Javap.read(cls)).get(f.member() + f.descriptor());
                assertThat(m).as("javap shows %s%s", f.member(), f.descriptor()).isNotNull();
                assertThat(m.offsets()).as(f.format()).contains(f.bci());
                assertThat(f.line()).as(f.format()).isEqualTo(m.lineAt(f.bci()));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void findingsComeOncePerPlaceInClassFileOrder() {
        // Two catch ranges share the IOException handler of a try-with-resources.
        Verification v = LOADER.verifier().verify(LOADER.read(Corpus.compile(Corpus.byName("FileRead")),
                "dev.example.FileRead", "FileRead"));
        List<Finding> f = v.findings();
        assertThat(f).doesNotHaveDuplicates();
        for (int i = 1; i < f.size(); i++) {
            assertThat(f.get(i).bci()).isGreaterThanOrEqualTo(f.get(i - 1).bci());
        }
    }

    @Test
    void everyRuleHasAnIdAStatementAndAFix() {
        for (Rule r : Rule.values()) {
            assertThat(r.id()).matches("[a-z]+(-[a-z]+)*");
            assertThat(Rule.byId(r.id())).isSameAs(r);
            assertThat(r.statement()).isNotBlank().doesNotEndWith(".");
            assertThat(r.fix()).isNotBlank().endsWith(".");
        }
    }
}
