package dev.weir.api.wire;

/**
 * TCP segments captured from Linux 6.18 (tcpdump -w on a veth with checksum offload off, so the
 * checksums are the kernel's own; tcpdump -vv reported each one correct), from the TCP header on.
 * Hosts 10.0.0.1 / fd00::1 (client) and 10.0.0.2 / fd00::2 (server); the window scale is 10
 * because of the sockets' buffer sizes there.
 */
final class TcpGolden {
    private TcpGolden() {}

    static final int CLIENT = Ipv4Address.parse("10.0.0.1").bits();
    static final int SERVER = Ipv4Address.parse("10.0.0.2").bits();
    static final Ipv6Address CLIENT6 = Ipv6Address.parse("fd00::1");
    static final Ipv6Address SERVER6 = Ipv6Address.parse("fd00::2");
    static final int TCP = 6;
    static final int UDP = 17;

    /** 10.0.0.1.40001 > 10.0.0.2.5001: Flags [S], seq 70161575, win 64240,
     *  options [mss 1460,sackOK,TS val 1366144214 ecr 0,nop,wscale 10], length 0 */
    static final byte[] SYN = Bytes.fromHex(
            "9c41 1389 042e94a7 00000000 a002 faf0 ea25 0000 020405b4 0402 080a516db4d600000000 01 03030a");

    /** 10.0.0.2.5001 > 10.0.0.1.40001: Flags [S.], seq 3878996470, ack 70161576, win 65160,
     *  options [mss 1460,sackOK,TS val 1336251185 ecr 1366144214,nop,wscale 10], length 0 */
    static final byte[] SYN_ACK = Bytes.fromHex(
            "1389 9c41 e734c9f6 042e94a8 a012 fe88 527a 0000 020405b4 0402 080a4fa59331516db4d6 01 03030a");

    /** 10.0.0.1.40001 > 10.0.0.2.5001: Flags [P.], seq 1:12, ack 1, win 63,
     *  options [nop,nop,TS val 1366144214 ecr 1336251185], length 11 ("hello weir\n") */
    static final byte[] DATA = Bytes.fromHex(
            "9c41 1389 042e94a8 e734c9f7 8018 003f 50b6 0000 0101 080a516db4d64fa59331 68656c6c6f20776569720a");

    /** 10.0.0.1.40001 > 10.0.0.2.5001: Flags [F.], seq 12, ack 4, win 63, options [nop,nop,TS val 1366144414 ecr 1336251185] */
    static final byte[] FIN = Bytes.fromHex(
            "9c41 1389 042e94b3 e734c9fa 8011 003f 7ebc 0000 0101 080a516db59e4fa59331");

    /** 10.0.0.2.5009 > 10.0.0.1.40009: Flags [R.], seq 0, ack 944213641, win 0, length 0 (SYN to a closed port) */
    static final byte[] RST = Bytes.fromHex("1391 9c49 00000000 38478e89 5014 0000 2523 0000");

    /** 10.0.0.2.5002 > 10.0.0.1.40002: Flags [.], ack 15929 (relative), win 80, options [nop,nop,TS val 1519094163
     *  ecr 1530223190,nop,nop,sack 3 {37649:39097}{31857:34753}{24617:27513}] (relative), after tbf drops. */
    static final byte[] SACK = Bytes.fromHex("138a 9c42 665194dd 04c3dd8a f010 0050 f122 0000 0101 080a5a8b89935b355a56"
            + " 0101 051a 04c43262 04c4380a 04c41bc2 04c42712 04c3ff7a 04c40aca");

    /** 10.0.0.1.40003 > 10.0.0.2.5003 over an IPPROTO_MPTCP socket: Flags [S], options [mss 1460,sackOK,
     *  TS val 3153931176 ecr 0,nop,wscale 10,mptcp 4 capable v1]: MPTCP is kind 30 (RFC 8684). */
    static final byte[] MPTCP_SYN = Bytes.fromHex(
            "9c43 138b 2ab4e9ae 00000000 b002 faf0 5e29 0000 020405b4 0402 080abbfd2ba800000000 01 03030a 1e040101");

    /** 10.0.0.1.40003 > 10.0.0.2.5003: Flags [P.], seq 1:12, options [nop,nop,TS val 3153931177 ecr 184416802,
     *  mptcp 22 capable v1 {0x5b1cc067b0d0da6,0x8e7f80a0e73cc4c9},nop,nop], length 11: NOPs after the option. */
    static final byte[] MPTCP_DATA = Bytes.fromHex("9c43 138b 2ab4e9af 67876385 e018 003f 21cb 0000 0101 080abbfd2ba90afdfa22"
            + " 1e16 010105b1cc067b0d0da68e7f80a0e73cc4c9000b 0101 68656c6c6f20776569720a");

    /** fd00::1.40006 > fd00::2.5006: Flags [P.], cksum 0x04b2, seq 1:10, ack 1, win 64,
     *  options [nop,nop,TS val 2744978431 ecr 2882320124], length 9 ("hello v6\n") */
    static final byte[] DATA_V6 = Bytes.fromHex(
            "9c46 138e 3e85c151 67398a42 8018 0040 04b2 0000 0101 080aa39d0bffabccb6fc 68656c6c6f2076360a");

    /**
     * Not captured: a SYN 10.0.0.1.40001 > 10.0.0.2.5001 carrying an RFC 6994 shared experimental
     * option (kind 254, length 10, ExID 0xf989, the TCP Fast Open experiment id of RFC 7413
     * section 4.1.1, and a 6-byte cookie) after <mss 1460,nop,nop>. Checksum 0xb157 computed
     * independently (python3, RFC 1071 sum over the IPv4 pseudo-header and these bytes).
     */
    static final byte[] EXP_254 = Bytes.fromHex(
            "9c41 1389 042e94a7 00000000 9002 faf0 b157 0000 020405b4 0101 fe0a f989 001122334455");

    /** 10.0.0.1.40004 > 10.0.0.2.5001 with net.ipv4.tcp_timestamps=0 and SO_RCVBUF 200000: Flags [S],
     *  seq 1149004474, win 65535, options [mss 1460,nop,nop,sackOK,nop,wscale 2], length 0 */
    static final byte[] SYN_NO_TS = Bytes.fromHex(
            "9c44 1389 447c6aba 00000000 8002 ffff fc0f 0000 020405b4 0101 0402 01 030302");

    static final byte[][] ALL = {SYN, SYN_ACK, DATA, FIN, RST, SACK, MPTCP_SYN, MPTCP_DATA, DATA_V6, EXP_254, SYN_NO_TS};
    /** Highest index into {@link #ALL}, for property parameters. */
    static final int LAST = 10;

    /** True for the one segment of {@link #ALL} that went over IPv6 (by identity: pass the constant, not a copy). */
    static boolean isV6(byte[] segment) {
        return segment == DATA_V6;
    }

    /** Client ports are 40000 and up, server ports 5001..5009. */
    static boolean fromClient(byte[] segment) {
        return Bytes.u16(segment, 0) >= 40000;
    }

    /** The pseudo-header sum the segment was sent with, for a segment of {@code length} bytes. */
    static long pseudoHeader(byte[] segment, int length) {
        boolean c = fromClient(segment);
        if (isV6(segment)) {
            Ipv6Address s = c ? CLIENT6 : SERVER6;
            Ipv6Address d = c ? SERVER6 : CLIENT6;
            return Checksum.pseudoHeaderV6(s.hi(), s.lo(), d.hi(), d.lo(), TCP, length);
        }
        return Checksum.pseudoHeaderV4(c ? CLIENT : SERVER, c ? SERVER : CLIENT, TCP, length);
    }
}
