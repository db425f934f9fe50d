package dev.weir.verifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a program's {@code .java} source in-process with the JDK's compiler (javax.tools),
 * into memory, against hooks-api. Compile errors come back as javac prints them, one per error:
 *
 * <pre>
 * DropAll.java:12: error: cannot find symbol
 *         return XDP_DROPP;
 *                ^
 *   symbol:   variable XDP_DROPP
 * </pre>
 *
 * The class files carry line numbers and local variable names ({@code -g}), so the verifier log
 * and {@code weir prog dump} can name source lines.
 */
public final class ProgramCompiler {
    private final List<Path> classPath;

    /** A compiler whose class path is hooks-api plus {@code extra} (e.g. test classes). */
    public ProgramCompiler(List<Path> extra) {
        List<Path> cp = new ArrayList<>();
        cp.add(locationOf(dev.weir.api.wire.Bytes.class));
        cp.addAll(extra);
        this.classPath = List.copyOf(cp);
    }

    public ProgramCompiler() {
        this(List.of());
    }

    /** The class path entry (jar or directory) a class was loaded from. */
    public static Path locationOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot find where " + c.getName() + " was loaded from", e);
        }
    }

    public List<Path> classPath() {
        return classPath;
    }

    /** Compiles a source file; the file name in messages is the path as given. */
    public Map<String, byte[]> compile(Path file) {
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProgramLoadException(ProgramLoadException.Reason.INPUT, file + ": cannot read: " + e.getMessage(), e);
        }
        return compile(file.toString(), source);
    }

    /**
     * Compiles source text.
     *
     * @param fileName the name for messages; its last element must be the public class's name + ".java"
     * @return class files by internal name
     * @throws ProgramLoadException (COMPILE) with javac's errors
     */
    public Map<String, byte[]> compile(String fileName, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new ProgramLoadException(ProgramLoadException.Reason.COMPILE,
                    "no Java compiler in this runtime: run Weir on a JDK, not a JRE", null);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> out = new TreeMap<>();
        try (StandardJavaFileManager std = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
             MemoryFileManager files = new MemoryFileManager(std, out)) {
            std.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
            List<String> options = List.of("-g", "--release", Integer.toString(Runtime.version().feature()),
                    "-proc:none", "-implicit:none", "-nowarn", "-Xlint:none", "-encoding", "UTF-8");
            JavaFileObject unit = new Source(fileName, source);
            boolean ok = javac.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
            if (!ok) {
                throw new ProgramLoadException(ProgramLoadException.Reason.COMPILE,
                        format(diagnostics.getDiagnostics(), fileName, source), null);
            }
        } catch (IOException e) {
            throw new ProgramLoadException(ProgramLoadException.Reason.COMPILE, fileName + ": " + e.getMessage(), e);
        }
        Map<String, byte[]> classes = new TreeMap<>();
        out.forEach((name, bytes) -> classes.put(name.replace('.', '/'), bytes.toByteArray()));
        return classes;
    }

    /** Errors as javac prints them: {@code file:line: error: message}, the source line, a caret. */
    static String format(List<Diagnostic<? extends JavaFileObject>> diagnostics, String fileName, String source) {
        String[] lines = source.split("\r?\n", -1);
        StringBuilder sb = new StringBuilder();
        int errors = 0;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            errors++;
            String message = d.getMessage(Locale.ROOT);
            String first = message;
            String rest = "";
            int nl = message.indexOf('\n');
            if (nl >= 0) {
                first = message.substring(0, nl);
                rest = message.substring(nl + 1);
            }
            long line = d.getLineNumber();
            sb.append(fileName);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": error: ").append(first).append('\n');
            if (line > 0 && line <= lines.length) {
                String text = lines[(int) line - 1];
                sb.append(text).append('\n');
                long col = d.getColumnNumber();
                if (col > 0) {
                    StringBuilder caret = new StringBuilder();
                    for (int i = 0; i < col - 1 && i < text.length(); i++) {
                        caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
                    }
                    sb.append(caret).append("^\n");
                }
            }
            if (!rest.isEmpty()) {
                sb.append(rest).append('\n');
            }
        }
        sb.append(errors).append(errors == 1 ? " error" : " errors");
        return sb.toString();
    }

    /** Source text under a file name. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String fileName, String text) {
            super(URI.create("string:///" + Path.of(fileName).getFileName().toString().replace(' ', '_')),
                    Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Keeps class files in memory, by binary name. */
    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> out;

        MemoryFileManager(StandardJavaFileManager std, Map<String, ByteArrayOutputStream> out) {
            super(std);
            this.out = out;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    out.put(className, bytes);
                    return bytes;
                }
            };
        }
    }
}
