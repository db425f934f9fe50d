package dev.weir.tools.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed scripts are refused with {@code file:line:column: what was expected}: the grammar's
 * own errors and the values packetdrill checks while parsing.
 */
class ScriptErrorsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\\n+0 bind(3, ..., ...)\\n | 3 | 1 | expected = and the expected return value after bind(...), found the end of the file
        0 > S. 0:0(0) ack 1 <mss 1460,wscale 7>   | 1 | 21 | TCP options are not padded correctly to ensure TCP header is a multiple of 4 bytes: 3 excess bytes
        0 < . 1:1001(999) ack 1 win 5             | 1 | 7  | inconsistent TCP sequence numbers and payload size: 1:1001(999)
        0 < . 1:1(0) ack 1                        | 1 | 7  | window must be specified for inbound packets (win N)
        0 < S 0:0(0) win 10 <...>                 | 1 | 21 | <...> for TCP options can only be used with outbound packets
        +.1~+.05 > . 1:1(0) ack 1                 | 1 | 1  | time range is backwards: +0.1~+0.05
        * close(3) = 0                            | 1 | 1  | event time * can only be used with outbound packets
        0.1~0.2 write(3, ..., 1) = 1              | 1 | 1  | event time range can only be used with outbound packets
        0 > SX 0:0(0)                             | 1 | 5  | invalid TCP flags 'SX': use F S R P . U E W A, or a digit 0-7 for ACE without E W A
        0 > SE.3 0:0(0)                           | 1 | 5  | invalid TCP flags 'SE.3': use F S R P . U E W A, or a digit 0-7 for ACE without E W A
        0 < S 0:0(0) win 70000                    | 1 | 18 | TCP window value out of range: 70000
        0 > . 1:1(0) ack 1 <mss 99999>            | 1 | 25 | mss value out of range: 99999
        0 > . 4294967296:4294967296(0)            | 1 | 7  | TCP start sequence number out of range: 4294967296
        0 close(3) = 0 %{ assert 1                | 1 | 16 | unterminated %{ code block: no }% before the end of the file
        0 write(3, "abc, 3) = 3                   | 1 | 12 | unterminated string: no closing " before the end of the file
        --tolerance_usecs=5\\n\\n                 | 3 | 1  | expected at least one event (a time, then a packet, system call, `command` or %{ code }%)
        0 close(3) = 0\\n--mss=100\\n             | 2 | 1  | options (--mss) must come before the first event
        0 < S 0:0(0) win 1 <FO abc,nop>           | 1 | 24 | TCP fast open cookie 'abc' has an odd number of digits
        0 < S 0:0(0) win 1 <FO zzzz,nop,nop>      | 1 | 24 | TCP fast open cookie 'zzzz' is not a valid hex string (an undefined symbol? pass it as a define)
        hello world                               | 1 | 1  | expected an event time (0, 1.5, +.1, +.1~+.2 or *), found 'hello'
        0 frobnicate                              | 1 | 3  | expected a packet (< or >), a system call name(...), a `command` or %{ code }% after the time, found 'frobnicate'
        +-1 close(3) = 0                          | 1 | 2  | negative time -1
        0 write(4, ..., 1000 = 1000               | 1 | 22 | expected , or ) in the list, found '='
        0 < gre: S 0:0(0) win 1                   | 1 | 5  | gre encapsulation is not supported; only ipv4 and ipv6 outer headers are
        0 < [ect01] . 1:1(0) ack 1 win 1          | 1 | 5  | [ect01] can only be used with outbound packets
        0 < [ect0] udp (10)                       | 1 | 5  | ECN can only be used with TCP packets
        0 > [tos 16] . 1:1(0) ack 1               | 1 | 10 | expected a hex TOS byte after tos, as in tos 0x10, found '16'
        0 < icmp unreachable mtu x                | 1 | 26 | expected an MTU after mtu, found 'x'
        0 close(3) = 0\\n`cmd`\\n+0 close(4) = 0  | 2 | 1  | expected an event time (0, 1.5, +.1, +.1~+.2 or *), found '`cmd`'
        0 > . 1:1(0) ack 1 <sack 1:2 3:4 5:6 7:8 9:10,nop,nop> | 1 | 20 | TCP header too large: 44 option bytes, at most 40 fit
        """)
    void malformedScriptIsRefusedWithItsPosition(String script, int line, int column, String problem) {
        String text = script.strip().replace("\\n", "\n");
        ScriptSyntaxException e = catchThrowableOfType(ScriptSyntaxException.class, () -> ScriptParser.parse("bad.pkt", text));
        assertThat(e).as(text).isNotNull();
        assertThat(e.problem()).isEqualTo(problem);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.file()).isEqualTo("bad.pkt");
        assertThat(e.getMessage()).isEqualTo("bad.pkt:" + line + ":" + column + ": " + problem);
    }
}
