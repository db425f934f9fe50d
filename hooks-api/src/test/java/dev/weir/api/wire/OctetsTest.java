package dev.weir.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OctetsTest {
    @Test
    void equalityIsByContentAndCopiesAreIsolated() {
        byte[] src = {1, 2, 3};
        Octets a = Octets.copyOf(src);
        src[0] = 9;
        assertThat(a).isEqualTo(Octets.fromHex("010203")).hasSameHashCodeAs(Octets.fromHex("010203"));
        assertThat(a.get(0)).isEqualTo(1);
        byte[] out = a.toByteArray();
        out[1] = 7;
        assertThat(a.get(1)).isEqualTo(2);
        assertThat(a).isNotEqualTo(Octets.fromHex("0102"));
    }

    @Test
    void printsHexShortenedPast64Bytes() {
        assertThat(Octets.fromHex("00ff10")).hasToString("[00ff10]");
        assertThat(Octets.zeros(100).toString()).endsWith("... (100 bytes)]");
        assertThat(Octets.zeros(3).isAllZero()).isTrue();
        assertThat(Octets.copyOf(new byte[0], 0, 0)).isSameAs(Octets.EMPTY);
    }
}
