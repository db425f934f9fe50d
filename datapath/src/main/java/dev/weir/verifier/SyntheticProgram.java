package dev.weir.verifier;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Generates valid program class files of a chosen size, for the verifier's benchmark
 * ({@code VerifierBench}) and the tests of its size limits: a program class whose {@code run}
 * method calls a chain of static methods {@code m0 -> m1 -> ...}, each of straight-line
 * arithmetic with a small counted loop every hundred instructions. Everything in it is on the
 * allow-list; only its size varies.
 */
public final class SyntheticProgram {
    private SyntheticProgram() {
    }

    /**
     * A program class.
     *
     * @param className internal name, e.g. {@code dev/example/Big}
     * @param programInterface internal name of its program interface, e.g. {@code dev/weir/api/prog/XdpProgram}
     * @param runDescriptor descriptor of the interface's method {@code run}, returning int, e.g.
     *                      {@code (Ldev/weir/api/prog/XdpContext;)I}
     * @param methods number of helper methods in the chain (at least 1)
     * @param instructionsPerMethod about how many instructions each helper has
     */
    public static byte[] generate(String className, String programInterface, String runDescriptor, int methods,
                                  int instructionsPerMethod) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V25, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, className, null,
                "java/lang/Object", new String[] {programInterface});
        cw.visitSource(className.substring(className.lastIndexOf('/') + 1) + ".java", null);
        constructor(cw);

        int line = 1;
        MethodVisitor run = cw.visitMethod(Opcodes.ACC_PUBLIC, "run", runDescriptor, null, null);
        run.visitCode();
        line = lineHere(run, line);
        run.visitInsn(Opcodes.ICONST_1);
        run.visitMethodInsn(Opcodes.INVOKESTATIC, className, "m0", "(I)I", false);
        run.visitInsn(Opcodes.IRETURN);
        run.visitMaxs(0, 0);
        run.visitEnd();

        for (int k = 0; k < methods; k++) {
            MethodVisitor m = cw.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, "m" + k, "(I)I", null, null);
            m.visitCode();
            int n = 0;
            while (n < instructionsPerMethod) {
                line = lineHere(m, line);
                if (n % 100 == 96) {
                    // for (int i = 0; i < 3; i++) x += i;   11 instructions
                    Label head = new Label();
                    Label end = new Label();
                    m.visitInsn(Opcodes.ICONST_0);
                    m.visitVarInsn(Opcodes.ISTORE, 1);
                    m.visitLabel(head);
                    m.visitVarInsn(Opcodes.ILOAD, 1);
                    m.visitInsn(Opcodes.ICONST_3);
                    m.visitJumpInsn(Opcodes.IF_ICMPGE, end);
                    m.visitVarInsn(Opcodes.ILOAD, 0);
                    m.visitVarInsn(Opcodes.ILOAD, 1);
                    m.visitInsn(Opcodes.IADD);
                    m.visitVarInsn(Opcodes.ISTORE, 0);
                    m.visitIincInsn(1, 1);
                    m.visitJumpInsn(Opcodes.GOTO, head);
                    m.visitLabel(end);
                    n += 11;
                } else {
                    // x = x * 31 ^ c;   6 instructions
                    m.visitVarInsn(Opcodes.ILOAD, 0);
                    m.visitIntInsn(Opcodes.BIPUSH, 31);
                    m.visitInsn(Opcodes.IMUL);
                    m.visitIntInsn(Opcodes.SIPUSH, (n * 7919) & 0x7FFF);
                    m.visitInsn(Opcodes.IXOR);
                    m.visitVarInsn(Opcodes.ISTORE, 0);
                    n += 6;
                }
            }
            line = lineHere(m, line);
            m.visitVarInsn(Opcodes.ILOAD, 0);
            if (k + 1 < methods) {
                m.visitMethodInsn(Opcodes.INVOKESTATIC, className, "m" + (k + 1), "(I)I", false);
            }
            m.visitInsn(Opcodes.IRETURN);
            m.visitMaxs(0, 0);
            m.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code public Name() { super(); }} */
    static void constructor(ClassWriter cw) {
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(1, 1);
        init.visitEnd();
    }

    private static int lineHere(MethodVisitor mv, int line) {
        Label l = new Label();
        mv.visitLabel(l);
        mv.visitLineNumber(line, l);
        return line + 1;
    }
}
