package dev.weir.hooks.testing;

import dev.weir.api.maps.WeirMap;
import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.StageFunction;
import dev.weir.api.prog.Tracepoint;
import dev.weir.hooks.TestRun;
import dev.weir.maps.MapImpl;
import dev.weir.verifier.LoadedProgram;
import java.util.Map;

/**
 * A loaded program with the {@link TestRun} environment it was loaded into (its own maps, clock
 * and random stream): what {@link WeirProgramExtension} injects, and a convenient handle for
 * tests written without it.
 */
public final class ProgramUnderTest {
    private final TestRun env;
    private final LoadedProgram<?> program;

    public ProgramUnderTest(TestRun env, LoadedProgram<?> program) {
        this.env = env;
        this.program = program;
    }

    /** Loads {@code programClass} into a fresh environment. */
    public static ProgramUnderTest of(Class<?> programClass) {
        TestRun t = new TestRun();
        return new ProgramUnderTest(t, t.load(programClass));
    }

    public TestRun env() {
        return env;
    }

    public LoadedProgram<?> program() {
        return program;
    }

    /** Runs once on {@code input} (see {@link TestRun#run}). */
    public TestRun.Result run(byte[] input) {
        return env.run(program, input, 1);
    }

    public TestRun.Result run(byte[] input, int repeat) {
        return env.run(program, input, repeat);
    }

    /** A tc program on egress. */
    public TestRun.Result egress(byte[] frame) {
        return env.tc(program, frame, false, 1);
    }

    /** A netfilter program at another hook or family. */
    public TestRun.Result netfilter(byte[] packet, int pf, int hook) {
        return env.netfilter(program, packet, pf, hook, 1);
    }

    public TestRun.Result tracepoint(Tracepoint tp, Map<String, ?> fields) {
        return env.tracepoint(program, tp, fields, 1);
    }

    public TestRun.Result probe(StageFunction f, boolean exit, byte[] skbData, long[] args, long ret) {
        return env.probe(program, f, exit, skbData, args, ret, 1);
    }

    /** The algorithm of a congestion-control program, as the stack calls it. */
    public CongestionControl congestionControl() {
        return env.congestionControl(program);
    }

    /** The program's map named {@code name} (its declared name), for user-space reads and writes. */
    public MapHandle map(String name) {
        for (LoadedProgram.BoundMap b : program.maps()) {
            if (b.map().name().equals(name) && b.map() instanceof MapImpl m) {
                return new MapHandle(m);
            }
        }
        StringBuilder names = new StringBuilder();
        for (LoadedProgram.BoundMap b : program.maps()) {
            names.append(names.isEmpty() ? "" : ", ").append(b.map().name());
        }
        throw new IllegalArgumentException(program.name() + " has no map '" + name + "' (maps: " + names + ")");
    }

    /** The raw map, typed as its API interface. */
    public WeirMap rawMap(String name) {
        return map(name).map();
    }

    /** Moves the environment's virtual clock. */
    public void advance(long nanos) {
        env.advance(nanos);
    }

    @Override
    public String toString() {
        return program.toString();
    }
}
