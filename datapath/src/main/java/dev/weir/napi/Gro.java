package dev.weir.napi;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv6Packet;
import dev.weir.api.wire.TcpPacket;
import dev.weir.core.DropReason;
import dev.weir.core.NetNs;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbData;

/**
 * Generic Receive Offload for one NAPI context: consecutive TCP segments of a flow, over IPv4
 * or IPv6, merged into one large buffer before the stack sees them, so IP and TCP run once per
 * train instead of once per segment. The rules are Linux's {@code dev_gro_receive},
 * {@code inet_gro_receive} / {@code ipv6_gro_receive} and {@code tcp_gro_receive}.
 *
 * <p><b>Which packets.</b> TCP directly over IPv4 without options (IHL 5, valid header
 * checksum) or IPv6 without extension headers, in one linear buffer, with the TCP checksum
 * verified: by the NIC ({@code CHECKSUM_UNNECESSARY}) or here in software, charging
 * {@link dev.weir.core.StageCosts#csumPerByte} per byte (a bad one is passed up untouched for TCP
 * to drop). Everything else passes straight through.
 *
 * <p><b>Same flow</b>: same flow hash, device, MAC header, IP addresses (and IPv6 flow label)
 * and ports. A packet of a held flow is merged when all of these hold, else the held packet is
 * flushed first:
 * <ul>
 * <li>IP: the total length matches the buffer, not a fragment; TTL (hop limit), TOS (traffic
 *     class) and DF equal; IPv4 ID the held packet's plus the segments held, or, with DF set,
 *     fixed at the first packet's (Linux's "atomic" check);
 * <li>TCP: the data offset, flags other than CWR, FIN and PSH, and window are the same word;
 *     no CWR in the new segment; same acknowledgment number; options byte for byte the same
 *     (timestamps included); the sequence number follows the held bytes; a payload of 1 to MSS
 *     bytes, the MSS being the first segment's payload length;
 * <li>the merged packet stays below 64 KiB ({@link #MAX_SIZE}) and within
 *     {@link SkbData#MAX_FRAGS} fragments.
 * </ul>
 * After a merge the held packet goes up at once when the new segment is shorter than the MSS
 * or carries URG, PSH, RST, SYN or FIN. A segment that cannot be held (no payload, one of those
 * flags, a fragment) is passed up, after its flow's held packet. Held flows sit in
 * {@link #BUCKETS} buckets by flow hash, at most {@link #MAX_HELD} in each (Linux's
 * {@code GRO_HASH_BUCKETS} and {@code MAX_GRO_SKBS}); holding one more in a full bucket
 * flushes that bucket's oldest. {@link #flush} (every end of a NAPI poll) sends up everything
 * held, oldest first.
 *
 * <p><b>The merged buffer</b> is the first segment's, with each later payload attached as a
 * page fragment referencing that segment's data area (its SkBuff shell is freed, not copied).
 * On flush the IPv4 total length and header checksum, or the IPv6 payload length, are fixed,
 * the TCP checksum field holds the pseudo-header sum (as Linux's {@code tcp4_gro_complete}
 * leaves it), {@code gso_size} is the MSS, {@code gso_segs} the count and {@code gso_type}
 * TCPV4 or TCPV6, and the buffer is {@code CHECKSUM_UNNECESSARY}. A flow of one segment goes up
 * as it came.
 */
public final class Gro {
    /** Linux's GRO_HASH_BUCKETS: held flows are grouped by the low bits of their hash. */
    public static final int BUCKETS = 8;
    /** Linux's MAX_GRO_SKBS: flows held at once per bucket. */
    public static final int MAX_HELD = 8;
    private static final int CAPACITY = BUCKETS * MAX_HELD;
    /** gro_max_size default (GRO_LEGACY_MAX_SIZE): a merged packet stays below this many bytes. */
    public static final int MAX_SIZE = 65536;

    // Flag bits of the 32-bit TCP word at offset 12 (data offset, reserved, flags, window).
    private static final int W_CWR = TcpPacket.CWR << 16;
    private static final int W_URG = TcpPacket.URG << 16;
    private static final int W_PSH = TcpPacket.PSH << 16;
    private static final int W_RST = TcpPacket.RST << 16;
    private static final int W_SYN = TcpPacket.SYN << 16;
    private static final int W_FIN = TcpPacket.FIN << 16;
    private static final int W_FLUSH_NOW = W_URG | W_PSH | W_RST | W_SYN | W_FIN;

    private final Napi napi;
    private final SkBuff[] held = new SkBuff[CAPACITY];
    private final int[] count = new int[CAPACITY];
    private final int[] mss = new int[CAPACITY];
    private final int[] firstId = new int[CAPACITY];
    private final boolean[] atomic = new boolean[CAPACITY];
    private final int[] inBucket = new int[BUCKETS];
    private int n;

    private long merged;
    private long flushed;
    private long aggregated;
    private long swChecksums;
    private long badChecksums;

    Gro(Napi napi) {
        this.napi = napi;
    }

    /** Segments merged into a held packet (not sent up on their own). */
    public long merged() {
        return merged;
    }

    /** Held packets sent up (merged or not). */
    public long flushed() {
        return flushed;
    }

    /** Held packets sent up carrying more than one segment. */
    public long aggregated() {
        return aggregated;
    }

    /** TCP checksums verified in software here (the device had not). */
    public long softwareChecksums() {
        return swChecksums;
    }

    /** Segments whose TCP checksum failed here (passed up for TCP to drop). */
    public long badChecksums() {
        return badChecksums;
    }

    /** Flows held now. */
    public int heldCount() {
        return n;
    }

    /** napi_gro_receive for one packet, data at its network header. */
    void receive(SkBuff skb) {
        NetNs net = napi.softnet().net();
        net.charge(net.costs().gro);
        int proto = skb.protocol();
        byte[] b = skb.buf();
        int nh = skb.data();
        int end = skb.tail();
        if (skb.isGso() || skb.nrFrags() != 0) {
            pass(skb);
            return;
        }
        int th;
        boolean ipFlush;
        boolean v4 = proto == EtherType.IPV4;
        if (v4) {
            if (end - nh < Ipv4Packet.HEADER_LEN || (b[nh] & 0xff) != 0x45 || Bytes.u8(b, nh + Ipv4Packet.PROTOCOL_OFFSET) != IpProtocol.TCP
                    || !Checksum.verifies(b, nh, Ipv4Packet.HEADER_LEN)) {
                pass(skb);
                return;
            }
            int frag = Bytes.u16(b, nh + Ipv4Packet.FLAGS_FRAGMENT_OFFSET);
            ipFlush = Bytes.u16(b, nh + Ipv4Packet.TOTAL_LENGTH_OFFSET) != skb.len() || (frag & ~Ipv4Packet.FLAG_DF) != 0;
            th = nh + Ipv4Packet.HEADER_LEN;
        } else if (proto == EtherType.IPV6) {
            if (end - nh < Ipv6Packet.HEADER_LEN || (b[nh] & 0xf0) != 0x60 || Bytes.u8(b, nh + Ipv6Packet.NEXT_HEADER_OFFSET) != IpProtocol.TCP) {
                pass(skb);
                return;
            }
            ipFlush = Bytes.u16(b, nh + Ipv6Packet.PAYLOAD_LENGTH_OFFSET) + Ipv6Packet.HEADER_LEN != skb.len();
            th = nh + Ipv6Packet.HEADER_LEN;
        } else {
            pass(skb);
            return;
        }
        if (th + TcpPacket.HEADER_LEN > end) {
            pass(skb);
            return;
        }
        int thl = (Bytes.u8(b, th + TcpPacket.DATA_OFFSET_FLAGS_OFFSET) >>> 4) * 4;
        if (thl < TcpPacket.HEADER_LEN || th + thl > end) {
            pass(skb);
            return;
        }
        skb.setNetworkHeader(nh);
        skb.setTransportHeader(th);
        int len = end - th - thl;
        if (!ipFlush && !checksumOk(net, skb, v4, nh, th, end - th)) {
            pass(skb);
            return;
        }
        int flags = Bytes.i32(b, th + TcpPacket.DATA_OFFSET_FLAGS_OFFSET);
        int i = findFlow(skb, v4, nh, th);
        if (i < 0) {
            if (ipFlush || len == 0 || (flags & W_FLUSH_NOW) != 0) {
                pass(skb);
            } else {
                hold(skb, v4, nh, len);
            }
            return;
        }

        SkBuff p = held[i];
        byte[] pb = p.buf();
        int pnh = p.networkHeader();
        int pth = p.transportHeader();
        boolean flush = ipFlush;
        if (v4) {
            flush |= b[nh + Ipv4Packet.TTL_OFFSET] != pb[pnh + Ipv4Packet.TTL_OFFSET];
            flush |= b[nh + Ipv4Packet.TOS_OFFSET] != pb[pnh + Ipv4Packet.TOS_OFFSET];
            int frag = Bytes.u16(b, nh + Ipv4Packet.FLAGS_FRAGMENT_OFFSET);
            flush |= ((frag ^ Bytes.u16(pb, pnh + Ipv4Packet.FLAGS_FRAGMENT_OFFSET)) & Ipv4Packet.FLAG_DF) != 0;
            // The IP ID must increment by one per segment, or stay fixed when DF is set.
            int d = (Bytes.u16(b, nh + Ipv4Packet.IDENTIFICATION_OFFSET) - firstId[i]) & 0xffff;
            boolean df = (frag & Ipv4Packet.FLAG_DF) != 0;
            int flushId = !atomic[i] || !df ? (((d ^ count[i]) & 0xffff) != 0 ? 0xffff : 0) : d;
            if (flushId != 1 || count[i] != 1 || !atomic[i]) {
                flush |= flushId != 0;
            } else {
                atomic[i] = false;
            }
        } else {
            flush |= ((Bytes.i32(b, nh) ^ Bytes.i32(pb, pnh)) & 0x0ff0_0000) != 0;
            flush |= b[nh + Ipv6Packet.HOP_LIMIT_OFFSET] != pb[pnh + Ipv6Packet.HOP_LIMIT_OFFSET];
        }
        flush |= (flags & W_CWR) != 0;
        flush |= ((flags ^ Bytes.i32(pb, pth + TcpPacket.DATA_OFFSET_FLAGS_OFFSET)) & ~(W_CWR | W_FIN | W_PSH)) != 0;
        flush |= Bytes.i32(b, th + TcpPacket.ACK_OFFSET) != Bytes.i32(pb, pth + TcpPacket.ACK_OFFSET);
        if (!flush) {
            for (int o = TcpPacket.HEADER_LEN; o < thl; o += 4) {
                if (Bytes.i32(b, th + o) != Bytes.i32(pb, pth + o)) {
                    flush = true;
                    break;
                }
            }
        }
        int m = mss[i];
        flush |= len == 0 || len > m;
        int heldPayload = p.len() - (pth + thl - p.data());
        flush |= Bytes.i32(pb, pth + TcpPacket.SEQ_OFFSET) + heldPayload != Bytes.i32(b, th + TcpPacket.SEQ_OFFSET);
        if (!flush && p.len() + len < MAX_SIZE && p.canAddFrag()) {
            p.addFrag(skb.headData(), th + thl, len);
            count[i]++;
            merged++;
            pb[pth + TcpPacket.DATA_OFFSET_FLAGS_OFFSET + 1] |= (byte) ((flags >>> 16) & (TcpPacket.FIN | TcpPacket.PSH));
            skb.consume();
            if (len < m || (flags & W_FLUSH_NOW) != 0) {
                complete(i);
            }
            return;
        }
        complete(i);
        if (ipFlush || len == 0 || (flags & W_FLUSH_NOW) != 0) {
            pass(skb);
        } else {
            hold(skb, v4, nh, len);
        }
    }

    /** Sends up everything held, oldest first (end of a NAPI poll, GRO turned off). */
    public void flush() {
        while (n > 0) {
            complete(0);
        }
    }

    /** Drops everything held (the context is being disabled). */
    void purge(DropReason reason) {
        NetNs net = napi.softnet().net();
        while (n > 0) {
            SkBuff p = held[0];
            remove(0);
            net.drop(p, reason);
        }
    }

    private boolean checksumOk(NetNs net, SkBuff skb, boolean v4, int nh, int th, int tcpLen) {
        if (skb.ipSummed() == SkBuff.CHECKSUM_UNNECESSARY) {
            return true;
        }
        byte[] b = skb.buf();
        long s = v4
                ? Checksum.pseudoHeaderV4(Bytes.i32(b, nh + Ipv4Packet.SRC_OFFSET), Bytes.i32(b, nh + Ipv4Packet.DST_OFFSET), IpProtocol.TCP, tcpLen)
                : Checksum.pseudoHeaderV6(Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET), Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET + 8),
                        Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET), Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET + 8), IpProtocol.TCP, tcpLen);
        s = Checksum.add(s, b, th, tcpLen);
        net.charge(Math.round(net.costs().csumPerByte * tcpLen));
        swChecksums++;
        if (Checksum.fold(s) != 0xffff) {
            badChecksums++;
            return false;
        }
        skb.setIpSummed(SkBuff.CHECKSUM_UNNECESSARY);
        return true;
    }

    private int findFlow(SkBuff skb, boolean v4, int nh, int th) {
        byte[] b = skb.buf();
        for (int i = 0; i < n; i++) {
            SkBuff p = held[i];
            if (p.hash() != skb.hash() || p.ifindex() != skb.ifindex() || p.protocol() != skb.protocol() || !sameMac(p, skb)) {
                continue;
            }
            byte[] pb = p.buf();
            int pnh = p.networkHeader();
            if (v4) {
                if (Bytes.i64(b, nh + Ipv4Packet.SRC_OFFSET) != Bytes.i64(pb, pnh + Ipv4Packet.SRC_OFFSET)) {
                    continue;
                }
            } else {
                if (((Bytes.i32(b, nh) ^ Bytes.i32(pb, pnh)) & 0xf00f_ffff) != 0
                        || Bytes.i64(b, nh + 8) != Bytes.i64(pb, pnh + 8) || Bytes.i64(b, nh + 16) != Bytes.i64(pb, pnh + 16)
                        || Bytes.i64(b, nh + 24) != Bytes.i64(pb, pnh + 24) || Bytes.i64(b, nh + 32) != Bytes.i64(pb, pnh + 32)) {
                    continue;
                }
            }
            if (Bytes.i32(b, th) != Bytes.i32(pb, p.transportHeader())) {
                continue;
            }
            return i;
        }
        return -1;
    }

    private static boolean sameMac(SkBuff p, SkBuff skb) {
        int pm = p.macHeader();
        int sm = skb.macHeader();
        if (pm < 0 || sm < 0) {
            return pm < 0 && sm < 0;
        }
        byte[] a = p.buf();
        byte[] c = skb.buf();
        return Bytes.i64(a, pm) == Bytes.i64(c, sm) && Bytes.i32(a, pm + 8) == Bytes.i32(c, sm + 8)
                && Bytes.u16(a, pm + 12) == Bytes.u16(c, sm + 12);
    }

    private void hold(SkBuff skb, boolean v4, int nh, int len) {
        int bucket = skb.hash() & (BUCKETS - 1);
        if (inBucket[bucket] == MAX_HELD) {
            for (int i = 0; i < n; i++) {
                if ((held[i].hash() & (BUCKETS - 1)) == bucket) {
                    complete(i);
                    break;
                }
            }
        }
        inBucket[bucket]++;
        byte[] b = skb.buf();
        held[n] = skb;
        count[n] = 1;
        mss[n] = len;
        if (v4) {
            firstId[n] = Bytes.u16(b, nh + Ipv4Packet.IDENTIFICATION_OFFSET);
            atomic[n] = (Bytes.u16(b, nh + Ipv4Packet.FLAGS_FRAGMENT_OFFSET) & Ipv4Packet.FLAG_DF) != 0;
        } else {
            firstId[n] = 0;
            atomic[n] = false;
        }
        n++;
    }

    private void remove(int i) {
        inBucket[held[i].hash() & (BUCKETS - 1)]--;
        int last = n - 1;
        for (int j = i; j < last; j++) {
            held[j] = held[j + 1];
            count[j] = count[j + 1];
            mss[j] = mss[j + 1];
            firstId[j] = firstId[j + 1];
            atomic[j] = atomic[j + 1];
        }
        held[last] = null;
        n = last;
    }

    /** napi_gro_complete: fixes the headers of a merged packet and sends it up. */
    private void complete(int i) {
        SkBuff p = held[i];
        int c = count[i];
        int m = mss[i];
        remove(i);
        flushed++;
        if (c > 1) {
            aggregated++;
            byte[] b = p.buf();
            int nh = p.networkHeader();
            int th = p.transportHeader();
            int ipLen = p.len() - (nh - p.data());
            int tcpLen = ipLen - (th - nh);
            long pseudo;
            if (p.protocol() == EtherType.IPV4) {
                Bytes.put16(b, nh + Ipv4Packet.TOTAL_LENGTH_OFFSET, ipLen);
                Bytes.put16(b, nh + Ipv4Packet.CHECKSUM_OFFSET, 0);
                Bytes.put16(b, nh + Ipv4Packet.CHECKSUM_OFFSET, Checksum.internet(b, nh, th - nh));
                pseudo = Checksum.pseudoHeaderV4(Bytes.i32(b, nh + Ipv4Packet.SRC_OFFSET), Bytes.i32(b, nh + Ipv4Packet.DST_OFFSET), IpProtocol.TCP, tcpLen);
                p.setGso(m, c, SkBuff.GSO_TCPV4);
            } else {
                Bytes.put16(b, nh + Ipv6Packet.PAYLOAD_LENGTH_OFFSET, ipLen - Ipv6Packet.HEADER_LEN);
                pseudo = Checksum.pseudoHeaderV6(Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET), Bytes.i64(b, nh + Ipv6Packet.SRC_OFFSET + 8),
                        Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET), Bytes.i64(b, nh + Ipv6Packet.DST_OFFSET + 8), IpProtocol.TCP, tcpLen);
                p.setGso(m, c, SkBuff.GSO_TCPV6);
            }
            Bytes.put16(b, th + TcpPacket.CHECKSUM_OFFSET, Checksum.fold(pseudo));
            p.setIpSummed(SkBuff.CHECKSUM_UNNECESSARY);
        }
        napi.softnet().netifReceiveSkb(p, napi.rps());
    }

    private void pass(SkBuff skb) {
        napi.softnet().netifReceiveSkb(skb, napi.rps());
    }

    @Override
    public String toString() {
        return "Gro[" + napi.name() + ": " + n + " held, " + merged + " merged, " + flushed + " flushed]";
    }
}
