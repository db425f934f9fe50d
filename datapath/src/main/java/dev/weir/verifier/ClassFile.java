package dev.weir.verifier;

import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * One submitted class: its bytes as given, its tree (frames kept compressed, as the instrumenter
 * writes them back unchanged) and, per method, the byte offset and source line of each
 * instruction for the log.
 */
public final class ClassFile {
    private final byte[] bytes;
    private final ClassNode node;
    private final List<byte[]> code;

    private ClassFile(byte[] bytes, ClassNode node, List<byte[]> code) {
        this.bytes = bytes;
        this.node = node;
        this.code = code;
    }

    /**
     * Parses a class file.
     *
     * @throws IllegalArgumentException if the bytes are not a class file ASM can read, with why
     */
    public static ClassFile parse(byte[] bytes) {
        if (bytes.length < 10 || (bytes[0] & 0xFF) != 0xCA || (bytes[1] & 0xFF) != 0xFE
                || (bytes[2] & 0xFF) != 0xBA || (bytes[3] & 0xFF) != 0xBE) {
            throw new IllegalArgumentException("not a class file (it does not start with 0xCAFEBABE)");
        }
        try {
            ClassReader cr = new ClassReader(bytes);
            ClassNode node = new ClassNode();
            cr.accept(node, 0);
            return new ClassFile(bytes.clone(), node, Bytecode.methodCode(cr));
        } catch (RuntimeException e) {
            // ASM signals unsupported versions and truncated files with IllegalArgumentException
            // and ArrayIndexOutOfBoundsException.
            throw new IllegalArgumentException("unreadable class file (" + e + ")", e);
        }
    }

    /** The class file as submitted. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Internal name, e.g. {@code dev/example/Bad}. */
    public String name() {
        return node.name;
    }

    /** Binary name, e.g. {@code dev.example.Bad}. */
    public String binaryName() {
        return node.name.replace('/', '.');
    }

    /** The parsed tree; the verifier reads it, the instrumenter changes a copy. */
    ClassNode node() {
        return node;
    }

    /** The method's code as in the class file (null without code). */
    byte[] code(MethodNode m) {
        int i = node.methods.indexOf(m);
        return i < 0 || i >= code.size() ? null : code.get(i);
    }

    /** Bytes of bytecode in the method (0 without code). */
    int codeLength(MethodNode m) {
        byte[] c = code(m);
        return c == null ? 0 : c.length;
    }
}
