package dev.weir.topo;

/**
 * Where something was written in a topology file: file, line and column (1-based), and the
 * dotted path of keys that leads to it ({@code hosts.client.commands[2]}).
 */
public record Loc(String file, int line, int column, String path) {
    /** "topo.yaml:12:5: hosts.client.cpus" */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + path;
    }

    /** An error at this place, its message prefixed with the place. */
    public TopologyException error(String message) {
        return new TopologyException(this + ": " + message);
    }
}
