package dev.weir.maps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapType;
import dev.weir.api.maps.RingBufMap;
import dev.weir.api.wire.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RINGBUF: Linux's BPF ring buffer semantics (kernel/bpf/ringbuf.c), including consumer order. */
class RingBufMapTest {
    final RingBufMapImpl rb = new RingBufMapImpl(new MapDef("events", MapType.RINGBUF, 0, 0, 4096));

    private List<String> drain() {
        List<String> out = new ArrayList<>();
        rb.consume((b, off, len) -> out.add(new String(b, off, len, java.nio.charset.StandardCharsets.US_ASCII)));
        return out;
    }

    private static byte[] text(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void outputThenConsumeInOrder() {
        assertThat(rb.output(text("one"), 0, 3, 0)).isZero();
        assertThat(rb.output(text("two!"), 0, 4, RingBufMap.NO_WAKEUP)).isZero();
        assertThat(rb.query(RingBufMap.AVAIL_DATA)).isEqualTo(16 + 16);
        assertThat(drain()).containsExactly("one", "two!");
        assertThat(drain()).isEmpty();
        assertThat(rb.query(RingBufMap.CONS_POS)).isEqualTo(rb.query(RingBufMap.PROD_POS));
        assertThat(rb.query(RingBufMap.RING_SIZE)).isEqualTo(4096);
    }

    @Test
    void theConsumerStopsAtARecordStillReserved() {
        int a = rb.reserve(8);
        int b = rb.reserve(8);
        assertThat(a).isNotNegative();
        assertThat(b).isNotNegative();
        rb.store64(b, 0, 0x4242424242424242L);
        assertThat(rb.submit(b, 0)).isZero();
        // b is submitted but a, reserved first, is not: nothing is visible yet
        assertThat(drain()).isEmpty();
        rb.write(a, 0, text("AAAAAAAA"), 0, 8);
        rb.submit(a, 0);
        assertThat(drain()).containsExactly("AAAAAAAA", "BBBBBBBB");
    }

    @Test
    void discardedRecordsAreSkipped() {
        int a = rb.reserve(5);
        rb.write(a, 0, text("first"), 0, 5);
        int b = rb.reserve(5);
        rb.output(text("third"), 0, 5, 0);
        rb.discard(b, 0);
        rb.submit(a, 0);
        assertThat(drain()).containsExactly("first", "third");
    }

    @Test
    void recordsWrapAroundTheArrayWhole() {
        // rounds of three 1008-byte records and one of 1512 walk around the 4096-byte ring: some
        // records would cross the end and start at offset 0 behind a filler, some find the ring
        // empty and start there at once; every record comes out whole and in order
        byte[] big = new byte[1500];
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 3; i++) {
                byte[] rec = text(String.format("%-1000s", "r" + round + "." + i));
                assertThat(rb.output(rec, 0, rec.length, 0)).isZero();
            }
            List<String> got = drain();
            assertThat(got).hasSize(3);
            assertThat(got.get(0).trim()).isEqualTo("r" + round + ".0");
            assertThat(got.get(2).trim()).isEqualTo("r" + round + ".2");
            Bytes.put32(big, 0, round);
            assertThat(rb.output(big, 0, big.length, 0)).isZero();
            int[] seen = new int[1];
            rb.consume((b, off, len) -> {
                assertThat(len).isEqualTo(1500);
                seen[0] = Bytes.i32(b, off);
                return true;
            });
            assertThat(seen[0]).isEqualTo(round);
        }
        assertThat(rb.lost()).isZero();
    }

    @Test
    void aFullRingRefusesWithEagainAndCountsTheLoss() {
        byte[] rec = new byte[1016];   // 1024 bytes with its header: four fill the ring
        for (int i = 0; i < 4; i++) {
            assertThat(rb.output(rec, 0, rec.length, 0)).isZero();
        }
        assertThat(rb.output(rec, 0, 1, 0)).isEqualTo(MapError.EAGAIN);
        assertThat(rb.reserve(1)).isEqualTo(MapError.EAGAIN);
        assertThat(rb.lost()).isEqualTo(2);
        int[] n = new int[1];
        rb.consume((b, off, len) -> ++n[0] < 2);   // stop after the second
        assertThat(n[0]).isEqualTo(2);
        assertThat(rb.output(rec, 0, rec.length, 0)).isZero();
    }

    @Test
    void reservationsAreCheckedHandlesAndBounds() {
        assertThat(rb.reserve(0)).isEqualTo(MapError.EINVAL);
        assertThat(rb.reserve(4096)).isEqualTo(MapError.EINVAL);
        int h = rb.reserve(16);
        assertThat(rb.store32(h, 12, 1)).isZero();
        assertThat(rb.store32(h, 13, 1)).isEqualTo(MapError.EINVAL);
        assertThat(rb.store8(h, -1, 1)).isEqualTo(MapError.EINVAL);
        assertThat(rb.write(h, 10, new byte[8], 0, 8)).isEqualTo(MapError.EINVAL);
        assertThat(rb.write(h, 0, new byte[4], 0, 8)).isEqualTo(MapError.EFAULT);
        assertThat(rb.submit(h + 8, 0)).isEqualTo(MapError.EINVAL);
        assertThat(rb.submit(h, 4)).isEqualTo(MapError.EINVAL);
        assertThat(rb.submit(h, 0)).isZero();
        // a submitted record can no longer be written or submitted again
        assertThat(rb.store8(h, 0, 1)).isEqualTo(MapError.EINVAL);
        assertThat(rb.discard(h, 0)).isEqualTo(MapError.EINVAL);
    }

    @Test
    void outstandingReservationsAreLimitedAndCleanedUpByTheRuntime() {
        RingBufMapImpl big = new RingBufMapImpl(new MapDef("big", MapType.RINGBUF, 0, 0, 1 << 16));
        for (int i = 0; i < RingBufMapImpl.MAX_OUTSTANDING; i++) {
            assertThat(big.reserve(8)).isNotNegative();
        }
        assertThat(big.reserve(8)).isEqualTo(MapError.EBUSY);
        assertThat(big.discardOutstanding()).isEqualTo(RingBufMapImpl.MAX_OUTSTANDING);
        assertThat(big.outstanding()).isZero();
        assertThat(big.consume((b, o, l) -> true)).isZero();
        assertThat(big.query(RingBufMap.AVAIL_DATA)).isZero();
        assertThat(big.discardedByRuntime()).isEqualTo(RingBufMapImpl.MAX_OUTSTANDING);
    }

    @Test
    void anEmptyRingStartsALargeRecordAtTheBeginning() {
        rb.output(new byte[3000], 0, 3000, 0);
        drain();
        // 3008 consumed; 1088 left before the end: a 2000-byte record still fits, from offset 0
        assertThat(rb.output(new byte[2000], 0, 2000, 0)).isZero();
        assertThat(rb.query(RingBufMap.AVAIL_DATA)).isEqualTo(2008);
    }
}
