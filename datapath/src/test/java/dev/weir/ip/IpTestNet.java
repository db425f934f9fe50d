package dev.weir.ip;

import dev.weir.api.wire.EtherType;
import dev.weir.core.Args;
import dev.weir.core.DropReason;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.netfilter.Netfilter;
import dev.weir.route.Routing;
import dev.weir.sim.Scheduler;
import dev.weir.sim.SimRandom;
import dev.weir.skb.SkBuff;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Hosts with the real routing, netfilter and IP stages joined by point-to-point wires at the
 * IP level: a device hands what it transmits (the IP packet; no link-layer header) to the peer's
 * IP layer a microsecond later and keeps a copy; {@code lo} hands it back to its own host. The
 * neighbour layer is stood in for by handing packets straight to the device.
 */
final class IpTestNet {
    static final long WIRE_DELAY = 1_000;

    final Scheduler scheduler = new Scheduler();
    private long seed = 1;
    final List<Host> hosts = new ArrayList<>();

    Host host(String name) {
        Host h = new Host(name);
        hosts.add(h);
        return h;
    }

    /** Joins two devices: what one sends the other receives. */
    static void connect(Dev a, Dev b) {
        a.peer = b;
        b.peer = a;
    }

    void run(long nanos) {
        scheduler.runUntil(scheduler.now() + nanos);
    }

    /** Runs long enough for every reassembly queue to expire, then checks each host's pool. */
    void assertNoLeaks() {
        run(100_000_000_000L);
        for (Host h : hosts) {
            h.ns.pool().assertNoLeaks();
        }
    }

    final class Host {
        final NetNs ns;
        final Routing routing;
        final Netfilter nf;
        final IpStack ip;
        final Dev lo;

        Host(String name) {
            ns = new NetNs(name, scheduler, new SimRandom(seed++), 1);
            ns.pool().trackLeaks(true);
            lo = new Dev(this, "lo", 0, true);
            routing = new Routing(ns);
            nf = new Netfilter(ns);
            ip = new IpStack(ns, routing, nf, (skb, dev, family, nhHi, nhLo) -> ((Dev) dev).transmit(skb));
        }

        /** An Ethernet-like device, up with a carrier. */
        Dev dev(String name) {
            return new Dev(this, name, 0x02_00_00_00_00_00L | (hosts.indexOf(this) + 1) << 8 | ns.devices().size(), false);
        }

        /** {@code ip ...} as a user types it; fails on any error. */
        String ip(String command) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            List<String> w = Args.split(command);
            dev.weir.route.Ip.run(routing, new Args("ip", w), new PrintWriter(out, true), new PrintWriter(err, true));
            if (!err.toString().isEmpty()) {
                throw new AssertionError("ip " + command + ": " + err);
            }
            return out.toString();
        }

        void sysctl(String key, String value) {
            ns.sysctls().set(key, value);
        }

        long mib(dev.weir.core.Mib m) {
            return ns.counters().get(m);
        }

        long drops(DropReason r) {
            return ns.counters().drops(r);
        }

        /** Hands {@code packet} (an IP packet) to this host as received on {@code dev}. */
        void inject(Dev dev, byte[] packet, int pktType) {
            SkBuff skb = ns.pool().alloc(packet.length + 64, SkBuff.NET_SKB_PAD + 14);
            skb.putBytes(packet, 0, packet.length);
            skb.setPktType(pktType);
            receive(dev, skb);
        }

        void inject(Dev dev, byte[] packet) {
            inject(dev, packet, SkBuff.PACKET_HOST);
        }

        /** As {@link #inject}, to the IPv6 layer whatever the version nibble says (an EtherType 0x86dd frame). */
        void inject6(Dev dev, byte[] packet) {
            SkBuff skb = ns.pool().alloc(packet.length + 64, SkBuff.NET_SKB_PAD + 14);
            skb.putBytes(packet, 0, packet.length);
            skb.setIngressIfindex(dev.ifindex());
            skb.setIfindex(dev.ifindex());
            skb.resetNetworkHeader();
            skb.setProtocol(EtherType.IPV6);
            ip.v6().rcv(skb, dev);
        }

        void receive(Dev dev, SkBuff skb) {
            skb.setIngressIfindex(dev.ifindex());
            skb.setIfindex(dev.ifindex());
            skb.resetNetworkHeader();
            if (!dev.isUp()) {
                ns.drop(skb, DropReason.DEV_READY);
            } else if ((skb.buf()[skb.data()] & 0xf0) == 0x60) {
                skb.setProtocol(EtherType.IPV6);
                ip.v6().rcv(skb, dev);
            } else {
                skb.setProtocol(EtherType.IPV4);
                ip.v4().rcv(skb, dev);
            }
        }
    }

    final class Dev extends NetDevice {
        final Host host;
        Dev peer;
        /** Every packet sent, as bytes. */
        final List<byte[]> sent = new ArrayList<>();
        /** When false, packets are recorded but not delivered. */
        boolean deliver = true;
        /** When false, packets are not even recorded (for measuring the stack alone). */
        boolean record = true;
        /** When set, the "queue" refuses every packet (NET_XMIT_DROP), as a full qdisc would. */
        boolean refuse;

        Dev(Host host, String name, long mac, boolean loopback) {
            super(host.ns, name, loopback ? ARPHRD_LOOPBACK : ARPHRD_ETHER, loopback ? 65536 : 1500, 68, 65536, 1, 1);
            this.host = host;
            setMac(mac);
            setFlag(loopback ? IFF_LOOPBACK : IFF_BROADCAST | IFF_MULTICAST, true);
            host.ns.register(this);
            setCarrier(true);
            open();
        }

        int transmit(SkBuff skb) {
            if (refuse) {
                host.ns.drop(skb, DropReason.QDISC_DROP);
                return dev.weir.core.Qdisc.NET_XMIT_DROP;
            }
            if (!record) {
                skb.consume();
                return dev.weir.core.Qdisc.NET_XMIT_SUCCESS;
            }
            return startXmit(skb, txQueue(0));
        }

        @Override
        public int startXmit(SkBuff skb, NetdevQueue txq) {
            byte[] bytes = skb.toByteArray();
            sent.add(bytes);
            skb.consume();
            Dev to = (flags() & IFF_LOOPBACK) != 0 ? this : deliver ? peer : null;
            if (to != null) {
                scheduler.schedule(WIRE_DELAY, () -> {
                    SkBuff in = to.host.ns.pool().alloc(bytes.length + 64, SkBuff.NET_SKB_PAD + 14);
                    in.putBytes(bytes, 0, bytes.length);
                    in.setPktType(SkBuff.PACKET_HOST);
                    if (to == this) {
                        in.setIpSummed(SkBuff.CHECKSUM_UNNECESSARY);
                    }
                    to.host.receive(to, in);
                });
            }
            return NETDEV_TX_OK;
        }

        /** The last packet sent. */
        byte[] last() {
            return sent.get(sent.size() - 1);
        }
    }
}
