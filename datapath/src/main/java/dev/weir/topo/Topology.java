package dev.weir.topo;

import dev.weir.link.LinkConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed topology file: what {@code weir run} builds and runs. See {@link TopologyParser} for
 * the file format.
 */
public record Topology(
        String name,
        Path file,
        long seed,
        long durationNanos,
        Path output,
        Map<String, HostSpec> hosts,
        Map<String, SwitchSpec> switches,
        List<LinkSpec> links,
        List<AppSpec> apps,
        List<CaptureSpec> captures) {

    /** A command as written, with its place (for error messages). */
    public record Command(String text, Loc loc) {}

    /**
     * A host.
     *
     * @param cpus modelled CPUs
     * @param costs per-stage CPU cost overrides in ns (StageCosts names)
     * @param sysctls sysctl settings in file order
     * @param commands ip/tc/ethtool/sysctl/echo commands run at time 0, in order, after the links exist
     * @param programs programs loaded and attached at time 0, after the commands
     */
    public record HostSpec(String name, int cpus, Map<String, Double> costs, Map<String, Command> sysctls,
            List<Command> commands, List<ProgramSpec> programs, Loc loc) {}

    /**
     * A program to load on a host, where to attach it, and what to put in its maps first.
     *
     * @param file the program file ({@code .java}, {@code .class}, {@code .jar}), resolved against the
     *     topology file's directory; null when {@code className} names a class on the class path
     * @param className the program class: in {@code file} when it holds several, else on the class path
     * @param attach where to attach it (each place written as {@link dev.weir.hooks.AttachPoint} parses)
     * @param priority its order among the programs of each hook (lower first)
     * @param maps entries to write, by the map's name as the program declares it, before it is attached
     */
    public record ProgramSpec(Path file, String className, List<Attach> attach, int priority, Map<String, List<MapEntry>> maps,
            Loc loc) {}

    /** An attach point as written. */
    public record Attach(dev.weir.hooks.AttachPoint point, Loc loc) {}

    /** A map entry as written: key and value text ({@link dev.weir.hooks.MapLiteral}). */
    public record MapEntry(String key, String value, Loc loc) {}

    /** A learning switch (a bridge in a namespace of its own). */
    public record SwitchSpec(String name, long ageingNanos, Loc loc) {}

    /** One end of a link: a host or switch, and the device name (null: the next free ethN / portN). */
    public record Endpoint(String node, String device, Loc loc) {
        @Override
        public String toString() {
            return device == null ? node : node + ":" + device;
        }
    }

    /** A link state change at a virtual time. */
    public record LinkEvent(long atNanos, boolean up, Loc loc) {}

    /** A full-duplex link; {@code aToB} and {@code bToA} differ only when the file says so. */
    public record LinkSpec(Endpoint a, Endpoint b, LinkConfig aToB, LinkConfig bToA, List<LinkEvent> events, Loc loc) {}

    /** An application started on a host at a virtual time. */
    public record AppSpec(String host, long atNanos, String command, Loc loc) {}

    /** A capture point: a device whose packets go to a pcapng file. */
    public record CaptureSpec(String node, String device, Loc loc) {
        /** The file name in the output folder: {@code node-device.pcapng}. */
        public String fileName() {
            return node + "-" + device.replace('/', '_') + ".pcapng";
        }
    }
}
