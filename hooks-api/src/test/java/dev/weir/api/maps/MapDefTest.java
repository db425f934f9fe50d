package dev.weir.api.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Map shapes are checked as Linux's map_alloc_check functions check them, naming the field. */
class MapDefTest {
    @Test
    void validShapes() {
        assertThat(new MapDef("flows", MapType.HASH, 16, 8, 65536).problem()).isNull();
        assertThat(new MapDef("stats", MapType.PERCPU_ARRAY, 4, 16, 4).problem()).isNull();
        assertThat(new MapDef("routes", MapType.LPM_TRIE, 8, 4, 1_000_000).problem()).isNull();
        assertThat(new MapDef("routes6", MapType.LPM_TRIE, 20, 4, 1000).problem()).isNull();
        assertThat(new MapDef("events", MapType.RINGBUF, 0, 0, 1 << 16).problem()).isNull();
        assertThat(new MapDef("jmp", MapType.PROG_ARRAY, 4, 4, 8).problem()).isNull();
        assertThat(new MapDef("tx.ports", MapType.DEVMAP, 4, 4, 64).problem()).isNull();
    }

    @Test
    void eachRuleNamesTheMapAndTheField() {
        // array_map_alloc_check: key_size != 4 -> EINVAL
        assertThat(new MapDef("a", MapType.ARRAY, 8, 8, 4).problem()).isEqualTo("map \"a\" (array): keySize must be 4 (a u32 index), got 8");
        assertThat(new MapDef("h", MapType.HASH, 0, 8, 4).problem()).contains("keySize must be 1..512, got 0");
        assertThat(new MapDef("h", MapType.HASH, 4, 0, 4).problem()).contains("valueSize must be 1..");
        assertThat(new MapDef("h", MapType.HASH, 4, 8, 0).problem()).contains("maxEntries must be positive, got 0");
        assertThat(new MapDef("p", MapType.PERCPU_HASH, 4, 40_000, 4).problem()).contains("valueSize must be 1..32768");
        // ringbuf_map_alloc: max_entries must be a power of 2 and page aligned
        assertThat(new MapDef("r", MapType.RINGBUF, 0, 0, 5000).problem()).contains("power of two, a multiple of 4096");
        assertThat(new MapDef("r", MapType.RINGBUF, 4, 0, 4096).problem()).contains("keySize and valueSize must be 0");
        assertThat(new MapDef("l", MapType.LPM_TRIE, 4, 4, 10).problem()).contains("4 (prefix length) + 1..16");
        assertThat(new MapDef("d", MapType.DEVMAP, 4, 8, 10).problem()).contains("valueSize must be 4 (an ifindex)");
        assertThat(new MapDef("bad name", MapType.HASH, 4, 4, 4).problem()).contains("' ' at index 3");
        assertThat(new MapDef("", MapType.HASH, 4, 4, 4).problem()).contains("name must be 1..63 characters, got 0");
        assertThatThrownBy(() -> new MapDef("x", MapType.ARRAY, 2, 4, 4).validated()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keySize must be 4");
    }

    @Test
    void shapesCompareWithoutNames() {
        MapDef a = new MapDef("a", MapType.HASH, 4, 8, 16);
        assertThat(a.sameShape(new MapDef("b", MapType.HASH, 4, 8, 16))).isTrue();
        assertThat(a.sameShape(new MapDef("a", MapType.LRU_HASH, 4, 8, 16))).isFalse();
        assertThat(a.sameShape(new MapDef("a", MapType.HASH, 4, 8, 32))).isFalse();
        assertThat(a.describe()).isEqualTo("hash key 4B value 8B max_entries 16");
    }

    @Test
    void typesCarryLinuxNamesAndInterfaces() {
        assertThat(MapType.byName("lru_percpu_hash")).isEqualTo(MapType.LRU_PERCPU_HASH);
        assertThat(MapType.byName("LPM_TRIE")).isEqualTo(MapType.LPM_TRIE);
        assertThat(MapType.RINGBUF.linuxNumber()).isEqualTo(27);
        assertThat(MapType.LRU_HASH.interfaceType()).isEqualTo(LruHashMap.class);
        assertThat(HashMap.class.isAssignableFrom(MapType.LRU_PERCPU_HASH.interfaceType())).isTrue();
        assertThat(MapType.PERCPU_ARRAY.perCpu()).isTrue();
    }
}
