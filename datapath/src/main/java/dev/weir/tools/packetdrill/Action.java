package dev.weir.tools.packetdrill;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * What an event does: a system call on the socket under test, a packet injected into the stack
 * ({@link PacketIn}, script lines starting {@code <}), a packet the stack must send
 * ({@link PacketOut}, lines starting {@code >}), a block of Python run on a TCP_INFO snapshot,
 * or a shell command.
 */
public sealed interface Action {
    /**
     * {@code name(args) = result [ERRNO (note)]}, e.g.
     * {@code sendto(4, ..., 1000, MSG_FASTOPEN, ..., ...) = -1 EINPROGRESS (Operation now in progress)}.
     *
     * @param blockingEndUsecs for a blocking call written {@code +0...0.100 read(...)}: when it must
     *                         return, in script time counted as the event's own start is
     *                         ({@link Timing#blockingEnd}); absent for a call that must not block
     * @param errno            the errno name after the result, absent when none was written
     * @param note             the parenthesised text after the errno or result ({@code strerror}
     *                         text, or {@code flags O_RDWR}); informative only
     */
    record Syscall(String name, List<Expr> args, Expr result, Optional<String> errno, Optional<String> note,
            OptionalLong blockingEndUsecs) implements Action {
        public Syscall {
            args = List.copyOf(args);
        }

        /** True for a call written with {@code ...end} that blocks until then. */
        public boolean isBlocking() {
            return blockingEndUsecs.isPresent();
        }

        @Override
        public String toString() {
            String end = blockingEndUsecs.isPresent() ? "..." + TimeSpec.seconds(blockingEndUsecs.getAsLong()) + " " : "";
            String e = errno.map(x -> " " + x).orElse("");
            String n = note.map(x -> " (" + x + ")").orElse("");
            return end + name + "(" + args.stream().map(Object::toString).collect(Collectors.joining(", ")) + ") = "
                    + result + e + n;
        }
    }

    /** {@code < ...}: the runner injects this packet into the stack. */
    record PacketIn(Packet packet) implements Action {
        @Override
        public String toString() {
            return "< " + packet;
        }
    }

    /** {@code > ...}: the stack must send this packet. */
    record PacketOut(Packet packet) implements Action {
        @Override
        public String toString() {
            return "> " + packet;
        }
    }

    /**
     * {@code %{ code }%}: Python run on a TCP_INFO snapshot of the socket under test taken at the
     * event's time. {@code code} is the text between the delimiters with spaces and tabs trimmed
     * from both ends (as packetdrill does); {@code firstLine} is the script line it starts on.
     */
    record Python(String code, int firstLine) implements Action {
        @Override
        public String toString() {
            return "%{ " + code + " }%";
        }
    }

    /** {@code `command`} at a time: a shell command line, possibly several lines. */
    record Command(String text) implements Action {
        @Override
        public String toString() {
            return "`" + text + "`";
        }
    }
}
