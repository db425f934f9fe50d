package dev.weir.tools.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell reader and the Linux baseline, on Weir's own texts and on the suite's real defaults.sh. */
class LinuxDefaultsTest {
    @Test
    void readsTheSuitesDefaults() throws Exception {
        Path defaults = Suite.require().resolve(LinuxDefaults.DEFAULTS_PATH);
        LinuxDefaults.Setup s = LinuxDefaults.read(defaults);
        assertThat(s.sysctls()).containsExactly(
                Map.entry("net.ipv4.tcp_rmem", "4096 540000 15728640"),
                Map.entry("net.ipv4.tcp_wmem", "4096 262144 4194304"),
                Map.entry("net.ipv4.tcp_timestamps", "1"),
                Map.entry("net.ipv4.tcp_syn_retries", "5"),
                Map.entry("net.ipv4.tcp_synack_retries", "5"),
                Map.entry("net.ipv4.tcp_frto", "2"),
                Map.entry("net.ipv4.tcp_sack", "1"),
                Map.entry("net.ipv4.tcp_dsack", "1"),
                Map.entry("net.ipv4.tcp_fack", "0"),
                Map.entry("net.ipv4.tcp_reordering", "3"),
                Map.entry("net.ipv4.tcp_congestion_control", "cubic"),
                Map.entry("net.ipv4.tcp_slow_start_after_idle", "0"),
                Map.entry("net.ipv4.tcp_early_retrans", "4"),
                Map.entry("net.ipv4.tcp_recovery", "1"),
                Map.entry("net.ipv4.tcp_tso_win_divisor", "3"),
                Map.entry("net.ipv4.tcp_ecn", "0"),
                Map.entry("net.ipv4.tcp_ecn_option", "2"),
                Map.entry("net.ipv4.tcp_pacing_ss_ratio", "200"),
                Map.entry("net.ipv4.tcp_pacing_ca_ratio", "120"),
                Map.entry("net.ipv4.tcp_notsent_lowat", "4294967295"),
                Map.entry("net.ipv4.tcp_fastopen", "0x70403"),
                Map.entry("net.ipv4.tcp_fastopen_key", "a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4"),
                Map.entry("net.ipv4.tcp_syncookies", "1"));
        assertThat(s.otherSteps()).extracting(ShellLines.Step::text).containsExactly(
                "ip tcp_metrics flush all > /dev/null 2>&1", "tc qdisc add dev tun0 root pfifo");
        assertThat(s.otherSteps().getLast()).isEqualTo(new ShellLines.Other(List.of("tc", "qdisc", "add", "dev", "tun0", "root", "pfifo"),
                "tc qdisc add dev tun0 root pfifo"));
    }

    @Test
    void shellForms() {
        List<ShellLines.Step> steps = ShellLines.parse("""
                # a comment line
                sysctl -q net.ipv4.a=1 net/ipv4/b="x y"   # trailing comment
                sysctl -e -q net.ipv4.c=$(( (2+3)*4 )) > /dev/null 2>&1
                ../x/set_sysctls.py /proc/sys/net/ipv4/d=7 \\
                   /proc/sys/net/core/e='q r'
                echo 0 > /sys/module/tcp_cubic/parameters/hystart_detect
                echo 3 > /proc/sys/net/ipv4/f
                nstat | grep TcpExt > /dev/null
                tc qdisc delete dev tun0 root 2>/dev/null ; tc qdisc add dev tun0 root pfifo limit 0
                sysctl -q net.ipv4.g=1 &> /dev/null || true
                sysctl net.ipv4.h
                ../../common/defaults.sh
                """);
        assertThat(steps).containsExactly(
                new ShellLines.Sysctl("net.ipv4.a", "1", "sysctl -q net.ipv4.a=1 net/ipv4/b=\"x y\""),
                new ShellLines.Sysctl("net.ipv4.b", "x y", "sysctl -q net.ipv4.a=1 net/ipv4/b=\"x y\""),
                new ShellLines.Sysctl("net.ipv4.c", "20", "sysctl -e -q net.ipv4.c=$(( (2+3)*4 )) > /dev/null 2>&1"),
                new ShellLines.Sysctl("net.ipv4.d", "7", "../x/set_sysctls.py /proc/sys/net/ipv4/d=7     /proc/sys/net/core/e='q r'"),
                new ShellLines.Sysctl("net.core.e", "q r", "../x/set_sysctls.py /proc/sys/net/ipv4/d=7     /proc/sys/net/core/e='q r'"),
                new ShellLines.WriteFile("/sys/module/tcp_cubic/parameters/hystart_detect", "0",
                        "echo 0 > /sys/module/tcp_cubic/parameters/hystart_detect"),
                new ShellLines.Sysctl("net.ipv4.f", "3", "echo 3 > /proc/sys/net/ipv4/f"),
                new ShellLines.Other(List.of("nstat", "grep", "TcpExt"), "nstat | grep TcpExt > /dev/null"),
                new ShellLines.Other(List.of("tc", "qdisc", "delete", "dev", "tun0", "root"), "tc qdisc delete dev tun0 root 2>/dev/null"),
                new ShellLines.Other(List.of("tc", "qdisc", "add", "dev", "tun0", "root", "pfifo", "limit", "0"),
                        "tc qdisc add dev tun0 root pfifo limit 0"),
                new ShellLines.Sysctl("net.ipv4.g", "1", "sysctl -q net.ipv4.g=1 &> /dev/null"),
                new ShellLines.Other(List.of("true"), "true"),
                new ShellLines.Other(List.of("sysctl", "net.ipv4.h"), "sysctl net.ipv4.h"),
                new ShellLines.Include("../../common/defaults.sh", "../../common/defaults.sh"));
    }

    @Test
    void setupReadsTheSuitesDefaultsAndLaterSettingsWin(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("common"));
        Files.writeString(dir.resolve("common/defaults.sh"), "sysctl -q net.ipv4.tcp_ecn=0\nsysctl -q net.ipv4.tcp_sack=1\nip tcp_metrics flush all\n");
        Script s = ScriptParser.parse("ecn/x.pkt", "`../../common/defaults.sh\nsysctl -q net.ipv4.tcp_ecn=1\nethtool -K tun0 gso off`\n0 close(3) = 0");
        LinuxDefaults.Setup setup = LinuxDefaults.setup(s, dir);
        assertThat(setup.sysctls()).containsExactly(Map.entry("net.ipv4.tcp_ecn", "1"), Map.entry("net.ipv4.tcp_sack", "1"));
        assertThat(setup.otherSteps()).extracting(ShellLines.Step::text).containsExactly("ip tcp_metrics flush all", "ethtool -K tun0 gso off");
    }
}
