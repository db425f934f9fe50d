package dev.weir.tools.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureScanTest {
    @Test
    void namesWhatAScriptUses() throws Exception {
        Map<String, Integer> f = FeatureScan.scan(ScriptParserTest.script("client-fastopen.pkt"));
        assertThat(f).containsEntry("syscall sendto", 1).containsEntry("constant MSG_FASTOPEN", 1).containsEntry("errno EINPROGRESS", 1)
                .containsEntry("syscall blocking", 1).containsEntry("time range", 1).containsEntry("time *", 1)
                .containsEntry("tcp option FO", 2).containsEntry("tcp option FOEXP", 1).containsEntry("tcp options any", 1)
                .containsEntry("setup sysctl net.ipv4.tcp_fastopen", 1).containsEntry("setup include defaults.sh", 1)
                .containsEntry("packet tcp", 7);
        Map<String, Integer> g = FeatureScan.scan(ScriptParserTest.script("sack-info.pkt"));
        assertThat(g).containsEntry("python block", 1).containsEntry("tcpi tcpi_lost", 1).containsEntry("tcpi tcpi_ca_state", 1)
                .containsEntry("ip ecn ect0", 1).containsEntry("ip ecn ce", 1).containsEntry("packet icmp unreachable frag_needed", 1)
                .containsEntry("tcp flag E", 2).containsEntry("tcp flag W", 1).containsEntry("sockopt SOL_TCP TCP_MAXSEG", 1)
                .containsEntry("field msg_iov", 1).containsEntry("call htons", 1).containsEntry("command ip", 1)
                .containsEntry("option --mss", 1).doesNotContainKey("python unsupported");
    }
}
