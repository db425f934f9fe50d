package dev.weir.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Class files javac would not write: hand-made bytecode must meet the same rules, and malformed
 * bytecode is refused before the JVM sees it.
 */
class ClassFormatTest {
    static final String RUN = "(Ldev/weir/api/prog/XdpContext;)I";

    /** A program class whose run method is {@code body} (frames and maxima left to the caller). */
    static byte[] program(int version, int writerFlags, Consumer<MethodVisitor> body) {
        ClassWriter cw = new ClassWriter(writerFlags);
        cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, "dev/example/Made", null,
                "java/lang/Object", new String[] {"dev/weir/api/prog/XdpProgram"});
        SyntheticProgram.constructor(cw);
        MethodVisitor run = cw.visitMethod(Opcodes.ACC_PUBLIC, "run", RUN, null, null);
        run.visitCode();
        body.accept(run);
        run.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static Verification verify(byte[] bytes) {
        return new Verifier().verify(ProgramUnit.of(ClassFile.parse(bytes)));
    }

    @Test
    void stackUnderflowIsMalformed() {
        byte[] b = program(Opcodes.V25, 0, mv -> {
            mv.visitInsn(Opcodes.IADD); // nothing on the stack
            mv.visitInsn(Opcodes.IRETURN);
            mv.visitMaxs(2, 2);
        });
        Verification v = verify(b);
        assertThat(v.findings()).extracting(Finding::rule).containsExactly(Rule.CLASS_FORMAT);
        assertThat(v.findings().get(0).format()).contains("run(Ldev/weir/api/prog/XdpContext;)I line ? (bytecode 0)")
                .contains("the bytecode is not valid");
    }

    @Test
    void classFilesOlderThanJava8AreRefused() {
        byte[] b = program(Opcodes.V1_6, ClassWriter.COMPUTE_MAXS, mv -> {
            mv.visitInsn(Opcodes.ICONST_2);
            mv.visitInsn(Opcodes.IRETURN);
            mv.visitMaxs(0, 0);
        });
        Verification v = verify(b);
        assertThat(v.findings()).extracting(Finding::rule).containsExactly(Rule.CLASS_FORMAT);
        assertThat(v.findings().get(0).detail()).startsWith("class file version 50 (Java 6)");
    }

    /** A program whose run method loads {@code constant}, drops it and returns 2. */
    private static Verification verifyLoading(Object constant) {
        return verify(program(Opcodes.V25, ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES, mv -> {
            mv.visitLdcInsn(constant);
            mv.visitInsn(Opcodes.POP);
            mv.visitInsn(Opcodes.ICONST_2);
            mv.visitInsn(Opcodes.IRETURN);
            mv.visitMaxs(0, 0);
        }));
    }

    @Test
    void aDynamicConstantIsRefusedAsInvokedynamic() {
        Handle bsm = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/ConstantBootstraps", "nullConstant",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;", false);
        assertThat(verifyLoading(new ConstantDynamic("x", "Ljava/lang/Object;", bsm)).findings())
                .extracting(Finding::rule).containsExactly(Rule.NO_INDY);
    }

    @Test
    void aMethodHandleConstantIsRefused() {
        Handle h = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/System", "exit", "(I)V", false);
        assertThat(verifyLoading(h).findings()).extracting(Finding::rule).containsExactly(Rule.NO_METHOD_HANDLES);
    }

    @Test
    void aMonitorWithoutJavacsHandlerIsStillALock() {
        byte[] b = program(Opcodes.V25, ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES, mv -> {
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitInsn(Opcodes.MONITORENTER);
            mv.visitInsn(Opcodes.ICONST_2);
            mv.visitInsn(Opcodes.IRETURN);
            mv.visitMaxs(0, 0);
        });
        assertThat(verify(b).findings()).extracting(Finding::rule).containsExactly(Rule.NO_LOCKS);
    }

    @Test
    void bytesThatAreNotAClassFileAreRefusedBeforeVerification() {
        assertThatThrownBy(() -> new ProgramLoader().load(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}))
                .isInstanceOfSatisfying(ProgramLoadException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProgramLoadException.Reason.INPUT))
                .hasMessageContaining("not a class file (it does not start with 0xCAFEBABE)");
    }
}
