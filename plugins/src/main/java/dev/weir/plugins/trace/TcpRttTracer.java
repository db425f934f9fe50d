package dev.weir.plugins.trace;

import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.maps.RingBufMap;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.ProgramInfo;
import dev.weir.api.prog.TraceContext;
import dev.weir.api.prog.TracepointProgram;

/**
 * A TCP RTT and congestion-window tracer on {@code tcp:tcp_probe} (what {@code tcpprobe} and
 * bcc's {@code tcprtt} show): one 40-byte record per event in the ring buffer
 * {@code tcp_rtt_events}, and each connection's last smoothed RTT in {@code tcp_rtt_last}.
 *
 * <pre>
 *   record:  0 u64 virtual time (ns)   8 u32 saddr   12 u32 daddr   16 u16 sport   18 u16 dport
 *            20 u32 srtt (us)   24 u32 snd_cwnd   28 u32 ssthresh   32 u32 snd_una   36 u32 data_len
 *   tcp_rtt_last: key sport &lt;&lt; 16 | dport (4 bytes), value srtt in microseconds
 * </pre>
 * IPv6 connections are recorded with addresses 0 (their ports and numbers are there).
 */
@ProgramInfo(name = "tcp_rtt", description = "records srtt and cwnd of every tcp_probe event")
public final class TcpRttTracer implements TracepointProgram {
    @MapSpec(name = "tcp_rtt_events", type = MapType.RINGBUF, maxEntries = 262144, pinned = true)
    RingBufMap events;
    @MapSpec(name = "tcp_rtt_last", type = MapType.HASH, keySize = 4, valueSize = 8, maxEntries = 4096, pinned = true)
    HashMap last;

    @Override
    public void run(TraceContext ctx) {
        TraceContext.TcpProbe p = ctx.tcpProbe();
        if (p == null) {
            return;
        }
        int rec = events.reserve(40);
        if (rec >= 0) {
            events.store64(rec, 0, ctx.ktimeNs());
            events.store32(rec, 8, p.saddr());
            events.store32(rec, 12, p.daddr());
            events.store16(rec, 16, p.sport());
            events.store16(rec, 18, p.dport());
            events.store32(rec, 20, p.srtt());
            events.store32(rec, 24, p.sndCwnd());
            events.store32(rec, 28, p.ssthresh());
            events.store32(rec, 32, p.sndUna());
            events.store32(rec, 36, p.dataLen());
            events.submit(rec, 0);
        }
        last.updateLong((long) (p.sport() & 0xffff) << 16 | (p.dport() & 0xffff), p.srtt() & 0xffffffffL, 0);
    }
}
