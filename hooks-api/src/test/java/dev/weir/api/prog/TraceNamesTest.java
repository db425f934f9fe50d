package dev.weir.api.prog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TraceNamesTest {
    @Test
    void tracepointsAreFoundByPerfStyleNames() {
        assertThat(Tracepoint.byName("skb:kfree_skb")).isEqualTo(Tracepoint.KFREE_SKB);
        assertThat(Tracepoint.byName("tcp/tcp_probe")).isEqualTo(Tracepoint.TCP_PROBE);
        assertThat(Tracepoint.byName("inet_sock_set_state")).isEqualTo(Tracepoint.INET_SOCK_SET_STATE);
        assertThat(Tracepoint.byName("net:nothing")).isNull();
        assertThat(Tracepoint.KFREE_SKB.fields()).containsExactly("skbaddr", "location", "protocol", "reason");
        // every tracepoint DESIGN.md lists is there
        assertThat(Arrays.stream(Tracepoint.values()).map(Tracepoint::fullName)).containsExactlyInAnyOrder(
                "net:netif_receive_skb", "net:net_dev_xmit", "skb:kfree_skb", "napi:napi_poll", "qdisc:qdisc_dequeue",
                "neigh:neigh_update", "xdp:xdp_exception", "tcp:tcp_probe", "tcp:tcp_retransmit_skb", "tcp:tcp_send_reset",
                "tcp:tcp_receive_reset", "sock:inet_sock_set_state", "tcp:tcp_rcv_space_adjust");
    }

    @Test
    void stageFunctionsKnowTheirArguments() {
        assertThat(StageFunction.bySymbol("__netif_receive_skb_core")).isEqualTo(StageFunction.NETIF_RECEIVE_SKB_CORE);
        assertThat(StageFunction.TCP_SENDMSG.hasSkb()).isFalse();
        assertThat(StageFunction.TCP_SENDMSG.hasSock()).isTrue();
        assertThat(StageFunction.TCP_SENDMSG.argIndex("size")).isEqualTo(2);
        assertThat(StageFunction.IP_RCV.hasSkb()).isTrue();
        assertThat(StageFunction.values()).hasSize(25);
    }

    @Test
    void tracePrintFormatsLikeBpfTracePrintk() {
        assertThat(TracePrintFormat.format("drop %d from %pI4 len %u", -3, 0x0a000001, 1500)).isEqualTo("drop -3 from 10.0.0.1 len 1500");
        // without 'l' the argument is 32 bits, as in C
        assertThat(TracePrintFormat.format("%u %lu %x", -1, -1, 255)).isEqualTo("4294967295 18446744073709551615 ff");
        assertThat(TracePrintFormat.format("[%5d|%-4x|%04X]", 42, 10, 0xab)).isEqualTo("[   42|a   |00AB]");
        assertThat(TracePrintFormat.format("%hhu %c 100%%", 0x1ff, 'A', 0)).isEqualTo("255 A 100%");
    }

    @Test
    void tracePrintRefusesFormatsItCannotApply() {
        assertThat(TracePrintFormat.problem("%d %d %d")).isNull();
        assertThat(TracePrintFormat.problem("%d %d %d %d")).contains("more than 3 conversions").contains("index 9");
        assertThat(TracePrintFormat.problem("name %s")).contains("bad conversion at index 5");
        assertThat(TracePrintFormat.problem("trailing %")).contains("index 9");
        assertThatThrownBy(() -> TracePrintFormat.format("%f", 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
