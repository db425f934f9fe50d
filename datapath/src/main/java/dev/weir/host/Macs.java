package dev.weir.host;

/** Deterministic, locally administered MAC addresses for simulated devices: 02:00:00:00:NN:DD. */
public final class Macs {
    private Macs() {}

    /** The MAC of device number {@code device} on node number {@code node} (both 0..255). */
    public static long of(int node, int device) {
        return 0x0200_0000_0000L | ((long) (node & 0xff) << 8) | (device & 0xff);
    }
}
