package dev.weir.tools.packetdrill;

/**
 * How the sequence numbers written in a script map to the numbers on the wire, for the
 * connection under test. Scripts number like tcpdump: on segments with SYN set, sequence and
 * acknowledgment numbers are absolute; on all others they count from the initial sequence
 * number (ISN) of the side they belong to. The runner injects the remote side exactly as
 * scripted, so the remote ISN is the sequence number of the script's inbound SYN (passive open)
 * or SYN-ACK (active open), usually 0; the local ISN is whatever the stack chose, learned from
 * the first SYN or SYN-ACK it sends, and the script's outbound SYN names it (usually 0).
 *
 * <pre>
 *                       seq field                       ack field and SACK edges
 * inbound  (&lt;)  SYN     script (absolute)               script + (local live ISN - local script ISN)
 *                other   script + remote ISN             script + local live ISN
 * outbound (&gt;)  SYN     live - (local live - script ISN) live (absolute)
 *                other   live - local live ISN           live - remote ISN
 * ICMP quoting a TCP header: script + local live ISN
 * </pre>
 * All arithmetic is modulo 2<sup>32</sup>; values are unsigned 32-bit numbers in a {@code long}.
 * Mirrors packetdrill's {@code socket.h} offsets and {@code run_packet.c} mapping.
 */
public final class SeqSpace {
    private static final long MASK = 0xffff_ffffL;

    private long remoteIsn;
    private long localScriptIsn;
    private long localLiveIsn;
    private boolean remoteKnown;
    private boolean localKnown;

    /**
     * The remote ISN, from the script's inbound SYN (creating a connection on a listener) or the
     * inbound SYN-ACK answering the stack's SYN.
     */
    public void learnRemoteIsn(long scriptSeq) {
        remoteIsn = scriptSeq & MASK;
        remoteKnown = true;
    }

    /**
     * The local ISNs, from the stack's SYN or SYN-ACK matched against the script's {@code > S}
     * or {@code > S.} line: the script's sequence number and the one the stack sent.
     */
    public void learnLocalIsn(long scriptSeq, long liveSeq) {
        localScriptIsn = scriptSeq & MASK;
        localLiveIsn = liveSeq & MASK;
        localKnown = true;
    }

    public boolean remoteKnown() {
        return remoteKnown;
    }

    public boolean localKnown() {
        return localKnown;
    }

    public long remoteIsn() {
        return remoteIsn;
    }

    public long localLiveIsn() {
        return localLiveIsn;
    }

    /** The sequence number to inject for a scripted inbound segment. */
    public long inboundSeq(long scriptSeq, boolean syn) {
        return (scriptSeq + (syn ? 0 : remoteIsn)) & MASK;
    }

    /** The ack number (or SACK edge) to inject for a scripted inbound segment. */
    public long inboundAck(long scriptAck, boolean syn) {
        return (scriptAck + (syn ? localLiveIsn - localScriptIsn : localLiveIsn)) & MASK;
    }

    /** The sequence number to write in the TCP header an inbound ICMP error quotes. */
    public long icmpQuotedSeq(long scriptSeq) {
        return (scriptSeq + localLiveIsn) & MASK;
    }

    /** A sequence number the stack sent, in script terms, to compare with the script's. */
    public long outboundSeq(long liveSeq, boolean syn) {
        return (liveSeq - (syn ? localLiveIsn - localScriptIsn : localLiveIsn)) & MASK;
    }

    /** An ack number (or SACK edge) the stack sent, in script terms. */
    public long outboundAck(long liveAck, boolean syn) {
        return (liveAck - (syn ? 0 : remoteIsn)) & MASK;
    }
}
