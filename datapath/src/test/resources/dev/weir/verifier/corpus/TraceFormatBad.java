package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected trace-format
// %s is not a conversion tracePrint knows (bpf_trace_printk's rules).
public final class TraceFormatBad implements XdpProgram {
    public int run(XdpContext ctx) {
        ctx.tracePrint("proto %s", ctx.loadU8(0), 0, 0);
        return XdpAction.PASS;
    }
}
