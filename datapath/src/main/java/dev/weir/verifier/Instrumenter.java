package dev.weir.verifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;

/**
 * Inserts the instruction budget into verified classes: {@code Budget.charge(units)} at every
 * backward-branch target and before every call, in every method of every submitted class
 * (constructors and static initializers too: the loader runs them under a budget).
 *
 * <ul>
 *   <li>A backward-branch target (a loop head) is charged the number of instructions from it to
 *       the last backward branch to it: an upper bound of one iteration's straight-line code. A
 *       loop of N iterations with a body of k instructions costs N&times;k.</li>
 *   <li>A call is charged 1, plus the callee's instruction count when the callee is the
 *       program's own method (its loops and calls are charged again inside it). Without
 *       recursion this bounds any call tree, even one that fans out exponentially.</li>
 * </ul>
 * The inserted code pushes an int and calls a static method: it leaves locals and stack as they
 * were, so the class's stack map frames stay valid as they are; the writer recomputes max stack.
 * {@code @MapSpec} fields lose their {@code final} flag so the loader can assign them, and the
 * classes their nest (see {@link #openNest}).
 */
final class Instrumenter {
    static final String BUDGET = "dev/weir/verifier/Budget";

    /** Where a budget point was inserted. */
    record Point(String className, String method, String desc, Kind kind, int units, int line) {
        enum Kind { LOOP, CALL }
    }

    /** The instrumented program. */
    record Result(Map<String, byte[]> classes, Map<String, ClassNode> nodes, List<Point> points,
                  Map<AbstractInsnNode, String> inserted, int maxStack) {
        long loops() {
            return points.stream().filter(p -> p.kind() == Point.Kind.LOOP).count();
        }

        long calls() {
            return points.stream().filter(p -> p.kind() == Point.Kind.CALL).count();
        }
    }

    private Instrumenter() {
    }

    static Result instrument(ProgramUnit unit) {
        Map<String, Integer> sizes = new HashMap<>();
        for (ClassFile c : unit.classes()) {
            for (MethodNode m : c.node().methods) {
                sizes.put(CallGraph.key(c.name(), m.name, m.desc), realInstructions(m.instructions));
            }
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        Map<String, ClassNode> nodes = new LinkedHashMap<>();
        List<Point> points = new ArrayList<>();
        Map<AbstractInsnNode, String> inserted = new IdentityHashMap<>();
        int maxStack = 0;
        for (ClassFile c : unit.classes()) {
            ClassNode node = ClassFile.parse(c.bytes()).node(); // a fresh copy to change
            for (FieldNode f : node.fields) {
                if (MapDeclaration.annotation(f) != null) {
                    f.access &= ~Opcodes.ACC_FINAL;
                }
            }
            openNest(node);
            for (MethodNode m : node.methods) {
                if (m.instructions.size() > 0) {
                    instrument(unit, sizes, node, m, points, inserted);
                }
            }
            ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
            node.accept(cw);
            byte[] bytes = cw.toByteArray();
            List<MethodNode> written = ClassFile.parse(bytes).node().methods;
            for (int i = 0; i < written.size(); i++) {
                // The writer computed the maxima; the tree keeps the old ones until told.
                node.methods.get(i).maxStack = written.get(i).maxStack;
                node.methods.get(i).maxLocals = written.get(i).maxLocals;
                maxStack = Math.max(maxStack, written.get(i).maxStack);
            }
            out.put(c.name(), bytes);
            nodes.put(c.name(), node);
        }
        return new Result(out, nodes, List.copyOf(points), inserted, maxStack);
    }

    /**
     * Replaces nestmate access by package access. javac lets a class and its nested classes use
     * each other's private members through the NestHost/NestMembers attributes, and the JVM
     * checks a nest by loading the host class by name, which fails for the hidden program
     * class. All submitted classes share one runtime package (one loader, one package name), so
     * dropping the nest and {@code private} (on classes' members; interfaces' private methods
     * stay, they are not reached from outside) keeps every such access legal.
     */
    private static void openNest(ClassNode node) {
        node.nestHostClass = null;
        node.nestMembers = null;
        if ((node.access & Opcodes.ACC_INTERFACE) != 0) {
            return;
        }
        for (FieldNode f : node.fields) {
            f.access &= ~Opcodes.ACC_PRIVATE;
        }
        for (MethodNode m : node.methods) {
            m.access &= ~Opcodes.ACC_PRIVATE;
        }
    }

    private static void instrument(ProgramUnit unit, Map<String, Integer> sizes, ClassNode cls,
                                   MethodNode m, List<Point> points, Map<AbstractInsnNode, String> inserted) {
        InsnList insns = m.instructions;
        // Last backward branch to each loop head, found before anything moves.
        Map<LabelNode, AbstractInsnNode> lastBackward = new LinkedHashMap<>();
        for (int i = 0; i < insns.size(); i++) {
            AbstractInsnNode insn = insns.get(i);
            for (LabelNode target : targets(insn)) {
                if (insns.indexOf(target) < i) {
                    lastBackward.put(target, insn);
                }
            }
        }
        int[] lines = Bytecode.lineByIndex(insns);
        List<AbstractInsnNode> calls = new ArrayList<>();
        for (AbstractInsnNode insn : insns) {
            if (insn instanceof MethodInsnNode || insn.getOpcode() == Opcodes.INVOKEDYNAMIC) {
                calls.add(insn);
            }
        }
        Map<LabelNode, Integer> loopUnits = new LinkedHashMap<>();
        Map<LabelNode, Integer> loopLines = new HashMap<>();
        for (Map.Entry<LabelNode, AbstractInsnNode> e : lastBackward.entrySet()) {
            int from = insns.indexOf(e.getKey());
            int to = insns.indexOf(e.getValue());
            int n = 0;
            int line = -1;
            for (int i = from; i <= to; i++) {
                if (insns.get(i).getOpcode() >= 0) {
                    if (line < 0) {
                        line = lines[i];
                    }
                    n++;
                }
            }
            loopUnits.put(e.getKey(), n);
            loopLines.put(e.getKey(), line);
        }
        for (Map.Entry<LabelNode, Integer> e : loopUnits.entrySet()) {
            AbstractInsnNode at = e.getKey();
            // Keep the label's line number and frame in front: the charge belongs to the loop head.
            while (at.getNext() instanceof LineNumberNode || at.getNext() instanceof FrameNode) {
                at = at.getNext();
            }
            InsnList charge = charge(e.getValue(), "loop head", inserted);
            insns.insert(at, charge);
            points.add(new Point(cls.name, m.name, m.desc, Point.Kind.LOOP, e.getValue(), loopLines.get(e.getKey())));
        }
        for (AbstractInsnNode call : calls) {
            int units = 1;
            int line = -1;
            if (call instanceof MethodInsnNode mi) {
                ClassFile declaring = unit.declaringClass(mi.owner, mi.name, mi.desc);
                if (declaring != null) {
                    units += sizes.getOrDefault(CallGraph.key(declaring.name(), mi.name, mi.desc), 0);
                }
            }
            for (AbstractInsnNode p = call; p != null; p = p.getPrevious()) {
                if (p instanceof LineNumberNode ln) {
                    line = ln.line;
                    break;
                }
            }
            insns.insertBefore(call, charge(units, "call", inserted));
            points.add(new Point(cls.name, m.name, m.desc, Point.Kind.CALL, units, line));
        }
    }

    private static InsnList charge(int units, String what, Map<AbstractInsnNode, String> inserted) {
        InsnList list = new InsnList();
        AbstractInsnNode push;
        if (units <= 5) {
            push = new InsnNode(Opcodes.ICONST_0 + units);
        } else if (units <= Byte.MAX_VALUE) {
            push = new IntInsnNode(Opcodes.BIPUSH, units);
        } else if (units <= Short.MAX_VALUE) {
            push = new IntInsnNode(Opcodes.SIPUSH, units);
        } else {
            push = new LdcInsnNode(units);
        }
        AbstractInsnNode call = new MethodInsnNode(Opcodes.INVOKESTATIC, BUDGET, "charge", "(I)V", false);
        list.add(push);
        list.add(call);
        inserted.put(push, "budget point: " + what + ", " + units + (units == 1 ? " unit" : " units"));
        inserted.put(call, "");
        return list;
    }

    private static List<LabelNode> targets(AbstractInsnNode insn) {
        if (insn instanceof JumpInsnNode j) {
            return List.of(j.label);
        } else if (insn instanceof TableSwitchInsnNode t) {
            List<LabelNode> all = new ArrayList<>(t.labels);
            all.add(t.dflt);
            return all;
        } else if (insn instanceof LookupSwitchInsnNode l) {
            List<LabelNode> all = new ArrayList<>(l.labels);
            all.add(l.dflt);
            return all;
        }
        return List.of();
    }

    static int realInstructions(InsnList insns) {
        int n = 0;
        for (AbstractInsnNode insn : insns) {
            if (insn.getOpcode() >= 0) {
                n++;
            }
        }
        return n;
    }
}
