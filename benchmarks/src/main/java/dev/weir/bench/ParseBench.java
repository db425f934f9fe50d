package dev.weir.bench;

import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.EthernetFrame;
import dev.weir.api.wire.EthernetRepr;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv4Repr;
import dev.weir.api.wire.MacAddress;
import dev.weir.api.wire.Octets;
import dev.weir.api.wire.TcpOption;
import dev.weir.api.wire.TcpPacket;
import dev.weir.api.wire.TcpRepr;
import dev.weir.api.wire.WireError;
import java.util.List;
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
 * Nanoseconds to parse and validate one Ethernet/IPv4/TCP frame through the wire views, as the
 * receive path does before any program or socket sees it: {@link EthernetFrame#wrap},
 * {@link Ipv4Packet#wrap} (header checksum verified), {@link TcpPacket#wrap} (data offset and
 * every option checked) and the TCP checksum over the pseudo-header and the segment
 * ({@link #parseAndVerifyChecksums}); and the same with both checksums left to a NIC that
 * verified them, Linux's {@code CHECKSUM_UNNECESSARY} ({@link #parseWithoutChecksums}).
 *
 * <p>The segment carries the options Linux puts on a data segment (NOP, NOP, timestamps) and
 * {@code payload} bytes: 0 for a pure ACK, 1448 for a full-sized segment on a 1500-byte MTU,
 * where the TCP checksum dominates.
 *
 * <p>Run: {@code scripts/bench ParseBench} (short by default: 1 fork, 2 warm-up and 3
 * measurement iterations of 1 s).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ParseBench {
    @Param({"0", "1448"})
    int payload;

    private byte[] frame;
    private final EthernetFrame eth = new EthernetFrame();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final TcpPacket tcp = new TcpPacket();

    @Setup
    public void setUp() {
        Ipv4Address src = Ipv4Address.parse("10.0.0.1");
        Ipv4Address dst = Ipv4Address.parse("10.0.0.2");
        TcpRepr t = new TcpRepr(44700, 8000, 2_810_674_155L, 1_157_959_678L, TcpPacket.ACK | TcpPacket.PSH, 502,
                List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(1_480_373_899L, 2_780_971_542L)), payload);
        Ipv4Repr i = new Ipv4Repr(src, dst, IpProtocol.TCP, 64, 0, 0, 4242, true, false, 0, Octets.EMPTY, t.bufferLength());
        EthernetRepr e = new EthernetRepr(MacAddress.parse("02:00:00:00:00:02"), MacAddress.parse("02:00:00:00:00:01"),
                EtherType.IPV4);
        frame = new byte[e.headerLength() + i.bufferLength()];
        for (int k = 0; k < payload; k++) {
            frame[frame.length - payload + k] = (byte) (k * 31 + 7);
        }
        int at = e.emit(frame, 0);
        at += i.emit(frame, at);
        t.emit(frame, at, Checksum.pseudoHeaderV4(src.bits(), dst.bits(), IpProtocol.TCP, t.bufferLength()), frame,
                at + t.headerLength());
        if (parse(true) == 0) {
            throw new IllegalStateException("the benchmark frame does not parse");
        }
    }

    private long parse(boolean checksums) {
        byte[] f = frame;
        if (eth.wrap(f, 0, f.length) != WireError.OK || eth.etherType() != EtherType.IPV4) {
            return 0;
        }
        int l3 = eth.payloadOffset();
        WireError e = checksums ? ip.wrap(f, l3, f.length - l3) : ip.wrapNoChecksum(f, l3, f.length - l3);
        if (e != WireError.OK || ip.protocol() != IpProtocol.TCP || ip.isFragment()) {
            return 0;
        }
        if (tcp.wrap(f, ip.payloadOffset(), ip.payloadLength()) != WireError.OK) {
            return 0;
        }
        if (checksums && !tcp.verifyChecksumV4(ip.src(), ip.dst())) {
            return 0;
        }
        return (long) tcp.seqNumber() + tcp.flags() + tcp.payloadLength();
    }

    @Benchmark
    public long parseAndVerifyChecksums() {
        return parse(true);
    }

    @Benchmark
    public long parseWithoutChecksums() {
        return parse(false);
    }
}
