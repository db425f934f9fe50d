package dev.weir.plugins.conntrack;

import static dev.weir.hooks.testing.WeirAssertions.assertThatProgram;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.NfHook;
import dev.weir.api.prog.NfVerdict;
import dev.weir.hooks.ConntrackTable;
import dev.weir.hooks.TestRun;
import dev.weir.hooks.testing.ProgramUnderTest;
import dev.weir.hooks.testing.WeirProgram;
import dev.weir.hooks.testing.WeirProgramExtension;
import dev.weir.plugins.Packets;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TCP, UDP and ICMP tracking as nf_conntrack, listed as conntrack -L lists it. */
@ExtendWith(WeirProgramExtension.class)
class ConntrackTest {
    @WeirProgram(Conntrack.class)
    ProgramUnderTest ct;

    static final String A = "10.0.0.1";
    static final String B = "10.0.0.2";

    TestRun.Result pkt(byte[] ip) {
        return ct.netfilter(ip, NfHook.PF_IPV4, NfHook.PREROUTING);
    }

    String list() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ConntrackTable.list(ct.env().maps(), ct.env().now(), new PrintWriter(out, true), new PrintWriter(err, true));
        return out + err.toString();
    }

    @Test
    void theTcpHandshakeAndTeardownWalkTheStates() {
        assertThatProgram(pkt(Packets.tcp4(A, 40000, B, 80, Packets.SYN, 0))).hasVerdict(NfVerdict.ACCEPT).changedMap("conntrack");
        assertThat(list()).startsWith("tcp      6 120 SYN_SENT src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=80 [UNREPLIED]"
                + " src=10.0.0.2 dst=10.0.0.1 sport=80 dport=40000 mark=0 use=1\n");
        pkt(Packets.tcpReply(A, 40000, B, 80, Packets.SYN | Packets.ACK));
        assertThat(list()).startsWith("tcp      6 60 SYN_RECV src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=80 src=10.0.0.2");
        pkt(Packets.tcp4(A, 40000, B, 80, Packets.ACK, 0));
        assertThat(list()).startsWith("tcp      6 432000 ESTABLISHED src=10.0.0.1").contains("[ASSURED]")
                .endsWith("conntrack v1.4.8 (conntrack-tools): 1 flow entries have been shown.\n");
        pkt(Packets.tcp4(A, 40000, B, 80, Packets.FIN | Packets.ACK, 0));
        assertThat(list()).startsWith("tcp      6 120 FIN_WAIT");
        pkt(Packets.tcpReply(A, 40000, B, 80, Packets.FIN | Packets.ACK));
        assertThat(list()).startsWith("tcp      6 30 LAST_ACK");
        pkt(Packets.tcp4(A, 40000, B, 80, Packets.ACK, 0));
        assertThat(list()).startsWith("tcp      6 120 TIME_WAIT");
        assertThat(ct.map("ct_stats").lookupLong(0, -1)).isEqualTo(1);   // one connection
        assertThat(ct.map("ct_stats").lookupLong(1, -1)).isEqualTo(4);   // four packets from A
        assertThat(ct.map("ct_stats").lookupLong(2, -1)).isEqualTo(2);   // two from B
    }

    @Test
    void udpIsUnrepliedFor30sThenAStreamFor120sAndExpires() {
        pkt(Packets.udp4(A, 5000, B, 53, 20));
        assertThat(list()).startsWith("udp      17 30 src=10.0.0.1 dst=10.0.0.2 sport=5000 dport=53 [UNREPLIED]");
        pkt(Packets.udp4(B, 53, A, 5000, 40));
        assertThat(list()).startsWith("udp      17 120 src=10.0.0.1").contains("[ASSURED]").doesNotContain("UNREPLIED");
        ct.advance(121_000_000_000L);
        assertThat(list()).startsWith("conntrack v1.4.8 (conntrack-tools): 0 flow entries have been shown.");
        pkt(Packets.udp4(B, 53, A, 5000, 40)); // after expiry: a new connection the other way round
        assertThat(list()).startsWith("udp      17 30 src=10.0.0.2 dst=10.0.0.1 sport=53 dport=5000 [UNREPLIED]");
        assertThat(ct.map("ct_stats").lookupLong(4, -1)).isEqualTo(1);
    }

    @Test
    void icmpEchoRequestAndReplyAreOneConnection() {
        pkt(Packets.icmp4(A, B, 8, 77, 1));
        pkt(Packets.icmp4(B, A, 0, 77, 1));
        assertThat(list()).startsWith("icmp     1 30 src=10.0.0.1 dst=10.0.0.2 type=8 code=0 id=77 src=10.0.0.2 dst=10.0.0.1"
                + " type=0 code=0 id=77 mark=0 use=1\n");
    }

    @Test
    void aResetClosesAndAStrayAckIsPickedUpAsEstablished() {
        pkt(Packets.tcp4(A, 1, B, 2, Packets.ACK, 10));
        assertThat(list()).startsWith("tcp      6 432000 ESTABLISHED");
        pkt(Packets.tcpReply(A, 1, B, 2, Packets.RST));
        assertThat(list()).startsWith("tcp      6 10 CLOSE");
        pkt(Packets.tcp4("10.9.9.9", 1, B, 2, Packets.RST, 0));
        assertThat(ct.map("ct_stats").lookupLong(6, -1)).isEqualTo(1); // a reset of nothing opens nothing
    }

    @Test
    void otherProtocolsAndLaterFragmentsAreNotTracked() {
        byte[] frag = Packets.udp4(A, 1, B, 2, 0);
        frag[7] = 10; // fragment offset 80 bytes
        assertThatProgram(pkt(frag)).hasVerdict(NfVerdict.ACCEPT).changedMap("ct_stats").hasMapValue("ct_stats", 5, 1);
    }
}
