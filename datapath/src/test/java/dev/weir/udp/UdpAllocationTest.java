package dev.weir.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.NetDevice;
import dev.weir.link.LinkConfig;
import dev.weir.socket.RecvInfo;
import dev.weir.socket.SockAddr;
import dev.weir.testing.StackHosts;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The UDP receive path allocates nothing per datagram (the hot-path rule): from the IP layer
 * through the lookup and the checksum to the socket queue, and the read with its sender info,
 * 20,000 datagrams allocate less than a byte each, where one object per datagram would be 320 kB.
 */
class UdpAllocationTest {
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void receiveAndReadAllocateNothingPerDatagram() {
        StackHosts net = new StackHosts(8);
        StackHosts.Host a = net.host("a");
        StackHosts.Host b = net.host("b");
        net.connect(a, "eth0", "10.0.0.1/24", b, "eth0", "10.0.0.2/24", LinkConfig.DEFAULT);
        b.net.pool().trackLeaks(false);
        UdpSock server = b.udp.socket(SockAddr.AF_INET);
        server.bind(SockAddr.parse("0.0.0.0:5353"));
        UdpSock other = b.udp.socket(SockAddr.AF_INET); // a second socket on the chain to score
        other.bind(SockAddr.parse("10.0.0.2:5354"));
        NetDevice eth0 = b.net.requireDevice("eth0");
        byte[] packet = UdpEndToEndTest.udp4(5353, new byte[64], 0);
        byte[] buf = new byte[128];
        RecvInfo info = new RecvInfo();
        Runnable round = () -> {
            UdpEndToEndTest.inject(b, eth0, packet);
            if (server.recvfrom(buf, 0, buf.length, 0, info) != 64) {
                throw new AssertionError("datagram not received");
            }
        };
        for (int i = 0; i < 1000; i++) {
            round.run();
        }
        long before = allocated();
        for (int i = 0; i < 20_000; i++) {
            round.run();
        }
        long bytes = allocated() - before;
        assertThat(bytes).as("bytes for 20,000 datagrams").isLessThan(20_000);
        server.close();
        other.close();
    }
}
