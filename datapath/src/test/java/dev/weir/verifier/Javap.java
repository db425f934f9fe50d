package dev.weir.verifier;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * The JDK's javap, as an independent reading of bytecode indexes and line numbers: per method
 * (name + descriptor), the offsets of its instructions and its LineNumberTable.
 */
final class Javap {
    record Method(TreeSet<Integer> offsets, TreeMap<Integer, Integer> lines) {
        /** The source line javap's table gives for an offset (the entry with the largest start at or before it). */
        int lineAt(int bci) {
            Map.Entry<Integer, Integer> e = lines.floorEntry(bci);
            return e == null ? -1 : e.getValue();
        }
    }

    private static final Pattern INSN = Pattern.compile("^\\s+(\\d+): [a-z][a-z_0-9]*");
    private static final Pattern LINE = Pattern.compile("^\\s+line (\\d+): (\\d+)");

    private Javap() {
    }

    static Map<String, Method> read(byte[] classFile) {
        try {
            Path dir = Files.createTempDirectory("javap");
            Path f = dir.resolve("C.class");
            Files.write(f, classFile);
            StringWriter out = new StringWriter();
            ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
            int rc = javap.run(new PrintWriter(out), new PrintWriter(out), "-c", "-l", "-s", "-p", f.toString());
            Files.delete(f);
            Files.delete(dir);
            if (rc != 0) {
                throw new IllegalStateException("javap failed: " + out);
            }
            return parse(out.toString(), new ClassReaderName(classFile).simple());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Method> parse(String text, String simpleName) {
        Map<String, Method> out = new HashMap<>();
        String name = null;
        Method current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("  ") && !line.startsWith("   ") && (line.endsWith(");") || line.endsWith("{};")
                    || line.contains(") throws "))) {
                String head = line.substring(0, line.indexOf('(') < 0 ? line.length() : line.indexOf('(')).trim();
                name = line.contains("static {}") ? "<clinit>" : head.substring(head.lastIndexOf(' ') + 1);
                if (name.contains(".") || name.equals(simpleName)) {
                    name = "<init>"; // javap prints constructors under the class's (qualified) name
                }
                current = null;
            } else if (line.trim().startsWith("descriptor: ") && name != null && current == null) {
                current = new Method(new TreeSet<>(), new TreeMap<>());
                out.put(name + line.trim().substring("descriptor: ".length()), current);
            } else if (current != null) {
                Matcher m = INSN.matcher(line);
                if (m.find()) {
                    current.offsets().add(Integer.parseInt(m.group(1)));
                }
                Matcher l = LINE.matcher(line);
                if (l.find()) {
                    current.lines().put(Integer.parseInt(l.group(2)), Integer.parseInt(l.group(1)));
                }
            }
        }
        return out;
    }

    /** The simple name javap prints for constructors. */
    private record ClassReaderName(byte[] bytes) {
        String simple() {
            String n = new org.objectweb.asm.ClassReader(bytes).getClassName();
            return n.substring(n.lastIndexOf('/') + 1);
        }
    }
}
