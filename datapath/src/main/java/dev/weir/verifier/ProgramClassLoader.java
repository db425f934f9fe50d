package dev.weir.verifier;

import java.lang.invoke.MethodHandles;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The class loader of one program: a second wall behind the verifier. It defines the program's
 * nested classes and a host class in the program's package (whose lookup defines the program
 * class as a hidden class), and resolves nothing else but what the allow-list lets programs
 * name: {@code dev.weir.api..}, the budget runtime the loader inserts calls to, and the few JDK
 * classes of {@link AllowList#JDK_CLASSES}. A class the verifier should have refused but did not
 * fails to link here instead of running.
 *
 * <p>How the hidden program class sees hooks-api: a hidden class resolves names through its
 * defining loader, the loader of the lookup class that defined it, i.e. this loader, which
 * delegates {@code dev.weir.api} names to its parent (the loader of hooks-api and the datapath).
 * Its own name in its constant pool resolves to itself; nested classes reach it by no name (the
 * verifier's nested-class rule).
 */
final class ProgramClassLoader extends ClassLoader {
    static final String HOST = "$WeirProgramHost";

    private final Map<String, byte[]> classes;
    private final Set<String> fromParent = new HashSet<>();

    /**
     * @param classes the nested classes to define, by binary name
     * @param packageName the program's package, dotted ("" for the unnamed package)
     */
    ProgramClassLoader(String name, ClassLoader parent, Map<String, byte[]> classes, String packageName) {
        super(name, parent);
        this.classes = new java.util.HashMap<>(classes);
        String host = packageName.isEmpty() ? HOST : packageName + "." + HOST;
        this.classes.put(host, hostClass(host.replace('.', '/')));
        for (String jdk : AllowList.JDK_CLASSES) {
            fromParent.add(jdk.replace('/', '.'));
        }
        fromParent.add(Budget.class.getName());
        fromParent.add(BudgetExhaustedError.class.getName());
        // The host class's own references.
        fromParent.add(MethodHandles.class.getName());
        fromParent.add(MethodHandles.Lookup.class.getName());
    }

    /** A full-privilege lookup in the program's package, defined by this loader. */
    MethodHandles.Lookup hostLookup(String packageName) throws ReflectiveOperationException {
        Class<?> host = loadClass(packageName.isEmpty() ? HOST : packageName + "." + HOST);
        return (MethodHandles.Lookup) host.getMethod("lookup").invoke(null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] b = classes.get(name);
                if (b != null) {
                    c = defineClass(name, b, 0, b.length);
                } else if (name.startsWith("dev.weir.api.") || fromParent.contains(name)) {
                    c = getParent().loadClass(name);
                } else {
                    throw new ClassNotFoundException(name + " is not available to programs (not on the allow-list)");
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    /** {@code public final class Host { public static Lookup lookup() { return MethodHandles.lookup(); } }} */
    private static byte[] hostClass(String internalName) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, internalName, null,
                "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", null, null);
        mv.visitCode();
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
