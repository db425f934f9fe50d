package dev.weir.cli;

import dev.weir.api.prog.NfHook;
import dev.weir.api.prog.ProgramType;
import dev.weir.api.wire.Bytes;
import dev.weir.hooks.TestRun;
import dev.weir.pcap.CaptureFormatException;
import dev.weir.pcap.CaptureReader;
import dev.weir.pcap.CapturedPacket;
import dev.weir.pcap.LinkType;
import dev.weir.pcap.print.PacketPrinter;
import dev.weir.verifier.LoadedProgram;
import dev.weir.verifier.ProgramCommands;
import dev.weir.verifier.ProgramLoadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weir prog}: programs, as bpftool's {@code prog} family does for eBPF. */
@Command(name = "prog",
        mixinStandardHelpOptions = true,
        versionProvider = Weir.Version.class,
        description = "Programs: verify, dump and test-run them without a network (bpftool prog).",
        subcommands = {ProgCommand.Verify.class, ProgCommand.Dump.class, ProgCommand.TestRunCmd.class, CommandLine.HelpCommand.class})
public final class ProgCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The program file and, when it holds several, the program class: what every prog subcommand takes. */
    static final class ProgramFile {
        @Parameters(paramLabel = "FILE", description = "The program: a .java source, a .class file or a .jar.")
        Path file;

        @Option(names = "--class", paramLabel = "NAME", description = "The program class, when the file holds several.")
        String className;
    }

    /** {@code weir prog verify FILE}: exit 0 and the summary, 1 and the verifier's log, 2 when the file cannot be used. */
    @Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Weir.Version.class,
            description = {"Verify a program (.java, .class or .jar) as the loader would before loading it.",
                "Exit 0 with a summary when it is accepted; 1 with the verifier's log (class, method, line, bytecode index,"
                        + " rule and how to fix it) when it is rejected; 2 when the file cannot be read or compiled."})
    static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ProgramFile program;

        @Override
        public Integer call() {
            return print(spec, new ProgramCommands().verify(program.file, program.className));
        }
    }

    /** {@code weir prog dump FILE}: the program's bytecode as it will run (budget points marked), or as submitted with the reasons. */
    @Command(name = "dump", mixinStandardHelpOptions = true, versionProvider = Weir.Version.class,
            description = {"Print a program's bytecode as it will run, with the instruction-budget points the loader inserts"
                    + " marked; a rejected program is printed as submitted, each refused instruction followed by why.",
                "Exit codes as verify."})
    static final class Dump implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ProgramFile program;

        @Override
        public Integer call() {
            return print(spec, new ProgramCommands().dump(program.file, program.className));
        }
    }

    private static int print(CommandLine.Model.CommandSpec spec, ProgramCommands.Result r) {
        PrintWriter w = r.exitCode() == 0 ? spec.commandLine().getOut() : spec.commandLine().getErr();
        w.print(r.output());
        w.flush();
        return r.exitCode();
    }

    /**
     * {@code weir prog test-run FILE --in PACKETS.pcap}: runs the program on each packet of a
     * capture, without a network (BPF_PROG_TEST_RUN), and prints each packet's verdict and the
     * packet (as tcpdump prints it), then the packet as the program left it when it changed it;
     * after all packets, what changed in the program's maps, the trace lines it printed, and the
     * verdict counts with the time per run.
     */
    @Command(name = "test-run", mixinStandardHelpOptions = true, versionProvider = Weir.Version.class, sortOptions = false,
            description = {"Run a program on every packet of a pcap or pcapng file, without a network, and print each verdict.",
                "XDP and tc programs take the Ethernet frames; netfilter programs the IP packets in them (the Ethernet header"
                        + " is stripped; IPv4 or IPv6 by the EtherType). The maps start empty and keep what the runs did.",
                "Exit 0 when every packet ran (aborts included: they are reported), 1 when the verifier rejects the program,"
                        + " 2 when a file cannot be used."})
    static final class TestRunCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ProgramFile program;

        @Option(names = "--in", paramLabel = "PACKETS", required = true, description = "A pcap or pcapng file of Ethernet frames.")
        Path in;

        @Option(names = "--type", paramLabel = "T", description = "How to run it: xdp, tc (ingress), tc-egress, or netfilter"
                + " (default: the program's type, tc on ingress).")
        String type;

        @Option(names = "--hook", paramLabel = "HOOK", description = "netfilter: PREROUTING (default), INPUT, FORWARD, OUTPUT, POSTROUTING.")
        String hook = "PREROUTING";

        @Option(names = "--repeat", paramLabel = "N", description = "Runs per packet (the time per run is their mean; default 1).")
        int repeat = 1;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (repeat < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1, got " + repeat);
            }
            TestRun t = new TestRun();
            LoadedProgram<?> p;
            try {
                p = t.load(program.file, program.className);
            } catch (ProgramLoadException e) {
                err.print(e.getMessage().endsWith("\n") ? e.getMessage() : e.getMessage() + "\n");
                err.flush();
                return e.reason() == ProgramLoadException.Reason.REJECTED ? 1 : 2;
            }
            String how = type != null ? type : switch (p.type()) {
                case XDP -> "xdp";
                case TC -> "tc";
                case NETFILTER -> "netfilter";
                default -> p.type().linuxName();
            };
            ProgramType need = switch (how) {
                case "xdp" -> ProgramType.XDP;
                case "tc", "tc-ingress", "tc-egress" -> ProgramType.TC;
                case "netfilter" -> ProgramType.NETFILTER;
                default -> null;
            };
            if (need == null) {
                return fail(err, "--type " + how + ": test-run over packets takes xdp, tc, tc-egress or netfilter programs");
            }
            if (need != p.type()) {
                return fail(err, p.name() + " is a " + p.type().linuxName() + " program; --type " + how + " runs " + need.linuxName()
                        + " programs");
            }
            int nfHook = NfHook.byName(hook);
            if (nfHook < 0) {
                return fail(err, "--hook " + hook + ": not a netfilter hook (PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING)");
            }
            PacketPrinter printer = new PacketPrinter();
            Map<String, Integer> verdicts = new LinkedHashMap<>();
            long ns = 0;
            long budget = 0;
            int n = 0;
            try {
                if (Files.isDirectory(in)) {
                    throw new IOException(in + ": is a directory, not a capture file");
                }
                try (CaptureReader reader = CaptureReader.open(in)) {
                    CapturedPacket pkt;
                    StringBuilder line = new StringBuilder(200);
                    while ((pkt = reader.next()) != null) {
                        n++;
                        if (pkt.linkType() != LinkType.ETHERNET) {
                            return fail(err, in + ": packet " + n + " has link type " + LinkType.name(pkt.linkType())
                                    + "; test-run needs Ethernet frames");
                        }
                        byte[] frame = pkt.data();
                        TestRun.Result r = switch (how) {
                            case "xdp" -> t.xdp(p, frame, repeat);
                            case "tc", "tc-ingress" -> t.tc(p, frame, true, repeat);
                            case "tc-egress" -> t.tc(p, frame, false, repeat);
                            default -> {
                                int et = frame.length >= 14 ? Bytes.u16(frame, 12) : 0;
                                int pf = et == 0x86dd ? NfHook.PF_IPV6 : NfHook.PF_IPV4;
                                yield t.netfilter(p, Arrays.copyOfRange(frame, Math.min(14, frame.length), frame.length), pf, nfHook, repeat);
                            }
                        };
                        String v = r.verdictName() + (r.aborted() ? " (aborted: " + r.abortCause() + ")" : "")
                                + (r.redirectIfindex() != 0 ? " -> ifindex " + r.redirectIfindex() : "");
                        verdicts.merge(r.verdictName(), 1, Integer::sum);
                        ns += r.nsPerRun();
                        budget += r.budgetPerRun();
                        line.setLength(0);
                        line.append(String.format("%4d  %-14s ", n, v));
                        printer.print(line, LinkType.ETHERNET, 0, frame, 0, frame.length, frame.length);
                        out.println(line);
                        byte[] expect = how.equals("netfilter") ? Arrays.copyOfRange(frame, Math.min(14, frame.length), frame.length) : frame;
                        if (!Arrays.equals(expect, r.output())) {
                            line.setLength(0);
                            line.append("      out:           ");
                            if (how.equals("netfilter")) {
                                printer.print(line, LinkType.RAW, 0, r.output(), 0, r.output().length, r.output().length);
                            } else {
                                printer.print(line, LinkType.ETHERNET, 0, r.output(), 0, r.output().length, r.output().length);
                            }
                            out.println(line);
                        }
                        for (TestRun.MapChange c : r.mapChanges()) {
                            out.println("      map " + c);
                        }
                        for (Map.Entry<String, List<byte[]>> e : r.ringRecords().entrySet()) {
                            for (byte[] rec : e.getValue()) {
                                out.println("      ringbuf " + e.getKey() + ": " + Bytes.hex(rec, 0, rec.length));
                            }
                        }
                        for (String tl : r.trace()) {
                            out.println("      trace " + tl.strip());
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                return fail(err, in + ": no such file");
            } catch (CaptureFormatException e) {
                return fail(err, e.getMessage());
            } catch (IOException e) {
                return fail(err, e.getMessage());
            }
            StringBuilder sum = new StringBuilder();
            sum.append(n).append(n == 1 ? " packet" : " packets");
            verdicts.forEach((k, c) -> sum.append(", ").append(c).append(' ').append(k));
            if (n > 0) {
                sum.append("; ").append(ns / n).append(" ns and ").append(budget / n).append(" budget units per run");
            }
            out.println(sum);
            out.flush();
            return 0;
        }

        private static int fail(PrintWriter err, String message) {
            err.println("weir prog test-run: " + message);
            err.flush();
            return 2;
        }
    }
}
