package dev.weir.tcp.cc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** CUBIC's module parameters as /sys/module/tcp_cubic/parameters presents them on Linux 6.x. */
class CubicParamsTest {
    @Test
    void defaultsAndDerivedScalesAreLinuxs() {
        Cubic.Params p = new Cubic.Params();
        assertThat(p.snapshot()).containsExactly(
                Map.entry("fast_convergence", "1"), Map.entry("beta", "717"), Map.entry("initial_ssthresh", "0"),
                Map.entry("bic_scale", "41"), Map.entry("tcp_friendliness", "1"), Map.entry("hystart", "1"),
                Map.entry("hystart_detect", "3"), Map.entry("hystart_low_window", "16"),
                Map.entry("hystart_ack_delta_us", "2000"));
        // beta_scale = 8 * (1024 + 717) / 3 / (1024 - 717); cube_rtt_scale = 41 * 10; cube_factor = 2^40 / 410
        assertThat(p.lookupLong(Cubic.P_BETA_SCALE, -1)).isEqualTo(15);
        assertThat(p.lookupLong(Cubic.P_CUBE_RTT_SCALE, -1)).isEqualTo(410);
        assertThat(p.lookupLong(Cubic.P_CUBE_FACTOR, -1)).isEqualTo(2_681_735_677L);
    }

    @Test
    void writesTakeTheSysfsPathOrTheNameAndReadIntegersAsTheKernelDoes() {
        Cubic.Params p = new Cubic.Params();
        p.set("/sys/module/tcp_cubic/parameters/hystart_detect", "3\n");
        p.set("hystart_detect", "1");
        assertThat(p.get("hystart_detect")).isEqualTo("1");
        p.set("hystart_ack_delta_us", "0x10");
        assertThat(p.get("hystart_ack_delta_us")).isEqualTo("16");
        p.set("hystart_low_window", "010");
        assertThat(p.get("hystart_low_window")).isEqualTo("8");
        p.set("initial_ssthresh", "-5");
        assertThat(p.get("initial_ssthresh")).isEqualTo("-5");
        p.set("hystart", "+0");
        assertThat(p.get("hystart")).isEqualTo("0");
    }

    @Test
    void refusalsReadAsTheShellPrintsThem() {
        Cubic.Params p = new Cubic.Params();
        assertThatThrownBy(() -> p.set("/sys/module/tcp_cubic/parameters/bic_scale", "50"))
                .hasMessageStartingWith("/sys/module/tcp_cubic/parameters/bic_scale: Permission denied");
        assertThatThrownBy(() -> p.set("/sys/module/tcp_cubic/parameters/max_increment", "16"))
                .hasMessageStartingWith("/sys/module/tcp_cubic/parameters/max_increment: No such file or directory");
        assertThatThrownBy(() -> p.set("beta", "0.7")).hasMessageContaining("Invalid argument").hasMessageContaining("'0.7'");
        assertThatThrownBy(() -> p.set("beta", "08")).hasMessageContaining("Invalid argument");
        assertThatThrownBy(() -> p.set("beta", "")).hasMessageContaining("Invalid argument");
        assertThatThrownBy(() -> p.set("beta", "4294967296")).hasMessageContaining("out of range");
        assertThat(p.get("beta")).isEqualTo("717");
    }

    @Test
    void loadTimeValuesFeedTheDerivationsAndBadOnesAreRefused() {
        Cubic.Params p = new Cubic.Params(Map.of("bic_scale", "82", "beta", "512"));
        assertThat(p.get("bic_scale")).isEqualTo("82");
        assertThat(p.lookupLong(Cubic.P_CUBE_RTT_SCALE, -1)).isEqualTo(820);
        assertThat(p.lookupLong(Cubic.P_CUBE_FACTOR, -1)).isEqualTo((1L << 40) / 820);
        assertThat(p.lookupLong(Cubic.P_BETA_SCALE, -1)).isEqualTo(8 * 1536 / 3 / 512);
        assertThatThrownBy(() -> new Cubic.Params(Map.of("beta", "1024"))).hasMessageContaining("beta=1024");
        assertThatThrownBy(() -> new Cubic.Params(Map.of("bic_scale", "0"))).hasMessageContaining("bic_scale=0");
        assertThatThrownBy(() -> new Cubic.Params(Map.of("nope", "1"))).hasMessageContaining("nope");
    }
}
