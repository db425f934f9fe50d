package dev.weir.plugins.ratelimit;

import static dev.weir.hooks.testing.WeirAssertions.assertThatProgram;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.TcAction;
import dev.weir.hooks.testing.ProgramUnderTest;
import dev.weir.hooks.testing.WeirProgram;
import dev.weir.hooks.testing.WeirProgramExtension;
import dev.weir.plugins.Packets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The token bucket: a burst passes, then the rate; per address; refilled by virtual time. */
@ExtendWith(WeirProgramExtension.class)
class TokenBucketTest {
    @WeirProgram(TokenBucket.class)
    ProgramUnderTest rl;

    @Test
    void aBurstPassesThenPacketsBeyondItAreShotUntilTimeRefillsTheBucket() {
        rl.map("rl_config").updateLong(0, 100_000).updateLong(1, 3_000); // 100 kB/s, burst 3000 B
        byte[] f = Packets.eth(Packets.udp4("10.0.0.1", 1, "10.0.0.2", 2, 958)); // 1000 bytes
        assertThat(f).hasSize(1000);
        for (int i = 0; i < 3; i++) {
            assertThatProgram(rl.run(f)).hasVerdict(TcAction.UNSPEC);
        }
        assertThatProgram(rl.run(f)).hasVerdict(TcAction.SHOT);
        rl.advance(5_000_000);   // 5 ms: 500 bytes of tokens, not enough
        assertThatProgram(rl.run(f)).hasVerdict(TcAction.SHOT);
        rl.advance(5_000_000);   // 10 ms in all: 1000 bytes
        assertThatProgram(rl.run(f)).hasVerdict(TcAction.UNSPEC);
        // another source has its own full bucket
        assertThatProgram(rl.run(Packets.eth(Packets.udp4("10.0.0.9", 1, "10.0.0.2", 2, 958)))).hasVerdict(TcAction.UNSPEC);
        assertThat(rl.map("rl_stats").lookupLong(1, -1)).isEqualTo(2);
        assertThat(rl.map("rl_stats").lookupLong(2, -1)).isEqualTo(2000);
        rl.advance(3600_000_000_000L); // an hour: full, never more than the burst
        for (int i = 0; i < 3; i++) {
            assertThatProgram(rl.run(f)).hasVerdict(TcAction.UNSPEC);
        }
        assertThatProgram(rl.run(f)).hasVerdict(TcAction.SHOT);
    }

    @Test
    void withoutARateEverythingPasses() {
        assertThatProgram(rl.run(Packets.eth(Packets.udp4("10.0.0.1", 1, "10.0.0.2", 2, 1400)), 100)).hasVerdict(TcAction.UNSPEC)
                .changedNoMap();
    }
}
