package dev.weir.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.XdpProgram;
import org.junit.jupiter.api.Test;

/** Size limits per method and per program, on generated programs. */
class VerifierLimitsTest {
    static byte[] synthetic(int methods, int perMethod) {
        return SyntheticProgram.generate("dev/example/Big", "dev/weir/api/prog/XdpProgram", ClassFormatTest.RUN,
                methods, perMethod);
    }

    @Test
    void aGeneratedProgramOfTenThousandInstructionsIsAcceptedAndRuns() {
        byte[] b = synthetic(4, 2_500);
        Verification v = new Verifier().verify(ProgramUnit.of(ClassFile.parse(b)));
        assertThat(v.accepted()).as(v.log()).isTrue();
        assertThat(v.summary().instructions()).isBetween(10_000, 10_200);
        LoadedProgram<XdpProgram> p = Corpus.loader().load(b).as(XdpProgram.class);
        Corpus.run(p, 0);
        assertThat(p.stats().aborts()).isZero();
        assertThat(p.stats().budgetUsed()).isGreaterThan(10_000);
    }

    @Test
    void aMethodOverTheLimitIsRefusedByName() {
        byte[] b = synthetic(1, 2_000); // about 3 KB of bytecode
        Verification v = new Verifier(new VerifierLimits(2048, 65536, 256, 16)).verify(ProgramUnit.of(ClassFile.parse(b)));
        assertThat(v.findings()).extracting(Finding::rule).containsExactly(Rule.METHOD_SIZE);
        Finding f = v.findings().get(0);
        assertThat(f.member() + f.descriptor()).isEqualTo("m0(I)I");
        assertThat(f.detail()).matches("the method has \\d+ bytes of bytecode; the limit is 2048\\.");
    }

    @Test
    void aHugeMethodWrittenInJavaIsRefused() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            body.append("        x = x * 31 + ").append(i).append(";\n");
        }
        String source = "package dev.example;\n\nimport dev.weir.api.prog.*;\n\n"
                + "public final class Huge implements XdpProgram {\n"
                + "    public int run(XdpContext ctx) {\n        int x = ctx.len();\n" + body
                + "        return x;\n    }\n}\n";
        ProgramLoader loader = Corpus.loader();
        Verification v = loader.verifier().verify(loader.readSource("Huge.java", source, null));
        assertThat(v.findings()).extracting(Finding::rule).containsExactly(Rule.METHOD_SIZE);
        assertThat(v.findings().get(0).place()).isEqualTo("dev.example.Huge.run(Ldev/weir/api/prog/XdpContext;)I line 7");
    }

    @Test
    void theDefaultMethodLimitIsEightKilobytes() {
        Verification v = new Verifier().verify(ProgramUnit.of(ClassFile.parse(synthetic(1, 6_000))));
        assertThat(v.findings()).extracting(Finding::rule).containsExactly(Rule.METHOD_SIZE);
        assertThat(v.findings().get(0).detail()).endsWith("the limit is 8192.");
    }

    @Test
    void programsOverTheTotalOrMethodLimitsAreRefused() {
        byte[] b = synthetic(20, 4_000); // 20 methods of about 6.5 KB
        Verification v = new Verifier().verify(ProgramUnit.of(ClassFile.parse(b)));
        assertThat(v.findings()).extracting(Finding::rule).containsExactly(Rule.PROGRAM_SIZE);
        assertThat(v.findings().get(0).detail()).contains("bytes of bytecode in all; the limit is 65536");

        Verification many = new Verifier(new VerifierLimits(8192, 65536, 10, 16))
                .verify(ProgramUnit.of(ClassFile.parse(synthetic(12, 10))));
        assertThat(many.findings()).extracting(Finding::detail)
                .containsExactly("the program has 14 methods; the limit is 10.");
    }
}
