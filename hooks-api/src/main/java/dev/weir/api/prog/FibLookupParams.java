package dev.weir.api.prog;

/**
 * In and out parameters of {@code fibLookup}, as Linux's {@code struct bpf_fib_lookup}: a route
 * and neighbour lookup a program makes to forward a packet itself (an XDP router).
 *
 * <p>A program cannot create one: it takes its context's instance with {@code ctx.fibParams()},
 * {@link #reset()}s it, sets the inputs and calls {@code ctx.fibLookup(params, flags)}:
 * <pre>{@code
 * FibLookupParams p = ctx.fibParams().reset()
 *         .family(FibLookupParams.AF_INET).ipv4Src(src).ipv4Dst(dst)
 *         .l4Protocol(proto).totLen(ctx.len() - 14).ifindex(ctx.ingressIfindex());
 * if (ctx.fibLookup(p, 0) == FibLookupParams.RET_SUCCESS) {
 *     ... rewrite MACs with p.smac()/p.dmac(), decrement TTL ...
 *     return ctx.redirect(p.ifindex(), 0);
 * }
 * }</pre>
 *
 * <p><b>In:</b> family, addresses, l4Protocol and ports (for policy routing), totLen (to check
 * the MTU), ifindex (the device the packet came in on; with {@link #FLAG_OUTPUT} the one it
 * leaves by), tos (IPv4) or flowinfo (IPv6), mark (with {@link #FLAG_MARK}), tbid (with
 * {@link #FLAG_TBID}). <b>Out</b> on {@link #RET_SUCCESS}: ifindex = egress device, smac/dmac,
 * the next hop written over ipv4Dst/ipv6Dst (the gateway, or the destination itself when it is
 * on-link), the source address with {@link #FLAG_SRC}, mtuResult, VLAN proto/TCI; on
 * {@link #RET_FRAG_NEEDED}, mtuResult; on {@link #RET_NO_NEIGH}, everything but dmac.
 */
public final class FibLookupParams {
    /** IPv4 ({@code AF_INET}). */
    public static final int AF_INET = 2;
    /** IPv6 ({@code AF_INET6}). */
    public static final int AF_INET6 = 10;

    /** Flag: look up the main table (or {@link #FLAG_TBID}'s) directly, skipping policy rules. */
    public static final int FLAG_DIRECT = 1;
    /** Flag: an output lookup (ifindex is the egress device), not a forwarding one. */
    public static final int FLAG_OUTPUT = 2;
    /** Flag: do not resolve the neighbour; dmac is not filled, RET_NO_NEIGH never returned. */
    public static final int FLAG_SKIP_NEIGH = 4;
    /** Flag (with DIRECT): use table {@link #tbid()}. */
    public static final int FLAG_TBID = 8;
    /** Flag: also choose the source address, written over ipv4Src/ipv6Src. */
    public static final int FLAG_SRC = 16;
    /** Flag: use {@link #mark()} in the policy rules. */
    public static final int FLAG_MARK = 32;

    public static final int RET_SUCCESS = 0;
    /** The route is a blackhole. */
    public static final int RET_BLACKHOLE = 1;
    /** The route is unreachable. */
    public static final int RET_UNREACHABLE = 2;
    /** The route is prohibit. */
    public static final int RET_PROHIBIT = 3;
    /** Not forwarded: the destination is local, or not a unicast route. */
    public static final int RET_NOT_FWDED = 4;
    /** Forwarding is disabled on the ingress device (ip_forward / forwarding sysctl). */
    public static final int RET_FWD_DISABLED = 5;
    /** The route needs an encapsulation Weir does not do. */
    public static final int RET_UNSUPP_LWT = 6;
    /** The neighbour of the next hop is not resolved: let the packet through the stack. */
    public static final int RET_NO_NEIGH = 7;
    /** The packet is larger than the egress MTU (mtuResult holds it). */
    public static final int RET_FRAG_NEEDED = 8;
    /** FLAG_SRC asked for a source address and none suits. */
    public static final int RET_NO_SRC_ADDR = 9;

    private int family;
    private int l4Protocol;
    private int sport;
    private int dport;
    private int totLen;
    private int mtuResult;
    private int ifindex;
    private int tos;
    private int flowinfo;
    private int ipv4Src;
    private int ipv4Dst;
    private long ipv6SrcHi;
    private long ipv6SrcLo;
    private long ipv6DstHi;
    private long ipv6DstLo;
    private long smac;
    private long dmac;
    private int vlanProto;
    private int vlanTci;
    private int mark;
    private int tbid;

    /** For the runtime: one per context. */
    public FibLookupParams() {}

    /** Clears every field to zero; returns this. */
    public FibLookupParams reset() {
        family = 0;
        l4Protocol = 0;
        sport = 0;
        dport = 0;
        totLen = 0;
        mtuResult = 0;
        ifindex = 0;
        tos = 0;
        flowinfo = 0;
        ipv4Src = 0;
        ipv4Dst = 0;
        ipv6SrcHi = 0;
        ipv6SrcLo = 0;
        ipv6DstHi = 0;
        ipv6DstLo = 0;
        smac = 0;
        dmac = 0;
        vlanProto = 0;
        vlanTci = 0;
        mark = 0;
        tbid = 0;
        return this;
    }

    public int family() { return family; }
    public FibLookupParams family(int v) { family = v; return this; }
    /** IP protocol number (6 TCP, 17 UDP) for policy rules with ipproto. */
    public int l4Protocol() { return l4Protocol; }
    public FibLookupParams l4Protocol(int v) { l4Protocol = v; return this; }
    public int sport() { return sport; }
    public FibLookupParams sport(int v) { sport = v; return this; }
    public int dport() { return dport; }
    public FibLookupParams dport(int v) { dport = v; return this; }
    /** Total length of the IP packet, checked against the egress MTU. */
    public int totLen() { return totLen; }
    public FibLookupParams totLen(int v) { totLen = v; return this; }
    /** Out: the egress MTU. */
    public int mtuResult() { return mtuResult; }
    public FibLookupParams mtuResult(int v) { mtuResult = v; return this; }
    /** In: the ingress device (or egress with FLAG_OUTPUT); out: the egress device. */
    public int ifindex() { return ifindex; }
    public FibLookupParams ifindex(int v) { ifindex = v; return this; }
    public int tos() { return tos; }
    public FibLookupParams tos(int v) { tos = v; return this; }
    public int flowinfo() { return flowinfo; }
    public FibLookupParams flowinfo(int v) { flowinfo = v; return this; }
    public int ipv4Src() { return ipv4Src; }
    public FibLookupParams ipv4Src(int v) { ipv4Src = v; return this; }
    /** In: the destination; out: the next hop. */
    public int ipv4Dst() { return ipv4Dst; }
    public FibLookupParams ipv4Dst(int v) { ipv4Dst = v; return this; }
    public long ipv6SrcHi() { return ipv6SrcHi; }
    public long ipv6SrcLo() { return ipv6SrcLo; }
    public FibLookupParams ipv6Src(long hi, long lo) { ipv6SrcHi = hi; ipv6SrcLo = lo; return this; }
    public long ipv6DstHi() { return ipv6DstHi; }
    public long ipv6DstLo() { return ipv6DstLo; }
    /** In: the destination; out: the next hop. */
    public FibLookupParams ipv6Dst(long hi, long lo) { ipv6DstHi = hi; ipv6DstLo = lo; return this; }
    /** Out: the egress device's MAC (48 bits). */
    public long smac() { return smac; }
    public FibLookupParams smac(long v) { smac = v; return this; }
    /** Out: the next hop's MAC (48 bits). */
    public long dmac() { return dmac; }
    public FibLookupParams dmac(long v) { dmac = v; return this; }
    public int vlanProto() { return vlanProto; }
    public FibLookupParams vlanProto(int v) { vlanProto = v; return this; }
    public int vlanTci() { return vlanTci; }
    public FibLookupParams vlanTci(int v) { vlanTci = v; return this; }
    public int mark() { return mark; }
    public FibLookupParams mark(int v) { mark = v; return this; }
    /** The routing table id used with FLAG_DIRECT | FLAG_TBID. */
    public int tbid() { return tbid; }
    public FibLookupParams tbid(int v) { tbid = v; return this; }

    /** Linux's name of a result ({@code BPF_FIB_LKUP_RET_SUCCESS}, ...). */
    public static String resultName(int ret) {
        return switch (ret) {
            case RET_SUCCESS -> "BPF_FIB_LKUP_RET_SUCCESS";
            case RET_BLACKHOLE -> "BPF_FIB_LKUP_RET_BLACKHOLE";
            case RET_UNREACHABLE -> "BPF_FIB_LKUP_RET_UNREACHABLE";
            case RET_PROHIBIT -> "BPF_FIB_LKUP_RET_PROHIBIT";
            case RET_NOT_FWDED -> "BPF_FIB_LKUP_RET_NOT_FWDED";
            case RET_FWD_DISABLED -> "BPF_FIB_LKUP_RET_FWD_DISABLED";
            case RET_UNSUPP_LWT -> "BPF_FIB_LKUP_RET_UNSUPP_LWT";
            case RET_NO_NEIGH -> "BPF_FIB_LKUP_RET_NO_NEIGH";
            case RET_FRAG_NEEDED -> "BPF_FIB_LKUP_RET_FRAG_NEEDED";
            case RET_NO_SRC_ADDR -> "BPF_FIB_LKUP_RET_NO_SRC_ADDR";
            default -> "BPF_FIB_LKUP_RET_UNKNOWN(" + ret + ")";
        };
    }
}
