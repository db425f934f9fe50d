package dev.weir.link;

import dev.weir.skb.SkBuff;
import java.util.Arrays;

/**
 * One end of a {@link Link}: the socket a device plugs its {@link LinkPort} into. Frames the
 * port {@link #transmit}s travel in {@link #txDirection()}; frames of {@link #rxDirection()}
 * arrive at the port's {@link LinkPort#receive}.
 */
public final class LinkEnd {
    private static final FrameTap[] NO_TAPS = new FrameTap[0];

    private final Link link;
    private final String name;
    LinkDirection tx;
    LinkDirection rx;
    private LinkPort port;
    private FrameTap[] taps = NO_TAPS;

    LinkEnd(Link link, String name) {
        this.link = link;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Link link() {
        return link;
    }

    /** The other end of the link. */
    public LinkEnd peer() {
        return link.a() == this ? link.b() : link.a();
    }

    /**
     * Plugs {@code port} in. Frames that arrive while no port is attached are dropped and counted
     * ({@link LinkStats#droppedNoPort()}).
     *
     * @throws IllegalStateException when a port is already attached
     */
    public void attach(LinkPort port) {
        if (port == null) {
            throw new IllegalArgumentException("link end " + name + ": attach(null); use detach()");
        }
        if (this.port != null) {
            throw new IllegalStateException("link end " + name + " already has a port (" + this.port + "); detach it first");
        }
        this.port = port;
    }

    public void detach() {
        this.port = null;
    }

    /** The attached port, or null. */
    public LinkPort port() {
        return port;
    }

    /**
     * Hands {@code frame} to the link; the link owns it from now on. The frame starts onto the
     * line at once when the line is idle, else waits in the link queue. Returns false when the
     * frame was dropped instead (link down, too big for the MTU, queue full): the link has freed
     * it and counted why in {@link #txStats()}.
     */
    public boolean transmit(SkBuff frame) {
        return tx.transmit(frame);
    }

    /** True while this end's line is serialising or frames wait for it; see {@link LinkPort#wireFree()}. */
    public boolean isBusy() {
        return tx.isBusy();
    }

    /** True while the link is up. */
    public boolean carrier() {
        return link.isUp();
    }

    /** The direction this end transmits in. */
    public LinkDirection txDirection() {
        return tx;
    }

    /** The direction this end receives from. */
    public LinkDirection rxDirection() {
        return rx;
    }

    /** Counters of what this end sent. */
    public LinkStats txStats() {
        return tx.stats();
    }

    /** Counters of what was sent to this end. */
    public LinkStats rxStats() {
        return rx.stats();
    }

    /** Adds a tap that sees this end's outbound and inbound frames (see {@link FrameTap}). */
    public void addTap(FrameTap tap) {
        if (tap == null) {
            throw new IllegalArgumentException("link end " + name + ": addTap(null)");
        }
        FrameTap[] t = Arrays.copyOf(taps, taps.length + 1);
        t[taps.length] = tap;
        taps = t;
    }

    /** Removes a tap; returns whether it was attached. */
    public boolean removeTap(FrameTap tap) {
        for (int i = 0; i < taps.length; i++) {
            if (taps[i] == tap) {
                FrameTap[] t = new FrameTap[taps.length - 1];
                System.arraycopy(taps, 0, t, 0, i);
                System.arraycopy(taps, i + 1, t, i, taps.length - i - 1);
                taps = t.length == 0 ? NO_TAPS : t;
                return true;
            }
        }
        return false;
    }

    void tapOutbound(long now, SkBuff frame) {
        for (FrameTap t : taps) {
            t.tap(now, frame, FrameTap.OUTBOUND);
        }
    }

    void tapInbound(long now, SkBuff frame) {
        for (FrameTap t : taps) {
            t.tap(now, frame, FrameTap.INBOUND);
        }
    }

    @Override
    public String toString() {
        return "LinkEnd[" + name + " of " + link.name() + (port == null ? ", unplugged" : "") + "]";
    }
}
