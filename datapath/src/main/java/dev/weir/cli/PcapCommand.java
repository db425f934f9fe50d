package dev.weir.cli;

import dev.weir.pcap.CaptureFormatException;
import dev.weir.pcap.CaptureReader;
import dev.weir.pcap.CapturedPacket;
import dev.weir.pcap.print.PacketPrinter;
import dev.weir.pcap.print.PacketPrinter.TimestampStyle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weir pcap}: capture files. */
@Command(name = "pcap",
        mixinStandardHelpOptions = true,
        versionProvider = Weir.Version.class,
        description = "Capture files (pcap and pcapng).",
        subcommands = {PcapCommand.Show.class, CommandLine.HelpCommand.class})
public final class PcapCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code weir pcap show FILE}: one line per packet, as {@code tcpdump -nn -t -r FILE} prints
     * it ({@link PacketPrinter}), with what a pcapng file adds. Exit code 0, or 2 when the file
     * cannot be read or is malformed: the packets before the fault are printed, then one line on
     * stderr names the file and the fault.
     */
    @Command(name = "show",
            mixinStandardHelpOptions = true,
            versionProvider = Weir.Version.class,
            description = {
                "Print a pcap or pcapng file one line per packet, as tcpdump -nn -t -r FILE prints it.",
                "From a pcapng file each line also shows, when the file has them, the interface name and the "
                        + "direction (In/Out) after the timestamp, as tcpdump -i any shows them, and each packet comment "
                        + "at the end after ' # '."
            },
            sortOptions = false)
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The capture file.")
        Path file;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Timestamps timestamps;

        static final class Timestamps {
            @Option(names = "--tt", description = "Seconds and microseconds since the epoch (tcpdump -tt).")
            boolean epoch;

            @Option(names = "--ttt", description = "Time since the previous packet (tcpdump -ttt).")
            boolean delta;

            @Option(names = "--ttttt", description = "Time since the first packet (tcpdump -ttttt).")
            boolean sinceFirst;
        }

        @Option(names = {"-S", "--absolute-seq"}, description = "Absolute TCP sequence numbers (tcpdump -S).")
        boolean absoluteSequenceNumbers;

        @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N packets.")
        Integer count;

        @Override
        public Integer call() {
            if (count != null && count < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--count must be 0 or more, got " + count);
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            PacketPrinter printer = new PacketPrinter(style(), absoluteSequenceNumbers);
            StringBuilder line = new StringBuilder(256);
            try {
                if (Files.isDirectory(file)) {
                    throw new IOException(file + ": is a directory, not a capture file");
                }
                try (CaptureReader reader = CaptureReader.open(file)) {
                    CapturedPacket p;
                    for (int n = 0; (count == null || n < count) && (p = reader.next()) != null; n++) {
                        line.setLength(0);
                        printer.printAnnotated(line, p).append('\n');
                        out.append(line);
                    }
                }
                out.flush();
                return 0;
            } catch (NoSuchFileException e) {
                return fail(out, err, file + ": no such file");
            } catch (AccessDeniedException e) {
                return fail(out, err, file + ": permission denied");
            } catch (CaptureFormatException e) {
                // Its message starts with the file and names the block or record and the fault.
                return fail(out, err, e.getMessage());
            } catch (IOException e) {
                String m = e.getMessage();
                return fail(out, err, m != null && m.startsWith(file.toString()) ? m : file + ": " + m);
            }
        }

        private TimestampStyle style() {
            if (timestamps == null) {
                return TimestampStyle.NONE;
            }
            return timestamps.epoch ? TimestampStyle.EPOCH : timestamps.delta ? TimestampStyle.DELTA : TimestampStyle.SINCE_FIRST;
        }

        private static int fail(PrintWriter out, PrintWriter err, String message) {
            out.flush();
            err.println("weir pcap show: " + message);
            err.flush();
            return 2;
        }
    }
}
