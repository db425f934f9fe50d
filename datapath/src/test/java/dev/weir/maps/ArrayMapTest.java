package dev.weir.maps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.wire.Bytes;
import org.junit.jupiter.api.Test;

/** ARRAY semantics as Linux's arraymap.c: every element exists, zeroed; no delete. */
class ArrayMapTest {
    final ArrayMapImpl a = ArrayMapImpl.create(new MapDef("arr", MapType.ARRAY, 4, 8, 4), CpuContext.settable(1));

    @Test
    void elementsExistFromCreationAndNoexistAlwaysFails() {
        assertThat(a.lookupLong(3, -1)).isZero();
        assertThat(a.updateLong(0, 1, MapFlags.NOEXIST)).isEqualTo(MapError.EEXIST);
        assertThat(a.updateLong(0, 1, MapFlags.EXIST)).isZero();
        assertThat(a.size()).isEqualTo(4);
    }

    @Test
    void outOfRangeIndexesAreEnoentOnLookupAndE2bigOnUpdate() {
        // array_map_update_elem: flags > BPF_EXIST -> EINVAL; index >= max_entries -> E2BIG; NOEXIST -> EEXIST
        assertThat(a.updateLong(4, 1, MapFlags.ANY)).isEqualTo(MapError.E2BIG);
        assertThat(a.updateLong(-1, 1, MapFlags.ANY)).isEqualTo(MapError.E2BIG);
        assertThat(a.updateLong(4, 1, 7)).isEqualTo(MapError.EINVAL);
        assertThat(a.lookup(4, new byte[8], 0)).isEqualTo(MapError.ENOENT);
        assertThat(a.lookupLong(4, -5)).isEqualTo(-5);
    }

    @Test
    void deleteIsEinval() {
        assertThat(a.delete(new byte[4], 0)).isEqualTo(MapError.EINVAL);
    }

    @Test
    void byteKeysAreBigEndianIndexes() {
        a.updateLong(2, 0x1122334455667788L, MapFlags.ANY);
        byte[] v = new byte[8];
        assertThat(a.lookup(new byte[] {0, 0, 0, 2}, 0, v, 0)).isZero();
        assertThat(Bytes.i64(v, 0)).isEqualTo(0x1122334455667788L);
        assertThat(a.lookup(new byte[] {2, 0, 0, 0}, 0, v, 0)).isEqualTo(MapError.ENOENT);
    }

    @Test
    void getNextKeyWalksTheIndexes() {
        byte[] next = new byte[4];
        assertThat(a.getNextKey(null, 0, next, 0)).isZero();
        assertThat(Bytes.i32(next, 0)).isZero();
        assertThat(a.getNextKey(new byte[] {0, 0, 0, 2}, 0, next, 0)).isZero();
        assertThat(Bytes.i32(next, 0)).isEqualTo(3);
        assertThat(a.getNextKey(new byte[] {0, 0, 0, 3}, 0, next, 0)).isEqualTo(MapError.ENOENT);
        // an index out of range restarts at 0, as array_map_get_next_key does
        assertThat(a.getNextKey(new byte[] {0, 0, 1, 0}, 0, next, 0)).isZero();
        assertThat(Bytes.i32(next, 0)).isZero();
    }

    @Test
    void oddValueSizesRoundTrip() {
        ArrayMapImpl odd = ArrayMapImpl.create(new MapDef("odd", MapType.ARRAY, 4, 13, 3), CpuContext.settable(1));
        byte[] v = new byte[13];
        for (int i = 0; i < 13; i++) {
            v[i] = (byte) (0xf0 + i);
        }
        assertThat(odd.update(1, v, 0, MapFlags.ANY)).isZero();
        byte[] out = new byte[13];
        odd.lookup(1, out, 0);
        assertThat(out).isEqualTo(v);
        odd.lookup(0, out, 0);
        assertThat(out).containsOnly(0);
        assertThat(odd.addLong(1, 1)).isEqualTo(MapError.EINVAL);
    }
}
