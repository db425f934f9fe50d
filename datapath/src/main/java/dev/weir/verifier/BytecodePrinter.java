package dev.weir.verifier;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.util.Printer;

/**
 * Prints methods as {@code bpftool prog dump xlated} prints BPF programs: per method, each
 * instruction with its bytecode index, {@code ; line N} where a source line starts, and marks on
 * what the loader inserted ({@code B} in the margin) or what the verifier refused ({@code ; REJECTED}).
 */
final class BytecodePrinter {
    private BytecodePrinter() {
    }

    /**
     * Prints a class's methods.
     *
     * @param node the class as it will run (instrumented) or as submitted
     * @param code per method (in order) the code array {@code node} was written as, for offsets
     * @param inserted instructions the loader inserted (marked), with a comment to show (may be empty)
     * @param notes per method key ({@code name+desc}) and bytecode index, text to show after the instruction
     */
    static void print(StringBuilder sb, ClassNode node, List<byte[]> code, Map<AbstractInsnNode, String> inserted,
                      Map<String, Map<Integer, List<String>>> notes) {
        for (int mi = 0; mi < node.methods.size(); mi++) {
            MethodNode m = node.methods.get(mi);
            sb.append('\n').append(AllowList.display(node.name)).append('.').append(m.name).append(m.desc);
            if (m.instructions.size() == 0) {
                sb.append(": no code\n");
                continue;
            }
            int[] bci = Bytecode.bciByIndex(m.instructions, mi < code.size() ? code.get(mi) : null);
            Map<LabelNode, Integer> labels = labelOffsets(m.instructions, bci);
            Map<Integer, List<String>> methodNotes = notes.getOrDefault(m.name + m.desc, Map.of());
            sb.append(":  ; max stack ").append(m.maxStack).append(", max locals ").append(m.maxLocals).append('\n');
            int lastLine = -1;
            for (int i = 0; i < m.instructions.size(); i++) {
                AbstractInsnNode insn = m.instructions.get(i);
                if (insn instanceof LineNumberNode ln && ln.line != lastLine) {
                    sb.append("; line ").append(ln.line).append('\n');
                    lastLine = ln.line;
                }
                if (insn.getOpcode() < 0) {
                    continue;
                }
                String text = instruction(insn, labels);
                String comment = inserted.get(insn);
                sb.append(comment != null ? "B " : "  ");
                sb.append(String.format("%5d: ", bci[i])).append(text);
                if (comment != null && !comment.isEmpty()) {
                    sb.append(" ".repeat(Math.max(1, 24 - text.length()))).append("; ").append(comment);
                }
                sb.append('\n');
                for (String note : methodNotes.getOrDefault(bci[i], List.of())) {
                    sb.append("         ; ").append(note).append('\n');
                }
            }
        }
    }

    private static Map<LabelNode, Integer> labelOffsets(InsnList insns, int[] bci) {
        Map<LabelNode, Integer> out = new HashMap<>();
        for (int i = 0; i < insns.size(); i++) {
            if (insns.get(i) instanceof LabelNode l) {
                int at = -1;
                for (int j = i; j < insns.size(); j++) {
                    if (bci[j] >= 0) {
                        at = bci[j];
                        break;
                    }
                }
                out.put(l, at);
            }
        }
        return out;
    }

    private static String instruction(AbstractInsnNode insn, Map<LabelNode, Integer> labels) {
        String op = Printer.OPCODES[insn.getOpcode()].toLowerCase(java.util.Locale.ROOT);
        if (insn instanceof IntInsnNode n) {
            return op + " " + (insn.getOpcode() == org.objectweb.asm.Opcodes.NEWARRAY
                    ? Printer.TYPES[n.operand].replace("T_", "").toLowerCase(java.util.Locale.ROOT) : n.operand);
        } else if (insn instanceof VarInsnNode n) {
            return op + " " + n.var;
        } else if (insn instanceof TypeInsnNode n) {
            return op + " " + n.desc;
        } else if (insn instanceof FieldInsnNode n) {
            return op + " " + n.owner + "." + n.name + ":" + n.desc;
        } else if (insn instanceof MethodInsnNode n) {
            return op + " " + n.owner + "." + n.name + n.desc;
        } else if (insn instanceof InvokeDynamicInsnNode n) {
            return op + " " + n.name + n.desc + " (bootstrap " + n.bsm.getOwner() + "." + n.bsm.getName() + ")";
        } else if (insn instanceof JumpInsnNode n) {
            return op + " " + labels.get(n.label);
        } else if (insn instanceof LdcInsnNode n) {
            return op + " " + constant(n.cst);
        } else if (insn instanceof IincInsnNode n) {
            return op + " " + n.var + " " + n.incr;
        } else if (insn instanceof TableSwitchInsnNode n) {
            StringBuilder sb = new StringBuilder(op).append(" {");
            for (int k = 0; k < n.labels.size(); k++) {
                sb.append(' ').append(n.min + k).append(": ").append(labels.get(n.labels.get(k))).append(',');
            }
            return sb.append(" default: ").append(labels.get(n.dflt)).append(" }").toString();
        } else if (insn instanceof LookupSwitchInsnNode n) {
            StringBuilder sb = new StringBuilder(op).append(" {");
            for (int k = 0; k < n.labels.size(); k++) {
                sb.append(' ').append(n.keys.get(k)).append(": ").append(labels.get(n.labels.get(k))).append(',');
            }
            return sb.append(" default: ").append(labels.get(n.dflt)).append(" }").toString();
        } else if (insn instanceof MultiANewArrayInsnNode n) {
            return op + " " + n.desc + " " + n.dims;
        }
        return op;
    }

    private static String constant(Object cst) {
        if (cst instanceof String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
            return sb.append('"').toString();
        } else if (cst instanceof Type t) {
            return t.getSort() == Type.METHOD ? t.getDescriptor() : t.getClassName() + ".class";
        } else if (cst instanceof Handle h) {
            return "handle " + h.getOwner() + "." + h.getName() + h.getDesc();
        } else if (cst instanceof Long l) {
            return l + "L";
        } else if (cst instanceof Float f) {
            return f + "f";
        }
        return String.valueOf(cst);
    }
}
