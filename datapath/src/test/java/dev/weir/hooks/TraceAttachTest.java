package dev.weir.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.TraceContext;
import dev.weir.api.prog.Tracepoint;
import dev.weir.core.DropReason;
import dev.weir.hooks.progs.CountEvents;
import dev.weir.hooks.progs.DropsByReason;
import dev.weir.hooks.progs.NfDropIcmp;
import dev.weir.trace.Tracing;
import dev.weir.verifier.LoadedProgram;
import org.junit.jupiter.api.Test;

/** Tracepoint programs: fired where the stack does the work, read-only fields, detached cleanly. */
class TraceAttachTest {
    final HookRig rig = new HookRig();

    @Test
    void kfreeSkbCountsDropsByReason() {
        rig.b.hooks().attach(rig.b.hooks().load(NfDropIcmp.class), "netfilter ipv4 INPUT", 0);
        ProgramLink l = rig.b.hooks().attach(rig.b.hooks().load(DropsByReason.class), "tracepoint skb:kfree_skb", 0);
        rig.ping(rig.a, "10.0.0.1", "10.0.0.2", 1, 1);
        rig.ping(rig.a, "10.0.0.1", "10.0.0.2", 1, 2);
        rig.runMs(10);
        assertThat(HookRig.hashValue(rig.b, "drops", DropReason.NETFILTER_DROP.ordinal())).isEqualTo(2);
        assertThat(Tracing.of(rig.b.net()).enabled(Tracepoint.KFREE_SKB)).isTrue();
        l.detach();
        assertThat(Tracing.of(rig.b.net()).enabled(Tracepoint.KFREE_SKB)).isFalse();
        rig.ping(rig.a, "10.0.0.1", "10.0.0.2", 1, 3);
        rig.runMs(10);
        assertThat(HookRig.hashValue(rig.b, "drops", DropReason.NETFILTER_DROP.ordinal())).isEqualTo(2);
    }

    @Test
    void theNetNapiQdiscAndNeighbourTracepointsFireWithTheirFields() {
        LoadedProgram<?> p = rig.a.hooks().load(CountEvents.class);
        for (String tp : new String[] {"net:netif_receive_skb", "net:net_dev_xmit", "napi:napi_poll", "qdisc:qdisc_dequeue",
            "neigh:neigh_update"}) {
            rig.a.hooks().attach(p, "tracepoint " + tp, 0);
        }
        rig.udp(rig.a, "10.0.0.1", "10.0.0.2", 1000, 2000, 100);
        rig.runMs(10);
        // a: ARP request out, ARP reply in, the datagram out, b's ICMP unreachable in.
        assertThat(HookRig.slot(rig.a, "tp_count", Tracepoint.NETIF_RECEIVE_SKB.ordinal())).isEqualTo(2);
        assertThat(HookRig.slot(rig.a, "tp_count", Tracepoint.NET_DEV_XMIT.ordinal())).isEqualTo(2);
        assertThat(HookRig.slot(rig.a, "tp_last", Tracepoint.NET_DEV_XMIT.ordinal())).isEqualTo(14 + 20 + 8 + 100);
        // the ICMP error quotes the whole datagram (it fits in 576 bytes, RFC 1812 4.3.2.3); skb->len without the Ethernet header
        assertThat(HookRig.slot(rig.a, "tp_last", Tracepoint.NETIF_RECEIVE_SKB.ordinal())).isEqualTo(20 + 8 + 20 + 8 + 100);
        assertThat(HookRig.slot(rig.a, "tp_count", Tracepoint.NAPI_POLL.ordinal())).isGreaterThanOrEqualTo(2);
        assertThat(HookRig.slot(rig.a, "tp_count", Tracepoint.QDISC_DEQUEUE.ordinal())).isGreaterThanOrEqualTo(2);
        // INCOMPLETE when resolution starts, REACHABLE when the reply comes
        assertThat(HookRig.slot(rig.a, "tp_count", Tracepoint.NEIGH_UPDATE.ordinal())).isEqualTo(2);
        assertThat(HookRig.slot(rig.a, "tp_last", Tracepoint.NEIGH_UPDATE.ordinal())).isEqualTo(TraceContext.NeighUpdate.NUD_REACHABLE);
    }
}
