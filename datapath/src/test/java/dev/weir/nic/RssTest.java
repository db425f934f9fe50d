package dev.weir.nic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.sim.SimRandom;
import dev.weir.testing.Frames;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Toeplitz hash against Microsoft's published verification vectors ("Verifying the RSS
 * Hash Calculation", NDIS documentation): the same key and inputs, hashed over the addresses
 * only and over addresses and ports.
 */
class RssTest {
    static final byte[] MS_KEY = Bytes.fromHex(
            "6d5a56da255b0ec24167253d43a38fb0d0ca2bcbae7b30b477cb2da38030f20c6a42b73bbeac01fa");

    private static Rss msRss() {
        Rss r = new Rss(new SimRandom(1), 4);
        r.setKey(MS_KEY);
        return r;
    }

    @ParameterizedTest(name = "{1}:{3} -> {0}:{2}")
    @CsvSource({
        "161.142.100.80, 66.9.149.187, 1766, 2794, 323e8fc2, 51ccc178",
        "65.69.140.83, 199.92.111.2, 4739, 14230, d718262a, c626b0ea",
        "12.22.207.184, 24.19.198.95, 38024, 12898, d2d0a5de, 5c2b394a",
        "209.142.163.6, 38.27.205.30, 2217, 48228, 82989176, afc7327f",
        "202.188.127.2, 153.39.163.191, 1303, 44251, 5d1809c5, 10e828a2",
    })
    void ipv4Vectors(String dst, String src, int dport, int sport, String ipOnly, String withTcp) {
        int s = Ipv4Address.parse(src).bits();
        int d = Ipv4Address.parse(dst).bits();
        Rss rss = msRss();
        assertThat(rss.hashV4(s, d, 0, 0, false)).isEqualTo(Integer.parseUnsignedInt(ipOnly, 16));
        assertThat(rss.hashV4(s, d, sport, dport, true)).isEqualTo(Integer.parseUnsignedInt(withTcp, 16));
        byte[] in = ByteBuffer.allocate(12).putInt(s).putInt(d).putShort((short) sport).putShort((short) dport).array();
        assertThat(Rss.toeplitz(MS_KEY, in, 0, 12)).as("bit-by-bit reference").isEqualTo(Integer.parseUnsignedInt(withTcp, 16));
        assertThat(rss.hash(in, 0, 8)).isEqualTo(Integer.parseUnsignedInt(ipOnly, 16));
    }

    @ParameterizedTest(name = "{1}:{3} -> {0}:{2}")
    @CsvSource({
        "3ffe:2501:200:3::1, 3ffe:2501:200:1fff::7, 1766, 2794, 2cc18cd5, 40207d3d",
        "ff02::1, 3ffe:501:8::260:97ff:fe40:efab, 4739, 14230, 0f0c461c, dde51bbf",
        "fe80::200:f8ff:fe21:67cf, 3ffe:1900:4545:3:200:f8ff:fe21:67cf, 38024, 44251, 4b61e985, 02d1feef",
    })
    void ipv6Vectors(String dst, String src, int dport, int sport, String ipOnly, String withTcp) {
        Ipv6Address s = Ipv6Address.parse(src);
        Ipv6Address d = Ipv6Address.parse(dst);
        byte[] b = ByteBuffer.allocate(32).putLong(s.hi()).putLong(s.lo()).putLong(d.hi()).putLong(d.lo()).array();
        Rss rss = msRss();
        assertThat(rss.hashV6(b, 0, 16, 0, 0, false)).isEqualTo(Integer.parseUnsignedInt(ipOnly, 16));
        assertThat(rss.hashV6(b, 0, 16, sport, dport, true)).isEqualTo(Integer.parseUnsignedInt(withTcp, 16));
    }

    @Test
    void theNicReportsTheToeplitzHashOfWhatItReceivedTcp4TupleUdpAddressesOnly() {
        NicRig rig = new NicRig(1, 1);
        rig.nic.rss().setKey(MS_KEY);
        Frames.Tcp tcp = Frames.tcp4().addrs(Ipv4Address.parse("66.9.149.187").bits(), Ipv4Address.parse("161.142.100.80").bits())
                .ports(2794, 1766).flags(0x18).payload(10);
        Frames.Tcp udp = Frames.tcp4().udp().addrs(Ipv4Address.parse("66.9.149.187").bits(), Ipv4Address.parse("161.142.100.80").bits())
                .ports(2794, 1766).payload(10);
        rig.peer.send(tcp.build());
        rig.peer.send(udp.build());
        rig.h.sched.run();
        assertThat(rig.h.received.get(0).hash()).isEqualTo(0x51ccc178);
        assertThat(rig.h.received.get(0).l4Hash()).isTrue();
        assertThat(rig.h.received.get(1).hash()).isEqualTo(0x323e8fc2);
        assertThat(rig.h.received.get(1).l4Hash()).isFalse();
        rig.nic.rss().setFields(Rss.UDP4, Rss.FIELDS_SDFN);
        rig.peer.send(udp.build());
        rig.h.sched.run();
        assertThat(rig.h.received.get(2).hash()).isEqualTo(Rss.toeplitz(MS_KEY,
                ByteBuffer.allocate(12).putInt(0x42_09_95_bb).putInt(0xa1_8e_64_50).putShort((short) 2794).putShort((short) 1766).array(), 0, 12));
        rig.assertNoLeaks();
    }

    @Test
    void theIndirectionTableMapsTheLowSevenBitsToAQueue() {
        Rss rss = msRss();
        assertThat(rss.queueFor(0x51ccc178)).isEqualTo((0x78 & 127) % 4);
        assertThat(rss.userConfigured()).isFalse();
        int[] t = new int[Rss.TABLE_SIZE];
        t[0x78] = 3;
        rss.setTable(t);
        assertThat(rss.queueFor(0x51ccc178)).isEqualTo(3);
        assertThat(rss.userConfigured()).isTrue();
    }

    @Test
    void oneKeyPerHostAsLinuxsNetdevRssKey() {
        SimRandom host = new SimRandom(42);
        assertThat(new Rss(host, 2).key()).isEqualTo(new Rss(host, 8).key()).hasSize(40);
        assertThat(new Rss(new SimRandom(43), 2).key()).isNotEqualTo(new Rss(host, 2).key());
    }
}
