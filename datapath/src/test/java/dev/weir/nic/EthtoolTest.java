package dev.weir.nic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.core.Features;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.skb.SkBuff;
import dev.weir.testing.Frames;
import dev.weir.testing.TestHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ethtool against golden output recorded from the real tool (ethtool 6.1 on Linux 6.18: a
 * virtio_net eth0, a veth vt0 and lo; see src/test/resources/ethtool/README.md), and the NIC's
 * settings changed through it.
 */
class EthtoolTest {
    private static final Path GOLDEN = Path.of("src/test/resources/ethtool");

    private final TestHost h = new TestHost("h", 2);
    private final Ethtool ethtool = new Ethtool(h.net);

    @AfterEach
    void nothingLeaked() {
        for (NetDevice d : h.net.devices()) {
            d.close();
        }
        h.sched.run();
        h.assertNoLeaks();
    }

    /** What one run printed: stdout, stderr (the exception's message) and the exit code. */
    record Run(String out, String err, int rc) {}

    private Run run(String line) {
        StringWriter sw = new StringWriter();
        PrintWriter pw = new PrintWriter(sw);
        try {
            ethtool.run(new Args("ethtool", Args.split(line)), pw);
            pw.flush();
            return new Run(sw.toString(), "", 0);
        } catch (CommandException e) {
            pw.flush();
            return new Run(sw.toString(), e.getMessage() + "\n", e.exitCode());
        }
    }

    private static String golden(String file) throws IOException {
        return Files.readString(GOLDEN.resolve(file));
    }

    /** Asserts stdout, stderr and exit code against the recorded run {@code name}. */
    private void assertGolden(String name, String line) throws IOException {
        Run r = run(line);
        assertThat(r.out()).as(name + " stdout").isEqualTo(golden(name + ".out"));
        assertThat(r.err()).as(name + " stderr").isEqualTo(golden(name + ".err"));
        assertThat(r.rc()).as(name + " exit code").isEqualTo(Integer.parseInt(golden(name + ".rc").trim()));
    }

    /** A device shaped like Linux's veth (its features and driver info), to check ethtool's formats. */
    static final class VethLike extends NetDevice implements EthtoolOps {
        VethLike(NetNs net, String name) {
            super(net, name, ARPHRD_ETHER, 1500, 68, 65535, 1, 1);
            features = Features.RXCSUM | Features.HW_CSUM | Features.SG | Features.ALL_TSO | Features.GSO | Features.HW_VLAN_CTAG_RX
                    | Features.HW_VLAN_CTAG_TX;
            hwFeatures = features | Features.GRO;
        }

        @Override
        public int startXmit(SkBuff skb, NetdevQueue txq) {
            skb.free();
            return NETDEV_TX_OK;
        }

        @Override
        public DriverInfo driverInfo() {
            return new DriverInfo("veth", "1.0", "", "", "", true, false, false, false, false);
        }

        @Override
        public String unmodelledFeature(String n) {
            return switch (n) {
                case "tx-checksum-sctp", "tx-scatter-gather-fraglist", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation",
                        "tx-tcp-accecn-segmentation", "highdma", "tx-gre-segmentation", "tx-gre-csum-segmentation",
                        "tx-ipxip4-segmentation", "tx-ipxip6-segmentation", "tx-udp_tnl-segmentation", "tx-udp_tnl-csum-segmentation",
                        "tx-sctp-segmentation", "tx-udp-segmentation", "tx-gso-list", "tx-vlan-stag-hw-insert", "rx-vlan-stag-hw-parse" -> "on";
                case "tx-nocache-copy", "rx-gro-list", "rx-udp-gro-forwarding" -> "off";
                default -> null;
            };
        }
    }

    private VethLike veth() {
        VethLike v = new VethLike(h.net, "vt0");
        h.net.register(v);
        return v;
    }

    private Nic nic() {
        Nic n = Nic.create(h.softnet, "eth0", Frames.MAC_B, 2);
        n.open();
        return n;
    }

    // ---- formats, against the real tool ----

    @Test
    void ringsCoalesceChannelsRxfhAndFlowHashPrintAsEthtoolDoes() throws IOException {
        assertThat(Ethtool.formatRings("eth0", 256, -1, -1, 256, 256, -1, -1, 256, false)).isEqualTo(golden("virtio-g.out"));
        assertThat(Ethtool.formatCoalesce("eth0", false, null, 0, 1, 0, 1)).isEqualTo(golden("virtio-c.out"));
        assertThat(Ethtool.formatChannels("eth0", -1, -1, -1, 1, -1, -1, -1, 1)).isEqualTo(golden("virtio-l.out"));
        assertThat(Ethtool.formatRxfh("eth0", 1, null, null)).isEqualTo(golden("virtio-x.out"));
        assertThat(Ethtool.formatRxFlowHash("TCP over IPV4 flows", 0)).isEqualTo(golden("virtio-n-tcp4.out"));
    }

    @Test
    void featuresAndDriverInfoOfAVethShapedDevice() throws IOException {
        veth();
        assertGolden("veth-k", "-k vt0");
        assertGolden("veth-i", "-i vt0");
    }

    @Test
    void loopbackFeaturesAndWhatLoDoesNotSupport() throws IOException {
        Loopback.create(h.softnet);
        assertGolden("lo-k", "-k lo");
        assertGolden("lo-i", "-i lo");
        assertGolden("lo-S", "-S lo");
        assertGolden("lo-g", "-g lo");
        assertGolden("lo-x", "-x lo");
    }

    @Test
    void setFeaturesReportsWhatCouldNotChange() throws IOException {
        veth();
        assertGolden("veth-K-lro-on", "-K vt0 lro on");
        assertGolden("veth-K-gro-on-lro-on", "-K vt0 gro on lro on");
        assertGolden("veth-K-gro-off", "-K vt0 gro off");
        assertGolden("veth-K-gro-noarg", "-K vt0 gro");
    }

    @Test
    void errorsReadAsEthtoolsAndNetlinks() throws IOException {
        nic();
        assertGolden("nosuch-g", "-g nosuch");
        assertGolden("nosuch-x", "-x nosuch");
        assertGolden("nosuch-S", "-S nosuch");
        assertGolden("nosuch-i", "-i nosuch");
        assertGolden("nosuch-k", "-k nosuch");
        assertGolden("nosuch-K", "-K nosuch gro on");
        assertGolden("noargs", "");
        // The NIC's limits differ from virtio's, the messages and attribute offsets do not.
        assertGolden("virtio-G-rx-5000", "-G eth0 rx 5000");
        assertGolden("virtio-G-foo", "-G eth0 foo 5");
        assertGolden("virtio-G-rx-novalue", "-G eth0 rx");
        assertGolden("virtio-L-combined-9", "-L eth0 combined 9");
        assertGolden("virtio-L-combined-0", "-L eth0 combined 0");
        assertGolden("virtio-C-rx-usecs-abc", "-C eth0 rx-usecs abc");
        assertGolden("virtio-C-foo", "-C eth0 foo 1");
        assertGolden("virtio-X-equal-0", "-X eth0 equal 0");
    }

    // ---- the NIC through ethtool ----

    @Test
    void nicDriverInfoRingsChannelsAndCoalescing() {
        nic();
        assertThat(run("-i eth0").out()).startsWith("driver: weir_nic\nversion: 1.0\n").contains("supports-statistics: yes\n");
        assertThat(run("-g eth0").out()).isEqualTo(Ethtool.formatRings("eth0", 4096, -1, -1, 4096, 256, -1, -1, 256, false));
        assertThat(run("-l eth0").out()).isEqualTo(Ethtool.formatChannels("eth0", -1, -1, -1, 2, -1, -1, -1, 2));
        assertThat(run("-c eth0").out()).isEqualTo(Ethtool.formatCoalesce("eth0", null, null, 8, 128, 16, 32));
    }

    @Test
    void setRingChannelsAndCoalescing() {
        Nic n = nic();
        assertThat(run("-G eth0 rx 1024 tx 512").rc()).isZero();
        assertThat(n.ringParams()).isEqualTo(new EthtoolOps.Rings(4096, 4096, 1024, 512));
        Run low = run("-G eth0 rx 10");
        assertThat(low.err()).isEqualTo("netlink error: rx 10 is below the minimum ring size 64\nnetlink error: Invalid argument\n");
        assertThat(low.rc()).isEqualTo(81);
        assertThat(run("-G eth0 rx-mini 1").err()).startsWith("netlink error: requested ring size exceeds maximum (offset 36)");
        assertThat(run("-G eth0 tx-push on").err()).startsWith("netlink error: setting tx push not supported (offset 36)");

        assertThat(run("-C eth0 rx-usecs 20 rx-frames 64").rc()).isZero();
        assertThat(n.coalesceParams()).isEqualTo(new EthtoolOps.Coalesce(20, 64, 16, 32));
        Run adaptive = run("-C eth0 rx-frames 4 adaptive-rx on");
        assertThat(adaptive.err()).isEqualTo("netlink error: cannot modify an unsupported parameter (offset 44)\nnetlink error: Invalid argument\n");
        assertThat(n.coalesceParams().rxFrames()).isEqualTo(64);

        assertThat(run("-L eth0 combined 1").rc()).isZero();
        assertThat(n.channels()).isEqualTo(1);
        assertThat(run("-L eth0 rx 1").err()).startsWith("netlink error: requested channel count exceeds maximum (offset 36)");
    }

    @Test
    void featuresOfTheNicAndTheirDependencies() {
        Nic n = nic();
        String k = run("-k eth0").out();
        assertThat(k).contains("rx-checksumming: on\n", "tx-checksumming: on\n\ttx-checksum-ipv4: on\n\ttx-checksum-ip-generic: off [fixed]\n",
                "\ttx-tcp-segmentation: on\n", "generic-receive-offload: on\n", "large-receive-offload: off [fixed]\n", "receive-hashing: on\n",
                "highdma: on [fixed]\n");

        assertThat(run("-K eth0 gro off").out()).isEmpty();
        assertThat(n.hasFeature(Features.GRO)).isFalse();
        assertThat(n.napi(0).groEnabled()).isFalse();

        // Linux drops TSO and GSO without scatter-gather, and brings them back with it.
        assertThat(run("-K eth0 sg off").out()).isEqualTo("Actual changes:\ntx-scatter-gather: off\ntx-generic-segmentation: off [not requested]\n"
                + "tx-tcp-segmentation: off [not requested]\ntx-tcp6-segmentation: off [not requested]\n");
        assertThat(run("-k eth0").out()).contains("tcp-segmentation-offload: off\n\ttx-tcp-segmentation: off [requested on]\n");
        // "sg" also asks for the fraglist feature, which this NIC does not have (off [fixed]).
        assertThat(run("-K eth0 sg on").out()).isEqualTo("Actual changes:\ntx-scatter-gather: on\ntx-scatter-gather-fraglist: off [requested on]\n"
                + "tx-generic-segmentation: on [not requested]\ntx-tcp-segmentation: on [not requested]\ntx-tcp6-segmentation: on [not requested]\n");
        assertThat(n.hasFeature(Features.TSO)).isTrue();

        Run bad = run("-K eth0 foo on");
        assertThat(bad.err()).isEqualTo("netlink error: bit name not found (offset 56)\nnetlink error: Operation not supported\n");
        assertThat(bad.rc()).isEqualTo(92);
        assertThat(run("-K eth0 rx-gro off").rc()).as("a kernel feature name works too").isZero();
    }

    @Test
    void rssTableKeyAndFlowHashFields() {
        Nic n = nic();
        String x = run("-x eth0").out();
        assertThat(x).startsWith("RX flow hash indirection table for eth0 with 2 RX ring(s):\n"
                + "    0:      0     1     0     1     0     1     0     1\n");
        assertThat(x.lines().filter(l -> l.matches(" +\\d+: .*")).count()).isEqualTo(16);
        assertThat(x).contains("RSS hash key:\n" + hex(n.rss().key()) + "\n");

        assertThat(run("-X eth0 weight 1 3").rc()).isZero();
        assertThat(n.rss().table(0)).isZero();
        assertThat(n.rss().table(32)).isEqualTo(1);
        assertThat(n.rss().table(127)).isEqualTo(1);
        Run tooLow = run("-L eth0 combined 1");
        assertThat(tooLow.err()).isEqualTo("netlink error: requested channel counts are too low for existing indirection table settings\n"
                + "netlink error: Invalid argument\n");
        assertThat(run("-X eth0 equal 3").err()).isEqualTo("Cannot set RX flow hash configuration: Invalid argument\n");
        assertThat(run("-X eth0 weight 0 0").err()).isEqualTo("At least one weight must be non-zero\n");
        assertThat(run("-X eth0 equal 2 weight 1").err()).isEqualTo("Equal and weight options are mutually exclusive\n");
        Run shortKey = run("-X eth0 hkey 01:02:03");
        assertThat(shortKey.err()).isEqualTo("Key is too short for device (3 < 40)\n");
        assertThat(shortKey.rc()).isEqualTo(2);
        assertThat(run("-X eth0 hkey " + hex(RssTest.MS_KEY)).rc()).isZero();
        assertThat(n.rss().key()).isEqualTo(RssTest.MS_KEY);
        assertThat(run("-X eth0 default").rc()).isZero();
        assertThat(n.rss().userConfigured()).isFalse();

        assertThat(run("-n eth0 rx-flow-hash udp4").out()).isEqualTo("UDP over IPV4 flows use these fields for computing Hash flow key:\nIP SA\nIP DA\n\n");
        assertThat(run("-N eth0 rx-flow-hash udp4 sdfn").rc()).isZero();
        assertThat(run("-n eth0 rx-flow-hash udp4").out()).isEqualTo("UDP over IPV4 flows use these fields for computing Hash flow key:\n"
                + "IP SA\nIP DA\nL4 bytes 0 & 1 [TCP/UDP src port]\nL4 bytes 2 & 3 [TCP/UDP dst port]\n\n");
        assertThat(run("-N eth0 rx-flow-hash tcp4 sd").err()).isEqualTo("Cannot change RX network flow hashing options: Invalid argument\n");
    }

    private static String hex(byte[] k) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < k.length; i++) {
            sb.append(String.format("%02x", k[i] & 0xff)).append(i < k.length - 1 ? ":" : "");
        }
        return sb.toString();
    }

    @Test
    void statisticsUseDriverNames() {
        nic();
        String s = run("-S eth0").out();
        assertThat(s).startsWith("NIC statistics:\n     rx_packets: 0\n     rx_bytes: 0\n     tx_packets: 0\n     tx_bytes: 0\n     rx_missed: 0\n");
        assertThat(s).contains("     rx_queue_1_packets: 0\n", "     tx_queue_0_packets: 0\n", "     rx_gro_merged: 0\n");
    }

    @Test
    void linkSettings() {
        veth();
        Loopback.create(h.softnet);
        nic();
        assertThat(run("lo").out()).isEqualTo("Settings for lo:\n\tLink detected: yes\n");
        assertThat(run("eth0").out()).startsWith("Settings for eth0:\n\tSupported ports: [  ]\n").endsWith("\tLink detected: no\n");
    }
}
