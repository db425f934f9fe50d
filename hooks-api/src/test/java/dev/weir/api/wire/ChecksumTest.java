package dev.weir.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ChecksumTest {
    @Test
    void rfc1071NumericExample() {
        // RFC 1071 section 3: the bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2 (before complement).
        byte[] b = Bytes.fromHex("0001f203f4f5f6f7");
        assertThat(Checksum.fold(Checksum.add(0, b, 0, b.length))).isEqualTo(0xddf2);
        assertThat(Checksum.internet(b, 0, b.length)).isEqualTo(~0xddf2 & 0xffff);
    }

    @Test
    void ipv4HeaderFromLinuxVerifies() {
        // An IPv4 header of an ICMP echo request (TTL 64, DF, id 0x3f6a, 10.0.0.1 > 10.0.0.2).
        byte[] h = Bytes.fromHex("4500 0054 3f6a 4000 4001 e73c 0a00 0001 0a00 0002");
        assertThat(Checksum.verifies(h, 0, h.length)).isTrue();
        h[8] = 0x3f; // TTL 64 -> 63 without fixing the checksum
        assertThat(Checksum.verifies(h, 0, h.length)).isFalse();
    }

    @Property
    void oddLengthsPadWithZero(@ForAll @Size(min = 1, max = 200) byte[] data) {
        byte[] padded = java.util.Arrays.copyOf(data, data.length + (data.length & 1));
        assertThat(Checksum.internet(data, 0, data.length)).isEqualTo(Checksum.internet(padded, 0, padded.length));
    }

    @Property
    void addIsSplittableAtEvenOffsets(@ForAll @Size(min = 2, max = 300) byte[] data, @ForAll @IntRange(min = 0, max = 150) int cut) {
        int at = Math.min(cut * 2, data.length);
        long whole = Checksum.add(0, data, 0, data.length);
        long split = Checksum.add(Checksum.add(0, data, 0, at), data, at, data.length - at);
        assertThat(Checksum.fold(split)).isEqualTo(Checksum.fold(whole));
    }

    @Property
    void rfc1624IncrementalUpdateMatchesRecomputation(@ForAll @Size(min = 20, max = 64) byte[] data,
            @ForAll @IntRange(min = 0, max = 8) int word, @ForAll int newValue) {
        int len = data.length & ~1;
        data[len - 2] = 0;
        data[len - 1] = 0;
        int csum = Checksum.internet(data, 0, len);
        Bytes.put16(data, len - 2, csum);
        int at = word * 2;
        int old16 = Bytes.u16(data, at);
        Bytes.put16(data, at, newValue);
        int updated = Checksum.update16(csum, old16, newValue & 0xffff);
        Bytes.put16(data, len - 2, updated);
        assertThat(Checksum.verifies(data, 0, len)).isTrue();
    }

    @Property
    void update32MatchesForAddressRewrite(@ForAll @Size(min = 24, max = 64) byte[] data, @ForAll int newAddr) {
        int len = data.length & ~1;
        data[0] = 0;
        data[1] = 0;
        Bytes.put16(data, 0, Checksum.internet(data, 0, len));
        int old = Bytes.i32(data, 4);
        Bytes.put32(data, 4, newAddr);
        Bytes.put16(data, 0, Checksum.update32(Bytes.u16(data, 0), old, newAddr));
        assertThat(Checksum.verifies(data, 0, len)).isTrue();
    }
}
