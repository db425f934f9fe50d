package dev.weir.link;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of one {@link LinkDirection}. Every frame handed to {@link LinkEnd#transmit} is either
 * refused at once (queue full, too big, link down) or goes onto the line ({@link #txPackets()});
 * every frame on the line, and every duplicate made of one, ends in exactly one of: lost,
 * delivered, dropped because the link went down, dropped for want of a port. So, once nothing is
 * queued or in flight:
 *
 * <pre>
 * offered          = tx + droppedQueueFull + droppedTooBig + droppedLinkDown(refused or queued)
 * tx + duplicated  = droppedLossRandom + droppedLossBurst + delivered + droppedNoPort
 *                    + droppedLinkDown(on the line or in flight)
 * </pre>
 *
 * {@link #droppedLinkDown()} holds both kinds of link-down drop.
 */
public final class LinkStats {
    long txPackets;
    long txBytes;
    long deliveredPackets;
    long deliveredBytes;
    long droppedQueueFull;
    long droppedLossRandom;
    long droppedLossBurst;
    long droppedTooBig;
    long droppedLinkDown;
    long droppedNoPort;
    long corrupted;
    long duplicated;
    long reordered;

    /** Frames that started onto the wire. */
    public long txPackets() {
        return txPackets;
    }

    public long txBytes() {
        return txBytes;
    }

    /** Frames handed to the receiving port, duplicates included. */
    public long deliveredPackets() {
        return deliveredPackets;
    }

    public long deliveredBytes() {
        return deliveredBytes;
    }

    /** Tail drops: the frame found the link queue at its packet or byte limit. */
    public long droppedQueueFull() {
        return droppedQueueFull;
    }

    /** Lost on the wire to Bernoulli (random) loss. */
    public long droppedLossRandom() {
        return droppedLossRandom;
    }

    /** Lost on the wire to Gilbert–Elliott (burst) loss. */
    public long droppedLossBurst() {
        return droppedLossBurst;
    }

    /** Refused at transmit: L3 payload above the MTU. */
    public long droppedTooBig() {
        return droppedTooBig;
    }

    /** Refused while the link was down, or queued, on the line or in flight when it went down. */
    public long droppedLinkDown() {
        return droppedLinkDown;
    }

    /** Arrived at an end with no port attached. */
    public long droppedNoPort() {
        return droppedNoPort;
    }

    /** Frames delivered with one bit flipped. */
    public long corrupted() {
        return corrupted;
    }

    /** Extra copies delivered. */
    public long duplicated() {
        return duplicated;
    }

    /** Frames delivered ahead of a frame sent before them. */
    public long reordered() {
        return reordered;
    }

    /** All drops, whatever the cause. */
    public long dropped() {
        return droppedQueueFull + droppedLossRandom + droppedLossBurst + droppedTooBig + droppedLinkDown + droppedNoPort;
    }

    /** The counters by name, in a fixed order, for reports and JSON output. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("tx_packets", txPackets);
        m.put("tx_bytes", txBytes);
        m.put("delivered_packets", deliveredPackets);
        m.put("delivered_bytes", deliveredBytes);
        m.put("dropped_queue_full", droppedQueueFull);
        m.put("dropped_loss_random", droppedLossRandom);
        m.put("dropped_loss_burst", droppedLossBurst);
        m.put("dropped_too_big", droppedTooBig);
        m.put("dropped_link_down", droppedLinkDown);
        m.put("dropped_no_port", droppedNoPort);
        m.put("corrupted", corrupted);
        m.put("duplicated", duplicated);
        m.put("reordered", reordered);
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LinkStats[");
        boolean first = true;
        for (Map.Entry<String, Long> e : asMap().entrySet()) {
            if (e.getValue() != 0) {
                sb.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
                first = false;
            }
        }
        return sb.append(']').toString();
    }
}
