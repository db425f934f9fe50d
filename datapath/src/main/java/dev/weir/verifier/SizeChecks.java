package dev.weir.verifier;

import java.util.List;
import org.objectweb.asm.tree.MethodNode;

/** Program-wide size limits (program-size): total bytecode, methods and classes. */
final class SizeChecks implements Verifier.ProgramCheck {

    @Override
    public void check(ProgramUnit unit, CallGraph calls, VerifierLimits limits, List<Finding> out) {
        int bytes = 0;
        int methods = 0;
        for (ClassFile c : unit.classes()) {
            for (MethodNode m : c.node().methods) {
                bytes += c.codeLength(m);
                methods++;
            }
        }
        ClassFile program = unit.program();
        if (bytes > limits.maxProgramBytes()) {
            out.add(ShapeChecks.classFinding(program, Rule.PROGRAM_SIZE, "the program has " + bytes
                    + " bytes of bytecode in all; the limit is " + limits.maxProgramBytes() + ".", null));
        }
        if (methods > limits.maxMethods()) {
            out.add(ShapeChecks.classFinding(program, Rule.PROGRAM_SIZE, "the program has " + methods
                    + " methods; the limit is " + limits.maxMethods() + ".", null));
        }
        if (unit.classes().size() > limits.maxClasses()) {
            out.add(ShapeChecks.classFinding(program, Rule.PROGRAM_SIZE, "the program has " + unit.classes().size()
                    + " classes; the limit is " + limits.maxClasses() + ".", null));
        }
    }
}
