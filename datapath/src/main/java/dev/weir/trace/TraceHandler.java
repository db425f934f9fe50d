package dev.weir.trace;

/**
 * What runs when a tracepoint fires: installed by the hooks layer with
 * {@link Tracing#setHandler}. Called synchronously at the site with the event filled in; the
 * event object is reused for the next firing, so nothing in it may be kept. A handler observes:
 * it must not free or change the packet, and must not fire the same tracepoint again.
 */
@FunctionalInterface
public interface TraceHandler {
    void fire(TraceEvent event);
}
