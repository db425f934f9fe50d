package dev.weir.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.hooks.progs.SockEvents;
import dev.weir.trace.SockInfo;
import dev.weir.trace.Tracing;
import org.junit.jupiter.api.Test;

/**
 * The socket tracepoints' fields come from the {@link SockInfo} the transport passes: checked
 * here with a socket stand-in, as the TCP stack will fire them (tcp:tcp_probe,
 * sock:inet_sock_set_state).
 */
class SockTracepointTest {
    record Sock(long sockId, long cookie, int family, int protocol, int sport, int dport, int saddr4, int daddr4, long saddr6Hi,
                long saddr6Lo, long daddr6Hi, long daddr6Lo, int mark, int state, int sndNxt, int sndUna, int sndCwnd,
                int sndSsthresh, int sndWnd, int srttUs, int rcvWnd) implements SockInfo {}

    @Test
    void tcpProbeAndSetStateCarryTheSocketsFields() {
        HookRig rig = new HookRig();
        var p = rig.a.hooks().load(SockEvents.class);
        rig.a.hooks().attach(p, "tracepoint tcp:tcp_probe", 0);
        rig.a.hooks().attach(p, "tracepoint sock:inet_sock_set_state", 0);
        Sock sk = new Sock(7, 99, 2, 6, 40000, 80, 0x0a000001, 0x0a000002, 0, 0xffff0a000001L, 0, 0xffff0a000002L, 0, 1,
                5000, 4000, 10, 0x7fffffff, 65535, 12_500, 65535);
        Tracing t = Tracing.of(rig.a.net());
        t.tcpProbe(sk, null, 1448);
        t.inetSockSetState(sk, 2, 1); // SYN_SENT -> ESTABLISHED
        assertThat(HookRig.slot(rig.a, "sock_ev", 0)).isEqualTo(40000);
        assertThat(HookRig.slot(rig.a, "sock_ev", 1)).isEqualTo(80);
        assertThat(HookRig.slot(rig.a, "sock_ev", 2)).isEqualTo(12_500);
        assertThat(HookRig.slot(rig.a, "sock_ev", 3)).isEqualTo(10);
        assertThat(HookRig.slot(rig.a, "sock_ev", 4)).isEqualTo(1448);
        assertThat(HookRig.slot(rig.a, "sock_ev", 5)).isEqualTo(0x0a000001);
        assertThat(HookRig.slot(rig.a, "sock_ev", 6)).isEqualTo(99);
        assertThat(HookRig.slot(rig.a, "sock_ev", 8)).isEqualTo(2);
        assertThat(HookRig.slot(rig.a, "sock_ev", 9)).isEqualTo(1);
    }
}
