package dev.weir.verifier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is submitted for verification: the program class and the classes submitted with it (its
 * nested classes: helpers, constants). Nothing else the program names is trusted; references to
 * it go through the allow-list.
 */
public final class ProgramUnit {
    private final ClassFile program;
    private final Map<String, ClassFile> classes = new LinkedHashMap<>();

    private ProgramUnit(ClassFile program, List<ClassFile> nested) {
        this.program = program;
        classes.put(program.name(), program);
        for (ClassFile c : nested) {
            if (classes.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("class " + c.binaryName() + " submitted twice");
            }
        }
    }

    /** A program class and the classes submitted with it (may be empty). */
    public static ProgramUnit of(ClassFile program, List<ClassFile> nested) {
        return new ProgramUnit(program, nested);
    }

    /** A program of a single class. */
    public static ProgramUnit of(ClassFile program) {
        return new ProgramUnit(program, List.of());
    }

    /** The program class. */
    public ClassFile program() {
        return program;
    }

    /** Every submitted class, the program class first. */
    public List<ClassFile> classes() {
        return Collections.unmodifiableList(new ArrayList<>(classes.values()));
    }

    /** The classes submitted with the program class. */
    public List<ClassFile> nested() {
        List<ClassFile> out = new ArrayList<>(classes.values());
        out.remove(0);
        return out;
    }

    /** The submitted class of this internal name, or null. */
    public ClassFile get(String internalName) {
        return classes.get(internalName);
    }

    /** The submitted class declaring a method, searching the owner and its submitted superclasses; null if none. */
    public ClassFile declaringClass(String owner, String name, String desc) {
        ClassFile c = get(owner);
        while (c != null) {
            for (var m : c.node().methods) {
                if (m.name.equals(name) && m.desc.equals(desc)) {
                    return c;
                }
            }
            c = c.node().superName == null ? null : get(c.node().superName);
        }
        return null;
    }

    /** Whether the class of this internal name was submitted with the program. */
    public boolean isSubmitted(String internalName) {
        return classes.containsKey(internalName);
    }
}
