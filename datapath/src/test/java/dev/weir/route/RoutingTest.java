package dev.weir.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.core.InetAddress4;
import dev.weir.core.InetAddress6;
import dev.weir.core.NetDevice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Routing behaviour through its API, each case named for the Linux behaviour it follows. */
class RoutingTest {
    private final RouteTestHost h = new RouteTestHost();

    private static int v4(String s) {
        return Ipv4Address.parse(s).bits();
    }

    private static String s4(long lo) {
        return Ipv4Address.toString((int) lo);
    }

    private FibResult out4(String dst) {
        return out4(new Flow().v4(v4(dst), 0));
    }

    private FibResult out4(Flow fl) {
        FibResult r = new FibResult();
        h.routing.outputRoute(fl, r);
        return r;
    }

    private FibResult out6(String dst) {
        Ipv6Address d = Ipv6Address.parse(dst);
        FibResult r = new FibResult();
        h.routing.outputRoute(new Flow().v6(d.hi(), d.lo(), 0, 0), r);
        return r;
    }

    private FibResult in4(String dst, String src, NetDevice in) {
        FibResult r = new FibResult();
        h.routing.inputRoute(new Flow().v4(v4(dst), v4(src)).iif(in.ifindex()), r);
        return r;
    }

    private void cmds(String... lines) {
        for (String l : lines) {
            h.ok(l);
        }
    }

    @Nested
    class Metrics {
        @Test
        void lowerMetricWinsAmongRoutesOfOnePrefixAndTheNextTakesOverWhenItIsDeleted() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip addr add 192.168.7.1/24 dev eth1",
                    "ip route add 10.9.0.0/16 via 10.0.1.1 metric 20", "ip route add 10.9.0.0/16 via 192.168.7.254 metric 10");
            assertThat(s4(out4("10.9.1.1").nextHopLo())).isEqualTo("192.168.7.254");
            h.ok("ip route del 10.9.0.0/16 metric 10");
            assertThat(s4(out4("10.9.1.1").nextHopLo())).isEqualTo("10.0.1.1");
        }

        @Test
        void equalMetricsKeepTheirOrderAppendGoesAfterPrependBefore() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip addr add 192.168.7.1/24 dev eth1",
                    "ip route append 10.9.0.0/16 via 10.0.1.1", "ip route append 10.9.0.0/16 via 192.168.7.254");
            assertThat(out4("10.9.1.1").dev()).isSameAs(h.eth0);
            h.ok("ip route prepend 10.9.0.0/16 via 192.168.7.253");
            assertThat(s4(out4("10.9.1.1").nextHopLo())).isEqualTo("192.168.7.253");
        }

        @Test
        void theLongestPrefixWinsWhateverTheMetrics() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip addr add 192.168.7.1/24 dev eth1",
                    "ip route add 10.9.0.0/16 via 10.0.1.1 metric 1000", "ip route add 10.0.0.0/8 via 192.168.7.254 metric 1");
            assertThat(s4(out4("10.9.1.1").nextHopLo())).isEqualTo("10.0.1.1");
            assertThat(s4(out4("10.8.1.1").nextHopLo())).isEqualTo("192.168.7.254");
        }

        @Test
        void ipv6UserRoutesDefaultToMetric1024AndAddressPrefixRoutesTo256() {
            cmds("ip -6 addr add 2001:db8:1::2/64 dev eth0", "ip -6 route add 2001:db8:9::/48 via 2001:db8:1::1");
            assertThat(out6("2001:db8:9::1").route().metric()).isEqualTo(1024);
            assertThat(out6("2001:db8:1::5").route().metric()).isEqualTo(256);
        }
    }

    @Nested
    class Devices {
        @Test
        void goingDownRemovesConnectedAndStaticRoutesButNotTheLocalAddressRoutes() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip addr add 192.168.7.1/24 dev eth1",
                    "ip route add 10.9.0.0/16 via 10.0.1.1", "ip route add default via 192.168.7.254 metric 100");
            h.eth0.close();
            // fib_sync_down_dev: the static route through eth0 is gone, so the default route answers.
            FibResult r = out4("10.9.1.1");
            assertThat(r.dev()).isSameAs(h.eth1);
            assertThat(h.routing.table(Addr.V4, RtNames.TABLE_MAIN).routes()).noneMatch(x -> x.dev() == h.eth0);
            assertThat(out4("10.0.1.2").type()).isEqualTo(RouteType.LOCAL);
            assertThat(h.eth0.ipv4Addresses()).hasSize(1);
        }

        @Test
        void comingUpRestoresTheConnectedRoutesButNotStaticOnes() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip route add 10.9.0.0/16 via 10.0.1.1");
            h.eth0.close();
            h.eth0.open();
            assertThat(h.ok("ip route")).isEqualTo("10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.2 \n");
        }

        @Test
        void ipv6AddressesGoWithTheDeviceUnlessKeepAddrOnDown() {
            cmds("ip -6 addr add 2001:db8:1::2/64 dev eth0", "ip -6 addr add 2001:db8:2::2/64 dev eth1");
            h.ns.sysctls().set("net.ipv6.conf.eth1.keep_addr_on_down", "1");
            h.eth0.close();
            h.eth1.close();
            assertThat(h.eth0.ipv6Addresses()).isEmpty();
            assertThat(h.eth1.ipv6Addresses()).extracting(InetAddress6::address).containsExactly(Ipv6Address.parse("2001:db8:2::2"));
            h.eth1.open();
            assertThat(out6("2001:db8:2::5").dev()).isSameAs(h.eth1);
        }

        @Test
        void anEthernetDeviceGetsItsEui64LinkLocalAddressWhenItIsUpWithACarrier() {
            NetDevice d = h.device("eth3", 0x52_54_00_12_34_56L, false);
            d.open();
            assertThat(d.ipv6Addresses()).isEmpty(); // no carrier yet: "link is not ready"
            d.setCarrier(true);
            assertThat(d.ipv6Addresses()).extracting(InetAddress6::address)
                    .containsExactly(Ipv6Address.parse("fe80::5054:ff:fe12:3456"));
            assertThat(h.ok("ip -6 route show dev eth3")).isEqualTo("fe80::/64 proto kernel metric 256 pref medium\n");
        }

        @Test
        void loopbackGets127001AndColonColon1WhenItComesUp() {
            assertThat(h.lo.ipv4Addresses()).extracting(InetAddress4::toString).containsExactly("127.0.0.1/8");
            assertThat(h.lo.ipv6Addresses()).extracting(InetAddress6::toString).containsExactly("::1/128");
        }

        @Test
        void unregisteringADeviceTakesItsAddressesAndRoutes() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip route add 10.9.0.0/16 via 10.0.1.1");
            h.ns.unregister(h.eth0);
            assertThat(h.routing.tables(Addr.V4).stream().flatMap(t -> t.routes().stream())).noneMatch(r -> r.dev() == h.eth0);
            assertThat(out4("10.9.1.1").error()).isEqualTo(-Errno.ENETUNREACH);
        }
    }

    @Nested
    class Rules {
        @Test
        void theFirstMatchingRuleInPriorityOrderAnswersAndThrowGoesOnToTheNext() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip addr add 192.168.7.1/24 dev eth1",
                    "ip route add default via 10.0.1.1", "ip route add default via 192.168.7.254 table 100",
                    "ip route add throw 10.30.0.0/16 table 100", "ip rule add fwmark 0x10/0xf0 table 100 pref 100");
            FibResult r = out4(new Flow().v4(v4("8.8.8.8"), 0).mark(0x15));
            assertThat(r.table()).isEqualTo(100);
            assertThat(r.rule().priority()).isEqualTo(100);
            FibResult thrown = out4(new Flow().v4(v4("10.30.1.1"), 0).mark(0x15));
            assertThat(thrown.table()).isEqualTo(RtNames.TABLE_MAIN);
            assertThat(out4(new Flow().v4(v4("8.8.8.8"), 0).mark(0x25)).table()).isEqualTo(RtNames.TABLE_MAIN);
        }

        @Test
        void ruleActionsFailAsLinuxDoes() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip route add default via 10.0.1.1",
                    "ip rule add to 10.40.0.0/16 unreachable", "ip rule add to 10.41.0.0/16 prohibit",
                    "ip rule add to 10.42.0.0/16 blackhole");
            assertThat(out4("10.40.1.1").error()).isEqualTo(-Errno.ENETUNREACH);
            assertThat(out4("10.41.1.1").error()).isEqualTo(-Errno.EACCES);
            assertThat(out4("10.42.1.1").error()).isEqualTo(-Errno.EINVAL);
        }

        @Test
        void rejectRoutesFailWithTheirOwnErrnos() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip route add unreachable 10.51.0.0/16",
                    "ip route add prohibit 10.52.0.0/16", "ip route add blackhole 10.53.0.0/16");
            assertThat(out4("10.51.1.1").error()).isEqualTo(-Errno.EHOSTUNREACH);
            assertThat(out4("10.52.1.1").error()).isEqualTo(-Errno.EACCES);
            assertThat(out4("10.53.1.1").error()).isEqualTo(-Errno.EINVAL);
            assertThat(out4("10.54.1.1").error()).isEqualTo(-Errno.ENETUNREACH);
        }

        @Test
        void fromIifAndNotSelectors() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip addr add 192.168.7.1/24 dev eth1", "ip route add default via 10.0.1.1",
                    "ip route add default via 192.168.7.254 table 100", "ip route add default via 192.168.7.253 table 200",
                    "ip rule add from 192.168.7.0/24 table 100 pref 100", "ip rule add iif eth1 table 200 pref 110");
            h.ns.sysctls().set("net.ipv4.ip_forward", "1");
            FibResult bySource = out4(new Flow().v4(v4("8.8.8.8"), v4("192.168.7.1")));
            assertThat(s4(bySource.nextHopLo())).isEqualTo("192.168.7.254");
            FibResult byInput = in4("8.8.8.8", "192.168.7.9", h.eth1);
            assertThat(byInput.ok()).isTrue();
            assertThat(byInput.table()).isEqualTo(100); // from matches first
            FibResult fromElsewhere = in4("8.8.8.8", "172.16.0.9", h.eth1);
            assertThat(fromElsewhere.table()).isEqualTo(200);
            h.ok("ip rule add not iif eth1 table 100 pref 50");
            assertThat(out4("8.8.8.8").table()).isEqualTo(100); // local output: iif is lo, not eth1
        }

        @Test
        void gotoJumpsToItsTargetAndSuppressPrefixLengthIgnoresShortAnswers() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip route add default via 10.0.1.1",
                    "ip route add default via 10.0.1.9 table 100", "ip rule add goto 300 pref 200",
                    "ip rule add lookup 100 pref 250", "ip rule add lookup main suppress_prefixlength 0 pref 300",
                    "ip rule add lookup 100 pref 400");
            FibResult r = out4("8.8.8.8");
            assertThat(r.rule().priority()).isEqualTo(400); // 250 skipped by goto, main's default suppressed
            assertThat(s4(r.nextHopLo())).isEqualTo("10.0.1.9");
            assertThat(s4(out4("10.0.1.77").nextHopLo())).isEqualTo("10.0.1.77"); // /24 is not suppressed
        }

        @Test
        void nothingMatchedIsNetworkUnreachable() {
            h.ok("ip rule del pref 32766");
            h.ok("ip addr add 10.0.1.2/24 dev eth0");
            assertThat(out4("10.0.1.9").error()).isEqualTo(-Errno.ENETUNREACH);
        }

        @Test
        void aRuleWithoutPriorityGoesJustBeforeTheSecondRule() {
            h.ok("ip rule add from 10.0.0.0/8 table 5");
            assertThat(h.routing.rules(Addr.V4).rules()).extracting(FibRule::priority).containsExactly(0, 32765, 32766, 32767);
        }
    }

    @Nested
    class PathMtu {
        @Test
        void aLearnedMtuAppliesUntilMtuExpiresThenTheDevicesAgain() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip route add 10.0.2.0/24 via 10.0.1.1");
            assertThat(h.routing.learnPmtu4(v4("10.0.2.2"), 1400)).isEqualTo(1400);
            assertThat(out4("10.0.2.2").mtu()).isEqualTo(1400);
            assertThat(out4("10.0.2.3").mtu()).isEqualTo(1500);
            h.advance(599_999_999_999L);
            assertThat(out4("10.0.2.2").mtu()).isEqualTo(1400);
            h.advance(1);
            assertThat(out4("10.0.2.2").mtu()).isEqualTo(1500);
        }

        @Test
        void aReportBelowMinPmtuIsRaisedToItAndLocksTheMtu() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip route add 10.0.2.0/24 via 10.0.1.1");
            assertThat(h.routing.learnPmtu4(v4("10.0.2.2"), 300)).isEqualTo(Routing.MIN_PMTU4);
            FibResult r = out4("10.0.2.2");
            assertThat(r.mtu()).isEqualTo(552);
            assertThat(r.mtuLocked()).isTrue();
            h.ns.sysctls().set("net.ipv4.route.min_pmtu", "1000");
            assertThat(h.routing.learnPmtu4(v4("10.0.2.3"), 800)).isEqualTo(1000);
        }

        @Test
        void mtuExpiresIsASysctlInSeconds() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip route add 10.0.2.0/24 via 10.0.1.1");
            h.ns.sysctls().set("net.ipv4.route.mtu_expires", "10");
            h.routing.learnPmtu4(v4("10.0.2.2"), 1400);
            h.advance(10_000_000_000L);
            assertThat(out4("10.0.2.2").mtu()).isEqualTo(1500);
        }

        @Test
        void ipv6ReportsAreRaisedTo1280() {
            cmds("ip -6 addr add 2001:db8:1::2/64 dev eth0", "ip -6 route add 2001:db8:2::/64 via 2001:db8:1::1");
            Ipv6Address d = Ipv6Address.parse("2001:db8:2::2");
            assertThat(h.routing.learnPmtu(Addr.V6, d.hi(), d.lo(), 1000)).isEqualTo(Routing.IPV6_MIN_MTU);
            assertThat(out6("2001:db8:2::2").mtu()).isEqualTo(1280);
        }

        @Test
        void reportsNotBelowThePathMtuAndRoutesWithMtuLockAreLeftAlone() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip route add 10.0.2.0/24 via 10.0.1.1 mtu 1300",
                    "ip route add 10.0.3.0/24 via 10.0.1.1 mtu lock 1300");
            assertThat(h.routing.learnPmtu4(v4("10.0.2.2"), 1400)).isEqualTo(1300);
            assertThat(out4("10.0.2.2").pmtu()).isZero();
            assertThat(h.routing.learnPmtu4(v4("10.0.3.2"), 1000)).isEqualTo(1300);
            assertThat(out4("10.0.3.2").mtu()).isEqualTo(1300);
        }

        @Test
        void anExceptionBelongsToItsRouteAndGoesWithIt() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip route add 10.0.2.0/24 via 10.0.1.1");
            h.routing.learnPmtu4(v4("10.0.2.2"), 1400);
            h.ok("ip route replace 10.0.2.0/24 via 10.0.1.3");
            assertThat(out4("10.0.2.2").mtu()).isEqualTo(1500);
            assertThat(h.routing.pmtuCache(Addr.V4).size()).isZero();
        }
    }

    @Nested
    class SourceAddress {
        @Test
        void theRoutesSrcComesFirst() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip addr add 10.0.1.3/24 dev eth0",
                    "ip route add 10.8.0.0/16 via 10.0.1.1 src 10.0.1.3");
            assertThat(s4(out4("10.8.1.1").srcLo())).isEqualTo("10.0.1.3");
        }

        @Test
        void thenAPrimaryAddressOfTheDeviceInTheGatewaysSubnetNeverASecondary() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip addr add 10.0.1.3/24 dev eth0", "ip addr add 172.16.0.2/24 dev eth0",
                    "ip route add 10.8.0.0/16 via 172.16.0.1", "ip route add 10.9.0.0/16 via 10.0.1.1");
            assertThat(s4(out4("10.8.1.1").srcLo())).isEqualTo("172.16.0.2");
            assertThat(s4(out4("10.9.1.1").srcLo())).isEqualTo("10.0.1.2");
            assertThat(h.routing.selectSource4(h.eth0, v4("10.0.1.77"), RtNames.SCOPE_UNIVERSE)).isEqualTo(v4("10.0.1.2"));
        }

        @Test
        void thenAnyGlobalAddressOnTheHostNeverALoopbackOne() {
            cmds("ip addr add 10.0.1.2/24 dev eth0");
            assertThat(h.routing.selectSource4(h.eth1, 0, RtNames.SCOPE_UNIVERSE)).isEqualTo(v4("10.0.1.2"));
            h.ok("ip route add 10.7.0.0/16 dev eth1");
            assertThat(s4(out4("10.7.1.1").srcLo())).isEqualTo("10.0.1.2");
        }

        @Test
        void ipv6PrefersTheScopeOfTheDestination() {
            h.ok("ip -6 addr add 2001:db8:1::2/64 dev eth0");
            assertThat(h.routing.selectSource6(h.eth0, Ipv6Address.parse("fe80::9"))).isEqualTo(Ipv6Address.parse("fe80::ff:fe00:1"));
            assertThat(h.routing.selectSource6(h.eth0, Ipv6Address.parse("2001:db8:7::9"))).isEqualTo(Ipv6Address.parse("2001:db8:1::2"));
        }

        @Test
        void ipv6AvoidsDeprecatedAddressesThenTakesTheLongestMatchingPrefix() {
            cmds("ip -6 addr add 2001:db8:1::2/64 dev eth0 preferred_lft 0", "ip -6 addr add 2001:db8:2::2/64 dev eth0",
                    "ip -6 addr add 2001:db8:1:0:8000::2/64 dev eth0");
            assertThat(h.routing.selectSource6(h.eth0, Ipv6Address.parse("2001:db8:1::9"))).isEqualTo(Ipv6Address.parse("2001:db8:1:0:8000::2"));
            h.ok("ip -6 addr del 2001:db8:1:0:8000::2/64 dev eth0");
            assertThat(h.routing.selectSource6(h.eth0, Ipv6Address.parse("2001:db8:1::9"))).isEqualTo(Ipv6Address.parse("2001:db8:2::2"));
        }

        @Test
        void ipv6PrefersTheOutgoingInterfaceAndNeverUsesATentativeAddress() {
            cmds("ip -6 addr add 2001:db8:1::2/64 dev eth0", "ip -6 addr add 2001:db8:1::3/64 dev eth1");
            assertThat(h.routing.selectSource6(h.eth1, Ipv6Address.parse("2001:db8:9::9"))).isEqualTo(Ipv6Address.parse("2001:db8:1::3"));
            // Weir does not run DAD itself; an address another stage marks tentative is never a source.
            h.eth1.ipv6AddressList().set(0, new InetAddress6(Ipv6Address.parse("2001:db8:1::3"), 64, 0, false,
                    InetAddress4.IFA_F_PERMANENT | InetAddress4.IFA_F_TENTATIVE, 0));
            assertThat(h.routing.selectSource6(h.eth1, Ipv6Address.parse("2001:db8:9::9"))).isEqualTo(Ipv6Address.parse("2001:db8:1::2"));
        }
    }

    @Nested
    class Input {
        @Test
        void localAndBroadcastAreDeliveredForwardingNeedsTheDeviceToForward() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip addr add 192.168.7.1/24 dev eth1", "ip route add 10.9.0.0/16 via 10.0.1.1");
            assertThat(in4("10.0.1.2", "192.168.7.5", h.eth1).type()).isEqualTo(RouteType.LOCAL);
            assertThat(in4("192.168.7.255", "192.168.7.5", h.eth1).type()).isEqualTo(RouteType.BROADCAST);
            assertThat(in4("10.9.1.1", "192.168.7.5", h.eth1).error()).isEqualTo(-Errno.EHOSTUNREACH);
            h.ns.sysctls().set("net.ipv4.ip_forward", "1");
            FibResult f = in4("10.9.1.1", "192.168.7.5", h.eth1);
            assertThat(f.type()).isEqualTo(RouteType.UNICAST);
            assertThat(f.dev()).isSameAs(h.eth0);
            assertThat(s4(f.nextHopLo())).isEqualTo("10.0.1.1");
        }

        @Test
        void confAllForwardingAndIpForwardSetEachOtherAndEveryDevice() {
            h.ns.sysctls().set("net.ipv4.conf.all.forwarding", "1");
            assertThat(h.ns.sysctls().get("net.ipv4.ip_forward")).isEqualTo("1");
            assertThat(h.routing.forwarding4(h.eth1)).isTrue();
            h.ns.sysctls().set("net.ipv4.ip_forward", "0");
            assertThat(h.ns.sysctls().get("net.ipv4.conf.eth0.forwarding")).isEqualTo("0");
            assertThat(h.routing.forwarding4(h.eth0)).isFalse();
        }

        @Test
        void martianSourcesAndStrictReversePathFailuresAreInvalid() {
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip addr add 192.168.7.1/24 dev eth1");
            h.ns.sysctls().set("net.ipv4.ip_forward", "1");
            assertThat(in4("10.0.1.9", "192.168.7.1", h.eth1).error()).isEqualTo(-Errno.EINVAL); // our own address
            assertThat(in4("10.0.1.9", "224.0.0.1", h.eth1).error()).isEqualTo(-Errno.EINVAL);
            assertThat(in4("10.0.1.9", "10.0.1.5", h.eth1).ok()).isTrue();
            h.ns.sysctls().set("net.ipv4.conf.eth1.rp_filter", "1");
            // A reverse-path failure is EXDEV, as fib_validate_source returns it (the IP stage drops it as IP_RPFILTER).
            assertThat(in4("10.0.1.9", "10.0.1.5", h.eth1).error()).isEqualTo(-Errno.EXDEV);
            h.ns.sysctls().set("net.ipv4.conf.eth1.rp_filter", "2");
            assertThat(in4("10.0.1.9", "10.0.1.5", h.eth1).ok()).isTrue();
        }
    }

    @Nested
    class Output {
        @Test
        void withAnOutputInterfaceAndNoRouteTheDestinationIsAssumedOnLink() {
            cmds("ip addr add 192.168.7.1/24 dev eth1");
            FibResult r = out4(new Flow().v4(v4("8.8.8.8"), 0).oif(h.eth1.ifindex()));
            assertThat(r.ok()).isTrue();
            assertThat(r.dev()).isSameAs(h.eth1);
            assertThat(s4(r.nextHopLo())).isEqualTo("8.8.8.8");
            assertThat(s4(r.srcLo())).isEqualTo("192.168.7.1");
        }

        @Test
        void aSourceThatIsNotOursIsInvalid() {
            cmds("ip addr add 10.0.1.2/24 dev eth0");
            assertThat(out4(new Flow().v4(v4("10.0.1.9"), v4("10.0.1.77"))).error()).isEqualTo(-Errno.EINVAL);
        }

        @Test
        void localDestinationsLeaveThroughLoopback() {
            cmds("ip addr add 10.0.1.2/24 dev eth0");
            FibResult r = out4("10.0.1.2");
            assertThat(r.type()).isEqualTo(RouteType.LOCAL);
            assertThat(r.dev()).isSameAs(h.lo);
            assertThat(r.flags() & FibResult.RTCF_LOCAL).isNotZero();
            assertThat(h.routing.addrType4(v4("10.0.1.255"))).isEqualTo(RouteType.BROADCAST);
            assertThat(h.routing.addrType4(v4("10.0.1.2"))).isEqualTo(RouteType.LOCAL);
            assertThat(h.routing.addrType4(v4("10.0.1.3"))).isEqualTo(RouteType.UNICAST);
        }
    }

    @Nested
    class Addresses {
        @Test
        void listenersHearOfAddressesAddedAndRemovedSecondariesGoWithTheirPrimary() {
            List<String> events = new ArrayList<>();
            h.routing.addresses().addListener(new AddrConf.AddressListener() {
                @Override
                public void added4(NetDevice dev, InetAddress4 a) {
                    events.add("+" + a + (a.secondary() ? " secondary" : "") + " " + dev.name());
                }

                @Override
                public void removed4(NetDevice dev, InetAddress4 a) {
                    events.add("-" + a + " " + dev.name());
                }
            });
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip addr add 10.0.1.3/24 dev eth0", "ip addr del 10.0.1.2/24 dev eth0");
            assertThat(events).containsExactly("+10.0.1.2/24 eth0", "+10.0.1.3/24 secondary eth0",
                    "-10.0.1.2/24 eth0", "-10.0.1.3/24 eth0");
        }

        @Test
        void promoteSecondariesMakesTheFirstSecondaryPrimaryWithItsRoutes() {
            h.ns.sysctls().set("net.ipv4.conf.eth0.promote_secondaries", "1");
            cmds("ip addr add 10.0.1.2/24 dev eth0", "ip addr add 10.0.1.3/24 dev eth0", "ip addr del 10.0.1.2/24 dev eth0");
            assertThat(h.eth0.ipv4Addresses()).extracting(InetAddress4::toString, InetAddress4::secondary)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("10.0.1.3/24", false));
            assertThat(h.ok("ip route show table all dev eth0")).isEqualTo(
                    "10.0.1.0/24 proto kernel scope link src 10.0.1.3 \n"
                            + "local 10.0.1.3 table local proto kernel scope host src 10.0.1.3 \n"
                            + "broadcast 10.0.1.255 table local proto kernel scope link src 10.0.1.3 \n"
                            + "fe80::/64 proto kernel metric 256 pref medium\n"
                            + "local fe80::ff:fe00:1 table local proto kernel metric 0 pref medium\n"
                            + "multicast ff00::/8 table local proto kernel metric 256 pref medium\n");
        }

        @Test
        void theProgrammaticApiRefusesDuplicatesAsTheKernelDoes() {
            AddrConf ac = h.routing.addresses();
            ac.add4(h.eth0, v4("10.0.1.2"), 24, v4("10.0.1.2"), 0, 0, 0, 0);
            assertThatThrownBy(() -> ac.add4(h.eth0, v4("10.0.1.2"), 24, v4("10.0.1.2"), 0, 0, 0, 0))
                    .isInstanceOf(RtnlException.class).hasMessageContaining("Address already assigned")
                    .extracting(e -> ((RtnlException) e).errno()).isEqualTo(Errno.EEXIST);
            assertThatThrownBy(() -> ac.del6(h.eth0, Ipv6Address.parse("2001:db8::1"), 64))
                    .isInstanceOf(RtnlException.class).extracting(e -> ((RtnlException) e).ipMessage())
                    .isEqualTo("Error: ipv6: address not found.");
        }
    }

    @Test
    void dashDRouteGetExplainsRulesTableWinnerAndLosers() {
        cmds("ip addr add 10.0.1.2/24 dev eth0", "ip addr add 192.168.7.1/24 dev eth1",
                "ip route add 10.9.0.0/16 via 10.0.1.1 metric 20", "ip route add 10.9.0.0/16 via 192.168.7.254 metric 10",
                "ip route add default via 10.0.1.1", "ip rule add from 172.16.0.0/12 table 100 pref 100");
        String out = h.ok("ip -d route get 10.9.1.1");
        assertThat(out).startsWith("unicast 10.9.1.1 via 192.168.7.254 dev eth1 table main src 192.168.7.1 uid 0 \n    cache \n");
        assertThat(out).contains(
                "explain: rule 0 \"from all lookup local\": matches; table local has no usable route to 10.9.1.1: next rule\n",
                "explain: rule 100 \"from 172.16.0.0/12 lookup 100\": does not match (source 0.0.0.0 is outside 172.16.0.0/12)\n",
                "explain: rule 32766 \"from all lookup main\": matches; table main answers\n",
                "explain:   chosen  10.9.0.0/16 via 192.168.7.254 dev eth1 metric 10 (longest matching prefix /16, lowest usable metric 10)\n",
                "explain:   lost    10.9.0.0/16 via 10.0.1.1 dev eth0 metric 20: higher metric 20 than 10\n",
                "explain:   lost    default via 10.0.1.1 dev eth0 metric 0: shorter prefix /0 than /16\n",
                "explain: result: unicast via 192.168.7.254 dev eth1, source 192.168.7.1");
        assertThat(out).doesNotContain("rule 32767");
    }

    @Test
    void dashDRouteGetExplainsThrowsAndFailuresToo() {
        cmds("ip addr add 10.0.1.2/24 dev eth0", "ip addr add 192.168.7.1/24 dev eth1", "ip route add default via 10.0.1.1",
                "ip route add throw 10.30.0.0/16 table 100", "ip rule add lookup 100 pref 100", "ip route add prohibit 10.52.0.0/16");
        assertThat(h.ok("ip -d route get 10.30.1.1")).contains(
                "explain: rule 100 \"from all lookup 100\": matches; table 100 throws: next rule\n",
                "explain:   chosen  throw 10.30.0.0/16 table 100 metric 0 (longest matching prefix /16): a throw route sends the lookup on to the next rule\n");
        RouteTestHost.Result failed = h.run("ip -d route get 10.52.1.1");
        assertThat(failed.status()).isEqualTo(2);
        assertThat(failed.err()).startsWith("RTNETLINK answers: Permission denied\n").contains(
                "explain: rule 32766 \"from all lookup main\": matches; table main answers with a prohibit route: the lookup fails with EACCES (Permission denied)\n",
                "explain: result: EACCES (Permission denied)");
        RouteTestHost.Result notForwarding = h.run("ip -d route get 8.8.8.8 from 192.168.7.9 iif eth1");
        assertThat(notForwarding.err()).startsWith("RTNETLINK answers: No route to host\n")
                .contains("explain: result: EHOSTUNREACH (No route to host), the input device does not forward");
    }
}
