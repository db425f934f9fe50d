package dev.weir.tools.packetdrill;

import dev.weir.tools.packetdrill.PythonBlock.Assert;
import dev.weir.tools.packetdrill.PythonBlock.Assign;
import dev.weir.tools.packetdrill.PythonBlock.Binary;
import dev.weir.tools.packetdrill.PythonBlock.BoolOp;
import dev.weir.tools.packetdrill.PythonBlock.Call;
import dev.weir.tools.packetdrill.PythonBlock.Compare;
import dev.weir.tools.packetdrill.PythonBlock.Cond;
import dev.weir.tools.packetdrill.PythonBlock.Const;
import dev.weir.tools.packetdrill.PythonBlock.ExprStmt;
import dev.weir.tools.packetdrill.PythonBlock.Name;
import dev.weir.tools.packetdrill.PythonBlock.Node;
import dev.weir.tools.packetdrill.PythonBlock.Pass;
import dev.weir.tools.packetdrill.PythonBlock.Stmt;
import dev.weir.tools.packetdrill.PythonBlock.TupleExpr;
import dev.weir.tools.packetdrill.PythonBlock.Unary;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a script's {@code %{ }%} blocks in order, as packetdrill runs them in one Python process:
 * names a block assigns ({@code cwnd = 58}, {@code TCP_INFINITE_SSTHRESH = 0x7fffffff}) stay
 * defined for the blocks after it, while before each block the {@link TcpInfoFields#SYMBOLS}
 * and that block's own TCP_INFO snapshot are (re)assigned.
 *
 * <p>Snapshot values are read as unsigned 64-bit numbers, as packetdrill prints them
 * ({@code %llu}): a {@code tcpi_pacing_rate} of ~0 is 18446744073709551615, not -1. A block that
 * reads a {@code tcpi_*} field missing from the snapshot is {@link PyOutcome.Unsupported} (the
 * stack does not provide it); any other unknown name is Python's NameError. Python semantics
 * are kept where the scripts can see them: unbounded ints, floor division and modulo rounding
 * toward negative infinity, {@code /} giving a float, chained comparisons evaluating each operand
 * once, {@code and}/{@code or} returning an operand, bools counting as ints.
 */
public final class PythonSession {
    private static final int MAX_BITS = 1 << 16;

    private final Map<String, PyValue> globals = new HashMap<>();
    private final List<String> printed = new ArrayList<>();

    /** Parses and runs a script's Python event on a snapshot. */
    public PyOutcome run(Action.Python event, Map<String, Long> tcpInfo) {
        return run(PythonBlock.of(event), tcpInfo);
    }

    /** Runs a parsed block on a snapshot ({@code tcpi_*} name to value); stops at the first failure, as Python does. */
    public PyOutcome run(PythonBlock block, Map<String, Long> tcpInfo) {
        if (block.problem().isPresent()) {
            return block.problem().get();
        }
        TcpInfoFields.SYMBOLS.forEach((k, v) -> globals.put(k, PyValue.of(v)));
        tcpInfo.forEach((k, v) -> globals.put(k, new PyValue.Int(new BigInteger(Long.toUnsignedString(v)))));
        printed.clear();
        for (Stmt s : block.statements()) {
            try {
                PyOutcome o = exec(s);
                if (o != null) {
                    return o;
                }
            } catch (Raise r) {
                return r.outcome(s.line());
            } catch (StackOverflowError e) {
                return new PyOutcome.Unsupported(s.line(), "expressions nested this deeply");
            }
        }
        return new PyOutcome.Pass(printed);
    }

    /** A variable's value after the blocks run so far, if it is an int (or bool). */
    public Optional<BigInteger> variable(String name) {
        PyValue v = globals.get(name);
        return v == null ? Optional.empty() : Optional.ofNullable(PyValue.integer(v));
    }

    private PyOutcome exec(Stmt s) {
        switch (s) {
            case Assert a -> {
                if (PyValue.truthy(eval(a.test()))) {
                    return null;
                }
                return new PyOutcome.AssertionFailed(a.line(), failure(a));
            }
            case Assign a -> {
                PyValue v = eval(a.value());
                if (!a.op().equals("=")) {
                    PyValue old = lookup(a.target());
                    v = binary(a.op().substring(0, a.op().length() - 1), old, v);
                }
                globals.put(a.target(), v);
                return null;
            }
            case ExprStmt e -> {
                eval(e.expr());
                return null;
            }
            case Pass p -> {
                return null;
            }
        }
    }

    /** {@code assert failed: TEST (name = value, ...)[: message]}. */
    private String failure(Assert a) {
        StringBuilder b = new StringBuilder("assert failed: ").append(a.testText().replaceAll("\\\\\\r?\\n", " ").replaceAll("\\s+", " "));
        List<String> names = new ArrayList<>();
        PythonBlock.names(a.test(), names);
        if (a.message() instanceof Name n && !names.contains(n.id())) {
            names.add(n.id());
        }
        List<String> shown = new ArrayList<>();
        for (String n : names) {
            PyValue v = globals.get(n);
            if (v != null) {
                shown.add(n + " = " + PyValue.repr(v));
            }
        }
        if (!shown.isEmpty()) {
            b.append(" (").append(String.join(", ", shown)).append(')');
        }
        if (a.message() != null && !(a.message() instanceof Name)) {
            try {
                b.append(": ").append(PyValue.str(eval(a.message())));
            } catch (Raise | StackOverflowError e) {
                b.append(": (the assert's message could not be computed)");
            }
        }
        return b.toString();
    }

    // ---- evaluation -----------------------------------------------------------------------

    /** A Python exception, or a construct found to be unsupported while running. */
    private static final class Raise extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String message;
        private final boolean unsupported;

        Raise(String message, boolean unsupported) {
            super(message, null, false, false);
            this.message = message;
            this.unsupported = unsupported;
        }

        PyOutcome outcome(int line) {
            return unsupported ? new PyOutcome.Unsupported(line, message) : new PyOutcome.Error(line, message);
        }
    }

    private static Raise error(String type, String message) {
        return new Raise(type + ": " + message, false);
    }

    private PyValue lookup(String name) {
        PyValue v = globals.get(name);
        if (v != null) {
            return v;
        }
        if (TcpInfoFields.FIELDS.contains(name)) {
            throw new Raise("TCP_INFO field " + name + " is not provided by the stack under test", true);
        }
        throw error("NameError", "name '" + name + "' is not defined");
    }

    private PyValue eval(Node n) {
        return switch (n) {
            case Const c -> c.value();
            case Name x -> lookup(x.id());
            case Unary u -> unary(u.op(), eval(u.operand()));
            case Binary b -> binary(b.op(), eval(b.left()), eval(b.right()));
            case BoolOp b -> {
                PyValue v = null;
                for (Node o : b.operands()) {
                    v = eval(o);
                    boolean t = PyValue.truthy(v);
                    if (b.op().equals("and") ? !t : t) {
                        break;
                    }
                }
                yield v;
            }
            case Compare c -> {
                PyValue left = eval(c.operands().getFirst());
                for (int i = 0; i < c.ops().size(); i++) {
                    PyValue right = eval(c.operands().get(i + 1));
                    if (!compare(c.ops().get(i), left, right)) {
                        yield PyValue.FALSE;
                    }
                    left = right;
                }
                yield PyValue.TRUE;
            }
            case Call c -> call(c);
            case TupleExpr t -> {
                List<PyValue> items = new ArrayList<>();
                for (Node i : t.items()) {
                    items.add(eval(i));
                }
                yield new PyValue.Tuple(items);
            }
            case Cond c -> PyValue.truthy(eval(c.test())) ? eval(c.body()) : eval(c.orElse());
        };
    }

    private static PyValue unary(String op, PyValue v) {
        if (op.equals("not")) {
            return PyValue.bool(!PyValue.truthy(v));
        }
        BigInteger i = PyValue.integer(v);
        if (i != null) {
            return switch (op) {
                case "-" -> new PyValue.Int(i.negate());
                case "+" -> new PyValue.Int(i);
                default -> new PyValue.Int(i.not());
            };
        }
        if (v instanceof PyValue.Float f && !op.equals("~")) {
            return new PyValue.Float(op.equals("-") ? -f.v() : f.v());
        }
        throw error("TypeError", "bad operand type for unary " + op + ": '" + PyValue.typeName(v) + "'");
    }

    private static PyValue binary(String op, PyValue a, PyValue b) {
        BigInteger x = PyValue.integer(a);
        BigInteger y = PyValue.integer(b);
        if (x != null && y != null) {
            return intOp(op, x, y);
        }
        if (PyValue.isNumber(a) && PyValue.isNumber(b) && !List.of("|", "^", "&", "<<", ">>").contains(op)) {
            return floatOp(op, PyValue.asDouble(a), PyValue.asDouble(b));
        }
        if (a instanceof PyValue.Str s) {
            if (op.equals("%")) {
                return new PyValue.Str(format(s.v(), b));
            }
            if (op.equals("+") && b instanceof PyValue.Str t) {
                return new PyValue.Str(s.v() + t.v());
            }
            if (op.equals("*") && y != null) {
                return new PyValue.Str(repeat(s.v(), y));
            }
        }
        if (op.equals("*") && b instanceof PyValue.Str t && x != null) {
            return new PyValue.Str(repeat(t.v(), x));
        }
        if (op.equals("+") && a instanceof PyValue.Tuple s && b instanceof PyValue.Tuple t) {
            List<PyValue> items = new ArrayList<>(s.items());
            items.addAll(t.items());
            return new PyValue.Tuple(items);
        }
        throw error("TypeError", "unsupported operand type(s) for " + op + ": '" + PyValue.typeName(a) + "' and '"
                + PyValue.typeName(b) + "'");
    }

    private static String repeat(String s, BigInteger times) {
        if (times.signum() <= 0 || s.isEmpty()) {
            return "";
        }
        if (times.bitLength() > 31 || (long) s.length() * times.intValue() > 1 << 20) {
            throw new Raise("strings longer than a million characters", true);
        }
        return s.repeat(times.intValue());
    }

    private static PyValue intOp(String op, BigInteger x, BigInteger y) {
        return switch (op) {
            case "+" -> new PyValue.Int(x.add(y));
            case "-" -> new PyValue.Int(x.subtract(y));
            case "*" -> {
                if (x.bitLength() + y.bitLength() > MAX_BITS) {
                    throw tooBig();
                }
                yield new PyValue.Int(x.multiply(y));
            }
            case "/" -> {
                if (y.signum() == 0) {
                    throw error("ZeroDivisionError", "division by zero");
                }
                yield new PyValue.Float(new BigDecimal(x).divide(new BigDecimal(y), java.math.MathContext.DECIMAL64).doubleValue());
            }
            case "//" -> new PyValue.Int(floorDiv(x, y));
            case "%" -> new PyValue.Int(x.subtract(floorDiv(x, y).multiply(y)));
            case "**" -> {
                if (y.signum() < 0) {
                    yield new PyValue.Float(Math.pow(x.doubleValue(), y.doubleValue()));
                }
                if (x.abs().compareTo(BigInteger.ONE) <= 0) {
                    // 0, 1 and -1 to any power stay small, whatever the exponent.
                    if (x.signum() == 0) {
                        yield new PyValue.Int(y.signum() == 0 ? BigInteger.ONE : BigInteger.ZERO);
                    }
                    yield new PyValue.Int(x.signum() < 0 && y.testBit(0) ? x : BigInteger.ONE);
                }
                if (y.bitLength() > 31 || (long) x.bitLength() * y.intValue() > MAX_BITS) {
                    throw tooBig();
                }
                yield new PyValue.Int(x.pow(y.intValue()));
            }
            case "|" -> new PyValue.Int(x.or(y));
            case "^" -> new PyValue.Int(x.xor(y));
            case "&" -> new PyValue.Int(x.and(y));
            case "<<", ">>" -> {
                if (y.signum() < 0) {
                    throw error("ValueError", "negative shift count");
                }
                if (op.equals(">>")) {
                    yield new PyValue.Int(y.bitLength() > 31 ? (x.signum() < 0 ? BigInteger.ONE.negate() : BigInteger.ZERO)
                            : x.shiftRight(y.intValue()));
                }
                if (y.bitLength() > 31 || (long) x.bitLength() + y.intValue() > MAX_BITS) {
                    throw tooBig();
                }
                yield new PyValue.Int(x.shiftLeft(y.intValue()));
            }
            default -> throw error("TypeError", "unsupported operator " + op);
        };
    }

    private static Raise tooBig() {
        return new Raise("integers larger than " + MAX_BITS + " bits", true);
    }

    private static BigInteger floorDiv(BigInteger x, BigInteger y) {
        if (y.signum() == 0) {
            throw error("ZeroDivisionError", "integer division or modulo by zero");
        }
        BigInteger[] qr = x.divideAndRemainder(y);
        return qr[1].signum() != 0 && qr[1].signum() != y.signum() ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    private static PyValue floatOp(String op, double x, double y) {
        return switch (op) {
            case "+" -> new PyValue.Float(x + y);
            case "-" -> new PyValue.Float(x - y);
            case "*" -> new PyValue.Float(x * y);
            case "/" -> {
                if (y == 0) {
                    throw error("ZeroDivisionError", "float division by zero");
                }
                yield new PyValue.Float(x / y);
            }
            case "//" -> {
                if (y == 0) {
                    throw error("ZeroDivisionError", "float floor division by zero");
                }
                yield new PyValue.Float(Math.floor(x / y));
            }
            case "%" -> {
                if (y == 0) {
                    throw error("ZeroDivisionError", "float modulo");
                }
                double r = x % y;
                yield new PyValue.Float(r != 0 && (r < 0) != (y < 0) ? r + y : r);
            }
            case "**" -> new PyValue.Float(Math.pow(x, y));
            default -> throw error("TypeError", "unsupported operand type(s) for " + op + ": 'float'");
        };
    }

    private static boolean compare(String op, PyValue a, PyValue b) {
        int c;
        BigInteger x = PyValue.integer(a);
        BigInteger y = PyValue.integer(b);
        if (x != null && y != null) {
            c = x.compareTo(y);
        } else if (PyValue.isNumber(a) && PyValue.isNumber(b)) {
            double dx = PyValue.asDouble(a);
            double dy = PyValue.asDouble(b);
            if (Double.isNaN(dx) || Double.isNaN(dy)) {
                return op.equals("!=");
            }
            c = Double.compare(dx, dy) == 0 || dx == dy ? 0 : dx < dy ? -1 : 1;
        } else if (a instanceof PyValue.Str s && b instanceof PyValue.Str t) {
            c = s.v().compareTo(t.v());
        } else if (op.equals("==") || op.equals("!=")) {
            boolean eq = a.equals(b);
            return op.equals("==") == eq;
        } else {
            throw error("TypeError", "'" + op + "' not supported between instances of '" + PyValue.typeName(a) + "' and '"
                    + PyValue.typeName(b) + "'");
        }
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "==" -> c == 0;
            default -> c != 0;
        };
    }

    private PyValue call(Call c) {
        List<PyValue> args = new ArrayList<>();
        for (Node n : c.args()) {
            args.add(eval(n));
        }
        String f = c.function();
        if (globals.containsKey(f)) {
            throw new Raise("call of the variable " + f + "()", true);
        }
        switch (f) {
            case "print" -> {
                printed.add(String.join(" ", args.stream().map(PyValue::str).toList()));
                return PyValue.NONE;
            }
            case "min", "max" -> {
                List<PyValue> items = args.size() == 1 && args.getFirst() instanceof PyValue.Tuple t ? t.items() : args;
                if (items.isEmpty()) {
                    throw error(args.isEmpty() ? "TypeError" : "ValueError", f + "() arg is an empty sequence");
                }
                PyValue best = items.getFirst();
                for (PyValue v : items.subList(1, items.size())) {
                    if (f.equals("min") ? compare("<", v, best) : compare(">", v, best)) {
                        best = v;
                    }
                }
                return best;
            }
            default -> { }
        }
        if (args.size() != 1) {
            throw error("TypeError", f + "() takes exactly one argument (" + args.size() + " given)");
        }
        PyValue a = args.getFirst();
        BigInteger i = PyValue.integer(a);
        return switch (f) {
            case "int" -> {
                if (i != null) {
                    yield new PyValue.Int(i);
                }
                if (a instanceof PyValue.Float fl) {
                    if (Double.isNaN(fl.v()) || Double.isInfinite(fl.v())) {
                        throw error("ValueError", "cannot convert float " + PyValue.str(a) + " to integer");
                    }
                    yield new PyValue.Int(new BigDecimal(fl.v()).toBigInteger());
                }
                if (a instanceof PyValue.Str s && s.v().strip().matches("[+-]?[0-9]+")) {
                    yield new PyValue.Int(new BigInteger(s.v().strip()));
                }
                throw error("ValueError", "invalid literal for int(): " + PyValue.repr(a));
            }
            case "abs" -> {
                if (i != null) {
                    yield new PyValue.Int(i.abs());
                }
                if (a instanceof PyValue.Float fl) {
                    yield new PyValue.Float(Math.abs(fl.v()));
                }
                throw error("TypeError", "bad operand type for abs(): '" + PyValue.typeName(a) + "'");
            }
            case "bool" -> PyValue.bool(PyValue.truthy(a));
            case "float" -> {
                if (PyValue.isNumber(a)) {
                    yield new PyValue.Float(PyValue.asDouble(a));
                }
                throw error("TypeError", "float() argument must be a number, not '" + PyValue.typeName(a) + "'");
            }
            case "str" -> new PyValue.Str(PyValue.str(a));
            case "hex" -> {
                if (i == null) {
                    throw error("TypeError", "'" + PyValue.typeName(a) + "' object cannot be interpreted as an integer");
                }
                yield new PyValue.Str((i.signum() < 0 ? "-0x" : "0x") + i.abs().toString(16));
            }
            case "len" -> switch (a) {
                case PyValue.Str s -> PyValue.of(s.v().length());
                case PyValue.Tuple t -> PyValue.of(t.items().size());
                default -> throw error("TypeError", "object of type '" + PyValue.typeName(a) + "' has no len()");
            };
            default -> throw new Raise("call of " + f + "()", true);
        };
    }

    // ---- printf-style formatting ------------------------------------------------------------

    /** {@code fmt % args} for the conversions d i u x X o s r f e c and %%, with flags, width and precision. */
    private static String format(String fmt, PyValue argsValue) {
        List<PyValue> args = argsValue instanceof PyValue.Tuple t ? t.items() : List.of(argsValue);
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int specStart = i;
            while (i < fmt.length() && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            String flags = fmt.substring(specStart, i);
            int ws = i;
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                i++;
            }
            String width = fmt.substring(ws, i);
            String precision = "";
            if (i < fmt.length() && fmt.charAt(i) == '.') {
                int ps = ++i;
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                precision = fmt.substring(ps, i);
                if (precision.isEmpty()) {
                    precision = "0";
                }
            }
            if (i >= fmt.length()) {
                throw error("ValueError", "incomplete format");
            }
            char conv = fmt.charAt(i++);
            if (conv == '%') {
                out.append('%');
                continue;
            }
            if (width.length() > 6 || precision.length() > 6) {
                throw new Raise("format widths above 999999", true);
            }
            if (next >= args.size()) {
                throw error("TypeError", "not enough arguments for format string");
            }
            PyValue a = args.get(next++);
            String body = switch (conv) {
                case 'd', 'i', 'u' -> signed(intArg(a, conv), 10, flags);
                case 'x' -> signed(intArg(a, conv), 16, flags).replace("0X", "0x");
                case 'X' -> signed(intArg(a, conv), 16, flags).toUpperCase();
                case 'o' -> signed(intArg(a, conv), 8, flags);
                case 's' -> PyValue.str(a);
                case 'r' -> PyValue.repr(a);
                case 'c' -> {
                    BigInteger ch = PyValue.integer(a);
                    if (ch != null && ch.signum() >= 0 && ch.bitLength() <= 20) {
                        yield new String(Character.toChars(ch.intValue()));
                    }
                    if (a instanceof PyValue.Str s && s.v().length() == 1) {
                        yield s.v();
                    }
                    throw error("TypeError", "%c requires int or char");
                }
                case 'g', 'G' -> throw new Raise("%g formatting", true);
                case 'f', 'F', 'e', 'E' -> {
                    if (!PyValue.isNumber(a)) {
                        throw error("TypeError", "must be real number, not " + PyValue.typeName(a));
                    }
                    String p = precision.isEmpty() ? "6" : precision;
                    String j = String.format("%" + (flags.contains("+") ? "+" : "") + "." + p + (conv == 'F' ? 'f' : conv), PyValue.asDouble(a));
                    yield pythonNames(j);
                }
                default -> throw error("ValueError", "unsupported format character '" + conv + "'");
            };
            if ((conv == 's' || conv == 'r') && !precision.isEmpty()) {
                body = body.substring(0, Math.min(body.length(), Integer.parseInt(precision)));
            }
            int w = width.isEmpty() ? 0 : Integer.parseInt(width);
            if (body.length() < w) {
                String pad = " ".repeat(w - body.length());
                if (flags.contains("-")) {
                    body = body + pad;
                } else if (flags.contains("0") && "diuxXofFeEgG".indexOf(conv) >= 0) {
                    int signLen = body.startsWith("-") || body.startsWith("+") || body.startsWith(" ") ? 1 : 0;
                    body = body.substring(0, signLen) + "0".repeat(w - body.length()) + body.substring(signLen);
                } else {
                    body = pad + body;
                }
            }
            out.append(body);
        }
        if (next < args.size()) {
            throw error("TypeError", "not all arguments converted during string formatting");
        }
        return out.toString();
    }

    private static BigInteger intArg(PyValue a, char conv) {
        BigInteger i = PyValue.integer(a);
        if (i != null) {
            return i;
        }
        if (a instanceof PyValue.Float f && (conv == 'd' || conv == 'i' || conv == 'u')) {
            if (Double.isNaN(f.v()) || Double.isInfinite(f.v())) {
                throw error("ValueError", "cannot convert float to integer");
            }
            return new BigDecimal(f.v()).toBigInteger();
        }
        throw error("TypeError", "%" + conv + " format: a number is required, not " + PyValue.typeName(a));
    }

    private static String signed(BigInteger v, int radix, String flags) {
        String digits = v.abs().toString(radix);
        if (flags.contains("#") && radix != 10) {
            digits = (radix == 16 ? "0X" : "0o") + digits;
        }
        String sign = v.signum() < 0 ? "-" : flags.contains("+") ? "+" : flags.contains(" ") ? " " : "";
        return sign + digits;
    }

    /** Java and Python agree on %f and %e (two-digit exponents and all) but name infinity and NaN differently. */
    private static String pythonNames(String s) {
        return s.replace("Infinity", "inf").replace("NaN", "nan");
    }
}
