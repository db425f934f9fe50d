package dev.weir.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Virtual CPU time, in nanoseconds, that each stage of the packet path costs per packet on a
 * modelled CPU. The defaults sum to about 5 us for a packet delivered to a local socket and
 * about 4 us for a forwarded one: the low end of the "NAPI poll + GRO + IP + TCP: 5-20 us per
 * packet" the receive-path article gives for a 10 Gbit/s NIC, so that one CPU saturates at
 * roughly 200,000 packets per second. Each is a knob of the host ({@code cpu.cost.<name>}).
 */
public final class StageCosts {
    /** A device interrupt: entry, the driver's handler (mask the vector, schedule NAPI), exit. */
    public long hardIrq = 1000;
    /** Driver: reading a descriptor, building the skb, refilling the ring. */
    public long driverRx = 800;
    /** The XDP framework per frame while a program is attached (the programs' own cost is {@link #progRun} and {@link #progPer100Units}). */
    public long xdp = 100;
    /**
     * Any program run (XDP, tc, netfilter, tracepoint, probe, congestion control): entering and
     * leaving it. Added to {@link #progPer100Units} for its work.
     */
    public long progRun = 40;
    /**
     * A program's work: per 100 units of instruction budget it used (a unit is about one
     * bytecode instruction, counted by the loader's budget points), so a program's virtual
     * cost follows what it does, deterministically, instead of the host machine's speed.
     */
    public long progPer100Units = 30;
    /** GRO: flow lookup and merge attempt. */
    public long gro = 300;
    /** __netif_receive_skb_core: taps, tc ingress, protocol dispatch. */
    public long netifReceive = 400;
    /** ip_rcv / ipv6_rcv with route lookup. */
    public long ipRcv = 900;
    /** ip_forward through ip_output to the device queue. */
    public long ipForward = 1200;
    /** ARP / NDP processing. */
    public long neigh = 700;
    /** UDP demux and queueing to the socket. */
    public long udpRcv = 1200;
    /** TCP receive processing (tcp_v4_rcv to tcp_data_queue). */
    public long tcpRcv = 1800;
    /** ICMP processing (echo reply generation included). */
    public long icmpRcv = 1000;
    /** Waking the reading task. */
    public long sockWakeup = 600;
    /** Per byte copied when a checksum is verified or computed in software. */
    public double csumPerByte = 0.25;
    /** dev_queue_xmit + qdisc + driver transmit of one packet. */
    public long xmit = 700;
    /** Software segmentation (GSO) of one segment. */
    public long gsoSegment = 400;

    /** The knobs by name, for {@code cpu.cost.*} settings and reports. */
    public Map<String, Number> asMap() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("hard_irq", hardIrq);
        m.put("driver_rx", driverRx);
        m.put("xdp", xdp);
        m.put("prog_run", progRun);
        m.put("prog_per_100_units", progPer100Units);
        m.put("gro", gro);
        m.put("netif_receive", netifReceive);
        m.put("ip_rcv", ipRcv);
        m.put("ip_forward", ipForward);
        m.put("neigh", neigh);
        m.put("udp_rcv", udpRcv);
        m.put("tcp_rcv", tcpRcv);
        m.put("icmp_rcv", icmpRcv);
        m.put("sock_wakeup", sockWakeup);
        m.put("csum_per_byte", csumPerByte);
        m.put("xmit", xmit);
        m.put("gso_segment", gsoSegment);
        return m;
    }

    /** Sets one knob by name; the message names the knobs when the name is wrong. */
    public void set(String name, double value) {
        if (value < 0) {
            throw new IllegalArgumentException("cpu cost " + name + " must not be negative, got " + value);
        }
        long v = Math.round(value);
        switch (name) {
            case "hard_irq" -> hardIrq = v;
            case "driver_rx" -> driverRx = v;
            case "xdp" -> xdp = v;
            case "prog_run" -> progRun = v;
            case "prog_per_100_units" -> progPer100Units = v;
            case "gro" -> gro = v;
            case "netif_receive" -> netifReceive = v;
            case "ip_rcv" -> ipRcv = v;
            case "ip_forward" -> ipForward = v;
            case "neigh" -> neigh = v;
            case "udp_rcv" -> udpRcv = v;
            case "tcp_rcv" -> tcpRcv = v;
            case "icmp_rcv" -> icmpRcv = v;
            case "sock_wakeup" -> sockWakeup = v;
            case "csum_per_byte" -> csumPerByte = value;
            case "xmit" -> xmit = v;
            case "gso_segment" -> gsoSegment = v;
            default -> throw new IllegalArgumentException("unknown cpu cost '" + name + "'; known: " + String.join(", ", asMap().keySet()));
        }
    }
}
