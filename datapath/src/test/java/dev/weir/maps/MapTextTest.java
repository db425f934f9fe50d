package dev.weir.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.LpmTrieMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.core.Args;
import dev.weir.core.CommandException;
import org.junit.jupiter.api.Test;

/** The bpftool-style text of map commands: the layout of bpftool's print_entry_plain and fprint_hex. */
class MapTextTest {
    final CpuContext.Settable cpus = CpuContext.settable(2);
    final MapRegistry reg = new MapRegistry("h", cpus);

    static java.util.List<String> w(String line) {
        return Args.split(line);
    }

    @Test
    void dumpOfAHashMapIsOneLinePerShortEntry() {
        MapImpl m = reg.createOrGet(new MapDef("counters", MapType.HASH, 4, 8, 16));
        ((HashMap) m).updateLong(0x0a000001L, 5, MapFlags.ANY);
        ((HashMap) m).updateLong(0x0a000002L, 0x0102030405060708L, MapFlags.ANY);
        assertThat(MapText.dump(m)).isEqualTo("""
                key: 0a 00 00 01  value: 00 00 00 00 00 00 00 05
                key: 0a 00 00 02  value: 01 02 03 04 05 06 07 08
                Found 2 elements
                """);
        assertThat(MapText.dumpJson(m, false)).isEqualTo(
                "[{\"key\":[\"0x0a\",\"0x00\",\"0x00\",\"0x01\"],\"value\":[\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x05\"]},"
                + "{\"key\":[\"0x0a\",\"0x00\",\"0x00\",\"0x02\"],\"value\":[\"0x01\",\"0x02\",\"0x03\",\"0x04\",\"0x05\",\"0x06\",\"0x07\",\"0x08\"]}]");
        assertThat(MapText.show(m)).isEqualTo("1: hash  name counters  flags 0x0\n\tkey 4B  value 8B  max_entries 16  memlock "
                + m.memoryBytes() + "B\n\tpinned counters\n");
        assertThat(MapText.showJson(m, false)).startsWith("{\"id\":1,\"type\":\"hash\",\"name\":\"counters\",\"flags\":0,\"bytes_key\":4,");
    }

    @Test
    void longKeysBreakLinesAndGroupBytesByEight() {
        MapImpl m = reg.create(new MapDef("tuples", MapType.HASH, 20, 4, 4));
        byte[] key = new byte[20];
        for (int i = 0; i < 20; i++) {
            key[i] = (byte) i;
        }
        ((HashMap) m).update(key, 0, new byte[] {0, 0, 0, 7}, 0, MapFlags.ANY);
        assertThat(MapText.dump(m)).isEqualTo("""
                key:
                00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f
                10 11 12 13
                value:
                00 00 00 07
                Found 1 element
                """);
    }

    @Test
    void perCpuEntriesListEveryCpu() {
        MapImpl m = reg.create(new MapDef("stats", MapType.PERCPU_ARRAY, 4, 8, 1));
        cpus.set(1);
        ((ArrayMap) m).addLong(0, 3);
        assertThat(MapText.dump(m)).isEqualTo("""
                key:
                00 00 00 00
                value (CPU 00): 00 00 00 00 00 00 00 00
                value (CPU 01): 00 00 00 00 00 00 00 03
                Found 1 element
                """);
        assertThat(MapText.dumpJson(m, false)).isEqualTo("[{\"key\":[\"0x00\",\"0x00\",\"0x00\",\"0x00\"],\"values\":["
                + "{\"cpu\":0,\"value\":[\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\"]},"
                + "{\"cpu\":1,\"value\":[\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x03\"]}]}]");
        // bpftool sets the one value given on every CPU
        MapText.update(m, w("key 0 0 0 0 value hex 00 00 00 00 00 00 00 2a"));
        assertThat(((dev.weir.api.maps.PerCpuArrayMap) m).sumLong(0)).isEqualTo(84);
    }

    @Test
    void updateLookupDeleteInBpftoolSyntax() {
        MapImpl m = reg.create(new MapDef("flows", MapType.HASH, 4, 8, 2));
        MapText.update(m, w("key 10 0 0 1 value 0x05 0 0 0 0 0 0 0"));
        MapText.update(m, w("key hex 0a 00 00 02 value 0 0 0 0 0 0 0 012 noexist"));
        assertThat(MapText.lookup(m, w("key 10 0 0 2"))).isEqualTo("key: 0a 00 00 02  value: 00 00 00 00 00 00 00 0a\n");
        assertThat(MapText.lookupJson(m, w("key 10 0 0 9"), false)).isEqualTo("null");
        assertThat(MapText.lookup(m, w("key 10 0 0 9"))).isEqualTo("key:\n0a 00 00 09\n\nNot found\n");
        assertThat(MapText.getNext(m, w(""))).isEqualTo("key: None\nnext key:\n0a 00 00 01\n");
        assertThatThrownBy(() -> MapText.update(m, w("key 10 0 0 1 value 1 0 0 0 0 0 0 0 noexist")))
                .isInstanceOf(CommandException.class).hasMessage("Error: update failed: File exists");
        assertThatThrownBy(() -> MapText.update(m, w("key 10 0 0 3 value 1 0 0 0 0 0 0 0")))
                .hasMessage("Error: update failed: Argument list too long");
        MapText.delete(m, w("key 10 0 0 1"));
        assertThatThrownBy(() -> MapText.delete(m, w("key 10 0 0 1"))).hasMessage("Error: delete failed: No such file or directory");
        assertThatThrownBy(() -> MapText.getNext(m, w("key 10 0 0 2"))).hasMessage("Error: can't get next key: No such file or directory");
    }

    @Test
    void malformedArgumentsNameWhatWasWrong() {
        MapImpl m = reg.create(new MapDef("flows", MapType.HASH, 4, 8, 2));
        assertThatThrownBy(() -> MapText.update(m, w("key 10 0 0 value 1 0 0 0 0 0 0 0")))
                .hasMessage("Error: key expected 4 bytes got 3");
        assertThatThrownBy(() -> MapText.update(m, w("key 10 0 0 1 1 value 1 0 0 0 0 0 0 0")))
                .hasMessage("Error: key expected 4 bytes got 5");
        assertThatThrownBy(() -> MapText.update(m, w("key 10 0 0 256 value 1 0 0 0 0 0 0 0")))
                .hasMessageStartingWith("Error: error parsing byte: 256 (key byte 3");
        assertThatThrownBy(() -> MapText.update(m, w("key 1 2 3 4")))
                .hasMessage("Error: did not find value");
        assertThatThrownBy(() -> MapText.update(m, w("key 1 2 3 4 value 1 0 0 0 0 0 0 0 sometimes")))
                .hasMessageContaining("unknown update flag \"sometimes\"");
        assertThatThrownBy(() -> MapText.lookup(m, w("value 1"))).hasMessage("Error: did not find key (got \"value\")");
        MapImpl ring = reg.create(new MapDef("events", MapType.RINGBUF, 0, 0, 4096));
        assertThatThrownBy(() -> MapText.dump(ring)).hasMessageContaining("has no elements to dump");
    }

    @Test
    void lpmKeysMayBeGivenAsPrefixes() {
        MapImpl m = reg.create(new MapDef("routes", MapType.LPM_TRIE, 8, 4, 16));
        MapText.update(m, w("key prefix 10.1.0.0/16 value 0 0 0 7"));
        MapText.update(m, w("key 0 0 0 8 10 0 0 0 value 0 0 0 8"));
        assertThat(((LpmTrieMap) m).lookupLongV4(Ipv4Address.parse("10.1.2.3").bits(), -1)).isEqualTo(7);
        assertThat(MapText.lookup(m, w("key prefix 10.9.9.9/32"))).isEqualTo("key: 00 00 00 20 0a 09 09 09  value: 00 00 00 08\n");
        assertThatThrownBy(() -> MapText.update(m, w("key prefix 2001:db8::/32 value 0 0 0 1")))
                .hasMessageContaining("keys hold 4 address bytes (IPv4)");
    }
}
