package dev.weir.napi;

import java.util.Arrays;

/**
 * Receive Packet Steering for one receive queue (Linux's {@code rps_map}, set through
 * {@code /sys/class/net/DEV/queues/rx-N/rps_cpus}): the CPUs whose backlogs share the queue's
 * packets, picked per flow by hash so a flow stays on one CPU. Empty means RPS is off.
 */
public final class RpsMap {
    private static final int[] NONE = new int[0];

    private final int numCpus;
    private int[] cpus = NONE;

    /** An empty map for a host with {@code numCpus} CPUs. */
    public RpsMap(int numCpus) {
        this.numCpus = numCpus;
    }

    /** CPUs in the map. */
    public int size() {
        return cpus.length;
    }

    /** The CPUs, ascending. */
    public int[] cpus() {
        return cpus.clone();
    }

    public void setCpus(int... list) {
        boolean[] on = new boolean[numCpus];
        for (int c : list) {
            if (c < 0 || c >= numCpus) {
                throw new IllegalArgumentException("rps_cpus: CPU " + c + " does not exist (0.." + (numCpus - 1) + ")");
            }
            on[c] = true;
        }
        int n = 0;
        int[] out = new int[numCpus];
        for (int c = 0; c < numCpus; c++) {
            if (on[c]) {
                out[n++] = c;
            }
        }
        cpus = n == 0 ? NONE : Arrays.copyOf(out, n);
    }

    /**
     * The CPU for flow hash {@code hash}: Linux's {@code map->cpus[reciprocal_scale(hash, len)]},
     * the hash scaled into the map's length by a multiply rather than a modulo.
     */
    public int cpuFor(int hash) {
        int[] c = cpus;
        return c[(int) (((hash & 0xffff_ffffL) * c.length) >>> 32)];
    }

    /**
     * Sets the map from a CPU mask as written to {@code rps_cpus}: hex, optionally in
     * comma-separated 32-bit groups ("f", "00000000,0000000f"); 0 turns RPS off. The message of a
     * failure names the text and why.
     */
    public void setMask(String text) {
        String t = text.trim().replace(",", "");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("rps_cpus: empty mask: want hex such as f or 0");
        }
        int n = 0;
        int[] list = new int[numCpus];
        for (int i = 0; i < t.length(); i++) {
            int d = Character.digit(t.charAt(t.length() - 1 - i), 16);
            if (d < 0) {
                throw new IllegalArgumentException("rps_cpus: '" + text + "' is not a hex CPU mask (bad digit '" + t.charAt(t.length() - 1 - i) + "')");
            }
            for (int bit = 0; bit < 4; bit++) {
                if ((d & (1 << bit)) != 0) {
                    int cpu = i * 4 + bit;
                    if (cpu >= numCpus) {
                        throw new IllegalArgumentException("rps_cpus: '" + text + "' names CPU " + cpu + ", but the host has " + numCpus + " (Invalid argument)");
                    }
                    list[n++] = cpu;
                }
            }
        }
        setCpus(Arrays.copyOf(list, n));
    }

    /**
     * The mask as {@code rps_cpus} reads back: as many hex digits as the host's CPU count needs,
     * in comma-separated groups of eight (Linux's {@code %*pb}).
     */
    public String mask() {
        int digits = (numCpus + 3) / 4;
        char[] out = new char[digits];
        for (int i = 0; i < digits; i++) {
            int v = 0;
            for (int bit = 0; bit < 4; bit++) {
                int cpu = i * 4 + bit;
                if (contains(cpu)) {
                    v |= 1 << bit;
                }
            }
            out[digits - 1 - i] = Character.forDigit(v, 16);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            if (i > 0 && (digits - i) % 8 == 0) {
                sb.append(',');
            }
            sb.append(out[i]);
        }
        return sb.toString();
    }

    private boolean contains(int cpu) {
        for (int c : cpus) {
            if (c == cpu) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "RpsMap" + Arrays.toString(cpus);
    }
}
