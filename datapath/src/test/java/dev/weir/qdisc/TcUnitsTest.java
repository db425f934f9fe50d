package dev.weir.qdisc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** tc's number formats and parsers; the expected strings are what tc 6.1 prints for these values. */
class TcUnitsTest {
    @Test
    void sizesAsSprintSize() {
        assertThat(TcUnits.size(0)).isEqualTo("0b");
        assertThat(TcUnits.size(1514)).isEqualTo("1514b");
        assertThat(TcUnits.size(1537)).isEqualTo("1537b");
        assertThat(TcUnits.size(10240)).isEqualTo("10Kb");
        assertThat(TcUnits.size(10250)).isEqualTo("10Kb");     // within 16 bytes of 10 KiB
        assertThat(TcUnits.size(10256)).isEqualTo("10256b");
        assertThat(TcUnits.size(1514000)).isEqualTo("1514000b");
        assertThat(TcUnits.size(32L << 20)).isEqualTo("32Mb");
        assertThat(TcUnits.size(3028)).isEqualTo("3028b");
    }

    @Test
    void timesAsSprintTimeWithThreeSignificantDigits() {
        assertThat(TcUnits.time(69)).isEqualTo("69us");
        assertThat(TcUnits.time(999)).isEqualTo("999us");
        assertThat(TcUnits.time(1000)).isEqualTo("1ms");
        assertThat(TcUnits.time(4999)).isEqualTo("5ms");
        assertThat(TcUnits.time(19760)).isEqualTo("19.8ms");
        assertThat(TcUnits.time(822476)).isEqualTo("822ms");
        assertThat(TcUnits.time(1_500_000)).isEqualTo("1.5s");
        assertThat(TcUnits.time(10_000_000)).isEqualTo("10s");
        assertThat(TcUnits.time(1_234_567_890L)).isEqualTo("1.23e+03s");
        assertThat(TcUnits.time64(10_000)).isEqualTo("10us");
        assertThat(TcUnits.time64(999)).isEqualTo("999ns");
        assertThat(TcUnits.time64(40_000_000)).isEqualTo("40ms");
    }

    @Test
    void ratesAsPrintRate() {
        assertThat(TcUnits.rate(125_000)).isEqualTo("1Mbit");
        assertThat(TcUnits.rate(187_500)).isEqualTo("1500Kbit");
        assertThat(TcUnits.rate(1000)).isEqualTo("8Kbit");
        assertThat(TcUnits.rate(625_000_000)).isEqualTo("5Gbit");
        assertThat(TcUnits.rate(68_750)).isEqualTo("550Kbit");
        assertThat(TcUnits.rate(1_543_125)).isEqualTo("12345Kbit");
        assertThat(TcUnits.rate(12)).isEqualTo("96bit");
    }

    @Test
    void parsersAcceptTcsUnitsAndRefuseTheRest() {
        assertThat(TcUnits.parseSize("10k")).isEqualTo(10240);
        assertThat(TcUnits.parseSize("32kbit")).isEqualTo(4096);
        assertThat(TcUnits.parseSize("1.5mb")).isEqualTo(1572864);
        assertThat(TcUnits.parseSize("1x")).isEqualTo(-1);
        assertThat(TcUnits.parseSize("4294967296")).isEqualTo(-1);
        assertThat(TcUnits.parseTime("5ms")).isEqualTo(5000);
        assertThat(TcUnits.parseTime("1.5s")).isEqualTo(1_500_000);
        assertThat(TcUnits.parseTime("70")).isEqualTo(70);
        assertThat(TcUnits.parseTime("5xs")).isEqualTo(-1);
        assertThat(TcUnits.parseTime64("10us")).isEqualTo(10_000);
        assertThat(TcUnits.parseRate("1mbit")).isEqualTo(125_000);
        assertThat(TcUnits.parseRate("1kbps")).isEqualTo(1000);
        assertThat(TcUnits.parseRate("1Kibit")).isEqualTo(128);
        assertThat(TcUnits.parseRate("8000")).isEqualTo(1000);   // bare: bits per second
        assertThat(TcUnits.parseRate("abc")).isEqualTo(-1);
        assertThat(TcUnits.parsePercent("25%")).isEqualTo(0.25);
        assertThat(TcUnits.parsePercent("200%")).isNaN();
        assertThat(TcUnits.percent(TcUnits.percentToU32(0.1))).isEqualTo("10%");
        assertThat(TcUnits.percent(TcUnits.percentToU32(0.005))).isEqualTo("0.5%");
    }

    @Test
    void handlesParseAndPrintAsTcDoes() {
        assertThat(Handles.parseQdiscHandle("8001:")).isEqualTo(0x8001_0000L);
        assertThat(Handles.parseQdiscHandle("ffff")).isEqualTo(0xffff_0000L);
        assertThat(Handles.parseQdiscHandle("10000:")).isEqualTo(-1);
        assertThat(Handles.parseClassid("1:2")).isEqualTo(0x1_0002L);
        assertThat(Handles.parseClassid(":3")).isEqualTo(3);
        assertThat(Handles.parseClassid("zz")).isEqualTo(-1);
        assertThat(Handles.formatClassid(3)).isEqualTo(":3");
        assertThat(Handles.formatClassid(0x10_0002)).isEqualTo("10:2");
        assertThat(Handles.format(0x8001_0000)).isEqualTo("8001:");
    }
}
