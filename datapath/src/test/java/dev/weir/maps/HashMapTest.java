package dev.weir.maps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.wire.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;
import org.junit.jupiter.api.Test;

/** HASH semantics as Linux's htab_map_update_elem / delete / get_next_key define them. */
class HashMapTest {
    static HashMapImpl hash(int keySize, int valueSize, int max) {
        return HashMapImpl.create(new MapDef("h", MapType.HASH, keySize, valueSize, max), CpuContext.settable(1));
    }

    @Test
    void updateFlagsFollowBpfAnyNoexistExist() {
        HashMap m = hash(4, 8, 16);
        assertThat(m.updateLong(1, 10, MapFlags.EXIST)).isEqualTo(MapError.ENOENT);
        assertThat(m.updateLong(1, 10, MapFlags.NOEXIST)).isEqualTo(MapError.OK);
        assertThat(m.updateLong(1, 11, MapFlags.NOEXIST)).isEqualTo(MapError.EEXIST);
        assertThat(m.lookupLong(1, -1)).isEqualTo(10);
        assertThat(m.updateLong(1, 12, MapFlags.EXIST)).isEqualTo(MapError.OK);
        assertThat(m.updateLong(1, 13, MapFlags.ANY)).isEqualTo(MapError.OK);
        assertThat(m.lookupLong(1, -1)).isEqualTo(13);
        // flags above BPF_EXIST are EINVAL before anything else
        assertThat(m.updateLong(2, 1, 3)).isEqualTo(MapError.EINVAL);
        assertThat(m.update(new byte[4], 0, new byte[8], 0, 4)).isEqualTo(MapError.EINVAL);
        assertThat(m.size()).isEqualTo(1);
    }

    @Test
    void aFullMapRefusesNewKeysWithE2bigAndStaysUnchanged() {
        HashMap m = hash(4, 8, 3);
        for (int k = 1; k <= 3; k++) {
            assertThat(m.updateLong(k, k * 100, MapFlags.ANY)).isEqualTo(MapError.OK);
        }
        assertThat(m.updateLong(4, 400, MapFlags.ANY)).isEqualTo(MapError.E2BIG);
        assertThat(m.addLong(4, 1)).isEqualTo(MapError.E2BIG);
        assertThat(m.update(new byte[] {0, 0, 0, 4}, 0, new byte[8], 0, MapFlags.NOEXIST)).isEqualTo(MapError.E2BIG);
        assertThat(m.size()).isEqualTo(3);
        assertThat(m.containsLong(4)).isFalse();
        // replacing an existing key still works when full, and a delete makes room
        assertThat(m.updateLong(2, 222, MapFlags.EXIST)).isEqualTo(MapError.OK);
        assertThat(m.deleteLong(1)).isEqualTo(MapError.OK);
        assertThat(m.deleteLong(1)).isEqualTo(MapError.ENOENT);
        assertThat(m.updateLong(4, 400, MapFlags.ANY)).isEqualTo(MapError.OK);
        assertThat(m.lookupLong(4, -1)).isEqualTo(400);
        assertThat(m.lookupLong(2, -1)).isEqualTo(222);
    }

    @Test
    void longFastPathsAreTheBigEndianLowBytes() {
        HashMapImpl m = hash(4, 8, 8);
        assertThat(m.updateLong(0x0a000001L, 5, MapFlags.ANY)).isZero();
        byte[] key = {0x0a, 0, 0, 1};
        byte[] value = new byte[8];
        assertThat(m.lookup(key, 0, value, 0)).isZero();
        assertThat(value).containsExactly(0, 0, 0, 0, 0, 0, 0, 5);
        // high bytes beyond keySize are not part of the key
        assertThat(m.lookupLong(0xffff_ffff_0a00_0001L, -1)).isEqualTo(5);
        // a value narrower than 8 bytes wraps at its width
        HashMapImpl narrow = hash(2, 2, 8);
        narrow.updateLong(0x1234, 0xfffe, MapFlags.ANY);
        narrow.addLong(0x1234, 3);
        assertThat(narrow.lookupLong(0x1234, -1)).isEqualTo(1);
        byte[] v2 = new byte[2];
        narrow.lookup(new byte[] {0x12, 0x34}, 0, v2, 0);
        assertThat(v2).containsExactly(0, 1);
    }

    @Test
    void addLongCountsAndInsertsTheDeltaWhenAbsent() {
        HashMap m = hash(4, 8, 8);
        for (int i = 0; i < 5; i++) {
            m.addLong(7, 2);
        }
        assertThat(m.lookupLong(7, 0)).isEqualTo(10);
        m.addLong(7, -11);
        assertThat(m.lookupLong(7, 0)).isEqualTo(-1);
    }

    @Test
    void fastPathsOnWideKeysOrValuesRefuse() {
        HashMap wideKey = hash(16, 8, 4);
        assertThat(wideKey.updateLong(1, 1, MapFlags.ANY)).isEqualTo(MapError.EINVAL);
        assertThat(wideKey.lookupLong(1, -9)).isEqualTo(-9);
        HashMap wideValue = hash(4, 16, 4);
        assertThat(wideValue.addLong(1, 1)).isEqualTo(MapError.EINVAL);
        byte[] v = new byte[16];
        v[15] = 3;
        assertThat(wideValue.update(1, v, 0, MapFlags.ANY)).isZero();
        byte[] out = new byte[16];
        assertThat(wideValue.lookup(1, out, 0)).isZero();
        assertThat(out).isEqualTo(v);
    }

    @Test
    void shortOrNullBuffersAreEfaultNotExceptions() {
        HashMap m = hash(8, 8, 4);
        assertThat(m.update(new byte[7], 0, new byte[8], 0, 0)).isEqualTo(MapError.EFAULT);
        assertThat(m.update(new byte[16], 9, new byte[8], 0, 0)).isEqualTo(MapError.EFAULT);
        assertThat(m.lookup(null, 0, new byte[8], 0)).isEqualTo(MapError.EFAULT);
        assertThat(m.lookup(new byte[8], -1, new byte[8], 0)).isEqualTo(MapError.EFAULT);
        assertThat(m.delete(new byte[3], 0)).isEqualTo(MapError.EFAULT);
        assertThat(m.getNextKey(null, 0, new byte[4], 0)).isEqualTo(MapError.EFAULT);
    }

    @Test
    void keysAndValuesAtOffsetsInScratch() {
        HashMap m = hash(12, 20, 4);
        byte[] scratch = new byte[512];
        for (int i = 0; i < 12; i++) {
            scratch[100 + i] = (byte) (i + 1);
        }
        for (int i = 0; i < 20; i++) {
            scratch[200 + i] = (byte) (0x40 + i);
        }
        assertThat(m.update(scratch, 100, scratch, 200, MapFlags.ANY)).isZero();
        byte[] out = new byte[40];
        assertThat(m.lookup(scratch, 100, out, 13)).isZero();
        for (int i = 0; i < 20; i++) {
            assertThat(out[13 + i]).isEqualTo((byte) (0x40 + i));
        }
        scratch[111] ^= 1;
        assertThat(m.lookup(scratch, 100, out, 0)).isEqualTo(MapError.ENOENT);
    }

    private static List<Long> iterate(HashMapImpl m) {
        List<Long> keys = new ArrayList<>();
        byte[] k = new byte[4];
        byte[] prev = null;
        while (m.getNextKey(prev, 0, k, 0) == MapError.OK) {
            keys.add(Bytes.u32L(k, 0));
            prev = k.clone();
        }
        return keys;
    }

    @Test
    void iterationOrderIsStableAndDeterministic() {
        HashMapImpl a = hash(4, 8, 100);
        HashMapImpl b = hash(4, 8, 100);
        for (HashMapImpl m : List.of(a, b)) {
            for (int k = 0; k < 50; k++) {
                m.updateLong(k * 7919L, k, MapFlags.ANY);
            }
            for (int k = 0; k < 50; k += 3) {
                m.deleteLong(k * 7919L);
            }
            m.updateLong(424242, 1, MapFlags.ANY);
        }
        assertThat(iterate(a)).isEqualTo(iterate(b)).hasSize(50 - 17 + 1).doesNotHaveDuplicates();
        assertThat(iterate(a)).isEqualTo(iterate(a));
        // updating values does not change the order
        List<Long> before = iterate(a);
        for (long k : before) {
            a.updateLong(k, 99, MapFlags.EXIST);
        }
        assertThat(iterate(a)).isEqualTo(before);
    }

    @Test
    void dumpAndDeleteVisitsEveryKeyOnce() {
        HashMapImpl m = hash(4, 8, 64);
        for (int k = 1; k <= 40; k++) {
            m.updateLong(k * 31L, k, MapFlags.ANY);
        }
        // the usual user-space loop: next key of the previous, then delete the previous
        List<Long> seen = new ArrayList<>();
        byte[] prev = null;
        byte[] k = new byte[4];
        while (m.getNextKey(prev, 0, k, 0) == MapError.OK) {
            seen.add(Bytes.u32L(k, 0));
            if (prev != null) {
                assertThat(m.delete(prev, 0)).isZero();
            }
            prev = k.clone();
        }
        m.delete(prev, 0);
        assertThat(seen).hasSize(40).doesNotHaveDuplicates();
        assertThat(m.size()).isZero();
    }

    @Test
    void getNextKeyOfAnAbsentKeyRestartsAtTheFirst() {
        HashMapImpl m = hash(4, 8, 8);
        m.updateLong(5, 1, 0);
        m.updateLong(6, 1, 0);
        byte[] next = new byte[4];
        assertThat(m.getNextKey(new byte[] {0, 0, 0, 99}, 0, next, 0)).isZero();
        assertThat(Bytes.i32(next, 0)).isEqualTo(5);
        assertThat(m.getNextKey(new byte[] {0, 0, 0, 6}, 0, next, 0)).isEqualTo(MapError.ENOENT);
    }

    @Test
    void manyCollidingInsertsAndDeletesKeepEveryKeyFindable() {
        // linear probing with backward-shift deletion: churn must never lose a key
        HashMapImpl m = hash(8, 8, 1000);
        Map<Long, Long> model = new LinkedHashMap<>();
        long x = 1;
        for (int i = 0; i < 200_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            long key = (x >>> 40) % 1500;
            if ((x & 3) == 0) {
                assertThat(m.deleteLong(key)).isEqualTo(model.remove(key) != null ? MapError.OK : MapError.ENOENT);
            } else if (model.containsKey(key) || model.size() < 1000) {
                assertThat(m.updateLong(key, i, MapFlags.ANY)).isZero();
                model.put(key, (long) i);
            } else {
                assertThat(m.updateLong(key, i, MapFlags.ANY)).isEqualTo(MapError.E2BIG);
            }
        }
        assertThat(m.size()).isEqualTo(model.size());
        for (Map.Entry<Long, Long> e : model.entrySet()) {
            assertThat(m.lookupLong(e.getKey(), -1)).isEqualTo(e.getValue());
        }
    }

    // ---- property: any sequence of operations, any key size, agrees with a model ----

    @Provide
    Arbitrary<List<Tuple3<Integer, Integer, Long>>> ops() {
        return Arbitraries.integers().between(0, 3)
                .flatMap(op -> Arbitraries.integers().between(0, 40)
                        .flatMap(key -> Arbitraries.longs().map(v -> Tuple.of(op, key, v))))
                .list().ofMaxSize(300);
    }

    private static byte[] keyBytes(int keySize, int key) {
        byte[] k = new byte[keySize];
        // spread the small key over the whole key, so every word matters
        for (int i = 0; i < keySize; i++) {
            k[i] = (byte) (key * 31 + i * (key & 3));
        }
        return k;
    }

    @Property(tries = 200)
    void agreesWithAModel(@ForAll("ops") List<Tuple3<Integer, Integer, Long>> ops,
                          @ForAll("keySizes") int keySize, @ForAll("capacities") int capacity) {
        HashMapImpl m = hash(keySize, 8, capacity);
        Map<ByteBuffer, Long> model = new LinkedHashMap<>();
        byte[] v = new byte[8];
        for (Tuple3<Integer, Integer, Long> t : ops) {
            byte[] k = keyBytes(keySize, t.get2());
            ByteBuffer mk = ByteBuffer.wrap(k);
            Bytes.put64(v, 0, t.get3());
            switch (t.get1()) {
                case 0 -> {
                    int expected = model.containsKey(mk) ? MapError.OK : model.size() < capacity ? MapError.OK : MapError.E2BIG;
                    assertThat(m.update(k, 0, v, 0, MapFlags.ANY)).isEqualTo(expected);
                    if (expected == MapError.OK) {
                        model.put(mk, t.get3());
                    }
                }
                case 1 -> {
                    int expected = model.containsKey(mk) ? MapError.EEXIST : model.size() < capacity ? MapError.OK : MapError.E2BIG;
                    assertThat(m.update(k, 0, v, 0, MapFlags.NOEXIST)).isEqualTo(expected);
                    if (expected == MapError.OK) {
                        model.put(mk, t.get3());
                    }
                }
                case 2 -> assertThat(m.delete(k, 0)).isEqualTo(model.remove(mk) != null ? MapError.OK : MapError.ENOENT);
                default -> {
                    byte[] out = new byte[8];
                    int rc = m.lookup(k, 0, out, 0);
                    if (model.containsKey(mk)) {
                        assertThat(rc).isZero();
                        assertThat(Bytes.i64(out, 0)).isEqualTo(model.get(mk));
                    } else {
                        assertThat(rc).isEqualTo(MapError.ENOENT);
                    }
                }
            }
        }
        assertThat(m.size()).isEqualTo(model.size());
        List<ByteBuffer> iterated = new ArrayList<>();
        byte[] prev = null;
        byte[] k = new byte[keySize];
        while (m.getNextKey(prev, 0, k, 0) == MapError.OK) {
            iterated.add(ByteBuffer.wrap(k.clone()));
            prev = k.clone();
        }
        assertThat(iterated).containsExactlyInAnyOrderElementsOf(model.keySet());
    }

    @Provide
    Arbitrary<Integer> keySizes() {
        return Arbitraries.of(1, 3, 4, 8, 9, 16, 20, 33);
    }

    @Provide
    Arbitrary<Integer> capacities() {
        return Arbitraries.of(1, 5, 16, 64);
    }
}
