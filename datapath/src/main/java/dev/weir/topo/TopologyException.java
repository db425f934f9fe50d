package dev.weir.topo;

/** A topology file that cannot be run: the message names the file, line, key and what was expected. */
public final class TopologyException extends RuntimeException {
    public TopologyException(String message) {
        super(message);
    }
}
