package dev.weir.js;

/**
 * A JavaScript program could not be loaded. The message is what a user reads, in the compilers'
 * form: {@code file.js:LINE:COL: message} when the problem has a place in the file (a syntax
 * error, an exception thrown by the module's top level), else {@code file.js: message} naming
 * the export at fault ({@code maps.blocked.keySize}, {@code run}).
 */
public final class JsLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;

    JsLoadException(String file, int line, int column, String message, Throwable cause) {
        super(line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message, cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    JsLoadException(String file, String message) {
        this(file, 0, 0, message, null);
    }

    /** The file's name as given to the loader. */
    public String file() {
        return file;
    }

    /** 1-based line of the problem, or 0 when it has no place in the file. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, or 0. */
    public int column() {
        return column;
    }
}
