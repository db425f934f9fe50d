package dev.weir.hooks;

import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.maps.MapImpl;
import dev.weir.maps.MapText;
import dev.weir.verifier.LoadedProgram;
import dev.weir.verifier.ProgramLoadException;
import dev.weir.verifier.ProgramStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code bpftool}-like commands of a host, in bpftool's syntax and text forms:
 *
 * <pre>
 *   prog [list|show] [id ID | name NAME | ID]   loaded programs, their statistics and links
 *   prog load FILE [class NAME]                 verify and load (prints the id)
 *   prog attach id ID ATTACH-POINT [prio N]     attach (prints the link id); see {@link AttachPoint}
 *   prog detach link ID                         detach a link
 *   prog replace link ID id ID                  put program ID in a link's place, atomically
 *   prog unload id ID                           unload a program that is not attached
 *   prog tracelog                               the trace pipe (lines of tracePrint), drained
 *   link [list]                                 the links
 *   map [list|show] [MAP]                       maps
 *   map dump MAP          map lookup MAP key BYTES
 *   map update MAP key BYTES value BYTES [any|exist|noexist]
 *   map delete MAP key BYTES                    map getnext MAP [key BYTES]
 *   MAP := id ID | name NAME | pinned NAME | NAME (a pinned name, else a map name)
 * </pre>
 * {@code -j} / {@code -p} print JSON (plain / pretty) for the map commands that bpftool prints
 * JSON for. Bytes are as bpftool takes them ({@link MapText}). Errors are bpftool's messages
 * with exit code 255.
 */
public final class BpfCommand {
    private static final int EXIT = 255;
    private final Hooks hooks;

    public BpfCommand(Hooks hooks) {
        this.hooks = hooks;
    }

    /** {@code prog ...}: {@code args} are the words after {@code prog}. */
    public void prog(Args args, PrintWriter out) {
        String verb = args.hasNext() ? args.next() : "list";
        switch (verb) {
            case "list", "show" -> progShow(args, out);
            case "load" -> {
                Path file = Path.of(args.value("load"));
                String cls = null;
                if (args.accept("class")) {
                    cls = args.value("class");
                }
                end(args);
                try {
                    LoadedProgram<?> p = hooks.load(file, cls);
                    out.println(hooks.programs().idOf(p));
                } catch (ProgramLoadException e) {
                    throw new CommandException(EXIT, "Error: failed to load program: " + e.getMessage());
                }
            }
            case "attach" -> {
                int id = progId(args);
                List<String> rest = new ArrayList<>(args.rest());
                int prio = 0;
                int p = rest.indexOf("prio");
                if (p >= 0) {
                    if (p + 1 >= rest.size()) {
                        throw new CommandException(EXIT, "Error: prio needs a number");
                    }
                    prio = Args.parseInt("prio", rest.get(p + 1), Integer.MIN_VALUE, Integer.MAX_VALUE);
                    rest.remove(p + 1);
                    rest.remove(p);
                }
                AttachPoint at;
                try {
                    at = AttachPoint.parse(String.join(" ", rest));
                } catch (IllegalArgumentException e) {
                    throw new CommandException(EXIT, "Error: " + e.getMessage());
                }
                ProgramLink l = hooks.attach(program(id), at, prio);
                out.println(l.id());
            }
            case "detach" -> {
                ProgramLink l = link(args);
                end(args);
                l.detach();
            }
            case "replace" -> {
                ProgramLink l = link(args);
                int id = progId(args);
                end(args);
                l.replace(program(id));
            }
            case "unload" -> {
                int id = progId(args);
                end(args);
                try {
                    hooks.unload(id);
                } catch (IllegalStateException e) {
                    throw new CommandException(EXIT, "Error: " + e.getMessage());
                }
            }
            case "tracelog" -> {
                end(args);
                for (String line : hooks.tracePipe().drain()) {
                    out.println(line);
                }
            }
            case "help" -> out.println("Usage: prog { list | show [PROG] | load FILE [class NAME] | attach id ID ATTACH [prio N]"
                    + " | detach link ID | replace link ID id ID | unload id ID | tracelog }\n       ATTACH := " + AttachPoint.USAGE);
            default -> throw new CommandException(EXIT, "Error: unknown prog command \"" + verb + "\" (list, show, load, attach, detach,"
                    + " replace, unload, tracelog)");
        }
    }

    private void progShow(Args args, PrintWriter out) {
        List<ProgramTable.Entry> which = new ArrayList<>();
        if (!args.hasNext()) {
            which.addAll(hooks.programs().list());
        } else if (args.accept("name")) {
            String n = args.value("name");
            for (ProgramTable.Entry e : hooks.programs().list()) {
                if (e.program().name().equals(n)) {
                    which.add(e);
                }
            }
            if (which.isEmpty()) {
                throw new CommandException(EXIT, "Error: no program with name \"" + n + "\" found on " + hooks.net.name());
            }
        } else {
            which.add(hooks.programs().get(progId(args)));
        }
        end(args);
        for (ProgramTable.Entry e : which) {
            out.print(show(e));
        }
    }

    /** bpftool's {@code prog show} entry, with Weir's statistics and links. */
    public String show(ProgramTable.Entry e) {
        LoadedProgram<?> p = e.program();
        StringBuilder sb = new StringBuilder();
        sb.append(e.id()).append(": ").append(p.type().linuxName()).append("  name ").append(p.name()).append("  tag ")
                .append(p.tag()).append('\n');
        long t = e.loadedAtNs();
        sb.append(String.format("\tloaded_at %d.%06ds  class %s%n", t / 1_000_000_000L, (t / 1000) % 1_000_000,
                p.summary().programClass()));
        List<String> mapIds = new ArrayList<>();
        for (LoadedProgram.BoundMap m : p.maps()) {
            if (m.map() instanceof MapImpl mi) {
                mapIds.add(String.valueOf(mi.id()));
            }
        }
        sb.append("\txlated ").append(p.loadedBytes()).append("B  budget_points ").append(p.budgetPoints());
        if (!mapIds.isEmpty()) {
            sb.append("  map_ids ").append(String.join(",", mapIds));
        }
        sb.append('\n');
        ProgramStats s = p.stats();
        sb.append("\trun_time_ns ").append(s.totalTimeNs()).append(" run_cnt ").append(s.runs()).append("  aborted ")
                .append(s.aborts()).append("  budget_exhausted ").append(s.budgetExhaustions()).append('\n');
        for (ProgramLink l : hooks.linksOf(e.id())) {
            sb.append("\tattached ").append(l.attachPoint()).append(" prio ").append(l.priority()).append("  link ").append(l.id())
                    .append('\n');
        }
        return sb.toString();
    }

    /** {@code link ...}. */
    public void link(Args args, PrintWriter out) {
        String verb = args.hasNext() ? args.next() : "list";
        switch (verb) {
            case "list", "show" -> {
                end(args);
                for (ProgramLink l : hooks.links()) {
                    out.println(l.id() + ": " + l.attachPoint() + "  prio " + l.priority() + "  prog_id " + l.programId()
                            + "  name " + l.program().name());
                }
            }
            case "detach" -> {
                ProgramLink l = linkById(args);
                end(args);
                l.detach();
            }
            default -> throw new CommandException(EXIT, "Error: unknown link command \"" + verb + "\" (list, detach)");
        }
    }

    /** {@code map ...}. */
    public void map(Args args, PrintWriter out) {
        boolean json = false;
        boolean pretty = false;
        List<String> words = new ArrayList<>();
        for (String w : args.rest()) {
            switch (w) {
                case "-j", "--json" -> json = true;
                case "-p", "--pretty" -> {
                    json = true;
                    pretty = true;
                }
                default -> words.add(w);
            }
        }
        Args a = new Args("map", words);
        String verb = a.hasNext() ? a.next() : "list";
        switch (verb) {
            case "list", "show" -> {
                List<MapImpl> ms = a.hasNext() ? List.of(resolve(a)) : hooks.maps().list();
                end(a);
                for (MapImpl m : ms) {
                    out.print(json ? MapText.showJson(m, pretty) + "\n" : MapText.show(m));
                }
            }
            case "dump" -> {
                MapImpl m = resolve(a);
                end(a);
                out.print(json ? MapText.dumpJson(m, pretty) + "\n" : MapText.dump(m));
            }
            case "lookup" -> {
                MapImpl m = resolve(a);
                out.print(json ? MapText.lookupJson(m, a.rest(), pretty) + "\n" : MapText.lookup(m, a.rest()));
            }
            case "update" -> MapText.update(resolve(a), a.rest());
            case "delete" -> MapText.delete(resolve(a), a.rest());
            case "getnext" -> {
                MapImpl m = resolve(a);
                out.print(MapText.getNext(m, a.rest()));
            }
            case "help" -> out.println("Usage: map { list | show [MAP] | dump MAP | lookup MAP key BYTES | update MAP key BYTES value BYTES"
                    + " [any|exist|noexist] | delete MAP key BYTES | getnext MAP [key BYTES] }\n       MAP := id ID | name NAME | pinned NAME | NAME");
            default -> throw new CommandException(EXIT, "Error: unknown map command \"" + verb
                    + "\" (list, show, dump, lookup, update, delete, getnext)");
        }
    }

    /** MAP := id ID | name NAME | pinned NAME | NAME. */
    private MapImpl resolve(Args a) {
        if (!a.hasNext()) {
            throw new CommandException(EXIT, "Error: expected a map: id ID | name NAME | pinned NAME | NAME");
        }
        String w = a.next();
        if (w.equals("id") || w.equals("name") || w.equals("pinned")) {
            return hooks.maps().resolve(w, a.value(w));
        }
        MapImpl m = hooks.maps().pinned(w);
        return m != null ? m : hooks.maps().resolve("name", w);
    }

    private int progId(Args a) {
        a.accept("id");
        String v = a.value("id");
        int id;
        try {
            id = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new CommandException(EXIT, "Error: can't parse \"" + v + "\" as ID");
        }
        if (hooks.programs().get(id) == null) {
            throw new CommandException(EXIT, "Error: get by id (" + id + "): No such file or directory");
        }
        return id;
    }

    private LoadedProgram<?> program(int id) {
        return hooks.programs().get(id).program();
    }

    private ProgramLink link(Args a) {
        if (!a.accept("link")) {
            throw new CommandException(EXIT, "Error: expected 'link ID'");
        }
        return linkById(a);
    }

    private ProgramLink linkById(Args a) {
        a.accept("id");
        String v = a.value("link");
        for (ProgramLink l : hooks.links()) {
            if (String.valueOf(l.id()).equals(v)) {
                return l;
            }
        }
        throw new CommandException(EXIT, "Error: no link " + v + " on " + hooks.net.name());
    }

    private static void end(Args a) {
        if (a.hasNext()) {
            throw new CommandException(EXIT, "Error: too many arguments: unexpected \"" + a.peek() + "\" in \"" + a.line() + "\"");
        }
    }
}
