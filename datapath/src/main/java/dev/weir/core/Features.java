package dev.weir.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Device offload features (Linux's {@code NETIF_F_*}), with the names {@code ethtool -k} prints
 * and the short names {@code ethtool -K} takes.
 */
public final class Features {
    private Features() {}

    public static final long SG = 1L;
    public static final long IP_CSUM = 1L << 1;
    public static final long HW_CSUM = 1L << 2;
    public static final long IPV6_CSUM = 1L << 3;
    public static final long RXCSUM = 1L << 4;
    public static final long TSO = 1L << 5;
    public static final long TSO6 = 1L << 6;
    public static final long GSO = 1L << 7;
    public static final long GRO = 1L << 8;
    public static final long LRO = 1L << 9;
    public static final long RXHASH = 1L << 10;
    public static final long HW_VLAN_CTAG_RX = 1L << 11;
    public static final long HW_VLAN_CTAG_TX = 1L << 12;
    public static final long NTUPLE = 1L << 13;
    /** Set on loopback: never leaves the host, so checksums need not be computed. */
    public static final long LOOPBACK = 1L << 14;

    /** Any transmit checksum offload. */
    public static final long TX_CSUM = IP_CSUM | HW_CSUM | IPV6_CSUM;
    /** Both TSO variants. */
    public static final long ALL_TSO = TSO | TSO6;

    /** ethtool -k line name, ethtool -K short name, bits. Order is ethtool's. */
    public record Named(String longName, String shortName, long bits) {}

    public static final Named[] NAMED = {
        new Named("rx-checksumming", "rx", RXCSUM),
        new Named("tx-checksumming", "tx", TX_CSUM),
        new Named("scatter-gather", "sg", SG),
        new Named("tcp-segmentation-offload", "tso", ALL_TSO),
        new Named("generic-segmentation-offload", "gso", GSO),
        new Named("generic-receive-offload", "gro", GRO),
        new Named("large-receive-offload", "lro", LRO),
        new Named("rx-vlan-offload", "rxvlan", HW_VLAN_CTAG_RX),
        new Named("tx-vlan-offload", "txvlan", HW_VLAN_CTAG_TX),
        new Named("ntuple-filters", "ntuple", NTUPLE),
        new Named("receive-hashing", "rxhash", RXHASH),
    };

    /** The feature a short or long name means, or null. */
    public static Named byName(String name) {
        for (Named n : NAMED) {
            if (n.shortName.equals(name) || n.longName.equals(name)) {
                return n;
            }
        }
        return null;
    }

    /** ethtool -k style listing: name, on/off, [fixed]. */
    public static Map<String, String> describe(long active, long changeable) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Named n : NAMED) {
            boolean on = (active & n.bits) != 0;
            boolean fixed = (changeable & n.bits) == 0;
            m.put(n.longName, (on ? "on" : "off") + (fixed ? " [fixed]" : ""));
        }
        return m;
    }
}
