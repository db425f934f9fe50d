package dev.weir.api.maps;

/**
 * A hash table with one value per modelled CPU ({@link MapType#PERCPU_HASH}).
 *
 * <p><b>Programs</b> see only the value of the CPU they run on (the runtime supplies it): the
 * {@link HashMap} operations read and write that CPU's copy, so counters need no atomics and
 * CPUs never contend. A key inserted by a program gets the program's value on its CPU and
 * zeroes on every other CPU; deleting a key removes all CPUs' values.
 *
 * <p><b>User space</b> reads and writes all CPUs at once, in the layout of {@link PerCpuMap}.
 */
public interface PerCpuHashMap extends HashMap, PerCpuMap {
    /** Copies every CPU's value of {@code key} into {@code values} (numCpus x cpuStride bytes). */
    @UserSpaceOnly
    int lookupAllCpus(byte[] key, int keyOff, byte[] values, int valuesOff);

    /** Sets every CPU's value of {@code key} from {@code values} (numCpus x cpuStride bytes). */
    @UserSpaceOnly
    int updateAllCpus(byte[] key, int keyOff, byte[] values, int valuesOff, long flags);

    /** One CPU's value of a long key (valueSize &lt;= 8), or {@code absent}. */
    @UserSpaceOnly
    long lookupLongOnCpu(long key, int cpu, long absent);

    /** The sum over all CPUs of a long key's value (valueSize &lt;= 8): how user space reads a per-CPU counter. */
    @UserSpaceOnly
    long sumLong(long key);
}
