package dev.weir.js;

import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapType;
import java.util.Set;
import org.graalvm.polyglot.Value;

/**
 * A map a JavaScript program declares: one member of its {@code maps} export, the equivalent of a
 * Java program's {@code @MapSpec} field.
 *
 * <pre>{@code
 * export const maps = {
 *   blocked: { type: "hash", keySize: 2, valueSize: 8, maxEntries: 1024, pinned: true },
 *   events:  { type: "ringbuf", maxEntries: 65536 },
 * };
 * }</pre>
 * The member's key is the handle the program uses ({@code maps.blocked} in {@code run}); the
 * map's name is {@code name} if given, else the key. {@code type} is a map type's Linux name or
 * enum name ({@code "lru_hash"}, {@code "LRU_HASH"}); the sizes and capacity follow
 * {@link MapDef#problem()}; {@code pinned} (default false) shares the map by name on the host, as
 * {@code @MapSpec(pinned = true)}.
 *
 * @param handle the key in the {@code maps} export
 * @param def the map's shape
 * @param pinned whether it is shared by name on the host
 */
public record JsMapDecl(String handle, MapDef def, boolean pinned) {
    private static final Set<String> KNOWN = Set.of("type", "keySize", "valueSize", "maxEntries", "pinned", "name");

    /** Reads one declaration; throws JsLoadException naming {@code maps.HANDLE.FIELD} and what is wrong. */
    static JsMapDecl read(String file, String handle, Value v) {
        String where = "maps." + handle;
        if (v == null || !v.hasMembers() || v.canExecute()) {
            throw new JsLoadException(file, where + " must be an object such as { type: \"hash\", keySize: 4,"
                    + " valueSize: 8, maxEntries: 1024 }, got " + JsValues.describe(v));
        }
        for (String k : v.getMemberKeys()) {
            if (!KNOWN.contains(k)) {
                throw new JsLoadException(file, where + "." + k + " is not a map property; the properties are "
                        + "type, keySize, valueSize, maxEntries, pinned and name");
            }
        }
        Value t = v.getMember("type");
        if (t == null || !t.isString()) {
            throw new JsLoadException(file, where + ".type must be a string naming a map type (" + typeNames() + "), got "
                    + JsValues.describe(t));
        }
        MapType type = MapType.byName(t.asString());
        if (type == null) {
            throw new JsLoadException(file, where + ".type \"" + t.asString() + "\" is not a map type; one of " + typeNames());
        }
        String name = handle;
        Value n = v.getMember("name");
        if (n != null && !n.isNull()) {
            if (!n.isString()) {
                throw new JsLoadException(file, where + ".name must be a string, got " + JsValues.describe(n));
            }
            name = n.asString();
        }
        boolean pinned = false;
        Value p = v.getMember("pinned");
        if (p != null && !p.isNull()) {
            if (!p.isBoolean()) {
                throw new JsLoadException(file, where + ".pinned must be true or false, got " + JsValues.describe(p));
            }
            pinned = p.asBoolean();
        }
        int keySize = integer(file, where, v, "keySize");
        int valueSize = integer(file, where, v, "valueSize");
        Value me = v.getMember("maxEntries");
        if (me == null || me.isNull()) {
            throw new JsLoadException(file, where + ".maxEntries is missing (the map's capacity; a ring buffer's size in bytes)");
        }
        int maxEntries = integer(file, where, v, "maxEntries");
        MapDef def = new MapDef(name, type, keySize, valueSize, maxEntries);
        String problem = def.problem();
        if (problem != null) {
            throw new JsLoadException(file, where + ": " + problem);
        }
        return new JsMapDecl(handle, def, pinned);
    }

    private static int integer(String file, String where, Value v, String key) {
        Value x = v.getMember(key);
        if (x == null || x.isNull()) {
            return 0;
        }
        if (!x.isNumber() || !x.fitsInInt()) {
            throw new JsLoadException(file, where + "." + key + " must be an integer, got " + JsValues.describe(x));
        }
        return x.asInt();
    }

    private static String typeNames() {
        StringBuilder sb = new StringBuilder();
        for (MapType t : MapType.values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(t.linuxName());
        }
        return sb.toString();
    }
}
