package dev.weir.tools.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Outbound TS val and inbound TS ecr between script and stack (packetdrill run_packet.c). */
class TsValMapTest {
    @Test
    void ecrEchoesTheLiveValueTheScriptNamed() {
        TsValMap m = new TsValMap();
        // > S 0:0(0) <..., TS val 100 ecr 0, ...>: the stack sent 4_000_000.
        assertThat(m.outbound(100, 4_000_000)).isEqualTo(100);
        // A later segment 30 ticks on reads as script value 130.
        assertThat(m.outbound(130, 4_000_030)).isEqualTo(130);
        assertThat(m.outbound(200, 4_000_090)).isEqualTo(190);
        // < . ... <nop,nop,TS val 700 ecr 130>: echo what the stack sent when the script said 130.
        assertThat(m.inboundEcr(130, false)).hasValue(4_000_030);
        // An ecr the script never saw as a val: refused unless scaled.
        assertThat(m.inboundEcr(150, false)).isEmpty();
        assertThat(m.inboundEcr(150, true)).hasValue(4_000_050);
    }

    @Test
    void noOutboundTimestampYetMeansNoMapping() {
        assertThat(new TsValMap().inboundEcr(5, true)).isEmpty();
    }

    @Test
    void wrapsModulo2To32() {
        TsValMap m = new TsValMap();
        m.outbound(0, 0xffff_fffeL);
        assertThat(m.outbound(10, 8)).isEqualTo(10);
        assertThat(m.inboundEcr(20, true)).hasValue(18);
    }
}
