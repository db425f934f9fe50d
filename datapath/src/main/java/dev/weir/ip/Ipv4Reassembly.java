package dev.weir.ip;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.core.NetNs;
import dev.weir.skb.SkBuff;

/**
 * IPv4 reassembly, as Linux's {@code ip_fragment.c} ({@code ip_defrag}): queues keyed by source,
 * destination, identification, protocol, and the reassembly user and VRF device; held for
 * {@code ipfrag_time} (30 s); bounded by {@code ipfrag_high_thresh} / {@code ipfrag_low_thresh}
 * and {@code ipfrag_max_dist}.
 *
 * <p>Rules, in the order applied to each fragment (RFC 791 section 3.2, RFC 815, Linux):
 * <ul>
 *   <li>{@code IpReasmReqds} counts every fragment.
 *   <li>{@code ipfrag_max_dist}: when more than that many fragments came from the same source
 *       since this queue's last one, the queue is emptied (fragments dropped as FRAG_TOO_FAR,
 *       counted as a failure) and starts again with this fragment.
 *   <li>The last fragment (MF clear) fixes the length; a last fragment ending before data
 *       already seen, a second last fragment with another end, or a non-last fragment reaching
 *       past a known end destroys the queue (IP_INHDR, {@code IpReasmFails}). A non-last
 *       fragment's length is cut to a multiple of 8. An empty fragment destroys the queue too.
 *   <li>A fragment lying wholly inside data already queued is a duplicate: it alone is dropped
 *       (DUP_FRAG). Any other overlap destroys the queue, counted in {@code IpExtReasmOverlaps}
 *       and {@code IpReasmFails}, every fragment dropped as DUP_FRAG.
 *   <li>When the first (offset 0) and last fragments are in and every byte between, the
 *       datagram is rebuilt: the first fragment's header with the total length set, the fragment
 *       offset and MF cleared, DF set only if the largest fragment had it, ECN combined as
 *       RFC 3168 section 5.3 says (a Not-ECT and ECT mix is dropped), a fresh checksum.
 *       Larger than 65535 bytes: PKT_TOO_BIG, {@code IpReasmFails}. Else {@code IpReasmOKs}.
 *   <li>On timeout: {@code IpReasmTimeout} and {@code IpReasmFails}; if the first fragment had
 *       come, the ICMP layer is asked for a time exceeded (code 1) quoting it; fragments are
 *       dropped as FRAG_REASM_TIMEOUT.
 * </ul>
 * The reassembled datagram is the buffer of the fragment that completed it (so it keeps that
 * fragment's device and metadata, as Linux does), holding the header in its linear part and the
 * data after it, in page fragments where it does not fit.
 */
public final class Ipv4Reassembly extends FragQueues {
    /** {@code IP_DEFRAG_LOCAL_DELIVER}: reassembly before local delivery. */
    public static final int USER_LOCAL_DELIVER = 0;

    private final IpSysctls sys;
    private final InetPeers peers;

    Ipv4Reassembly(NetNs net, IpSysctls sys, InetPeers peers, FragIcmp icmp) {
        super(net, icmp, Mib.IpReasmFails, Mib.IpReasmTimeout, sys.ipfragHighThresh, sys.ipfragLowThresh, sys.ipfragTime,
                "ipv4-frag-expire");
        this.sys = sys;
        this.peers = peers;
    }

    /**
     * {@code ip_defrag}: takes a fragment whose data is at its validated IPv4 header and whose
     * length is the header's total length. Returns the reassembled datagram (data at its
     * header) when this fragment completed it, else null: the fragment is queued or was dropped.
     *
     * @param vif the VRF device the fragment belongs to (0 without VRFs), part of the key
     */
    public SkBuff defrag(SkBuff skb, int user, int vif) {
        counters.inc(Mib.IpReasmReqds);
        byte[] b = skb.buf();
        int nh = skb.data();
        int src = Bytes.i32(b, nh + Ipv4Packet.SRC_OFFSET);
        int dst = Bytes.i32(b, nh + Ipv4Packet.DST_OFFSET);
        int id = Bytes.u16(b, nh + Ipv4Packet.IDENTIFICATION_OFFSET);
        int proto = b[nh + Ipv4Packet.PROTOCOL_OFFSET] & 0xff;
        FragQueue q = find(0, src & 0xffff_ffffL, 0, dst & 0xffff_ffffL, id, proto, user, vif);
        if (q == null) {
            countFailure();
            net.drop(skb, DropReason.FRAG_TOO_FAR);
            return null;
        }
        long maxDist = sys.ipfragMaxDist.get();
        if (maxDist > 0 && user == USER_LOCAL_DELIVER) {
            if (q.peer == null) {
                q.peer = peers.v4(src, Jiffies.of(net.now()));
                q.rid = q.peer.rid;
            }
            int start = q.rid;
            int end = ++q.peer.rid;
            q.rid = end;
            if (!q.frags.isEmpty() && Integer.toUnsignedLong(end - start) > maxDist) {
                countFailure();
                if (!reinit(q, DropReason.FRAG_TOO_FAR)) {
                    kill(q, DropReason.FRAG_TOO_FAR);
                    net.drop(skb, DropReason.FRAG_TOO_FAR);
                    return null;
                }
            }
        }
        return queue(q, skb);
    }

    /** {@code ip_frag_queue}. */
    private SkBuff queue(FragQueue q, SkBuff skb) {
        byte[] b = skb.buf();
        int nh = skb.data();
        int ihl = (b[nh] & 0x0f) * 4;
        int word = Bytes.u16(b, nh + Ipv4Packet.FLAGS_FRAGMENT_OFFSET);
        int tos = b[nh + Ipv4Packet.TOS_OFFSET] & 0xff;
        int offset = (word & Ipv4Packet.FRAGMENT_OFFSET_MASK) << 3;
        int end = offset + skb.len() - ihl;
        boolean mf = (word & Ipv4Packet.FLAG_MF) != 0;

        if (mf) {
            end &= ~7;
        }
        if (!checkEnd(q, skb, offset, end, !mf)) {
            return null;
        }
        skb.setNetworkHeader(nh);
        skb.pull(ihl);
        skb.trim(end - offset);

        int fragsize = skb.len() + ihl;
        if (!add(q, skb, offset, end, tos, fragsize)) {
            return null;
        }
        if ((word & Ipv4Packet.FLAG_DF) != 0) {
            q.maxDfSize = Math.max(q.maxDfSize, fragsize);
        }
        return complete(q) ? reassemble(q, skb) : null;
    }

    @Override
    void overlapped() {
        counters.inc(Mib.IpExtReasmOverlaps);
    }

    /** {@code ip_frag_reasm}. */
    private SkBuff reassemble(FragQueue q, SkBuff last) {
        unlink(q);
        q.flags |= FragQueue.COMPLETE;
        SkBuff head = q.frags.peekFirst();
        int headNh = head.networkHeader();
        int ihl = head.data() - headNh;
        int total = ihl + q.len;
        int ecn = ECN_TABLE[q.ecn];
        if (total > Ipv4Packet.MAX_TOTAL_LENGTH || ecn == 0xff) {
            failReassembly(q, total > Ipv4Packet.MAX_TOTAL_LENGTH ? DropReason.PKT_TOO_BIG : DropReason.IP_INHDR);
            return null;
        }
        System.arraycopy(head.buf(), headNh, scratch, 0, ihl);
        boolean df = q.maxDfSize == q.maxSize;
        int fragMax = Math.max(q.maxDfSize, q.maxSize);
        gather(q, ihl, last);
        release(q);

        Bytes.put16(scratch, Ipv4Packet.TOTAL_LENGTH_OFFSET, total);
        Bytes.put16(scratch, Ipv4Packet.FLAGS_FRAGMENT_OFFSET, df ? Ipv4Packet.FLAG_DF : 0);
        scratch[Ipv4Packet.TOS_OFFSET] |= (byte) ecn;
        Bytes.put16(scratch, Ipv4Packet.CHECKSUM_OFFSET, 0);
        Bytes.put16(scratch, Ipv4Packet.CHECKSUM_OFFSET, Checksum.internet(scratch, 0, ihl));

        Skbs.refill(last, net.pool(), scratch, total, ihl);
        last.setTransportHeader(last.data() + ihl);
        last.setIpSummed(SkBuff.CHECKSUM_NONE);
        IpCb.addFlags(last, IpCb.FRAGMENTED | (df ? IpCb.FRAG_PMTU : 0));
        IpCb.setFragMaxSize(last, fragMax);
        counters.inc(Mib.IpReasmOKs);
        return last;
    }
}
