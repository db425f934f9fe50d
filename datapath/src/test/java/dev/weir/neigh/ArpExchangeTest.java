package dev.weir.neigh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.ArpPacket;
import dev.weir.api.wire.ArpRepr;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.WireError;
import dev.weir.link.Link;
import dev.weir.link.LinkConfig;
import dev.weir.pcap.CaptureReader;
import dev.weir.pcap.CapturedPacket;
import dev.weir.sim.Simulation;
import dev.weir.testing.Frames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two namespaces whose devices are joined back to back resolve each other with ARP as Linux
 * does: the frames are compared with what Linux sent in captures/ipv4-ping.pcap (same
 * addresses: 10.0.0.1 at 02:00:00:00:00:01 asking for 10.0.0.2 at 02:00:00:00:00:02).
 */
class ArpExchangeTest {
    final Simulation sim = new Simulation(1);
    final Host a = new Host(sim, 1);
    final Host b = new Host(sim, 2);

    ArpExchangeTest() {
        Link link = new Link(sim, "a", "b", LinkConfig.DEFAULT);
        a.eth0.plug(link.a());
        b.eth0.plug(link.b());
    }

    @AfterEach
    void noLeaks() {
        a.net.pool().assertNoLeaks();
        b.net.pool().assertNoLeaks();
    }

    /** Lets the frames in flight arrive (the link has no delay), without running the neighbours' timers. */
    void settle() {
        sim.scheduler().runFor(1_000_000);
    }

    static List<CapturedPacket> capture() throws IOException {
        return CaptureReader.readAll(Path.of("src/test/resources/captures/ipv4-ping.pcap"));
    }

    @Test
    void theRequestAndReplyAreTheBytesLinuxSent() throws IOException {
        List<CapturedPacket> linux = capture();
        a.sendV4("10.0.0.2", 56);
        assertThat(a.v4("10.0.0.2").state()).isEqualTo(Nud.INCOMPLETE);
        assertThat(a.eth0.sent).hasSize(1);
        assertThat(a.eth0.sent.get(0)).isEqualTo(linux.get(0).data());
        settle();
        assertThat(b.eth0.sent.get(0)).isEqualTo(linux.get(1).data());
        // and parsed back: who-has 10.0.0.2 tell 10.0.0.1, target hardware address zero
        ArpPacket p = new ArpPacket();
        byte[] req = a.eth0.sent.get(0);
        assertThat(p.wrap(req, 14, req.length - 14)).isEqualTo(WireError.OK);
        assertThat(ArpRepr.parse(p)).isEqualTo(ArpRepr.request(new dev.weir.api.wire.MacAddress(Host.mac(1)),
                dev.weir.api.wire.Ipv4Address.parse("10.0.0.1"), dev.weir.api.wire.Ipv4Address.parse("10.0.0.2")));
    }

    @Test
    void theWaitingPacketLeavesOnceTheReplyArrivesAndTheRequesterIsLearned() {
        a.sendV4("10.0.0.2", 56);
        a.sendV4("10.0.0.2", 57);
        settle();
        Neighbour n = a.v4("10.0.0.2");
        assertThat(n.state()).isEqualTo(Nud.REACHABLE);
        assertThat(n.lladdr()).isEqualTo(Host.mac(2));
        assertThat(a.eth0.sent).hasSize(3);
        assertThat(Frames.type(a.eth0.sent.get(1))).isEqualTo(EtherType.IPV4);
        assertThat(Frames.dst(a.eth0.sent.get(1))).isEqualTo(Host.mac(2));
        assertThat(b.delivered).extracting(p -> p.length).containsExactly(20 + 56, 20 + 57);
        // neigh_event_ns: the host that answered keeps the requester, STALE until used.
        Neighbour back = b.v4("10.0.0.1");
        assertThat(back.state()).isEqualTo(Nud.STALE);
        assertThat(back.lladdr()).isEqualTo(Host.mac(1));
        assertThat(a.changes).containsExactly("10.0.0.2 >INCOMPLETE @0", "10.0.0.2 INCOMPLETE>REACHABLE @0");
    }

    @Test
    void answeringUsesTheEntryJustLearnedWithoutAskingBack() {
        a.sendV4("10.0.0.2", 10);
        settle();
        b.sendV4("10.0.0.1", 10);
        settle();
        assertThat(b.eth0.sent).hasSize(2); // the ARP reply, then the packet: no request of its own
        assertThat(b.v4("10.0.0.1").state()).isEqualTo(Nud.DELAY);
        assertThat(a.delivered).hasSize(1);
    }
}
