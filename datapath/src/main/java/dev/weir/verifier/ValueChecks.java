package dev.weir.verifier;

import dev.weir.api.prog.TracePrintFormat;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Rules that need to know where a value came from, answered by the data-flow analysis
 * ({@link ProgramInterpreter}): a constructor may store only constants into its own fields; no
 * method may store into an array that was read from a field (a static table, an array reached
 * through a map-bound field), whatever locals the array passed through on the way; the format
 * handed to {@code tracePrint} is one string constant that {@link TracePrintFormat} accepts.
 */
final class ValueChecks implements Verifier.FlowCheck {
    static final String TRACE_PRINT = "tracePrint";
    static final String TRACE_PRINT_DESC = "(Ljava/lang/String;JJJ)I";

    @Override
    public void check(MethodScope m, AbstractInsnNode insn, Frame<ProgramValue> before) {
        int op = insn.getOpcode();
        int top = before.getStackSize();
        if (op == Opcodes.PUTFIELD && m.kind == MethodScope.Kind.CONSTRUCTOR) {
            FieldInsnNode f = (FieldInsnNode) insn;
            ProgramValue receiver = before.getStack(top - 2);
            ProgramValue value = before.getStack(top - 1);
            if (f.owner.equals(m.cls.name()) && !receiver.isThis) {
                m.report(Rule.NO_FIELD_WRITE, insn, "the constructor writes field '" + f.name
                        + "' of another object than the one being constructed.", null);
            } else if (f.owner.equals(m.cls.name()) && !value.constant) {
                m.report(Rule.NO_FIELD_WRITE, insn, "the constructor stores a computed value into field '" + f.name
                        + "'; it may store only constants (literals, null).",
                        "Declare the field as a constant (`final` with a literal value) or keep the value in a map.");
            }
        } else if (insn instanceof MethodInsnNode mi && mi.name.equals(TRACE_PRINT)
                && mi.desc.equals(TRACE_PRINT_DESC) && mi.owner.startsWith(AllowList.API_PREFIX)) {
            ProgramValue format = before.getStack(top - 4);
            String problem = format.string == null ? "the format is not a string constant (one literal on every path)."
                    : TracePrintFormat.problem(format.string);
            if (problem != null) {
                m.report(Rule.TRACE_FORMAT, insn, problem.endsWith(".") ? problem : problem + ".", null);
            }
        } else if (op >= Opcodes.IASTORE && op <= Opcodes.SASTORE) {
            ProgramValue array = before.getStack(top - 3);
            if (array.field != null) {
                m.report(Rule.NO_FIELD_WRITE, insn, "stores into the array held in field '"
                        + AllowList.display(array.field) + "': arrays in fields are shared state outside any map.", null);
            }
        }
    }
}
