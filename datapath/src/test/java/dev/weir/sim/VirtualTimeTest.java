package dev.weir.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {
    @Test
    void formatsSecondsWithNineDecimals() {
        assertThat(VirtualTime.format(12_345_678_901L)).isEqualTo("12.345678901s");
        assertThat(VirtualTime.format(0)).isEqualTo("0.000000000s");
        assertThat(VirtualTime.format(1)).isEqualTo("0.000000001s");
        assertThat(VirtualTime.format(40 * VirtualTime.MILLISECOND)).isEqualTo("0.040000000s");
        assertThat(VirtualTime.format(-1_500_000_000L)).isEqualTo("-1.500000000s");
        assertThat(VirtualTime.format(Long.MIN_VALUE)).isEqualTo("-9223372036.854775808s");
    }

    @Test
    void parsesTheDurationsTopologiesUse() {
        assertThat(VirtualTime.parseDuration("40ms")).isEqualTo(40_000_000L);
        assertThat(VirtualTime.parseDuration("1.5s")).isEqualTo(1_500_000_000L);
        assertThat(VirtualTime.parseDuration("100us")).isEqualTo(100_000L);
        assertThat(VirtualTime.parseDuration("100µs")).isEqualTo(100_000L);
        assertThat(VirtualTime.parseDuration("250ns")).isEqualTo(250L);
        assertThat(VirtualTime.parseDuration("2m")).isEqualTo(120_000_000_000L);
        assertThat(VirtualTime.parseDuration("2min")).isEqualTo(120_000_000_000L);
        assertThat(VirtualTime.parseDuration("1h")).isEqualTo(3_600_000_000_000L);
        assertThat(VirtualTime.parseDuration(" 0.000000001s ")).isEqualTo(1L);
        assertThat(VirtualTime.parseDuration("5 ms")).isEqualTo(5_000_000L);
        assertThat(VirtualTime.parseDuration("0")).isZero();
    }

    @Test
    void errorsNameTheBadText() {
        assertThatThrownBy(() -> VirtualTime.parseDuration("40")).hasMessageContaining("'40'").hasMessageContaining("unit");
        assertThatThrownBy(() -> VirtualTime.parseDuration("40 parsecs")).hasMessageContaining("'40 parsecs'");
        assertThatThrownBy(() -> VirtualTime.parseDuration("-5ms")).hasMessageContaining("'-5ms'");
        assertThatThrownBy(() -> VirtualTime.parseDuration("1.5ns")).hasMessageContaining("'1.5ns'").hasMessageContaining("whole number of nanoseconds");
        assertThatThrownBy(() -> VirtualTime.parseDuration("999999999h")).hasMessageContaining("too long");
        assertThatThrownBy(() -> VirtualTime.parseDuration(".5s")).hasMessageContaining("'.5s'");
        assertThatThrownBy(() -> VirtualTime.parseDuration(null)).hasMessageContaining("missing");
    }

    @Property
    void formattedTimesParseBack(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long ns) {
        assertThat(VirtualTime.parseDuration(VirtualTime.format(ns))).isEqualTo(ns);
    }
}
