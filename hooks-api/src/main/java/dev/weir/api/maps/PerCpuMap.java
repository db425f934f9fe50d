package dev.weir.api.maps;

/**
 * What the per-CPU maps share: one value per modelled CPU. Programs see the value of the CPU
 * they run on; user space sees all of them, in buffers of {@link #numCpus()} values, each at a
 * stride of {@link #cpuStride()} bytes (valueSize rounded up to 8, Linux's layout for per-CPU
 * values in the {@code bpf()} system call), CPU 0 first.
 */
public interface PerCpuMap extends WeirMap {
    /** How many CPUs the map keeps values for (the host's modelled CPUs). */
    @UserSpaceOnly
    int numCpus();

    /** Bytes between two CPUs' values in a user-space buffer: valueSize rounded up to 8. */
    @UserSpaceOnly
    default int cpuStride() {
        return (valueSize() + 7) & ~7;
    }
}
