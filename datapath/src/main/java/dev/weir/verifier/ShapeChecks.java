package dev.weir.verifier;

import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.WeirMap;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Class-level rules: class file version, the program class's shape (program-class), the classes
 * submitted with it (nested-class), and the fields every submitted class declares
 * (no-mutable-static, instance-fields).
 */
final class ShapeChecks implements Verifier.ClassCheck {
    /** Java 8, the first version without JSR/RET and with stack map frames everywhere. */
    static final int OLDEST_VERSION = Opcodes.V1_8;
    /** The newest class file version this JVM runs. */
    static final int NEWEST_VERSION = 44 + Runtime.version().feature();

    @Override
    public void check(ProgramUnit unit, ClassFile cls, AllowList allowList, List<Finding> out) {
        ClassNode c = cls.node();
        int major = c.version & 0xFFFF;
        if (major < OLDEST_VERSION || major > NEWEST_VERSION) {
            out.add(classFinding(cls, Rule.CLASS_FORMAT, "class file version " + major + " (Java "
                    + (major - 44) + "); versions " + OLDEST_VERSION + " to " + NEWEST_VERSION + " (Java 8 to "
                    + (NEWEST_VERSION - 44) + ") are accepted.", null));
        }
        if (cls == unit.program()) {
            programClass(unit, cls, allowList, out);
        } else {
            nestedClass(unit, cls, allowList, out);
        }
        for (FieldNode f : c.fields) {
            field(unit, cls, f, out);
        }
    }

    private static void programClass(ProgramUnit unit, ClassFile cls, AllowList allowList, List<Finding> out) {
        ClassNode c = cls.node();
        if ((c.access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT | Opcodes.ACC_ENUM | Opcodes.ACC_ANNOTATION
                | Opcodes.ACC_MODULE)) != 0) {
            out.add(classFinding(cls, Rule.PROGRAM_CLASS, "it is " + kind(c.access)
                    + "; a program is a concrete class the loader instantiates.", null));
        } else if ((c.access & Opcodes.ACC_PUBLIC) == 0 || (c.access & Opcodes.ACC_FINAL) == 0) {
            out.add(classFinding(cls, Rule.PROGRAM_CLASS, "it is declared "
                    + ((c.access & Opcodes.ACC_PUBLIC) == 0 ? "without `public`" : "without `final`") + ".", null));
        }
        superclass(cls, allowList, Rule.PROGRAM_CLASS, out);
        List<String> programInterfaces = new ArrayList<>();
        for (String i : c.interfaces) {
            if (ProgramInterfaces.typeOf(i) != null) {
                programInterfaces.add(AllowList.display(i));
                continue;
            }
            Refusal r = allowList.type(i, "`implements`");
            out.add(r != null ? classFinding(cls, r.rule(), r.detail(), r.fix())
                    : classFinding(cls, Rule.PROGRAM_CLASS, "it implements " + AllowList.display(i)
                            + ", which is not a program interface; a program implements its program interface only.",
                            null));
        }
        if (programInterfaces.size() != 1) {
            out.add(classFinding(cls, Rule.PROGRAM_CLASS, programInterfaces.isEmpty()
                    ? "it implements no program interface (an interface of dev.weir.api.prog such as XdpProgram)."
                    : "it implements " + programInterfaces.size() + " program interfaces (" + String.join(", ",
                            programInterfaces) + "); it is attached as one kind of program.", null));
        }
        boolean constructor = false;
        for (MethodNode m : c.methods) {
            if (m.name.equals("<init>") && m.desc.equals("()V") && (m.access & Opcodes.ACC_PUBLIC) != 0) {
                constructor = true;
            }
        }
        if (!constructor) {
            out.add(classFinding(cls, Rule.PROGRAM_CLASS, "it has no public constructor without arguments;"
                    + " the loader instantiates it once with `new " + simpleName(c.name) + "()`.", null));
        }
    }

    private static void nestedClass(ProgramUnit unit, ClassFile cls, AllowList allowList, List<Finding> out) {
        ClassNode c = cls.node();
        String program = unit.program().name();
        if (!c.name.startsWith(program + "$")) {
            out.add(classFinding(cls, Rule.NESTED_CLASS, "it is not nested in the program class "
                    + unit.program().binaryName() + ".", null));
        }
        if ((c.access & Opcodes.ACC_ENUM) != 0) {
            out.add(classFinding(cls, Rule.NESTED_CLASS, "it is an enum: its constants are objects created"
                    + " when the class is initialized and kept in a static array.",
                    "Use `static final int` constants instead of an enum, and switch over them."));
            return;
        }
        if ((c.access & Opcodes.ACC_INTERFACE) == 0) {
            superclass(cls, allowList, Rule.NESTED_CLASS, out);
        }
        for (String i : c.interfaces) {
            Refusal r = allowList.type(i, "`implements`");
            if (r != null) {
                out.add(classFinding(cls, r.rule(), r.detail(), r.fix()));
            }
        }
    }

    private static void superclass(ClassFile cls, AllowList allowList, Rule rule, List<Finding> out) {
        String s = cls.node().superName;
        if (s == null || s.equals("java/lang/Object")) {
            return;
        }
        Refusal r = allowList.type(s, "`extends`");
        out.add(r != null && r.rule() != Rule.ALLOW_LIST ? classFinding(cls, r.rule(), r.detail(), r.fix())
                : classFinding(cls, rule, "it extends " + AllowList.display(s) + "; program classes extend Object.",
                        null));
    }

    private static void field(ProgramUnit unit, ClassFile cls, FieldNode f, List<Finding> out) {
        Type t = Type.getType(f.desc);
        boolean constantType = t.getSort() < Type.ARRAY || f.desc.equals("Ljava/lang/String;");
        boolean isFinal = (f.access & Opcodes.ACC_FINAL) != 0;
        if ((f.access & Opcodes.ACC_STATIC) != 0) {
            if (isFinal && constantType) {
                return;
            }
            String detail;
            String fix = null;
            if (f.name.startsWith("$SwitchMap$")) {
                detail = "javac made this static int[] for a switch over an enum of another class.";
                fix = "Switch over `static final int` constants (or the enum's ordinal() in the enum's own"
                        + " compilation unit) instead of an enum from another class.";
            } else if (f.name.equals("$VALUES")) {
                detail = "the array of an enum's constants is mutable static state.";
                fix = "Use `static final int` constants instead of an enum.";
            } else if (!isFinal) {
                detail = "static field '" + f.name + "' is not final: it would keep state across runs outside any map.";
            } else {
                detail = "static final field '" + f.name + "' of type " + t.getClassName()
                        + (t.getSort() == Type.ARRAY ? " is an array, and arrays are mutable." : " is not a constant.");
            }
            out.add(fieldFinding(cls, f, Rule.NO_MUTABLE_STATIC, detail, fix));
            return;
        }
        if (MapDeclaration.annotation(f) != null) {
            mapField(unit, cls, f, t, out);
            return;
        }
        if (isFinal && constantType) {
            return;
        }
        String detail = f.name.startsWith("this$")
                ? "field '" + f.name + "' holds the enclosing instance of an inner (non-static) class."
                : "instance field '" + f.name + "' of type " + t.getClassName() + (isFinal ? "" : " is not final and")
                        + " is not a @MapSpec map: it would keep state across runs outside any map.";
        out.add(fieldFinding(cls, f, Rule.INSTANCE_FIELDS, detail, f.name.startsWith("this$")
                ? "Declare the nested class `static`." : null));
    }

    private static void mapField(ProgramUnit unit, ClassFile cls, FieldNode f, Type t, List<Finding> out) {
        Class<?> fieldType = t.getSort() == Type.OBJECT ? mapInterface(t.getClassName()) : null;
        if (cls != unit.program()) {
            out.add(fieldFinding(cls, f, Rule.INSTANCE_FIELDS, "@MapSpec field in a nested class; the loader"
                    + " binds maps of the program class only.", "Declare the map field on the program class."));
        } else if (fieldType == null) {
            out.add(fieldFinding(cls, f, Rule.INSTANCE_FIELDS, "@MapSpec field '" + f.name + "' has type "
                    + t.getClassName() + ", not a map interface of dev.weir.api.maps.", null));
        } else {
            MapDef def = MapDeclaration.of(f).def();
            String problem = def.problem();
            if (problem != null) {
                out.add(fieldFinding(cls, f, Rule.MAP_SPEC, problem + ".", null));
            } else if (!fieldType.isAssignableFrom(def.type().interfaceType())) {
                out.add(fieldFinding(cls, f, Rule.MAP_SPEC, "a map of type " + def.type() + " is a "
                        + def.type().interfaceType().getName() + ", which field '" + f.name + "' of type "
                        + fieldType.getName() + " cannot hold.", null));
            }
        }
    }

    /** The map interface of dev.weir.api.maps of this name, or null if it is none. */
    private static Class<?> mapInterface(String binaryName) {
        if (!MapDeclaration.isMapType(binaryName.replace('.', '/'))) {
            return null;
        }
        try {
            Class<?> c = Class.forName(binaryName, false, ShapeChecks.class.getClassLoader());
            return c.isInterface() && WeirMap.class.isAssignableFrom(c) ? c : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static String kind(int access) {
        if ((access & Opcodes.ACC_ANNOTATION) != 0) {
            return "an annotation";
        } else if ((access & Opcodes.ACC_INTERFACE) != 0) {
            return "an interface";
        } else if ((access & Opcodes.ACC_ENUM) != 0) {
            return "an enum";
        } else if ((access & Opcodes.ACC_MODULE) != 0) {
            return "a module descriptor";
        }
        return "an abstract class";
    }

    private static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    static Finding classFinding(ClassFile cls, Rule rule, String detail, String fix) {
        return new Finding(rule, cls.binaryName(), null, null, false, -1, -1, detail, fix != null ? fix : rule.fix());
    }

    static Finding fieldFinding(ClassFile cls, FieldNode f, Rule rule, String detail, String fix) {
        return new Finding(rule, cls.binaryName(), f.name, f.desc, true, -1, -1, detail, fix != null ? fix : rule.fix());
    }
}
