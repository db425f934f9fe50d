package dev.weir.plugins.nat;

import static dev.weir.hooks.testing.WeirAssertions.assertThatProgram;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.NfHook;
import dev.weir.api.prog.NfVerdict;
import dev.weir.api.wire.Bytes;
import dev.weir.hooks.TestRun;
import dev.weir.hooks.testing.ProgramUnderTest;
import dev.weir.hooks.testing.WeirProgram;
import dev.weir.hooks.testing.WeirProgramExtension;
import dev.weir.plugins.Packets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Masquerade: source address and port out, back in, checksums kept valid, ports unique per remote. */
@ExtendWith(WeirProgramExtension.class)
class MasqueradeTest {
    @WeirProgram(Masquerade.class)
    ProgramUnderTest nat;

    static final String INSIDE = "192.168.1.10";
    static final String EXT = "203.0.113.1";
    static final String REMOTE = "198.51.100.5";

    @BeforeEach
    void configure() {
        nat.map("nat_config").updateLong(0, TestRun.OUT_IFINDEX).updateLong(1, Packets.ip(EXT) & 0xffffffffL);
    }

    TestRun.Result out(byte[] ip) {
        return nat.netfilter(ip, NfHook.PF_IPV4, NfHook.POSTROUTING);
    }

    /** Back in: the test environment's input device is ifindex 1; the external device must be the input one here. */
    TestRun.Result in(byte[] ip) {
        nat.map("nat_config").updateLong(0, TestRun.IN_IFINDEX);
        try {
            return nat.netfilter(ip, NfHook.PF_IPV4, NfHook.PREROUTING);
        } finally {
            nat.map("nat_config").updateLong(0, TestRun.OUT_IFINDEX);
        }
    }

    @Test
    void tcpOutKeepsItsPortGetsTheExternalAddressAndComesBack() {
        byte[] syn = Packets.tcp4(INSIDE, 40000, REMOTE, 80, Packets.SYN, 0);
        TestRun.Result r = out(syn);
        assertThatProgram(r).hasVerdict(NfVerdict.ACCEPT).changedMap("nat_out").changedMap("nat_in");
        byte[] o = r.output();
        assertThat(Bytes.i32(o, 12)).isEqualTo(Packets.ip(EXT));
        assertThat(Bytes.u16(o, 20)).isEqualTo(40000);
        assertThat(Packets.checksumsValid(o)).isTrue();
        byte[] synAck = Packets.tcp4(REMOTE, 80, EXT, 40000, Packets.SYN | Packets.ACK, 0);
        byte[] back = in(synAck).output();
        assertThat(Bytes.i32(back, 16)).isEqualTo(Packets.ip(INSIDE));
        assertThat(Bytes.u16(back, 22)).isEqualTo(40000);
        assertThat(Packets.checksumsValid(back)).isTrue();
        assertThat(nat.map("nat_stats").lookupLong(0, -1)).isEqualTo(1);
        assertThat(nat.map("nat_stats").lookupLong(1, -1)).isEqualTo(1);
    }

    @Test
    void aSecondInsideHostWithTheSamePortToTheSameRemoteGetsAnotherPort() {
        byte[] a = out(Packets.udp4(INSIDE, 5000, REMOTE, 53, 12)).output();
        byte[] b = out(Packets.udp4("192.168.1.11", 5000, REMOTE, 53, 12)).output();
        int pa = Bytes.u16(a, 20);
        int pb = Bytes.u16(b, 20);
        assertThat(pa).isEqualTo(5000);
        assertThat(pb).isNotEqualTo(5000).isBetween(1024, 65535);
        assertThat(Packets.checksumsValid(a)).isTrue();
        assertThat(Packets.checksumsValid(b)).isTrue();
        // the same flow again keeps its port
        assertThat(Bytes.u16(out(Packets.udp4("192.168.1.11", 5000, REMOTE, 53, 12)).output(), 20)).isEqualTo(pb);
        // each reply goes to its own host
        byte[] ra = in(Packets.udp4(REMOTE, 53, EXT, pa, 30)).output();
        byte[] rb = in(Packets.udp4(REMOTE, 53, EXT, pb, 30)).output();
        assertThat(Bytes.i32(ra, 16)).isEqualTo(Packets.ip(INSIDE));
        assertThat(Bytes.i32(rb, 16)).isEqualTo(Packets.ip("192.168.1.11"));
        assertThat(Bytes.u16(rb, 22)).isEqualTo(5000);
        assertThat(Packets.checksumsValid(rb)).isTrue();
    }

    @Test
    void icmpEchoIdentifiersAreTranslatedToo() {
        byte[] req = out(Packets.icmp4(INSIDE, REMOTE, 8, 99, 1)).output();
        assertThat(Bytes.i32(req, 12)).isEqualTo(Packets.ip(EXT));
        assertThat(Packets.checksumsValid(req)).isTrue();
        int id = Bytes.u16(req, 24);
        byte[] rep = in(Packets.icmp4(REMOTE, EXT, 0, id, 1)).output();
        assertThat(Bytes.i32(rep, 16)).isEqualTo(Packets.ip(INSIDE));
        assertThat(Bytes.u16(rep, 24)).isEqualTo(99);
        assertThat(Packets.checksumsValid(rep)).isTrue();
    }

    @Test
    void udpWithoutAChecksumKeepsNone() {
        byte[] u = Packets.udp4(INSIDE, 7000, REMOTE, 9, 4);
        Bytes.put16(u, 26, 0);
        byte[] o = out(u).output();
        assertThat(Bytes.u16(o, 26)).isZero();
        assertThat(Packets.checksumsValid(o)).isTrue();
    }

    @Test
    void otherDevicesAndUnknownFlowsAreLeftAlone() {
        byte[] p = Packets.udp4(INSIDE, 1, REMOTE, 2, 0);
        nat.map("nat_config").updateLong(0, 77);
        assertThatProgram(out(p), p).outputEqualsInput().changedNoMap();
        nat.map("nat_config").updateLong(0, TestRun.OUT_IFINDEX);
        byte[] stray = Packets.udp4(REMOTE, 53, EXT, 12345, 0);
        assertThatProgram(in(stray), stray).outputEqualsInput().hasMapValue("nat_stats", 3, 1);
    }
}
