package dev.weir.verifier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;

/**
 * A map a program declares: an instance field of a map interface type annotated
 * {@code @MapSpec(...)}, read from the class file (so the verifier and {@code weir prog verify}
 * list the maps without loading anything). The annotation's elements are kept as written in the
 * class file: elements left at their default are absent here.
 *
 * @param field the field's name
 * @param fieldType the field's type, binary name ({@code dev.weir.api.maps.HashMap})
 * @param attributes the annotation's elements as written: enum constants by name, numbers, booleans, strings
 */
public record MapDeclaration(String field, String fieldType, Map<String, Object> attributes) {
    static final String MAP_SPEC = "Ldev/weir/api/prog/MapSpec;";
    static final String MAPS_PACKAGE = "dev/weir/api/maps/";

    public MapDeclaration {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The map's name: the annotation's {@code name}, or the field's name if not given. */
    public String name() {
        Object n = attributes.get("name");
        return n instanceof String s && !s.isEmpty() ? s : field;
    }

    /** An element of the annotation as a string (enum constants by name), or {@code otherwise}. */
    public String string(String element, String otherwise) {
        Object v = attributes.get(element);
        return v == null ? otherwise : v.toString();
    }

    /** An element of the annotation as a long, or {@code otherwise}. */
    public long number(String element, long otherwise) {
        return attributes.get(element) instanceof Number n ? n.longValue() : otherwise;
    }

    /** e.g. {@code counts: HASH (dev.weir.api.maps.HashMap) keySize=8, valueSize=8, maxEntries=1024}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name()).append(':');
        Object type = attributes.get("type");
        if (type != null) {
            sb.append(' ').append(type);
        }
        sb.append(" (").append(fieldType).append(')');
        String sep = " ";
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            if (!e.getKey().equals("name") && !e.getKey().equals("type")) {
                sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = ", ";
            }
        }
        return sb.toString();
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
            if (a == null || (f.access & Opcodes.ACC_STATIC) != 0) {
                continue;
            }
            Map<String, Object> attrs = new LinkedHashMap<>();
            if (a.values != null) {
                for (int i = 0; i + 1 < a.values.size(); i += 2) {
                    attrs.put((String) a.values.get(i), value(a.values.get(i + 1)));
                }
            }
            out.add(new MapDeclaration(f.name, Type.getType(f.desc).getClassName(), attrs));
        }
        return out;
    }

    private static Object value(Object v) {
        if (v instanceof String[] e && e.length == 2) {
            return e[1]; // enum constant: {descriptor, name}
        } else if (v instanceof Type t) {
            return t.getClassName();
        } else if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(value(o));
            }
            return List.copyOf(out);
        } else if (v instanceof AnnotationNode n) {
            return n.desc;
        }
        return v;
    }

    private static <T> List<T> nonNull(List<T> l) {
        return l == null ? List.of() : l;
    }
}
