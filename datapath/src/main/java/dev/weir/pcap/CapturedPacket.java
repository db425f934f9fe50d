package dev.weir.pcap;

import java.util.Arrays;
import java.util.Objects;

/**
 * One packet record of a capture file, as {@link CaptureReader} returns it from pcap or pcapng
 * alike: what a packet printer or a test needs, independent of the file format.
 *
 * <p>{@code data} holds the captured bytes (possibly fewer than {@code originalLength} when the
 * capture had a snap length), starting with the link-layer header {@code linkType} names
 * ({@link LinkType}). The record owns its array; readers never reuse it.
 *
 * @param timestampNanos when the packet was seen, in nanoseconds since the Unix epoch (UTC), with
 *     the interface's {@code if_tsoffset} applied; 0 for a pcapng Simple Packet Block, which has none
 * @param interfaceId the pcapng interface (IDB index within its section); 0 for classic pcap
 * @param interfaceName the interface's {@code if_name}, or null when the file names none (always
 *     null for classic pcap)
 * @param linkType the link-layer header type ({@link LinkType})
 * @param originalLength the packet's length on the wire, as the file states it
 * @param data the captured bytes
 * @param direction {@link #DIRECTION_UNKNOWN}, {@link #DIRECTION_INBOUND} or
 *     {@link #DIRECTION_OUTBOUND}: bits 0-1 of the pcapng {@code epb_flags}; unknown for pcap
 * @param comment the packet's {@code opt_comment} (several are joined by newlines), or null
 * @param receptionType {@link #RECEPTION_UNSPECIFIED} ... {@link #RECEPTION_PROMISCUOUS}: bits 2-4
 *     of {@code epb_flags}, the pcapng form of Linux's {@code pkt_type}
 */
public record CapturedPacket(
        long timestampNanos,
        int interfaceId,
        String interfaceName,
        int linkType,
        int originalLength,
        byte[] data,
        int direction,
        String comment,
        int receptionType) {

    /** epb_flags bits 0-1: direction not recorded. */
    public static final int DIRECTION_UNKNOWN = 0;
    /** epb_flags bits 0-1: received by the interface. */
    public static final int DIRECTION_INBOUND = 1;
    /** epb_flags bits 0-1: sent by the interface. */
    public static final int DIRECTION_OUTBOUND = 2;

    /** epb_flags bits 2-4: reception type not recorded. */
    public static final int RECEPTION_UNSPECIFIED = 0;
    /** Addressed to this host (Linux PACKET_HOST). */
    public static final int RECEPTION_UNICAST = 1;
    /** Link-layer multicast (PACKET_MULTICAST). */
    public static final int RECEPTION_MULTICAST = 2;
    /** Link-layer broadcast (PACKET_BROADCAST). */
    public static final int RECEPTION_BROADCAST = 3;
    /** Addressed to another host, seen in promiscuous mode (PACKET_OTHERHOST). */
    public static final int RECEPTION_PROMISCUOUS = 4;

    public CapturedPacket {
        Objects.requireNonNull(data, "data");
    }

    /** A packet without a reception type (the common case, and all that classic pcap can say). */
    public CapturedPacket(long timestampNanos, int interfaceId, String interfaceName, int linkType,
            int originalLength, byte[] data, int direction, String comment) {
        this(timestampNanos, interfaceId, interfaceName, linkType, originalLength, data, direction, comment,
                RECEPTION_UNSPECIFIED);
    }

    /** The number of captured bytes ({@code data.length}). */
    public int capturedLength() {
        return data.length;
    }

    /** True when the capture kept fewer bytes than the packet had (a snap length cut it). */
    public boolean isTruncated() {
        return data.length < originalLength;
    }

    // Records compare arrays by identity; two reads of the same file must compare equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof CapturedPacket p
                && timestampNanos == p.timestampNanos
                && interfaceId == p.interfaceId
                && Objects.equals(interfaceName, p.interfaceName)
                && linkType == p.linkType
                && originalLength == p.originalLength
                && Arrays.equals(data, p.data)
                && direction == p.direction
                && Objects.equals(comment, p.comment)
                && receptionType == p.receptionType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestampNanos, interfaceId, interfaceName, linkType, originalLength,
                Arrays.hashCode(data), direction, comment, receptionType);
    }

    @Override
    public String toString() {
        return "CapturedPacket[t=" + timestampNanos + "ns, if=" + interfaceId
                + (interfaceName == null ? "" : " (" + interfaceName + ")")
                + ", " + LinkType.name(linkType) + ", " + data.length + "/" + originalLength + " bytes"
                + ", dir=" + direction + ", rx=" + receptionType
                + (comment == null ? "" : ", comment=\"" + comment + "\"") + "]";
    }
}
