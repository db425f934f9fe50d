package dev.weir.api.prog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import org.junit.jupiter.api.Test;

/** The constants carry Linux's numbers (uapi headers), so ported programs and tools agree on them. */
class VerdictConstantsTest {
    @Test
    void xdpActionsAreEnumXdpAction() {
        // include/uapi/linux/bpf.h: enum xdp_action { XDP_ABORTED = 0, XDP_DROP, XDP_PASS, XDP_TX, XDP_REDIRECT }
        assertThat(new int[] {XdpAction.ABORTED, XdpAction.DROP, XdpAction.PASS, XdpAction.TX, XdpAction.REDIRECT})
                .containsExactly(0, 1, 2, 3, 4);
        assertThat(XdpAction.name(2)).isEqualTo("XDP_PASS");
        assertThat(XdpAction.name(9)).isEqualTo("XDP_UNKNOWN(9)");
        assertThat(XdpAction.isValid(4)).isTrue();
        assertThat(XdpAction.isValid(5)).isFalse();
    }

    @Test
    void tcActionsArePktClsH() {
        // include/uapi/linux/pkt_cls.h: TC_ACT_UNSPEC (-1), TC_ACT_OK 0 ... TC_ACT_REDIRECT 7
        assertThat(new int[] {TcAction.UNSPEC, TcAction.OK, TcAction.RECLASSIFY, TcAction.SHOT, TcAction.PIPE,
                TcAction.STOLEN, TcAction.QUEUED, TcAction.REPEAT, TcAction.REDIRECT})
                .containsExactly(-1, 0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(TcAction.name(TcAction.SHOT)).isEqualTo("TC_ACT_SHOT");
        assertThat(TcAction.name(-1)).isEqualTo("TC_ACT_UNSPEC");
    }

    @Test
    void netfilterVerdictsAndHooksAreNetfilterH() {
        // include/uapi/linux/netfilter.h: NF_DROP 0, NF_ACCEPT 1, NF_STOLEN 2, NF_QUEUE 3, NF_REPEAT 4, NF_STOP 5
        assertThat(new int[] {NfVerdict.DROP, NfVerdict.ACCEPT, NfVerdict.STOLEN, NfVerdict.QUEUE, NfVerdict.REPEAT, NfVerdict.STOP})
                .containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(NfVerdict.name(1)).isEqualTo("NF_ACCEPT");
        // enum nf_inet_hooks: PRE_ROUTING 0, LOCAL_IN 1, FORWARD 2, LOCAL_OUT 3, POST_ROUTING 4
        assertThat(NfHook.byName("NF_INET_PRE_ROUTING")).isEqualTo(NfHook.PREROUTING);
        assertThat(NfHook.byName("NF_INET_LOCAL_IN")).isEqualTo(NfHook.INPUT);
        assertThat(NfHook.byName("forward")).isEqualTo(2);
        assertThat(NfHook.byName("nf_inet_local_out")).isEqualTo(NfHook.OUTPUT);
        assertThat(NfHook.byName("POSTROUTING")).isEqualTo(4);
        assertThat(NfHook.byName("sideways")).isEqualTo(-1);
        assertThat(NfHook.name(NfHook.POSTROUTING)).isEqualTo("POSTROUTING");
        // enum nf_ip_hook_priorities
        assertThat(NfHook.PRI_CONNTRACK).isEqualTo(-200);
        assertThat(NfHook.PRI_NAT_DST).isEqualTo(-100);
        assertThat(NfHook.PRI_NAT_SRC).isEqualTo(100);
    }

    @Test
    void mapErrorsAreNegativeErrnoAndFlagsAreBpfH() {
        assertThat(new int[] {MapError.ENOENT, MapError.E2BIG, MapError.EAGAIN, MapError.EFAULT, MapError.EEXIST,
                MapError.EINVAL, MapError.ENOSPC}).containsExactly(-2, -7, -11, -14, -17, -22, -28);
        assertThat(MapError.name(MapError.EEXIST)).isEqualTo("EEXIST");
        assertThat(MapError.message(MapError.EEXIST)).isEqualTo("File exists");
        assertThat(MapError.name(-99)).isEqualTo("E?-99");
        // BPF_ANY 0, BPF_NOEXIST 1, BPF_EXIST 2
        assertThat(new long[] {MapFlags.ANY, MapFlags.NOEXIST, MapFlags.EXIST}).containsExactly(0, 1, 2);
        assertThat(MapFlags.name(MapFlags.NOEXIST)).isEqualTo("noexist");
    }

    @Test
    void fibResultsAndTcpStatesAreLinuxs() {
        // enum { BPF_FIB_LKUP_RET_SUCCESS, ..., BPF_FIB_LKUP_RET_NO_NEIGH = 7, FRAG_NEEDED 8, NO_SRC_ADDR 9 }
        assertThat(FibLookupParams.RET_NO_NEIGH).isEqualTo(7);
        assertThat(FibLookupParams.resultName(8)).isEqualTo("BPF_FIB_LKUP_RET_FRAG_NEEDED");
        assertThat(TcpStates.name(TcpStates.ESTABLISHED)).isEqualTo("TCP_ESTABLISHED");
        assertThat(TcpStates.LISTEN).isEqualTo(10);
        assertThat(TcpCa.stateName(TcpCa.CA_RECOVERY)).isEqualTo("TCP_CA_Recovery");
        assertThat(TcpCa.eventName(TcpCa.CA_EVENT_ECN_IS_CE)).isEqualTo("CA_EVENT_ECN_IS_CE");
    }

    @Test
    void fibParamsResetClearsEveryField() {
        FibLookupParams p = new FibLookupParams().family(FibLookupParams.AF_INET).ipv4Dst(0x0a000001).ifindex(3)
                .ipv6Dst(1, 2).smac(0x0200_0000_0001L).mtuResult(1500).tbid(254).mark(7);
        p.reset();
        assertThat(p.family()).isZero();
        assertThat(p.ipv4Dst()).isZero();
        assertThat(p.ifindex()).isZero();
        assertThat(p.ipv6DstLo()).isZero();
        assertThat(p.smac()).isZero();
        assertThat(p.mtuResult()).isZero();
        assertThat(p.tbid()).isZero();
        assertThat(p.mark()).isZero();
    }
}
