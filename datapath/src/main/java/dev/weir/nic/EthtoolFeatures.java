package dev.weir.nic;

import dev.weir.core.Features;
import dev.weir.core.NetDevice;

/**
 * The kernel's offload feature names as {@code ethtool -k} lists them (Linux 6.18's
 * {@code netdev_features_strings}, in bit order), which Weir {@link Features} bit each stands
 * for (0: not modelled), and ethtool's legacy flags ({@code off_flag_def}) that group them.
 */
final class EthtoolFeatures {
    private EthtoolFeatures() {}

    static final String[] NAMES = {
        "tx-scatter-gather", "tx-checksum-ipv4", "tx-checksum-ip-generic", "tx-checksum-ipv6", "highdma",
        "tx-scatter-gather-fraglist", "tx-vlan-hw-insert", "rx-vlan-hw-parse", "rx-vlan-filter", "vlan-challenged",
        "tx-generic-segmentation", "rx-gro", "rx-lro", "tx-tcp-segmentation", "tx-gso-robust",
        "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation", "tx-fcoe-segmentation",
        "tx-gre-segmentation", "tx-gre-csum-segmentation", "tx-ipxip4-segmentation", "tx-ipxip6-segmentation",
        "tx-udp_tnl-segmentation", "tx-udp_tnl-csum-segmentation", "tx-gso-partial", "tx-tunnel-remcsum-segmentation",
        "tx-sctp-segmentation", "tx-esp-segmentation", "tx-udp-segmentation", "tx-gso-list", "tx-tcp-accecn-segmentation",
        "tx-checksum-fcoe-crc", "tx-checksum-sctp", "rx-ntuple-filter", "rx-hashing", "rx-checksum", "tx-nocache-copy",
        "loopback", "rx-fcs", "rx-all", "tx-vlan-stag-hw-insert", "rx-vlan-stag-hw-parse", "rx-vlan-stag-filter",
        "l2-fwd-offload", "hw-tc-offload", "esp-hw-offload", "esp-tx-csum-hw-offload", "rx-udp_tunnel-port-offload",
        "tls-hw-tx-offload", "tls-hw-rx-offload", "rx-gro-hw", "tls-hw-record", "rx-gro-list", "macsec-hw-offload",
        "rx-udp-gro-forwarding", "hsr-tag-ins-offload", "hsr-tag-rm-offload", "hsr-fwd-offload", "hsr-dup-offload",
    };

    static final long[] BITS = new long[NAMES.length];

    static {
        bit("tx-scatter-gather", Features.SG);
        bit("tx-checksum-ipv4", Features.IP_CSUM);
        bit("tx-checksum-ip-generic", Features.HW_CSUM);
        bit("tx-checksum-ipv6", Features.IPV6_CSUM);
        bit("tx-vlan-hw-insert", Features.HW_VLAN_CTAG_TX);
        bit("rx-vlan-hw-parse", Features.HW_VLAN_CTAG_RX);
        bit("tx-generic-segmentation", Features.GSO);
        bit("rx-gro", Features.GRO);
        bit("rx-lro", Features.LRO);
        bit("tx-tcp-segmentation", Features.TSO);
        bit("tx-tcp6-segmentation", Features.TSO6);
        bit("rx-ntuple-filter", Features.NTUPLE);
        bit("rx-hashing", Features.RXHASH);
        bit("rx-checksum", Features.RXCSUM);
        bit("loopback", Features.LOOPBACK);
    }

    private static void bit(String name, long b) {
        BITS[index(name)] = b;
    }

    /** ethtool's legacy flag: short name (-K), long name (-k), and the kernel names it covers. */
    record Legacy(String shortName, String longName, String pattern) {}

    static final Legacy[] LEGACY = {
        new Legacy("rx", "rx-checksumming", "rx-checksum"),
        new Legacy("tx", "tx-checksumming", "tx-checksum-*"),
        new Legacy("sg", "scatter-gather", "tx-scatter-gather*"),
        new Legacy("tso", "tcp-segmentation-offload", "tx-tcp*-segmentation"),
        new Legacy("gso", "generic-segmentation-offload", "tx-generic-segmentation"),
        new Legacy("gro", "generic-receive-offload", "rx-gro"),
        new Legacy("lro", "large-receive-offload", "rx-lro"),
        new Legacy("rxvlan", "rx-vlan-offload", "rx-vlan-hw-parse"),
        new Legacy("txvlan", "tx-vlan-offload", "tx-vlan-hw-insert"),
        new Legacy("ntuple", "ntuple-filters", "rx-ntuple-filter"),
        new Legacy("rxhash", "receive-hashing", "rx-hashing"),
    };

    /** The kernel feature's index, or -1. */
    static int index(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** ethtool's flag_pattern_match: exact, or one '*' standing for any middle part. */
    static boolean matches(String name, String pattern) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return name.equals(pattern);
        }
        String pre = pattern.substring(0, star);
        String post = pattern.substring(star + 1);
        return name.length() + 1 >= pattern.length() && name.startsWith(pre) && name.endsWith(post);
    }

    /** The legacy flag (index into LEGACY) feature {@code i} belongs to, or -1. */
    static int legacyOf(int i) {
        for (int j = 0; j < LEGACY.length; j++) {
            if (matches(NAMES[i], LEGACY[j].pattern())) {
                return j;
            }
        }
        return -1;
    }

    /** A feature's state on a device: active, fixed (not changeable), wanted. */
    static final class State {
        final boolean[] active = new boolean[NAMES.length];
        final boolean[] fixed = new boolean[NAMES.length];
        final boolean[] wanted = new boolean[NAMES.length];

        static State of(NetDevice dev) {
            State s = new State();
            EthtoolOps ops = dev instanceof EthtoolOps o ? o : null;
            for (int i = 0; i < NAMES.length; i++) {
                long b = BITS[i];
                if (b != 0) {
                    s.active[i] = (dev.features() & b) != 0;
                    s.fixed[i] = (dev.hwFeatures() & b) == 0;
                    s.wanted[i] = s.fixed[i] ? s.active[i] : (dev.wantedFeatures() & b) != 0;
                } else {
                    String u = ops == null ? null : ops.unmodelledFeature(NAMES[i]);
                    s.active[i] = u != null && u.startsWith("on");
                    s.fixed[i] = u == null || u.endsWith("[fixed]");
                    s.wanted[i] = s.active[i];
                }
            }
            return s;
        }

        /** dump_feature's value: on/off and [fixed] or [requested on|off]. */
        String show(int i) {
            String v = active[i] ? "on" : "off";
            if (fixed[i]) {
                return v + " [fixed]";
            }
            if (active[i] != wanted[i]) {
                return v + (wanted[i] ? " [requested on]" : " [requested off]");
            }
            return v;
        }
    }
}
