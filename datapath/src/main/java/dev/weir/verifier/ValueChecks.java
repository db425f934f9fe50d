package dev.weir.verifier;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Rules that need to know where a value came from, answered by the data-flow analysis
 * ({@link ProgramInterpreter}): a constructor may store only constants into its own fields; no
 * method may store into an array that was read from a field (a static table, an array reached
 * through a map-bound field), whatever locals the array passed through on the way.
 */
final class ValueChecks implements Verifier.FlowCheck {

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
        } else if (op >= Opcodes.IASTORE && op <= Opcodes.SASTORE) {
            ProgramValue array = before.getStack(top - 3);
            if (array.field != null) {
                m.report(Rule.NO_FIELD_WRITE, insn, "stores into the array held in field '"
                        + AllowList.display(array.field) + "': arrays in fields are shared state outside any map.", null);
            }
        }
    }
}
