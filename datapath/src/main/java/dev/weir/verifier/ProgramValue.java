package dev.weir.verifier;

import java.util.Objects;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.Value;

/**
 * What the verifier's data-flow analysis knows about a value on the stack or in a local: its
 * type (as ASM's BasicValue would: INT, FLOAT, LONG, DOUBLE, or the reference type where it is
 * known, Object after a merge of different references), whether it is a compile-time constant
 * (and which, for Strings), whether it is {@code this}, and which field it may have been read
 * from (directly, or as an element of an array read from a field).
 *
 * <p>The facts are "must" facts except {@link #field}, a "may" fact: after a merge a value is
 * constant only if both sides were, but comes from a field if either did. Rules that refuse
 * writes into arrays held in fields therefore refuse every path that could reach one.
 */
final class ProgramValue implements Value {
    static final ProgramValue UNINITIALIZED = new ProgramValue(null, false, false, null);
    static final ProgramValue RETURN_ADDRESS = new ProgramValue(Type.VOID_TYPE, false, false, null);

    final Type type;
    final boolean constant;
    final boolean isThis;
    /** {@code owner.name} of the field the value may come from, or null. */
    final String field;
    /** The value of a String constant (on every path), or null. */
    final String string;

    ProgramValue(Type type, boolean constant, boolean isThis, String field) {
        this(type, constant, isThis, field, null);
    }

    ProgramValue(Type type, boolean constant, boolean isThis, String field, String string) {
        this.type = type;
        this.constant = constant;
        this.isThis = isThis;
        this.field = field;
        this.string = string;
    }

    static ProgramValue of(Type type) {
        return new ProgramValue(basic(type), false, false, null);
    }

    static ProgramValue constant(Type type) {
        return new ProgramValue(basic(type), true, false, null);
    }

    ProgramValue withType(Type t) {
        return new ProgramValue(basic(t), constant, isThis, field, string);
    }

    /** Types the analysis distinguishes: sub-int types become int, references keep their type. */
    static Type basic(Type t) {
        if (t == null) {
            return null;
        }
        switch (t.getSort()) {
            case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT:
                return Type.INT_TYPE;
            default:
                return t;
        }
    }

    boolean isReference() {
        return type != null && (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY);
    }

    @Override
    public int getSize() {
        return type == Type.LONG_TYPE || type == Type.DOUBLE_TYPE ? 2 : 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProgramValue v && Objects.equals(type, v.type) && constant == v.constant
                && isThis == v.isThis && Objects.equals(field, v.field) && Objects.equals(string, v.string);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, constant, isThis, field, string);
    }

    @Override
    public String toString() {
        return (type == null ? "." : type.getDescriptor()) + (constant ? " const" : "") + (isThis ? " this" : "")
                + (field != null ? " from " + field : "") + (string != null ? " \"" + string + "\"" : "");
    }
}
