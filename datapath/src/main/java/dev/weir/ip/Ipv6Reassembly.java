package dev.weir.ip;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv6ExtHeaders;
import dev.weir.api.wire.Ipv6FragmentHeader;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.WireError;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.core.NetNs;
import dev.weir.skb.SkBuff;

/**
 * IPv6 reassembly, as Linux's {@code ipv6/reassembly.c} ({@code ipv6_frag_rcv}): queues keyed by
 * identification, source and destination (and the arrival device when the destination is
 * link-local or multicast); not by Next Header, which RFC 8200 section 4.5 lets differ between
 * fragments (only the first one's counts). Held for {@code ip6frag_time} (60 s), bounded by
 * {@code ip6frag_high_thresh} / {@code ip6frag_low_thresh}.
 *
 * <p>Rules, in order (RFC 8200 section 4.5, RFC 5722, RFC 6946, RFC 7112, Linux):
 * <ul>
 *   <li>{@code Ip6ReasmReqds} counts every fragment header. A payload length of 0 (jumbogram)
 *       is a header error: parameter problem code 0 pointing past the fixed header.
 *   <li>An atomic fragment (offset 0, M clear; RFC 6946) is a whole packet: {@code Ip6ReasmOKs},
 *       and processing goes on after its fragment header.
 *   <li>A first fragment that does not hold the whole upper-layer header (RFC 7112): parameter
 *       problem code 3, pointer 0, {@code Ip6InHdrErrors}.
 *   <li>A fragment reaching past 65535 bytes: parameter problem code 0 pointing at its Fragment
 *       Offset field; a non-last fragment whose length is no multiple of 8: parameter problem
 *       code 0 pointing at the Payload Length (RFC 8200 section 4.5); both {@code Ip6InHdrErrors}.
 *   <li>Length conflicts and empty fragments destroy the queue ({@code Ip6ReasmFails}); a
 *       fragment wholly inside queued data is a dropped duplicate (DUP_FRAG); any other overlap
 *       destroys the whole datagram (RFC 5722 section 4), its fragments dropped as DUP_FRAG.
 *   <li>Complete: the first fragment's unfragmentable part, with the Next Header that named the
 *       Fragment header now naming what the first fragment's Fragment header named, then the
 *       data; payload length set, ECN combined. More than 65535 bytes of payload: PKT_TOO_BIG.
 *   <li>Timeout: {@code Ip6ReasmTimeout}, {@code Ip6ReasmFails}, and a time exceeded code 1
 *       quoting the first fragment if it came.
 * </ul>
 */
public final class Ipv6Reassembly extends FragQueues {
    private final Ipv6ExtHeaders walker = new Ipv6ExtHeaders();
    private long overlaps;

    Ipv6Reassembly(NetNs net, IpSysctls sys, FragIcmp icmp) {
        super(net, icmp, Mib.Ip6ReasmFails, Mib.Ip6ReasmTimeout, sys.ip6fragHighThresh, sys.ip6fragLowThresh, sys.ip6fragTime,
                "ipv6-frag-expire");
    }

    /** Datagrams destroyed for overlapping fragments (Linux counts them but /proc/net/snmp6 does not show it). */
    public long overlaps() {
        return overlaps;
    }

    /**
     * {@code ipv6_frag_rcv} for the Fragment header at {@code fragHdr} (an absolute offset in the
     * buffer) of {@code skb}, whose data is at its IPv6 header and whose length is the packet's;
     * {@code nhoff} is the offset from the network header of the Next Header octet that names
     * the Fragment header. Returns the packet to go on with: the same buffer for an atomic
     * fragment (its Fragment header still in place, noted in the cb), the reassembled packet
     * (without Fragment header) when this fragment completed it, or null when it was queued or
     * dropped.
     */
    public SkBuff defrag(SkBuff skb, int fragHdr, int nhoff) {
        counters.inc(Mib.Ip6ReasmReqds);
        byte[] b = skb.buf();
        int nh = skb.data();
        int payloadLen = Bytes.u16(b, nh + Ipv6Packet.PAYLOAD_LENGTH_OFFSET);
        if (payloadLen == 0 || fragHdr + Ipv6FragmentHeader.LEN > skb.data() + skb.headLen()) {
            counters.inc(Mib.Ip6InHdrErrors);
            icmp.parameterProblem(skb, Icmpv6Packet.PARAMPROB_HEADER_FIELD, fragHdr - nh);
            return null;
        }
        int word = Bytes.u16(b, fragHdr + Ipv6FragmentHeader.OFFSET_FLAGS_OFFSET);
        int offset = word & ~7;
        boolean more = (word & 1) != 0;
        if (offset == 0 && !more) {
            counters.inc(Mib.Ip6ReasmOKs);
            IpCb.setNhoff(skb, fragHdr - nh);
            IpCb.addFlags(skb, IpCb.FRAGMENTED | IpCb.ATOMIC_FRAGMENT);
            IpCb.setFragMaxSize(skb, payloadLen + Ipv6Packet.HEADER_LEN);
            return skb;
        }
        if (offset == 0 && upperHeaderTruncated(skb, fragHdr)) {
            counters.inc(Mib.Ip6InHdrErrors);
            icmp.parameterProblem(skb, PARAMPROB_HEADER_INCOMPLETE, 0);
            return null;
        }
        long dstHi = Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET);
        int iif = IpCb.iif(skb);
        // The arrival device is part of the key only for scoped destinations (link-local, multicast).
        boolean scoped = (dstHi >>> 56) == 0xff || (dstHi & 0xffc0_0000_0000_0000L) == 0xfe80_0000_0000_0000L;
        FragQueue q = find(Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET), Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET + 8),
                dstHi, Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET + 8),
                Bytes.i32(b, fragHdr + Ipv6FragmentHeader.IDENTIFICATION_OFFSET), -1, 0, scoped ? iif : 0);
        if (q == null) {
            countFailure();
            net.drop(skb, DropReason.FRAG_TOO_FAR);
            return null;
        }
        return queue(q, skb, fragHdr, nhoff, offset, more, payloadLen);
    }

    /** ICMPv6 parameter problem code 3 (RFC 7112): IPv6 first fragment has incomplete header chain. */
    static final int PARAMPROB_HEADER_INCOMPLETE = 3;

    /** {@code ipv6frag_thdr_truncated}: the first fragment lacks part of the upper-layer header. */
    private boolean upperHeaderTruncated(SkBuff skb, int fragHdr) {
        int end = skb.data() + skb.headLen();
        int after = fragHdr + Ipv6FragmentHeader.LEN;
        if (walker.walk(skb.buf(), after, end - after, skb.buf()[fragHdr] & 0xff) != WireError.OK) {
            return false; // Linux's ipv6_skip_exthdr gives up: not judged here
        }
        int need = switch (walker.upperLayerProtocol()) {
            case IpProtocol.TCP -> 20;
            case IpProtocol.UDP, IpProtocol.ICMPV6 -> 8;
            default -> 1;
        };
        return walker.upperLayerOffset() + need > end;
    }

    /** {@code ip6_frag_queue}. */
    private SkBuff queue(FragQueue q, SkBuff skb, int fragHdr, int nhoff, int offset, boolean more, int payloadLen) {
        byte[] b = skb.buf();
        int nh = skb.data();
        int dataAt = fragHdr + Ipv6FragmentHeader.LEN;
        int end = offset + payloadLen - (dataAt - nh - Ipv6Packet.HEADER_LEN);
        if (end > 65_535) {
            counters.inc(Mib.Ip6InHdrErrors);
            icmp.parameterProblem(skb, Icmpv6Packet.PARAMPROB_HEADER_FIELD, fragHdr + Ipv6FragmentHeader.OFFSET_FLAGS_OFFSET - nh);
            return null;
        }
        int tc = (Bytes.u16(b, nh) >>> 4) & 0xff;
        if (more && (end & 7) != 0) {
            // RFC 8200 section 4.5: every fragment but the last is a multiple of 8 octets long.
            counters.inc(Mib.Ip6InHdrErrors);
            icmp.parameterProblem(skb, Icmpv6Packet.PARAMPROB_HEADER_FIELD, Ipv6Packet.PAYLOAD_LENGTH_OFFSET);
            return null;
        }
        if (!checkEnd(q, skb, offset, end, !more)) {
            return null;
        }
        skb.setNetworkHeader(nh);
        skb.pull(dataAt - nh);
        skb.trim(end - offset);

        if (!add(q, skb, offset, end, tc, skb.len() + (dataAt - nh))) {
            return null;
        }
        if (offset == 0) {
            IpCb.setNhoff(skb, nhoff);
        }
        return complete(q) ? reassemble(q, skb) : null;
    }

    @Override
    void overlapped() {
        overlaps++;
    }

    /** {@code ip6_frag_reasm}. */
    private SkBuff reassemble(FragQueue q, SkBuff last) {
        unlink(q);
        q.flags |= FragQueue.COMPLETE;
        SkBuff head = q.frags.peekFirst();
        int headNh = head.networkHeader();
        int fragHdr = head.data() - Ipv6FragmentHeader.LEN;
        int unfrag = fragHdr - headNh;
        int payloadLen = unfrag - Ipv6Packet.HEADER_LEN + q.len;
        int ecn = ECN_TABLE[q.ecn];
        if (payloadLen > 65_535 || ecn == 0xff) {
            failReassembly(q, payloadLen > 65_535 ? DropReason.PKT_TOO_BIG : DropReason.IP_INHDR);
            return null;
        }
        int nhoff = IpCb.nhoff(head);
        byte[] hb = head.buf();
        System.arraycopy(hb, headNh, scratch, 0, unfrag);
        scratch[nhoff] = hb[fragHdr];
        int fragMax = q.maxSize;
        int dataLen = q.len;
        gather(q, unfrag, last);
        release(q);

        Bytes.put16(scratch, Ipv6Packet.PAYLOAD_LENGTH_OFFSET, payloadLen);
        scratch[1] |= (byte) (ecn << 4); // the ECN bits are the low two of the traffic class
        Skbs.refill(last, net.pool(), scratch, unfrag + dataLen, unfrag);
        last.setTransportHeader(last.data() + unfrag);
        last.setIpSummed(SkBuff.CHECKSUM_NONE);
        IpCb.setNhoff(last, nhoff);
        IpCb.addFlags(last, IpCb.FRAGMENTED);
        IpCb.setFragMaxSize(last, fragMax);
        counters.inc(Mib.Ip6ReasmOKs);
        return last;
    }
}
