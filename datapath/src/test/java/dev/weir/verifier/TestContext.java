package dev.weir.verifier;

import dev.weir.api.prog.XdpLikeContext;

/** A context over given packet bytes, for running test programs. */
final class TestContext implements XdpLikeContext {
    final byte[] packet;
    final byte[] scratch = new byte[512];
    final StringBuilder trace = new StringBuilder();
    long now;

    TestContext(byte[] packet) {
        this.packet = packet;
    }

    /** A packet of {@code length} bytes, byte i = i & 0xFF. */
    static TestContext ofLength(int length) {
        byte[] p = new byte[length];
        for (int i = 0; i < length; i++) {
            p[i] = (byte) i;
        }
        return new TestContext(p);
    }

    @Override
    public int length() {
        return packet.length;
    }

    @Override
    public int loadByte(int offset) {
        return packet[offset] & 0xFF;
    }

    @Override
    public byte[] scratch() {
        return scratch;
    }

    @Override
    public long timeNs() {
        return now;
    }

    @Override
    public long random() {
        return 4; // chosen by a fair dice roll
    }

    @Override
    public void tracePrint(String format, long a) {
        trace.append(format.replace("%d", Long.toString(a))).append('\n');
    }
}
