package dev.weir.maps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.DevMap;
import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.LpmTrieMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.maps.ProgramArrayMap;
import dev.weir.api.maps.RecordConsumer;
import dev.weir.api.maps.RingBufMap;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Map operations on the program path allocate nothing: many thousands of lookups, updates,
 * deletes, evictions, ring-buffer records and trie churn allocate less than a byte per round on
 * this thread (the JIT and the counter itself take a little), where one 16-byte object per
 * operation would show as megabytes.
 */
class AllocationFreeTest {
    private static final int ROUNDS = 20_000;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long allocatedBy(Runnable r) {
        for (int i = 0; i < 200; i++) {
            r.run();   // warm-up: class loading, first-call work and steady-state sizes are not per operation
        }
        long before = allocated();
        for (int i = 0; i < ROUNDS; i++) {
            r.run();
        }
        return allocated() - before;
    }

    final CpuContext.Settable cpus = CpuContext.settable(4);
    final MapRegistry reg = new MapRegistry("h", cpus);
    final byte[] scratch = new byte[512];
    final long[] sink = new long[1];
    int i;

    @Test
    void hashMapsOfEveryKind() {
        HashMap hash = (HashMap) reg.create(new MapDef("h", MapType.HASH, 4, 8, 1024));
        HashMap wide = (HashMap) reg.create(new MapDef("w", MapType.HASH, 20, 24, 1024));
        HashMap lru = (HashMap) reg.create(new MapDef("l", MapType.LRU_HASH, 8, 8, 256));
        HashMap pc = (HashMap) reg.create(new MapDef("p", MapType.PERCPU_HASH, 4, 8, 1024));
        long bytes = allocatedBy(() -> {
            int k = i++;
            hash.addLong(k & 511, 1);
            sink[0] += hash.lookupLong((k * 7) & 511, 0);
            hash.deleteLong((k * 13) & 511);
            scratch[0] = (byte) k;
            scratch[19] = (byte) (k >>> 8);
            wide.update(scratch, 0, scratch, 100, MapFlags.ANY);
            sink[0] += wide.lookup(scratch, 0, scratch, 200);
            if ((k & 3) == 0) {
                wide.delete(scratch, 0);
            }
            lru.updateLong(k, k, MapFlags.ANY);           // evicts once full
            sink[0] += lru.lookupLong(k - 100, 0);
            cpus.set(k & 3);
            pc.addLong(k & 63, 1);
            sink[0] += pc.lookupLong(k & 63, 0);
        });
        assertThat(sink[0]).isNotZero();
        assertThat(bytes).isLessThan(ROUNDS);
    }

    @Test
    void arraysLpmRingBufferProgramAndDeviceMaps() {
        ArrayMap arr = (ArrayMap) reg.create(new MapDef("a", MapType.ARRAY, 4, 8, 64));
        ArrayMap pca = (ArrayMap) reg.create(new MapDef("pa", MapType.PERCPU_ARRAY, 4, 16, 4));
        LpmTrieMap lpm = (LpmTrieMap) reg.create(new MapDef("r", MapType.LPM_TRIE, 8, 8, 20_000));
        LpmTrieMap lpm6 = (LpmTrieMap) reg.create(new MapDef("r6", MapType.LPM_TRIE, 20, 8, 1000));
        RingBufMap ring = (RingBufMap) reg.create(new MapDef("ev", MapType.RINGBUF, 0, 0, 1 << 16));
        ProgramArrayMap progs = (ProgramArrayMap) reg.create(new MapDef("j", MapType.PROG_ARRAY, 4, 4, 4));
        DevMap dev = (DevMap) reg.create(new MapDef("d", MapType.DEVMAP, 4, 4, 4));
        progs.set(1, new ProgramAndDevMapTest.Pass());
        dev.set(2, 5);
        for (int[] r : BgpTable.generate(10_000, 3)) {
            lpm.updateV4(r[0], r[1], r[2], MapFlags.ANY);
        }
        lpm6.updateV6(0x2001_0db8_0000_0000L, 0, 32, 1, MapFlags.ANY);
        int[] probes = BgpTable.lookupAddresses(BgpTable.generate(10_000, 3), 1024, 4);
        RecordConsumer consumer = (b, off, len) -> {
            sink[0] += len;
            return true;
        };
        long bytes = allocatedBy(() -> {
            int k = i++;
            arr.addLong(k & 63, 1);
            sink[0] += arr.lookupLong(k & 63, 0);
            pca.lookup(k & 3, scratch, 0);
            pca.update(k & 3, scratch, 0, MapFlags.ANY);
            sink[0] += lpm.lookupLongV4(probes[k & 1023], 0);
            sink[0] += lpm.matchLengthV4(probes[(k + 1) & 1023]);
            // churn: a /28 inside 10.0.0.0/8, added and removed, splitting and freeing trie chunks
            int p = 0x0a000000 | ((k & 0xff) << 12);
            lpm.updateV4(p, 28, k, MapFlags.ANY);
            lpm.deleteV4(p, 28);
            sink[0] += lpm6.lookupLongV6(0x2001_0db8_0000_0000L | k, k, 0);
            int h = ring.reserve(24);
            ring.store64(h, 0, k);
            ring.submit(h, 0);
            ring.output(scratch, 0, 40, 0);
            ring.consume(consumer);
            sink[0] += progs.get(k & 3) == null ? 0 : 1;
            sink[0] += dev.lookupIfindex(k & 3);
        });
        assertThat(sink[0]).isNotZero();
        assertThat(bytes).isLessThan(ROUNDS);
    }
}
