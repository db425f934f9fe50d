package dev.weir.verifier;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * The verifier's {@link Interpreter} for ASM's {@link org.objectweb.asm.tree.analysis.Analyzer}: the
 * Analyzer walks every path of a method and merges frames at joins; this class says what each
 * instruction does to the {@link ProgramValue}s it consumes and produces. Types follow the JVM
 * (as ASM's BasicInterpreter); on top of them it tracks constants (so a constructor can be
 * checked to store only constants), {@code this}, and values read from fields (so a store into
 * an array held in a field is caught whatever local it went through).
 */
final class ProgramInterpreter extends Interpreter<ProgramValue> {
    private static final Type OBJECT = Type.getObjectType("java/lang/Object");

    ProgramInterpreter() {
        super(Opcodes.ASM9);
    }

    @Override
    public ProgramValue newValue(Type type) {
        if (type == null) {
            return ProgramValue.UNINITIALIZED;
        }
        if (type.getSort() == Type.VOID) {
            return null;
        }
        return ProgramValue.of(type);
    }

    @Override
    public ProgramValue newParameterValue(boolean isInstanceMethod, int local, Type type) {
        if (isInstanceMethod && local == 0) {
            return new ProgramValue(type, false, true, null);
        }
        return newValue(type);
    }

    @Override
    public ProgramValue newReturnTypeValue(Type type) {
        return newValue(type);
    }

    @Override
    public ProgramValue newEmptyValue(int local) {
        return ProgramValue.UNINITIALIZED;
    }

    @Override
    public ProgramValue newExceptionValue(org.objectweb.asm.tree.TryCatchBlockNode tryCatch,
                                          org.objectweb.asm.tree.analysis.Frame<ProgramValue> handlerFrame,
                                          Type exceptionType) {
        return newValue(exceptionType);
    }

    @Override
    public ProgramValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
        switch (insn.getOpcode()) {
            case Opcodes.ACONST_NULL:
                return ProgramValue.constant(OBJECT);
            case Opcodes.ICONST_M1, Opcodes.ICONST_0, Opcodes.ICONST_1, Opcodes.ICONST_2, Opcodes.ICONST_3,
                 Opcodes.ICONST_4, Opcodes.ICONST_5, Opcodes.BIPUSH, Opcodes.SIPUSH:
                return ProgramValue.constant(Type.INT_TYPE);
            case Opcodes.LCONST_0, Opcodes.LCONST_1:
                return ProgramValue.constant(Type.LONG_TYPE);
            case Opcodes.FCONST_0, Opcodes.FCONST_1, Opcodes.FCONST_2:
                return ProgramValue.constant(Type.FLOAT_TYPE);
            case Opcodes.DCONST_0, Opcodes.DCONST_1:
                return ProgramValue.constant(Type.DOUBLE_TYPE);
            case Opcodes.LDC:
                return ldc(((LdcInsnNode) insn).cst);
            case Opcodes.JSR:
                return ProgramValue.RETURN_ADDRESS;
            case Opcodes.GETSTATIC: {
                FieldInsnNode f = (FieldInsnNode) insn;
                return new ProgramValue(ProgramValue.basic(Type.getType(f.desc)), false, false, f.owner + "." + f.name);
            }
            case Opcodes.NEW:
                return newValue(Type.getObjectType(((TypeInsnNode) insn).desc));
            default:
                throw new AnalyzerException(insn, "unexpected opcode " + insn.getOpcode());
        }
    }

    private static ProgramValue ldc(Object cst) {
        if (cst instanceof Integer) {
            return ProgramValue.constant(Type.INT_TYPE);
        } else if (cst instanceof Float) {
            return ProgramValue.constant(Type.FLOAT_TYPE);
        } else if (cst instanceof Long) {
            return ProgramValue.constant(Type.LONG_TYPE);
        } else if (cst instanceof Double) {
            return ProgramValue.constant(Type.DOUBLE_TYPE);
        } else if (cst instanceof String s) {
            return new ProgramValue(Type.getObjectType("java/lang/String"), true, false, null, s);
        } else if (cst instanceof Type t) {
            return ProgramValue.of(Type.getObjectType(t.getSort() == Type.METHOD
                    ? "java/lang/invoke/MethodType" : "java/lang/Class"));
        } else if (cst instanceof org.objectweb.asm.Handle) {
            return ProgramValue.of(Type.getObjectType("java/lang/invoke/MethodHandle"));
        } else if (cst instanceof org.objectweb.asm.ConstantDynamic cd) {
            return ProgramValue.of(Type.getType(cd.getDescriptor()));
        }
        return ProgramValue.of(OBJECT);
    }

    @Override
    public ProgramValue copyOperation(AbstractInsnNode insn, ProgramValue value) {
        return value;
    }

    @Override
    public ProgramValue unaryOperation(AbstractInsnNode insn, ProgramValue v) throws AnalyzerException {
        switch (insn.getOpcode()) {
            case Opcodes.INEG, Opcodes.IINC, Opcodes.L2I, Opcodes.F2I, Opcodes.D2I, Opcodes.I2B, Opcodes.I2C,
                 Opcodes.I2S:
                return derived(Type.INT_TYPE, v);
            case Opcodes.FNEG, Opcodes.I2F, Opcodes.L2F, Opcodes.D2F:
                return derived(Type.FLOAT_TYPE, v);
            case Opcodes.LNEG, Opcodes.I2L, Opcodes.F2L, Opcodes.D2L:
                return derived(Type.LONG_TYPE, v);
            case Opcodes.DNEG, Opcodes.I2D, Opcodes.L2D, Opcodes.F2D:
                return derived(Type.DOUBLE_TYPE, v);
            case Opcodes.IFEQ, Opcodes.IFNE, Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT, Opcodes.IFLE,
                 Opcodes.TABLESWITCH, Opcodes.LOOKUPSWITCH, Opcodes.IRETURN, Opcodes.LRETURN, Opcodes.FRETURN,
                 Opcodes.DRETURN, Opcodes.ARETURN, Opcodes.PUTSTATIC, Opcodes.ATHROW, Opcodes.MONITORENTER,
                 Opcodes.MONITOREXIT, Opcodes.IFNULL, Opcodes.IFNONNULL:
                return null;
            case Opcodes.GETFIELD: {
                FieldInsnNode f = (FieldInsnNode) insn;
                return new ProgramValue(ProgramValue.basic(Type.getType(f.desc)), false, false, f.owner + "." + f.name);
            }
            case Opcodes.NEWARRAY:
                return newValue(Type.getType("[" + newArrayElement(((IntInsnNode) insn).operand)));
            case Opcodes.ANEWARRAY:
                return newValue(Type.getType("[" + Type.getObjectType(((TypeInsnNode) insn).desc).getDescriptor()));
            case Opcodes.ARRAYLENGTH, Opcodes.INSTANCEOF:
                return ProgramValue.of(Type.INT_TYPE);
            case Opcodes.CHECKCAST:
                return v.withType(Type.getObjectType(((TypeInsnNode) insn).desc));
            default:
                throw new AnalyzerException(insn, "unexpected opcode " + insn.getOpcode());
        }
    }

    private static String newArrayElement(int operand) {
        switch (operand) {
            case Opcodes.T_BOOLEAN: return "Z";
            case Opcodes.T_CHAR: return "C";
            case Opcodes.T_BYTE: return "B";
            case Opcodes.T_SHORT: return "S";
            case Opcodes.T_INT: return "I";
            case Opcodes.T_FLOAT: return "F";
            case Opcodes.T_DOUBLE: return "D";
            case Opcodes.T_LONG: return "J";
            default: return "I";
        }
    }

    /** The result of arithmetic: constant if its operands were. */
    private static ProgramValue derived(Type t, ProgramValue... operands) {
        boolean constant = true;
        for (ProgramValue v : operands) {
            constant &= v.constant;
        }
        return new ProgramValue(t, constant, false, null);
    }

    @Override
    public ProgramValue binaryOperation(AbstractInsnNode insn, ProgramValue a, ProgramValue b)
            throws AnalyzerException {
        switch (insn.getOpcode()) {
            case Opcodes.IALOAD, Opcodes.BALOAD, Opcodes.CALOAD, Opcodes.SALOAD:
                return ProgramValue.of(Type.INT_TYPE);
            case Opcodes.FALOAD:
                return ProgramValue.of(Type.FLOAT_TYPE);
            case Opcodes.LALOAD:
                return ProgramValue.of(Type.LONG_TYPE);
            case Opcodes.DALOAD:
                return ProgramValue.of(Type.DOUBLE_TYPE);
            case Opcodes.AALOAD: {
                // An element of an array held in a field is as shared as the array itself.
                Type element = a.type != null && a.type.getSort() == Type.ARRAY
                        ? Type.getType(a.type.getDescriptor().substring(1)) : OBJECT;
                return new ProgramValue(element, false, false, a.field);
            }
            case Opcodes.IADD, Opcodes.ISUB, Opcodes.IMUL, Opcodes.IDIV, Opcodes.IREM, Opcodes.ISHL, Opcodes.ISHR,
                 Opcodes.IUSHR, Opcodes.IAND, Opcodes.IOR, Opcodes.IXOR, Opcodes.LCMP, Opcodes.FCMPL,
                 Opcodes.FCMPG, Opcodes.DCMPL, Opcodes.DCMPG:
                return derived(Type.INT_TYPE, a, b);
            case Opcodes.FADD, Opcodes.FSUB, Opcodes.FMUL, Opcodes.FDIV, Opcodes.FREM:
                return derived(Type.FLOAT_TYPE, a, b);
            case Opcodes.LADD, Opcodes.LSUB, Opcodes.LMUL, Opcodes.LDIV, Opcodes.LREM, Opcodes.LSHL, Opcodes.LSHR,
                 Opcodes.LUSHR, Opcodes.LAND, Opcodes.LOR, Opcodes.LXOR:
                return derived(Type.LONG_TYPE, a, b);
            case Opcodes.DADD, Opcodes.DSUB, Opcodes.DMUL, Opcodes.DDIV, Opcodes.DREM:
                return derived(Type.DOUBLE_TYPE, a, b);
            case Opcodes.IF_ICMPEQ, Opcodes.IF_ICMPNE, Opcodes.IF_ICMPLT, Opcodes.IF_ICMPGE, Opcodes.IF_ICMPGT,
                 Opcodes.IF_ICMPLE, Opcodes.IF_ACMPEQ, Opcodes.IF_ACMPNE, Opcodes.PUTFIELD:
                return null;
            default:
                throw new AnalyzerException(insn, "unexpected opcode " + insn.getOpcode());
        }
    }

    @Override
    public ProgramValue ternaryOperation(AbstractInsnNode insn, ProgramValue a, ProgramValue b, ProgramValue c) {
        return null;
    }

    @Override
    public ProgramValue naryOperation(AbstractInsnNode insn, List<? extends ProgramValue> values) {
        int op = insn.getOpcode();
        if (op == Opcodes.MULTIANEWARRAY) {
            return newValue(Type.getType(((MultiANewArrayInsnNode) insn).desc));
        } else if (op == Opcodes.INVOKEDYNAMIC) {
            return newValue(Type.getReturnType(((InvokeDynamicInsnNode) insn).desc));
        }
        return newValue(Type.getReturnType(((MethodInsnNode) insn).desc));
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, ProgramValue value, ProgramValue expected) {
        // Return types are the JVM verifier's business; nothing here depends on them.
    }

    @Override
    public ProgramValue merge(ProgramValue a, ProgramValue b) {
        if (a.equals(b)) {
            return a;
        }
        Type t;
        if (a.type != null && a.type.equals(b.type)) {
            t = a.type;
        } else if (a.isReference() && b.isReference()) {
            t = OBJECT;
        } else {
            return ProgramValue.UNINITIALIZED;
        }
        return new ProgramValue(t, a.constant && b.constant, a.isThis && b.isThis, a.field != null ? a.field : b.field,
                java.util.Objects.equals(a.string, b.string) ? a.string : null);
    }
}
