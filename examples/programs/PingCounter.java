import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.NetfilterProgram;
import dev.weir.api.prog.NfContext;
import dev.weir.api.prog.NfVerdict;
import dev.weir.api.prog.ProgramInfo;

/**
 * A user's program, loaded from source by a topology: counts ICMP echo requests per IPv4 source
 * in the pinned hash "pings" (key: the address, value: requests) and lets them through; with an
 * entry of value -1 for a source (preloaded by the topology), that source's pings are dropped.
 */
@ProgramInfo(name = "ping_counter", description = "counts (and can refuse) pings per source")
public final class PingCounter implements NetfilterProgram {
    @MapSpec(name = "pings", type = MapType.HASH, keySize = 4, valueSize = 8, maxEntries = 1024, pinned = true)
    HashMap pings;

    public int run(NfContext ctx) {
        if (ctx.len() < 28 || ctx.loadU8(9) != 1 || ctx.loadU8((ctx.loadU8(0) & 0xf) * 4) != 8) {
            return NfVerdict.ACCEPT;
        }
        long src = ctx.loadU32(12) & 0xffffffffL;
        if (pings.lookupLong(src, 0) == -1) {
            return NfVerdict.DROP;
        }
        pings.addLong(src, 1);
        return NfVerdict.ACCEPT;
    }
}
