package dev.weir.verifier;

import java.util.List;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * One method under verification, with what checks need to place a finding: the bytecode index
 * and source line of each instruction.
 */
final class MethodScope {
    /** How the method runs: once per run (program code), once at instantiation, once at class initialization. */
    enum Kind { PROGRAM, CONSTRUCTOR, STATIC_INITIALIZER }

    final ProgramUnit unit;
    final ClassFile cls;
    final MethodNode method;
    final Kind kind;
    final AllowList allowList;
    private final int[] bci;
    private final int[] line;
    private final List<Finding> out;

    MethodScope(ProgramUnit unit, ClassFile cls, MethodNode method, AllowList allowList, List<Finding> out) {
        this.unit = unit;
        this.cls = cls;
        this.method = method;
        this.allowList = allowList;
        this.out = out;
        this.kind = method.name.equals("<init>") ? Kind.CONSTRUCTOR
                : method.name.equals("<clinit>") ? Kind.STATIC_INITIALIZER : Kind.PROGRAM;
        this.bci = Bytecode.bciByIndex(method.instructions, cls.code(method));
        this.line = Bytecode.lineByIndex(method.instructions);
    }

    boolean isProgramClass() {
        return cls == unit.program();
    }

    int bci(AbstractInsnNode insn) {
        return bci[method.instructions.indexOf(insn)];
    }

    /** The source line of an instruction, or of the first real instruction after a label. */
    int line(AbstractInsnNode insn) {
        int i = method.instructions.indexOf(insn);
        if (line[i] < 0) {
            for (int j = i; j < line.length; j++) {
                if (line[j] >= 0) {
                    return line[j];
                }
            }
        }
        return line[i];
    }

    /** The first real instruction at or after {@code insn} (labels, lines and frames skipped). */
    static AbstractInsnNode real(AbstractInsnNode insn) {
        while (insn != null && insn.getOpcode() < 0) {
            insn = insn.getNext();
        }
        return insn;
    }

    /** What allocation means in this method, for messages. */
    String when() {
        return switch (kind) {
            case PROGRAM -> "on every run (every packet)";
            case CONSTRUCTOR -> "in the constructor (state that outlives a run)";
            case STATIC_INITIALIZER -> "in the static initializer (state that outlives a run)";
        };
    }

    void report(Rule rule, AbstractInsnNode insn, String detail, String fix) {
        AbstractInsnNode at = insn == null ? null : real(insn);
        out.add(new Finding(rule, cls.binaryName(), method.name, method.desc, false,
                at == null ? -1 : line(at), at == null ? -1 : bci(at), detail, fix != null ? fix : rule.fix()));
    }

    void report(Refusal r, AbstractInsnNode insn) {
        report(r.rule(), insn, r.detail(), r.fixOrDefault());
    }

    /** A finding about the whole method (flags, size), placed at its first line. */
    void reportMethod(Rule rule, String detail, String fix) {
        int first = -1;
        for (int i = 0; i < method.instructions.size(); i++) {
            if (line[i] >= 0) {
                first = line[i];
                break;
            }
        }
        out.add(new Finding(rule, cls.binaryName(), method.name, method.desc, false, first, -1, detail,
                fix != null ? fix : rule.fix()));
    }
}
