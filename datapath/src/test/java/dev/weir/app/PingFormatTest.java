package dev.weir.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** iputils' number formats: the reply time's precision steps (gather_statistics), C's %g for the loss (values from python's %g, which is C's). */
class PingFormatTest {
    @Test
    void replyTimePrecisionFallsAsTheTimeGrows() {
        assertThat(PingFormat.time(45)).isEqualTo("0.045");
        assertThat(PingFormat.time(999)).isEqualTo("0.999");
        assertThat(PingFormat.time(1000)).isEqualTo("1.00");
        assertThat(PingFormat.time(1005)).isEqualTo("1.01");
        assertThat(PingFormat.time(4123)).isEqualTo("4.12");
        assertThat(PingFormat.time(9994)).isEqualTo("9.99");
        assertThat(PingFormat.time(9995)).isEqualTo("10.0"); // 10000 - 5: the next step begins before 10 ms
        assertThat(PingFormat.time(12345)).isEqualTo("12.3");
        assertThat(PingFormat.time(99949)).isEqualTo("99.9");
        assertThat(PingFormat.time(99950)).isEqualTo("100");
        assertThat(PingFormat.time(104499)).isEqualTo("104");
        assertThat(PingFormat.time(104500)).isEqualTo("105");
    }

    @Test
    void lossIsCsPercentG() {
        float[][] cases = {{2, 3}, {1, 3}, {1, 7}, {5, 12}, {1, 1000}, {3, 3}, {1, 9}, {5, 6}, {0, 4}, {1, 4}};
        String[] expected = {"66.6667", "33.3333", "14.2857", "41.6667", "0.1", "100", "11.1111", "83.3333", "0", "25"};
        for (int i = 0; i < cases.length; i++) {
            float loss = (float) (cases[i][0] * 100.0 / cases[i][1]);
            assertThat(PingFormat.g(loss)).as("%g of %s/%s", cases[i][0], cases[i][1]).isEqualTo(expected[i]);
        }
        assertThat(PingFormat.g(1e-5)).isEqualTo("1e-05");
        assertThat(PingFormat.g(123456789.0)).isEqualTo("1.23457e+08");
    }

    @Test
    void statisticsFields() {
        assertThat(PingFormat.ms3(4100)).isEqualTo("4.100");
        assertThat(PingFormat.ms3(59)).isEqualTo("0.059");
        assertThat(PingFormat.llsqrt(0)).isZero();
        assertThat(PingFormat.llsqrt(400)).isEqualTo(20);
        assertThat(PingFormat.llsqrt(399)).isEqualTo(20); // iputils returns the last Newton step, one past the floor here
        assertThat(PingFormat.icmp4(3, 1, 0)).isEqualTo("Destination Host Unreachable");
        assertThat(PingFormat.icmp4(3, 4, 1400)).isEqualTo("Frag needed and DF set (mtu = 1400)");
        assertThat(PingFormat.icmp4(11, 0, 0)).isEqualTo("Time to live exceeded");
        assertThat(PingFormat.icmp4(3, 99, 0)).isEqualTo("Dest Unreachable, Bad Code: 99");
        assertThat(PingFormat.icmp6(1, 3, 0)).isEqualTo("Destination unreachable: Address unreachable");
        assertThat(PingFormat.icmp6(2, 0, 1280)).isEqualTo("Packet too big: mtu=1280");
        assertThat(PingFormat.icmp6(3, 0, 0)).isEqualTo("Time exceeded: Hop limit");
        assertThat(PingFormat.icmp6(4, 1, 40)).isEqualTo("Parameter problem: Unknown header at 40");
    }
}
