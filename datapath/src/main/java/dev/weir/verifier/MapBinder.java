package dev.weir.verifier;

/**
 * Supplies the map for each {@code @MapSpec} field of a program being loaded: creates it, or
 * returns the map pinned under that name on the host (create-or-get, as the kernel reuses a
 * pinned map when a program's map definition names it).
 */
@FunctionalInterface
public interface MapBinder {
    /**
     * The map for a declaration.
     *
     * @param declaration the field and its {@code @MapSpec} elements
     * @param fieldType the field's type (a map interface of {@code dev.weir.api.maps}); the result must be an instance of it
     * @throws RuntimeException if the map cannot be created or a pinned map of that name does not match; the load fails with the message
     */
    Object bind(MapDeclaration declaration, Class<?> fieldType);

    /** A binder for programs that declare no maps: refuses every declaration. */
    MapBinder NONE = (declaration, type) -> {
        throw new IllegalStateException("no map registry was given to the loader, and the program declares map '"
                + declaration.name() + "'");
    };
}
