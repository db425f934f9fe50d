package dev.weir.l2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.Args;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.sim.Simulation;
import dev.weir.testing.TestNic;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * What the golden captures cannot show: counters too large for the default columns, and the
 * flags users change. Columns grow as iproute2 6.1's print_stats64 grows them (size_columns:
 * each column as wide as its widest number, the header right-aligned over it).
 */
class LinkFormatTest {
    final Simulation sim = new Simulation(1);
    final NetNs net = new NetNs("a", sim.scheduler(), sim.rootRandom(), 1);
    final L2 l2 = L2.install(net);
    final TestNic eth0 = new TestNic(net, "eth0", 0x02_00_00_00_00_01L).up();

    String ip(String line) {
        StringWriter sw = new StringWriter();
        new IpLink(l2).run(new Args("ip", Args.split(line)), new PrintWriter(sw));
        return sw.toString();
    }

    @Test
    void columnsWidenForLargeCounters() {
        eth0.stats.rxBytes = 123_456_789_012L; // 12 digits: the bytes column and the RX label widen
        eth0.stats.rxPackets = 98_765_432L; // 8 digits
        eth0.stats.txBytes = 5;
        eth0.stats.rxNohandler = 3; // shown with -s -s only when not zero
        String out = ip("-s -s link show dev eth0");
        // "RX:" then "bytes" right-aligned in width 12 - 4; the error lines' labels in width 12 - 10 + 1.
        assertThat(out.lines().skip(2)).containsExactly(
                "    RX:    bytes  packets errors dropped  missed   mcast           ",
                "    123456789012 98765432      0       0       0       0 ",
                "    RX errors:     length    crc   frame    fifo overrun  nohandler",
                "                        0      0       0       0       0          3 ",
                "    TX:    bytes  packets errors dropped carrier collsns           ",
                "               5        0      0       0       0       0 ",
                "    TX errors:    aborted   fifo  window heartbt transns",
                "                        0      0       0       0       2 ");
    }

    @Test
    void arpOffAndMulticastOffShowAsLinuxShowsThem() {
        ip("link set eth0 arp off multicast off");
        assertThat(ip("link show eth0")).startsWith("1: eth0: <BROADCAST,NOARP,UP,LOWER_UP> mtu 1500");
        assertThat(eth0.flags() & NetDevice.IFF_NOARP).isNotZero();
        ip("link set eth0 arp on multicast on");
        assertThat(ip("link show eth0")).startsWith("1: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500");
    }
}
