package dev.weir.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ArpPacketTest {
    private static final MacAddress A_MAC = MacAddress.parse("02:00:00:00:01:01");
    private static final MacAddress R_MAC = MacAddress.parse("02:00:00:00:01:fe");
    private static final Ipv4Address A_IP = Ipv4Address.parse("10.0.1.1");
    private static final Ipv4Address R_IP = Ipv4Address.parse("10.0.1.254");

    private static final byte[] REQUEST = LinuxCaptures.l3("arp", 1);
    private static final byte[] REPLY = LinuxCaptures.l3("arp", 2);

    @Test
    void linuxRequestParsesAndIsWhatRequestEmits() {
        ArpPacket p = new ArpPacket();
        assertThat(p.wrap(REQUEST, 0, REQUEST.length)).isEqualTo(WireError.OK);
        assertThat(p.operation()).isEqualTo(ArpPacket.OP_REQUEST);
        assertThat(new MacAddress(p.senderMac())).isEqualTo(A_MAC);
        assertThat(new Ipv4Address(p.senderIp())).isEqualTo(A_IP);
        assertThat(p.targetMac()).isZero();
        assertThat(new Ipv4Address(p.targetIp())).isEqualTo(R_IP);
        assertThat(p.isGratuitous()).isFalse();

        ArpRepr r = ArpRepr.request(A_MAC, A_IP, R_IP);
        assertThat(ArpRepr.parse(p)).isEqualTo(r);
        byte[] out = new byte[r.bufferLength()];
        assertThat(r.emit(out, 0)).isEqualTo(28);
        assertThat(out).isEqualTo(REQUEST);
    }

    @Test
    void linuxReplyIsReplyToTheRequest() {
        ArpPacket p = new ArpPacket();
        assertThat(p.wrap(REPLY, 0, REPLY.length)).isEqualTo(WireError.OK);
        ArpRepr reply = ArpRepr.replyTo(ArpRepr.request(A_MAC, A_IP, R_IP), R_MAC);
        assertThat(ArpRepr.parse(p)).isEqualTo(reply);
        byte[] out = new byte[28];
        reply.emit(out, 0);
        assertThat(out).isEqualTo(REPLY);
    }

    @Test
    void settersTurnTheRequestIntoLinuxsReplyInPlace() {
        byte[] b = REQUEST.clone();
        ArpPacket p = new ArpPacket();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        p.setOperation(ArpPacket.OP_REPLY);
        p.setTargetMac(p.senderMac());
        p.setTargetIp(p.senderIp());
        p.setSenderMac(R_MAC.bits());
        p.setSenderIp(R_IP.bits());
        assertThat(b).isEqualTo(REPLY);
        assertThatThrownBy(() -> p.setOperation(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ethernetPaddingAfterThePacketIsIgnored() {
        // A 60-byte minimum Ethernet frame pads the 28-byte packet with 18 bytes.
        byte[] padded = Arrays.copyOf(REQUEST, 46);
        ArpPacket p = new ArpPacket();
        assertThat(p.wrap(padded, 0, padded.length)).isEqualTo(WireError.OK);
        assertThat(p.length()).isEqualTo(28);
    }

    @Test
    void rfc826FieldsOtherThanEthernetAndIpv4AreRefused() {
        ArpPacket p = new ArpPacket();
        assertThat(p.wrap(REQUEST, 0, 27)).isEqualTo(WireError.TRUNCATED);
        assertThat(p.wrap(withU16(0, 6), 0, 28)).as("hardware type 6 (IEEE 802)").isEqualTo(WireError.BAD_FIELD);
        assertThat(p.wrap(withU16(2, EtherType.IPV6), 0, 28)).as("protocol type IPv6").isEqualTo(WireError.BAD_FIELD);
        assertThat(p.wrap(withU8(4, 8), 0, 28)).as("hardware length 8").isEqualTo(WireError.BAD_FIELD);
        assertThat(p.wrap(withU8(5, 16), 0, 28)).as("protocol length 16").isEqualTo(WireError.BAD_FIELD);
    }

    @Test
    void onlyRequestAndReplyOperationsAsLinuxArpProcessAcceptsThem() {
        // RFC 903 RARP (3, 4) and RFC 2390 InARP (8, 9) operations: Linux's arp_process drops them.
        ArpPacket p = new ArpPacket();
        for (int op : new int[] {0, 3, 4, 8, 9}) {
            assertThat(p.wrap(withU16(6, op), 0, 28)).as("operation %d", op).isEqualTo(WireError.BAD_FIELD);
        }
    }

    @Test
    void gratuitousArpHasEqualSenderAndTargetAddresses() {
        ArpRepr g = new ArpRepr(ArpRepr.Operation.REQUEST, A_MAC, A_IP, MacAddress.ZERO, A_IP);
        byte[] b = new byte[28];
        g.emit(b, 0);
        ArpPacket p = new ArpPacket();
        assertThat(p.wrap(b, 0, 28)).isEqualTo(WireError.OK);
        assertThat(p.isGratuitous()).isTrue();
    }

    private static byte[] withU16(int at, int v) {
        byte[] b = REQUEST.clone();
        Bytes.put16(b, at, v);
        return b;
    }

    private static byte[] withU8(int at, int v) {
        byte[] b = REQUEST.clone();
        b[at] = (byte) v;
        return b;
    }

    @Property
    void neverThrowsOnArbitraryBytes(@ForAll @Size(max = 40) byte[] bytes, @ForAll int off) {
        ArpPacket p = new ArpPacket();
        p.wrap(bytes, off, bytes.length);
        if (p.wrap(bytes, 0, bytes.length) == WireError.OK) {
            ArpRepr.parse(p);
        }
    }

    @Property
    void neverThrowsOnMutatedLinuxPackets(@ForAll long seed) {
        for (byte[] valid : new byte[][] {REQUEST, REPLY}) {
            byte[] b = Mutations.mutate(valid, seed);
            ArpPacket p = new ArpPacket();
            if (p.wrap(b, 0, b.length) == WireError.OK) {
                ArpRepr r = ArpRepr.parse(p);
                byte[] out = new byte[28];
                r.emit(out, 0);
                assertThat(out).isEqualTo(Arrays.copyOf(b, 28));
            }
        }
    }

    @Property
    void emitThenWrapThenParseRoundTrips(@ForAll("reprs") ArpRepr r) {
        byte[] b = new byte[r.bufferLength()];
        r.emit(b, 0);
        ArpPacket p = new ArpPacket();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        assertThat(ArpRepr.parse(p)).isEqualTo(r);
    }

    @Provide
    Arbitrary<ArpRepr> reprs() {
        Arbitrary<MacAddress> mac = Arbitraries.longs().between(0, 0xffff_ffff_ffffL).map(MacAddress::new);
        Arbitrary<Ipv4Address> ip = Arbitraries.integers().map(Ipv4Address::new);
        return Combinators.combine(Arbitraries.of(ArpRepr.Operation.class), mac, ip, mac, ip).as(ArpRepr::new);
    }
}
