package dev.weir.skb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.TcpPacket;
import dev.weir.api.wire.WireError;
import dev.weir.testing.Frames;
import java.io.ByteArrayOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GsoTest {
    private final SkbPool pool = new SkbPool("gso-test").trackLeaks(true);

    @AfterEach
    void nothingLeaked() {
        pool.assertNoLeaks();
    }

    private SkBuff gsoSkb(Frames.Tcp t, int mss) {
        SkBuff s = Frames.skb(pool, t.build());
        s.setGso(mss, (t.payload.length + mss - 1) / mss, t.v6 ? SkBuff.GSO_TCPV6 : SkBuff.GSO_TCPV4);
        return s;
    }

    /** Parses a segment as Ethernet + IP + TCP, verifying both checksums; returns the TCP view. */
    private static TcpPacket verify(byte[] f, boolean v6) {
        TcpPacket tcp = new TcpPacket();
        if (v6) {
            Ipv6Packet ip = new Ipv6Packet();
            assertThat(ip.wrap(f, 14, f.length - 14)).isEqualTo(WireError.OK);
            assertThat(ip.payloadLength()).isEqualTo(f.length - 14 - 40);
            assertThat(tcp.wrap(f, 54, ip.payloadLength())).isEqualTo(WireError.OK);
            assertThat(tcp.verifyChecksumV6(ip.srcHi(), ip.srcLo(), ip.dstHi(), ip.dstLo())).as("TCP checksum").isTrue();
        } else {
            Ipv4Packet ip = new Ipv4Packet();
            assertThat(ip.wrap(f, 14, f.length - 14)).as("IPv4 header with checksum").isEqualTo(WireError.OK);
            assertThat(ip.totalLength()).isEqualTo(f.length - 14);
            assertThat(tcp.wrap(f, ip.payloadOffset(), ip.payloadLength())).isEqualTo(WireError.OK);
            assertThat(tcp.verifyChecksumV4(ip.src(), ip.dst())).as("TCP checksum").isTrue();
        }
        return tcp;
    }

    /** The segments' payloads joined, each segment parsed and its checksums verified first. */
    private static byte[] verifiedPayloads(SkbQueue out, boolean v6) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (SkBuff s = out.peekFirst(); s != null; s = out.next(s)) {
            byte[] f = s.toByteArray();
            TcpPacket tcp = verify(f, v6);
            joined.write(f, tcp.payloadOffset(), tcp.payloadLength());
        }
        return joined.toByteArray();
    }

    @Test
    void tcpV4SuperPacketSplitsIntoMssSegmentsThatVerifyAndConcatenateToThePayload() {
        Frames.Tcp t = Frames.tcp4().seq(0x7fff_f000).id(0xfffe).flags(TcpPacket.ACK | TcpPacket.PSH | TcpPacket.FIN | TcpPacket.CWR).payload(10_000);
        SkBuff skb = gsoSkb(t, 1448);
        SkbQueue out = new SkbQueue();

        assertThat(Gso.segment(skb, out)).isEqualTo(7);

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int i = 0;
        for (SkBuff s = out.peekFirst(); s != null; s = out.next(s), i++) {
            byte[] f = s.toByteArray();
            TcpPacket tcp = verify(f, false);
            int expectLen = i < 6 ? 1448 : 10_000 - 6 * 1448;
            assertThat(tcp.payloadLength()).isEqualTo(expectLen);
            assertThat(tcp.seqNumber()).isEqualTo(0x7fff_f000 + i * 1448);
            // RFC 3168 6.1.2: CWR on the first segment only; FIN and PSH belong to the last byte.
            assertThat(tcp.cwr()).isEqualTo(i == 0);
            assertThat(tcp.fin()).isEqualTo(i == 6);
            assertThat(tcp.psh()).isEqualTo(i == 6);
            assertThat(tcp.ack()).isTrue();
            assertThat(Bytes.u16(f, 14 + Ipv4Packet.IDENTIFICATION_OFFSET)).as("IPv4 ID increments, wrapping").isEqualTo((0xfffe + i) & 0xffff);
            assertThat(s.isGso()).isFalse();
            assertThat(s.ipSummed()).isEqualTo(SkBuff.CHECKSUM_NONE);
            assertThat(s.transportHeader() - s.networkHeader()).isEqualTo(20);
            joined.write(f, tcp.payloadOffset(), tcp.payloadLength());
        }
        assertThat(joined.toByteArray()).isEqualTo(t.payload);
        out.purge();
        skb.free();
    }

    @Test
    void tcpV6SuperPacketSplitsWithPayloadLengthFixed() {
        Frames.Tcp t = Frames.tcp6().payload(5000);
        SkBuff skb = gsoSkb(t, 1428);
        SkbQueue out = new SkbQueue();

        assertThat(Gso.segment(skb, out)).isEqualTo(4);

        assertThat(verifiedPayloads(out, true)).isEqualTo(t.payload);
        out.purge();
        skb.free();
    }

    @Test
    void payloadInPageFragmentsIsReferencedNotCopied() {
        Frames.Tcp t = Frames.tcp4();
        byte[] hdr = t.build();
        byte[] payload = Frames.payload(6000, 3);
        // Headers plus 100 payload bytes linear, the rest in two pages.
        Frames.Tcp whole = Frames.tcp4().payload(payload);
        byte[] full = whole.build();
        int hl = hdr.length;
        SkBuff skb = pool.alloc(hl + 100, SkBuff.NET_SKB_PAD);
        skb.putBytes(full, 0, hl + 100);
        SkbData p1 = pool.allocPage();
        System.arraycopy(full, hl + 100, p1.bytes(), 0, 4000);
        skb.addFrag(p1, 0, 4000);
        p1.release();
        SkbData p2 = pool.allocPage();
        System.arraycopy(full, hl + 4100, p2.bytes(), 10, 1900);
        skb.addFrag(p2, 10, 1900);
        p2.release();
        skb.setGso(1448, 5, SkBuff.GSO_TCPV4);
        SkbQueue out = new SkbQueue();

        assertThat(Gso.segment(skb, out)).isEqualTo(5);

        for (SkBuff s = out.peekFirst(); s != null; s = out.next(s)) {
            assertThat(s.headLen()).as("only headers are copied").isEqualTo(hl);
        }
        assertThat(verifiedPayloads(out, false)).isEqualTo(payload);
        skb.free();
        out.purge();
    }

    @Test
    void csumPartialSegmentsCarryThePseudoHeaderSumAndChecksumHelpCompletesThem() {
        Frames.Tcp t = Frames.tcp4().payload(3000);
        SkBuff skb = gsoSkb(t, 1448);
        SkbQueue out = new SkbQueue();
        Gso.segment(skb, out, true);
        for (SkBuff s = out.peekFirst(); s != null; s = out.next(s)) {
            assertThat(s.ipSummed()).isEqualTo(SkBuff.CHECKSUM_PARTIAL);
            int tcpLen = s.len() - 34;
            int field = Bytes.u16(s.buf(), s.csumStart() + s.csumOffset());
            assertThat(field).isEqualTo(Checksum.fold(Checksum.pseudoHeaderV4(Frames.IP_A, Frames.IP_B, IpProtocol.TCP, tcpLen)));
            assertThat(Gso.checksumHelp(s)).isTrue();
            assertThat(s.ipSummed()).isEqualTo(SkBuff.CHECKSUM_NONE);
            verify(s.toByteArray(), false);
        }
        out.purge();
        skb.free();
    }

    @Test
    void checksumHelpOnACloneLeavesTheSharedBytesAlone() {
        byte[] frame = Frames.tcp4().payload(500).build();
        SkBuff skb = Frames.skb(pool, frame);
        int th = skb.data() + 34;
        // Seed the field with the folded pseudo-header sum, as the stack does for CHECKSUM_PARTIAL.
        Bytes.put16(skb.buf(), th + 16, Checksum.fold(Checksum.pseudoHeaderV4(Frames.IP_A, Frames.IP_B, IpProtocol.TCP, frame.length - 34)));
        skb.setCsumPartial(th, 16);
        byte[] seeded = skb.toByteArray();
        SkBuff clone = skb.clone();

        assertThat(Gso.checksumHelp(clone)).isTrue();

        assertThat(clone.toByteArray()).isEqualTo(frame);
        assertThat(skb.toByteArray()).as("the original still holds the seed").isEqualTo(seeded);
        clone.free();
        skb.free();
    }

    @Test
    void bufferThatIsNotATcpGsoPacketFailsAndYieldsNothing() {
        SkbQueue out = new SkbQueue();
        SkBuff notGso = Frames.skb(pool, Frames.tcp4().payload(3000).build());
        assertThat(Gso.segment(notGso, out)).isEqualTo(Gso.FAILED);
        SkBuff udp = Frames.skb(pool, Frames.tcp4().udp().payload(3000).build());
        udp.setGso(1000, 3, SkBuff.GSO_TCPV4);
        assertThat(Gso.segment(udp, out)).isEqualTo(Gso.FAILED);
        assertThat(out.isEmpty()).isTrue();
        notGso.free();
        udp.free();
    }

    @Test
    void checksumOverFragmentsMatchesTheLinearSumAtOddBoundaries() {
        byte[] data = Frames.payload(3001, 9);
        SkBuff skb = pool.alloc(7, 0);
        skb.putBytes(data, 0, 7);
        SkbData pg = pool.allocPage();
        System.arraycopy(data, 7, pg.bytes(), 1, 2994);
        skb.addFrag(pg, 1, 2994);
        pg.release();
        for (int off = 0; off < 12; off++) {
            int len = data.length - off;
            assertThat(Checksum.fold(Gso.checksum(skb, off, len, 0))).isEqualTo(Checksum.fold(Checksum.add(0, data, off, len)));
        }
        skb.free();
    }

    /** Whatever bytes a GSO buffer holds, segmentation fails cleanly or yields segments; it never throws. */
    @Property(tries = 300)
    void randomHeadersNeverThrow(@ForAll @Size(min = 0, max = 200) byte[] junk, @ForAll @IntRange(min = 1, max = 2000) int mss,
            @ForAll @IntRange(min = 0, max = 80) int corruptAt) {
        SkbPool p = new SkbPool("gso-prop");
        byte[] frame = Frames.tcp4().payload(2500).build();
        byte[] b = new byte[frame.length + junk.length];
        System.arraycopy(frame, 0, b, 0, frame.length);
        System.arraycopy(junk, 0, b, frame.length, junk.length);
        for (int i = 0; i < Math.min(junk.length, 8); i++) {
            b[(corruptAt + i) % 80] ^= junk[i];
        }
        SkBuff skb = Frames.skb(p, b);
        skb.setGso(mss, 1, SkBuff.GSO_TCPV4);
        SkbQueue out = new SkbQueue();
        int n = Gso.segment(skb, out);
        assertThat(n == Gso.FAILED ? out.size() == 0 : out.size() == n).isTrue();
        out.purge();
        skb.free();
        p.assertNoLeaks();
    }
}
