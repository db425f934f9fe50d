package dev.weir.ip;

import dev.weir.core.Sysctls;
import dev.weir.core.Sysctls.Value;
import java.util.List;

/**
 * The IPv4 and IPv6 knobs the IP layers read, registered under Linux's names with Linux's
 * defaults ({@code Documentation/networking/ip-sysctl.rst}). The stages keep the handles and
 * read them per packet.
 *
 * <p>A knob another stage registered first is looked up, not registered twice: the routing
 * stage owns {@code ip_forward}, the {@code forwarding} and {@code rp_filter} knobs (and makes
 * {@code ip_forward} and {@code conf.all.forwarding} one switch, as Linux's
 * {@code devinet_sysctl_forward}).
 */
public final class IpSysctls {
    public static final String CONF4 = "net.ipv4.conf";
    public static final String CONF6 = "net.ipv6.conf";

    private final Sysctls sysctls;

    // net.ipv4
    public final Value ipForward;
    public final Value ipDefaultTtl;
    public final Value ipNoPmtuDisc;
    public final Value ipForwardUsePmtu;
    public final Value ipfragHighThresh;
    public final Value ipfragLowThresh;
    public final Value ipfragTime;
    public final Value ipfragMaxDist;
    public final Value icmpEchoIgnoreAll;
    public final Value icmpEchoIgnoreBroadcasts;
    public final Value icmpIgnoreBogusErrorResponses;
    public final Value icmpErrorsUseInboundIfaddr;
    public final Value icmpRatelimit;
    public final Value icmpRatemask;
    public final Value icmpMsgsPerSec;
    public final Value icmpMsgsBurst;
    // net.ipv6
    public final Value ip6fragHighThresh;
    public final Value ip6fragLowThresh;
    public final Value ip6fragTime;
    public final Value icmp6Ratelimit;
    public final Value icmp6Ratemask;
    public final Value icmp6EchoIgnoreAll;
    public final Value icmp6EchoIgnoreMulticast;
    public final Value icmp6EchoIgnoreAnycast;
    public final Value maxHbhOptsNumber;
    public final Value maxDstOptsNumber;
    /** {@code net.ipv4.conf.all.accept_source_route}, ANDed with the device's. */
    public final Value acceptSourceRouteAll4;
    /** {@code net.ipv6.conf.all.forwarding}: IPv6 forwards by this one, not the device's. */
    public final Value forwardingAll6;

    /** The ICMPv6 types {@link #icmp6Ratemask} rate-limits, as a 256-bit set. */
    private final long[] icmp6Mask = new long[4];

    public IpSysctls(Sysctls sysctls) {
        this.sysctls = sysctls;
        ipForward = integer("net.ipv4.ip_forward", 0, 0, 1, "forward IPv4 packets between interfaces (sets conf.all.forwarding)");
        ipDefaultTtl = integer("net.ipv4.ip_default_ttl", 64, 1, 255, "TTL of locally sent IPv4 packets");
        ipNoPmtuDisc = integer("net.ipv4.ip_no_pmtu_disc", 0, 0, 3, "0: path MTU discovery (DF set); 1: DF clear");
        ipForwardUsePmtu = integer("net.ipv4.ip_forward_use_pmtu", 0, 0, 1, "use learned path MTUs when forwarding");
        ipfragHighThresh = integer("net.ipv4.ipfrag_high_thresh", 4 << 20, 0, Integer.MAX_VALUE,
                "bytes of IPv4 fragments held for reassembly above which the oldest queues are evicted");
        ipfragLowThresh = integer("net.ipv4.ipfrag_low_thresh", 3 << 20, 0, Integer.MAX_VALUE,
                "bytes of IPv4 fragments eviction goes down to");
        ipfragTime = integer("net.ipv4.ipfrag_time", 30, 0, Integer.MAX_VALUE, "seconds an IPv4 fragment is kept for reassembly");
        ipfragMaxDist = integer("net.ipv4.ipfrag_max_dist", 64, 0, Integer.MAX_VALUE,
                "fragments from one source that may arrive between two of the same datagram before its queue is reset (0: off)");
        icmpEchoIgnoreAll = integer("net.ipv4.icmp_echo_ignore_all", 0, 0, 1, "ignore every ICMP echo request");
        icmpEchoIgnoreBroadcasts = integer("net.ipv4.icmp_echo_ignore_broadcasts", 1, 0, 1,
                "ignore ICMP echo requests sent to broadcast or multicast addresses");
        icmpIgnoreBogusErrorResponses = integer("net.ipv4.icmp_ignore_bogus_error_responses", 1, 0, 1,
                "ignore ICMP errors sent in reply to broadcast frames");
        icmpErrorsUseInboundIfaddr = integer("net.ipv4.icmp_errors_use_inbound_ifaddr", 0, 0, 1,
                "source ICMP errors from the address of the interface the offending packet arrived on");
        icmpRatelimit = integer("net.ipv4.icmp_ratelimit", 1000, 0, Integer.MAX_VALUE,
                "milliseconds between ICMP messages to one host, for the types in icmp_ratemask (burst of 6)");
        icmpRatemask = integer("net.ipv4.icmp_ratemask", 6168, 0, Integer.MAX_VALUE,
                "bit mask of the ICMP types that are rate limited (6168: unreachable, source quench, time exceeded, parameter problem)");
        icmpMsgsPerSec = integer("net.ipv4.icmp_msgs_per_sec", 1000, 0, Integer.MAX_VALUE,
                "ICMP and ICMPv6 messages per second the host may send in all (rate-limited types only)");
        icmpMsgsBurst = integer("net.ipv4.icmp_msgs_burst", 50, 0, Integer.MAX_VALUE, "burst of icmp_msgs_per_sec");

        ip6fragHighThresh = integer("net.ipv6.ip6frag_high_thresh", 4 << 20, 0, Integer.MAX_VALUE,
                "bytes of IPv6 fragments held for reassembly above which the oldest queues are evicted");
        ip6fragLowThresh = integer("net.ipv6.ip6frag_low_thresh", 3 << 20, 0, Integer.MAX_VALUE,
                "bytes of IPv6 fragments eviction goes down to");
        ip6fragTime = integer("net.ipv6.ip6frag_time", 60, 0, Integer.MAX_VALUE, "seconds an IPv6 fragment is kept for reassembly");
        icmp6Ratelimit = integer("net.ipv6.icmp.ratelimit", 1000, 0, Integer.MAX_VALUE,
                "milliseconds between ICMPv6 messages to one host, scaled down for wider route prefixes");
        icmp6Ratemask = sysctls.exists("net.ipv6.icmp.ratemask") ? sysctls.value("net.ipv6.icmp.ratemask")
                : sysctls.registerText("net.ipv6.icmp.ratemask", "0-1,3-127", List.of(),
                        "ICMPv6 types that are rate limited, as a list of ranges (default: the errors but packet too big, and 3-127)");
        icmp6EchoIgnoreAll = integer("net.ipv6.icmp.echo_ignore_all", 0, 0, 1, "ignore every ICMPv6 echo request");
        icmp6EchoIgnoreMulticast = integer("net.ipv6.icmp.echo_ignore_multicast", 0, 0, 1, "ignore ICMPv6 echo requests to multicast addresses");
        icmp6EchoIgnoreAnycast = integer("net.ipv6.icmp.echo_ignore_anycast", 0, 0, 1, "ignore ICMPv6 echo requests to anycast addresses");
        maxHbhOptsNumber = integer("net.ipv6.max_hbh_opts_number", 8, Integer.MIN_VALUE, Integer.MAX_VALUE,
                "non-padding options a Hop-by-Hop header may hold (negative: that many, and unknown ones are dropped silently)");
        maxDstOptsNumber = integer("net.ipv6.max_dst_opts_number", 8, Integer.MIN_VALUE, Integer.MAX_VALUE,
                "non-padding options a Destination Options header may hold (negative: as for max_hbh_opts_number)");
        parseIcmp6Mask(icmp6Ratemask.text());
        icmp6Ratemask.onChange(v -> parseIcmp6Mask(icmp6Ratemask.text()));

        perDevice(CONF4, "forwarding", 0, 0, 1, "forward IPv4 packets received on this interface");
        perDevice(CONF4, "rp_filter", 0, 0, 2, "reverse path filter: 0 off, 1 strict, 2 loose (RFC 3704); max(all, dev) applies");
        perDevice(CONF4, "accept_local", 0, 0, 1, "accept packets with a local source address");
        perDevice(CONF4, "route_localnet", 0, 0, 1, "route 127/8 to and from this interface");
        perDevice(CONF4, "accept_source_route", 1, 0, 1, "accept source-routed packets (all AND dev applies)");
        perDevice(CONF4, "send_redirects", 1, 0, 1, "send ICMP redirects");
        perDevice(CONF4, "accept_redirects", 1, 0, 1, "accept ICMP redirects");
        perDevice(CONF4, "log_martians", 0, 0, 1, "log packets with impossible addresses");
        // Linux: ipv4_devconf (all) leaves accept_source_route 0 while the default is 1.
        if (sysctls.get(CONF4 + ".all.accept_source_route").equals("1")) {
            sysctls.set(CONF4 + ".all.accept_source_route", "0");
        }
        perDevice(CONF6, "forwarding", 0, 0, 1, "forward IPv6 packets (all: every interface)");
        perDevice(CONF6, "hop_limit", 64, 1, 255, "hop limit of locally sent IPv6 packets");
        perDevice(CONF6, "disable_ipv6", 0, 0, 1, "turn IPv6 off on the interface");
        perDevice(CONF6, "accept_source_route", 0, -1, 1, "accept type 0 routing headers (Linux refuses them regardless)");

        acceptSourceRouteAll4 = conf4All("accept_source_route");
        forwardingAll6 = conf6All("forwarding");
    }

    private Value integer(String name, long def, long min, long max, String doc) {
        return sysctls.exists(name) ? sysctls.value(name) : sysctls.registerInt(name, def, min, max, doc);
    }

    private void perDevice(String prefix, String leaf, long def, long min, long max, String doc) {
        if (!sysctls.exists(prefix + ".default." + leaf)) {
            sysctls.registerPerDevice(prefix, leaf, true, def, min, max, doc);
        }
    }

    /** The per-device handle of an IPv4 {@code conf} knob. */
    public Value conf4(String ifname, String leaf) {
        return sysctls.device(CONF4, ifname, leaf);
    }

    /** The per-device handle of an IPv6 {@code conf} knob. */
    public Value conf6(String ifname, String leaf) {
        return sysctls.device(CONF6, ifname, leaf);
    }

    public Value conf4All(String leaf) {
        return sysctls.value(CONF4 + ".all." + leaf);
    }

    public Value conf6All(String leaf) {
        return sysctls.value(CONF6 + ".all." + leaf);
    }

    public Sysctls sysctls() {
        return sysctls;
    }

    /** True when ICMPv6 type {@code type} is in {@code net.ipv6.icmp.ratemask}. */
    public boolean icmp6Limited(int type) {
        return (icmp6Mask[type >>> 6] & (1L << (type & 63))) != 0;
    }

    private void parseIcmp6Mask(String text) {
        long[] m = new long[4];
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            int lo;
            int hi;
            try {
                lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sysctl: setting key \"net.ipv6.icmp.ratemask\": Invalid argument ('" + p
                        + "' is not a type or range of types such as 0-1,3-127)");
            }
            if (lo < 0 || hi > 255 || lo > hi) {
                throw new IllegalArgumentException("sysctl: setting key \"net.ipv6.icmp.ratemask\": Invalid argument (range '" + p
                        + "' outside 0-255)");
            }
            for (int t = lo; t <= hi; t++) {
                m[t >>> 6] |= 1L << (t & 63);
            }
        }
        System.arraycopy(m, 0, icmp6Mask, 0, 4);
    }
}
