package dev.weir.core;

/**
 * A modelled CPU of a host: softirq work costs it virtual time, so a CPU that cannot keep up
 * lets its NIC rings fill (and {@code rx_missed} rise), as the receive-path article describes.
 *
 * <p>{@link #busyUntil} is the virtual time at which the work charged so far ends. Work
 * scheduled on a busy CPU starts when it is free. The counters are Linux's
 * {@code /proc/net/softnet_stat} columns for this CPU.
 */
public final class Cpu {
    private final int id;
    /** Virtual time at which the work charged so far is done. */
    public long busyUntil;
    /** Total virtual nanoseconds of work charged: utilisation = busyNanos / elapsed. */
    public long busyNanos;
    /** Busy nanoseconds spent in softirq (network receive and transmit). */
    public long softirqNanos;

    // softnet_stat columns
    /** Packets processed by this CPU's net_rx_action. */
    public long processed;
    /** Packets dropped because the backlog was full (netdev_max_backlog). */
    public long dropped;
    /** net_rx_action rounds that ended with work left (budget or time exhausted). */
    public long timeSqueeze;
    /** Packets steered to this CPU by RPS. */
    public long receivedRps;
    /** Packets dropped by the flow limit. */
    public long flowLimitCount;

    public Cpu(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /**
     * Charges {@code nanos} of work that starts no earlier than {@code now}; returns when it ends.
     */
    public long charge(long now, long nanos) {
        long start = Math.max(now, busyUntil);
        busyUntil = start + nanos;
        busyNanos += nanos;
        return busyUntil;
    }

    /** True when work charged earlier is still running at {@code now}. */
    public boolean isBusy(long now) {
        return busyUntil > now;
    }

    /** The softnet_stat line as Linux prints it (hex columns: processed, dropped, time_squeeze, ...). */
    public String softnetStatLine() {
        return String.format("%08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x",
                processed, dropped, timeSqueeze, 0, 0, 0, 0, 0, 0, receivedRps, flowLimitCount, 0, id);
    }
}
