package dev.weir.ip;

import dev.weir.api.wire.EthernetFrame;
import dev.weir.pcap.CaptureReader;
import dev.weir.pcap.CapturedPacket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** Packets Linux sent, from the captures under {@code /captures} and {@code dev/weir/ip/linux}. */
final class LinuxPackets {
    private LinuxPackets() {}

    /** Every frame of the capture at classpath {@code resource}. */
    static List<CapturedPacket> frames(String resource) {
        try (InputStream in = LinuxPackets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + resource + " on the test class path");
            }
            return CaptureReader.open(in, resource).readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** Frame {@code number} (1-based, as tcpdump counts) of {@code resource}, without its Ethernet header. */
    static byte[] l3(String resource, int number) {
        byte[] f = frames(resource).get(number - 1).data();
        return Arrays.copyOfRange(f, EthernetFrame.HEADER_LEN, f.length);
    }

    /** The IP packet of {@code dev/weir/ip/linux/NAME.pcap} frame {@code number}. */
    static byte[] icmpCapture(String name, int number) {
        return l3("/dev/weir/ip/linux/" + name + ".pcap", number);
    }
}
