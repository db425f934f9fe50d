package dev.weir.link;

import dev.weir.sim.Scheduler;
import dev.weir.sim.Simulation;

/**
 * A full-duplex point-to-point medium between two {@link LinkEnd}s, {@code a} and {@code b}:
 * a cable, a fibre, a veth pair, or a netem-shaped path. Each direction has its own
 * {@link LinkConfig}, queue, counters and random stream ({@link LinkDirection}); they share only
 * the up/down state.
 *
 * <p>The random stream of direction a->b is
 * {@code simulation.random("link:" + name() + ":" + a + "->" + b)}, so it depends only on the
 * seed and the ends' names. Two links with the same end names in one simulation are refused.
 *
 * <pre>{@code
 * Link l = new Link(sim, "h1:eth0", "r1:eth0", LinkConfig.builder().rate("1gbit").delay("5ms").build());
 * l.a().attach(h1Nic);
 * l.b().attach(r1Nic);
 * }</pre>
 */
public final class Link {
    private final String name;
    private final LinkEnd a;
    private final LinkEnd b;
    private final LinkDirection aToB;
    private final LinkDirection bToA;
    private boolean up = true;

    /** A link whose two directions share one configuration. */
    public Link(Simulation sim, String nameA, String nameB, LinkConfig config) {
        this(sim, nameA, nameB, config, config);
    }

    public Link(Simulation sim, String nameA, String nameB, LinkConfig aToBConfig, LinkConfig bToAConfig) {
        if (nameA == null || nameB == null || nameA.isEmpty() || nameB.isEmpty() || nameA.equals(nameB)) {
            throw new IllegalArgumentException("a link needs two different, non-empty end names; got '" + nameA + "' and '" + nameB + "'");
        }
        if (aToBConfig == null || bToAConfig == null) {
            throw new IllegalArgumentException("link " + nameA + "-" + nameB + ": config must not be null");
        }
        this.name = nameA + "-" + nameB;
        Scheduler scheduler = sim.scheduler();
        this.a = new LinkEnd(this, nameA);
        this.b = new LinkEnd(this, nameB);
        this.aToB = new LinkDirection(this, a, b, aToBConfig, scheduler, sim.random("link:" + name + ":" + nameA + "->" + nameB));
        this.bToA = new LinkDirection(this, b, a, bToAConfig, scheduler, sim.random("link:" + name + ":" + nameB + "->" + nameA));
        a.tx = aToB;
        a.rx = bToA;
        b.tx = bToA;
        b.rx = aToB;
    }

    /** {@code "a-b"}, after the ends' names. */
    public String name() {
        return name;
    }

    public LinkEnd a() {
        return a;
    }

    public LinkEnd b() {
        return b;
    }

    public LinkDirection aToB() {
        return aToB;
    }

    public LinkDirection bToA() {
        return bToA;
    }

    /** Sets both directions' configuration. */
    public void setConfig(LinkConfig config) {
        aToB.setConfig(config);
        bToA.setConfig(config);
    }

    public boolean isUp() {
        return up;
    }

    /**
     * Brings the link down (the cable is cut: every frame queued, on the line or in flight is
     * dropped and counted as link down, and later transmits are refused) or up again; then tells
     * both ends' ports through {@link LinkPort#carrierChanged}. Setting the current state again
     * does nothing.
     */
    public void setUp(boolean up) {
        if (this.up == up) {
            return;
        }
        this.up = up;
        if (!up) {
            aToB.carrierLost();
            bToA.carrierLost();
        }
        notifyCarrier(a, up);
        notifyCarrier(b, up);
    }

    private static void notifyCarrier(LinkEnd end, boolean up) {
        LinkPort p = end.port();
        if (p != null) {
            p.carrierChanged(up);
        }
    }

    @Override
    public String toString() {
        return "Link[" + name + (up ? "" : ", down") + "]";
    }
}
