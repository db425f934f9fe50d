package dev.weir.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.host.Host;
import dev.weir.link.Link;
import dev.weir.link.LinkConfig;
import dev.weir.sim.Simulation;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ShellTest {
    final Simulation sim = new Simulation(1);
    final Host a = new Host(sim, "a", 2, 1);
    final Host b = new Host(sim, "b", 1, 2);
    final Shell sa = new Shell(a);

    ShellTest() {
        Link l = new Link(sim, "a:eth0", "b:eth0", LinkConfig.DEFAULT);
        a.attach(null, l.a());
        b.attach(null, l.b());
    }

    record R(int code, String out, String err) {}

    R run(Shell s, String line) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = s.run(line, new PrintWriter(o, true), new PrintWriter(e, true));
        return new R(code, o.toString(), e.toString());
    }

    @Test
    void ipCommandsReachEveryStage() {
        assertThat(run(sa, "ip addr add 10.0.0.1/24 dev eth0").code()).isZero();
        assertThat(run(sa, "ip route get 10.0.0.2").out()).startsWith("10.0.0.2 dev eth0 src 10.0.0.1 uid 0");
        assertThat(run(sa, "ip -br link").code()).isNotZero(); // -brief is not supported: said so
        assertThat(run(sa, "ip link show dev eth0").out()).contains("eth0: <BROADCAST,MULTICAST,UP,LOWER_UP>");
        assertThat(run(sa, "ip neigh add 10.0.0.2 lladdr 02:00:00:00:02:01 dev eth0 nud permanent").code()).isZero();
        assertThat(run(sa, "ip neigh show").out()).isEqualTo("10.0.0.2 dev eth0 lladdr 02:00:00:00:02:01 PERMANENT \n"); // iproute2 prints the state with a trailing space
        assertThat(run(sa, "tc qdisc show dev eth0").out()).startsWith("qdisc mq 0: root");
        assertThat(run(sa, "ethtool -g eth0").out()).contains("Ring parameters for eth0:");
    }

    @Test
    void sysctlReadsWritesAndFailsAsProcps() {
        assertThat(run(sa, "sysctl -w net.ipv4.ip_forward=1").out()).isEqualTo("net.ipv4.ip_forward = 1\n");
        assertThat(run(sa, "sysctl net.ipv4.ip_forward").out()).isEqualTo("net.ipv4.ip_forward = 1\n");
        assertThat(run(sa, "sysctl -n net.ipv4.ip_forward").out()).isEqualTo("1\n");
        R bad = run(sa, "sysctl net.ipv4.nope");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory\n");
        assertThat(run(sa, "sysctl -w net.ipv4.ip_forward=abc").err()).startsWith("sysctl: setting key \"net.ipv4.ip_forward\": Invalid argument");
        assertThat(run(sa, "echo 0 > /proc/sys/net/ipv4/ip_forward").code()).isZero();
        assertThat(run(sa, "cat /proc/sys/net/ipv4/ip_forward").out()).isEqualTo("0\n");
    }

    @Test
    void nstatShowsDeltasAfterTheFirstCallAsNstatDoes() {
        a.net().counters().add(dev.weir.core.Mib.IpInReceives, 4);
        assertThat(run(sa, "nstat").out()).isEqualTo("#kernel\nIpInReceives                    4                  0.0\n");
        assertThat(run(sa, "nstat").out()).isEqualTo("#kernel\n");
        a.net().counters().add(dev.weir.core.Mib.IpInReceives, 2);
        assertThat(run(sa, "nstat").out()).contains("IpInReceives                    2 ");
        assertThat(run(sa, "nstat -a IpIn*").out()).contains("IpInReceives                    6 ");
    }

    @Test
    void procAndSysFilesForRpsAndIrqAffinity() {
        assertThat(run(sa, "echo 3 > /sys/class/net/eth0/queues/rx-0/rps_cpus").code()).isZero();
        assertThat(run(sa, "cat /sys/class/net/eth0/queues/rx-0/rps_cpus").out().trim()).isEqualTo("3");
        String interrupts = run(sa, "cat /proc/interrupts").out();
        assertThat(interrupts).contains("CPU0").contains("CPU1").contains("eth0-TxRx-0");
        int irq = Integer.parseInt(interrupts.lines().skip(1).findFirst().orElseThrow().trim().split(":")[0]);
        assertThat(run(sa, "echo 2 > /proc/irq/" + irq + "/smp_affinity").code()).isZero();
        assertThat(run(sa, "cat /proc/irq/" + irq + "/smp_affinity").out().trim()).isEqualTo("2");
        assertThat(run(sa, "echo 4 > /proc/irq/" + irq + "/smp_affinity").err()).contains("no CPU of a in mask 4");
        assertThat(run(sa, "cat /proc/net/softnet_stat").out().lines().count()).isEqualTo(2);
    }

    @Test
    void unknownCommandsAndBadArgumentsSayWhat() {
        R r = run(sa, "ifconfig eth0");
        assertThat(r.code()).isEqualTo(127);
        assertThat(r.err()).contains("ifconfig: command not found").contains("ip, tc, ethtool");
        assertThat(run(sa, "ip addr add 10.0.0.300/24 dev eth0").err()).contains("\"10.0.0.300/24\"");
        assertThat(run(sa, "echo \"unterminated").code()).isNotZero();
    }
}
