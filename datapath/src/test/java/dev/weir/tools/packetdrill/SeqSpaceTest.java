package dev.weir.tools.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Script-to-wire sequence numbers (packetdrill socket.h / run_packet.c): absolute on SYN
 * segments, relative to the owning side's ISN otherwise; the remote side is injected as scripted.
 */
class SeqSpaceTest {
    @Test
    void passiveOpenWithRemoteIsnZero() {
        SeqSpace s = new SeqSpace();
        // < S 0:0(0) win ...    creates the connection: remote ISN 0.
        s.learnRemoteIsn(0);
        assertThat(s.inboundSeq(0, true)).isEqualTo(0);
        // > S. 0:0(0) ack 1: the stack chose ISN 3_000_000_000.
        s.learnLocalIsn(0, 3_000_000_000L);
        assertThat(s.outboundSeq(3_000_000_000L, true)).isEqualTo(0);
        assertThat(s.outboundAck(1, true)).isEqualTo(1);
        // < . 1:1(0) ack 1: acks the stack's ISN + 1.
        assertThat(s.inboundSeq(1, false)).isEqualTo(1);
        assertThat(s.inboundAck(1, false)).isEqualTo(3_000_000_001L);
        // > P. 1:1001(1000) ack 1.
        assertThat(s.outboundSeq(3_000_000_001L, false)).isEqualTo(1);
        assertThat(s.outboundAck(1, false)).isEqualTo(1);
        // A SACK edge in an inbound ack maps like the ack.
        assertThat(s.inboundAck(2001, false)).isEqualTo(3_000_002_001L);
    }

    @Test
    void activeOpenWithANonZeroRemoteIsn() {
        SeqSpace s = new SeqSpace();
        // > S 0:0(0): the stack sent ISN 77.
        s.learnLocalIsn(0, 77);
        // < S. 123:123(0) ack 1: absolute numbers on a SYN; the ack names the stack's ISN + 1.
        s.learnRemoteIsn(123);
        assertThat(s.inboundSeq(123, true)).isEqualTo(123);
        assertThat(s.inboundAck(1, true)).isEqualTo(78);
        // > . 1:1(0) ack 1: the stack acks 124, which the script writes relative to the remote ISN.
        assertThat(s.outboundAck(124, false)).isEqualTo(1);
        // < F. 1:1(0) ack 2: relative again, so seq 124 on the wire.
        assertThat(s.inboundSeq(1, false)).isEqualTo(124);
        assertThat(s.inboundAck(2, false)).isEqualTo(79);
    }

    @Test
    void scriptIsnOtherThanZeroOnTheLocalSide() {
        SeqSpace s = new SeqSpace();
        // > S 1000:1000(0) matched a SYN with ISN 5000: SYN numbers shift by the difference,
        // other numbers still count from the live ISN.
        s.learnLocalIsn(1000, 5000);
        assertThat(s.outboundSeq(5000, true)).isEqualTo(1000);
        assertThat(s.inboundAck(1001, true)).isEqualTo(5001);
        assertThat(s.outboundSeq(5001, false)).isEqualTo(1);
        assertThat(s.inboundAck(1, false)).isEqualTo(5001);
    }

    @Test
    void arithmeticWrapsModulo2To32() {
        SeqSpace s = new SeqSpace();
        s.learnRemoteIsn(0xffff_fff0L);
        s.learnLocalIsn(0, 0xffff_ff00L);
        assertThat(s.inboundSeq(0x20, false)).isEqualTo(0x10);
        assertThat(s.inboundAck(0x200, false)).isEqualTo(0x100);
        assertThat(s.outboundSeq(0x100, false)).isEqualTo(0x200);
        assertThat(s.outboundAck(0x10, false)).isEqualTo(0x20);
        assertThat(s.icmpQuotedSeq(0x101)).isEqualTo(0x1);
    }
}
