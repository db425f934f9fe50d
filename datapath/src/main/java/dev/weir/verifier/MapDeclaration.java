package dev.weir.verifier;

import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;

/**
 * A map a program declares: an instance field of a map interface type annotated
 * {@link MapSpec @MapSpec}, read from the class file, so that the verifier and
 * {@code weir prog verify} check and list the maps without loading anything. Elements the class
 * file leaves out take {@link MapSpec}'s defaults.
 *
 * @param field the field's name
 * @param fieldType the field's type, binary name ({@code dev.weir.api.maps.HashMap})
 * @param def the map's shape: name, type, sizes, capacity (a missing or unknown type is null)
 * @param pinned whether the map is shared by name on the host ({@link MapSpec#pinned()})
 */
public record MapDeclaration(String field, String fieldType, MapDef def, boolean pinned) {
    static final String MAP_SPEC = Type.getDescriptor(MapSpec.class);
    static final String MAPS_PACKAGE = "dev/weir/api/maps/";

    /** The map's name, as declared. */
    public String name() {
        return def.name() != null ? def.name() : field;
    }

    /** e.g. {@code per_length: hash key 8B value 8B max_entries 64, pinned (field counts, dev.weir.api.maps.HashMap)}. */
    public String describe() {
        return name() + ": " + (def.type() == null ? "?" : def.describe()) + (pinned ? ", pinned" : "")
                + " (field " + field + ", " + fieldType + ")";
    }

    /** The @MapSpec annotation of a field, or null. */
    static AnnotationNode annotation(FieldNode f) {
        for (List<AnnotationNode> list : List.of(nonNull(f.visibleAnnotations), nonNull(f.invisibleAnnotations))) {
            for (AnnotationNode a : list) {
                if (a.desc.equals(MAP_SPEC)) {
                    return a;
                }
            }
        }
        return null;
    }

    static boolean isMapType(String internalName) {
        return internalName.startsWith(MAPS_PACKAGE);
    }

    /** The maps a class declares, in field order. */
    static List<MapDeclaration> of(ClassNode c) {
        List<MapDeclaration> out = new ArrayList<>();
        for (FieldNode f : c.fields) {
            AnnotationNode a = annotation(f);
            if (a != null && (f.access & Opcodes.ACC_STATIC) == 0) {
                out.add(of(f, a));
            }
        }
        return out;
    }

    /** The declaration of a field carrying @MapSpec. */
    static MapDeclaration of(FieldNode f) {
        return of(f, annotation(f));
    }

    private static MapDeclaration of(FieldNode f, AnnotationNode a) {
        String name = element(a, "name") instanceof String s ? s : null;
        Object type = element(a, "type");
        MapType mapType = null;
        if (type instanceof String[] e && e.length == 2) {
            mapType = MapType.byName(e[1]);
        }
        MapDef def = new MapDef(name, mapType, intElement(a, "keySize"), intElement(a, "valueSize"),
                intElement(a, "maxEntries"));
        return new MapDeclaration(f.name, Type.getType(f.desc).getClassName(), def,
                element(a, "pinned") instanceof Boolean b && b);
    }

    private static int intElement(AnnotationNode a, String name) {
        return element(a, name) instanceof Integer n ? n : 0;
    }

    /** An element as written in the class file, or MapSpec's default for it (null if it has none). */
    private static Object element(AnnotationNode a, String name) {
        if (a.values != null) {
            for (int i = 0; i + 1 < a.values.size(); i += 2) {
                if (a.values.get(i).equals(name)) {
                    return a.values.get(i + 1);
                }
            }
        }
        try {
            return MapSpec.class.getDeclaredMethod(name).getDefaultValue();
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static <T> List<T> nonNull(List<T> l) {
        return l == null ? List.of() : l;
    }
}
