package dev.weir.verifier;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LineNumberNode;

/**
 * Bytecode indexes and source lines of instructions. ASM's tree API numbers instructions by their
 * position in an {@link InsnList}; people (and {@code javap -c}) number them by their byte offset
 * in the method's code. This walks the Code attribute of the class file itself to get the offset
 * of each instruction, in order, and pairs them with the tree's real instructions (ClassReader
 * makes exactly one node per bytecode instruction: LDC_W, GOTO_W and WIDE forms included).
 */
final class Bytecode {
    private Bytecode() {
    }

    /**
     * The code arrays of the class's methods, in class-file order (the order of
     * {@code ClassNode.methods}); null for a method without code (abstract, native).
     */
    static List<byte[]> methodCode(ClassReader cr) {
        char[] buf = new char[cr.getMaxStringLength()];
        int u = cr.header + 6;
        u += 2 + 2 * cr.readUnsignedShort(u);
        int fields = cr.readUnsignedShort(u);
        u += 2;
        for (int i = 0; i < fields; i++) {
            u = skipMember(cr, u);
        }
        int methods = cr.readUnsignedShort(u);
        u += 2;
        List<byte[]> codes = new ArrayList<>(methods);
        for (int i = 0; i < methods; i++) {
            int attrs = cr.readUnsignedShort(u + 6);
            int a = u + 8;
            byte[] code = null;
            for (int j = 0; j < attrs; j++) {
                int len = cr.readInt(a + 2);
                if ("Code".equals(cr.readUTF8(a, buf))) {
                    int codeLength = cr.readInt(a + 10);
                    code = cr.readBytes(a + 14, codeLength);
                }
                a += 6 + len;
            }
            codes.add(code);
            u = a;
        }
        return codes;
    }

    private static int skipMember(ClassReader cr, int u) {
        int attrs = cr.readUnsignedShort(u + 6);
        int a = u + 8;
        for (int j = 0; j < attrs; j++) {
            a += 6 + cr.readInt(a + 2);
        }
        return a;
    }

    /** The byte offset of every instruction of {@code code}, in order. */
    static int[] offsets(byte[] code) {
        int[] out = new int[code.length];
        int n = 0;
        int pc = 0;
        while (pc < code.length) {
            out[n++] = pc;
            pc += length(code, pc);
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The length in bytes of the instruction at {@code pc}. */
    static int length(byte[] code, int pc) {
        int op = code[pc] & 0xFF;
        switch (op) {
            case 0xAA: { // tableswitch
                int p = pc + 1 + ((4 - (pc + 1) % 4) % 4);
                int low = readInt(code, p + 4);
                int high = readInt(code, p + 8);
                return p - pc + 12 + 4 * (high - low + 1);
            }
            case 0xAB: { // lookupswitch
                int p = pc + 1 + ((4 - (pc + 1) % 4) % 4);
                return p - pc + 8 + 8 * readInt(code, p + 4);
            }
            case 0xC4: // wide
                return (code[pc + 1] & 0xFF) == 0x84 ? 6 : 4;
            default:
                return LENGTHS[op];
        }
    }

    private static int readInt(byte[] b, int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    /** Instruction lengths by opcode (0 for the variable-length and unused ones). */
    private static final int[] LENGTHS = new int[256];

    static {
        java.util.Arrays.fill(LENGTHS, 1);
        LENGTHS[0x10] = 2; // bipush
        LENGTHS[0x11] = 3; // sipush
        LENGTHS[0x12] = 2; // ldc
        LENGTHS[0x13] = 3; // ldc_w
        LENGTHS[0x14] = 3; // ldc2_w
        for (int op = 0x15; op <= 0x19; op++) {
            LENGTHS[op] = 2; // iload..aload
        }
        for (int op = 0x36; op <= 0x3A; op++) {
            LENGTHS[op] = 2; // istore..astore
        }
        LENGTHS[0x84] = 3; // iinc
        for (int op = 0x99; op <= 0xA8; op++) {
            LENGTHS[op] = 3; // if*, goto, jsr
        }
        LENGTHS[0xA9] = 2; // ret
        for (int op = 0xB2; op <= 0xB8; op++) {
            LENGTHS[op] = 3; // get/put field/static, invokevirtual/special/static
        }
        LENGTHS[0xB9] = 5; // invokeinterface
        LENGTHS[0xBA] = 5; // invokedynamic
        LENGTHS[0xBB] = 3; // new
        LENGTHS[0xBC] = 2; // newarray
        LENGTHS[0xBD] = 3; // anewarray
        LENGTHS[0xC0] = 3; // checkcast
        LENGTHS[0xC1] = 3; // instanceof
        LENGTHS[0xC5] = 4; // multianewarray
        LENGTHS[0xC6] = 3; // ifnull
        LENGTHS[0xC7] = 3; // ifnonnull
        LENGTHS[0xC8] = 5; // goto_w
        LENGTHS[0xC9] = 5; // jsr_w
    }

    /**
     * Per tree instruction index: the byte offset of real instructions (-1 for labels, line numbers
     * and frames, and for every instruction if the code does not match the tree).
     */
    static int[] bciByIndex(InsnList insns, byte[] code) {
        int[] bci = new int[insns.size()];
        java.util.Arrays.fill(bci, -1);
        if (code == null) {
            return bci;
        }
        int[] offsets = offsets(code);
        int k = 0;
        for (int i = 0; i < insns.size(); i++) {
            if (insns.get(i).getOpcode() >= 0) {
                if (k >= offsets.length) {
                    java.util.Arrays.fill(bci, -1);
                    return bci;
                }
                bci[i] = offsets[k++];
            }
        }
        if (k != offsets.length) {
            java.util.Arrays.fill(bci, -1);
        }
        return bci;
    }

    /** Per tree instruction index: the source line in effect there (-1 before the first). */
    static int[] lineByIndex(InsnList insns) {
        int[] lines = new int[insns.size()];
        int line = -1;
        for (int i = 0; i < insns.size(); i++) {
            AbstractInsnNode n = insns.get(i);
            if (n instanceof LineNumberNode ln) {
                line = ln.line;
            }
            lines[i] = line;
        }
        return lines;
    }
}
