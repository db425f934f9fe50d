package dev.weir.hooks;

import static dev.weir.hooks.TraceCtx.*;

import dev.weir.core.DropReason;
import dev.weir.core.NetDevice;
import dev.weir.core.Qdisc;
import dev.weir.neigh.Neighbour;
import dev.weir.trace.SockInfo;
import dev.weir.trace.TraceEvent;

/**
 * Derives a tracepoint's fields, as Linux's format lists them, from what the stage reported
 * ({@link TraceEvent}). Identities: skbaddr is the buffer's {@code id()}; a qdisc is
 * {@code ifindex << 32 | handle}; a transmit queue {@code ifindex << 32 | (index + 1)}; a
 * NAPI instance its id; a socket its {@link SockInfo#sockId()}.
 */
final class TraceFields {
    private TraceFields() {}

    static void fill(TraceCtx c, TraceEvent e) {
        long[] v = c.v;
        String[] s = c.s;
        switch (e.tracepoint) {
            case NETIF_RECEIVE_SKB, NET_DEV_XMIT -> {
                v[F_SKBADDR] = e.skbId;
                v[F_LEN] = e.a;
                v[F_RC] = e.b;
                s[F_NAME] = e.dev == null ? null : e.dev.name();
                v[F_IFINDEX] = e.dev == null ? 0 : e.dev.ifindex();
            }
            case KFREE_SKB -> {
                v[F_SKBADDR] = e.skbId;
                v[F_LOCATION] = e.b;
                v[F_PROTOCOL] = e.c;
                v[F_REASON] = e.a;
                s[F_REASON_NAME] = e.subject instanceof DropReason r ? r.name() : null;
            }
            case NAPI_POLL -> {
                v[F_NAPI] = e.a;
                s[F_DEV_NAME] = e.text;
                v[F_WORK] = e.b;
                v[F_BUDGET] = e.c;
            }
            case QDISC_DEQUEUE -> {
                Qdisc q = (Qdisc) e.subject;
                long ifi = e.dev == null ? 0 : e.dev.ifindex();
                v[F_QDISC] = ifi << 32 | (q.handle() & 0xffff_ffffL);
                v[F_TXQ] = ifi << 32 | (e.b + 1);
                v[F_PACKETS] = e.a;
                v[F_SKBADDR] = e.skbId;
                v[F_IFINDEX] = ifi;
                v[F_HANDLE] = q.handle();
                v[F_PARENT] = q.parent();
                v[F_TXQ_STATE] = e.c;
            }
            case NEIGH_UPDATE -> neigh(c, e);
            case XDP_EXCEPTION -> {
                v[F_PROG_ID] = e.a;
                v[F_ACT] = e.b;
                v[F_IFINDEX] = e.c;
            }
            default -> sock(c, e);
        }
    }

    private static void neigh(TraceCtx c, TraceEvent e) {
        long[] v = c.v;
        Neighbour n = (Neighbour) e.subject;
        NetDevice dev = e.dev;
        boolean v4 = "ipv4".equals(n.table().family());
        v[F_FAMILY] = v4 ? 2 : 10;
        c.s[F_DEV] = dev == null ? null : dev.name();
        v[F_LLADDR] = n.lladdr();
        v[F_LLADDR_LEN] = 6;
        v[F_FLAGS] = n.flags();
        v[F_NUD_STATE] = e.a;
        v[F_TYPE] = 1; // RTN_UNICAST
        v[F_DEAD] = n.isDead() ? 1 : 0;
        v[F_REFCNT] = 1;
        v[F_PRIMARY_KEY4] = v4 ? (int) n.keyLo() : 0;
        v[F_PRIMARY_KEY6_HI] = v4 ? 0 : n.keyHi();
        v[F_PRIMARY_KEY6_LO] = v4 ? 0 : n.keyLo();
        v[F_CONFIRMED] = n.confirmed();
        v[F_UPDATED] = n.updated();
        v[F_USED] = n.used();
        v[F_NEW_LLADDR] = n.lladdr();
        v[F_NEW_STATE] = n.state();
        v[F_UPDATE_FLAGS] = e.b;
        v[F_PID] = 0;
    }

    private static void sock(TraceCtx c, TraceEvent e) {
        long[] v = c.v;
        v[F_SKBADDR] = e.skbId;
        SockInfo sk = e.subject instanceof SockInfo x ? x : null;
        if (sk != null) {
            v[F_SKADDR] = sk.sockId();
            v[F_SOCK_COOKIE] = sk.cookie();
            v[F_FAMILY] = sk.family();
            v[F_PROTOCOL] = sk.protocol();
            v[F_SPORT] = sk.sport();
            v[F_DPORT] = sk.dport();
            v[F_SADDR] = sk.saddr4();
            v[F_DADDR] = sk.daddr4();
            v[F_SADDR_V6_HI] = sk.saddr6Hi();
            v[F_SADDR_V6_LO] = sk.saddr6Lo();
            v[F_DADDR_V6_HI] = sk.daddr6Hi();
            v[F_DADDR_V6_LO] = sk.daddr6Lo();
            v[F_MARK] = sk.mark();
            v[F_STATE] = sk.state();
        }
        switch (e.tracepoint) {
            case TCP_PROBE -> {
                v[F_DATA_LEN] = e.a;
                if (sk != null) {
                    v[F_SND_NXT] = sk.sndNxt();
                    v[F_SND_UNA] = sk.sndUna();
                    v[F_SND_CWND] = sk.sndCwnd();
                    v[F_SSTHRESH] = sk.sndSsthresh();
                    v[F_SND_WND] = sk.sndWnd();
                    v[F_SRTT] = sk.srttUs();
                    v[F_RCV_WND] = sk.rcvWnd();
                }
            }
            case INET_SOCK_SET_STATE -> {
                v[F_OLDSTATE] = e.a;
                v[F_NEWSTATE] = e.b;
            }
            default -> { }
        }
    }
}
