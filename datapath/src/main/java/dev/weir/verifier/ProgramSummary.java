package dev.weir.verifier;

import dev.weir.api.prog.ProgramInfo;
import dev.weir.api.prog.ProgramType;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What a program consists of, as {@code weir prog verify} reports it for an accepted program.
 *
 * @param name the program's name: {@link ProgramInfo#name()} if the class carries it, else its simple name
 * @param programClass binary name of the program class
 * @param programInterface binary name of its program interface, or null if it has none
 * @param programType the program type the interface stands for, or null
 * @param classes submitted classes
 * @param methods methods in all submitted classes
 * @param instructions bytecode instructions in all methods
 * @param codeBytes bytes of bytecode in all methods
 * @param maxStack the largest operand stack of any method, as compiled
 * @param maps the maps the program declares
 */
public record ProgramSummary(String name, String programClass, String programInterface, ProgramType programType, int classes,
                             int methods, int instructions, int codeBytes, int maxStack, List<MapDeclaration> maps) {

    public ProgramSummary {
        maps = List.copyOf(maps);
    }

    static ProgramSummary of(ProgramUnit unit) {
        String iface = null;
        ProgramType type = null;
        for (String i : unit.program().node().interfaces) {
            if (ProgramInterfaces.typeOf(i) != null) {
                iface = i.replace('/', '.');
                type = ProgramInterfaces.typeOf(i);
                break;
            }
        }
        int methods = 0;
        int instructions = 0;
        int bytes = 0;
        int maxStack = 0;
        for (ClassFile c : unit.classes()) {
            for (MethodNode m : c.node().methods) {
                methods++;
                bytes += c.codeLength(m);
                maxStack = Math.max(maxStack, m.maxStack);
                for (var insn : m.instructions) {
                    if (insn.getOpcode() >= 0) {
                        instructions++;
                    }
                }
            }
        }
        return new ProgramSummary(name(unit.program()), unit.program().binaryName(), iface, type, unit.classes().size(), methods,
                instructions, bytes, maxStack, MapDeclaration.of(unit.program().node()));
    }

    private static String name(ClassFile program) {
        String info = Type.getDescriptor(ProgramInfo.class);
        if (program.node().visibleAnnotations != null) {
            for (AnnotationNode a : program.node().visibleAnnotations) {
                for (int i = 0; a.desc.equals(info) && a.values != null && i + 1 < a.values.size(); i += 2) {
                    if (a.values.get(i).equals("name") && a.values.get(i + 1) instanceof String s && !s.isEmpty()) {
                        return s;
                    }
                }
            }
        }
        String n = program.name();
        return n.substring(n.lastIndexOf('/') + 1);
    }

    /** Lines describing the program, e.g. for {@code weir prog verify}. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("  name:         " + name);
        out.add("  type:         " + (programType == null ? "none" : programType.linuxName()) + " (" + programInterface + ")");
        out.add("  classes:      " + classes);
        out.add("  methods:      " + methods);
        out.add("  instructions: " + instructions + " (" + codeBytes + " bytes of bytecode)");
        out.add("  max stack:    " + maxStack);
        out.add("  maps:         " + maps.size() + (maps.isEmpty() ? "" : ":"));
        for (MapDeclaration m : maps) {
            out.add("    " + m.describe());
        }
        return out;
    }
}
