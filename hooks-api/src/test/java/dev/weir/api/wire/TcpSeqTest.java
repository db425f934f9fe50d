package dev.weir.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TcpSeqTest {
    @Test
    void comparisonsWrapAroundTwoToTheThirtyTwo() {
        // RFC 9293 3.4: "all arithmetic dealing with sequence numbers must be performed modulo 2**32".
        int nearTop = 0xffff_fff0;
        int pastZero = 0x10;
        assertThat(TcpSeq.lt(nearTop, pastZero)).isTrue();
        assertThat(TcpSeq.gt(pastZero, nearTop)).isTrue();
        assertThat(TcpSeq.leq(nearTop, nearTop)).isTrue();
        assertThat(TcpSeq.geq(nearTop, nearTop)).isTrue();
        assertThat(TcpSeq.lt(nearTop, nearTop)).isFalse();
        assertThat(TcpSeq.diff(pastZero, nearTop)).isEqualTo(0x20);
        assertThat(TcpSeq.diff(nearTop, pastZero)).isEqualTo(-0x20);
    }

    @Test
    void rfc1982LeavesHalfTheSpaceApartUndefinedAndLinuxCallsBothBefore() {
        // RFC 1982 3.2: for i1 and i2 2^(SERIAL_BITS - 1) apart the comparison is undefined.
        // Linux before(a, b) is (s32)(a - b) < 0, true both ways there; TcpSeq does the same.
        int a = 5;
        int b = 5 + Integer.MIN_VALUE;
        assertThat(TcpSeq.lt(a, b)).isTrue();
        assertThat(TcpSeq.lt(b, a)).isTrue();
    }

    @Test
    void betweenIncludesBothEndsAndHandlesAWrappedWindow() {
        assertThat(TcpSeq.between(100, 100, 200)).isTrue();
        assertThat(TcpSeq.between(100, 200, 200)).isTrue();
        assertThat(TcpSeq.between(100, 99, 200)).isFalse();
        assertThat(TcpSeq.between(100, 201, 200)).isFalse();
        int low = 0xffff_ff00;
        int high = 0x100;
        assertThat(TcpSeq.between(low, 0, high)).isTrue();
        assertThat(TcpSeq.between(low, 0xffff_ffff, high)).isTrue();
        assertThat(TcpSeq.between(low, 0x101, high)).isFalse();
        assertThat(TcpSeq.between(low, 0xffff_feff, high)).isFalse();
    }

    @Property
    void orderIsConsistentWithinHalfTheSpace(@ForAll int base, @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int ahead) {
        int later = base + ahead;
        assertThat(TcpSeq.lt(base, later)).isTrue();
        assertThat(TcpSeq.gt(later, base)).isTrue();
        assertThat(TcpSeq.geq(base, later)).isFalse();
        assertThat(TcpSeq.leq(later, base)).isFalse();
        assertThat(TcpSeq.diff(later, base)).isEqualTo(ahead);
        assertThat(TcpSeq.between(base, later, later)).isTrue();
        assertThat(TcpSeq.between(base + 1, base, later)).isFalse();
    }
}
