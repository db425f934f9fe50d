package dev.weir.napi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.TcpPacket;
import dev.weir.api.wire.WireError;
import dev.weir.pcap.CaptureReader;
import dev.weir.pcap.CapturedPacket;
import dev.weir.skb.SkBuff;
import dev.weir.testing.Frames;
import dev.weir.testing.TestHost;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GRO as Linux's dev_gro_receive / inet_gro_receive / tcp_gro_receive decide. */
class GroTest {
    private static final int MSS = 1448;

    private final TestHost h = new TestHost("h", 1);
    private final Napi napi = h.softnet.newNapi("rx0", 0, Napi.POLL_WEIGHT, (n, b) -> 0);

    GroTest() {
        napi.setGroEnabled(true);
    }

    @AfterEach
    void nothingLeaked() {
        napi.gro().flush();
        h.assertNoLeaks();
    }

    /** Hands a frame to GRO as a NIC driver does: after eth_type_trans, checksum verified by the NIC. */
    private void rx(Frames.Tcp t) {
        rx(t.build(), SkBuff.CHECKSUM_UNNECESSARY);
    }

    private void rx(byte[] frame, int ipSummed) {
        SkBuff s = Frames.skb(h.net.pool(), frame);
        s.resetMacHeader();
        int type = Bytes.u16(frame, 12);
        s.pull(14);
        s.resetNetworkHeader();
        s.setProtocol(type);
        s.setIfindex(2);
        s.setIpSummed(ipSummed);
        napi.receive(s);
    }

    private static Frames.Tcp seg(int i) {
        return Frames.tcp4().seq(1000 + i * MSS).id(10 + i).payload(Frames.payload(MSS, i));
    }

    private static Frames.Tcp seg6(int i) {
        return Frames.tcp6().seq(1000 + i * MSS).payload(Frames.payload(MSS, i));
    }

    /** The payload the receiver got in packet {@code i}, by parsing its IPv4 and TCP headers. */
    private byte[] tcpPayload(int i) {
        byte[] b = h.received.get(i).bytes();
        Ipv4Packet ip = new Ipv4Packet();
        assertThat(ip.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        TcpPacket tcp = new TcpPacket();
        assertThat(tcp.wrap(b, ip.payloadOffset(), ip.payloadLength())).isEqualTo(WireError.OK);
        byte[] p = new byte[tcp.payloadLength()];
        System.arraycopy(b, tcp.payloadOffset(), p, 0, p.length);
        return p;
    }

    private int tcpFlags(int i) {
        byte[] b = h.received.get(i).bytes();
        int off = (b[0] & 0x0f) * 4;
        return Bytes.u16(b, off + TcpPacket.DATA_OFFSET_FLAGS_OFFSET) & TcpPacket.FLAGS_MASK;
    }

    @Test
    void aTrainOfInOrderSegmentsBecomesOneSkbWithFixedHeaders() {
        for (int i = 0; i < 10; i++) {
            rx(seg(i));
        }
        assertThat(h.received).as("held until the end of the poll").isEmpty();
        napi.gro().flush();

        assertThat(h.received).hasSize(1);
        TestHost.Received r = h.received.get(0);
        byte[] b = r.bytes();
        assertThat(b.length).isEqualTo(20 + 32 + 10 * MSS);
        Ipv4Packet ip = new Ipv4Packet();
        assertThat(ip.wrap(b, 0, b.length)).as("total length and header checksum fixed").isEqualTo(WireError.OK);
        assertThat(ip.totalLength()).isEqualTo(b.length);
        assertThat(ip.identification()).as("the first segment's header").isEqualTo(10);
        // tcp4_gro_complete leaves the pseudo-header sum in the checksum field.
        int tcpLen = b.length - 20;
        assertThat(Bytes.u16(b, 20 + TcpPacket.CHECKSUM_OFFSET))
                .isEqualTo(Checksum.fold(Checksum.pseudoHeaderV4(Frames.IP_A, Frames.IP_B, IpProtocol.TCP, tcpLen)));
        assertThat(r.gsoSize()).isEqualTo(MSS);
        assertThat(r.gsoSegs()).isEqualTo(10);
        assertThat(r.gsoType()).isEqualTo(SkBuff.GSO_TCPV4);
        assertThat(r.ipSummed()).isEqualTo(SkBuff.CHECKSUM_UNNECESSARY);
        assertThat(r.nrFrags()).as("later payloads attached as fragments, not copied").isEqualTo(9);
        assertThat(r.macToData()).isEqualTo(14);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < 10; i++) {
            all.writeBytes(Frames.payload(MSS, i));
        }
        assertThat(tcpPayload(0)).isEqualTo(all.toByteArray());
        assertThat(napi.gro().merged()).isEqualTo(9);
        assertThat(napi.gro().aggregated()).isEqualTo(1);
    }

    @Test
    void ipv6TrainMergesWithPayloadLengthFixed() {
        for (int i = 0; i < 4; i++) {
            rx(seg6(i));
        }
        napi.gro().flush();
        assertThat(h.received).hasSize(1);
        byte[] b = h.received.get(0).bytes();
        Ipv6Packet ip = new Ipv6Packet();
        assertThat(ip.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        assertThat(ip.payloadLength()).isEqualTo(32 + 4 * MSS);
        assertThat(h.received.get(0).gsoType()).isEqualTo(SkBuff.GSO_TCPV6);
        assertThat(h.received.get(0).gsoSegs()).isEqualTo(4);
    }

    @Test
    void pshEndsTheMergeAndIsCarriedOnTheMergedHeader() {
        rx(seg(0));
        rx(seg(1));
        rx(seg(2).flags(TcpPacket.ACK | TcpPacket.PSH));
        assertThat(h.received).as("flushed at once, not at the end of the poll").hasSize(1);
        assertThat(h.received.get(0).gsoSegs()).isEqualTo(3);
        assertThat(tcpFlags(0)).isEqualTo(TcpPacket.ACK | TcpPacket.PSH);
    }

    @Test
    void finMergesAndFlushes() {
        rx(seg(0));
        rx(seg(1).flags(TcpPacket.ACK | TcpPacket.FIN));
        assertThat(h.received).hasSize(1);
        assertThat(tcpFlags(0)).isEqualTo(TcpPacket.ACK | TcpPacket.FIN);
    }

    @Test
    void aSegmentShorterThanTheMssIsMergedAndEndsTheTrain() {
        rx(seg(0));
        rx(seg(1));
        rx(Frames.tcp4().seq(1000 + 2 * MSS).id(12).payload(500));
        rx(Frames.tcp4().seq(1000 + 2 * MSS + 500).id(13).payload(MSS));
        napi.gro().flush();
        assertThat(h.received).hasSize(2);
        assertThat(h.received.get(0).bytes().length).isEqualTo(52 + 2 * MSS + 500);
        assertThat(h.received.get(1).gsoSegs()).as("a single segment goes up as it came").isZero();
    }

    @Test
    void aSegmentLongerThanTheFirstFlushesTheFlow() {
        rx(Frames.tcp4().seq(1000).id(1).payload(1000));
        rx(Frames.tcp4().seq(2000).id(2).payload(1400));
        napi.gro().flush();
        assertThat(h.received).hasSize(2);
    }

    @Test
    void aSequenceGapFlushesTheHeldPacketAndStartsANewOne() {
        rx(seg(0));
        rx(seg(1));
        rx(seg(3));
        assertThat(h.received).hasSize(1);
        assertThat(h.received.get(0).gsoSegs()).isEqualTo(2);
        rx(seg(4));
        napi.gro().flush();
        assertThat(h.received).hasSize(2);
        assertThat(h.received.get(1).gsoSegs()).isEqualTo(2);
    }

    @Test
    void differentTimestampOptionsAreNotMerged() {
        rx(seg(0));
        rx(seg(1).options(Frames.tsOption(101, 200)));
        napi.gro().flush();
        assertThat(h.received).hasSize(2);
        assertThat(napi.gro().merged()).isZero();
    }

    @Test
    void flagWindowAckTtlTosAndDfDifferencesAreNotMerged() {
        record Case(String what, Frames.Tcp second) {}
        List<Case> cases = List.of(
                new Case("CWR", seg(1).flags(TcpPacket.ACK | TcpPacket.CWR)),
                new Case("ECE", seg(1).flags(TcpPacket.ACK | TcpPacket.ECE)),
                new Case("URG", seg(1).flags(TcpPacket.ACK | TcpPacket.URG)),
                new Case("window", windowed(seg(1), 503)),
                new Case("ack", seg(1).ack(5001)),
                new Case("ttl", ttl(seg(1), 63)),
                new Case("tos", tos(seg(1), 4)),
                new Case("DF", df(seg(1), false)));
        for (Case c : cases) {
            h.received.clear();
            long before = napi.gro().merged();
            rx(seg(0));
            rx(c.second());
            napi.gro().flush();
            assertThat(napi.gro().merged()).as(c.what()).isEqualTo(before);
            assertThat(h.received).as(c.what()).hasSize(2);
        }
    }

    private static Frames.Tcp windowed(Frames.Tcp t, int w) {
        t.window = w;
        return t;
    }

    private static Frames.Tcp ttl(Frames.Tcp t, int v) {
        t.ttl = v;
        return t;
    }

    private static Frames.Tcp tos(Frames.Tcp t, int v) {
        t.tos = v;
        return t;
    }

    private static Frames.Tcp df(Frames.Tcp t, boolean v) {
        t.df = v;
        return t;
    }

    @Test
    void ipIdMustIncrementUnlessDfKeepsItFixed() {
        // Without DF the ID must be the first's plus the segments held.
        rx(df(seg(0), false));
        rx(df(seg(1), false).id(99));
        napi.gro().flush();
        assertThat(h.received).hasSize(2);
        h.received.clear();
        // With DF a fixed ID merges (Linux's "atomic" datagrams)...
        rx(seg(0).id(7));
        rx(seg(1).id(7));
        rx(seg(2).id(7));
        // ... and so does an incrementing one.
        rx(seg(3).id(20));
        rx(seg(4).id(21));
        rx(seg(5).id(22));
        napi.gro().flush();
        assertThat(h.received).hasSize(2);
        assertThat(h.received.get(0).gsoSegs()).isEqualTo(3);
        assertThat(h.received.get(1).gsoSegs()).isEqualTo(3);
    }

    @Test
    void aPureAckFlushesItsFlowAndPassesAfterIt() {
        rx(seg(0));
        rx(seg(1));
        rx(Frames.tcp4().seq(1000 + 2 * MSS).id(12));
        assertThat(h.received).hasSize(2);
        assertThat(h.received.get(0).gsoSegs()).isEqualTo(2);
        assertThat(h.received.get(1).bytes().length).isEqualTo(52);
    }

    @Test
    void seventeenFragmentsAtMost() {
        for (int i = 0; i < 20; i++) {
            rx(seg(i));
        }
        napi.gro().flush();
        assertThat(h.received).hasSize(2);
        assertThat(h.received.get(0).gsoSegs()).isEqualTo(18);
        assertThat(h.received.get(0).nrFrags()).isEqualTo(17);
        assertThat(h.received.get(1).gsoSegs()).isEqualTo(2);
    }

    @Test
    void mergedPacketsStayBelow64KiB() {
        int mss = 9000;
        for (int i = 0; i < 8; i++) {
            rx(Frames.tcp4().seq(1000 + i * mss).id(10 + i).payload(mss));
        }
        napi.gro().flush();
        // 7 * 9000 + 52 fits; an eighth would reach 72052 >= 65536.
        assertThat(h.received).hasSize(2);
        assertThat(h.received.get(0).gsoSegs()).isEqualTo(7);
        assertThat(h.received.get(0).bytes().length).isLessThan(Gro.MAX_SIZE);
    }

    @Test
    void ipOptionsFragmentsAndOtherProtocolsPassStraightThrough() {
        Frames.Tcp withOptions = seg(0);
        withOptions.ipOptions = new byte[] {1, 1, 1, 0};
        rx(withOptions);
        rx(Frames.tcp4().udp().payload(300));
        assertThat(h.received).hasSize(2);
        Frames.Tcp frag = seg(1);
        frag.df = false;
        byte[] f = frag.build();
        Bytes.put16(f, 14 + 6, Ipv4Packet.FLAG_MF);
        Bytes.put16(f, 14 + 10, 0);
        Bytes.put16(f, 14 + 10, Checksum.internet(f, 14, 20));
        rx(f, SkBuff.CHECKSUM_NONE);
        assertThat(h.received).hasSize(3);
        assertThat(napi.gro().heldCount()).isZero();
    }

    @Test
    void nonTcpPassesWhileTcpIsHeld() {
        rx(seg(0));
        rx(Frames.tcp4().udp().payload(100));
        assertThat(h.received).hasSize(1);
        assertThat(h.received.get(0).bytes()[9]).isEqualTo((byte) IpProtocol.UDP);
        assertThat(napi.gro().heldCount()).isEqualTo(1);
    }

    @Test
    void checksumIsVerifiedInSoftwareWhenTheNicDidNotAndChargedPerByte() {
        h.net.takePendingCost();
        rx(seg(0).build(), SkBuff.CHECKSUM_NONE);
        long cost = h.net.takePendingCost();
        assertThat(cost).isEqualTo(h.net.costs().gro + Math.round(h.net.costs().csumPerByte * (32 + MSS)));
        assertThat(napi.gro().softwareChecksums()).isEqualTo(1);
        byte[] bad = seg(1).build();
        bad[bad.length - 1] ^= 1;
        rx(bad, SkBuff.CHECKSUM_NONE);
        assertThat(napi.gro().badChecksums()).isEqualTo(1);
        napi.gro().flush();
        // The bad one passes up unmerged (TCP will drop it), with its checksum state untouched.
        assertThat(h.received).hasSize(2);
        assertThat(h.received.get(0).ipSummed()).isEqualTo(SkBuff.CHECKSUM_NONE);
        assertThat(h.received.get(1).ipSummed()).isEqualTo(SkBuff.CHECKSUM_UNNECESSARY);
    }

    /** Without a NIC hash every flow falls in bucket 0: eight held, the ninth flushes the oldest. */
    @Test
    void atMostEightFlowsPerBucketAreHeldAndTheOldestGoesFirst() {
        for (int f = 0; f < 9; f++) {
            rx(seg(0).ports(30000 + f, 80));
        }
        assertThat(h.received).hasSize(1);
        assertThat(Bytes.u16(h.received.get(0).bytes(), 20)).isEqualTo(30000);
        assertThat(napi.gro().heldCount()).isEqualTo(8);
    }

    @Test
    void flowsInOtherBucketsDoNotCount() {
        for (int f = 0; f < 64; f++) {
            SkBuff s = Frames.skb(h.net.pool(), seg(0).ports(30000 + f, 80).build());
            s.resetMacHeader();
            s.pull(14);
            s.resetNetworkHeader();
            s.setProtocol(EtherType.IPV4);
            s.setHash(f, true);
            s.setIpSummed(SkBuff.CHECKSUM_UNNECESSARY);
            napi.receive(s);
        }
        assertThat(h.received).isEmpty();
        assertThat(napi.gro().heldCount()).isEqualTo(Gro.BUCKETS * Gro.MAX_HELD);
    }

    @Test
    void distinctFlowsAreMergedSeparately() {
        for (int i = 0; i < 3; i++) {
            rx(seg(i));
            rx(seg(i).ports(40001, 5001));
            rx(seg6(i));
        }
        napi.gro().flush();
        assertThat(h.received).hasSize(3);
        assertThat(h.received).allMatch(r -> r.gsoSegs() == 3);
    }

    @Test
    void ipv6FlowLabelSeparatesFlowsAndHopLimitFlushes() {
        Frames.Tcp a = seg6(0);
        Frames.Tcp b = seg6(1);
        b.flowLabel = 7;
        rx(a);
        rx(b);
        assertThat(napi.gro().heldCount()).as("another flow").isEqualTo(2);
        napi.gro().flush();
        h.received.clear();
        Frames.Tcp c = seg6(1);
        c.ttl = 1;
        rx(seg6(0));
        rx(c);
        napi.gro().flush();
        assertThat(h.received).hasSize(2);
    }

    /**
     * Golden: an HTTP exchange captured from Linux (offloads off, real checksums). No two
     * segments of it may merge (PSH, pure ACKs, changing timestamps), so GRO hands up every
     * packet byte for byte, having verified each checksum in software.
     */
    @Test
    void aRealHttpExchangePassesUnchanged() throws Exception {
        List<CapturedPacket> pkts = CaptureReader.readAll(Path.of("src/test/resources/captures/ipv4-http.pcap"));
        assertThat(pkts).hasSize(13);
        for (CapturedPacket p : pkts) {
            rx(p.data(), SkBuff.CHECKSUM_NONE);
        }
        napi.gro().flush();
        assertThat(h.received).hasSize(13);
        for (int i = 0; i < 13; i++) {
            byte[] frame = pkts.get(i).data();
            byte[] ip = java.util.Arrays.copyOfRange(frame, 14, frame.length);
            assertThat(h.received.get(i).bytes()).as("packet %d", i + 1).isEqualTo(ip);
            assertThat(h.received.get(i).ipSummed()).isEqualTo(SkBuff.CHECKSUM_UNNECESSARY);
        }
        assertThat(napi.gro().merged()).isZero();
        assertThat(napi.gro().softwareChecksums()).isEqualTo(13);
        assertThat(napi.gro().badChecksums()).isZero();
    }

    @Test
    void turningGroOffFlushes() {
        rx(seg(0));
        napi.setGroEnabled(false);
        assertThat(h.received).hasSize(1);
        rx(seg(1));
        assertThat(h.received).hasSize(2);
        assertThat(h.received.get(0).protocol()).isEqualTo(EtherType.IPV4);
    }
}
