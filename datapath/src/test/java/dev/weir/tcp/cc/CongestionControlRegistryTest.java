package dev.weir.tcp.cc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.RateSample;
import dev.weir.api.prog.TcpCa;
import dev.weir.api.prog.TcpSock;
import dev.weir.api.prog.TcpSockView;
import dev.weir.core.Mib;
import dev.weir.core.Sysctls;
import dev.weir.route.Errno;
import org.junit.jupiter.api.Test;

/** The host's algorithms by name, as tcp_cong.c keeps them, and the three sysctls over them. */
class CongestionControlRegistryTest {
    private final Sysctls sysctls = new Sysctls();
    private final CongestionControlRegistry reg = new CongestionControlRegistry(sysctls);

    /** A complete algorithm with a given name and flags (a minimal BBR-like one owning cwnd). */
    record Model(String name, int flags) implements CongestionControl {
        @Override public int ssthresh(TcpSockView sk) { return TcpCa.INFINITE_SSTHRESH; }
        @Override public void congControl(TcpSock sk, int ack, int flag, RateSample rs) { sk.setSndCwnd(4); }
        @Override public int undoCwnd(TcpSockView sk) { return sk.sndCwnd(); }
    }

    /** ssthresh and undo_cwnd but neither cong_avoid nor cong_control. */
    static final class Incomplete implements CongestionControl {
        @Override public String name() { return "half"; }
        @Override public int ssthresh(TcpSockView sk) { return 2; }
        @Override public int undoCwnd(TcpSockView sk) { return 2; }
    }

    @Test
    void bootsWithRenoAndCubicAndCubicAsTheDefault() {
        assertThat(reg.available()).containsExactly("reno", "cubic");
        assertThat(reg.defaultName()).isEqualTo("cubic");
        assertThat(reg.defaultAlgorithm()).isInstanceOf(Cubic.class);
        assertThat(reg.find("reno")).isInstanceOf(Reno.class);
        assertThat(reg.find("bbr")).isNull();
        // reno is NON_RESTRICTED by itself, cubic because the default is always allowed
        assertThat(reg.allowed()).containsExactly("reno", "cubic");
        assertThat(sysctls.get("net.ipv4.tcp_congestion_control")).isEqualTo("cubic");
        assertThat(sysctls.get("net.ipv4.tcp_available_congestion_control")).isEqualTo("reno cubic");
        assertThat(sysctls.get("net.ipv4.tcp_allowed_congestion_control")).isEqualTo("reno cubic");
        assertThat(((Cubic) reg.defaultAlgorithm()).params()).isSameAs(reg.cubicParams());
    }

    @Test
    void refusesIncompleteDuplicateMisnamedAndUnknownFlags() {
        assertThatThrownBy(() -> reg.register(new Incomplete()))
                .isInstanceOfSatisfying(CongestionControlRegistry.Refused.class, r -> assertThat(r.errno()).isEqualTo(Errno.EINVAL))
                .hasMessageStartingWith("TCP: half does not implement required ops")
                .hasMessageContaining("neither congAvoid nor congControl");
        assertThatThrownBy(() -> reg.register(new Model("cubic", 0)))
                .isInstanceOfSatisfying(CongestionControlRegistry.Refused.class, r -> assertThat(r.errno()).isEqualTo(Errno.EEXIST))
                .hasMessageStartingWith("TCP: cubic already registered or non-unique key")
                .hasMessageContaining(Cubic.class.getName());
        assertThatThrownBy(() -> reg.register(new Model("sixteen_chars_xx", 0))).hasMessageContaining("1 to 15 characters");
        assertThatThrownBy(() -> reg.register(new Model("", 0))).hasMessageContaining("1 to 15 characters");
        assertThatThrownBy(() -> reg.register(new Model("has space", 0))).hasMessageContaining("[A-Za-z0-9_.]");
        assertThatThrownBy(() -> reg.register(new Model(null, 0))).hasMessageContaining("has name null");
        assertThatThrownBy(() -> reg.register(new Model("model", 0x4)))
                .hasMessageContaining("unknown flags 0x4");
        assertThat(reg.available()).containsExactly("reno", "cubic");
        reg.register(new Model("fifteen_chars_x", TcpCa.CONG_NEEDS_ECN));
        assertThat(reg.available()).containsExactly("reno", "cubic", "fifteen_chars_x");
        assertThat(reg.flags("fifteen_chars_x")).isEqualTo(TcpCa.CONG_NEEDS_ECN);
        assertThat(reg.allowed()).containsExactly("reno", "cubic");
    }

    @Test
    void theDefaultFollowsTheSysctlAndUnknownNamesAreRefusedAsLinuxDoes() {
        reg.register(new Model("model", 0));
        sysctls.set("net.ipv4.tcp_congestion_control", "model");
        assertThat(reg.defaultName()).isEqualTo("model");
        assertThat(sysctls.get("net.ipv4.tcp_congestion_control")).isEqualTo("model");
        assertThat(reg.allowed()).containsExactly("reno", "cubic", "model");   // the default is allowed
        assertThatThrownBy(() -> sysctls.set("net.ipv4.tcp_congestion_control", "bbr"))
                .hasMessageStartingWith("sysctl: setting key \"net.ipv4.tcp_congestion_control\": No such file or directory")
                .hasMessageContaining("available: reno cubic model");
        assertThat(reg.defaultName()).isEqualTo("model");
        assertThatThrownBy(() -> sysctls.set("net.ipv4.tcp_available_congestion_control", "reno"))
                .hasMessage("sysctl: permission denied on key 'net.ipv4.tcp_available_congestion_control'");
        assertThat(sysctls.value("net.ipv4.tcp_available_congestion_control").isWritable()).isFalse();
        assertThat(sysctls.list("net.ipv4.tcp_a")).containsEntry("net.ipv4.tcp_available_congestion_control", "reno cubic model")
                .containsEntry("net.ipv4.tcp_allowed_congestion_control", "reno cubic model");
    }

    @Test
    void theAllowedListGatesUnprivilegedSockets() {
        reg.register(new Model("model", 0));
        assertThat(reg.checkSelect("model", false)).isEqualTo(-Errno.EPERM);
        assertThat(reg.checkSelect("model", true)).isZero();
        assertThat(reg.checkSelect("bbr", true)).isEqualTo(-Errno.ENOENT);
        sysctls.set("net.ipv4.tcp_allowed_congestion_control", "model reno");
        assertThat(reg.allowed()).containsExactly("reno", "model");         // list order, not the order written
        assertThat(reg.checkSelect("model", false)).isZero();
        assertThat(reg.checkSelect("cubic", false)).isEqualTo(-Errno.EPERM);   // even the default, once left out
        assertThatThrownBy(() -> sysctls.set("net.ipv4.tcp_allowed_congestion_control", "reno bbr"))
                .hasMessageStartingWith("sysctl: setting key \"net.ipv4.tcp_allowed_congestion_control\": No such file or directory");
        assertThat(reg.allowed()).containsExactly("reno", "model");         // unchanged by the refused write
        sysctls.set("net.ipv4.tcp_allowed_congestion_control", "cubic  model");   // strsep stops at the empty word
        assertThat(reg.allowed()).containsExactly("cubic");
        assertThat(reg.flags("model") & TcpCa.CONG_NON_RESTRICTED).isZero();
    }

    @Test
    void replacingAndUnregistering() {
        Model first = new Model("model", TcpCa.CONG_NON_RESTRICTED);
        reg.register(first);
        reg.setDefault("model");
        Model second = new Model("model", 0);
        reg.update(second);
        assertThat(reg.find("model")).isSameAs(second);
        assertThat(reg.defaultAlgorithm()).isSameAs(second);
        assertThat(reg.allowed()).contains("model");                       // its allowed state stays
        assertThatThrownBy(() -> reg.update(new Model("other", 0))).hasMessageContaining("not registered");
        assertThatThrownBy(() -> reg.update(new Incomplete())).hasMessageContaining("does not implement required ops");
        assertThatThrownBy(() -> reg.unregister("model"))
                .isInstanceOfSatisfying(CongestionControlRegistry.Refused.class, r -> assertThat(r.errno()).isEqualTo(16))
                .hasMessageContaining("in use as net.ipv4.tcp_congestion_control");
        assertThatThrownBy(() -> reg.unregister("reno")).hasMessageContaining("built in");
        assertThatThrownBy(() -> reg.unregister("bbr")).hasMessageContaining("no congestion control named 'bbr'");
        reg.setDefault("cubic");
        reg.unregister("model");
        assertThat(reg.available()).containsExactly("reno", "cubic");
        assertThat(reg.allowed()).containsExactly("reno", "cubic");
    }

    @Test
    void algorithmCountersMapToTheirNstatNames() {
        assertThat(CongestionControlRegistry.mib(TcpCa.STAT_HYSTART_TRAIN_DETECT)).isEqualTo(Mib.TcpExtTCPHystartTrainDetect);
        assertThat(CongestionControlRegistry.mib(TcpCa.STAT_HYSTART_TRAIN_CWND)).isEqualTo(Mib.TcpExtTCPHystartTrainCwnd);
        assertThat(CongestionControlRegistry.mib(TcpCa.STAT_HYSTART_DELAY_DETECT)).isEqualTo(Mib.TcpExtTCPHystartDelayDetect);
        assertThat(CongestionControlRegistry.mib(TcpCa.STAT_HYSTART_DELAY_CWND)).isEqualTo(Mib.TcpExtTCPHystartDelayCwnd);
        assertThat(CongestionControlRegistry.mib(99)).isNull();
    }
}
