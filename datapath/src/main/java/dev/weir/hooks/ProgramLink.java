package dev.weir.hooks;

import dev.weir.verifier.LoadedProgram;

/**
 * An attached program, as Linux's {@code bpf_link}: where it is, at which priority, and the
 * two things one can do with it.
 *
 * <ul>
 *   <li>{@link #detach()}: the program stops running there (from the next packet on).
 *   <li>{@link #replace}: another program of the same type takes its place atomically: the
 *       attach point reads one field per packet, and the new program is written there in one
 *       store, so every packet sees the old program or the new one, never neither and never
 *       both. Maps the new program declares pinned are the same maps, so state carries over.
 * </ul>
 * Links are used on the host's simulation thread, between events.
 */
public final class ProgramLink {
    /** What an attach point does for its links. */
    interface Target {
        void detach(ProgramLink link);

        void replace(ProgramLink link, LoadedProgram<?> program);
    }

    private final Hooks hooks;
    private final int id;
    private final AttachPoint point;
    private final int priority;
    private final Target target;
    private LoadedProgram<?> program;
    private boolean attached = true;

    ProgramLink(Hooks hooks, int id, AttachPoint point, int priority, LoadedProgram<?> program, Target target) {
        this.hooks = hooks;
        this.id = id;
        this.point = point;
        this.priority = priority;
        this.program = program;
        this.target = target;
    }

    /** The link's id on its host ({@code bpftool link list}). */
    public int id() {
        return id;
    }

    public AttachPoint attachPoint() {
        return point;
    }

    /** The order among the programs of one hook: lower runs first; equal ones in attach order. */
    public int priority() {
        return priority;
    }

    /** The program attached now. */
    public LoadedProgram<?> program() {
        return program;
    }

    /** The id of the program attached now. */
    public int programId() {
        return hooks.programs().idOf(program);
    }

    public boolean isAttached() {
        return attached;
    }

    /** Takes the program off the hook. Detaching twice is refused. */
    public void detach() {
        if (!attached) {
            throw new IllegalStateException("link " + id + " (" + point + ") is already detached");
        }
        target.detach(this);
        attached = false;
        hooks.linkDetached(this);
    }

    /**
     * Puts {@code next} in the program's place, atomically for the packets.
     *
     * @throws IllegalArgumentException when {@code next} is of another program type than the hook takes
     * @throws IllegalStateException when the link was detached
     */
    public void replace(LoadedProgram<?> next) {
        if (!attached) {
            throw new IllegalStateException("link " + id + " (" + point + ") is detached; attach the program anew");
        }
        if (next.type() != point.programType()) {
            throw new IllegalArgumentException("link " + id + " (" + point + ") takes " + point.programType().linuxName()
                    + " programs; " + next.name() + " is " + next.type().linuxName());
        }
        hooks.programs().add(next, next.name(), hooks.net.now());
        target.replace(this, next);
        program = next;
    }

    @Override
    public String toString() {
        return id + ": " + point + " prio " + priority + " prog " + programId() + " (" + program.name() + ")"
                + (attached ? "" : " (detached)");
    }
}
