package dev.weir.tools.packetdrill;

/**
 * A script that does not follow the packetdrill language: a token the grammar does not allow
 * where it stands, or a value packetdrill itself refuses while parsing (a sequence range that
 * disagrees with its length, a window out of range, a time range that runs backwards...).
 *
 * <p>This is the only exception {@link ScriptParser} throws, whatever its input. The message is
 * {@code file:line:column: what was expected}, lines and columns counted from 1, the column in
 * characters (a tab counts as one).
 */
public final class ScriptSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public ScriptSyntaxException(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** The name the script was parsed under. */
    public String file() {
        return file;
    }

    /** Line of the offending token, from 1. */
    public int line() {
        return line;
    }

    /** Column of the offending token, from 1. */
    public int column() {
        return column;
    }

    /** What was wrong, without the position. */
    public String problem() {
        return problem;
    }
}
