package dev.weir.hooks.progs;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.ProbeContext;
import dev.weir.api.prog.ProbeProgram;

/** A probe for any stage function: counts calls per function (slot = ordinal) in "calls", entries and exits apart (+32). */
public final class CountCalls implements ProbeProgram {
    @MapSpec(name = "calls", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 64, pinned = true)
    ArrayMap calls;

    @Override
    public void run(ProbeContext ctx) {
        calls.addLong(ctx.function().ordinal() + (ctx.isExit() ? 32 : 0), 1);
    }
}
