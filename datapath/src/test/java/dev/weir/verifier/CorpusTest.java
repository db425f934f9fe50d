package dev.weir.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.ProgramType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every program of the corpus (see {@link Corpus}) meets its fate: hostile programs are rejected
 * at load with the rule their header names, or are accepted and contained at run time (ABORTED,
 * and the next run works); valid programs are accepted and compute what their header says.
 */
class CorpusTest {
    private static List<Corpus.Program> programs;

    @BeforeAll
    static void read() {
        programs = Corpus.all();
    }

    static List<Corpus.Program> programs() {
        return Corpus.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void meetsItsFate(Corpus.Program p) {
        ProgramLoader loader = Corpus.loader();
        ProgramUnit unit = loader.read(Corpus.compile(p), p.className(), p.name() + ".java");
        Verification v = loader.verifier().verify(unit);
        if (p.expect().equals("rejected")) {
            assertThat(v.accepted()).as("%s is rejected", p.name()).isFalse();
            assertThat(v.findings()).as(v.log()).extracting(Finding::rule).contains(p.rule());
            for (Finding f : v.findings()) {
                assertThat(f.format()).startsWith("REJECTED dev.example.").contains("[" + f.rule().id() + "]");
            }
            return;
        }
        assertThat(v.accepted()).as(v.log()).isTrue();
        LoadedProgram<?> loaded = loader.load(unit);
        if (loaded.type() != ProgramType.XDP) {
            assertThat(p.runs()).as("only XDP programs are run here").isEmpty();
            assertThat(p.expect()).isEqualTo("accepted");
            return;
        }
        assertThat(p.runs()).as("a program that runs states its runs").isNotEmpty();
        long aborted = 0;
        for (Corpus.Run r : p.runs()) {
            assertThat(Corpus.run(loaded, r.length())).as("%s run %s", p.name(), r).isEqualTo(r.result());
            if (r.result() == Corpus.ABORTED) {
                aborted++;
            }
            assertThat(loaded.stats().aborts()).isEqualTo(aborted);
        }
        assertThat(loaded.stats().runs()).isEqualTo(p.runs().size());
        if (p.expect().equals("contained")) {
            assertThat(aborted).as("a contained program aborts at least once").isPositive();
        } else {
            assertThat(aborted).as("a valid program never aborts").isZero();
        }
    }

    @Test
    void theCorpusHasAtLeastFortyHostilePrograms() {
        long hostile = programs.stream().filter(p -> !p.expect().equals("accepted")).count();
        assertThat(hostile).isGreaterThanOrEqualTo(40);
    }

    @Test
    void everyRuleAProgramCanBreakHasAProgramBreakingIt() {
        Set<Rule> covered = programs.stream().filter(p -> p.rule() != null).map(Corpus.Program::rule)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Rule.class)));
        // Tested elsewhere with generated classes: malformed bytecode and the size limits.
        Set<Rule> elsewhere = EnumSet.of(Rule.CLASS_FORMAT, Rule.METHOD_SIZE, Rule.PROGRAM_SIZE);
        assertThat(EnumSet.complementOf(EnumSet.copyOf(elsewhere))).isSubsetOf(covered);
    }
}
