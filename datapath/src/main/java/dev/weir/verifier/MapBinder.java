package dev.weir.verifier;

import dev.weir.api.maps.WeirMap;
import dev.weir.maps.MapRegistry;

/**
 * Supplies the map for each {@code @MapSpec} field of a program being loaded: creates it, or,
 * for a pinned declaration, returns the map pinned under that name on the host, creating and
 * pinning it if there is none (as the kernel reuses a pinned map a program's map definition
 * names).
 */
@FunctionalInterface
public interface MapBinder {
    /**
     * The map for a declaration.
     *
     * @throws RuntimeException if the map cannot be created (an invalid shape) or a pinned map of
     *         that name has another shape; the load fails with the message
     */
    WeirMap bind(MapDeclaration declaration);

    /** A host's maps: {@link MapRegistry#createOrGet} for pinned declarations, {@link MapRegistry#create} otherwise. */
    static MapBinder of(MapRegistry registry) {
        return d -> d.pinned() ? registry.createOrGet(d.def()) : registry.create(d.def());
    }

    /** A binder for programs that declare no maps: refuses every declaration. */
    MapBinder NONE = declaration -> {
        throw new IllegalStateException("no map registry was given to the loader, and the program declares map '"
                + declaration.name() + "'");
    };
}
