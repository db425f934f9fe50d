package dev.weir.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.EthernetRepr;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.MacAddress;
import dev.weir.api.wire.UdpRepr;
import dev.weir.link.FrameTap;
import dev.weir.link.Link;
import dev.weir.link.LinkConfig;
import dev.weir.link.LinkPort;
import dev.weir.sim.Simulation;
import dev.weir.sim.VirtualTime;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbPool;
import dev.weir.testing.Tshark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2, "The simulator": the same seed gives byte-identical pcapng files. A stream of UDP
 * datagrams crosses a link with every impairment switched on (jitter, random and bursty loss,
 * reordering, duplication, corruption), captured at both ends into one pcapng file.
 */
class SimulatedCaptureDeterminismTest {
    private static byte[] run(long seed) {
        Simulation sim = new Simulation(seed);
        SkbPool pool = new SkbPool("gen");
        LinkConfig cfg = LinkConfig.builder().rate("10mbit").delay("2ms").jitter("500us", LinkConfig.Jitter.NORMAL)
                .loss(0.02).burstLoss(LinkConfig.GilbertElliott.of(0.01, 0.3)).reorder(0.05, 0).duplicate(0.02)
                .corrupt(0.02).build();
        Link link = new Link(sim, "a:eth0", "b:eth0", cfg);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out)) {
            int ia = w.addInterface("a:eth0", LinkType.ETHERNET, 65535);
            int ib = w.addInterface("b:eth0", LinkType.ETHERNET, 65535);
            link.a().addTap(tapInto(w, ia));
            link.b().addTap(tapInto(w, ib));
            LinkPort sink = new LinkPort() {
                @Override
                public void receive(SkBuff frame) {
                    frame.consume();
                }

                @Override
                public void carrierChanged(boolean up) {}
            };
            link.a().attach(sink);
            link.b().attach(sink);
            for (int i = 0; i < 500; i++) {
                int n = i;
                sim.scheduler().scheduleAt(n * 200 * VirtualTime.MICROSECOND, () -> link.a().transmit(datagram(pool, n)));
            }
            sim.scheduler().run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pool.assertNoLeaks();
        return out.toByteArray();
    }

    private static FrameTap tapInto(PcapngWriter w, int iface) {
        return (t, frame, dir) -> {
            byte[] b = frame.toByteArray();
            try {
                w.write(iface, t, b, 0, b.length, b.length, dir, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static SkBuff datagram(SkbPool pool, int seq) {
        int src = Ipv4Address.parse("10.0.0.1").bits();
        int dst = Ipv4Address.parse("10.0.0.2").bits();
        byte[] payload = new byte[64 + seq % 200];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (seq + i);
        }
        int udpLen = 8 + payload.length;
        SkBuff skb = pool.alloc(14 + 20 + udpLen, 64);
        byte[] b = skb.buf();
        int at = skb.put(14 + 20 + udpLen);
        new EthernetRepr(MacAddress.parse("02:00:00:00:00:02"), MacAddress.parse("02:00:00:00:00:01"), EtherType.IPV4).emit(b, at);
        int ip = at + 14;
        b[ip] = 0x45;
        dev.weir.api.wire.Bytes.put16(b, ip + 2, 20 + udpLen);
        dev.weir.api.wire.Bytes.put16(b, ip + 4, seq);
        b[ip + 8] = 64;
        b[ip + 9] = 17;
        dev.weir.api.wire.Bytes.put32(b, ip + 12, src);
        dev.weir.api.wire.Bytes.put32(b, ip + 16, dst);
        dev.weir.api.wire.Bytes.put16(b, ip + 10, Checksum.internet(b, ip, 20));
        System.arraycopy(payload, 0, b, ip + 28, payload.length);
        new UdpRepr(40000, 9, 0, payload.length).emit(b, ip + 20, Checksum.pseudoHeaderV4(src, dst, 17, udpLen), payload, 0);
        return skb;
    }

    @Test
    void sameSeedGivesByteIdenticalPcapng() {
        byte[] first = run(42);
        byte[] second = run(42);
        assertThat(first.length).isGreaterThan(10_000);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void anotherSeedGivesAnotherCapture() {
        assertThat(run(43)).isNotEqualTo(run(42));
    }

    @Test
    void theCaptureOpensInTsharkWithoutMalformedPackets(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(Tshark.available(), Tshark.NOT_INSTALLED);
        Path f = dir.resolve("link.pcapng");
        Files.write(f, run(42));
        Tshark.Result r = Tshark.run("-r", f.toString(), "-V");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).doesNotContain("Malformed");
        // corrupted frames are on the wire on purpose: tshark, validating checksums, sees some as bad, never as malformed
        Tshark.Result bad = Tshark.run("-r", f.toString(), "-o", "udp.check_checksum:TRUE", "-Y", "udp.checksum.status == \"Bad\" || ip.checksum.status == \"Bad\"");
        assertThat(bad.lines()).isNotEmpty();
        assertThat(r.stdout()).contains("Interface name: a:eth0").contains("Interface name: b:eth0");
    }
}
