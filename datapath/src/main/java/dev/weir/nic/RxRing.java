package dev.weir.nic;

import dev.weir.skb.SkbData;
import dev.weir.skb.SkbPool;

/**
 * A receive descriptor ring: {@code size} slots, each with a posted buffer (a pooled data area)
 * the NIC may DMA a frame into. The NIC fills slots in order from {@code hw}; the driver reads
 * completed ones from {@code sw} and posts a fresh buffer in their place at once, so a slot is
 * either posted (free for the NIC) or completed (waiting for the driver). When every slot is
 * completed the NIC has nowhere to put the next frame: {@code rx_missed}.
 */
final class RxRing {
    final int size;
    final int bufSize;
    /** Where the NIC writes each frame in its buffer: NET_SKB_PAD, or XDP's 256 while a program is attached. */
    final int headroom;
    final SkbData[] buf;
    final int[] len;
    final int[] hash;
    final boolean[] l4Hash;
    final boolean[] hashed;
    final byte[] csum;
    final long[] tstamp;
    int hw;
    int sw;
    int completed;
    /** Buffer allocations for refills (a real driver's page allocations). */
    long allocs;

    RxRing(int size, int bufSize, int headroom) {
        this.size = size;
        this.bufSize = bufSize;
        this.headroom = headroom;
        buf = new SkbData[size];
        len = new int[size];
        hash = new int[size];
        l4Hash = new boolean[size];
        hashed = new boolean[size];
        csum = new byte[size];
        tstamp = new long[size];
    }

    /** Posts a buffer in every empty slot. */
    void fill(SkbPool pool) {
        for (int i = 0; i < size; i++) {
            if (buf[i] == null) {
                buf[i] = pool.allocData(bufSize);
                allocs++;
            }
        }
    }

    boolean full() {
        return completed == size;
    }

    /** Frees every buffer; returns how many completed frames were still waiting (lost). */
    int release() {
        int lost = completed;
        for (int i = 0; i < size; i++) {
            if (buf[i] != null) {
                buf[i].release();
                buf[i] = null;
            }
        }
        completed = 0;
        hw = 0;
        sw = 0;
        return lost;
    }
}
