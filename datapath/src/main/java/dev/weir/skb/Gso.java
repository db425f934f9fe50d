package dev.weir.skb;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.EthernetFrame;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.TcpPacket;

/**
 * Transmit offloads done in software: TCP segmentation of a GSO super-packet (Linux's
 * {@code skb_segment} with {@code tcp4_gso_segment} / {@code tcp6_gso_segment}) and the
 * completion of a {@code CHECKSUM_PARTIAL} checksum ({@code skb_checksum_help}). The device layer
 * calls these when a device lacks TSO or checksum offload; the simulated NIC calls them as its
 * "hardware" does the same work.
 *
 * <p><b>What {@link #segment} expects.</b> A buffer with {@link SkBuff#isGso()} set
 * ({@code gso_size} = MSS, {@code gso_type} {@link SkBuff#GSO_TCPV4} or {@link SkBuff#GSO_TCPV6})
 * holding one TCP segment of up to 64 KiB whose headers (link, IP, TCP) are all in the linear
 * part, data at the start of them. Headers are found through the network and transport header
 * offsets when both are set, else by parsing from {@code data} as an Ethernet frame (with up to
 * two VLAN tags). IPv4 without options or with them, IPv6 with TCP directly after the fixed
 * header. The payload may sit in the linear part, in page fragments, or both.
 *
 * <p><b>What it makes.</b> One buffer per {@code gso_size} bytes of payload (the last one
 * shorter), each with a private copy of the headers and its payload referenced, not copied, from
 * the super-packet's data areas (copied only when a segment would need more than
 * {@link SkbData#MAX_FRAGS} fragments). Headers are fixed as Linux fixes them: IPv4 total length
 * and header checksum, IPv4 ID incrementing from the super-packet's, IPv6 payload length, TCP
 * sequence number advanced by the bytes before the segment, FIN and PSH kept only on the last
 * segment and CWR only on the first (RFC 3168 section 6.1.2: CWR is set on one segment), and
 * the TCP checksum computed over the pseudo-header and the segment (or, with
 * {@code csumPartial}, seeded with the pseudo-header sum and left {@code CHECKSUM_PARTIAL} for
 * the device). Metadata is copied; the segments are not GSO. The super-packet is left untouched:
 * the caller frees it.
 */
public final class Gso {
    private Gso() {}

    /** {@link #segment} could not split the buffer (not GSO, not TCP, headers not where expected). */
    public static final int FAILED = -1;

    /** Splits {@code skb} with checksums filled; see {@link #segment(SkBuff, SkbQueue, boolean)}. */
    public static int segment(SkBuff skb, SkbQueue out) {
        return segment(skb, out, false);
    }

    /**
     * Splits the GSO buffer {@code skb} into segments appended to {@code out}; returns how many,
     * or {@link #FAILED} having appended nothing. With {@code csumPartial} the TCP checksum field
     * holds the folded pseudo-header sum and the segment is {@code CHECKSUM_PARTIAL} (for a device
     * that fills it); otherwise the checksum is complete and the segment {@code CHECKSUM_NONE}.
     */
    public static int segment(SkBuff skb, SkbQueue out, boolean csumPartial) {
        int mss = skb.gsoSize();
        int type = skb.gsoType();
        if (mss <= 0 || (type & (SkBuff.GSO_TCPV4 | SkBuff.GSO_TCPV6)) == 0) {
            return FAILED;
        }
        byte[] b = skb.buf();
        int data = skb.data();
        int nh = networkHeaderOf(skb);
        if (nh < 0) {
            return FAILED;
        }
        int version = (b[nh] & 0xff) >>> 4;
        int th;
        if (version == 4) {
            int ihl = (b[nh] & 0x0f) * 4;
            if (ihl < Ipv4Packet.HEADER_LEN || Bytes.u8(b, nh + Ipv4Packet.PROTOCOL_OFFSET) != IpProtocol.TCP) {
                return FAILED;
            }
            th = nh + ihl;
        } else if (version == 6) {
            if (nh + Ipv6Packet.HEADER_LEN > skb.tail() || Bytes.u8(b, nh + Ipv6Packet.NEXT_HEADER_OFFSET) != IpProtocol.TCP) {
                return FAILED;
            }
            th = nh + Ipv6Packet.HEADER_LEN;
        } else {
            return FAILED;
        }
        if (th + TcpPacket.HEADER_LEN > skb.tail()) {
            return FAILED;
        }
        int thl = (Bytes.u8(b, th + TcpPacket.DATA_OFFSET_FLAGS_OFFSET) >>> 4) * 4;
        int hdrEnd = th + thl;
        if (thl < TcpPacket.HEADER_LEN || hdrEnd > skb.tail()) {
            return FAILED;
        }
        int hdrLen = hdrEnd - data;
        int payload = skb.len() - hdrLen;
        if (payload <= 0) {
            return FAILED;
        }
        int segs = (payload + mss - 1) / mss;
        int seq0 = Bytes.i32(b, th + TcpPacket.SEQ_OFFSET);
        int id0 = version == 4 ? Bytes.u16(b, nh + Ipv4Packet.IDENTIFICATION_OFFSET) : 0;
        int flags = Bytes.u16(b, th + TcpPacket.DATA_OFFSET_FLAGS_OFFSET);
        int nhRel = nh - data;
        int thRel = th - data;

        SkbPool pool = skb.pool();
        int done = 0;
        for (int i = 0; i < segs; i++) {
            int len = Math.min(mss, payload - done);
            int srcOff = hdrLen + done;
            boolean byRef = piecesNeeded(skb, srcOff, len) <= SkbData.MAX_FRAGS;
            SkBuff seg = pool.alloc(hdrLen + (byRef ? 0 : len), skb.headroom());
            byte[] sb = seg.buf();
            int sd = seg.data();
            System.arraycopy(b, data, sb, sd, hdrLen);
            seg.put(hdrLen);
            if (byRef) {
                addPayloadFrags(skb, seg, srcOff, len);
            } else {
                skb.copyBits(srcOff, sb, seg.put(len), len);
            }
            copyMetadata(skb, seg, nhRel, thRel);
            int snh = sd + nhRel;
            int sth = sd + thRel;
            int tcpLen = thl + len;
            if (version == 4) {
                Bytes.put16(sb, snh + Ipv4Packet.TOTAL_LENGTH_OFFSET, thRel - nhRel + tcpLen);
                Bytes.put16(sb, snh + Ipv4Packet.IDENTIFICATION_OFFSET, id0 + i);
                Bytes.put16(sb, snh + Ipv4Packet.CHECKSUM_OFFSET, 0);
                int ihl = thRel - nhRel;
                Bytes.put16(sb, snh + Ipv4Packet.CHECKSUM_OFFSET, Checksum.internet(sb, snh, ihl));
            } else {
                Bytes.put16(sb, snh + Ipv6Packet.PAYLOAD_LENGTH_OFFSET, thRel - nhRel - Ipv6Packet.HEADER_LEN + tcpLen);
            }
            Bytes.put32(sb, sth + TcpPacket.SEQ_OFFSET, seq0 + done);
            int f = flags;
            if (i != segs - 1) {
                f &= ~(TcpPacket.FIN | TcpPacket.PSH);
            }
            if (i != 0) {
                f &= ~TcpPacket.CWR;
            }
            Bytes.put16(sb, sth + TcpPacket.DATA_OFFSET_FLAGS_OFFSET, f);
            long pseudo = version == 4
                    ? Checksum.pseudoHeaderV4(Bytes.i32(sb, snh + Ipv4Packet.SRC_OFFSET), Bytes.i32(sb, snh + Ipv4Packet.DST_OFFSET), IpProtocol.TCP, tcpLen)
                    : Checksum.pseudoHeaderV6(Bytes.i64(sb, snh + Ipv6Packet.SRC_OFFSET), Bytes.i64(sb, snh + Ipv6Packet.SRC_OFFSET + 8),
                            Bytes.i64(sb, snh + Ipv6Packet.DST_OFFSET), Bytes.i64(sb, snh + Ipv6Packet.DST_OFFSET + 8), IpProtocol.TCP, tcpLen);
            if (csumPartial) {
                Bytes.put16(sb, sth + TcpPacket.CHECKSUM_OFFSET, Checksum.fold(pseudo));
                seg.setCsumPartial(sth, TcpPacket.CHECKSUM_OFFSET);
            } else {
                Bytes.put16(sb, sth + TcpPacket.CHECKSUM_OFFSET, 0);
                long s = checksum(seg, thRel, tcpLen, pseudo);
                Bytes.put16(sb, sth + TcpPacket.CHECKSUM_OFFSET, Checksum.finish(s));
                seg.setIpSummed(SkBuff.CHECKSUM_NONE);
            }
            out.addLast(seg);
            done += len;
        }
        return segs;
    }

    /**
     * Completes a {@code CHECKSUM_PARTIAL} checksum in software (Linux's
     * {@code skb_checksum_help}): the one's-complement sum from {@code csum_start} to the end of
     * the packet, the checksum field included (the stack seeded it with the folded pseudo-header
     * sum, as Linux's {@code tcp_v4_send_check} does), is complemented into the field; a result
     * of zero is sent as {@code 0xffff}. The buffer's head is made private first if it is
     * shared with a clone. Afterwards the buffer is {@code CHECKSUM_NONE}. Does nothing to a
     * buffer in any other checksum state; returns false when the offsets are outside the linear
     * part (the caller drops the packet).
     */
    public static boolean checksumHelp(SkBuff skb) {
        if (skb.ipSummed() != SkBuff.CHECKSUM_PARTIAL) {
            return true;
        }
        int start = skb.csumStart() - skb.data();
        int field = skb.csumStart() + skb.csumOffset();
        if (start < 0 || field + 2 > skb.tail() || start > skb.len()) {
            return false;
        }
        skb.makeWritable();
        int startOff = skb.csumStart() - skb.data();
        long s = checksum(skb, startOff, skb.len() - startOff, 0);
        int c = Checksum.finish(s);
        Bytes.put16(skb.buf(), skb.csumStart() + skb.csumOffset(), c == 0 ? 0xffff : c);
        skb.setIpSummed(SkBuff.CHECKSUM_NONE);
        return true;
    }

    /**
     * Adds {@code len} bytes of the packet starting {@code offset} bytes after {@link SkBuff#data()}
     * (linear part and fragments alike) to the partial sum {@code acc}, as big-endian 16-bit
     * words counted from {@code offset} (Linux's {@code skb_checksum}). Fold the result with
     * {@link Checksum#fold} or {@link Checksum#finish}.
     */
    public static long checksum(SkBuff skb, int offset, int len, long acc) {
        if (offset < 0 || len < 0 || offset + len > skb.len()) {
            throw new IndexOutOfBoundsException("checksum " + offset + "+" + len + " of a " + skb.len() + "-byte packet");
        }
        long sum = acc;
        int pos = 0; // bytes summed so far: an odd count shifts the next block's bytes
        int hl = skb.headLen();
        if (offset < hl) {
            int take = Math.min(len, hl - offset);
            sum += Checksum.add(0, skb.buf(), skb.data() + offset, take);
            pos = take;
        }
        int at = hl;
        for (int i = 0; i < skb.nrFrags() && pos < len; i++) {
            int fl = skb.fragLength(i);
            int from = offset + pos;
            if (from < at + fl) {
                int inFrag = from - at;
                int take = Math.min(len - pos, fl - inFrag);
                int part = Checksum.fold(Checksum.add(0, skb.fragData(i).bytes(), skb.fragOffset(i) + inFrag, take));
                if ((pos & 1) != 0) {
                    part = ((part & 0xff) << 8) | (part >>> 8);
                }
                sum += part;
                pos += take;
            }
            at += fl;
        }
        return sum;
    }

    private static int networkHeaderOf(SkBuff skb) {
        int nh = skb.networkHeader();
        if (nh >= skb.data() && skb.transportHeaderSet() && skb.transportHeader() > nh) {
            return nh;
        }
        byte[] b = skb.buf();
        int p = skb.data() + EthernetFrame.TYPE_OFFSET;
        if (p + 2 > skb.tail()) {
            return -1;
        }
        int tags = 0;
        while (EtherType.isVlanTpid(Bytes.u16(b, p))) {
            if (++tags > EthernetFrame.MAX_TAGS || p + EthernetFrame.TAG_LEN + 2 > skb.tail()) {
                return -1;
            }
            p += EthernetFrame.TAG_LEN;
        }
        int type = Bytes.u16(b, p);
        if (type != EtherType.IPV4 && type != EtherType.IPV6) {
            return -1;
        }
        return p + 2;
    }

    /** How many (area, offset) pieces the bytes [off, off+len) of the packet span. */
    private static int piecesNeeded(SkBuff skb, int off, int len) {
        int n = 0;
        int hl = skb.headLen();
        int end = off + len;
        if (off < hl) {
            n++;
        }
        int at = hl;
        for (int i = 0; i < skb.nrFrags() && at < end; i++) {
            int fl = skb.fragLength(i);
            if (off < at + fl && end > at) {
                n++;
            }
            at += fl;
        }
        return n;
    }

    private static void addPayloadFrags(SkBuff src, SkBuff seg, int off, int len) {
        int hl = src.headLen();
        int end = off + len;
        if (off < hl) {
            int take = Math.min(end, hl) - off;
            seg.addFrag(src.headData(), src.data() + off, take);
        }
        int at = hl;
        for (int i = 0; i < src.nrFrags() && at < end; i++) {
            int fl = src.fragLength(i);
            int from = Math.max(off, at);
            int to = Math.min(end, at + fl);
            if (from < to) {
                seg.addFrag(src.fragData(i), src.fragOffset(i) + (from - at), to - from);
            }
            at += fl;
        }
    }

    private static void copyMetadata(SkBuff src, SkBuff seg, int nhRel, int thRel) {
        int d = seg.data();
        if (src.macHeaderSet() && src.macHeader() >= src.data()) {
            seg.setMacHeader(d + src.macHeader() - src.data());
        }
        seg.setNetworkHeader(d + nhRel);
        seg.setTransportHeader(d + thRel);
        seg.setProtocol(src.protocol());
        seg.setMark(src.mark());
        seg.setPriority(src.priority());
        seg.setHash(src.hash(), src.l4Hash());
        seg.setIngressIfindex(src.ingressIfindex());
        seg.setIfindex(src.ifindex());
        seg.setQueueMapping(src.queueMapping());
        seg.setPktType(src.pktType());
        seg.setTstamp(src.tstamp());
        seg.setVlanTci(src.vlanTci());
    }
}
