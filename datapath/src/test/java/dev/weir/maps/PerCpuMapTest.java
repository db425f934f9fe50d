package dev.weir.maps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.maps.PerCpuArrayMap;
import dev.weir.api.maps.PerCpuHashMap;
import dev.weir.api.wire.Bytes;
import dev.weir.core.NetNs;
import dev.weir.sim.Scheduler;
import dev.weir.sim.SimRandom;
import org.junit.jupiter.api.Test;

/**
 * Per-CPU maps: a program sees its CPU's value only; user space reads and writes all CPUs, each
 * value at a stride of valueSize rounded up to 8 (Linux's bpf() layout for per-CPU values).
 */
class PerCpuMapTest {
    final CpuContext.Settable cpus = CpuContext.settable(4);

    @Test
    void eachCpuHasItsOwnValueAndUserSpaceSumsThem() {
        HashMapImpl m = HashMapImpl.create(new MapDef("pc", MapType.PERCPU_HASH, 4, 8, 16), cpus);
        assertThat(m).isInstanceOf(PerCpuHashMap.class);
        for (int cpu = 0; cpu < 4; cpu++) {
            cpus.set(cpu);
            for (int i = 0; i <= cpu; i++) {
                m.addLong(42, 1);
            }
        }
        for (int cpu = 0; cpu < 4; cpu++) {
            cpus.set(cpu);
            assertThat(m.lookupLong(42, -1)).isEqualTo(cpu + 1);
            assertThat(m.lookupLongOnCpu(42, cpu, -1)).isEqualTo(cpu + 1);
        }
        assertThat(m.sumLong(42)).isEqualTo(1 + 2 + 3 + 4);
        assertThat(m.size()).isEqualTo(1);
    }

    @Test
    void aProgramInsertZeroesTheOtherCpus() {
        HashMapImpl m = HashMapImpl.create(new MapDef("pc", MapType.PERCPU_HASH, 4, 8, 16), cpus);
        cpus.set(0);
        m.updateLong(1, 100, MapFlags.ANY);
        m.deleteLong(1);
        cpus.set(2);
        m.updateLong(1, 7, MapFlags.ANY);   // reuses the freed entry: CPU 0's old 100 must not survive
        cpus.set(0);
        assertThat(m.lookupLong(1, -1)).isZero();
        assertThat(m.sumLong(1)).isEqualTo(7);
    }

    @Test
    void userSpaceValuesArePaddedToEightBytesPerCpu() {
        HashMapImpl m = HashMapImpl.create(new MapDef("pc", MapType.PERCPU_HASH, 4, 4, 16), cpus);
        assertThat(m.userValueSize()).isEqualTo(4 * 8);
        byte[] values = new byte[32];
        for (int c = 0; c < 4; c++) {
            Bytes.put32(values, c * 8, 0x100 + c);
        }
        byte[] key = {0, 0, 0, 9};
        assertThat(m.userUpdate(key, values, MapFlags.NOEXIST)).isZero();
        cpus.set(3);
        assertThat(m.lookupLong(9, -1)).isEqualTo(0x103);
        byte[] out = new byte[32];
        assertThat(m.userLookup(key, out)).isZero();
        assertThat(out).isEqualTo(values);
        assertThat(m.updateAllCpus(key, 0, values, 0, MapFlags.NOEXIST)).isEqualTo(MapError.EEXIST);
    }

    @Test
    void perCpuArrayIsolatesAndAggregates() {
        ArrayMapImpl a = ArrayMapImpl.create(new MapDef("stats", MapType.PERCPU_ARRAY, 4, 8, 2), cpus);
        assertThat(a).isInstanceOf(PerCpuArrayMap.class);
        cpus.set(1);
        a.addLong(0, 5);
        cpus.set(3);
        a.addLong(0, 6);
        a.addLong(1, 1);
        assertThat(a.lookupLong(0, -1)).isEqualTo(6);
        assertThat(a.lookupLongOnCpu(0, 1, -1)).isEqualTo(5);
        assertThat(a.lookupLongOnCpu(0, 0, -1)).isZero();
        assertThat(a.sumLong(0)).isEqualTo(11);
        byte[] all = new byte[a.userValueSize()];
        assertThat(a.userLookup(new byte[4], all)).isZero();
        assertThat(Bytes.i64(all, 8)).isEqualTo(5);
        assertThat(Bytes.i64(all, 24)).isEqualTo(6);
    }

    @Test
    void lruPerCpuEvictsWholeEntries() {
        HashMapImpl m = HashMapImpl.create(new MapDef("lpc", MapType.LRU_PERCPU_HASH, 4, 8, 2), cpus);
        cpus.set(1);
        m.updateLong(1, 1, MapFlags.ANY);
        m.updateLong(2, 2, MapFlags.ANY);
        m.updateLong(3, 3, MapFlags.ANY);
        assertThat(m.containsLong(1)).isFalse();
        assertThat(m.sumLong(3)).isEqualTo(3);
    }

    @Test
    void aHostsMapsFollowTheCpuItsSoftirqLoopRunsOn() {
        NetNs ns = new NetNs("h1", new Scheduler(), new SimRandom(1), 2);
        MapRegistry reg = MapRegistry.of(ns);
        PerCpuArrayMap a = (PerCpuArrayMap) reg.create(new MapDef("c", MapType.PERCPU_ARRAY, 4, 8, 1));
        ns.runOn(ns.cpu(1));
        a.addLong(0, 3);
        ns.runOn(ns.cpu(0));
        a.addLong(0, 1);
        assertThat(a.numCpus()).isEqualTo(2);
        assertThat(a.lookupLongOnCpu(0, 1, -1)).isEqualTo(3);
        assertThat(a.lookupLongOnCpu(0, 0, -1)).isEqualTo(1);
    }
}
