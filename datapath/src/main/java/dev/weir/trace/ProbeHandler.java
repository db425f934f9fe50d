package dev.weir.trace;

/**
 * What runs at the entry or exit of a probed stage function: installed by the hooks layer with
 * {@link Tracing#setProbeHandler}. Called synchronously with the event filled in; the event
 * object is reused, so nothing in it may be kept, and the packet may only be read.
 */
@FunctionalInterface
public interface ProbeHandler {
    void probe(ProbeEvent event);
}
