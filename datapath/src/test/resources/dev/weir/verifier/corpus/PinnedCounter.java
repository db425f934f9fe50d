package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// A pinned per-CPU array shared by name with user space and other programs; valid trace formats.
// run: 3 -> 2
// run: 3 -> 2
@ProgramInfo(name = "count_pkts", description = "counts packets in a pinned per-CPU array")
public final class PinnedCounter implements XdpProgram {
    @MapSpec(name = "pkts", type = MapType.PERCPU_ARRAY, keySize = 4, valueSize = 8, maxEntries = 1, pinned = true)
    private PerCpuArrayMap pkts;

    public int run(XdpContext ctx) {
        pkts.addLong(0, 1);
        ctx.tracePrint("len %d proto %x from %pI4", ctx.len(), ctx.loadU8(0), 0x0a000001);
        return XdpAction.PASS;
    }
}
