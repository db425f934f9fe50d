package dev.weir.hooks;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.UdpPacket;
import dev.weir.host.Host;
import dev.weir.link.Link;
import dev.weir.link.LinkConfig;
import dev.weir.sim.Simulation;
import dev.weir.skb.SkBuff;
import dev.weir.tools.Shell;
import dev.weir.verifier.LoadedProgram;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Hosts of real stages for the hooks tests: {@code a} (10.0.0.1, eth0) linked to {@code b}
 * (10.0.0.2, eth0); with {@link #withRouter}, {@code b} routes to {@code c} (10.0.1.2 behind
 * b's eth1 10.0.1.1). Sends UDP datagrams from a host's IP layer (there is no UDP socket
 * layer here; the receiver answers port unreachable, or not, as its stack decides).
 */
final class HookRig {
    final Simulation sim = new Simulation(1);
    final Host a = new Host(sim, "a", 1, 1);
    final Host b = new Host(sim, "b", 1, 2);
    Host c;
    final Shell sa = new Shell(a);
    final Shell sb = new Shell(b);
    Shell sc;

    HookRig() {
        Link l = new Link(sim, "a:eth0", "b:eth0", LinkConfig.DEFAULT);
        a.attach("eth0", l.a());
        b.attach("eth0", l.b());
        sh(sa, "ip addr add 10.0.0.1/24 dev eth0");
        sh(sb, "ip addr add 10.0.0.2/24 dev eth0");
    }

    HookRig withRouter() {
        c = new Host(sim, "c", 1, 3);
        sc = new Shell(c);
        Link l = new Link(sim, "b:eth1", "c:eth0", LinkConfig.DEFAULT);
        b.attach("eth1", l.a());
        c.attach("eth0", l.b());
        sh(sb, "ip addr add 10.0.1.1/24 dev eth1");
        sh(sb, "sysctl -w net.ipv4.ip_forward=1");
        sh(sc, "ip addr add 10.0.1.2/24 dev eth0");
        sh(sc, "ip route add default via 10.0.1.1");
        sh(sa, "ip route add default via 10.0.0.2");
        return this;
    }

    static String sh(Shell s, String line) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = s.run(line, new PrintWriter(o, true), new PrintWriter(e, true));
        if (code != 0) {
            throw new AssertionError(line + " failed (" + code + "): " + e);
        }
        return o.toString();
    }

    static int ip(String a) {
        return Ipv4Address.parse(a).bits();
    }

    /** Sends a UDP datagram of {@code payload} bytes from {@code from}'s IP layer. */
    void udp(Host from, String src, String dst, int sport, int dport, int payload) {
        int len = UdpPacket.HEADER_LEN + payload;
        SkBuff skb = from.net().pool().alloc(len, SkBuff.MAX_HEADER);
        int at = skb.put(len);
        byte[] b = skb.buf();
        Bytes.put16(b, at, sport);
        Bytes.put16(b, at + 2, dport);
        Bytes.put16(b, at + 4, len);
        Bytes.put16(b, at + 6, 0);
        for (int i = 0; i < payload; i++) {
            b[at + 8 + i] = (byte) i;
        }
        UdpPacket u = new UdpPacket();
        u.wrap(b, at, len);
        u.fillChecksumV4(ip(src), ip(dst));
        from.ip().v4().send(skb, ip(src), ip(dst), 17);
    }

    /** Sends an ICMP echo request (id, seq, 8 bytes of data) from {@code from}'s IP layer. */
    void ping(Host from, String src, String dst, int id, int seq) {
        int len = 16;
        SkBuff skb = from.net().pool().alloc(len, SkBuff.MAX_HEADER);
        int at = skb.put(len);
        byte[] b = skb.buf();
        b[at] = 8;
        b[at + 1] = 0;
        Bytes.put16(b, at + 2, 0);
        Bytes.put16(b, at + 4, id);
        Bytes.put16(b, at + 6, seq);
        Bytes.put16(b, at + 2, dev.weir.api.wire.Checksum.internet(b, at, len));
        from.ip().v4().send(skb, ip(src), ip(dst), 1);
    }

    void run(long nanos) {
        sim.scheduler().runUntil(sim.now() + nanos);
    }

    void runMs(long ms) {
        run(ms * 1_000_000L);
    }

    /** Slot {@code i} of the pinned array map {@code name} on {@code h}, as a long. */
    static long slot(Host h, String name, int i) {
        return ((dev.weir.api.maps.ArrayMap) h.maps().pinned(name)).lookupLong(i, -1);
    }

    /** The value of a long key in the pinned hash map {@code name} on {@code h}, or -1. */
    static long hashValue(Host h, String name, long key) {
        return ((dev.weir.api.maps.HashMap) h.maps().pinned(name)).lookupLong(key, -1);
    }

    static LoadedProgram<?> load(Host h, Class<?> program) {
        return h.hooks().load(program);
    }
}
