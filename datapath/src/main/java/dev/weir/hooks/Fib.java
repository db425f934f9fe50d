package dev.weir.hooks;

import dev.weir.api.maps.MapError;
import dev.weir.api.prog.FibLookupParams;
import dev.weir.core.NetDevice;
import dev.weir.neigh.NeighTable;
import dev.weir.neigh.Neighbour;
import dev.weir.neigh.Nud;
import dev.weir.route.Addr;
import dev.weir.route.FibResult;
import dev.weir.route.Flow;
import dev.weir.route.Route;
import dev.weir.route.RouteType;
import dev.weir.route.Routing;

/**
 * {@code bpf_fib_lookup} on a host: the routing rules and tables, then the neighbour cache, as
 * Linux's {@code bpf_ipv4_fib_lookup}/{@code bpf_ipv6_fib_lookup} do for XDP and tc programs
 * that forward packets themselves.
 *
 * <ul>
 *   <li>Route types blackhole, unreachable and prohibit answer {@code RET_BLACKHOLE},
 *       {@code RET_UNREACHABLE}, {@code RET_PROHIBIT}; local, broadcast and multicast
 *       destinations {@code RET_NOT_FWDED}; no route {@code RET_NOT_FWDED}.
 *   <li>Without {@code FLAG_OUTPUT}, forwarding must be on for the ingress device
 *       ({@code params.ifindex}), else {@code RET_FWD_DISABLED}.
 *   <li>{@code params.totLen} larger than the route's MTU: {@code RET_FRAG_NEEDED}, with the
 *       MTU in {@code mtuResult}.
 *   <li>Then the next hop's neighbour entry (unless {@code FLAG_SKIP_NEIGH}): none, or not
 *       valid, is {@code RET_NO_NEIGH} (the device and addresses are still filled in, as Linux
 *       does, so the program may pass the packet up to have it resolved).
 *   <li>On success: {@code ifindex} is the egress device, {@code smac} its address,
 *       {@code dmac} the neighbour's, {@code mtuResult} the MTU; for IPv4 {@code ipv4Src} is
 *       left as given, as Linux leaves it unless {@code FLAG_SRC}.
 * </ul>
 * {@code FLAG_DIRECT} and {@code FLAG_TBID} (a direct table lookup) take the rule walk as well,
 * and {@code FLAG_MARK} uses {@code params.mark} (otherwise the mark is 0); VLAN fields are
 * left 0.
 */
final class Fib {
    private static final int KNOWN_FLAGS = FibLookupParams.FLAG_DIRECT | FibLookupParams.FLAG_OUTPUT
            | FibLookupParams.FLAG_SKIP_NEIGH | FibLookupParams.FLAG_TBID | FibLookupParams.FLAG_SRC | FibLookupParams.FLAG_MARK;

    private final Routing routing;
    private final NeighTable arp;
    private final NeighTable ndisc;
    private final Flow flow = new Flow();
    private final FibResult res = new FibResult();

    Fib(Routing routing, NeighTable arp, NeighTable ndisc) {
        this.routing = routing;
        this.arp = arp;
        this.ndisc = ndisc;
    }

    int lookup(FibLookupParams p, int flags) {
        if (p == null || (flags & ~KNOWN_FLAGS) != 0) {
            return MapError.EINVAL;
        }
        boolean v4 = p.family() == FibLookupParams.AF_INET;
        if (!v4 && p.family() != FibLookupParams.AF_INET6) {
            return MapError.EINVAL;
        }
        NetDevice in = routing.device(p.ifindex());
        if (in == null) {
            return MapError.ENODEV;
        }
        flow.reset();
        if (v4) {
            flow.v4(p.ipv4Dst(), p.ipv4Src());
        } else {
            flow.v6(p.ipv6DstHi(), p.ipv6DstLo(), p.ipv6SrcHi(), p.ipv6SrcLo());
        }
        if ((flags & FibLookupParams.FLAG_OUTPUT) != 0) {
            flow.oif(p.ifindex());
        } else {
            flow.iif(p.ifindex());
        }
        flow.tos(p.tos() & 0x1e).mark((flags & FibLookupParams.FLAG_MARK) != 0 ? p.mark() : 0);
        if ((flags & FibLookupParams.FLAG_OUTPUT) == 0 && !(v4 ? routing.forwarding4(in) : routing.forwarding6(in))) {
            return FibLookupParams.RET_FWD_DISABLED;
        }
        if (routing.lookup(flow, res) != 0 || res.route() == null) {
            return FibLookupParams.RET_NOT_FWDED;
        }
        Route r = res.route();
        RouteType t = r.type();
        switch (t) {
            case BLACKHOLE -> {
                return FibLookupParams.RET_BLACKHOLE;
            }
            case UNREACHABLE -> {
                return FibLookupParams.RET_UNREACHABLE;
            }
            case PROHIBIT -> {
                return FibLookupParams.RET_PROHIBIT;
            }
            case UNICAST -> { }
            default -> {
                return FibLookupParams.RET_NOT_FWDED;
            }
        }
        NetDevice out = r.dev();
        if (out == null) {
            return FibLookupParams.RET_NOT_FWDED;
        }
        int mtu = r.mtu() > 0 ? r.mtu() : out.mtu();
        p.ifindex(out.ifindex());
        p.smac(out.mac());
        p.mtuResult(mtu);
        if (p.totLen() > mtu) {
            return FibLookupParams.RET_FRAG_NEEDED;
        }
        if ((flags & FibLookupParams.FLAG_SKIP_NEIGH) != 0) {
            return FibLookupParams.RET_SUCCESS;
        }
        long hi;
        long lo;
        if (r.hasGateway()) {
            hi = r.gwHi();
            lo = r.gwLo();
        } else if (v4) {
            hi = 0;
            lo = Addr.v4(p.ipv4Dst());
        } else {
            hi = p.ipv6DstHi();
            lo = p.ipv6DstLo();
        }
        NeighTable table = v4 ? arp : ndisc;
        Neighbour n = table == null ? null : table.lookup(hi, lo, out);
        if (n == null || (n.state() & Nud.VALID) == 0) {
            return FibLookupParams.RET_NO_NEIGH;
        }
        p.dmac(n.lladdr());
        return FibLookupParams.RET_SUCCESS;
    }
}
