package dev.weir.api.maps;

/**
 * Programs for tail calls ({@link MapType#PROG_ARRAY}): {@link #maxEntries()} slots, each empty
 * or holding a loaded program. A program passes the map and an index to its context's
 * {@code tailCall}; it cannot read the slots itself. User space (the loader, the command line)
 * fills them, replacing a program atomically for the next packet.
 *
 * <p>All programs in one array have the same program type (as Linux's prog array is owned by
 * the type of the first program put in it): putting a program of another type returns
 * {@link MapError#EPERM}. The values are the program instances as the loader defined them; to
 * this interface they are opaque.
 */
public interface ProgramArrayMap extends WeirMap {
    /**
     * Puts {@code program} in slot {@code index}: OK, E2BIG (index out of range), EINVAL (not a
     * program: it implements none of the program interfaces), EPERM (another program type).
     */
    @UserSpaceOnly
    int set(int index, Object program);

    /** Empties slot {@code index}: OK, ENOENT (already empty) or E2BIG. */
    @UserSpaceOnly
    int clear(int index);

    /** The program in slot {@code index}, or null: what the runtime jumps to on a tail call. */
    @UserSpaceOnly
    Object get(int index);
}
