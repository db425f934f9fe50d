package dev.weir.nic;

/**
 * What a device offers the {@code ethtool} command (Linux's {@code struct ethtool_ops}): every
 * operation is optional, and a device that does not implement one is answered "Operation not
 * supported" as Linux answers for a driver without the op. Offload features ({@code -k/-K})
 * and statistics ({@code -S}, from {@link dev.weir.core.NetDevice#ethtoolStats()}) need no op,
 * but {@code -S} answers only for devices whose {@link #driverInfo()} says they support it.
 *
 * <p>Setters throw {@link IllegalArgumentException} for a value the driver refuses (printed as
 * {@code netlink error: <message>} then "Invalid argument") and {@link IllegalStateException}
 * for a change the current configuration forbids.
 */
public interface EthtoolOps {
    /** {@code ethtool -i}. */
    record DriverInfo(String driver, String version, String firmwareVersion, String expansionRomVersion, String busInfo,
            boolean supportsStatistics, boolean supportsTest, boolean supportsEepromAccess, boolean supportsRegisterDump,
            boolean supportsPrivFlags) {}

    /** {@code ethtool -g}: pre-set maximums and current sizes, in descriptors. */
    record Rings(int rxMax, int txMax, int rx, int tx) {}

    /** {@code ethtool -c}: interrupt moderation (adaptive moderation is not modelled: always off). */
    record Coalesce(int rxUsecs, int rxFrames, int txUsecs, int txFrames) {}

    /** {@code ethtool -l}: combined channels only. */
    record Channels(int maxCombined, int combined) {}

    /** {@code ethtool -i}; null when the driver gives none. */
    default DriverInfo driverInfo() {
        return null;
    }

    default Rings ringParams() {
        return null;
    }

    default void setRingParams(int rx, int tx) {
        throw new UnsupportedOperationException("set ring parameters");
    }

    default Coalesce coalesceParams() {
        return null;
    }

    default void setCoalesceParams(Coalesce c) {
        throw new UnsupportedOperationException("set coalescing parameters");
    }

    default Channels channelParams() {
        return null;
    }

    default void setChannels(int combined) {
        throw new UnsupportedOperationException("set channels");
    }

    /** Receive rings RSS spreads over (ETHTOOL_GRXRINGS); 0 when the device has no RSS. */
    default int rxRingCount() {
        return 0;
    }

    /** The device's RSS configuration ({@code -x/-X}, {@code -n/-N rx-flow-hash}), or null. */
    default Rss rss() {
        return null;
    }

    /**
     * How {@code ethtool -k} shows a kernel feature Weir does not model (highdma, tx-gso-list,
     * ...): "on", "off", "on [fixed]" ...; null means "off [fixed]".
     */
    default String unmodelledFeature(String kernelName) {
        return null;
    }
}
