package dev.weir.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.maps.MapType;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Keys and values as topology files write them, into big-endian bytes of the map's sizes. */
class MapLiteralTest {
    static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }

    @Test
    void numbersAddressesPrefixesAndBytes() {
        assertThat(hex(MapLiteral.encode("22", 4, MapType.HASH, true))).isEqualTo("00 00 00 16");
        assertThat(hex(MapLiteral.encode("0x00110007", 4, MapType.HASH, true))).isEqualTo("00 11 00 07");
        assertThat(hex(MapLiteral.encode("-1", 2, MapType.ARRAY, false))).isEqualTo("ff ff");
        assertThat(hex(MapLiteral.encode("10.0.0.1", 4, MapType.HASH, true))).isEqualTo("0a 00 00 01");
        assertThat(hex(MapLiteral.encode("10.0.0.1", 8, MapType.ARRAY, false))).isEqualTo("00 00 00 00 0a 00 00 01");
        assertThat(hex(MapLiteral.encode("10.1.0.0/16", 8, MapType.LPM_TRIE, true))).isEqualTo("00 00 00 10 0a 01 00 00");
        assertThat(hex(MapLiteral.encode("2001:db8::/32", 20, MapType.LPM_TRIE, true)))
                .isEqualTo("00 00 00 20 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 00");
        assertThat(hex(MapLiteral.encode("hex 0a 00 00 01", 4, MapType.HASH, true))).isEqualTo("0a 00 00 01");
    }

    @Test
    void whatDoesNotFitSaysWhy() {
        assertThatThrownBy(() -> MapLiteral.encode("70000", 2, MapType.HASH, true)).hasMessage("key '70000' does not fit in 2 bytes");
        assertThatThrownBy(() -> MapLiteral.encode("hex 0a 00", 4, MapType.HASH, true)).hasMessageContaining("is 2 bytes; the map's key is 4");
        assertThatThrownBy(() -> MapLiteral.encode("10.0.0.0/33", 8, MapType.LPM_TRIE, true)).hasMessageContaining("does not fit an LPM key");
        assertThatThrownBy(() -> MapLiteral.encode("fd00::1", 4, MapType.HASH, true)).hasMessageContaining("address of 16 bytes");
        assertThatThrownBy(() -> MapLiteral.encode("ten", 4, MapType.HASH, false)).hasMessageContaining("expected a number");
    }
}
