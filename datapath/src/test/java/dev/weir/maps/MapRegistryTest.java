package dev.weir.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.maps.RingBufMap;
import dev.weir.api.wire.Bytes;
import dev.weir.core.CommandException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapRegistryTest {
    final MapRegistry reg = new MapRegistry("router", CpuContext.settable(2));
    final MapDef flows = new MapDef("flows", MapType.HASH, 4, 8, 1024);

    @Test
    void pinnedMapsAreSharedByName() {
        MapImpl a = reg.createOrGet(flows);
        MapImpl b = reg.createOrGet(new MapDef("flows", MapType.HASH, 4, 8, 1024));
        assertThat(b).isSameAs(a);
        ((HashMap) a).updateLong(1, 5, MapFlags.ANY);
        assertThat(((HashMap) b).lookupLong(1, -1)).isEqualTo(5);
        assertThat(a.isPinned()).isTrue();
        assertThat(reg.pinned("flows")).isSameAs(a);
        assertThat(reg.list()).containsExactly(a);
    }

    @Test
    void aPinnedNameWithAnotherShapeIsAClearError() {
        reg.createOrGet(flows);
        assertThatThrownBy(() -> reg.createOrGet(new MapDef("flows", MapType.LRU_HASH, 4, 8, 1024)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("map \"flows\" is pinned on router as hash key 4B value 8B max_entries 1024, but lru_hash key 4B"
                        + " value 8B max_entries 1024 was asked for; use the pinned map's shape, another name, or unpin it first"
                        + " (weir map unpin flows)");
        assertThatThrownBy(() -> reg.createOrGet(new MapDef("flows", MapType.HASH, 4, 16, 1024)))
                .hasMessageContaining("value 16B");
    }

    @Test
    void unpinnedMapsAreNotSharedAndIdsCountUp() {
        MapImpl a = reg.create(flows);
        MapImpl b = reg.create(flows);
        assertThat(a).isNotSameAs(b);
        assertThat(a.id()).isEqualTo(1);
        assertThat(b.id()).isEqualTo(2);
        assertThat(reg.pinned("flows")).isNull();
        assertThat(reg.byName("flows")).containsExactly(a, b);
        MapImpl c = reg.createOrGet(flows);
        assertThat(c.id()).isEqualTo(3);
        assertThat(reg.unpin("flows")).isTrue();
        assertThat(reg.unpin("flows")).isFalse();
        assertThat(reg.createOrGet(flows)).isNotSameAs(c);
        reg.remove(a);
        assertThat(reg.byId(1)).isNull();
        assertThatThrownBy(() -> reg.create(new MapDef("x", MapType.ARRAY, 8, 8, 1))).hasMessageContaining("keySize must be 4");
    }

    @Test
    void pinningAnExistingMapRefusesATakenName() {
        MapImpl pinned = reg.createOrGet(flows);
        MapImpl other = reg.create(flows);
        assertThatThrownBy(() -> reg.pin(other)).hasMessageContaining("map " + pinned.id() + " is pinned under that name");
        reg.unpin("flows");
        reg.pin(other);
        assertThat(reg.pinned("flows")).isSameAs(other);
    }

    @Test
    void resolveNamesMapsAsBpftoolDoes() {
        MapImpl a = reg.createOrGet(flows);
        assertThat(reg.resolve("id", "1")).isSameAs(a);
        assertThat(reg.resolve("name", "flows")).isSameAs(a);
        assertThat(reg.resolve("pinned", "flows")).isSameAs(a);
        assertThatThrownBy(() -> reg.resolve("id", "7")).isInstanceOf(CommandException.class)
                .hasMessage("Error: get map by id (7): No such file or directory");
        assertThatThrownBy(() -> reg.resolve("pinned", "nope")).hasMessageContaining("pinned on router: flows");
        reg.create(flows);
        assertThatThrownBy(() -> reg.resolve("name", "flows")).hasMessageContaining("ids 1, 2");
    }

    @Test
    void userSpaceElementOperations() {
        MapImpl m = reg.create(flows);
        byte[] k = {10, 0, 0, 1};
        byte[] v = new byte[8];
        Bytes.put64(v, 0, 9);
        assertThat(reg.update(m, k, v, MapFlags.NOEXIST)).isZero();
        assertThat(reg.update(m, k, v, MapFlags.NOEXIST)).isEqualTo(MapError.EEXIST);
        assertThat(reg.lookup(m, k)).isEqualTo(v);
        assertThat(reg.nextKey(m, null)).isEqualTo(k);
        assertThat(reg.nextKey(m, k)).isNull();
        assertThat(reg.delete(m, k)).isZero();
        assertThat(reg.lookup(m, k)).isNull();
        assertThatThrownBy(() -> reg.lookup(m, new byte[3])).hasMessage("map 1 \"flows\": key expected 4 bytes got 3");
        assertThatThrownBy(() -> reg.update(m, k, new byte[4], 0)).hasMessageContaining("value expected 8 bytes got 4");
    }

    @Test
    void batchesWalkTheWholeMap() {
        MapImpl m = reg.create(flows);
        int n = 25;
        byte[] keys = new byte[n * 4];
        byte[] values = new byte[n * 8];
        for (int i = 0; i < n; i++) {
            Bytes.put32(keys, i * 4, 1000 + i);
            Bytes.put64(values, i * 8, i);
        }
        assertThat(reg.updateBatch(m, keys, values, n, MapFlags.ANY)).isEqualTo(new MapRegistry.BatchResult(n, MapError.OK));
        assertThat(reg.updateBatch(m, keys, values, 3, MapFlags.NOEXIST)).isEqualTo(new MapRegistry.BatchResult(0, MapError.EEXIST));
        List<Integer> seen = new ArrayList<>();
        byte[] cursor = null;
        int batches = 0;
        do {
            MapRegistry.Batch b = reg.lookupBatch(m, cursor, 10);
            for (int i = 0; i < b.count(); i++) {
                int key = Bytes.i32(b.keys(), i * 4);
                seen.add(key);
                assertThat(Bytes.i64(b.values(), i * 8)).isEqualTo(key - 1000);
            }
            cursor = b.next();
            batches++;
        } while (cursor != null);
        assertThat(batches).isEqualTo(3);
        assertThat(seen).hasSize(n).doesNotHaveDuplicates();
        assertThat(reg.deleteBatch(m, keys, n)).isEqualTo(new MapRegistry.BatchResult(n, MapError.OK));
        assertThat(m.userCount()).isZero();
        assertThat(reg.deleteBatch(m, keys, 1)).isEqualTo(new MapRegistry.BatchResult(0, MapError.ENOENT));
    }

    @Test
    void theRingBufferConsumerGoesThroughTheRegistry() {
        MapImpl ring = reg.createOrGet(new MapDef("events", MapType.RINGBUF, 0, 0, 4096));
        ((RingBufMap) ring).output(new byte[] {1, 2, 3}, 0, 3, 0);
        List<Integer> lens = new ArrayList<>();
        assertThat(reg.consume(ring, (b, off, len) -> lens.add(len))).isEqualTo(1);
        assertThat(lens).containsExactly(3);
        assertThatThrownBy(() -> reg.consume(reg.create(flows), (b, o, l) -> true)).hasMessageContaining("not a ring buffer");
    }
}
