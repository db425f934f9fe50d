package dev.weir.tools.packetdrill;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One {@code %{ }%} block read as the Python subset Weir evaluates, ready for
 * {@link PythonSession#run}. The subset covers what packetdrill's TCP scripts write: statements
 * {@code assert test[, message]}, {@code name = expr}, {@code name += expr} (and the other
 * augmented assignments), {@code pass} and expression statements such as {@code print(x)},
 * separated by newlines or {@code ;}, with {@code #} comments and {@code \} continuations; and
 * expressions over ints (decimal, {@code 0x}, {@code 0o}, {@code 0b}), floats, strings, tuples,
 * {@code True/False/None}: {@code or and not}, chained comparisons ({@code a < b <= c}),
 * {@code | ^ & << >> + - * / // % **}, unary {@code - + ~}, {@code x if c else y}, string
 * {@code %} formatting, and the builtins {@code int abs min max bool float str hex len print}.
 *
 * <p>Anything else (control flow, definitions, imports, attribute access, subscripts, lists,
 * {@code in}, {@code is}, lambdas, f-strings...) makes the block {@link PyOutcome.Unsupported},
 * naming the construct; text that is not valid Python at all is a {@link PyOutcome.Error}.
 * As packetdrill does, the block is run as its text followed by two newlines.
 */
public final class PythonBlock {
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
            "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
            "with", "yield");
    static final Set<String> BUILTINS = Set.of("int", "abs", "min", "max", "bool", "float", "str", "hex", "len", "print");
    private static final String[] OPS = {"**=", "//=", ">>=", "<<=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
        "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", ":=", "+", "-", "*", "/", "%", "&", "|", "^", "~", "<", ">",
        "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "=", "@"};
    private static final long MAX_STRING = 1 << 20;

    private final String code;
    private final int firstLine;
    private final List<Stmt> statements;
    private final PyOutcome problem;

    private PythonBlock(String code, int firstLine, List<Stmt> statements, PyOutcome problem) {
        this.code = code;
        this.firstLine = firstLine;
        this.statements = statements;
        this.problem = problem;
    }

    /** Reads a block's code; never throws: a block outside the subset carries its problem. */
    public static PythonBlock parse(String code, int firstLine) {
        try {
            return new PythonBlock(code, firstLine, new Parser(code + "\n\n", firstLine).program(), null);
        } catch (Failure f) {
            return new PythonBlock(code, firstLine, List.of(), f.outcome);
        } catch (StackOverflowError e) {
            return new PythonBlock(code, firstLine, List.of(), new PyOutcome.Unsupported(firstLine, "expressions nested this deeply"));
        }
    }

    /** Reads the code of a script's Python event. */
    public static PythonBlock of(Action.Python event) {
        return parse(event.code(), event.firstLine());
    }

    public String code() {
        return code;
    }

    public int firstLine() {
        return firstLine;
    }

    /** Empty when the whole block is in the subset; else why not ({@link PyOutcome.Unsupported} or {@link PyOutcome.Error}). */
    public Optional<PyOutcome> problem() {
        return Optional.ofNullable(problem);
    }

    /** True when every statement is in the subset. */
    public boolean isSupported() {
        return problem == null;
    }

    /** Every name the block reads, in order of first appearance (assignment targets of {@code x = ...} excluded). */
    public List<String> namesRead() {
        List<String> out = new ArrayList<>();
        for (Stmt s : statements) {
            switch (s) {
                case Assert a -> {
                    names(a.test(), out);
                    if (a.message() != null) {
                        names(a.message(), out);
                    }
                }
                case Assign a -> {
                    if (!a.op().equals("=") && !out.contains(a.target())) {
                        out.add(a.target());
                    }
                    names(a.value(), out);
                }
                case ExprStmt e -> names(e.expr(), out);
                case Pass p -> { }
            }
        }
        return out;
    }

    List<Stmt> statements() {
        return statements;
    }

    static void names(Node n, List<String> out) {
        switch (n) {
            case Name x -> {
                if (!out.contains(x.id())) {
                    out.add(x.id());
                }
            }
            case Const c -> { }
            case Unary u -> names(u.operand(), out);
            case Binary b -> {
                names(b.left(), out);
                names(b.right(), out);
            }
            case BoolOp b -> b.operands().forEach(o -> names(o, out));
            case Compare c -> c.operands().forEach(o -> names(o, out));
            case Call c -> c.args().forEach(o -> names(o, out));
            case TupleExpr t -> t.items().forEach(o -> names(o, out));
            case Cond c -> {
                names(c.body(), out);
                names(c.test(), out);
                names(c.orElse(), out);
            }
        }
    }

    // ---- AST ------------------------------------------------------------------------------

    sealed interface Node permits Const, Name, Unary, Binary, BoolOp, Compare, Call, TupleExpr, Cond {}

    record Const(PyValue value) implements Node {}

    record Name(String id) implements Node {}

    /** {@code op} is one of - + ~ not. */
    record Unary(String op, Node operand) implements Node {}

    record Binary(String op, Node left, Node right) implements Node {}

    /** {@code op} is and / or. */
    record BoolOp(String op, List<Node> operands) implements Node {}

    /** {@code a < b <= c}: ops.size() == operands.size() - 1. */
    record Compare(List<String> ops, List<Node> operands) implements Node {}

    record Call(String function, List<Node> args) implements Node {}

    record TupleExpr(List<Node> items) implements Node {}

    record Cond(Node test, Node body, Node orElse) implements Node {}

    sealed interface Stmt permits Assert, Assign, ExprStmt, Pass {
        int line();
    }

    /** {@code testText} is the source of the test, for the failure message. */
    record Assert(int line, Node test, String testText, Node message) implements Stmt {}

    /** {@code op} is {@code =} or an augmented operator such as {@code +=}. */
    record Assign(int line, String target, String op, Node value) implements Stmt {}

    record ExprStmt(int line, Node expr) implements Stmt {}

    record Pass(int line) implements Stmt {}

    /** Ends parsing with an outcome. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient PyOutcome outcome;

        Failure(PyOutcome outcome) {
            super(outcome.toString(), null, false, false);
            this.outcome = outcome;
        }
    }

    // ---- lexer and parser -----------------------------------------------------------------

    private record Tok(String kind, String text, PyValue value, int line, int start, int end) {
        boolean op(String s) {
            return kind.equals("OP") && text.equals(s);
        }

        boolean kw(String s) {
            return kind.equals("NAME") && text.equals(s);
        }
    }

    private static final class Parser {
        private final String src;
        private final int firstLine;
        private final List<Tok> toks = new ArrayList<>();
        private int k;

        Parser(String src, int firstLine) {
            this.src = src;
            this.firstLine = firstLine;
            lex();
        }

        private Failure unsupported(int line, String what) {
            return new Failure(new PyOutcome.Unsupported(firstLine + line, what));
        }

        private Failure syntax(int line, String what) {
            return new Failure(new PyOutcome.Error(firstLine + line, "SyntaxError: " + what));
        }

        private void lex() {
            int pos = 0;
            int line = 0;
            int depth = 0;
            Tok outermost = null;
            boolean lineStart = true;
            int n = src.length();
            while (true) {
                if (lineStart && depth == 0) {
                    int i = pos;
                    while (i < n && (src.charAt(i) == ' ' || src.charAt(i) == '\t' || src.charAt(i) == '\f')) {
                        i++;
                    }
                    if (i < n && src.charAt(i) != '\n' && src.charAt(i) != '#' && src.charAt(i) != '\r' && i > pos) {
                        toks.add(new Tok("INDENT", src.substring(pos, i), null, line, pos, i));
                    }
                    pos = i;
                    lineStart = false;
                }
                if (pos >= n) {
                    if (depth > 0) {
                        throw syntax(outermost.line(), "'" + outermost.text() + "' was never closed");
                    }
                    newline(line, pos);
                    toks.add(new Tok("EOF", "", null, line, pos, pos));
                    return;
                }
                char c = src.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
                    pos++;
                } else if (c == '\\') {
                    int j = pos + 1;
                    if (j < n && src.charAt(j) == '\r') {
                        j++;
                    }
                    if (j >= n || src.charAt(j) != '\n') {
                        throw syntax(line, "unexpected character after line continuation character");
                    }
                    pos = j + 1;
                    line++;
                    if (pos >= n) {
                        throw syntax(line, "unexpected EOF after line continuation");
                    }
                } else if (c == '#') {
                    while (pos < n && src.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (c == '\n') {
                    if (depth == 0) {
                        newline(line, pos);
                        lineStart = true;
                    }
                    pos++;
                    line++;
                } else if (Character.isDigit(c) || c == '.' && pos + 1 < n && Character.isDigit(src.charAt(pos + 1))) {
                    pos = number(pos, line);
                } else if (Character.isLetter(c) || c == '_') {
                    int s = pos;
                    while (pos < n && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                        pos++;
                    }
                    String w = src.substring(s, pos);
                    if (pos < n && (src.charAt(pos) == '\'' || src.charAt(pos) == '"') && w.matches("(?i)[rbfu]{1,2}")) {
                        throw unsupported(line, "string prefix " + w + " (" + w + "'...')");
                    }
                    toks.add(new Tok("NAME", w, null, line, s, pos));
                } else if (c == '\'' || c == '"') {
                    pos = string(pos, line);
                } else {
                    String op = null;
                    for (String o : OPS) {
                        if (src.startsWith(o, pos)) {
                            op = o;
                            break;
                        }
                    }
                    if (op == null) {
                        throw syntax(line, "invalid character '" + c + "'");
                    }
                    if (op.equals("(") || op.equals("[") || op.equals("{")) {
                        if (depth++ == 0) {
                            outermost = new Tok("OP", op, null, line, pos, pos + 1);
                        }
                    } else if (op.equals(")") || op.equals("]") || op.equals("}")) {
                        if (depth == 0) {
                            throw syntax(line, "unmatched '" + op + "'");
                        }
                        depth--;
                    }
                    toks.add(new Tok("OP", op, null, line, pos, pos + op.length()));
                    pos += op.length();
                }
            }
        }

        private void newline(int line, int pos) {
            if (!toks.isEmpty() && !toks.getLast().kind().equals("NEWLINE")) {
                toks.add(new Tok("NEWLINE", "\n", null, line, pos, pos));
            }
        }

        private int number(int pos, int line) {
            int n = src.length();
            int s = pos;
            while (pos < n && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_' || src.charAt(pos) == '.'
                    || (src.charAt(pos) == '+' || src.charAt(pos) == '-') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')
                    && !src.substring(s, pos).toLowerCase().startsWith("0x"))) {
                pos++;
            }
            String text = src.substring(s, pos);
            String t = text.replace("_", "");
            PyValue v;
            try {
                String lower = t.toLowerCase();
                if (text.contains("__") || text.endsWith("_")) {
                    throw new NumberFormatException();
                }
                if (lower.startsWith("0x")) {
                    v = new PyValue.Int(new BigInteger(t.substring(2), 16));
                } else if (lower.startsWith("0o")) {
                    v = new PyValue.Int(new BigInteger(t.substring(2), 8));
                } else if (lower.startsWith("0b")) {
                    v = new PyValue.Int(new BigInteger(t.substring(2), 2));
                } else if (lower.matches("[0-9]+")) {
                    if (lower.length() > 1 && lower.startsWith("0") && !lower.matches("0+")) {
                        throw syntax(line, "leading zeros in decimal integer literals are not permitted: " + text);
                    }
                    v = new PyValue.Int(new BigInteger(t));
                } else if (lower.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?")) {
                    v = new PyValue.Float(Double.parseDouble(t));
                } else if (lower.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?j")) {
                    throw unsupported(line, "complex number " + text);
                } else {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw syntax(line, "invalid number " + text);
            }
            toks.add(new Tok("NUM", text, v, line, s, pos));
            return pos;
        }

        private int string(int pos, int line) {
            char q = src.charAt(pos);
            int n = src.length();
            if (src.startsWith(String.valueOf(q).repeat(3), pos)) {
                throw unsupported(line, "triple-quoted strings");
            }
            StringBuilder b = new StringBuilder();
            int i = pos + 1;
            while (true) {
                if (i >= n || src.charAt(i) == '\n') {
                    throw syntax(line, "unterminated string literal");
                }
                char c = src.charAt(i);
                if (c == q) {
                    break;
                }
                if (c == '\\' && i + 1 < n) {
                    char e = src.charAt(i + 1);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case '0' -> b.append('\0');
                        case '\\', '\'', '"' -> b.append(e);
                        case '\n' -> { }
                        default -> b.append('\\').append(e);
                    }
                    i += 2;
                    continue;
                }
                b.append(c);
                i++;
            }
            toks.add(new Tok("STR", src.substring(pos, i + 1), new PyValue.Str(b.toString()), line, pos, i + 1));
            return i + 1;
        }

        // -- statements --

        private Tok peek() {
            return toks.get(k);
        }

        private Tok next() {
            return toks.get(k++);
        }

        private Tok expectOp(String op, String what) {
            Tok t = peek();
            if (!t.op(op)) {
                throw syntax(t.line(), "expected " + what + ", found " + describe(t));
            }
            return next();
        }

        private static String describe(Tok t) {
            return switch (t.kind()) {
                case "EOF" -> "end of block";
                case "NEWLINE" -> "end of line";
                default -> "'" + t.text() + "'";
            };
        }

        List<Stmt> program() {
            List<Stmt> out = new ArrayList<>();
            while (!peek().kind().equals("EOF")) {
                if (peek().kind().equals("NEWLINE")) {
                    next();
                    continue;
                }
                if (peek().kind().equals("INDENT")) {
                    throw syntax(peek().line(), "unexpected indent (statements in a block start in column 1)");
                }
                out.add(statement());
                while (peek().op(";")) {
                    next();
                    if (peek().kind().equals("NEWLINE") || peek().kind().equals("EOF")) {
                        break;
                    }
                    out.add(statement());
                }
                Tok t = peek();
                if (!t.kind().equals("NEWLINE") && !t.kind().equals("EOF")) {
                    throw syntax(t.line(), "expected the end of the statement, found " + describe(t));
                }
            }
            return out;
        }

        private Stmt statement() {
            Tok t = peek();
            int line = firstLine + t.line();
            if (t.kind().equals("NAME")) {
                switch (t.text()) {
                    case "assert" -> {
                        next();
                        int from = peek().start();
                        Node test = test();
                        String text = src.substring(from, toks.get(k - 1).end()).strip();
                        Node msg = null;
                        if (peek().op(",")) {
                            next();
                            msg = test();
                        }
                        return new Assert(line, test, text, msg);
                    }
                    case "pass" -> {
                        next();
                        return new Pass(line);
                    }
                    case "if", "elif", "else", "for", "while", "def", "class", "try", "except", "finally", "with",
                         "import", "from", "return", "raise", "del", "global", "nonlocal", "lambda", "yield", "break",
                         "continue", "async", "await" -> throw unsupported(t.line(), "'" + t.text() + "' statement");
                    default -> { }
                }
                Tok after = toks.get(k + 1);
                if (!KEYWORDS.contains(t.text()) && after.kind().equals("OP")
                        && (after.text().equals("=") || after.text().length() >= 2 && after.text().endsWith("=")
                        && !after.text().equals("==") && !after.text().equals("<=") && !after.text().equals(">=")
                        && !after.text().equals("!="))) {
                    next();
                    String op = next().text();
                    Node value = test();
                    if (peek().op("=")) {
                        throw unsupported(peek().line(), "chained assignment a = b = ...");
                    }
                    if (peek().op(",")) {
                        throw unsupported(peek().line(), "tuple assignment");
                    }
                    return new Assign(line, t.text(), op, value);
                }
            }
            Node e = exprList();
            if (peek().op("=") || peek().kind().equals("OP") && peek().text().length() >= 2 && peek().text().endsWith("=")
                    && !List.of("==", "<=", ">=", "!=").contains(peek().text())) {
                throw unsupported(peek().line(), "assignment to anything but a plain name");
            }
            return new ExprStmt(line, e);
        }

        /** A test, or a tuple of tests written without parentheses. */
        private Node exprList() {
            Node first = test();
            if (!peek().op(",")) {
                return first;
            }
            List<Node> items = new ArrayList<>(List.of(first));
            while (peek().op(",")) {
                next();
                if (endsExpression(peek())) {
                    break;
                }
                items.add(test());
            }
            return new TupleExpr(items);
        }

        private static boolean endsExpression(Tok t) {
            return t.kind().equals("NEWLINE") || t.kind().equals("EOF") || t.op(";") || t.op(")");
        }

        // -- expressions, lowest precedence first --

        private Node test() {
            if (peek().kw("lambda")) {
                throw unsupported(peek().line(), "lambda");
            }
            Node body = orTest();
            if (peek().kw("if")) {
                next();
                Node cond = orTest();
                if (!peek().kw("else")) {
                    throw syntax(peek().line(), "expected 'else' in the conditional expression, found " + describe(peek()));
                }
                next();
                return new Cond(cond, body, test());
            }
            if (peek().op(":=")) {
                throw unsupported(peek().line(), "assignment expression :=");
            }
            return body;
        }

        private Node orTest() {
            return boolChain("or", this::andTest);
        }

        private Node andTest() {
            return boolChain("and", this::notTest);
        }

        /** {@code operand (keyword operand)*}, one {@link BoolOp} for the whole chain. */
        private Node boolChain(String keyword, Supplier<Node> operand) {
            Node first = operand.get();
            if (!peek().kw(keyword)) {
                return first;
            }
            List<Node> ops = new ArrayList<>(List.of(first));
            while (peek().kw(keyword)) {
                next();
                ops.add(operand.get());
            }
            return new BoolOp(keyword, ops);
        }

        private Node notTest() {
            if (peek().kw("not")) {
                next();
                return new Unary("not", notTest());
            }
            return comparison();
        }

        private Node comparison() {
            Node first = binary(0);
            List<String> ops = new ArrayList<>();
            List<Node> operands = new ArrayList<>(List.of(first));
            while (true) {
                Tok t = peek();
                if (t.kw("in") || t.kw("is") || t.kw("not")) {
                    throw unsupported(t.line(), "'" + t.text() + "' comparison");
                }
                if (t.kind().equals("OP") && List.of("<", ">", "==", ">=", "<=", "!=").contains(t.text())) {
                    next();
                    ops.add(t.text());
                    operands.add(binary(0));
                } else {
                    break;
                }
            }
            return ops.isEmpty() ? first : new Compare(ops, operands);
        }

        private static final List<List<String>> LEVELS = List.of(
                List.of("|"), List.of("^"), List.of("&"), List.of("<<", ">>"), List.of("+", "-"),
                List.of("*", "/", "//", "%", "@"));

        private Node binary(int level) {
            if (level == LEVELS.size()) {
                return factor();
            }
            Node left = binary(level + 1);
            while (peek().kind().equals("OP") && LEVELS.get(level).contains(peek().text())) {
                Tok op = next();
                if (op.text().equals("@")) {
                    throw unsupported(op.line(), "matrix multiplication @");
                }
                left = new Binary(op.text(), left, binary(level + 1));
            }
            return left;
        }

        private Node factor() {
            Tok t = peek();
            if (t.op("-") || t.op("+") || t.op("~")) {
                next();
                return new Unary(t.text(), factor());
            }
            return power();
        }

        private Node power() {
            Node base = atomExpr();
            if (peek().op("**")) {
                next();
                return new Binary("**", base, factor());
            }
            return base;
        }

        private Node atomExpr() {
            Tok t = peek();
            Node atom = atom();
            while (true) {
                Tok p = peek();
                if (p.op("(")) {
                    if (!(atom instanceof Name name) || !BUILTINS.contains(name.id())) {
                        throw unsupported(p.line(), "call of " + (atom instanceof Name nm ? nm.id() + "()" : "an expression")
                                + " (only " + String.join(", ", BUILTINS.stream().sorted().toList()) + " are known)");
                    }
                    next();
                    List<Node> args = new ArrayList<>();
                    while (!peek().op(")")) {
                        if (peek().kind().equals("NAME") && toks.get(k + 1).op("=")) {
                            throw unsupported(peek().line(), "keyword argument " + peek().text() + "=");
                        }
                        if (peek().op("*") || peek().op("**")) {
                            throw unsupported(peek().line(), "argument unpacking");
                        }
                        args.add(test());
                        if (peek().op(",")) {
                            next();
                        } else if (!peek().op(")")) {
                            throw syntax(peek().line(), "expected , or ) in the call, found " + describe(peek()));
                        }
                    }
                    next();
                    atom = new Call(name.id(), args);
                } else if (p.op(".")) {
                    throw unsupported(p.line(), "attribute access " + t.text() + "." + toks.get(k + 1).text());
                } else if (p.op("[")) {
                    throw unsupported(p.line(), "subscript " + t.text() + "[...]");
                } else {
                    return atom;
                }
            }
        }

        private Node atom() {
            Tok t = next();
            switch (t.kind()) {
                case "NUM" -> {
                    return new Const(t.value());
                }
                case "STR" -> {
                    StringBuilder b = new StringBuilder(((PyValue.Str) t.value()).v());
                    while (peek().kind().equals("STR")) {
                        b.append(((PyValue.Str) next().value()).v());
                        if (b.length() > MAX_STRING) {
                            throw unsupported(t.line(), "strings longer than " + MAX_STRING + " characters");
                        }
                    }
                    return new Const(new PyValue.Str(b.toString()));
                }
                case "NAME" -> {
                    switch (t.text()) {
                        case "True" -> {
                            return new Const(PyValue.TRUE);
                        }
                        case "False" -> {
                            return new Const(PyValue.FALSE);
                        }
                        case "None" -> {
                            return new Const(PyValue.NONE);
                        }
                        default -> { }
                    }
                    if (t.text().equals("lambda") || t.text().equals("yield") || t.text().equals("await")) {
                        throw unsupported(t.line(), t.text());
                    }
                    if (KEYWORDS.contains(t.text())) {
                        throw syntax(t.line(), "unexpected keyword '" + t.text() + "'");
                    }
                    return new Name(t.text());
                }
                case "OP" -> {
                    switch (t.text()) {
                        case "(" -> {
                            if (peek().op(")")) {
                                next();
                                return new TupleExpr(List.of());
                            }
                            Node first = test();
                            if (peek().kw("for")) {
                                throw unsupported(peek().line(), "generator expression");
                            }
                            if (peek().op(")")) {
                                next();
                                return first;
                            }
                            List<Node> items = new ArrayList<>(List.of(first));
                            while (peek().op(",")) {
                                next();
                                if (peek().op(")")) {
                                    break;
                                }
                                items.add(test());
                            }
                            expectOp(")", ") to close the parenthesis");
                            return new TupleExpr(items);
                        }
                        case "[" -> throw unsupported(t.line(), "list display [...]");
                        case "{" -> throw unsupported(t.line(), "dict or set display {...}");
                        default -> { }
                    }
                }
                default -> { }
            }
            throw syntax(t.line(), "expected an expression, found " + describe(t));
        }
    }
}
