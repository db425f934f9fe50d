package dev.weir.bench;

import dev.weir.api.wire.Checksum;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the Internet checksum, {@link Checksum#add} over a buffer of {@code size} bytes
 * (a small packet, a full Ethernet frame, the largest IP datagram) and the fold to 16 bits.
 *
 * <p>JMH reports nanoseconds per operation; the throughput in GB/s (10^9 bytes per second) is
 * {@code size / ns_per_op}, since one byte per nanosecond is 10^9 bytes per second. For example
 * 1500 bytes in 150 ns/op is 10 GB/s.
 *
 * <p>Run: {@code scripts/bench ChecksumBench} (short by default: 1 fork, 2 warm-up and 3
 * measurement iterations of 1 s).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ChecksumBench {
    @Param({"64", "1500", "65536"})
    int size;

    private byte[] buf;

    @Setup
    public void setUp() {
        buf = new byte[size];
        long x = 0x9e37_79b9_7f4a_7c15L;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            buf[i] = (byte) x;
        }
    }

    @Benchmark
    public int checksum() {
        return Checksum.fold(Checksum.add(0, buf, 0, size));
    }
}
