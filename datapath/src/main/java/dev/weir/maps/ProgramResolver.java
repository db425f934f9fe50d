package dev.weir.maps;

/**
 * How the map registry names programs in user-space operations on program arrays: as Linux's
 * {@code bpf()} takes a program fd on update and returns a program id on lookup, Weir takes and
 * returns program ids. Provided by the loader, which numbers the programs it loads.
 */
public interface ProgramResolver {
    /** The loaded program with id {@code id}, or null. */
    Object byId(int id);

    /** The id of a loaded program, or 0 when it is not known. */
    int idOf(Object program);
}
