package dev.weir.maps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.maps.LruHashMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import org.junit.jupiter.api.Test;

/**
 * LRU_HASH: a full map evicts instead of refusing (Linux's htab_lru_map_update_elem never returns
 * E2BIG), taking the oldest entry not referenced since it was last passed over.
 */
class LruHashMapTest {
    static HashMapImpl lru(int max) {
        return HashMapImpl.create(new MapDef("lru", MapType.LRU_HASH, 4, 8, max), CpuContext.settable(1));
    }

    @Test
    void theInterfaceMatchesTheType() {
        assertThat(lru(4)).isInstanceOf(LruHashMap.class);
        assertThat(HashMapImpl.create(new MapDef("h", MapType.HASH, 4, 8, 4), CpuContext.settable(1))).isNotInstanceOf(LruHashMap.class);
    }

    @Test
    void insertIntoAFullMapEvictsTheOldestUnusedEntry() {
        HashMapImpl m = lru(3);
        m.updateLong(1, 10, MapFlags.ANY);
        m.updateLong(2, 20, MapFlags.ANY);
        m.updateLong(3, 30, MapFlags.ANY);
        assertThat(m.updateLong(4, 40, MapFlags.NOEXIST)).isEqualTo(MapError.OK);
        assertThat(m.containsLong(1)).isFalse();
        assertThat(m.size()).isEqualTo(3);
        assertThat(m.evictions()).isEqualTo(1);
        for (long k : new long[] {2, 3, 4}) {
            assertThat(m.lookupLong(k, -1)).isEqualTo(k * 10);
        }
    }

    @Test
    void aLookedUpEntryGetsASecondChance() {
        HashMapImpl m = lru(3);
        m.updateLong(1, 10, MapFlags.ANY);
        m.updateLong(2, 20, MapFlags.ANY);
        m.updateLong(3, 30, MapFlags.ANY);
        assertThat(m.lookupLong(1, -1)).isEqualTo(10);   // 1 referenced: passed over once
        m.updateLong(4, 40, MapFlags.ANY);
        assertThat(m.containsLong(2)).isFalse();
        assertThat(m.lookupLong(1, -1)).isEqualTo(10);
        // 1 was moved to the young end with its mark cleared, then used again above; 3 is now oldest
        m.updateLong(5, 50, MapFlags.ANY);
        assertThat(m.containsLong(3)).isFalse();
        assertThat(m.containsLong(1)).isTrue();
        assertThat(m.containsLong(4)).isTrue();
    }

    @Test
    void whenEverythingIsReferencedTheOldestGoesAfterOnePass() {
        HashMapImpl m = lru(4);
        for (long k = 1; k <= 4; k++) {
            m.updateLong(k, k, MapFlags.ANY);
        }
        for (long k = 1; k <= 4; k++) {
            m.lookupLong(k, -1);
        }
        m.updateLong(9, 9, MapFlags.ANY);
        assertThat(m.containsLong(1)).isFalse();
        assertThat(m.size()).isEqualTo(4);
    }

    @Test
    void updatingAnExistingKeyCountsAsAUse() {
        HashMapImpl m = lru(2);
        m.updateLong(1, 1, MapFlags.ANY);
        m.updateLong(2, 2, MapFlags.ANY);
        m.updateLong(1, 11, MapFlags.EXIST);
        m.updateLong(3, 3, MapFlags.ANY);
        assertThat(m.containsLong(2)).isFalse();
        assertThat(m.lookupLong(1, -1)).isEqualTo(11);
    }

    @Test
    void userSpaceLookupsDoNotRefreshEntries() {
        // bpf() lookups on an LRU map leave its order alone (htab_lru_map_lookup_elem_sys)
        HashMapImpl m = lru(2);
        m.updateLong(1, 1, MapFlags.ANY);
        m.updateLong(2, 2, MapFlags.ANY);
        byte[] v = new byte[8];
        assertThat(m.userLookup(new byte[] {0, 0, 0, 1}, v)).isZero();
        m.updateLong(3, 3, MapFlags.ANY);
        assertThat(m.containsLong(1)).isFalse();
    }

    @Test
    void deletedEntriesAreReusedBeforeEvicting() {
        HashMapImpl m = lru(3);
        m.updateLong(1, 1, MapFlags.ANY);
        m.updateLong(2, 2, MapFlags.ANY);
        m.updateLong(3, 3, MapFlags.ANY);
        m.deleteLong(2);
        m.updateLong(4, 4, MapFlags.ANY);
        assertThat(m.evictions()).isZero();
        assertThat(m.containsLong(1) && m.containsLong(3) && m.containsLong(4)).isTrue();
    }

    @Test
    void aFloodOfNewKeysKeepsTheMapFullAndWorking() {
        HashMapImpl m = lru(1000);
        for (long k = 0; k < 100_000; k++) {
            assertThat(m.addLong(k, 1)).isZero();
            if (k % 10 == 0) {
                m.lookupLong(7, -1);   // one hot key, used all the time
            }
        }
        assertThat(m.size()).isEqualTo(1000);
        assertThat(m.containsLong(7)).isTrue();
        assertThat(m.containsLong(99_999)).isTrue();
        assertThat(m.containsLong(0)).isFalse();
    }
}
