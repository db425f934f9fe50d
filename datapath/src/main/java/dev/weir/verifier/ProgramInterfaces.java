package dev.weir.verifier;

import dev.weir.api.prog.ProgramType;
import org.objectweb.asm.Type;

/** Which interfaces are program interfaces: those of {@link ProgramType}. */
final class ProgramInterfaces {
    private ProgramInterfaces() {
    }

    /** The program type an interface (internal name) stands for, or null if it is not a program interface. */
    static ProgramType typeOf(String internalName) {
        for (ProgramType t : ProgramType.values()) {
            if (Type.getInternalName(t.programInterface()).equals(internalName)) {
                return t;
            }
        }
        return null;
    }
}
