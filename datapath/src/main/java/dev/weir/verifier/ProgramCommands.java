package dev.weir.verifier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;

/**
 * {@code weir prog verify} and {@code weir prog dump}, as methods the command line calls: each
 * returns the exit code and the text to print.
 *
 * <ul>
 *   <li>exit 0: accepted (verify: the summary; dump: the listing as it will run);</li>
 *   <li>exit 1: rejected by the verifier (the log; dump: the listing as submitted, each refused
 *       instruction followed by why);</li>
 *   <li>exit 2: the input could not be used (unreadable file, compile errors, no program class).</li>
 * </ul>
 */
public final class ProgramCommands {
    /** What a command prints and its exit code. */
    public record Result(int exitCode, String output) {
    }

    private final ProgramLoader loader;

    public ProgramCommands(ProgramLoader loader) {
        this.loader = loader;
    }

    public ProgramCommands() {
        this(new ProgramLoader());
    }

    /** Verifies the program in {@code file} (.class, .jar, .java). */
    public Result verify(Path file) {
        return verify(file, null);
    }

    /** Verifies the program class {@code className} (binary name; null: the single program class) in {@code file}. */
    public Result verify(Path file, String className) {
        return verified(file, className, (unit, v) -> v.accepted()
                ? new Result(0, summary(v, Instrumenter.instrument(unit)))
                : new Result(1, v.log()));
    }

    /** Reads and verifies the program, then lets {@code then} answer; exit 2 if it cannot be read. */
    private Result verified(Path file, String className, java.util.function.BiFunction<ProgramUnit, Verification, Result> then) {
        ProgramUnit unit;
        try {
            unit = loader.read(file, className);
        } catch (ProgramLoadException e) {
            return new Result(2, e.getMessage() + "\n");
        }
        return then.apply(unit, loader.verifier().verify(unit));
    }

    /** The accepted program's summary. */
    String summary(Verification v, Instrumenter.Result inst) {
        StringBuilder sb = new StringBuilder("ACCEPTED ").append(v.summary().programClass()).append('\n');
        v.summary().lines().forEach(l -> sb.append(l).append('\n'));
        sb.append("  budget points: ").append(inst.points().size()).append(" inserted (").append(inst.loops())
                .append(" loop heads, ").append(inst.calls()).append(" calls); budget ").append(loader.budget())
                .append(" units per run\n");
        sb.append("  max stack after instrumentation: ").append(inst.maxStack()).append('\n');
        return sb.toString();
    }

    /** Prints the program in {@code file} as it will run. */
    public Result dump(Path file) {
        return dump(file, null);
    }

    /** Prints the program as it will run (instrumented), or, if rejected, as submitted with the reasons. */
    public Result dump(Path file, String className) {
        return verified(file, className, this::dump);
    }

    private Result dump(ProgramUnit unit, Verification v) {
        StringBuilder sb = new StringBuilder();
        if (!v.accepted()) {
            sb.append(v.log());
            sb.append("\nAs submitted (not loaded):\n");
            for (ClassFile c : unit.classes()) {
                BytecodePrinter.print(sb, c.node(), Bytecode.methodCode(new ClassReader(c.bytes())), Map.of(),
                        notes(v, c));
            }
            return new Result(1, sb.toString());
        }
        Instrumenter.Result inst = Instrumenter.instrument(unit);
        sb.append("; ").append(v.summary().programClass()).append(" (").append(v.summary().programType().linuxName())
                .append(" program) as loaded: lines marked B are the instruction budget the loader inserted\n");
        sb.append("; (").append(inst.points().size()).append(" budget points, ").append(loader.budget())
                .append(" units per run)\n");
        for (ClassFile c : unit.classes()) {
            byte[] bytes = inst.classes().get(c.name());
            BytecodePrinter.print(sb, inst.nodes().get(c.name()), Bytecode.methodCode(new ClassReader(bytes)),
                    inst.inserted(), Map.of());
        }
        return new Result(0, sb.toString());
    }

    private static Map<String, Map<Integer, List<String>>> notes(Verification v, ClassFile c) {
        Map<String, Map<Integer, List<String>>> out = new HashMap<>();
        for (Finding f : v.findings()) {
            if (f.className().equals(c.binaryName()) && f.member() != null && !f.field() && f.bci() >= 0) {
                out.computeIfAbsent(f.member() + f.descriptor(), k -> new HashMap<>())
                        .computeIfAbsent(f.bci(), k -> new ArrayList<>())
                        .add("REJECTED [" + f.rule().id() + "]: " + f.detail());
            }
        }
        return out;
    }
}
