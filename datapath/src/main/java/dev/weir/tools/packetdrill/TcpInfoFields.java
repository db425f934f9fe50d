package dev.weir.tools.packetdrill;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a {@code %{ }%} block may read, as packetdrill defines them before each block on
 * Linux: the {@code struct tcp_info} fields it copies out of {@code getsockopt(TCP_INFO)}, and
 * symbolic constants for {@code tcpi_state}, {@code tcpi_ca_state} and {@code tcpi_options}
 * with their Linux values ({@code include/net/tcp_states.h}, {@code include/uapi/linux/tcp.h}).
 */
public final class TcpInfoFields {
    private TcpInfoFields() {}

    /** The {@code tcpi_*} fields, in {@code struct tcp_info} order. */
    public static final List<String> FIELDS = List.of(
            "tcpi_state", "tcpi_ca_state", "tcpi_retransmits", "tcpi_probes", "tcpi_backoff", "tcpi_options",
            "tcpi_snd_wscale", "tcpi_rcv_wscale", "tcpi_delivery_rate_app_limited", "tcpi_rto", "tcpi_ato",
            "tcpi_snd_mss", "tcpi_rcv_mss", "tcpi_unacked", "tcpi_sacked", "tcpi_lost", "tcpi_retrans",
            "tcpi_fackets", "tcpi_last_data_sent", "tcpi_last_ack_sent", "tcpi_last_data_recv",
            "tcpi_last_ack_recv", "tcpi_pmtu", "tcpi_rcv_ssthresh", "tcpi_rtt", "tcpi_rttvar",
            "tcpi_snd_ssthresh", "tcpi_snd_cwnd", "tcpi_advmss", "tcpi_reordering", "tcpi_total_retrans",
            "tcpi_pacing_rate", "tcpi_max_pacing_rate", "tcpi_rcv_rtt", "tcpi_rcv_space", "tcpi_bytes_acked",
            "tcpi_bytes_received", "tcpi_segs_out", "tcpi_segs_in", "tcpi_notsent_bytes", "tcpi_min_rtt",
            "tcpi_data_segs_in", "tcpi_data_segs_out", "tcpi_delivery_rate", "tcpi_busy_time",
            "tcpi_rwnd_limited", "tcpi_sndbuf_limited", "tcpi_delivered", "tcpi_delivered_ce",
            "tcpi_bytes_sent", "tcpi_bytes_retrans", "tcpi_dsack_dups", "tcpi_reord_seen");

    /** The constants defined for every block. */
    public static final Map<String, Long> SYMBOLS = symbols();

    private static Map<String, Long> symbols() {
        Map<String, Long> m = new LinkedHashMap<>();
        String[] states = {"TCP_ESTABLISHED", "TCP_SYN_SENT", "TCP_SYN_RECV", "TCP_FIN_WAIT1", "TCP_FIN_WAIT2",
            "TCP_TIME_WAIT", "TCP_CLOSE", "TCP_CLOSE_WAIT", "TCP_LAST_ACK", "TCP_LISTEN", "TCP_CLOSING"};
        for (int i = 0; i < states.length; i++) {
            m.put(states[i], (long) i + 1);
        }
        String[] ca = {"TCP_CA_Open", "TCP_CA_Disorder", "TCP_CA_CWR", "TCP_CA_Recovery", "TCP_CA_Loss"};
        for (int i = 0; i < ca.length; i++) {
            m.put(ca[i], (long) i);
        }
        m.put("TCPI_OPT_TIMESTAMPS", 1L);
        m.put("TCPI_OPT_WSCALE", 4L);
        m.put("TCPI_OPT_ECN", 8L);
        m.put("TCPI_OPT_SYN_DATA", 32L);
        return Map.copyOf(m);
    }
}
