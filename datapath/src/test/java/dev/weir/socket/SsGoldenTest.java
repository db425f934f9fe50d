package dev.weir.socket;

import static dev.weir.socket.SockOpt.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.testing.StackHosts;
import dev.weir.udp.UdpSock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ss -u...} against iproute2's: the same nine UDP sockets were opened on Linux 6.18 in a
 * namespace with fd00::1/64 on lo (python; {@code resources/dev/weir/socket/linux/ss-udp.txt}
 * holds what iproute2's ss printed, piped, for each command), and are opened here on a Weir host.
 */
class SsGoldenTest {
    final StackHosts net = new StackHosts(2);
    final StackHosts.Host h = net.host("h");
    final List<Sock> keep = new ArrayList<>();

    @AfterEach
    void noLeaks() {
        net.assertNoLeaks();
    }

    UdpSock open(int family, String bind, String connect) {
        UdpSock s = h.udp.socket(family);
        keep.add(s);
        assertThat(s.bind(SockAddr.parse(bind))).as("bind " + bind).isZero();
        if (connect != null) {
            assertThat(s.connect(SockAddr.parse(connect))).as("connect " + connect).isZero();
        }
        return s;
    }

    static Map<String, String> golden() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        String text;
        try (var in = SsGoldenTest.class.getResourceAsStream("/dev/weir/socket/linux/ss-udp.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String cmd = null;
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("$ ")) {
                if (cmd != null) {
                    m.put(cmd, sb.toString());
                }
                cmd = line.substring(2);
                sb.setLength(0);
            } else if (!line.isEmpty()) {
                sb.append(line).append('\n');
            }
        }
        m.put(cmd, sb.toString());
        return m;
    }

    String ss(String command) {
        StringWriter out = new StringWriter();
        List<String> w = Args.split(command);
        Ss.run(h.sockets, new Args("ss", w.subList(1, w.size())), new PrintWriter(out));
        return out.toString();
    }

    @Test
    void udpListingsMatchIproute2() throws IOException {
        h.ip("addr add fd00::1/64 dev lo");
        open(SockAddr.AF_INET, "127.0.0.1:5000", null);
        open(SockAddr.AF_INET, "127.0.0.1:40000", "127.0.0.1:5000");
        open(SockAddr.AF_INET6, "[::]:5001", null);
        open(SockAddr.AF_INET6, "[::1]:40001", "[::1]:5001");
        open(SockAddr.AF_INET, "0.0.0.0:5002", null);
        UdpSock v6only = h.udp.socket(SockAddr.AF_INET6);
        v6only.setsockopt(SOL_IPV6, IPV6_V6ONLY, 1);
        assertThat(v6only.bind(SockAddr.parse("[::]:5003"))).isZero();
        UdpSock onLo = h.udp.socket(SockAddr.AF_INET);
        onLo.setsockopt(SOL_SOCKET, SO_BINDTODEVICE, OptVal.ofText("lo"));
        assertThat(onLo.bind(SockAddr.parse("0.0.0.0:5004"))).isZero();
        open(SockAddr.AF_INET6, "[::ffff:127.0.0.1]:5005", null);
        open(SockAddr.AF_INET6, "[fd00::1]:5006", null);
        UdpSock unbound = h.udp.socket(SockAddr.AF_INET); // not in the hash table: not listed
        for (Map.Entry<String, String> e : golden().entrySet()) {
            assertThat(ss(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        unbound.close();
    }

    @Test
    void queuedDatagramsShowAsRecvQ() {
        UdpSock server = open(SockAddr.AF_INET, "127.0.0.1:5000", null);
        UdpSock client = open(SockAddr.AF_INET, "127.0.0.1:40000", "127.0.0.1:5000");
        byte[] d = new byte[100];
        client.send(d, 0, d.length, 0);
        net.run(1_000_000);
        assertThat(server.rmemAlloc()).isPositive();
        String[] lines = ss("ss -uln").split("\n");
        assertThat(lines[1]).startsWith("UNCONN " + String.format("%-6d", server.rmemAlloc()) + " 0");
        server.recv(d, 0, d.length, 0);
        assertThat(server.rmemAlloc()).isZero();
    }

    @Test
    void unsupportedOptionsSaySo() {
        assertThatThrownBy(() -> ss("ss -tin")).isInstanceOf(CommandException.class).hasMessageContaining("-i");
        assertThatThrownBy(() -> ss("ss -z")).hasMessage("ss: invalid option -- 'z'");
        assertThatThrownBy(() -> ss("ss -u sport = :5000")).hasMessageContaining("filters");
    }
}
