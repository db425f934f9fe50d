package dev.weir.api.prog;

/**
 * What a {@link TracepointProgram} sees: which tracepoint fired and its fields, read-only, plus
 * the common helpers.
 *
 * <p>Each tracepoint has a view interface below whose getters are the fields of Linux's format
 * for that event, in its order, with Linux's meaning; a program calls the getter for the
 * tracepoint it is attached to. That getter returns the view; the getters of the other
 * tracepoints return null. The views are the context itself or objects the context owns:
 * nothing is allocated per event, and nothing may be kept after the run.
 *
 * <pre>{@code
 * public final class DropsByReason implements TracepointProgram {
 *     @MapSpec(name = "drops", type = MapType.HASH, keySize = 4, valueSize = 8, maxEntries = 256)
 *     HashMap drops;
 *     public void run(TraceContext ctx) {
 *         drops.addLong(ctx.kfreeSkb().reason(), 1);
 *     }
 * }
 * }</pre>
 *
 * <p>Conventions of the fields:
 * <ul>
 *   <li>{@code skbaddr}, {@code skaddr}, {@code napi}, {@code qdisc}, {@code txq},
 *       {@code location}: pointers in Linux, opaque identities here: the same non-zero number
 *       in every event and probe about the same buffer, socket, NAPI instance or qdisc while it
 *       lives (a buffer's identity changes when it is freed and reused), 0 for none.
 *   <li>Addresses: an IPv4 address is an int in network order (as {@code Ipv4Packet.src()}), an
 *       IPv6 address two longs, {@code hi} = its first 8 bytes big-endian. For an IPv4 socket
 *       the {@code V6} fields hold the v4-mapped address {@code ::ffff:a.b.c.d}, as Linux fills
 *       {@code saddr_v6}; for an IPv6 socket the IPv4 fields are 0.
 *   <li>Device names are the host's device name strings (shared, not copies).
 *   <li>Times are virtual: nanoseconds unless the name says otherwise.
 * </ul>
 */
public interface TraceContext extends Helpers {
    /** The tracepoint that fired. */
    Tracepoint tracepoint();

    NetifReceiveSkb netifReceiveSkb();

    NetDevXmit netDevXmit();

    KfreeSkb kfreeSkb();

    NapiPoll napiPoll();

    QdiscDequeue qdiscDequeue();

    NeighUpdate neighUpdate();

    XdpException xdpException();

    TcpProbe tcpProbe();

    TcpRetransmitSkb tcpRetransmitSkb();

    TcpSendReset tcpSendReset();

    TcpReceiveReset tcpReceiveReset();

    InetSockSetState inetSockSetState();

    TcpRcvSpaceAdjust tcpRcvSpaceAdjust();

    /** {@code net:netif_receive_skb}: a packet handed to the stack (after GRO, before tc ingress). */
    interface NetifReceiveSkb {
        long skbaddr();

        /** skb-&gt;len as Linux records it here: the packet without its Ethernet header (already pulled). */
        int len();

        /** The receiving device's name. */
        String name();

        /** The receiving device's ifindex (Weir's addition: Linux's format has only the name). */
        int ifindex();
    }

    /** {@code net:net_dev_xmit}: a packet given to the device's transmit routine. */
    interface NetDevXmit {
        long skbaddr();

        /** skb-&gt;len including the link-layer header. */
        int len();

        /** The driver's result: 0 ({@code NETDEV_TX_OK}) or 0x10 ({@code NETDEV_TX_BUSY}). */
        int rc();

        String name();

        /** Weir's addition. */
        int ifindex();
    }

    /** {@code skb:kfree_skb}: a packet dropped, with why. */
    interface KfreeSkb {
        long skbaddr();

        /** Where it was dropped: the identity of the stage function (see {@link StageFunction}; 0 when elsewhere). */
        long location();

        /** The packet's EtherType ({@code skb->protocol}), e.g. 0x0800. */
        int protocol();

        /** The drop reason's code: its number in the host's drop reason table ({@code weir drops}), Linux's order. */
        int reason();

        /** The drop reason's name without {@code SKB_DROP_REASON_} ({@code NO_SOCKET}, {@code QDISC_DROP}). */
        String reasonName();
    }

    /** {@code napi:napi_poll}: one poll of a NAPI instance. */
    interface NapiPoll {
        long napi();

        String devName();

        /** Packets processed in this poll. */
        int work();

        /** The poll's budget (the NAPI weight, 64). */
        int budget();
    }

    /** {@code qdisc:qdisc_dequeue}: packets taken off a qdisc for transmission. */
    interface QdiscDequeue {
        long qdisc();

        long txq();

        /** Packets dequeued (0 when the qdisc had none: skbaddr is then 0). */
        int packets();

        long skbaddr();

        int ifindex();

        /** The qdisc's handle (major:minor in the high and low 16 bits). */
        int handle();

        int parent();

        /** The transmit queue's state bits ({@code __QUEUE_STATE_DRV_XOFF} = 1, {@code STACK_XOFF} = 2, {@code FROZEN} = 4). */
        long txqState();
    }

    /** {@code neigh:neigh_update}: a neighbour entry's state or address changed. */
    interface NeighUpdate {
        int NUD_NONE = 0x00;
        int NUD_INCOMPLETE = 0x01;
        int NUD_REACHABLE = 0x02;
        int NUD_STALE = 0x04;
        int NUD_DELAY = 0x08;
        int NUD_PROBE = 0x10;
        int NUD_FAILED = 0x20;
        int NUD_NOARP = 0x40;
        int NUD_PERMANENT = 0x80;

        /** AF_INET (2) for ARP, AF_INET6 (10) for NDP. */
        int family();

        String dev();

        /** The current link-layer address (a MAC in the low 48 bits), valid for {@link #lladdrLen()} bytes. */
        long lladdr();

        int lladdrLen();

        /** {@code NTF_*} flags of the entry ({@code NTF_ROUTER} = 0x80, ...). */
        int flags();

        /** The state before the update ({@code NUD_*}). */
        int nudState();

        /** The address type ({@code RTN_UNICAST} = 1, ...). */
        int type();

        /** True when the entry is being removed. */
        boolean dead();

        int refcnt();

        /** The IPv4 address the entry is for (AF_INET), else 0. */
        int primaryKey4();

        long primaryKey6Hi();

        long primaryKey6Lo();

        /** Virtual time of the last confirmation of reachability. */
        long confirmed();

        long updated();

        long used();

        /** The new link-layer address. */
        long newLladdr();

        /** The state after the update ({@code NUD_*}). */
        int newState();

        /** {@code NEIGH_UPDATE_F_*} flags of the update ({@code OVERRIDE} = 1, {@code WEAK_OVERRIDE} = 2, ...). */
        int updateFlags();

        /** The requesting process: 0 for the stack itself, else the command's id. */
        int pid();
    }

    /** {@code xdp:xdp_exception}: an XDP program aborted or returned something invalid. */
    interface XdpException {
        int progId();

        /** The action returned ({@link XdpAction}). */
        int act();

        int ifindex();
    }

    /** The addressing fields the socket tracepoints share. */
    interface SockAddrs {
        /** AF_INET (2) or AF_INET6 (10). */
        int family();

        int sport();

        int dport();

        int saddr();

        int daddr();

        long saddrV6Hi();

        long saddrV6Lo();

        long daddrV6Hi();

        long daddrV6Lo();
    }

    /** {@code tcp:tcp_probe}: a TCP socket's congestion state at an ACK or transmit. */
    interface TcpProbe extends SockAddrs {
        /** The socket's mark. */
        int mark();

        /** Payload bytes of the segment being processed. */
        int dataLen();

        int sndNxt();

        int sndUna();

        /** Congestion window in segments. */
        int sndCwnd();

        int ssthresh();

        int sndWnd();

        /** Smoothed RTT in microseconds (unscaled, as the tracepoint records {@code srtt_us >> 3}). */
        int srtt();

        int rcvWnd();

        long sockCookie();

        long skbaddr();

        long skaddr();
    }

    /** {@code tcp:tcp_retransmit_skb}. */
    interface TcpRetransmitSkb extends SockAddrs {
        long skbaddr();

        long skaddr();

        /** The socket's TCP state ({@link TcpStates}). */
        int state();
    }

    /** {@code tcp:tcp_send_reset}: skbaddr is the segment that caused the reset (0 if none). */
    interface TcpSendReset extends SockAddrs {
        long skbaddr();

        /** 0 when the reset answers a segment with no socket. */
        long skaddr();

        int state();
    }

    /** {@code tcp:tcp_receive_reset}. */
    interface TcpReceiveReset extends SockAddrs {
        long skaddr();

        long sockCookie();
    }

    /** {@code sock:inet_sock_set_state}. */
    interface InetSockSetState extends SockAddrs {
        long skaddr();

        int oldstate();

        int newstate();

        /** IP protocol number (6 for TCP). */
        int protocol();
    }

    /** {@code tcp:tcp_rcv_space_adjust}. */
    interface TcpRcvSpaceAdjust extends SockAddrs {
        long skaddr();

        long sockCookie();
    }
}
