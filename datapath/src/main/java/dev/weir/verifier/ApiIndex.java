package dev.weir.verifier;

import dev.weir.api.maps.UserSpaceOnly;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * The program API as its class files describe it: for a call into {@code dev.weir.api}, the
 * method it resolves to (in the owner or a super-type), whether that method is marked
 * {@link UserSpaceOnly}, and whether its code allocates. Reads class files through a class
 * loader's resources and never loads or initializes a class. Thread-safe; results are cached.
 *
 * <p>"Allocates" looks at the code the API itself carries: a method that creates an object, an
 * array or a String ({@code new}, invokedynamic, clone, StringBuilder), directly or through
 * another API method it calls statically (static, constructor, private, or a method of a final
 * class), except for creating the exception it throws. Methods of API interfaces that the
 * datapath implements (contexts, maps) have no code here and are trusted: the API promises that
 * helpers do not allocate.
 */
final class ApiIndex {
    private static final String USER_SPACE_ONLY = Type.getDescriptor(UserSpaceOnly.class);
    /** String methods that only read; every other String method makes a new String or array. */
    private static final Set<String> STRING_READERS = Set.of("length", "charAt", "isEmpty", "isBlank", "equals",
            "equalsIgnoreCase", "contentEquals", "hashCode", "compareTo", "compareToIgnoreCase", "indexOf",
            "lastIndexOf", "startsWith", "endsWith", "regionMatches", "codePointAt", "contains");

    private final ClassLoader loader;
    private final Map<String, Optional<ClassNode>> classes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> allocates = new ConcurrentHashMap<>();

    ApiIndex(ClassLoader loader) {
        this.loader = loader;
    }

    /** Whether the API method a call names (or the one it resolves to in a super-type) is user-space only. */
    boolean userSpaceOnly(String owner, String name, String desc) {
        MethodNode m = resolve(owner, name, desc);
        return m != null && annotated(m.visibleAnnotations) | annotated(m.invisibleAnnotations);
    }

    /** Whether the API method a call resolves to allocates (see the class comment); false if it has no code here. */
    boolean allocates(String owner, String name, String desc) {
        return allocates(owner, name, desc, new HashSet<>());
    }

    private boolean allocates(String owner, String name, String desc, Set<String> inProgress) {
        String key = owner + "." + name + desc;
        Boolean known = allocates.get(key);
        if (known != null) {
            return known;
        }
        if (!inProgress.add(key)) {
            return false; // a cycle: decided by the other paths
        }
        ClassNode[] declaring = new ClassNode[1];
        MethodNode m = resolve(owner, name, desc, declaring);
        boolean result = m != null && m.instructions.size() > 0 && allocates(declaring[0], m, inProgress);
        allocates.put(key, result);
        return result;
    }

    private boolean allocates(ClassNode cls, MethodNode m, Set<String> inProgress) {
        Set<AbstractInsnNode> throwing = throwPaths(m);
        for (AbstractInsnNode insn : m.instructions) {
            if (throwing.contains(insn)) {
                continue;
            }
            switch (insn.getOpcode()) {
                case Opcodes.NEW: {
                    String type = ((TypeInsnNode) insn).desc;
                    if (!type.endsWith("Exception") && !type.endsWith("Error")) {
                        return true;
                    }
                    break;
                }
                case Opcodes.NEWARRAY, Opcodes.ANEWARRAY, Opcodes.MULTIANEWARRAY, Opcodes.INVOKEDYNAMIC:
                    return true;
                case Opcodes.INVOKESTATIC, Opcodes.INVOKESPECIAL, Opcodes.INVOKEVIRTUAL, Opcodes.INVOKEINTERFACE: {
                    MethodInsnNode mi = (MethodInsnNode) insn;
                    if (mi.name.equals("clone") || mi.owner.equals("java/lang/StringBuilder")
                            || mi.owner.equals("java/lang/String") && !STRING_READERS.contains(mi.name)) {
                        return true;
                    }
                    if (mi.owner.startsWith(AllowList.API_PREFIX) && staticallyBound(mi, cls)
                            && !mi.name.equals("<init>") && allocates(mi.owner, mi.name, mi.desc, inProgress)) {
                        return true;
                    }
                    break;
                }
                default:
                    break;
            }
        }
        return false;
    }

    /**
     * The instructions of straight-line code that ends in {@code athrow}: building the exception
     * and its message ({@code if (bad) throw new X("..." + v)}) allocates only when the method
     * fails, which ends the run anyway.
     */
    private static Set<AbstractInsnNode> throwPaths(MethodNode m) {
        Set<org.objectweb.asm.tree.LabelNode> targets = new HashSet<>();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof org.objectweb.asm.tree.JumpInsnNode j) {
                targets.add(j.label);
            } else if (insn instanceof org.objectweb.asm.tree.TableSwitchInsnNode t) {
                targets.addAll(t.labels);
                targets.add(t.dflt);
            } else if (insn instanceof org.objectweb.asm.tree.LookupSwitchInsnNode l) {
                targets.addAll(l.labels);
                targets.add(l.dflt);
            }
        }
        for (var h : m.tryCatchBlocks) {
            targets.add(h.handler);
        }
        Set<AbstractInsnNode> out = new HashSet<>();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn.getOpcode() != Opcodes.ATHROW) {
                continue;
            }
            for (AbstractInsnNode p = insn; p != null; p = p.getPrevious()) {
                if (p != insn && (p instanceof org.objectweb.asm.tree.JumpInsnNode || p.getOpcode() == Opcodes.ATHROW
                        || p.getOpcode() >= Opcodes.IRETURN && p.getOpcode() <= Opcodes.RETURN
                        || p instanceof org.objectweb.asm.tree.TableSwitchInsnNode
                        || p instanceof org.objectweb.asm.tree.LookupSwitchInsnNode || targets.contains(p))) {
                    break;
                }
                out.add(p);
            }
        }
        return out;
    }

    /** Whether a call's target is known here: static, constructor, private, or in a final class. */
    private boolean staticallyBound(MethodInsnNode mi, ClassNode caller) {
        if (mi.getOpcode() == Opcodes.INVOKESTATIC || mi.getOpcode() == Opcodes.INVOKESPECIAL) {
            return true;
        }
        ClassNode owner = classNode(mi.owner);
        return owner != null && (owner.access & Opcodes.ACC_FINAL) != 0;
    }

    /** The method a call resolves to among the API's classes: the owner, then its super-types; null if none declares it. */
    MethodNode resolve(String owner, String name, String desc) {
        return resolve(owner, name, desc, new ClassNode[1]);
    }

    private MethodNode resolve(String owner, String name, String desc, ClassNode[] declaring) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.add(owner);
        while (!todo.isEmpty()) {
            String c = todo.poll();
            if (!c.startsWith(AllowList.API_PREFIX) || !seen.add(c)) {
                continue;
            }
            ClassNode node = classNode(c);
            if (node == null) {
                continue;
            }
            for (MethodNode m : node.methods) {
                if (m.name.equals(name) && m.desc.equals(desc)) {
                    declaring[0] = node;
                    return m;
                }
            }
            if (node.superName != null) {
                todo.add(node.superName);
            }
            todo.addAll(node.interfaces);
        }
        return null;
    }

    private ClassNode classNode(String internalName) {
        return classes.computeIfAbsent(internalName, n -> {
            try (InputStream in = loader.getResourceAsStream(n + ".class")) {
                if (in == null) {
                    return Optional.empty();
                }
                ClassNode node = new ClassNode();
                new ClassReader(in).accept(node, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                return Optional.of(node);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    private static boolean annotated(List<AnnotationNode> annotations) {
        if (annotations != null) {
            for (AnnotationNode a : annotations) {
                if (a.desc.equals(USER_SPACE_ONLY)) {
                    return true;
                }
            }
        }
        return false;
    }
}
