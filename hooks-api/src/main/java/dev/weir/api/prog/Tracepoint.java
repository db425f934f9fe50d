package dev.weir.api.prog;

import java.util.List;

/**
 * The stack's tracepoints, named as Linux's ({@code system:event}), each with the fields of its
 * context in the order Linux's {@code /sys/kernel/tracing/events/SYSTEM/EVENT/format} lists
 * them. A {@link TracepointProgram} attached to one reads those fields through the matching
 * view of {@link TraceContext}.
 */
public enum Tracepoint {
    /** A packet handed to the stack by the driver layer, after GRO (before tc ingress). */
    NETIF_RECEIVE_SKB("net", "netif_receive_skb", "skbaddr", "len", "name"),
    /** A packet handed to the device's transmit routine, with its result. */
    NET_DEV_XMIT("net", "net_dev_xmit", "skbaddr", "len", "rc", "name"),
    /** A packet freed because it was dropped, with the drop reason. */
    KFREE_SKB("skb", "kfree_skb", "skbaddr", "location", "protocol", "reason"),
    /** One NAPI poll of a device queue: work done against the budget. */
    NAPI_POLL("napi", "napi_poll", "napi", "dev_name", "work", "budget"),
    /** A qdisc dequeued packets for the device. */
    QDISC_DEQUEUE("qdisc", "qdisc_dequeue", "qdisc", "txq", "packets", "skbaddr", "ifindex", "handle", "parent", "txq_state"),
    /** A neighbour entry changed (state, link-layer address). */
    NEIGH_UPDATE("neigh", "neigh_update", "family", "dev", "lladdr", "lladdr_len", "flags", "nud_state", "type", "dead",
            "refcnt", "primary_key4", "primary_key6", "confirmed", "updated", "used", "new_lladdr", "new_state",
            "update_flags", "pid"),
    /** An XDP program returned ABORTED or an invalid action, or its redirect failed. */
    XDP_EXCEPTION("xdp", "xdp_exception", "prog_id", "act", "ifindex"),
    /** Every ACK a TCP socket processes (and every transmit): the congestion state. */
    TCP_PROBE("tcp", "tcp_probe", "saddr", "daddr", "sport", "dport", "family", "mark", "data_len", "snd_nxt", "snd_una",
            "snd_cwnd", "ssthresh", "snd_wnd", "srtt", "rcv_wnd", "sock_cookie", "skbaddr", "skaddr"),
    /** A TCP segment retransmitted. */
    TCP_RETRANSMIT_SKB("tcp", "tcp_retransmit_skb", "skbaddr", "skaddr", "state", "sport", "dport", "family", "saddr",
            "daddr", "saddr_v6", "daddr_v6"),
    /** A TCP reset sent. */
    TCP_SEND_RESET("tcp", "tcp_send_reset", "skbaddr", "skaddr", "state", "sport", "dport", "family", "saddr", "daddr",
            "saddr_v6", "daddr_v6"),
    /** A TCP reset received and accepted. */
    TCP_RECEIVE_RESET("tcp", "tcp_receive_reset", "skaddr", "sport", "dport", "family", "saddr", "daddr", "saddr_v6",
            "daddr_v6", "sock_cookie"),
    /** A socket changed TCP state (any protocol's inet socket; TCP here). */
    INET_SOCK_SET_STATE("sock", "inet_sock_set_state", "skaddr", "oldstate", "newstate", "sport", "dport", "family",
            "protocol", "saddr", "daddr", "saddr_v6", "daddr_v6"),
    /** TCP receive-buffer autotuning adjusted the receive space. */
    TCP_RCV_SPACE_ADJUST("tcp", "tcp_rcv_space_adjust", "skaddr", "sport", "dport", "family", "saddr", "daddr",
            "saddr_v6", "daddr_v6", "sock_cookie");

    private final String system;
    private final String event;
    private final List<String> fields;

    Tracepoint(String system, String event, String... fields) {
        this.system = system;
        this.event = event;
        this.fields = List.of(fields);
    }

    /** The subsystem: {@code net}, {@code skb}, {@code tcp}, ... */
    public String system() {
        return system;
    }

    /** The event: {@code netif_receive_skb}, ... */
    public String event() {
        return event;
    }

    /** {@code system:event}, as perf and bpftrace name it. */
    public String fullName() {
        return system + ":" + event;
    }

    /** The context's field names, in Linux's format order. */
    public List<String> fields() {
        return fields;
    }

    /** The tracepoint named {@code system:event}, {@code system/event} or just {@code event}; null if none. */
    public static Tracepoint byName(String name) {
        String n = name.replace('/', ':');
        for (Tracepoint t : values()) {
            if (t.fullName().equals(n) || t.event.equals(n)) {
                return t;
            }
        }
        return null;
    }
}
