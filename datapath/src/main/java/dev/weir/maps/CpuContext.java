package dev.weir.maps;

import dev.weir.core.NetNs;

/**
 * Which modelled CPU is running now, for per-CPU maps: a program's lookup or update touches the
 * value of the CPU the runtime says it runs on. A host's maps read it from the host
 * ({@link #of(NetNs)}: the CPU its softirq loop is accounting); tests and tools use a
 * {@link Settable} one.
 */
public interface CpuContext {
    /** CPUs the host models; per-CPU maps keep this many values per key. */
    int numCpus();

    /** The CPU running now, 0..numCpus-1. */
    int currentCpu();

    /** The host's CPUs: {@link NetNs#currentCpu()}, as its softirq loop sets it with {@code runOn}. */
    static CpuContext of(NetNs ns) {
        return new CpuContext() {
            @Override
            public int numCpus() {
                return ns.numCpus();
            }

            @Override
            public int currentCpu() {
                return ns.currentCpu().id();
            }
        };
    }

    /** A context whose current CPU is set by hand, starting at CPU 0. */
    static Settable settable(int numCpus) {
        return new Settable(numCpus);
    }

    /** A current-CPU hook the runtime (or a test) sets before running a program. */
    final class Settable implements CpuContext {
        private final int numCpus;
        private int current;

        Settable(int numCpus) {
            if (numCpus < 1 || numCpus > 256) {
                throw new IllegalArgumentException("a host has 1..256 CPUs, got " + numCpus);
            }
            this.numCpus = numCpus;
        }

        @Override
        public int numCpus() {
            return numCpus;
        }

        @Override
        public int currentCpu() {
            return current;
        }

        /** Makes {@code cpu} the current CPU. */
        public void set(int cpu) {
            if (cpu < 0 || cpu >= numCpus) {
                throw new IllegalArgumentException("CPU " + cpu + " out of range 0.." + (numCpus - 1));
            }
            current = cpu;
        }
    }
}
