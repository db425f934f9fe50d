package dev.weir.tools.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.tools.packetdrill.Expr.Array;
import dev.weir.tools.packetdrill.Expr.Call;
import dev.weir.tools.packetdrill.Expr.Field;
import dev.weir.tools.packetdrill.Expr.Int;
import dev.weir.tools.packetdrill.Expr.Or;
import dev.weir.tools.packetdrill.Expr.Str;
import dev.weir.tools.packetdrill.Expr.Struct;
import dev.weir.tools.packetdrill.Expr.Word;
import dev.weir.tools.packetdrill.ScriptTcpOption.Mss;
import dev.weir.tools.packetdrill.ScriptTcpOption.Nop;
import dev.weir.tools.packetdrill.ScriptTcpOption.SackPermitted;
import dev.weir.tools.packetdrill.ScriptTcpOption.Timestamp;
import dev.weir.tools.packetdrill.ScriptTcpOption.WindowScale;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Exact ASTs for lines of each kind, from Weir's own scripts in the packetdrill syntax (test
 * resources) and one-line snippets: the grammar of packetdrill's parser.y, line by line.
 */
class ScriptParserTest {
    static String resource(String name) throws IOException {
        try (InputStream in = ScriptParserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Script script(String name) throws Exception {
        return ScriptParser.parse(name, resource(name));
    }

    /** The single event of a one-event script. */
    static Event event(String line) throws ScriptSyntaxException {
        List<Event> events = ScriptParser.parse("t.pkt", line).events();
        assertThat(events).hasSize(1);
        return events.getFirst();
    }

    static Action.Syscall syscall(String line) throws ScriptSyntaxException {
        return (Action.Syscall) event(line).action();
    }

    static Packet.Tcp tcp(String line) throws ScriptSyntaxException {
        Action a = event(line).action();
        Packet p = a instanceof Action.PacketIn in ? in.packet() : ((Action.PacketOut) a).packet();
        return (Packet.Tcp) p.transport();
    }

    static Int i(long v) {
        return new Int(v, Long.toString(v));
    }

    @Test
    void serverScriptHasOptionsSetupEventsAndCleanup() throws Exception {
        Script s = script("server-handshake.pkt");
        assertThat(s.options()).containsExactly(
                new ScriptOption(2, "tolerance_usecs", Optional.of("7000")),
                new ScriptOption(3, "strict_segments", Optional.empty()));
        assertThat(s.includes()).hasSize(1);
        assertThat(s.includes().getFirst().line()).isEqualTo(5);
        assertThat(s.includes().getFirst().steps()).containsExactly(
                new ShellLines.Include("../common/defaults.sh", "../common/defaults.sh"),
                new ShellLines.Sysctl("net.ipv4.tcp_timestamps", "0", "sysctl -q net.ipv4.tcp_timestamps=0"));
        assertThat(s.cleanup()).contains(new ShellCommand(32, "/tmp/restore_${PPID}.sh"));
        assertThat(s.events()).hasSize(19);

        Event first = s.events().getFirst();
        assertThat(first.line()).isEqualTo(9);
        assertThat(first.time()).isEqualTo(new TimeSpec.Absolute(0));
        assertThat(first.action()).isEqualTo(new Action.Syscall("socket",
                List.of(Expr.ELLIPSIS, new Word("SOCK_STREAM"), new Word("IPPROTO_TCP")), i(3),
                Optional.empty(), Optional.empty(), OptionalLong.empty()));

        Event syn = s.events().get(4);
        assertThat(syn.line()).isEqualTo(14);
        assertThat(syn.time()).isEqualTo(new TimeSpec.Relative(200_000));
        assertThat(syn.action()).isEqualTo(new Action.PacketIn(new Packet(List.of(), Packet.IpInfo.NONE,
                new Packet.Tcp(0, 0, new TcpFlags(TcpFlags.SYN, false), 0, 0, OptionalLong.empty(), OptionalInt.of(29200), 0,
                        Optional.of(List.of(new Mss(1400), new SackPermitted(), new Nop(), new Nop(), new Nop(), new WindowScale(6)))))));

        Event synAck = s.events().get(5);
        assertThat(synAck.action()).isEqualTo(new Action.PacketOut(new Packet(List.of(), Packet.IpInfo.NONE,
                new Packet.Tcp(0, 0, new TcpFlags(TcpFlags.SYN | TcpFlags.ACK, false), 0, 0, OptionalLong.of(1), OptionalInt.empty(), 0,
                        Optional.of(List.of(new Mss(1460), new Nop(), new Nop(), new SackPermitted(), new Nop(), new WindowScale(8)))))));

        Packet.Tcp data = (Packet.Tcp) ((Action.PacketOut) s.events().get(12).action()).packet().transport();
        assertThat(data.toString()).isEqualTo("P. 1:3001(3000) ack 201");
        assertThat(data.endSeq()).isEqualTo(3001);
        assertThat(data.options()).contains(List.of());

        Event py = s.events().get(14);
        assertThat(py.action()).isEqualTo(new Action.Python("assert tcpi_snd_cwnd == 10, tcpi_snd_cwnd", 25));
    }

    @Test
    void clientScriptHasBlockingCallsRangesAnyTimeAndFastOpen() throws Exception {
        Script s = script("client-fastopen.pkt");
        assertThat(s.includes().getFirst().steps()).containsExactly(
                new ShellLines.Include("../../common/defaults.sh", "../../common/defaults.sh"),
                new ShellLines.Sysctl("net.ipv4.tcp_fastopen", "0x1",
                        "../../common/set_sysctls.py /proc/sys/net/ipv4/tcp_fastopen=0x1       /proc/sys/net/ipv4/tcp_wmem=\"4096 16384 65536\""),
                new ShellLines.Sysctl("net.ipv4.tcp_wmem", "4096 16384 65536",
                        "../../common/set_sysctls.py /proc/sys/net/ipv4/tcp_fastopen=0x1       /proc/sys/net/ipv4/tcp_wmem=\"4096 16384 65536\""));
        List<Event> e = s.events();

        assertThat(e.get(1).action()).isEqualTo(new Action.Syscall("fcntl",
                List.of(i(5), new Word("F_SETFL"), new Or(List.of(new Word("O_RDWR"), new Word("O_NONBLOCK")))), i(0),
                Optional.empty(), Optional.empty(), OptionalLong.empty()));
        Action.Syscall sendto = (Action.Syscall) e.get(2).action();
        assertThat(sendto.result()).isEqualTo(new Int(-1, "-1"));
        assertThat(sendto.errno()).contains("EINPROGRESS");
        assertThat(sendto.note()).contains("Operation now in progress");

        Packet.Tcp syn = (Packet.Tcp) ((Action.PacketOut) e.get(3).action()).packet().transport();
        assertThat(syn.options().orElseThrow()).containsExactly(new Mss(1460), new SackPermitted(), new Timestamp(200, 0), new Nop(),
                new WindowScale(8), new ScriptTcpOption.FastOpen(false, new byte[0]), new Nop(), new Nop());

        Packet.Tcp synAck = (Packet.Tcp) ((Action.PacketIn) e.get(4).action()).packet().transport();
        assertThat(synAck.seq()).isEqualTo(777);
        assertThat(synAck.options().orElseThrow().get(5))
                .isEqualTo(new ScriptTcpOption.FastOpen(false, HexFormat.of().parseHex("0011223344556677")));

        assertThat(e.get(6).time()).isEqualTo(new TimeSpec.RelativeRange(100_000, 120_000));
        assertThat(((Packet.Tcp) ((Action.PacketOut) e.get(6).action()).packet().transport()).options()).isEmpty();
        assertThat(e.get(7).time()).isEqualTo(new TimeSpec.Any());

        assertThat(e.get(8).time()).isEqualTo(new TimeSpec.Relative(10_000));
        Action.Syscall read = (Action.Syscall) e.get(8).action();
        assertThat(read.blockingEndUsecs()).hasValue(250_000);
        assertThat(read.isBlocking()).isTrue();

        Packet.Tcp exp = (Packet.Tcp) ((Action.PacketIn) e.get(9).action()).packet().transport();
        ScriptTcpOption.FastOpen foexp = (ScriptTcpOption.FastOpen) exp.options().orElseThrow().get(1);
        assertThat(foexp.experimental()).isTrue();
        assertThat(foexp.length()).isEqualTo(8);
        assertThat(foexp.toString()).isEqualTo("FOEXP 0123abcd");
        assertThat(foexp.toWire().toString()).isNotEmpty();

        Packet.Tcp rst = (Packet.Tcp) ((Action.PacketIn) e.get(10).action()).packet().transport();
        assertThat(rst.flags().rst()).isTrue();
        assertThat(rst.flags().ack()).isTrue();
        assertThat(rst.window()).hasValue(0);
    }

    @Test
    void sackScriptHasEcnSackIcmpPythonAndStructures() throws Exception {
        Script s = script("sack-info.pkt");
        List<Event> e = s.events();
        assertThat(s.option("mss").flatMap(ScriptOption::value)).contains("1000");

        assertThat(e.get(1).action().toString()).isEqualTo("...0.01 connect(3, ..., ...) = 0");
        assertThat(((Packet.Tcp) ((Action.PacketOut) e.get(2).action()).packet().transport()).flags())
                .isEqualTo(new TcpFlags(TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR, false));

        Packet ect0 = ((Action.PacketOut) e.get(6).action()).packet();
        assertThat(ect0.ip()).isEqualTo(new Packet.IpInfo(Packet.TosCheck.ECN, Packet.ECT0, OptionalInt.empty(), OptionalInt.empty()));
        Packet ce = ((Action.PacketIn) e.get(7).action()).packet();
        assertThat(ce.ip().tosValue()).isEqualTo(Packet.CE);
        assertThat(((Packet.Tcp) ce.transport()).options().orElseThrow().getFirst()).isEqualTo(
                new ScriptTcpOption.Sack(List.of(new ScriptTcpOption.Sack.Block(2001, 4001))));
        assertThat(((Packet.Tcp) ((Action.PacketIn) e.get(8).action()).packet().transport()).options().orElseThrow().getFirst())
                .isEqualTo(new ScriptTcpOption.Sack(List.of(new ScriptTcpOption.Sack.Block(3001, 4001),
                        new ScriptTcpOption.Sack.Block(2001, 3001))));

        Action.Python py = (Action.Python) e.get(9).action();
        assertThat(py.firstLine()).isEqualTo(16);
        assertThat(py.code()).isEqualTo("\n# two lines of python, one comment\nlost = tcpi_lost; assert tcpi_ca_state == TCP_CA_Recovery, "
                + "tcpi_ca_state\nassert 1 <= lost <= 3, 'lost=%d' % lost\n");

        assertThat(((Action.PacketIn) e.get(11).action()).packet().transport()).isEqualTo(new Packet.Icmp("unreachable",
                Optional.of("frag_needed"), OptionalInt.of(1100), OptionalInt.empty(), Optional.of(new Packet.Echoed("tcp", 1001, 1000))));
        assertThat(e.get(12).action()).isEqualTo(new Action.Command("ip route show"));
        assertThat(((Action.Syscall) e.get(13).action()).args().get(4)).isEqualTo(new Array(List.of(i(4))));

        Action.Syscall poll = (Action.Syscall) e.get(14).action();
        assertThat(poll.args().getFirst()).isEqualTo(new Array(List.of(new Struct(List.of(
                new Field("fd", List.of(), i(3)),
                new Field("events", List.of(), new Or(List.of(new Word("POLLIN"), new Word("POLLOUT")))),
                new Field("revents", List.of(), new Word("POLLOUT")))))));
        Struct linger = (Struct) ((Action.Syscall) e.get(16).action()).args().get(3);
        assertThat(linger.field("linger")).contains(new Field("linger", List.of(), i(0)));

        Struct msghdr = (Struct) ((Action.Syscall) e.get(17).action()).args().get(1);
        assertThat(msghdr.field("msg_name")).contains(new Field("msg_name", List.of(Expr.ELLIPSIS), Expr.ELLIPSIS));
        assertThat(msghdr.field("msg_iov")).contains(new Field("msg_iov", List.of(i(2)), new Array(List.of(
                new Struct(List.of(Expr.ELLIPSIS, i(10))), new Struct(List.of(Expr.ELLIPSIS, i(20)))))));

        Struct sockaddr = (Struct) ((Action.Syscall) e.get(18).action()).args().get(1);
        assertThat(sockaddr.field("sin_port").orElseThrow().value()).isEqualTo(new Call("htons", List.of(i(8080))));
        assertThat(sockaddr.field("sin_addr").orElseThrow().value()).isEqualTo(new Call("inet_addr", List.of(new Str("192.0.2.1", false))));
        assertThat(((Action.Syscall) e.get(18).action()).note()).contains("Transport endpoint is already connected");
    }

    @Test
    void timeColumnForms() throws ScriptSyntaxException {
        assertThat(event("0 close(3) = 0").time()).isEqualTo(new TimeSpec.Absolute(0));
        assertThat(event("1.25 close(3) = 0").time()).isEqualTo(new TimeSpec.Absolute(1_250_000));
        assertThat(event("+.1 close(3) = 0").time()).isEqualTo(new TimeSpec.Relative(100_000));
        assertThat(event("+2 close(3) = 0").time()).isEqualTo(new TimeSpec.Relative(2_000_000));
        // Decimal seconds convert exactly: 0.009 is 9000 microseconds, not 8999 as a double product truncates.
        assertThat(event("+0.009 close(3) = 0").time()).isEqualTo(new TimeSpec.Relative(9000));
        assertThat(event("0.1~0.2 > . 1:1(0) ack 1").time()).isEqualTo(new TimeSpec.AbsoluteRange(100_000, 200_000));
        assertThat(event("+.1~+.105 > . 1:1(0) ack 1").time()).isEqualTo(new TimeSpec.RelativeRange(100_000, 105_000));
        assertThat(event("* > . 1:1(0) ack 1").time()).isEqualTo(new TimeSpec.Any());
        assertThat(syscall("+0 ... .02 sendto(4, ..., 6000, MSG_FASTOPEN, ..., ...) = 6000").blockingEndUsecs()).hasValue(20_000);
        assertThat(syscall("+.01...0.020 poll([], 0, 0) = 0").blockingEndUsecs()).hasValue(20_000);
    }

    @Test
    void tcpFlagsAndFields() throws ScriptSyntaxException {
        assertThat(tcp("0 > . 1:1(0) ack 1").flags()).isEqualTo(new TcpFlags(TcpFlags.ACK, false));
        assertThat(tcp("0 < - 0:0(0) win 0").flags()).isEqualTo(new TcpFlags(0, false));
        assertThat(tcp("0 > FP. 1:11(10) ack 1").flags().toString()).isEqualTo("FP.");
        assertThat(tcp("0 < SEW 0:0(0) win 100").flags().toString()).isEqualTo("SEW");
        assertThat(tcp("0 < SF. 0:0(0) ack 1 win 100").flags().toString()).isEqualTo("SF.");
        Packet.Tcp urg = tcp("0 < U. 1:101(100) ack 1 win 257 urg 100");
        assertThat(urg.urgentPointer()).isEqualTo(100);
        assertThat(urg.flags().has(TcpFlags.URG)).isTrue();
        // AccECN: the digit after the dot is the ACE field, AE CWR ECE as bits 2 1 0.
        TcpFlags ace = tcp("0 > S.5 0:0(0) ack 1").flags();
        assertThat(ace.ace()).isTrue();
        assertThat(ace.aceValue()).isEqualTo(5);
        assertThat(ace.toString()).isEqualTo("S.5");
        Packet.Tcp ports = tcp("0 < 4000>8080 S 0:0(0) win 10");
        assertThat(ports.sourcePort()).isEqualTo(4000);
        assertThat(ports.destinationPort()).isEqualTo(8080);
        assertThat(tcp("0 > . 4294967295:4294967295(0) ack 4294967295").seq()).isEqualTo(0xffff_ffffL);
    }

    @Test
    void tcpOptions() throws ScriptSyntaxException {
        assertThat(tcp("0 < . 1:1(0) ack 1 win 5 <TS val 4294967295 ecr 7,sack 1:2 3:4 5:6>").options().orElseThrow()).containsExactly(
                new Timestamp(0xffff_ffffL, 7), new ScriptTcpOption.Sack(List.of(new ScriptTcpOption.Sack.Block(1, 2),
                        new ScriptTcpOption.Sack.Block(3, 4), new ScriptTcpOption.Sack.Block(5, 6))));
        assertThat(tcp("0 < . 1:1(0) ack 1 win 5 <md5 00112233445566778899aabbccddeeff,nop,nop>").options().orElseThrow().getFirst())
                .isEqualTo(new ScriptTcpOption.Md5(HexFormat.of().parseHex("00112233445566778899aabbccddeeff")));
        assertThat(tcp("0 < S 0:0(0) win 5 <eol,nop,nop,nop>").options().orElseThrow())
                .containsExactly(new ScriptTcpOption.Eol(), new Nop(), new Nop(), new Nop());
        // A cookie of digits only lexes as an integer; it is still hex.
        assertThat(tcp("0 < S 0:0(0) win 5 <FO 12345678,nop,nop>").options().orElseThrow().getFirst())
                .isEqualTo(new ScriptTcpOption.FastOpen(false, HexFormat.of().parseHex("12345678")));
        assertThat(tcp("0 > S. 0:0(0) ack 1 <...>").options()).isEmpty();
        assertThat(new Mss(1460).toWire()).isEqualTo(new dev.weir.api.wire.TcpOption.Mss(1460));
    }

    @Test
    void definesReplaceWords() throws ScriptSyntaxException {
        Packet.Tcp t = (Packet.Tcp) ((Action.PacketIn) ScriptParser.parse("t.pkt",
                "0 < S 0:10(10) win 100 <mss 1460,sackOK,nop,nop,FOEXP TFO_COOKIE>", ScriptParser.LINUX_SELFTEST_IPV4_DEFINES)
                .events().getFirst().action()).packet().transport();
        assertThat(t.options().orElseThrow().getLast())
                .isEqualTo(new ScriptTcpOption.FastOpen(true, HexFormat.of().parseHex("3021b9d889017eeb")));
        Script s = ScriptParser.parse("t.pkt", "--define=LEVEL=SOL_TCP\n0 setsockopt(3, LEVEL, TCP_NODELAY, [1], 4) = 0");
        assertThat(((Action.Syscall) s.events().getFirst().action()).args().get(1)).isEqualTo(new Word("SOL_TCP"));
        Packet.Icmp icmp = (Packet.Icmp) ((Action.PacketIn) ScriptParser.parse("t.pkt", "0 < icmp unreachable CODE",
                Map.of("CODE", "port_unreachable")).events().getFirst().action()).packet().transport();
        assertThat(icmp.code()).contains("port_unreachable");
    }

    @Test
    void ipLevelSpecsAndEncapsulation() throws ScriptSyntaxException {
        Packet p = ((Action.PacketOut) event("0 > (tos 0x10, flowlabel 0x12345) . 1:1(0) ack 1").action()).packet();
        assertThat(p.ip()).isEqualTo(new Packet.IpInfo(Packet.TosCheck.TOS, 0x10, OptionalInt.of(0x12345), OptionalInt.empty()));
        Packet q = ((Action.PacketOut) event("0 > [ect01] . 1:1(0) ack 1").action()).packet();
        assertThat(q.ip().tos()).isEqualTo(Packet.TosCheck.ECT01);
        Packet ttl = ((Action.PacketIn) event("0 < [ttl 3] . 1:1(0) ack 1 win 1").action()).packet();
        assertThat(ttl.ip().ttl()).hasValue(3);
        Packet v4 = ((Action.PacketIn) event("0 < ipv4 192.0.2.2 > 192.168.0.1: S 0:0(0) win 10").action()).packet();
        assertThat(v4.encapsulations()).containsExactly(new Packet.Encapsulation(4, Packet.IpInfo.NONE, "192.0.2.2", "192.168.0.1"));
        Packet v6 = ((Action.PacketIn) event("0 < ipv6 fd3d:fa7b:d17d::1 > fd3d:a0b:17d6::1: S 0:0(0) win 10").action()).packet();
        assertThat(v6.encapsulations().getFirst().source()).isEqualTo("fd3d:fa7b:d17d::1");
        assertThat(v6.encapsulations().getFirst().destination()).isEqualTo("fd3d:a0b:17d6::1");
    }

    @Test
    void udpAndIcmpPackets() throws ScriptSyntaxException {
        assertThat(((Action.PacketIn) event("0 < udp (512)").action()).packet().transport()).isEqualTo(new Packet.Udp(0, 0, 512));
        assertThat(((Action.PacketOut) event("0 > udp 53>5353 (20)").action()).packet().transport()).isEqualTo(new Packet.Udp(53, 5353, 20));
        assertThat(((Action.PacketIn) event("0 < icmp packet_too_big mtu 1280 [5:1205(1200)]").action()).packet().transport())
                .isEqualTo(new Packet.Icmp("packet_too_big", Optional.empty(), OptionalInt.of(1280), OptionalInt.empty(),
                        Optional.of(new Packet.Echoed("tcp", 5, 1200))));
        assertThat(((Action.PacketIn) event("0 < icmp unreachable host_unreachable").action()).packet().transport())
                .isEqualTo(new Packet.Icmp("unreachable", Optional.of("host_unreachable"), OptionalInt.empty(), OptionalInt.empty(),
                        Optional.empty()));
        assertThat(((Action.PacketIn) event("0 < icmp echo_reply id 7 [udp (30)]").action()).packet().transport())
                .isEqualTo(new Packet.Icmp("echo_reply", Optional.empty(), OptionalInt.empty(), OptionalInt.of(7),
                        Optional.of(new Packet.Echoed("udp", 0, 30))));
    }

    @Test
    void syscallArgumentsAndResults() throws ScriptSyntaxException {
        Action.Syscall ts = syscall("0 setsockopt(4, SOL_SOCKET, SO_TIMESTAMPING,\n   [SOF_TIMESTAMPING_TX_ACK |\n    SOF_TIMESTAMPING_OPT_ID], 4) = 0");
        assertThat(ts.args().get(3)).isEqualTo(new Array(List.of(new Or(List.of(new Word("SOF_TIMESTAMPING_TX_ACK"),
                new Word("SOF_TIMESTAMPING_OPT_ID"))))));
        Action.Syscall fcntl = syscall("0 fcntl(3, F_GETFL) = 0x802 (flags O_RDWR|O_NONBLOCK)");
        assertThat(fcntl.result()).isEqualTo(new Int(0x802, "0x802"));
        assertThat(fcntl.errno()).isEmpty();
        assertThat(fcntl.note()).contains("flags O_RDWR | O_NONBLOCK");
        Action.Syscall wordResult = syscall("0 fcntl(3, F_GETFL) = O_RDWR (flags O_RDWR)");
        assertThat(wordResult.result()).isEqualTo(new Word("O_RDWR"));
        assertThat(wordResult.note()).contains("flags O_RDWR");
        assertThat(syscall("0 write(4, \"abc\" \"def\", 6) = 6").args().get(1)).isEqualTo(new Str("abcdef", false));
        assertThat(syscall("0 write(4, \"GET /\"..., 100) = 100").args().get(1)).isEqualTo(new Str("GET /", true));
        assertThat(syscall("0 pipe([]) = -1 EFAULT (Bad address)").args().getFirst()).isEqualTo(new Array(List.of()));
        assertThat(syscall("0 getpid() = 1").args()).isEmpty();
        assertThat(syscall("0 ioctl(4, SIOCINQ, [1000]) = 0").toString()).isEqualTo("ioctl(4, SIOCINQ, [1000]) = 0");
        Action.Syscall cmsg = syscall("0 recvmsg(4, {msg_name(...)=..., msg_iov(1)=[{...,0}], msg_flags=MSG_ERRQUEUE,"
                + " msg_control=[{cmsg_level=SOL_SOCKET, cmsg_type=SCM_TIMESTAMPING, cmsg_data={scm_sec=0,scm_nsec=1000}}]},"
                + " MSG_ERRQUEUE) = 0");
        Struct msg = (Struct) cmsg.args().get(1);
        Struct control = (Struct) ((Array) msg.field("msg_control").orElseThrow().value()).elements().getFirst();
        assertThat(control.field("cmsg_data").orElseThrow().value()).isEqualTo(new Struct(List.of(
                new Field("scm_sec", List.of(), i(0)), new Field("scm_nsec", List.of(), i(1000)))));
    }

    @Test
    void commentsAndLayoutDoNotMatter() throws ScriptSyntaxException {
        Script s = ScriptParser.parse("t.pkt", "/* block\n comment */ 0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3 // trailing\n"
                + "\t+0\tbind(3,\n\t\t..., ...)\n\t= 0\r\n+0 listen(3, 1) = 0");
        assertThat(s.events()).extracting(Event::line).containsExactly(2, 3, 6);
        assertThat(s.events()).extracting(ev -> ((Action.Syscall) ev.action()).name()).containsExactly("socket", "bind", "listen");
    }
}
