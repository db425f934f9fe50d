package dev.weir.verifier;

import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Instruction rules that need no data flow: every class, method and field an instruction names
 * goes through the {@link AllowList}; allocation, invokedynamic, dynamic constants, monitors and
 * field writes outside constructors and static initializers are refused by opcode.
 */
final class ReferenceChecks implements Verifier.InstructionCheck {

    @Override
    public void check(MethodScope m, AbstractInsnNode insn) {
        if (!m.isProgramClass() && namesProgramClass(m, insn)) {
            m.report(Rule.NESTED_CLASS, insn, "this instruction names the program class "
                    + m.unit.program().binaryName() + ", which is a hidden class without a name at run time.", null);
        }
        switch (insn.getOpcode()) {
            case Opcodes.NEW:
                m.report(m.allowList.newObject(((TypeInsnNode) insn).desc, m.when()), insn);
                break;
            case Opcodes.NEWARRAY, Opcodes.ANEWARRAY, Opcodes.MULTIANEWARRAY:
                m.report(Rule.NO_ALLOC, insn, "'" + arrayCreation(insn) + "' creates an array " + m.when()
                        + " (a call to a varargs method creates one too).", null);
                break;
            case Opcodes.CHECKCAST, Opcodes.INSTANCEOF: {
                Refusal r = m.allowList.type(((TypeInsnNode) insn).desc,
                        insn.getOpcode() == Opcodes.CHECKCAST ? "a cast" : "instanceof");
                if (r != null) {
                    m.report(r, insn);
                }
                break;
            }
            case Opcodes.INVOKEDYNAMIC:
                indy(m, (InvokeDynamicInsnNode) insn);
                break;
            case Opcodes.LDC:
                ldc(m, (LdcInsnNode) insn);
                break;
            case Opcodes.INVOKEVIRTUAL, Opcodes.INVOKESPECIAL, Opcodes.INVOKESTATIC, Opcodes.INVOKEINTERFACE: {
                MethodInsnNode mi = (MethodInsnNode) insn;
                if (mi.name.equals("<init>") && !superOrThisCall(m, mi)) {
                    break; // initializes an object whose `new` was reported already
                }
                Refusal r = m.allowList.method(mi.getOpcode(), mi.owner, mi.name, mi.desc);
                if (r != null) {
                    m.report(r, insn);
                }
                break;
            }
            case Opcodes.GETSTATIC, Opcodes.GETFIELD, Opcodes.PUTSTATIC, Opcodes.PUTFIELD:
                field(m, (FieldInsnNode) insn);
                break;
            case Opcodes.MONITORENTER:
                m.report(Rule.NO_LOCKS, insn, "a `synchronized` block takes a monitor here.", null);
                break;
            case Opcodes.JSR, Opcodes.RET:
                m.report(Rule.CLASS_FORMAT, insn, "JSR/RET subroutines (class files before Java 7).", null);
                break;
            default:
                break;
        }
    }

    private static void field(MethodScope m, FieldInsnNode f) {
        Refusal r = m.allowList.field(f.getOpcode(), f.owner, f.name, f.desc);
        if (r != null) {
            m.report(r, f);
        }
        int op = f.getOpcode();
        if (op != Opcodes.PUTFIELD && op != Opcodes.PUTSTATIC) {
            return;
        }
        String what = "'" + AllowList.display(f.owner) + "." + f.name + "'";
        switch (m.kind) {
            case PROGRAM:
                m.report(Rule.NO_FIELD_WRITE, f, "writes field " + what + ".", null);
                break;
            case CONSTRUCTOR:
                if (op == Opcodes.PUTSTATIC || !f.owner.equals(m.cls.name())) {
                    m.report(Rule.NO_FIELD_WRITE, f, "the constructor writes " + what
                            + "; it may only store constants into its own instance fields.", null);
                }
                break;
            case STATIC_INITIALIZER:
                if (op == Opcodes.PUTFIELD || !f.owner.equals(m.cls.name())) {
                    m.report(Rule.NO_FIELD_WRITE, f, "the static initializer writes " + what
                            + "; it may only set the static final constants of its own class.", null);
                }
                break;
            default:
                break;
        }
    }

    private static void indy(MethodScope m, InvokeDynamicInsnNode indy) {
        String bsm = indy.bsm.getOwner();
        String detail;
        String fix;
        switch (bsm) {
            case "java/lang/invoke/StringConcatFactory":
                detail = "string concatenation ('+' on a String) builds a new String on every run.";
                fix = "Pass numbers to ctx.tracePrint(...) as arguments of a constant format string instead of"
                        + " concatenating them.";
                break;
            case "java/lang/invoke/LambdaMetafactory":
                detail = "a lambda or method reference ('" + indy.name + "' of "
                        + Type.getReturnType(indy.desc).getClassName() + ") creates an object and links code at run time.";
                fix = "Call a named (private) method directly instead of passing a lambda.";
                break;
            case "java/lang/runtime/SwitchBootstraps":
                detail = "a switch over patterns, strings or enums links its dispatch at run time.";
                fix = "Switch over int constants (`static final int`).";
                break;
            case "java/lang/runtime/ObjectMethods":
                detail = "a record's generated " + indy.name + " method.";
                fix = "Programs and their nested classes are plain classes, not records.";
                break;
            default:
                detail = "invokedynamic with bootstrap method " + AllowList.display(bsm) + "." + indy.bsm.getName() + ".";
                fix = null;
                break;
        }
        m.report(Rule.NO_INDY, indy, detail, fix);
    }

    private static void ldc(MethodScope m, LdcInsnNode ldc) {
        Object c = ldc.cst;
        if (c instanceof Type t) {
            if (t.getSort() == Type.METHOD) {
                m.report(Rule.NO_METHOD_HANDLES, ldc, "a method type constant " + t.getDescriptor() + ".", null);
            } else {
                m.report(Rule.NO_REFLECTION, ldc, "the class literal " + t.getClassName() + ".class hands out a Class"
                        + " object (an `assert` statement compiles to one too).", null);
            }
        } else if (c instanceof Handle h) {
            m.report(Rule.NO_METHOD_HANDLES, ldc, "a method handle constant for " + AllowList.display(h.getOwner())
                    + "." + h.getName() + ".", null);
        } else if (c instanceof ConstantDynamic cd) {
            m.report(Rule.NO_INDY, ldc, "a dynamic constant '" + cd.getName() + "' computed by "
                    + AllowList.display(cd.getBootstrapMethod().getOwner()) + "." + cd.getBootstrapMethod().getName()
                    + ".", null);
        }
    }

    private static String arrayCreation(AbstractInsnNode insn) {
        if (insn instanceof TypeInsnNode t) {
            return "new " + AllowList.display(t.desc) + "[]";
        } else if (insn instanceof MultiANewArrayInsnNode ma) {
            return "new " + Type.getType(ma.desc).getClassName();
        }
        int operand = ((org.objectweb.asm.tree.IntInsnNode) insn).operand;
        String[] names = {null, null, null, null, "boolean", "char", "float", "double", "byte", "short", "int", "long"};
        return "new " + (operand >= 4 && operand < names.length ? names[operand] : "?") + "[]";
    }

    /** A constructor's call of its superclass's or its own class's constructor on `this`. */
    private static boolean superOrThisCall(MethodScope m, MethodInsnNode mi) {
        return m.kind == MethodScope.Kind.CONSTRUCTOR
                && (mi.owner.equals(m.cls.node().superName) || mi.owner.equals(m.cls.name()));
    }

    private static boolean namesProgramClass(MethodScope m, AbstractInsnNode insn) {
        String program = m.unit.program().name();
        String owner = null;
        if (insn instanceof MethodInsnNode mi) {
            owner = mi.owner;
        } else if (insn instanceof FieldInsnNode fi) {
            owner = fi.owner;
        } else if (insn instanceof TypeInsnNode ti) {
            owner = ti.desc;
        }
        return owner != null && (owner.equals(program) || owner.endsWith("L" + program + ";"));
    }
}
