package dev.weir.verifier;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Method-level rules: native and synchronized methods, the size of a method's bytecode, and its
 * exception handlers (no catch-all, nothing that could catch the budget error).
 */
final class DeclarationChecks implements Verifier.MethodCheck {
    private final VerifierLimits limits;

    DeclarationChecks(VerifierLimits limits) {
        this.limits = limits;
    }

    @Override
    public void check(MethodScope m) {
        int access = m.method.access;
        if ((access & Opcodes.ACC_NATIVE) != 0) {
            m.reportMethod(Rule.NO_NATIVE, "method '" + m.method.name + "' is declared `native`.", null);
        }
        if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            m.reportMethod(Rule.NO_LOCKS, "method '" + m.method.name + "' is declared `synchronized`.", null);
        }
        if ((access & Opcodes.ACC_ABSTRACT) != 0 && (m.cls.node().access & Opcodes.ACC_INTERFACE) == 0) {
            m.reportMethod(Rule.CLASS_FORMAT, "method '" + m.method.name + "' is abstract in a class.", null);
        }
        int length = m.cls.codeLength(m.method);
        if (length > limits.maxMethodBytes()) {
            m.reportMethod(Rule.METHOD_SIZE, "the method has " + length + " bytes of bytecode; the limit is "
                    + limits.maxMethodBytes() + ".", null);
        }
        for (TryCatchBlockNode h : m.method.tryCatchBlocks) {
            handler(m, h);
        }
    }

    private static void handler(MethodScope m, TryCatchBlockNode h) {
        if (h.type == null) {
            if (!releasesMonitor(h)) { // a synchronized block's own handler: reported as no-locks
                m.report(Rule.NO_CATCH_ALL, h.handler, "the handler at this line catches everything"
                        + " (a `finally` block, or the cleanup of a try-with-resources), the budget error included.",
                        null);
            }
            return;
        }
        if (isThrowableOrError(m.unit, h.type)) {
            m.report(Rule.NO_CATCH_ERROR, h.handler, "`catch (" + AllowList.display(h.type) + ")` would catch"
                    + (h.type.equals("java/lang/Throwable") ? " every error, the budget error included."
                            : " errors that must end the run."), null);
            return;
        }
        Refusal r = m.allowList.type(h.type, "`catch`");
        if (r != null) {
            m.report(r, h.handler);
        }
    }

    private static boolean releasesMonitor(TryCatchBlockNode h) {
        AbstractInsnNode insn = h.handler;
        for (int n = 0; insn != null && n < 4; insn = insn.getNext()) {
            if (insn.getOpcode() == Opcodes.MONITOREXIT) {
                return true;
            }
            if (insn.getOpcode() >= 0) {
                n++;
            }
        }
        return false;
    }

    /** Whether a class is Throwable, Error or a subclass of Error. */
    static boolean isThrowableOrError(ProgramUnit unit, String name) {
        String n = name;
        while (unit.isSubmitted(n)) {
            n = unit.get(n).node().superName;
            if (n == null) {
                return false;
            }
        }
        if (n.equals("java/lang/Throwable") || n.equals("java/lang/Error")) {
            return true;
        }
        try {
            // Loads (never initializes) the class to walk its superclasses.
            Class<?> c = Class.forName(n.replace('/', '.'), false, DeclarationChecks.class.getClassLoader());
            return c == Throwable.class || Error.class.isAssignableFrom(c);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
