/**
 * Routing and addresses for IPv4 and IPv6, as Linux does them ({@code fib_trie}/{@code ip6_fib},
 * {@code fib_rules}, {@code devinet}, {@code addrconf}, route exceptions), with iproute2's
 * commands and output.
 *
 * <pre>
 *   ip stage ──outputRoute(Flow, FibResult)──┐        ┌── ip route / ip rule / ip addr
 *   ip stage ──inputRoute(Flow, FibResult)───┤        │        (IpRoute, IpRule, IpAddr)
 *   icmp     ──learnPmtu(dst, mtu)───────────┤        │
 *                                            ▼        ▼
 *                          Routing ── FibRules (per family, by priority)
 *                             │            └─ each rule: selectors ─▶ action: lookup table N │
 *                             │                goto │ unreachable │ prohibit │ blackhole
 *                             ├── FibTable (per family and id): per-prefix-length hash maps,
 *                             │     probed longest first; routes of a prefix by metric
 *                             ├── AddrConf: addresses in NetDevice's lists, the routes they imply,
 *                             │     device up/down/carrier events from NetNs
 *                             └── PmtuCache (per family): learned path MTUs with expiry
 * </pre>
 *
 * <p>Addresses inside the package are two longs (see {@link dev.weir.route.Addr}); IPv4 has
 * int conveniences. Lookups on the packet path reuse the caller's {@link dev.weir.route.Flow}
 * and {@link dev.weir.route.FibResult} and allocate nothing; changes (commands, address events)
 * may allocate. Time comes from {@link dev.weir.core.NetNs#now()}.
 *
 * <p>Sysctls registered here (when no stage registered them first): {@code net.ipv4.ip_forward},
 * {@code net.ipv4.conf.*.forwarding}, {@code rp_filter}, {@code promote_secondaries},
 * {@code net.ipv6.conf.*.forwarding}, {@code keep_addr_on_down}, {@code net.ipv4.route.mtu_expires},
 * {@code net.ipv4.route.min_pmtu}, {@code net.ipv6.route.mtu_expires}.
 */
package dev.weir.route;
