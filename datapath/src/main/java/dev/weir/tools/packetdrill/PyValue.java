package dev.weir.tools.packetdrill;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Python value in the evaluator: int (unbounded, as Python's), bool, float, str, tuple, None.
 * A bool is an int in arithmetic, as in Python.
 */
sealed interface PyValue {
    record Int(BigInteger v) implements PyValue {}

    record Bool(boolean v) implements PyValue {}

    record Float(double v) implements PyValue {}

    record Str(String v) implements PyValue {}

    record Tuple(List<PyValue> items) implements PyValue {
        public Tuple {
            items = List.copyOf(items);
        }
    }

    record None() implements PyValue {}

    PyValue NONE = new None();
    PyValue TRUE = new Bool(true);
    PyValue FALSE = new Bool(false);

    static PyValue of(long v) {
        return new Int(BigInteger.valueOf(v));
    }

    static PyValue bool(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** Python's truth value. */
    static boolean truthy(PyValue v) {
        return switch (v) {
            case Int i -> i.v.signum() != 0;
            case Bool b -> b.v;
            case Float f -> f.v != 0.0;
            case Str s -> !s.v.isEmpty();
            case Tuple t -> !t.items.isEmpty();
            case None n -> false;
        };
    }

    /** The int value of an int or bool, else null. */
    static BigInteger integer(PyValue v) {
        return switch (v) {
            case Int i -> i.v;
            case Bool b -> b.v ? BigInteger.ONE : BigInteger.ZERO;
            default -> null;
        };
    }

    static boolean isNumber(PyValue v) {
        return v instanceof Int || v instanceof Bool || v instanceof Float;
    }

    static double asDouble(PyValue v) {
        return v instanceof Float f ? f.v : integer(v).doubleValue();
    }

    static String typeName(PyValue v) {
        return switch (v) {
            case Int i -> "int";
            case Bool b -> "bool";
            case Float f -> "float";
            case Str s -> "str";
            case Tuple t -> "tuple";
            case None n -> "NoneType";
        };
    }

    /** Python's {@code str()}. */
    static String str(PyValue v) {
        return switch (v) {
            case Int i -> i.v.toString();
            case Bool b -> b.v ? "True" : "False";
            case Float f -> floatRepr(f.v);
            case Str s -> s.v;
            case Tuple t -> t.items.size() == 1 ? "(" + repr(t.items.getFirst()) + ",)"
                    : t.items.stream().map(PyValue::repr).collect(Collectors.joining(", ", "(", ")"));
            case None n -> "None";
        };
    }

    /** Python's {@code repr()}: strings quoted. */
    static String repr(PyValue v) {
        return v instanceof Str s ? "'" + s.v.replace("\\", "\\\\").replace("'", "\\'") + "'" : str(v);
    }

    private static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return Long.toString((long) d) + ".0";
        }
        return Double.toString(d);
    }
}
