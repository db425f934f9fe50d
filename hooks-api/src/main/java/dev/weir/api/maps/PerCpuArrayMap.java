package dev.weir.api.maps;

/**
 * An array with one value per modelled CPU ({@link MapType#PERCPU_ARRAY}): programs see their
 * CPU's element, user space all of them, in the layout of {@link PerCpuMap}. The usual home of
 * per-CPU statistics and of scratch space larger than the context's scratch area.
 */
public interface PerCpuArrayMap extends ArrayMap, PerCpuMap {
    /** Copies every CPU's value at {@code index} into {@code values} (numCpus x cpuStride bytes). */
    @UserSpaceOnly
    int lookupAllCpus(int index, byte[] values, int valuesOff);

    /** Sets every CPU's value at {@code index} from {@code values} (numCpus x cpuStride bytes). */
    @UserSpaceOnly
    int updateAllCpus(int index, byte[] values, int valuesOff, long flags);

    /** One CPU's value at {@code index} (valueSize &lt;= 8), or {@code absent}. */
    @UserSpaceOnly
    long lookupLongOnCpu(int index, int cpu, long absent);

    /** The sum over all CPUs of the value at {@code index} (valueSize &lt;= 8). */
    @UserSpaceOnly
    long sumLong(int index);
}
