package dev.weir.api.prog;

import dev.weir.api.maps.MapType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a map a program uses. It sits on an instance field whose type is the map interface
 * of {@link #type()} (or a super-interface of it, e.g. {@code HashMap} for an {@code LRU_HASH}):
 *
 * <pre>{@code
 * @MapSpec(name = "drops", type = MapType.PERCPU_ARRAY, keySize = 4, valueSize = 8, maxEntries = 1)
 * PerCpuArrayMap drops;
 * }</pre>
 *
 * <p>The loader, after verifying the class and before its first run, creates the map (or, when
 * {@link #pinned()}, finds the host's map pinned under {@link #name()}, creating and pinning it
 * if there is none) and assigns the field; the program never assigns it itself. A pinned map
 * whose shape differs from this spec (type, sizes, capacity) fails the load with a message
 * naming both shapes. Sizes are in bytes and follow the rules of
 * {@link dev.weir.api.maps.MapDef#problem()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface MapSpec {
    /** The map's name (1 to 63 of {@code [A-Za-z0-9_.-]}); with {@link #pinned()}, the name it is shared under. */
    String name();

    MapType type();

    /** Key size in bytes; 4 for arrays, program arrays and device maps, 8 or 20 for IPv4/IPv6 LPM tries, 0 for a ring buffer. */
    int keySize() default 0;

    /** Value size in bytes; 0 for a ring buffer. */
    int valueSize() default 0;

    /** Capacity in entries; a ring buffer's size in bytes (a power of two, a multiple of 4096). */
    int maxEntries();

    /**
     * True to share the map by name on the host: with user space ({@code weir map dump name X}),
     * with other programs declaring the same name, and across reloads of this program (state
     * survives a program replacement). False: the map belongs to this loaded program and goes
     * away with it.
     */
    boolean pinned() default false;
}
