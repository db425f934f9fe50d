package dev.weir.api.maps;

/**
 * An array with one value per modelled CPU ({@link MapType#PERCPU_ARRAY}): programs see their
 * CPU's element, user space all of them; the layout of user-space buffers is that of
 * {@link PerCpuHashMap}. The usual home of per-CPU statistics and of scratch space larger than
 * the context's scratch area.
 */
public interface PerCpuArrayMap extends ArrayMap {
    @UserSpaceOnly
    int numCpus();

    @UserSpaceOnly
    default int cpuStride() {
        return (valueSize() + 7) & ~7;
    }

    @UserSpaceOnly
    int lookupAllCpus(int index, byte[] values, int valuesOff);

    @UserSpaceOnly
    int updateAllCpus(int index, byte[] values, int valuesOff, long flags);

    @UserSpaceOnly
    long lookupLongOnCpu(int index, int cpu, long absent);

    /** The sum over all CPUs of the value at {@code index} (valueSize &lt;= 8). */
    @UserSpaceOnly
    long sumLong(int index);
}
