package dev.weir.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EthernetFrameTest {
    // A frame captured from Linux: an ARP request from 02:00:00:00:00:01 for 10.0.0.2 (tcpdump -xx).
    private static final byte[] ARP_REQUEST = Bytes.fromHex(
            "ffffffffffff 020000000001 0806 0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000002");

    @Test
    void parsesUntaggedFrame() {
        EthernetFrame f = new EthernetFrame();
        assertThat(f.wrap(ARP_REQUEST, 0, ARP_REQUEST.length)).isEqualTo(WireError.OK);
        assertThat(new MacAddress(f.dst())).isEqualTo(MacAddress.BROADCAST);
        assertThat(new MacAddress(f.src())).hasToString("02:00:00:00:00:01");
        assertThat(f.etherType()).isEqualTo(EtherType.ARP);
        assertThat(f.vlanTags()).isZero();
        assertThat(f.vlanId()).isEqualTo(-1);
        assertThat(f.payloadLength()).isEqualTo(28);
    }

    @Test
    void ieee8021qTagGivesVlanIdAndInnerType() {
        EthernetRepr r = new EthernetRepr(MacAddress.BROADCAST, MacAddress.parse("02:00:00:00:00:01"), EtherType.IPV4,
                List.of(new EthernetRepr.VlanTag(EtherType.VLAN, 5, false, 100)));
        byte[] b = new byte[r.headerLength()];
        r.emit(b, 0);
        assertThat(Bytes.hex(b, 12, 6)).isEqualTo("8100a0640800");
        EthernetFrame f = new EthernetFrame();
        assertThat(f.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        assertThat(f.vlanId()).isEqualTo(100);
        assertThat(f.etherType()).isEqualTo(EtherType.IPV4);
        assertThat(EthernetRepr.parse(f)).isEqualTo(r);
    }

    @Test
    void refusesShortFramesAndTooManyTags() {
        EthernetFrame f = new EthernetFrame();
        assertThat(f.wrap(new byte[13], 0, 13)).isEqualTo(WireError.TRUNCATED);
        byte[] b = Bytes.fromHex("ffffffffffff 020000000001 8100 0001 8100 0002");
        assertThat(f.wrap(b, 0, b.length)).isEqualTo(WireError.TRUNCATED);
        byte[] three = Bytes.fromHex("ffffffffffff 020000000001 88a8 0001 8100 0002 8100 0003 0800");
        assertThat(f.wrap(three, 0, three.length)).isEqualTo(WireError.BAD_FIELD);
    }

    @Property
    void neverThrowsOnArbitraryBytes(@ForAll @Size(max = 40) byte[] bytes) {
        EthernetFrame f = new EthernetFrame();
        WireError e = f.wrap(bytes, 0, bytes.length);
        if (e == WireError.OK) {
            EthernetRepr r = EthernetRepr.parse(f);
            byte[] out = new byte[r.headerLength()];
            r.emit(out, 0);
            assertThat(out).isEqualTo(java.util.Arrays.copyOf(bytes, out.length));
        }
    }
}
