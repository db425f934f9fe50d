package dev.weir.skb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SkBuffTest {
    private final SkbPool pool = new SkbPool("test").trackLeaks(true);

    @AfterEach
    void nothingLeaked() {
        pool.assertNoLeaks();
    }

    private static byte[] seq(int n, int start) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }

    @Test
    void pushPullPutTrimMoveDataAndTailLikeLinux() {
        SkBuff skb = pool.alloc(100, SkBuff.NET_SKB_PAD);
        assertThat(skb.headroom()).isEqualTo(64);
        assertThat(skb.len()).isZero();
        skb.putBytes(seq(40, 0), 0, 40);       // payload
        int ip = skb.push(20);                  // network header in front
        skb.resetNetworkHeader();
        assertThat(ip).isEqualTo(44);
        assertThat(skb.len()).isEqualTo(60);
        skb.push(14);
        skb.resetMacHeader();
        assertThat(skb.macLen()).isEqualTo(14);
        skb.pull(14);
        assertThat(skb.data()).isEqualTo(skb.networkHeader());
        skb.trim(30);
        assertThat(skb.len()).isEqualTo(30);
        assertThatThrownBy(() -> skb.push(100)).hasMessageContaining("skb_under_panic");
        assertThatThrownBy(() -> skb.put(10_000)).hasMessageContaining("skb_over_panic");
        skb.free();
    }

    @Test
    void linearizeGrowsTheHeadByAllItNeedsNotJustTheExcess() {
        // 164 bytes used of a 256-byte head, 1900 bytes of frag: the new head must hold 2064.
        SkBuff skb = pool.alloc(100, SkBuff.NET_SKB_PAD);
        skb.putBytes(seq(100, 0), 0, 100);
        SkbData page = pool.allocPage();
        System.arraycopy(seq(1900, 100), 0, page.bytes(), 0, 1900);
        skb.addFrag(page, 0, 1900);
        page.release();
        skb.linearize();
        assertThat(skb.headLen()).isEqualTo(2000);
        assertThat(skb.toByteArray()).isEqualTo(seq(2000, 0));
        skb.free();
    }

    @Test
    void headersPulledPastSurviveAReallocationOfTheHead() {
        // An IP layer pulls its header, then the transport pulls bytes out of frags: the new head
        // must still hold the IP header where networkHeader() says (Linux's pskb_expand_head
        // copies the headroom too).
        SkBuff skb = pool.alloc(40, 16);
        skb.putBytes(seq(40, 0), 0, 40);
        skb.resetNetworkHeader();
        skb.pull(20);
        SkbData page = pool.allocPage();
        System.arraycopy(seq(3000, 40), 0, page.bytes(), 0, 3000);
        skb.addFrag(page, 0, 3000);
        page.release();
        skb.linearize();
        byte[] ip = java.util.Arrays.copyOfRange(skb.buf(), skb.networkHeader(), skb.networkHeader() + 20);
        assertThat(ip).isEqualTo(seq(20, 0));
        assertThat(skb.toByteArray()).isEqualTo(seq(3020, 20));
        SkBuff c = skb.clone();
        skb.makeWritable();
        assertThat(java.util.Arrays.copyOfRange(skb.buf(), skb.networkHeader(), skb.networkHeader() + 20)).isEqualTo(seq(20, 0));
        c.free();
        skb.free();
    }

    @Test
    void cloneSharesDataUntilWrittenThenCopies() {
        SkBuff a = pool.alloc(64, 32);
        a.putBytes(seq(64, 1), 0, 64);
        a.setMark(7);
        SkBuff b = a.clone();
        assertThat(a.isCloned()).isTrue();
        assertThat(b.buf()).isSameAs(a.buf());
        assertThat(b.mark()).isEqualTo(7);
        b.makeWritable();
        assertThat(b.buf()).isNotSameAs(a.buf());
        assertThat(a.isCloned()).isFalse();
        b.buf()[b.data()] = 99;
        assertThat(a.buf()[a.data()]).isEqualTo((byte) 1);
        assertThat(b.toByteArray()[1]).isEqualTo((byte) 2);
        a.free();
        b.consume();
    }

    @Test
    void copyIsPrivateAndKeepsHeaderOffsets() {
        SkBuff a = pool.alloc(64, 32);
        a.putBytes(seq(64, 1), 0, 64);
        a.resetNetworkHeader();
        a.setTransportHeader(a.data() + 20);
        SkBuff c = a.copy();
        assertThat(c.buf()).isNotSameAs(a.buf());
        assertThat(c.transportHeader() - c.networkHeader()).isEqualTo(20);
        assertThat(c.toByteArray()).isEqualTo(a.toByteArray());
        a.free();
        c.free();
    }

    @Test
    void fragmentsCarryBytesPastTheLinearPart() {
        SkBuff skb = pool.alloc(54, 64);
        skb.putBytes(seq(54, 0), 0, 54);
        SkbData page = pool.allocPage();
        System.arraycopy(seq(1000, 54), 0, page.bytes(), 100, 1000);
        skb.addFrag(page, 100, 600);
        skb.addFrag(page, 700, 400); // contiguous: coalesced into one frag
        page.release();
        assertThat(skb.nrFrags()).isEqualTo(1);
        assertThat(skb.len()).isEqualTo(1054);
        assertThat(skb.dataLen()).isEqualTo(1000);
        assertThat(skb.toByteArray()).isEqualTo(seq(1054, 0));
        assertThat(skb.mayPull(80)).isTrue();
        assertThat(skb.headLen()).isEqualTo(80);
        assertThat(skb.toByteArray()).isEqualTo(seq(1054, 0));
        assertThat(skb.mayPull(2000)).isFalse();
        skb.trim(500);
        assertThat(skb.toByteArray()).isEqualTo(seq(500, 0));
        skb.linearize();
        assertThat(skb.nrFrags()).isZero();
        assertThat(skb.toByteArray()).isEqualTo(seq(500, 0));
        skb.free();
    }

    @Test
    void pagesLiveAsLongAsAnyFragPointsIntoThem() {
        SkBuff donor = pool.alloc(1500, 64);
        donor.putBytes(seq(1500, 3), 0, 1500);
        SkBuff merged = pool.alloc(100, 64);
        merged.addFrag(donor.headData(), donor.data(), donor.headLen());
        donor.consume(); // GRO frees the donor skb; its head lives on as merged's frag
        assertThat(pool.liveData()).isEqualTo(2);
        assertThat(merged.toByteArray()).isEqualTo(seq(1500, 3));
        merged.free();
        assertThat(pool.liveData()).isZero();
    }

    @Test
    void doubleFreeAndUseAfterFreeAreCaught() {
        SkBuff skb = pool.alloc(10, 0);
        skb.free();
        assertThatThrownBy(skb::free).hasMessageContaining("double free");
        assertThatThrownBy(skb::buf).hasMessageContaining("use of a freed skb");
    }

    @Test
    void leakAccountingNamesTheAllocationSite() {
        SkbPool p = new SkbPool("leaky").trackLeaks(true);
        SkBuff skb = p.alloc(10, 0);
        assertThatThrownBy(p::assertNoLeaks)
                .hasMessageContaining("pool 'leaky' leaked 1 skb(s)")
                .hasMessageContaining("SkBuffTest.leakAccountingNamesTheAllocationSite");
        skb.free();
        p.assertNoLeaks();
    }

    @Test
    void poolReusesFreedBuffers() {
        SkbPool p = new SkbPool("reuse");
        SkBuff a = p.alloc(1500, 64);
        byte[] area = a.buf();
        a.free();
        SkBuff b = p.alloc(1400, 64);
        assertThat(b.buf()).isSameAs(area);
        assertThat(b.len()).isZero();
        assertThat(b.mark()).isZero();
        b.free();
    }

    @Test
    void queueKeepsOrderAndByteCount() {
        SkbQueue q = new SkbQueue();
        SkBuff a = pool.alloc(10, 0);
        a.put(10);
        SkBuff b = pool.alloc(20, 0);
        b.put(20);
        SkBuff c = pool.alloc(5, 0);
        c.put(5);
        q.addLast(a);
        q.addLast(c);
        q.insertAfter(a, b);
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.bytes()).isEqualTo(35);
        assertThatThrownBy(() -> q.addLast(a)).hasMessageContaining("already on a queue");
        assertThatThrownBy(a::free).hasMessageContaining("still on a queue");
        assertThat(q.pollFirst()).isSameAs(a);
        assertThat(q.pollFirst()).isSameAs(b);
        assertThat(q.bytes()).isEqualTo(5);
        a.free();
        b.free();
        q.purge();
        assertThat(q.isEmpty()).isTrue();
    }

    /** A random sequence of buffer operations against a plain byte-array model. */
    @Property(tries = 300)
    void operationsAgreeWithAByteArrayModel(@ForAll("ops") @Size(max = 40) int[][] ops) {
        SkbPool p = new SkbPool("model");
        SkBuff skb = p.alloc(256, 128);
        byte[] model = new byte[0];
        SkBuff clone = null;
        int counter = 0;
        for (int[] op : ops) {
            int n = op[1];
            switch (op[0]) {
                case 0 -> { // put
                    if (n <= skb.tailroom()) {
                        int at = skb.put(n);
                        for (int i = 0; i < n; i++) {
                            skb.buf()[at + i] = (byte) counter;
                        }
                        byte[] m = Arrays.copyOf(model, model.length + n);
                        Arrays.fill(m, model.length, m.length, (byte) counter++);
                        model = m;
                    }
                }
                case 1 -> { // push
                    if (n <= skb.headroom()) {
                        skb.makeWritable();
                        int at = skb.push(n);
                        Arrays.fill(skb.buf(), at, at + n, (byte) counter);
                        byte[] m = new byte[model.length + n];
                        Arrays.fill(m, 0, n, (byte) counter++);
                        System.arraycopy(model, 0, m, n, model.length);
                        model = m;
                    }
                }
                case 2 -> { // pull
                    if (skb.mayPull(n)) {
                        skb.pull(n);
                        model = Arrays.copyOfRange(model, n, model.length);
                    }
                }
                case 3 -> { // trim
                    if (n <= skb.len()) {
                        skb.trim(n);
                        model = Arrays.copyOf(model, n);
                    }
                }
                case 4 -> { // add a fragment
                    if (skb.canAddFrag()) {
                        SkbData page = p.allocPage();
                        Arrays.fill(page.bytes(), 0, n, (byte) counter);
                        skb.addFrag(page, 0, n);
                        page.release();
                        byte[] m = Arrays.copyOf(model, model.length + n);
                        Arrays.fill(m, model.length, m.length, (byte) counter++);
                        model = m;
                    }
                }
                case 5 -> { // clone, dropping an older clone
                    if (clone != null) {
                        clone.free();
                    }
                    clone = skb.clone();
                }
                default -> skb.linearize();
            }
            assertThat(skb.len()).isEqualTo(model.length);
            assertThat(skb.toByteArray()).isEqualTo(model);
        }
        if (clone != null) {
            clone.free();
        }
        skb.free();
        p.assertNoLeaks();
    }

    @Provide
    Arbitrary<int[]> opsElement() {
        return Arbitraries.integers().between(0, 6).flatMap(kind ->
                Arbitraries.integers().between(0, 120).map(n -> new int[] {kind, n}));
    }

    @Provide
    Arbitrary<int[][]> ops() {
        return opsElement().array(int[][].class).ofMaxSize(40);
    }
}
