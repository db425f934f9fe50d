package dev.weir.hooks;

import dev.weir.api.prog.TraceContext;
import dev.weir.api.prog.Tracepoint;
import dev.weir.api.prog.TracepointProgram;

/**
 * The {@link TraceContext} of one tracepoint: the event's fields, read-only, held by name in two
 * arrays ({@link #v} for numbers, {@link #s} for names) that the firing fills
 * ({@link TraceFields}) or a test run sets. The context is its own view of every tracepoint
 * (the view getter of the tracepoint that fired returns it, the others null), so reading a
 * field is an array load and nothing is allocated per event.
 *
 * <p>Field names are Linux's format names, plus Weir's: {@code ifindex} (net tracepoints),
 * {@code reason_name}, and the 128-bit addresses split as {@code _hi}/{@code _lo}.
 */
final class TraceCtx extends ProgramContext implements TraceContext, TraceContext.NetifReceiveSkb, TraceContext.NetDevXmit,
        TraceContext.KfreeSkb, TraceContext.NapiPoll, TraceContext.QdiscDequeue, TraceContext.NeighUpdate,
        TraceContext.XdpException, TraceContext.TcpProbe, TraceContext.TcpRetransmitSkb, TraceContext.TcpSendReset,
        TraceContext.TcpReceiveReset, TraceContext.InetSockSetState, TraceContext.TcpRcvSpaceAdjust {
    static final int F_SKBADDR = 0;
    static final int F_LEN = 1;
    static final int F_NAME = 2;
    static final int F_IFINDEX = 3;
    static final int F_RC = 4;
    static final int F_LOCATION = 5;
    static final int F_PROTOCOL = 6;
    static final int F_REASON = 7;
    static final int F_REASON_NAME = 8;
    static final int F_NAPI = 9;
    static final int F_DEV_NAME = 10;
    static final int F_WORK = 11;
    static final int F_BUDGET = 12;
    static final int F_QDISC = 13;
    static final int F_TXQ = 14;
    static final int F_PACKETS = 15;
    static final int F_HANDLE = 16;
    static final int F_PARENT = 17;
    static final int F_TXQ_STATE = 18;
    static final int F_FAMILY = 19;
    static final int F_DEV = 20;
    static final int F_LLADDR = 21;
    static final int F_LLADDR_LEN = 22;
    static final int F_FLAGS = 23;
    static final int F_NUD_STATE = 24;
    static final int F_TYPE = 25;
    static final int F_DEAD = 26;
    static final int F_REFCNT = 27;
    static final int F_PRIMARY_KEY4 = 28;
    static final int F_PRIMARY_KEY6_HI = 29;
    static final int F_PRIMARY_KEY6_LO = 30;
    static final int F_CONFIRMED = 31;
    static final int F_UPDATED = 32;
    static final int F_USED = 33;
    static final int F_NEW_LLADDR = 34;
    static final int F_NEW_STATE = 35;
    static final int F_UPDATE_FLAGS = 36;
    static final int F_PID = 37;
    static final int F_PROG_ID = 38;
    static final int F_ACT = 39;
    static final int F_SPORT = 40;
    static final int F_DPORT = 41;
    static final int F_SADDR = 42;
    static final int F_DADDR = 43;
    static final int F_SADDR_V6_HI = 44;
    static final int F_SADDR_V6_LO = 45;
    static final int F_DADDR_V6_HI = 46;
    static final int F_DADDR_V6_LO = 47;
    static final int F_MARK = 48;
    static final int F_DATA_LEN = 49;
    static final int F_SND_NXT = 50;
    static final int F_SND_UNA = 51;
    static final int F_SND_CWND = 52;
    static final int F_SSTHRESH = 53;
    static final int F_SND_WND = 54;
    static final int F_SRTT = 55;
    static final int F_RCV_WND = 56;
    static final int F_SOCK_COOKIE = 57;
    static final int F_SKADDR = 58;
    static final int F_STATE = 59;
    static final int F_OLDSTATE = 60;
    static final int F_NEWSTATE = 61;
    /** Every field's name, by id. */
    static final String[] NAMES = {"skbaddr", "len", "name", "ifindex", "rc", "location", "protocol", "reason", "reason_name", "napi", "dev_name", "work", "budget", "qdisc", "txq", "packets", "handle", "parent", "txq_state", "family", "dev", "lladdr", "lladdr_len", "flags", "nud_state", "type", "dead", "refcnt", "primary_key4", "primary_key6_hi", "primary_key6_lo", "confirmed", "updated", "used", "new_lladdr", "new_state", "update_flags", "pid", "prog_id", "act", "sport", "dport", "saddr", "daddr", "saddr_v6_hi", "saddr_v6_lo", "daddr_v6_hi", "daddr_v6_lo", "mark", "data_len", "snd_nxt", "snd_una", "snd_cwnd", "ssthresh", "snd_wnd", "srtt", "rcv_wnd", "sock_cookie", "skaddr", "state", "oldstate", "newstate"};
    /** The fields that are names (strings). */
    static final int[] STRING_FIELDS = {F_NAME, F_REASON_NAME, F_DEV_NAME, F_DEV};

    Tracepoint tracepoint;
    final long[] v = new long[NAMES.length];
    final String[] s = new String[NAMES.length];

    TraceCtx(Hooks hooks, Tracepoint tp) {
        super(hooks);
        this.tracepoint = tp;
    }

    /** The field id of {@code name}, or -1. */
    static int field(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isString(int field) {
        for (int f : STRING_FIELDS) {
            if (f == field) {
                return true;
            }
        }
        return false;
    }

    void clear() {
        java.util.Arrays.fill(v, 0);
        java.util.Arrays.fill(s, null);
    }

    @Override
    public Tracepoint tracepoint() {
        return tracepoint;
    }

    @Override
    public NetifReceiveSkb netifReceiveSkb() {
        return tracepoint == Tracepoint.NETIF_RECEIVE_SKB ? this : null;
    }

    @Override
    public NetDevXmit netDevXmit() {
        return tracepoint == Tracepoint.NET_DEV_XMIT ? this : null;
    }

    @Override
    public KfreeSkb kfreeSkb() {
        return tracepoint == Tracepoint.KFREE_SKB ? this : null;
    }

    @Override
    public NapiPoll napiPoll() {
        return tracepoint == Tracepoint.NAPI_POLL ? this : null;
    }

    @Override
    public QdiscDequeue qdiscDequeue() {
        return tracepoint == Tracepoint.QDISC_DEQUEUE ? this : null;
    }

    @Override
    public NeighUpdate neighUpdate() {
        return tracepoint == Tracepoint.NEIGH_UPDATE ? this : null;
    }

    @Override
    public XdpException xdpException() {
        return tracepoint == Tracepoint.XDP_EXCEPTION ? this : null;
    }

    @Override
    public TcpProbe tcpProbe() {
        return tracepoint == Tracepoint.TCP_PROBE ? this : null;
    }

    @Override
    public TcpRetransmitSkb tcpRetransmitSkb() {
        return tracepoint == Tracepoint.TCP_RETRANSMIT_SKB ? this : null;
    }

    @Override
    public TcpSendReset tcpSendReset() {
        return tracepoint == Tracepoint.TCP_SEND_RESET ? this : null;
    }

    @Override
    public TcpReceiveReset tcpReceiveReset() {
        return tracepoint == Tracepoint.TCP_RECEIVE_RESET ? this : null;
    }

    @Override
    public InetSockSetState inetSockSetState() {
        return tracepoint == Tracepoint.INET_SOCK_SET_STATE ? this : null;
    }

    @Override
    public TcpRcvSpaceAdjust tcpRcvSpaceAdjust() {
        return tracepoint == Tracepoint.TCP_RCV_SPACE_ADJUST ? this : null;
    }

    // ---- fields ----

    @Override
    public long skbaddr() {
        return v[F_SKBADDR];
    }

    @Override
    public int len() {
        return (int) v[F_LEN];
    }

    @Override
    public String name() {
        return s[F_NAME];
    }

    @Override
    public int ifindex() {
        return (int) v[F_IFINDEX];
    }

    @Override
    public int rc() {
        return (int) v[F_RC];
    }

    @Override
    public long location() {
        return v[F_LOCATION];
    }

    @Override
    public int protocol() {
        return (int) v[F_PROTOCOL];
    }

    @Override
    public int reason() {
        return (int) v[F_REASON];
    }

    @Override
    public String reasonName() {
        return s[F_REASON_NAME];
    }

    @Override
    public long napi() {
        return v[F_NAPI];
    }

    @Override
    public String devName() {
        return s[F_DEV_NAME];
    }

    @Override
    public int work() {
        return (int) v[F_WORK];
    }

    @Override
    public int budget() {
        return (int) v[F_BUDGET];
    }

    @Override
    public long qdisc() {
        return v[F_QDISC];
    }

    @Override
    public long txq() {
        return v[F_TXQ];
    }

    @Override
    public int packets() {
        return (int) v[F_PACKETS];
    }

    @Override
    public int handle() {
        return (int) v[F_HANDLE];
    }

    @Override
    public int parent() {
        return (int) v[F_PARENT];
    }

    @Override
    public long txqState() {
        return v[F_TXQ_STATE];
    }

    @Override
    public int family() {
        return (int) v[F_FAMILY];
    }

    @Override
    public String dev() {
        return s[F_DEV];
    }

    @Override
    public long lladdr() {
        return v[F_LLADDR];
    }

    @Override
    public int lladdrLen() {
        return (int) v[F_LLADDR_LEN];
    }

    @Override
    public int flags() {
        return (int) v[F_FLAGS];
    }

    @Override
    public int nudState() {
        return (int) v[F_NUD_STATE];
    }

    @Override
    public int type() {
        return (int) v[F_TYPE];
    }

    @Override
    public boolean dead() {
        return v[F_DEAD] != 0;
    }

    @Override
    public int refcnt() {
        return (int) v[F_REFCNT];
    }

    @Override
    public int primaryKey4() {
        return (int) v[F_PRIMARY_KEY4];
    }

    @Override
    public long confirmed() {
        return v[F_CONFIRMED];
    }

    @Override
    public long updated() {
        return v[F_UPDATED];
    }

    @Override
    public long used() {
        return v[F_USED];
    }

    @Override
    public long newLladdr() {
        return v[F_NEW_LLADDR];
    }

    @Override
    public int newState() {
        return (int) v[F_NEW_STATE];
    }

    @Override
    public int updateFlags() {
        return (int) v[F_UPDATE_FLAGS];
    }

    @Override
    public int pid() {
        return (int) v[F_PID];
    }

    @Override
    public int progId() {
        return (int) v[F_PROG_ID];
    }

    @Override
    public int act() {
        return (int) v[F_ACT];
    }

    @Override
    public int sport() {
        return (int) v[F_SPORT];
    }

    @Override
    public int dport() {
        return (int) v[F_DPORT];
    }

    @Override
    public int saddr() {
        return (int) v[F_SADDR];
    }

    @Override
    public int daddr() {
        return (int) v[F_DADDR];
    }

    @Override
    public int mark() {
        return (int) v[F_MARK];
    }

    @Override
    public int dataLen() {
        return (int) v[F_DATA_LEN];
    }

    @Override
    public int sndNxt() {
        return (int) v[F_SND_NXT];
    }

    @Override
    public int sndUna() {
        return (int) v[F_SND_UNA];
    }

    @Override
    public int sndCwnd() {
        return (int) v[F_SND_CWND];
    }

    @Override
    public int ssthresh() {
        return (int) v[F_SSTHRESH];
    }

    @Override
    public int sndWnd() {
        return (int) v[F_SND_WND];
    }

    @Override
    public int srtt() {
        return (int) v[F_SRTT];
    }

    @Override
    public int rcvWnd() {
        return (int) v[F_RCV_WND];
    }

    @Override
    public long sockCookie() {
        return v[F_SOCK_COOKIE];
    }

    @Override
    public long skaddr() {
        return v[F_SKADDR];
    }

    @Override
    public int state() {
        return (int) v[F_STATE];
    }

    @Override
    public int oldstate() {
        return (int) v[F_OLDSTATE];
    }

    @Override
    public int newstate() {
        return (int) v[F_NEWSTATE];
    }

    @Override
    public long primaryKey6Hi() {
        return v[F_PRIMARY_KEY6_HI];
    }

    @Override
    public long primaryKey6Lo() {
        return v[F_PRIMARY_KEY6_LO];
    }

    @Override
    public long saddrV6Hi() {
        return v[F_SADDR_V6_HI];
    }

    @Override
    public long saddrV6Lo() {
        return v[F_SADDR_V6_LO];
    }

    @Override
    public long daddrV6Hi() {
        return v[F_DADDR_V6_HI];
    }

    @Override
    public long daddrV6Lo() {
        return v[F_DADDR_V6_LO];
    }

    @Override
    boolean accepts(Object program) {
        return program instanceof TracepointProgram;
    }

    @Override
    int invokeTail(Object program) {
        ((TracepointProgram) program).run(this);
        return 0;
    }
}
