package dev.weir.sim;

import java.util.HashSet;
import java.util.Set;

/**
 * What every simulated component is handed: the one {@link Scheduler} (virtual clock and event
 * queue) and the root {@link SimRandom} of a run with a given seed.
 *
 * <p>Components take their random stream with {@link #random(String)} under a name unique in the
 * simulation (a link direction, a host's TCP ISN generator, ...). The simulation refuses a name
 * taken twice, because two components with one name would draw the very same numbers.
 */
public final class Simulation {
    private final long seed;
    private final Scheduler scheduler = new Scheduler();
    private final SimRandom root;
    private final Set<String> streamNames = new HashSet<>();

    public Simulation(long seed) {
        this.seed = seed;
        this.root = new SimRandom(seed);
    }

    public long seed() {
        return seed;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Shorthand for {@code scheduler().now()}. */
    public long now() {
        return scheduler.now();
    }

    /** The root stream. Components should not draw from it directly: take a named one. */
    public SimRandom rootRandom() {
        return root;
    }

    /**
     * The random stream of the component named {@code name}: {@code rootRandom().split(name)}.
     *
     * @throws IllegalArgumentException when another component already took that name
     */
    public SimRandom random(String name) {
        if (!streamNames.add(name)) {
            throw new IllegalArgumentException("random stream '" + name
                    + "' is already taken in this simulation: two components with one name would draw the same numbers");
        }
        return root.split(name);
    }

    @Override
    public String toString() {
        return "Simulation[seed " + seed + ", " + scheduler + "]";
    }
}
