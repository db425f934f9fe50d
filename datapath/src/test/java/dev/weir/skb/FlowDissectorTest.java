package dev.weir.skb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlowDissectorTest {
    private static final int SEED = 0x5eed;
    private final SkbPool pool = new SkbPool("test").trackLeaks(true);

    @AfterEach
    void nothingLeaked() {
        pool.assertNoLeaks();
    }

    /** Ethernet + IPv4 + 8 bytes of transport header; {@code fragWord} is the flags/offset field. */
    private static byte[] ipv4(int src, int dst, int proto, int sport, int dport, int fragWord) {
        byte[] b = new byte[14 + 20 + 8];
        Bytes.put16(b, 12, 0x0800);
        b[14] = 0x45;
        Bytes.put16(b, 16, 28);
        Bytes.put16(b, 20, fragWord);
        b[22] = 64;
        b[23] = (byte) proto;
        Bytes.put32(b, 26, src);
        Bytes.put32(b, 30, dst);
        Bytes.put16(b, 34, sport);
        Bytes.put16(b, 36, dport);
        return b;
    }

    /** Ethernet + IPv6 (+ the given extension headers, each 8 bytes, chained) + 8 bytes of transport. */
    private static byte[] ipv6(long src, long dst, int label, int[] extTypes, int proto, int sport, int dport) {
        int ext = extTypes.length * 8;
        byte[] b = new byte[14 + 40 + ext + 8];
        Bytes.put16(b, 12, 0x86dd);
        Bytes.put32(b, 14, (6 << 28) | label);
        b[20] = (byte) (extTypes.length > 0 ? extTypes[0] : proto);
        b[21] = 64;
        Bytes.put64(b, 22, 0xfd00_0000_0000_0000L);
        Bytes.put64(b, 30, src);
        Bytes.put64(b, 38, 0xfd00_0000_0000_0000L);
        Bytes.put64(b, 46, dst);
        int p = 54;
        for (int i = 0; i < extTypes.length; i++) {
            b[p] = (byte) (i + 1 < extTypes.length ? extTypes[i + 1] : proto);
            b[p + 1] = 0;   // length 0: 8 bytes (for AH: (0+2)*4 = 8 too)
            p += 8;
        }
        Bytes.put16(b, p, sport);
        Bytes.put16(b, p + 2, dport);
        return b;
    }

    /** A buffer holding a frame as the transmit path has it: data at the MAC header, no network header set. */
    private SkBuff frame(byte[] bytes) {
        SkBuff skb = pool.alloc(bytes.length, 64);
        skb.putBytes(bytes, 0, bytes.length);
        skb.resetMacHeader();
        return skb;
    }

    private int hashOf(byte[] bytes) {
        SkBuff skb = frame(bytes);
        try {
            return FlowDissector.hash(skb, SEED);
        } finally {
            skb.free();
        }
    }

    private boolean l4Of(byte[] bytes) {
        SkBuff skb = frame(bytes);
        try {
            return (FlowDissector.dissect(skb, SEED) & FlowDissector.L4) != 0;
        } finally {
            skb.free();
        }
    }

    @Test
    void bothDirectionsOfAFlowHashAlikeAsLinuxConsistentifiesTheKeys() {
        int a = 0x0a000001;
        int b = 0x0a000002;
        assertThat(hashOf(ipv4(a, b, 6, 40000, 80, 0x4000))).isEqualTo(hashOf(ipv4(b, a, 6, 80, 40000, 0x4000)));
        assertThat(hashOf(ipv6(1, 2, 0, new int[0], 17, 5000, 53))).isEqualTo(hashOf(ipv6(2, 1, 0, new int[0], 17, 53, 5000)));
        // Same addresses: the lower port first.
        assertThat(hashOf(ipv4(a, a, 17, 7, 9, 0))).isEqualTo(hashOf(ipv4(a, a, 17, 9, 7, 0)));
    }

    @Test
    void everyPartOfTheFiveTupleAndTheSeedChangeTheHash() {
        int base = hashOf(ipv4(0x0a000001, 0x0a000002, 6, 40000, 80, 0));
        assertThat(hashOf(ipv4(0x0a000001, 0x0a000003, 6, 40000, 80, 0))).isNotEqualTo(base);
        assertThat(hashOf(ipv4(0x0a000001, 0x0a000002, 17, 40000, 80, 0))).isNotEqualTo(base);
        assertThat(hashOf(ipv4(0x0a000001, 0x0a000002, 6, 40001, 80, 0))).isNotEqualTo(base);
        assertThat(hashOf(ipv4(0x0a000001, 0x0a000002, 6, 40000, 81, 0))).isNotEqualTo(base);
        SkBuff skb = frame(ipv4(0x0a000001, 0x0a000002, 6, 40000, 80, 0));
        assertThat(FlowDissector.hash(skb, SEED + 1)).isNotEqualTo(base);
        skb.free();
    }

    @Test
    void manyFlowsSpreadOverBucketsLikeARandomFunction() {
        // 4096 TCP flows into 1024 buckets: a random function fills about 1024 * (1 - e^-4) = 1005.
        Set<Integer> buckets = new HashSet<>();
        for (int port = 0; port < 4096; port++) {
            long h = hashOf(ipv4(0x0a000001, 0x0a000002, 6, 10000 + port, 443, 0)) & 0xffff_ffffL;
            buckets.add((int) ((h * 1024) >>> 32));
        }
        assertThat(buckets.size()).isBetween(985, 1024);
    }

    @Test
    void fragmentsAreHashedWithoutPortsSoEveryFragmentOfADatagramFallsInOneFlow() {
        // Linux hashes fragments on addresses and protocol only (no FLOW_DISSECTOR_F_PARSE_1ST_FRAG).
        byte[] first = ipv4(0x0a000001, 0x0a000002, 17, 1234, 53, 0x2000);   // MF, offset 0
        byte[] middle = ipv4(0x0a000001, 0x0a000002, 17, 0xdead, 0xbeef, 0x20b9);  // MF, offset 185*8
        byte[] last = ipv4(0x0a000001, 0x0a000002, 17, 0x1111, 0x2222, 0x0172);
        assertThat(hashOf(first)).isEqualTo(hashOf(middle)).isEqualTo(hashOf(last));
        assertThat(l4Of(first)).isFalse();
        assertThat(l4Of(ipv4(0x0a000001, 0x0a000002, 17, 1234, 53, 0x4000))).isTrue();   // DF only: not a fragment
        int[] fragHeader = {44};
        byte[] v6frag = ipv6(1, 2, 0, fragHeader, 17, 1234, 53);
        Bytes.put16(v6frag, 54 + 2, 0x0001);   // offset 0, M=1
        byte[] v6fragLater = ipv6(1, 2, 0, fragHeader, 17, 999, 888);
        Bytes.put16(v6fragLater, 54 + 2, 0x0500);
        assertThat(hashOf(v6frag)).isEqualTo(hashOf(v6fragLater));
        assertThat(l4Of(v6frag)).isFalse();
    }

    @Test
    void ipv6ExtensionHeadersAreSkippedToTheTransportPorts() {
        int[] ext = {0, 60, 43, 51};   // hop-by-hop, destination options, routing, AH
        byte[] p1 = ipv6(1, 2, 0, ext, 6, 1000, 2000);
        byte[] p2 = ipv6(1, 2, 0, ext, 6, 1001, 2000);
        assertThat(l4Of(p1)).isTrue();
        assertThat(hashOf(p1)).isNotEqualTo(hashOf(p2));
        // The flow label is part of the key, as in Linux's flow_keys.
        assertThat(hashOf(ipv6(1, 2, 0x12345, new int[0], 6, 1000, 2000)))
                .isNotEqualTo(hashOf(ipv6(1, 2, 0, new int[0], 6, 1000, 2000)));
    }

    @Test
    void vlanTagsAreWalkedAndTheirIdIsPartOfTheKey() {
        byte[] plain = ipv4(0x0a000001, 0x0a000002, 6, 40000, 80, 0);
        byte[] tagged = new byte[plain.length + 4];
        System.arraycopy(plain, 0, tagged, 0, 12);
        Bytes.put16(tagged, 12, 0x8100);
        Bytes.put16(tagged, 14, 100);
        System.arraycopy(plain, 12, tagged, 16, plain.length - 12);
        assertThat(l4Of(tagged)).isTrue();
        assertThat(hashOf(tagged)).isNotEqualTo(hashOf(plain));
        // The same VLAN stripped by the NIC (skb->vlan_tci) hashes like the tag in the frame.
        SkBuff stripped = frame(plain);
        stripped.setVlanTci(100);
        assertThat(FlowDissector.hash(stripped, SEED)).isEqualTo(hashOf(tagged));
        stripped.free();
    }

    @Test
    void theNetworkHeaderAndTheMacHeaderStartTheSameParse() {
        byte[] bytes = ipv4(0x0a000001, 0x0a000002, 6, 40000, 80, 0);
        SkBuff rx = frame(bytes);
        rx.pull(14);
        rx.resetNetworkHeader();
        rx.setProtocol(0x0800);
        assertThat(FlowDissector.hash(rx, SEED)).isEqualTo(hashOf(bytes));
        rx.free();
    }

    @Test
    void getHashKeepsAHashAlreadyOnTheBufferAndStoresAComputedOne() {
        SkBuff skb = frame(ipv4(0x0a000001, 0x0a000002, 6, 40000, 80, 0));
        int h = FlowDissector.getHash(skb, SEED);
        assertThat(skb.hash()).isEqualTo(h).isNotZero();
        assertThat(skb.l4Hash()).isTrue();
        skb.setHash(42, false);
        assertThat(FlowDissector.getHash(skb, SEED)).isEqualTo(42);
        skb.free();
    }

    @Test
    void locateNetworkHeaderFindsIpBehindVlanTagsAndRefusesOtherEtherTypes() {
        SkBuff skb = frame(ipv4(0x0a000001, 0x0a000002, 6, 1, 2, 0));
        long l3 = FlowDissector.locateNetworkHeader(skb);
        assertThat(l3 >>> 32).isEqualTo(0x0800);
        assertThat((int) l3).isEqualTo(skb.data() + 14);
        skb.free();
        byte[] arp = new byte[42];
        Bytes.put16(arp, 12, 0x0806);
        SkBuff a = frame(arp);
        assertThat(FlowDissector.locateNetworkHeader(a)).isEqualTo(-1);
        a.free();
    }

    @Test
    void everyTruncationOfEveryHeaderIsHashedWithoutThrowing() {
        byte[][] packets = {
            ipv4(0x0a000001, 0x0a000002, 6, 40000, 80, 0),
            ipv6(1, 2, 7, new int[] {0, 44, 60}, 17, 5, 6),
        };
        int[] portsEnd = {14 + 20 + 4, 14 + 40 + 24 + 4};
        for (int k = 0; k < packets.length; k++) {
            byte[] full = packets[k];
            Set<Integer> seen = new HashSet<>();
            for (int len = 0; len <= full.length; len++) {
                byte[] cut = java.util.Arrays.copyOf(full, len);
                seen.add(hashOf(cut));
                assertThat(l4Of(cut)).as("ports read from %d of %d bytes", len, full.length).isEqualTo(len >= portsEnd[k]);
            }
            assertThat(seen).doesNotContain(0);
        }
    }

    @Property(tries = 300)
    void randomBytesNeverThrow(@ForAll @Size(max = 120) byte[] bytes, @ForAll @IntRange(min = 0, max = 3) int etherType) {
        int[] types = {0x0800, 0x86dd, 0x8100, 0x88a8};
        byte[] b = bytes.clone();
        if (b.length >= 14) {
            Bytes.put16(b, 12, types[etherType]);
            if (b.length > 14) {
                b[14] = (byte) ((b[14] & 0x0f) | (etherType == 1 ? 0x60 : 0x40));
            }
        }
        SkBuff skb = frame(b);
        assertThat(FlowDissector.hash(skb, SEED)).isNotZero();
        FlowDissector.locateNetworkHeader(skb);
        skb.free();
    }
}
