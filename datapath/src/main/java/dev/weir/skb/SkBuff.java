package dev.weir.skb;

/**
 * A packet buffer in the manner of Linux's {@code struct sk_buff}: one linear data area with
 * head, data, tail and end, plus up to {@link SkbData#MAX_FRAGS} page fragments, and the
 * metadata each layer of the stack reads and sets.
 *
 * <pre>
 *  head (0)      data            tail                end
 *   |             |               |                   |
 *   v             v               v                   v
 *   +-------------+---------------+-------------------+
 *   |  headroom   | linear bytes  |     tailroom      |   + frags[0..n): len - headLen() bytes
 *   +-------------+---------------+-------------------+
 *        push() <-|               |-> put()
 *                 |-> pull()   <- trim()
 * </pre>
 *
 * <p>Offsets (data, tail, end, and the mac/network/transport header offsets) are indexes into
 * {@link #buf()}. A layer {@link #pull}s its header off as the packet moves up and
 * {@link #push}es one on as it moves down, exactly as Linux's skb_pull and skb_push.
 *
 * <p><b>Sharing.</b> {@link #clone()} makes a second SkBuff over the same data area (Linux's
 * skb_clone): cheap, for taps and retransmit queues; neither may then write the bytes until
 * {@link #makeWritable()} has given it a private copy (copy on write). {@link #copy()} copies
 * everything at once. Page fragments are referenced, never copied, by both.
 *
 * <p><b>Ownership.</b> Exactly one holder owns an SkBuff at a time and must end it with
 * {@link #free()} (a drop) or {@link #consume()} (done with it); the pool then takes it back.
 * Using an SkBuff after that is a bug the pool detects where it can.
 *
 * <p>Not thread-safe, like the rest of a host's datapath.
 */
public final class SkBuff {
    /** Linux's NET_SKB_PAD: headroom a driver reserves in receive buffers. */
    public static final int NET_SKB_PAD = 64;
    /** Room for every header a locally sent packet may gain (Ethernet + VLAN + IPv6 + ext + TCP with options). */
    public static final int MAX_HEADER = 256;

    /** {@code pkt_type}: to us, broadcast, multicast, to another host, sent by us. */
    public static final int PACKET_HOST = 0;
    public static final int PACKET_BROADCAST = 1;
    public static final int PACKET_MULTICAST = 2;
    public static final int PACKET_OTHERHOST = 3;
    public static final int PACKET_OUTGOING = 4;

    /** {@code ip_summed}: what is known about the transport checksum. */
    public static final int CHECKSUM_NONE = 0;
    public static final int CHECKSUM_UNNECESSARY = 1;
    public static final int CHECKSUM_COMPLETE = 2;
    public static final int CHECKSUM_PARTIAL = 3;

    /** {@code gso_type} bits. */
    public static final int GSO_TCPV4 = 1;
    public static final int GSO_UDP = 2;
    public static final int GSO_TCPV6 = 4;

    private final SkbPool pool;
    private SkbData head;
    private int data;
    private int tail;
    private int dataLen;

    private int macHeader = -1;
    private int networkHeader = -1;
    private int transportHeader = -1;

    /** Scratch space for the layer that owns the buffer now (Linux's skb->cb, 48 bytes). */
    public final long[] cb = new long[6];

    private int protocol;
    private int mark;
    private int priority;
    private int hash;
    private boolean l4Hash;
    private int ingressIfindex;
    private int ifindex;
    private int queueMapping;
    private int pktType;
    private long tstamp;
    private int ipSummed;
    private int csumStart;
    private int csumOffset;
    private int csum;
    private int vlanTci = -1;
    private Object sk;
    private Destructor destructor;
    private long ownerCharge;

    /** Intrusive links for {@link SkbQueue}. */
    SkBuff next;
    SkBuff prev;
    SkbQueue list;

    boolean freed = true;
    Throwable allocatedAt;
    /** This buffer's identity while it lives: the pool's allocation number (see {@link #id()}). */
    long id;

    SkBuff(SkbPool pool) {
        this.pool = pool;
    }

    void attach(SkbData d, int data, int tail) {
        this.head = d;
        this.data = data;
        this.tail = tail;
        this.dataLen = 0;
    }

    public SkbPool pool() {
        return pool;
    }

    // ---- geometry ----------------------------------------------------------------------

    /** The linear data area's bytes. Offsets of this class index into it. */
    public byte[] buf() {
        checkLive();
        return head.bytes;
    }

    /** Offset of the first byte of packet data in {@link #buf()}. */
    public int data() {
        return data;
    }

    /** Offset one past the last linear byte. */
    public int tail() {
        return tail;
    }

    /** Capacity of the linear area. */
    public int end() {
        return head.bytes.length;
    }

    /** Total packet length: linear bytes plus fragments. */
    public int len() {
        return tail - data + dataLen;
    }

    /** Bytes in the linear part ({@code skb_headlen}). */
    public int headLen() {
        return tail - data;
    }

    /** Bytes held in fragments ({@code skb->data_len}). */
    public int dataLen() {
        return dataLen;
    }

    public int headroom() {
        return data;
    }

    public int tailroom() {
        return dataLen == 0 ? head.bytes.length - tail : 0;
    }

    /** Moves data and tail forward by {@code n} on an empty buffer, reserving headroom. */
    public void reserve(int n) {
        if (len() != 0 || tail + n > head.bytes.length || n < 0) {
            throw new IllegalStateException("reserve(" + n + ") needs an empty buffer with room; len " + len() + ", tailroom " + tailroom());
        }
        data += n;
        tail += n;
    }

    /** Appends {@code n} bytes to the linear part; returns the offset where they start (the old tail). */
    public int put(int n) {
        if (n < 0 || n > tailroom()) {
            throw new IllegalStateException("skb_over_panic: put(" + n + ") with tailroom " + tailroom() + (dataLen != 0 ? " (buffer has frags)" : ""));
        }
        int at = tail;
        tail += n;
        return at;
    }

    /** Appends bytes to the linear part. */
    public void putBytes(byte[] src, int off, int n) {
        int at = put(n);
        System.arraycopy(src, off, head.bytes, at, n);
    }

    /** Prepends {@code n} bytes of header; returns the new data offset. */
    public int push(int n) {
        if (n < 0 || n > data) {
            throw new IllegalStateException("skb_under_panic: push(" + n + ") with headroom " + data);
        }
        data -= n;
        return data;
    }

    /** Removes {@code n} bytes from the front (a header consumed by this layer); returns the new data offset. */
    public int pull(int n) {
        if (n < 0 || n > headLen()) {
            throw new IllegalStateException("pull(" + n + ") past the linear part (" + headLen() + " bytes); use mayPull first");
        }
        data += n;
        return data;
    }

    /** Cuts the packet to {@code newLen} bytes (dropping frags past it), as Linux's pskb_trim. */
    public void trim(int newLen) {
        if (newLen < 0 || newLen > len()) {
            throw new IllegalStateException("trim(" + newLen + ") of a " + len() + "-byte buffer");
        }
        int hl = headLen();
        if (newLen <= hl) {
            tail = data + newLen;
            SkbData sh = head;
            if (sh.nrFrags > 0) {
                ensurePrivateHead();
                sh = head;
                for (int i = 0; i < sh.nrFrags; i++) {
                    sh.fragData[i].release();
                    sh.fragData[i] = null;
                }
                sh.nrFrags = 0;
            }
            dataLen = 0;
            return;
        }
        ensurePrivateHead();
        SkbData sh = head;
        int remaining = newLen - hl;
        int i = 0;
        for (; i < sh.nrFrags && remaining > 0; i++) {
            if (sh.fragLen[i] > remaining) {
                sh.fragLen[i] = remaining;
            }
            remaining -= sh.fragLen[i];
        }
        for (int j = i; j < sh.nrFrags; j++) {
            sh.fragData[j].release();
            sh.fragData[j] = null;
        }
        sh.nrFrags = i;
        dataLen = newLen - hl;
    }

    /**
     * Makes sure the first {@code n} bytes are in the linear part, copying them out of frags if
     * needed (Linux's pskb_may_pull). Returns false when the packet is shorter than {@code n}:
     * the caller drops it as truncated.
     */
    public boolean mayPull(int n) {
        if (n <= headLen()) {
            return true;
        }
        if (n > len()) {
            return false;
        }
        pullIntoHead(n - headLen());
        return true;
    }

    /** Moves all fragment bytes into the linear part (skb_linearize). */
    public void linearize() {
        if (dataLen > 0) {
            pullIntoHead(dataLen);
        }
    }

    private void pullIntoHead(int need) {
        int newTailNeeded = tail + need;
        if (isCloned() || newTailNeeded > head.bytes.length) {
            // reallocHead leaves max(extraTail, current tailroom) after tail: ask for all of need.
            reallocHead(data, need + 64);
        }
        SkbData sh = head;
        int copied = 0;
        int consumedFrags = 0;
        while (copied < need) {
            int take = Math.min(sh.fragLen[consumedFrags], need - copied);
            System.arraycopy(sh.fragData[consumedFrags].bytes, sh.fragOff[consumedFrags], sh.bytes, tail + copied, take);
            copied += take;
            if (take == sh.fragLen[consumedFrags]) {
                sh.fragData[consumedFrags].release();
                consumedFrags++;
            } else {
                sh.fragOff[consumedFrags] += take;
                sh.fragLen[consumedFrags] -= take;
            }
        }
        if (consumedFrags > 0) {
            System.arraycopy(sh.fragData, consumedFrags, sh.fragData, 0, sh.nrFrags - consumedFrags);
            System.arraycopy(sh.fragOff, consumedFrags, sh.fragOff, 0, sh.nrFrags - consumedFrags);
            System.arraycopy(sh.fragLen, consumedFrags, sh.fragLen, 0, sh.nrFrags - consumedFrags);
            for (int i = sh.nrFrags - consumedFrags; i < sh.nrFrags; i++) {
                sh.fragData[i] = null;
            }
            sh.nrFrags -= consumedFrags;
        }
        tail += need;
        dataLen -= need;
    }

    // ---- fragments ---------------------------------------------------------------------

    /** Number of page fragments. */
    public int nrFrags() {
        return head.nrFrags;
    }

    public SkbData fragData(int i) {
        checkFrag(i);
        return head.fragData[i];
    }

    public int fragOffset(int i) {
        checkFrag(i);
        return head.fragOff[i];
    }

    public int fragLength(int i) {
        checkFrag(i);
        return head.fragLen[i];
    }

    private void checkFrag(int i) {
        if (i < 0 || i >= head.nrFrags) {
            throw new IndexOutOfBoundsException("frag " + i + " of " + head.nrFrags);
        }
    }

    /** True when another fragment fits ({@code nrFrags() < MAX_FRAGS}). */
    public boolean canAddFrag() {
        return head.nrFrags < SkbData.MAX_FRAGS;
    }

    /**
     * Appends {@code len} bytes of {@code area} at {@code off} as a fragment. The buffer takes
     * its own reference to the area; the caller keeps the one it had.
     */
    public void addFrag(SkbData area, int off, int len) {
        ensurePrivateHead();
        SkbData sh = head;
        if (sh.nrFrags == SkbData.MAX_FRAGS) {
            throw new IllegalStateException("no room for another fragment (MAX_SKB_FRAGS " + SkbData.MAX_FRAGS + ")");
        }
        if (off < 0 || len < 0 || off + len > area.bytes.length) {
            throw new IndexOutOfBoundsException("fragment " + off + "+" + len + " outside a " + area.bytes.length + "-byte area");
        }
        int i = sh.nrFrags;
        if (i > 0 && sh.fragData[i - 1] == area && sh.fragOff[i - 1] + sh.fragLen[i - 1] == off) {
            sh.fragLen[i - 1] += len; // contiguous with the last frag of the same area: coalesce
        } else {
            sh.fragData[i] = area.retain();
            sh.fragOff[i] = off;
            sh.fragLen[i] = len;
            sh.nrFrags = i + 1;
        }
        dataLen += len;
    }

    /** The head data area (for GRO, which turns another buffer's head into a fragment). */
    public SkbData headData() {
        checkLive();
        return head;
    }

    /**
     * Copies {@code n} bytes starting {@code offset} bytes into the packet (counted from
     * {@link #data()}, across the linear part and the frags) into {@code dst} (skb_copy_bits).
     */
    public void copyBits(int offset, byte[] dst, int dstOff, int n) {
        if (offset < 0 || n < 0 || offset + n > len()) {
            throw new IndexOutOfBoundsException("copyBits " + offset + "+" + n + " of a " + len() + "-byte packet");
        }
        int hl = headLen();
        if (offset < hl) {
            int take = Math.min(n, hl - offset);
            System.arraycopy(head.bytes, data + offset, dst, dstOff, take);
            offset += take;
            dstOff += take;
            n -= take;
        }
        int pos = hl;
        SkbData sh = head;
        for (int i = 0; i < sh.nrFrags && n > 0; i++) {
            int fl = sh.fragLen[i];
            if (offset < pos + fl) {
                int from = offset - pos;
                int take = Math.min(n, fl - from);
                System.arraycopy(sh.fragData[i].bytes, sh.fragOff[i] + from, dst, dstOff, take);
                offset += take;
                dstOff += take;
                n -= take;
            }
            pos += fl;
        }
    }

    /** The whole packet as a new array (for tests, captures and slow paths). */
    public byte[] toByteArray() {
        byte[] out = new byte[len()];
        copyBits(0, out, 0, out.length);
        return out;
    }

    // ---- GSO ---------------------------------------------------------------------------

    public int gsoSize() {
        return head.gsoSize;
    }

    public int gsoSegs() {
        return head.gsoSegs;
    }

    public int gsoType() {
        return head.gsoType;
    }

    /** Marks this buffer as a GSO super-packet to be cut into {@code size}-byte segments. */
    public void setGso(int size, int segs, int type) {
        ensurePrivateHead();
        head.gsoSize = size;
        head.gsoSegs = segs;
        head.gsoType = type;
    }

    public boolean isGso() {
        return head.gsoSize != 0;
    }

    // ---- sharing -----------------------------------------------------------------------

    /** True when the data area is shared with a clone: writes must {@link #makeWritable} first. */
    public boolean isCloned() {
        return head.refs > 1;
    }

    /** A second buffer over the same data (skb_clone); both must be freed. */
    @Override
    public SkBuff clone() {
        checkLive();
        SkBuff c = pool.newShell();
        c.head = head.retain();
        c.data = data;
        c.tail = tail;
        c.dataLen = dataLen;
        c.copyMetadataFrom(this);
        return c;
    }

    /** A full private copy (skb_copy): new linear area holding every byte, frags included. */
    public SkBuff copy() {
        checkLive();
        SkBuff c = pool.alloc(len(), headroom());
        copyBits(0, c.head.bytes, c.data, len());
        c.tail = c.data + len();
        c.copyMetadataFrom(this);
        c.head.gsoSize = head.gsoSize;
        c.head.gsoSegs = head.gsoSegs;
        c.head.gsoType = head.gsoType;
        return c;
    }

    /**
     * Gives this buffer a private linear area if it shares one with a clone (copy on write),
     * so its bytes may be written. Frags stay shared: write into them only after
     * {@link #linearize()}.
     */
    public void makeWritable() {
        checkLive();
        if (isCloned()) {
            reallocHead(data, 0);
        }
    }

    /** Ensures headroom of at least {@code n} bytes, reallocating if needed (skb_cow_head). */
    public void ensureHeadroom(int n) {
        if (data < n || isCloned()) {
            reallocHead(Math.max(n, data), 0);
        }
    }

    /**
     * Ensures room for {@code n} more bytes after the tail of a private, linear area
     * (pskb_expand_head with tail room, after linearizing a packet with frags): what growing a
     * packet at its end needs before {@link #put}.
     */
    public void ensureTailroom(int n) {
        checkLive();
        if (dataLen > 0) {
            linearize();
        }
        if (isCloned() || tailroom() < n) {
            reallocHead(data, n);
        }
    }

    private void ensurePrivateHead() {
        if (isCloned()) {
            reallocHead(data, 0);
        }
    }

    /** pskb_expand_head: a new private head with {@code newHeadroom} before data and {@code extraTail} more room. */
    private void reallocHead(int newHeadroom, int extraTail) {
        SkbData old = head;
        int hl = headLen();
        int cap = newHeadroom + hl + Math.max(extraTail, old.bytes.length - tail);
        SkbData d = pool.allocData(cap);
        // The headroom moves too, as pskb_expand_head copies from skb->head: the MAC and network
        // headers a layer has pulled past stay readable at their (shifted) offsets.
        int keep = Math.min(data, newHeadroom);
        System.arraycopy(old.bytes, data - keep, d.bytes, newHeadroom - keep, keep + hl);
        for (int i = 0; i < old.nrFrags; i++) {
            d.fragData[i] = old.fragData[i].retain();
            d.fragOff[i] = old.fragOff[i];
            d.fragLen[i] = old.fragLen[i];
        }
        d.nrFrags = old.nrFrags;
        d.gsoSize = old.gsoSize;
        d.gsoSegs = old.gsoSegs;
        d.gsoType = old.gsoType;
        int shift = newHeadroom - data;
        if (macHeader >= 0) {
            macHeader += shift;
        }
        if (networkHeader >= 0) {
            networkHeader += shift;
        }
        if (transportHeader >= 0) {
            transportHeader += shift;
        }
        if (csumStart > 0) {
            csumStart += shift;
        }
        data = newHeadroom;
        tail = newHeadroom + hl;
        head = d;
        old.release();
    }

    // ---- end of life -------------------------------------------------------------------

    /** Ends this buffer as a drop (kfree_skb). The caller records why, with a drop reason. */
    public void free() {
        release();
    }

    /** Ends this buffer as delivered or sent (consume_skb): not a drop. */
    public void consume() {
        release();
    }

    public boolean isFreed() {
        return freed;
    }

    /**
     * The buffer's identity, Linux's {@code skbaddr} in tracepoints and probes: the number of the
     * allocation that produced it in its pool (1, 2, ...), so the same in every event about this
     * buffer while it lives, different after it was freed and reused, and the same from run to
     * run (unlike an identity hash). A clone is a new buffer with an identity of its own.
     */
    public long id() {
        return id;
    }

    private void release() {
        if (freed) {
            throw new IllegalStateException("double free of an skb" + SkbPool.siteOf(allocatedAt));
        }
        if (list != null) {
            throw new IllegalStateException("freeing an skb that is still on a queue");
        }
        if (destructor != null) {
            runDestructor();
        }
        freed = true;
        head.release();
        head = null;
        resetMetadata();
        pool.recycleShell(this);
    }

    private void checkLive() {
        if (freed) {
            throw new IllegalStateException("use of a freed skb" + SkbPool.siteOf(allocatedAt));
        }
    }

    // ---- header offsets ----------------------------------------------------------------

    public int macHeader() {
        return macHeader;
    }

    public void setMacHeader(int off) {
        macHeader = off;
    }

    /** Sets the MAC header at the current data offset (skb_reset_mac_header). */
    public void resetMacHeader() {
        macHeader = data;
    }

    public boolean macHeaderSet() {
        return macHeader >= 0;
    }

    /** Length of the MAC header: from mac to network header. */
    public int macLen() {
        return networkHeader - macHeader;
    }

    public int networkHeader() {
        return networkHeader;
    }

    public void setNetworkHeader(int off) {
        networkHeader = off;
    }

    public void resetNetworkHeader() {
        networkHeader = data;
    }

    public int transportHeader() {
        return transportHeader;
    }

    public void setTransportHeader(int off) {
        transportHeader = off;
    }

    public void resetTransportHeader() {
        transportHeader = data;
    }

    public boolean transportHeaderSet() {
        return transportHeader >= 0;
    }

    // ---- metadata ----------------------------------------------------------------------

    /** EtherType of the payload as the stack sees it (skb->protocol). */
    public int protocol() {
        return protocol;
    }

    public void setProtocol(int p) {
        protocol = p;
    }

    public int mark() {
        return mark;
    }

    public void setMark(int m) {
        mark = m;
    }

    public int priority() {
        return priority;
    }

    public void setPriority(int p) {
        priority = p;
    }

    /** Flow hash (RSS or software), 0 when unset. */
    public int hash() {
        return hash;
    }

    public void setHash(int h, boolean l4) {
        hash = h;
        l4Hash = l4;
    }

    public boolean l4Hash() {
        return l4Hash;
    }

    /** ifindex of the device the packet arrived on (skb->skb_iif), 0 for locally made packets. */
    public int ingressIfindex() {
        return ingressIfindex;
    }

    public void setIngressIfindex(int i) {
        ingressIfindex = i;
    }

    /** ifindex of the device the packet is on now (skb->dev). */
    public int ifindex() {
        return ifindex;
    }

    public void setIfindex(int i) {
        ifindex = i;
    }

    /** Receive or transmit queue index. */
    public int queueMapping() {
        return queueMapping;
    }

    public void setQueueMapping(int q) {
        queueMapping = q;
    }

    public int pktType() {
        return pktType;
    }

    public void setPktType(int t) {
        pktType = t;
    }

    /** Timestamp in virtual nanoseconds (arrival on receive, departure on send). */
    public long tstamp() {
        return tstamp;
    }

    public void setTstamp(long t) {
        tstamp = t;
    }

    public int ipSummed() {
        return ipSummed;
    }

    public void setIpSummed(int s) {
        ipSummed = s;
    }

    /** For CHECKSUM_PARTIAL: where checksumming starts (an offset in buf()) and where the result goes relative to it. */
    public int csumStart() {
        return csumStart;
    }

    public int csumOffset() {
        return csumOffset;
    }

    public void setCsumPartial(int start, int offset) {
        ipSummed = CHECKSUM_PARTIAL;
        csumStart = start;
        csumOffset = offset;
    }

    /** For CHECKSUM_COMPLETE: the device's sum over the packet. */
    public int csum() {
        return csum;
    }

    public void setCsum(int c) {
        csum = c;
    }

    /** VLAN TCI stripped by hardware offload, or -1. */
    public int vlanTci() {
        return vlanTci;
    }

    public void setVlanTci(int tci) {
        vlanTci = tci;
    }

    /** The socket that owns this buffer (skb->sk), or null. */
    public Object sk() {
        return sk;
    }

    /**
     * Sets the owning socket. Giving the buffer to another owner (or to none: Linux's
     * {@code skb_orphan}, as the loopback driver and {@code ip_rcv} do) first runs the current
     * owner's {@link Destructor}; setting the same owner again keeps it.
     */
    public void setSk(Object s) {
        if (s != sk && destructor != null) {
            runDestructor();
        }
        sk = s;
    }

    /**
     * What a socket runs when a buffer charged to it ends (Linux's {@code skb->destructor},
     * {@code sock_wfree}): called exactly once, when the buffer is freed or consumed, or when it
     * is orphaned by {@link #setSk} to another owner, with the amount {@link #setOwner} charged.
     * The buffer is still live during the call and must not be freed by it.
     */
    @FunctionalInterface
    public interface Destructor {
        void destruct(SkBuff skb, long charge);
    }

    /**
     * {@code skb_set_owner_w}: the buffer belongs to socket {@code s}, which charged
     * {@code charge} bytes for it (its send memory); {@code d} gives them back when the buffer
     * ends. A previous owner's destructor runs first. Clones and copies are not charged.
     */
    public void setOwner(Object s, Destructor d, long charge) {
        if (destructor != null) {
            runDestructor();
        }
        sk = s;
        destructor = d;
        ownerCharge = charge;
    }

    private void runDestructor() {
        Destructor d = destructor;
        long c = ownerCharge;
        destructor = null;
        ownerCharge = 0;
        d.destruct(this, c);
    }

    /**
     * What the buffer costs in memory, as Linux's {@code skb->truesize} counts it for socket
     * accounting: its data area, its fragment bytes and the 576 bytes of {@code struct sk_buff}
     * and {@code skb_shared_info} beside it on x86-64.
     */
    public long truesize() {
        checkLive();
        return head.bytes.length + dataLen + 576;
    }

    private void copyMetadataFrom(SkBuff o) {
        macHeader = o.macHeader == -1 ? -1 : o.macHeader - o.data + data;
        networkHeader = o.networkHeader == -1 ? -1 : o.networkHeader - o.data + data;
        transportHeader = o.transportHeader == -1 ? -1 : o.transportHeader - o.data + data;
        System.arraycopy(o.cb, 0, cb, 0, cb.length);
        protocol = o.protocol;
        mark = o.mark;
        priority = o.priority;
        hash = o.hash;
        l4Hash = o.l4Hash;
        ingressIfindex = o.ingressIfindex;
        ifindex = o.ifindex;
        queueMapping = o.queueMapping;
        pktType = o.pktType;
        tstamp = o.tstamp;
        ipSummed = o.ipSummed;
        csumStart = o.csumStart == 0 ? 0 : o.csumStart - o.data + data;
        csumOffset = o.csumOffset;
        csum = o.csum;
        vlanTci = o.vlanTci;
        sk = null; // a clone is not charged to the socket (skb_clone clears skb->sk's destructor)
    }

    private void resetMetadata() {
        macHeader = -1;
        networkHeader = -1;
        transportHeader = -1;
        java.util.Arrays.fill(cb, 0);
        protocol = 0;
        mark = 0;
        priority = 0;
        hash = 0;
        l4Hash = false;
        ingressIfindex = 0;
        ifindex = 0;
        queueMapping = 0;
        pktType = 0;
        tstamp = 0;
        ipSummed = 0;
        csumStart = 0;
        csumOffset = 0;
        csum = 0;
        vlanTci = -1;
        sk = null;
        destructor = null;
        ownerCharge = 0;
        data = 0;
        tail = 0;
        dataLen = 0;
        next = null;
        prev = null;
    }

    @Override
    public String toString() {
        if (freed) {
            return "SkBuff[freed]";
        }
        return "SkBuff[len " + len() + " (head " + headLen() + ", frags " + head.nrFrags + "), headroom " + headroom()
                + (isCloned() ? ", cloned" : "") + (isGso() ? ", gso " + head.gsoSize : "") + "]";
    }
}
