package dev.weir.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TcpOptionTest {
    private static String written(TcpOption o) {
        byte[] b = new byte[o.length()];
        assertThat(o.write(b, 0)).isEqualTo(o.length());
        return Bytes.hex(b, 0, b.length);
    }

    @Test
    void optionsWriteTheirWireForm() {
        assertThat(written(new TcpOption.Mss(1460))).isEqualTo("020405b4");
        assertThat(written(new TcpOption.WindowScale(7))).isEqualTo("030307");
        assertThat(written(TcpOption.SACK_PERMITTED)).isEqualTo("0402");
        assertThat(written(new TcpOption.Timestamps(0xffff_fffeL, 1))).isEqualTo("080afffffffe00000001");
        assertThat(written(new TcpOption.Sack(List.of(new TcpOption.Sack.Block(1, 0xffff_ffffL))))).isEqualTo("050a00000001ffffffff");
        assertThat(written(TcpOption.NOP)).isEqualTo("01");
        assertThat(written(TcpOption.EOL)).isEqualTo("00");
        assertThat(written(new TcpOption.Unknown(30, Bytes.fromHex("0101")))).isEqualTo("1e040101");
    }

    @Test
    void optionsPrintAsTcpdumpDoes() {
        assertThat(List.of(new TcpOption.Mss(1460), TcpOption.SACK_PERMITTED, new TcpOption.Timestamps(5, 0),
                TcpOption.NOP, new TcpOption.WindowScale(7)).toString())
                .isEqualTo("[mss 1460, sackOK, TS val 5 ecr 0, nop, wscale 7]");
        assertThat(new TcpOption.Sack(List.of(new TcpOption.Sack.Block(10, 20), new TcpOption.Sack.Block(30, 40))))
                .hasToString("sack 2 {10:20}{30:40}");
    }

    @Test
    void unknownKeepsItsBytesAndComparesByContent() {
        byte[] data = Bytes.fromHex("f98901");
        TcpOption.Unknown u = new TcpOption.Unknown(254, data);
        data[0] = 0;
        assertThat(u.data()).isEqualTo(Bytes.fromHex("f98901"));
        assertThat(u).isEqualTo(new TcpOption.Unknown(254, Bytes.fromHex("f98901")))
                .hasSameHashCodeAs(new TcpOption.Unknown(254, Bytes.fromHex("f98901")))
                .isNotEqualTo(new TcpOption.Unknown(253, Bytes.fromHex("f98901")));
    }

    @Test
    void recordsRefuseWhatCannotBeOnTheWire() {
        assertThatThrownBy(() -> new TcpOption.Mss(65536)).hasMessageContaining("MSS must be 0..65535, got 65536");
        assertThatThrownBy(() -> new TcpOption.WindowScale(256)).hasMessageContaining("window scale shift");
        assertThatThrownBy(() -> new TcpOption.Timestamps(-1, 0)).hasMessageContaining("TSval");
        assertThatThrownBy(() -> new TcpOption.Sack(List.of())).hasMessageContaining("1..4 blocks, got 0");
        List<TcpOption.Sack.Block> five = java.util.Collections.nCopies(5, new TcpOption.Sack.Block(1, 2));
        assertThatThrownBy(() -> new TcpOption.Sack(five)).hasMessageContaining("got 5");
        assertThatThrownBy(() -> new TcpOption.Unknown(2, new byte[2])).hasMessageContaining("kind 2 has its own record");
        assertThatThrownBy(() -> new TcpOption.Unknown(30, new byte[39])).hasMessageContaining("does not fit");
    }
}
