package dev.weir.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A device's standard counters, Linux's {@code rtnl_link_stats64} as {@code ip -s link} prints
 * them. Drivers keep their own finer counters for {@code ethtool -S} besides these.
 */
public final class DeviceStats {
    public long rxPackets;
    public long txPackets;
    public long rxBytes;
    public long txBytes;
    public long rxErrors;
    public long txErrors;
    public long rxDropped;
    public long txDropped;
    public long multicast;
    public long collisions;
    public long rxLengthErrors;
    public long rxOverErrors;
    public long rxCrcErrors;
    public long rxFrameErrors;
    public long rxFifoErrors;
    /** Frames the NIC could not place because no rx descriptor was free (ring full). */
    public long rxMissedErrors;
    public long txAbortedErrors;
    public long txCarrierErrors;
    public long txFifoErrors;
    /** Frames that reached the stack but no protocol handler wanted (Linux's rx_nohandler). */
    public long rxNohandler;

    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("rx_packets", rxPackets);
        m.put("tx_packets", txPackets);
        m.put("rx_bytes", rxBytes);
        m.put("tx_bytes", txBytes);
        m.put("rx_errors", rxErrors);
        m.put("tx_errors", txErrors);
        m.put("rx_dropped", rxDropped);
        m.put("tx_dropped", txDropped);
        m.put("multicast", multicast);
        m.put("collisions", collisions);
        m.put("rx_length_errors", rxLengthErrors);
        m.put("rx_over_errors", rxOverErrors);
        m.put("rx_crc_errors", rxCrcErrors);
        m.put("rx_frame_errors", rxFrameErrors);
        m.put("rx_fifo_errors", rxFifoErrors);
        m.put("rx_missed_errors", rxMissedErrors);
        m.put("tx_aborted_errors", txAbortedErrors);
        m.put("tx_carrier_errors", txCarrierErrors);
        m.put("tx_fifo_errors", txFifoErrors);
        m.put("rx_nohandler", rxNohandler);
        return m;
    }
}
