package dev.weir.plugins.firewall;

import static dev.weir.hooks.testing.WeirAssertions.assertThatProgram;
import static dev.weir.plugins.Packets.eth;

import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.wire.Bytes;
import dev.weir.hooks.MapLiteral;
import dev.weir.hooks.testing.MapHandle;
import dev.weir.hooks.testing.ProgramUnderTest;
import dev.weir.hooks.testing.WeirProgram;
import dev.weir.hooks.testing.WeirProgramExtension;
import dev.weir.plugins.Packets;
import dev.weir.api.maps.MapType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The XDP and tc firewalls: prefixes (v4 and v6), ports, per-rule counters. */
@ExtendWith(WeirProgramExtension.class)
class FirewallTest {
    @WeirProgram(XdpFirewall.class)
    ProgramUnderTest fw;

    void deny4(ProgramUnderTest p, String prefix, long rule) {
        p.map("fw_deny4").update(MapLiteral.encode(prefix, 8, MapType.LPM_TRIE, true), MapHandle.number(rule, 8));
    }

    @Test
    void dropsASourceInABlockedPrefixAndCountsTheRule() {
        deny4(fw, "192.0.2.0/24", 7);
        byte[] bad = eth(Packets.udp4("192.0.2.9", 1000, "10.0.0.2", 53, 10));
        assertThatProgram(fw.run(bad)).hasVerdict(XdpAction.DROP).hasMapValue("fw_packets", 7, 1)
                .hasMapValue("fw_bytes", 7, bad.length);
        byte[] good = eth(Packets.udp4("192.0.3.9", 1000, "10.0.0.2", 53, 10));
        assertThatProgram(fw.run(good)).hasVerdict(XdpAction.PASS).hasMapValue("fw_packets", 0, 1);
    }

    @Test
    void theLongestPrefixDecidesWhichRuleCounts() {
        deny4(fw, "10.0.0.0/8", 1);
        deny4(fw, "10.1.0.0/16", 2);
        assertThatProgram(fw.run(eth(Packets.udp4("10.1.2.3", 1, "192.0.2.1", 2, 0)))).hasVerdict(XdpAction.DROP)
                .hasMapValue("fw_packets", 2, 1);
        assertThatProgram(fw.run(eth(Packets.udp4("10.2.2.3", 1, "192.0.2.1", 2, 0)))).hasMapValue("fw_packets", 1, 1);
    }

    @Test
    void portRulesDropTcpAndUdpByDestinationPort() {
        fw.map("fw_ports").updateLong(6L << 16 | 23, 3);   // telnet
        fw.map("fw_ports").updateLong(17L << 16 | 161, 4); // snmp
        assertThatProgram(fw.run(eth(Packets.tcp4("10.0.0.1", 40000, "10.0.0.2", 23, Packets.SYN, 0)))).hasVerdict(XdpAction.DROP)
                .hasMapValue("fw_packets", 3, 1);
        assertThatProgram(fw.run(eth(Packets.udp4("10.0.0.1", 40000, "10.0.0.2", 161, 4)))).hasVerdict(XdpAction.DROP);
        assertThatProgram(fw.run(eth(Packets.tcp4("10.0.0.1", 40000, "10.0.0.2", 22, Packets.SYN, 0)))).hasVerdict(XdpAction.PASS);
        assertThatProgram(fw.run(eth(Packets.udp4("10.0.0.1", 40000, "10.0.0.2", 23, 0)))).hasVerdict(XdpAction.PASS);
    }

    @Test
    void ipv6PrefixesAndPorts() {
        fw.map("fw_deny6").update(MapLiteral.encode("2001:db8:bad::/48", 20, MapType.LPM_TRIE, true), MapHandle.number(9, 8));
        assertThatProgram(fw.run(eth(Packets.udp6("2001:db8:bad::1", 1, "2001:db8::2", 53, 0)))).hasVerdict(XdpAction.DROP)
                .hasMapValue("fw_packets", 9, 1);
        assertThatProgram(fw.run(eth(Packets.udp6("2001:db8:600d::1", 1, "2001:db8::2", 53, 0)))).hasVerdict(XdpAction.PASS);
    }

    @Test
    void aVlanTaggedFrameIsJudgedByItsInnerHeader() {
        deny4(fw, "192.0.2.0/24", 5);
        byte[] plain = eth(Packets.udp4("192.0.2.9", 1, "10.0.0.2", 2, 0));
        byte[] tagged = new byte[plain.length + 4];
        System.arraycopy(plain, 0, tagged, 0, 12);
        Bytes.put16(tagged, 12, 0x8100);
        Bytes.put16(tagged, 14, 100);
        System.arraycopy(plain, 12, tagged, 16, plain.length - 12);
        assertThatProgram(fw.run(tagged)).hasVerdict(XdpAction.DROP).hasMapValue("fw_packets", 5, 1);
    }

    @Test
    void aRuntFrameOrNonIpPassesAndIsCountedAsPassed() {
        assertThatProgram(fw.run(new byte[10])).hasVerdict(XdpAction.PASS).didNotAbort().hasMapValue("fw_packets", 0, 1);
        byte[] arp = new byte[42];
        Bytes.put16(arp, 12, 0x0806);
        assertThatProgram(fw.run(arp)).hasVerdict(XdpAction.PASS).didNotAbort();
    }

    @Test
    void theTcFirewallMatchesTheDestinationOnEgress(@WeirProgram(TcFirewall.class) ProgramUnderTest tc) {
        deny4(tc, "198.51.100.0/24", 2);
        byte[] out = eth(Packets.udp4("10.0.0.1", 1, "198.51.100.7", 2, 0));
        assertThatProgram(tc.egress(out)).hasVerdict(TcAction.SHOT).hasMapValue("fw_packets", 2, 1);
        assertThatProgram(tc.run(out)).hasVerdict(TcAction.UNSPEC); // ingress: by source, which is not blocked
    }
}
