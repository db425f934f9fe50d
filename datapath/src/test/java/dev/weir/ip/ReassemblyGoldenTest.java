package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.WireError;
import dev.weir.core.Mib;
import dev.weir.skb.SkBuff;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Linux's own fragments ({@code ping -s 4000} over MTU 1500, captures/ipv4-frag-ping.pcap and
 * ipv6-frag-ping.pcap) reassemble to the echo Linux sent, and fragmenting that echo again cuts it
 * where Linux cut it, byte for byte.
 */
class ReassemblyGoldenTest {
    private final FragTestHost h = new FragTestHost();

    @AfterEach
    void nothingLeaks() {
        h.net.pool().assertNoLeaks();
    }

    private static byte[] frame4(int n) {
        return LinuxPackets.l3("/captures/ipv4-frag-ping.pcap", n);
    }

    private static byte[] frame6(int n) {
        return LinuxPackets.l3("/captures/ipv6-frag-ping.pcap", n);
    }

    @Test
    void linuxIpv4FragmentsReassembleToTheEchoRequestAndRefragmentIdentically() {
        SkBuff datagram = null;
        for (int n = 1; n <= 3; n++) {
            SkBuff out = h.reasm4.defrag(h.v4(frame4(n)), Ipv4Reassembly.USER_LOCAL_DELIVER, 0);
            if (n < 3) {
                assertThat(out).as("fragment %d alone completes nothing", n).isNull();
            } else {
                datagram = out;
            }
        }
        assertThat(datagram).isNotNull();
        byte[] d = datagram.toByteArray();
        assertThat(d).hasSize(4028);
        Ipv4Packet ip = new Ipv4Packet();
        assertThat(ip.wrap(d, 0, d.length)).isEqualTo(WireError.OK);
        assertThat(ip.isFragment()).isFalse();
        assertThat(ip.identification()).isEqualTo(62960);
        assertThat(ip.dontFragment()).as("no fragment had DF").isFalse();
        Icmpv4Packet icmp = new Icmpv4Packet();
        assertThat(icmp.wrap(d, ip.payloadOffset(), ip.payloadLength())).as("ICMP checksum over 4008 bytes").isEqualTo(WireError.OK);
        assertThat(icmp.type()).isEqualTo(Icmpv4Packet.ECHO_REQUEST);
        assertThat(icmp.echoIdentifier()).isEqualTo(10953);
        assertThat(icmp.echoSequence()).isEqualTo(1);
        // The data is the three fragments' data in order.
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int n = 1; n <= 3; n++) {
            byte[] f = frame4(n);
            expected.write(f, 20, Bytes.u16(f, 2) - 20);
        }
        assertThat(java.util.Arrays.copyOfRange(d, 20, d.length)).isEqualTo(expected.toByteArray());
        assertThat(h.net.counters().get(Mib.IpReasmReqds)).isEqualTo(3);
        assertThat(h.net.counters().get(Mib.IpReasmOKs)).isEqualTo(1);
        assertThat(h.reasm4.queueCount()).isZero();
        assertThat(h.reasm4.memory()).isZero();

        List<SkBuff> frags = new ArrayList<>();
        assertThat(h.frag4.fragment(datagram, 1500, frags::add)).isTrue();
        assertThat(frags).hasSize(3);
        for (int n = 1; n <= 3; n++) {
            assertThat(frags.get(n - 1).toByteArray()).as("fragment %d as Linux sent it", n).isEqualTo(frame4(n));
            frags.get(n - 1).consume();
        }
        assertThat(h.net.counters().get(Mib.IpFragCreates)).isEqualTo(3);
        assertThat(h.net.counters().get(Mib.IpFragOKs)).isEqualTo(1);
    }

    @Test
    void linuxIpv4ReplyFragmentsReassembleInAnyOrder() {
        int[] order = {6, 4, 5};
        SkBuff datagram = null;
        for (int n : order) {
            datagram = h.reasm4.defrag(h.v4(frame4(n)), Ipv4Reassembly.USER_LOCAL_DELIVER, 0);
        }
        assertThat(datagram).isNotNull();
        byte[] d = datagram.toByteArray();
        Icmpv4Packet icmp = new Icmpv4Packet();
        assertThat(icmp.wrap(d, 20, d.length - 20)).isEqualTo(WireError.OK);
        assertThat(icmp.type()).isEqualTo(Icmpv4Packet.ECHO_REPLY);
        assertThat(datagram.ingressIfindex()).as("the buffer of the fragment that completed it").isEqualTo(2);
        assertThat(IpCb.hasFlag(datagram, IpCb.FRAGMENTED)).isTrue();
        assertThat(IpCb.fragMaxSize(datagram)).isEqualTo(1500);
        datagram.consume();
    }

    @Test
    void linuxIpv6FragmentsReassembleToTheEchoRequestAndRefragmentIdentically() {
        SkBuff packet = null;
        for (int n = 1; n <= 3; n++) {
            packet = h.defrag6(h.v6(frame6(n)));
        }
        assertThat(packet).isNotNull();
        byte[] p = packet.toByteArray();
        assertThat(p).hasSize(40 + 4008);
        Ipv6Packet ip = new Ipv6Packet();
        assertThat(ip.wrap(p, 0, p.length)).isEqualTo(WireError.OK);
        assertThat(ip.payloadLength()).isEqualTo(4008);
        assertThat(ip.nextHeader()).as("the Fragment header's Next Header").isEqualTo(IpProtocol.ICMPV6);
        Icmpv6Packet icmp = new Icmpv6Packet();
        assertThat(icmp.wrap(p, 40, 4008, ip.srcHi(), ip.srcLo(), ip.dstHi(), ip.dstLo())).isEqualTo(WireError.OK);
        assertThat(icmp.type()).isEqualTo(Icmpv6Packet.ECHO_REQUEST);
        assertThat(Bytes.u16(p, 44)).isEqualTo(10964);
        assertThat(IpCb.nhoff(packet)).isEqualTo(Ipv6Packet.NEXT_HEADER_OFFSET);
        assertThat(h.net.counters().get(Mib.Ip6ReasmOKs)).isEqualTo(1);

        int id = Bytes.i32(frame6(1), 44);
        List<SkBuff> frags = new ArrayList<>();
        assertThat(h.frag6.fragment(packet, 1500, id, frags::add)).isEqualTo(Ipv6Fragmenter.OK);
        assertThat(frags).hasSize(3);
        for (int n = 1; n <= 3; n++) {
            assertThat(frags.get(n - 1).toByteArray()).as("fragment %d as Linux sent it", n).isEqualTo(frame6(n));
            frags.get(n - 1).consume();
        }
        assertThat(h.net.counters().get(Mib.Ip6FragCreates)).isEqualTo(3);
    }

    @Test
    void ipv4ChecksumOfTheRebuiltHeaderIsFresh() {
        SkBuff d = null;
        for (int n = 7; n <= 9; n++) {
            d = h.reasm4.defrag(h.v4(frame4(n)), Ipv4Reassembly.USER_LOCAL_DELIVER, 0);
        }
        byte[] b = d.toByteArray();
        assertThat(Checksum.verifies(b, 0, 20)).isTrue();
        assertThat(Bytes.u16(b, 2)).isEqualTo(b.length);
        d.consume();
    }
}
