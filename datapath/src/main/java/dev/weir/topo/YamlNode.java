package dev.weir.topo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node with its place in the file, and typed accessors whose errors name that place.
 * Wraps SnakeYAML's composed node tree, which keeps line and column marks.
 */
final class YamlNode {
    private final Node node;
    private final Loc loc;

    YamlNode(Node node, String file, String path) {
        this.node = node;
        this.loc = new Loc(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1, path);
    }

    Loc loc() {
        return loc;
    }

    boolean isMap() {
        return node instanceof MappingNode;
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** The entries of a mapping, in file order; duplicate keys are an error. */
    Map<String, YamlNode> map() {
        if (!(node instanceof MappingNode m)) {
            throw loc.error("expected a mapping (key: value lines), got " + describe());
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new YamlNode(t.getKeyNode(), loc.file(), loc.path()).loc.error("keys must be plain words");
            }
            String key = k.getValue();
            String childPath = loc.path().isEmpty() ? key : loc.path() + "." + key;
            if (out.containsKey(key)) {
                throw new YamlNode(k, loc.file(), childPath).loc.error("duplicate key '" + key + "'");
            }
            out.put(key, new YamlNode(t.getValueNode(), loc.file(), childPath));
        }
        return out;
    }

    /** The mapping's entries, refusing keys not in {@code known} with a message listing them. */
    Map<String, YamlNode> map(Set<String> known) {
        Map<String, YamlNode> m = map();
        for (Map.Entry<String, YamlNode> e : m.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw e.getValue().loc.error("unknown key '" + e.getKey() + "' (expected one of: " + String.join(", ", sorted(known)) + ")");
            }
        }
        return m;
    }

    private static List<String> sorted(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        l.sort(null);
        return l;
    }

    List<YamlNode> list() {
        if (!(node instanceof SequenceNode s)) {
            throw loc.error("expected a list (lines starting with '- '), got " + describe());
        }
        List<YamlNode> out = new ArrayList<>();
        int i = 0;
        for (Node n : s.getValue()) {
            out.add(new YamlNode(n, loc.file(), loc.path() + "[" + i++ + "]"));
        }
        return out;
    }

    /** A scalar as text. */
    String string() {
        if (!(node instanceof ScalarNode s)) {
            throw loc.error("expected a single value, got " + describe());
        }
        return s.getValue();
    }

    long integer(long min, long max) {
        String s = string().trim();
        long v;
        try {
            v = Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw loc.error("expected an integer, got '" + s + "'");
        }
        if (v < min || v > max) {
            throw loc.error("expected an integer in " + min + ".." + max + ", got " + v);
        }
        return v;
    }

    boolean bool() {
        String s = string().trim();
        return switch (s) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw loc.error("expected true or false, got '" + s + "'");
        };
    }

    /** A probability written as "1%", "0.5%" or a fraction "0.01". */
    double probability() {
        String s = string().trim();
        try {
            double v = s.endsWith("%") ? Double.parseDouble(s.substring(0, s.length() - 1).trim()) / 100.0 : Double.parseDouble(s);
            if (v < 0 || v > 1) {
                throw loc.error("expected a probability between 0% and 100%, got '" + s + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw loc.error("expected a probability like 1% or 0.01, got '" + s + "'");
        }
    }

    /** Runs {@code parse} on the text, turning its IllegalArgumentException into an error at this place. */
    <T> T parse(String what, java.util.function.Function<String, T> parse) {
        String s = string().trim();
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException | dev.weir.core.CommandException e) {
            throw loc.error("expected " + what + ", got '" + s + "' (" + e.getMessage() + ")");
        }
    }

    String describe() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }
}
