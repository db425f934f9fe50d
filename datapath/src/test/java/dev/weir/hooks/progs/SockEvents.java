package dev.weir.hooks.progs;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.TraceContext;
import dev.weir.api.prog.TracepointProgram;

/**
 * The socket tracepoints: tcp_probe writes sport, dport, srtt, cwnd, data_len, saddr and the
 * cookie into slots 0..6 of "sock_ev"; inet_sock_set_state writes old and new state into 8, 9.
 */
public final class SockEvents implements TracepointProgram {
    @MapSpec(name = "sock_ev", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 10, pinned = true)
    ArrayMap ev;

    @Override
    public void run(TraceContext ctx) {
        TraceContext.TcpProbe p = ctx.tcpProbe();
        if (p != null) {
            ev.updateLong(0, p.sport(), 0);
            ev.updateLong(1, p.dport(), 0);
            ev.updateLong(2, p.srtt(), 0);
            ev.updateLong(3, p.sndCwnd(), 0);
            ev.updateLong(4, p.dataLen(), 0);
            ev.updateLong(5, p.saddr() & 0xffffffffL, 0);
            ev.updateLong(6, p.sockCookie(), 0);
        }
        TraceContext.InetSockSetState s = ctx.inetSockSetState();
        if (s != null) {
            ev.updateLong(8, s.oldstate(), 0);
            ev.updateLong(9, s.newstate(), 0);
        }
    }
}
