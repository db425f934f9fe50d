package dev.weir.api.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames Linux sent, read from the classic pcap files under {@code linux/} in the test resources
 * (see the README there for how each was captured).
 */
final class LinuxCaptures {
    private LinuxCaptures() {}

    /** Frame {@code number} (1-based, as tcpdump and tshark count) of {@code linux/NAME.pcap}. */
    static byte[] frame(String name, int number) {
        List<byte[]> frames = frames(name);
        if (number < 1 || number > frames.size()) {
            throw new IllegalArgumentException(name + ".pcap has " + frames.size() + " frames, no frame " + number);
        }
        return frames.get(number - 1);
    }

    /** The frame's payload after its 14-byte untagged Ethernet header: the ARP, IPv4 or IPv6 packet. */
    static byte[] l3(String name, int number) {
        byte[] f = frame(name, number);
        return java.util.Arrays.copyOfRange(f, EthernetFrame.HEADER_LEN, f.length);
    }

    /** The payloads of the frames of EtherType {@code etherType} in the named captures, in order. */
    static List<byte[]> packets(int etherType, String... names) {
        List<byte[]> out = new ArrayList<>();
        for (String name : names) {
            for (byte[] f : frames(name)) {
                if (Bytes.u16(f, EthernetFrame.TYPE_OFFSET) == etherType) {
                    out.add(java.util.Arrays.copyOfRange(f, EthernetFrame.HEADER_LEN, f.length));
                }
            }
        }
        return out;
    }

    static List<byte[]> frames(String name) {
        String path = "linux/" + name + ".pcap";
        try (InputStream in = LinuxCaptures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + path + " beside " + LinuxCaptures.class.getName());
            }
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes());
            int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            if (magic != 0xa1b2c3d4) {
                b.order(ByteOrder.BIG_ENDIAN);
                if (b.getInt(0) != 0xa1b2c3d4) {
                    throw new IllegalStateException(path + ": not a classic pcap file (magic " + Integer.toHexString(magic) + ")");
                }
            }
            b.position(24);
            List<byte[]> out = new ArrayList<>();
            while (b.remaining() >= 16) {
                b.getInt();
                b.getInt();
                int incl = b.getInt();
                b.getInt();
                byte[] f = new byte[incl];
                b.get(f);
                out.add(f);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }
}
