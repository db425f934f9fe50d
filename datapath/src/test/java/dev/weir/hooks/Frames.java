package dev.weir.hooks;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;

/** Frames for test runs, built byte by byte (Ethernet II, IPv4 with a valid header checksum, UDP). */
final class Frames {
    private Frames() {}

    /** An IPv4 UDP frame 10.0.0.1:sport -> 10.0.0.2:dport with {@code payload} bytes 0, 1, 2 ... */
    static byte[] udp4(int sport, int dport, int payload) {
        byte[] f = new byte[14 + 20 + 8 + payload];
        Bytes.put48(f, 0, 0x020000000002L);
        Bytes.put48(f, 6, 0x020000000001L);
        Bytes.put16(f, 12, 0x0800);
        f[14] = 0x45;
        Bytes.put16(f, 16, 20 + 8 + payload);
        f[22] = 64;
        f[23] = 17;
        Bytes.put32(f, 26, 0x0a000001);
        Bytes.put32(f, 30, 0x0a000002);
        Bytes.put16(f, 24, Checksum.internet(f, 14, 20));
        Bytes.put16(f, 34, sport);
        Bytes.put16(f, 36, dport);
        Bytes.put16(f, 38, 8 + payload);
        for (int i = 0; i < payload; i++) {
            f[42 + i] = (byte) i;
        }
        return f;
    }
}
