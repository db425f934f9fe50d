package dev.weir.bench;

import dev.weir.verifier.ClassFile;
import dev.weir.verifier.ProgramUnit;
import dev.weir.verifier.SyntheticProgram;
import dev.weir.verifier.Verification;
import dev.weir.verifier.Verifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to verify a Java program of about {@code instructions} bytecode instructions (a generated
 * program: a chain of helper methods of straight-line arithmetic with a small loop every hundred
 * instructions, see {@link SyntheticProgram}). One operation parses the class file and runs every
 * pass of the verifier (class, method, instruction, data-flow, call graph), as loading does before
 * it instruments and defines the class.
 *
 * <p>Run: {@code scripts/bench VerifierBench} (1 fork, 3 warm-up and 5 measurement iterations of 1 s).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class VerifierBench {
    /** Helper methods of 2,500 instructions each: 4 make the 10,000-instruction program. */
    @Param({"4"})
    int methods;

    private byte[] program;
    private Verifier verifier;

    @Setup
    public void setUp() {
        program = SyntheticProgram.generate("dev/example/Big", "dev/weir/api/prog/XdpProgram",
                "(Ldev/weir/api/prog/XdpContext;)I", methods, 2_500);
        verifier = new Verifier();
        Verification v = verify();
        if (!v.accepted()) {
            throw new IllegalStateException("the generated program is rejected:\n" + v.log());
        }
    }

    @Benchmark
    public Verification verify() {
        return verifier.verify(ProgramUnit.of(ClassFile.parse(program)));
    }
}
