package dev.weir.pcap;

import static dev.weir.pcap.CaptureFixturesTest.TSV_FIELDS;
import static dev.weir.pcap.CaptureFixturesTest.base;
import static dev.weir.pcap.CaptureFixturesTest.dir;
import static dev.weir.pcap.CaptureFixturesTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.ArpPacket;
import dev.weir.api.wire.ArpRepr;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.EthernetFrame;
import dev.weir.api.wire.EthernetRepr;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.Icmpv4Repr;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.Icmpv6Repr;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv4Repr;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.Ipv6ExtHeader;
import dev.weir.api.wire.Ipv6ExtHeaders;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.Ipv6Repr;
import dev.weir.api.wire.MacAddress;
import dev.weir.api.wire.TcpPacket;
import dev.weir.api.wire.TcpRepr;
import dev.weir.api.wire.UdpPacket;
import dev.weir.api.wire.UdpRepr;
import dev.weir.api.wire.WireError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every frame of the golden captures through Weir's wire views, layer by layer: each view
 * wraps OK (IPv4, TCP, UDP and ICMP checksums verified, the IPv6 extension chain walked), the
 * records parsed from the views emit the frame again byte for byte (checksums computed by the
 * emitters), and what the views report is what tshark reported in {@code X.tshark.tsv}.
 *
 * <p>Fragments: a later fragment's payload is not a header and is copied as is; a first
 * fragment's transport header is parsed and emitted, but its checksum covers the whole
 * datagram, so the emitted checksum field is the original's, and
 * {@link #reassembledDatagramsVerifyAndReEmit} checks it on the datagram put back together.
 * Linux cooked headers (capture metadata, no Weir view) are copied as is.
 */
class FixtureLayersTest {
    static List<String> fixtures() {
        return CaptureFixturesTest.fixtures();
    }

    /** What the views made of one frame: tshark's columns, and the frame emitted again from the records. */
    private static final class Decoded {
        final Map<String, String> columns = new LinkedHashMap<>();
        final byte[] original;
        final byte[] emitted;

        Decoded(CapturedPacket p, int number) {
            original = p.data();
            emitted = new byte[original.length];
            for (String f : TSV_FIELDS) {
                columns.put(f, "");
            }
            columns.put("frame.number", String.valueOf(number));
            columns.put("frame.len", String.valueOf(p.originalLength()));
        }

        String tsvLine() {
            return String.join("\t", columns.values());
        }

        /** Copies bytes no record describes (payloads, padding, cooked headers). */
        void copy(int off, int len) {
            System.arraycopy(original, off, emitted, off, len);
        }
    }

    private static Decoded decode(CapturedPacket p, int number) {
        Decoded d = new Decoded(p, number);
        byte[] b = p.data();
        int off;
        int type;
        switch (p.linkType()) {
            case LinkType.ETHERNET -> {
                EthernetFrame eth = new EthernetFrame();
                assertThat(eth.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
                off = EthernetRepr.parse(eth).emit(d.emitted, 0);
                d.columns.put("eth.src", MacAddress.read(b, EthernetFrame.SRC_OFFSET).toString());
                d.columns.put("eth.dst", MacAddress.read(b, EthernetFrame.DST_OFFSET).toString());
                type = eth.etherType();
            }
            case LinkType.LINUX_SLL -> {
                off = 16;
                d.copy(0, off);
                type = Bytes.u16(b, 14);
            }
            case LinkType.RAW -> {
                off = 0;
                type = (b[0] & 0xf0) == 0x60 ? EtherType.IPV6 : EtherType.IPV4;
            }
            default -> throw new AssertionError("no fixture has link type " + p.linkType());
        }
        int end = switch (type) {
            case EtherType.ARP -> {
                ArpPacket arp = new ArpPacket();
                assertThat(arp.wrap(b, off, b.length - off)).isEqualTo(WireError.OK);
                yield off + ArpRepr.parse(arp).emit(d.emitted, off);
            }
            case EtherType.IPV4 -> ipv4(d, off);
            case EtherType.IPV6 -> ipv6(d, off);
            default -> throw new AssertionError("frame " + number + ": EtherType 0x" + Integer.toHexString(type));
        };
        d.copy(end, b.length - end);
        return d;
    }

    private static int ipv4(Decoded d, int off) {
        byte[] b = d.original;
        Ipv4Packet ip = new Ipv4Packet();
        assertThat(ip.wrap(b, off, b.length - off)).isEqualTo(WireError.OK);
        Ipv4Repr.parse(ip).emit(d.emitted, off);
        d.columns.put("ip.src", Ipv4Address.toString(ip.src()));
        d.columns.put("ip.dst", Ipv4Address.toString(ip.dst()));
        d.columns.put("ip.len", String.valueOf(ip.totalLength()));
        int at = ip.payloadOffset();
        int len = ip.payloadLength();
        if (ip.fragmentOffset() != 0) {
            d.copy(at, len);
        } else {
            long pseudo = Checksum.pseudoHeaderV4(ip.src(), ip.dst(), ip.protocol(), len);
            transport(d, ip.protocol(), at, len, pseudo, ip.moreFragments(), null, null);
        }
        return at + len;
    }

    private static int ipv6(Decoded d, int off) {
        byte[] b = d.original;
        Ipv6Packet ip = new Ipv6Packet();
        assertThat(ip.wrap(b, off, b.length - off)).isEqualTo(WireError.OK);
        Ipv6Repr.parse(ip).emit(d.emitted, off);
        d.columns.put("ipv6.src", Ipv6Address.toString(ip.srcHi(), ip.srcLo()));
        d.columns.put("ipv6.dst", Ipv6Address.toString(ip.dstHi(), ip.dstLo()));
        d.columns.put("ipv6.plen", String.valueOf(ip.payloadLength()));
        Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
        assertThat(ext.walk(ip)).isEqualTo(WireError.OK);
        int at = ip.payloadOffset();
        for (Ipv6ExtHeader h : ext.headers()) {
            at += h.emit(d.emitted, at);
        }
        assertThat(at).isEqualTo(ext.upperLayerOffset());
        int len = ext.upperLayerLength();
        if (ext.fragmentOffset() != 0) {
            d.copy(at, len);
        } else {
            Ipv6Address src = new Ipv6Address(ip.srcHi(), ip.srcLo());
            Ipv6Address dst = new Ipv6Address(ip.dstHi(), ip.dstLo());
            long pseudo = Checksum.pseudoHeaderV6(src.hi(), src.lo(), dst.hi(), dst.lo(), ext.upperLayerProtocol(), len);
            transport(d, ext.upperLayerProtocol(), at, len, pseudo, ext.isFragment(), src, dst);
        }
        return ip.offset() + ip.totalLength();
    }

    /**
     * Parses and emits the transport header at {@code off}. In a first fragment the checksum
     * cannot be verified or recomputed from the fragment alone; the original field is kept.
     */
    private static void transport(Decoded d, int protocol, int off, int len, long pseudo, boolean firstFragment,
            Ipv6Address src6, Ipv6Address dst6) {
        byte[] b = d.original;
        int checksumAt;
        switch (protocol) {
            case IpProtocol.TCP -> {
                TcpPacket t = new TcpPacket();
                assertThat(t.wrap(b, off, len)).isEqualTo(WireError.OK);
                assertThat(firstFragment || t.verifyChecksum(pseudo)).as("TCP checksum").isTrue();
                TcpRepr r = TcpRepr.parse(t);
                r.emit(d.emitted, off, pseudo, b, off + r.headerLength());
                d.copy(off + r.headerLength(), r.payloadLength());
                d.columns.put("tcp.srcport", String.valueOf(t.srcPort()));
                d.columns.put("tcp.dstport", String.valueOf(t.dstPort()));
                d.columns.put("tcp.flags", String.format("0x%04x", t.flags()));
                d.columns.put("tcp.seq_raw", Integer.toUnsignedString(t.seqNumber()));
                d.columns.put("tcp.ack_raw", Integer.toUnsignedString(t.ackNumber()));
                checksumAt = off + TcpPacket.CHECKSUM_OFFSET;
            }
            case IpProtocol.UDP -> {
                UdpPacket u = new UdpPacket();
                assertThat(u.wrap(b, off, len)).isEqualTo(WireError.OK);
                assertThat(firstFragment || (src6 == null ? verifiesV4(u, pseudo) : u.verifyChecksumV6(src6.hi(), src6.lo(),
                        dst6.hi(), dst6.lo()))).as("UDP checksum").isTrue();
                UdpRepr r = UdpRepr.parse(u);
                r.emit(d.emitted, off, pseudo, b, off + UdpPacket.HEADER_LEN);
                d.copy(u.payloadOffset(), u.payloadLength());
                d.columns.put("udp.srcport", String.valueOf(u.srcPort()));
                d.columns.put("udp.dstport", String.valueOf(u.dstPort()));
                checksumAt = off + UdpPacket.CHECKSUM_OFFSET;
            }
            case IpProtocol.ICMP -> {
                Icmpv4Packet i = new Icmpv4Packet();
                assertThat(firstFragment ? i.wrapNoChecksum(b, off, len) : i.wrap(b, off, len)).isEqualTo(WireError.OK);
                Icmpv4Repr.parse(i).emit(d.emitted, off);
                checksumAt = off + Icmpv4Packet.CHECKSUM_OFFSET;
            }
            case IpProtocol.ICMPV6 -> {
                Icmpv6Packet i = new Icmpv6Packet();
                assertThat(firstFragment ? i.wrapNoChecksum(b, off, len)
                        : i.wrap(b, off, len, src6.hi(), src6.lo(), dst6.hi(), dst6.lo())).isEqualTo(WireError.OK);
                Icmpv6Repr.parse(i).emit(d.emitted, off, src6, dst6);
                checksumAt = off + Icmpv6Packet.CHECKSUM_OFFSET;
            }
            default -> throw new AssertionError("no fixture carries IP protocol " + protocol);
        }
        if (firstFragment) {
            d.copy(checksumAt, 2);
        }
    }

    /** UDP over IPv4 from a pseudo-header sum (the view's own verify takes addresses). */
    private static boolean verifiesV4(UdpPacket u, long pseudo) {
        return u.checksum() == 0 || Checksum.fold(Checksum.add(pseudo, u.buffer(), u.offset(), u.length())) == 0xffff;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyFrameParsesAndReEmitsByteForByte(String fixture) throws IOException {
        List<CapturedPacket> packets = CaptureReader.readAll(dir().resolve(fixture));
        for (int i = 0; i < packets.size(); i++) {
            Decoded d = decode(packets.get(i), i + 1);
            assertThat(d.emitted).as("%s frame %d re-emitted from its records", fixture, i + 1).isEqualTo(d.original);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void viewsReportWhatTsharkReported(String fixture) throws IOException {
        List<CapturedPacket> packets = CaptureReader.readAll(dir().resolve(fixture));
        List<String> tsv = lines(base(fixture) + ".tshark.tsv");
        assertThat(packets).hasSameSizeAs(tsv);
        for (int i = 0; i < packets.size(); i++) {
            assertThat(decode(packets.get(i), i + 1).tsvLine()).as("%s frame %d: %s", fixture, i + 1, String.join(" ", TSV_FIELDS))
                    .isEqualTo(tsv.get(i));
        }
    }

    /**
     * The fragments of each datagram put back together by offset (RFC 791 section 3.2, RFC 8200
     * section 4.5): contiguous, the last without more-fragments, and the whole ICMP message then
     * verifies its checksum and re-emits byte for byte.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ipv4-frag-ping.pcap", "ipv6-frag-ping.pcap"})
    void reassembledDatagramsVerifyAndReEmit(String fixture) throws IOException {
        Map<String, TreeMap<Integer, byte[]>> pieces = new LinkedHashMap<>();
        Map<String, long[]> addresses = new LinkedHashMap<>();
        Map<String, Boolean> lastSeen = new LinkedHashMap<>();
        for (CapturedPacket p : CaptureReader.readAll(dir().resolve(fixture))) {
            byte[] b = p.data();
            int ipOff = EthernetFrame.HEADER_LEN;
            String key;
            int fragOffset;
            boolean more;
            int at;
            int end;
            if (fixture.startsWith("ipv4")) {
                Ipv4Packet ip = new Ipv4Packet();
                assertThat(ip.wrap(b, ipOff, b.length - ipOff)).isEqualTo(WireError.OK);
                key = ip.src() + ">" + ip.dst() + "#" + ip.identification();
                fragOffset = ip.fragmentOffsetBytes();
                more = ip.moreFragments();
                at = ip.payloadOffset();
                end = at + ip.payloadLength();
                addresses.put(key, new long[] {ip.src(), ip.dst()});
            } else {
                Ipv6Packet ip = new Ipv6Packet();
                Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
                assertThat(ip.wrap(b, ipOff, b.length - ipOff)).isEqualTo(WireError.OK);
                assertThat(ext.walk(ip)).isEqualTo(WireError.OK);
                assertThat(ext.isFragment()).isTrue();
                key = Ipv6Address.toString(ip.srcHi(), ip.srcLo()) + ">" + Ipv6Address.toString(ip.dstHi(), ip.dstLo())
                        + "#" + ext.fragmentIdentification();
                fragOffset = ext.fragmentOffsetBytes();
                more = ext.moreFragments();
                at = ext.upperLayerOffset();
                end = ip.offset() + ip.totalLength();
                addresses.put(key, new long[] {ip.srcHi(), ip.srcLo(), ip.dstHi(), ip.dstLo()});
            }
            pieces.computeIfAbsent(key, k -> new TreeMap<>()).put(fragOffset, java.util.Arrays.copyOfRange(b, at, end));
            if (!more) {
                lastSeen.put(key, true);
            }
        }
        assertThat(pieces).hasSize(4);
        List<byte[]> datagrams = new ArrayList<>();
        for (var e : pieces.entrySet()) {
            assertThat(lastSeen).containsEntry(e.getKey(), true);
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            for (var piece : e.getValue().entrySet()) {
                assertThat(piece.getKey()).as("fragment offset of %s", e.getKey()).isEqualTo(whole.size());
                whole.writeBytes(piece.getValue());
            }
            byte[] msg = whole.toByteArray();
            datagrams.add(msg);
            byte[] emitted = new byte[msg.length];
            long[] a = addresses.get(e.getKey());
            if (fixture.startsWith("ipv4")) {
                Icmpv4Packet icmp = new Icmpv4Packet();
                assertThat(icmp.wrap(msg, 0, msg.length)).isEqualTo(WireError.OK);
                Icmpv4Repr.parse(icmp).emit(emitted, 0);
            } else {
                Icmpv6Packet icmp = new Icmpv6Packet();
                assertThat(icmp.wrap(msg, 0, msg.length, a[0], a[1], a[2], a[3])).isEqualTo(WireError.OK);
                Icmpv6Repr.parse(icmp).emit(emitted, 0, new Ipv6Address(a[0], a[1]), new Ipv6Address(a[2], a[3]));
            }
            assertThat(emitted).isEqualTo(msg);
        }
        // ping -s 4000: 8 bytes of ICMP header and 4000 of data in each.
        assertThat(datagrams).allSatisfy(m -> assertThat(m).hasSize(4008));
    }
}
