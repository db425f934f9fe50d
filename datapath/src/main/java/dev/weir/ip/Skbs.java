package dev.weir.ip;

import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbData;
import dev.weir.skb.SkbPool;

/** Buffer chores the IP layers share. */
final class Skbs {
    private Skbs() {}

    /** Room reserved in front of packets the IP layer builds, for link-layer headers. */
    static final int LL_RESERVED = SkBuff.MAX_HEADER;
    /** What a buffer costs beyond its data ({@code SKB_TRUESIZE}'s sk_buff and skb_shared_info). */
    static final int SKB_OVERHEAD = 576;

    /** Memory a buffer is charged for ({@code skb->truesize}): its areas and the overhead. */
    static int truesize(SkBuff skb) {
        int t = skb.end() + SKB_OVERHEAD;
        for (int i = 0; i < skb.nrFrags(); i++) {
            t += skb.fragLength(i);
        }
        return t;
    }

    /**
     * Appends {@code len} bytes to {@code skb}: into the linear tailroom while it lasts, then into
     * fresh page fragments. The buffer must be private (not cloned).
     */
    static void append(SkBuff skb, SkbPool pool, byte[] src, int off, int len) {
        if (skb.dataLen() == 0) {
            int n = Math.min(len, skb.tailroom());
            skb.putBytes(src, off, n);
            off += n;
            len -= n;
        }
        while (len > 0) {
            SkbData page = pool.allocPage();
            int n = Math.min(len, page.capacity());
            System.arraycopy(src, off, page.bytes(), 0, n);
            skb.addFrag(page, 0, n);
            page.release();
            off += n;
            len -= n;
        }
    }

    /**
     * Replaces the contents of {@code skb}, whose data is past its network header, with
     * {@code len} bytes of {@code src} starting where that header was; the first
     * {@code linear} bytes end up in the linear part, and the network header is reset there.
     * Used to turn the fragment that completed a datagram into the datagram, keeping its
     * metadata.
     */
    static void refill(SkBuff skb, SkbPool pool, byte[] src, int len, int linear) {
        skb.makeWritable();
        skb.push(skb.data() - skb.networkHeader());
        skb.trim(0);
        append(skb, pool, src, 0, len);
        skb.mayPull(linear);
        skb.resetNetworkHeader();
    }

    /**
     * What a packet made from {@code from} inherits from it ({@code ip_copy_metadata}): protocol,
     * priority, mark, hash, devices, type, timestamp, queue, socket, and the IP layer's
     * arrival device, flags and route (which Linux keeps in {@code skb_dst}).
     */
    static void copyMetadata(SkBuff from, SkBuff to) {
        to.setProtocol(from.protocol());
        to.setPriority(from.priority());
        to.setMark(from.mark());
        to.setHash(from.hash(), from.l4Hash());
        to.setIfindex(from.ifindex());
        to.setIngressIfindex(from.ingressIfindex());
        to.setPktType(from.pktType());
        to.setTstamp(from.tstamp());
        to.setQueueMapping(from.queueMapping());
        to.setSk(from.sk());
        to.cb[0] = from.cb[0];
        to.cb[3] = from.cb[3];
        to.cb[4] = from.cb[4];
        to.cb[5] = from.cb[5];
    }
}
