package dev.weir.tools.packetdrill;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A system-call argument or result as the script wrote it. packetdrill gives some structures a
 * fixed grammar (sockaddr, msghdr, iovec, pollfd, epoll_event, linger, cmsg, sock_extended_err,
 * scm_timestamping); here they are all a {@link Struct} of {@link Field}s and plain values, and
 * the runner reads the members it knows by name, which keeps this model small and lets a
 * structure the runner does not implement be reported by name instead of failing to parse.
 *
 * <p>{@link #toString()} prints the expression in script syntax.
 */
public sealed interface Expr {
    /** {@code ...}: any value; as an address or length, the default the runner picks. */
    record Ellipsis() implements Expr {
        @Override
        public String toString() {
            return "...";
        }
    }

    Ellipsis ELLIPSIS = new Ellipsis();

    /** An integer literal, decimal ({@code -1}, {@code 4}) or hex ({@code 0x70403}); {@code text} as written. */
    record Int(long value, String text) implements Expr {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A symbol: a constant ({@code SOL_SOCKET}, {@code MSG_FASTOPEN}, {@code NULL}) or an errno name. */
    record Word(String name) implements Expr {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A string, adjacent literals joined as packetdrill does; {@code prefix} when written
     * {@code "abc"...}, meaning only the first bytes are given.
     */
    record Str(String value, boolean prefix) implements Expr {
        @Override
        public String toString() {
            return "\"" + value + "\"" + (prefix ? "..." : "");
        }
    }

    /** {@code A|B|C}: the bitwise OR of the operands, in order. */
    record Or(List<Expr> operands) implements Expr {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public String toString() {
            return operands.stream().map(Object::toString).collect(Collectors.joining("|"));
        }
    }

    /**
     * {@code name=value} inside a structure, or {@code name(args)=value} as in
     * {@code msg_iov(1)=[...]} and {@code msg_name(...)=...}; {@code args} is empty for the first form.
     */
    record Field(String name, List<Expr> args, Expr value) implements Expr {
        public Field {
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            String a = args.isEmpty() ? "" : "(" + join(args) + ")";
            return name + a + "=" + value;
        }
    }

    /** {@code name(args)} not followed by {@code =}: {@code htons(8080)}, {@code inet_addr("192.0.2.1")}. */
    record Call(String name, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            return name + "(" + join(args) + ")";
        }
    }

    /** {@code [a, b]}: an array, or an int passed by pointer ({@code [1]} for a socket option). */
    record Array(List<Expr> elements) implements Expr {
        public Array {
            elements = List.copyOf(elements);
        }

        @Override
        public String toString() {
            return "[" + join(elements) + "]";
        }
    }

    /** {@code {a, b}}: a structure, its members usually {@link Field}s. */
    record Struct(List<Expr> members) implements Expr {
        public Struct {
            members = List.copyOf(members);
        }

        /** The member written {@code name=...} or {@code name(...)=...}. */
        public Optional<Field> field(String name) {
            for (Expr m : members) {
                if (m instanceof Field f && f.name().equals(name)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "{" + join(members) + "}";
        }
    }

    private static String join(List<Expr> list) {
        return list.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
