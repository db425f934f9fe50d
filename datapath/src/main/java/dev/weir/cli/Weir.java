package dev.weir.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code weir} command line. {@code scripts/weir} runs this class; each subcommand is a
 * class of its own in this package, registered in {@link #commandLine}.
 */
@Command(name = "weir",
        mixinStandardHelpOptions = true,
        versionProvider = Weir.Version.class,
        description = "Weir: a programmable datapath for the JVM. A Linux-like network stack with eBPF-style attach points, in deterministic virtual time.",
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, PcapCommand.class})
public final class Weir implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. For tests and embedding. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Weir());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // Errors the user caused (a bad file, a bad argument) are reported in one line, no stack trace.
            if (ex instanceof UserError || ex instanceof IllegalArgumentException || ex instanceof IOException) {
                cmd.getErr().println("weir " + cmd.getCommandName() + ": " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** An error in what the user gave: printed as one line and exit code 2. */
    public static final class UserError extends RuntimeException {
        public UserError(String message) {
            super(message);
        }
    }

    /** Reads the version that the build wrote into {@code version.properties}. */
    public static final class Version implements CommandLine.IVersionProvider {
        public static String version() {
            Properties p = new Properties();
            try (InputStream in = Weir.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                return "unknown";
            }
            return p.getProperty("version", "unknown");
        }

        @Override
        public String[] getVersion() {
            return new String[] {
                "weir " + version(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")"
            };
        }
    }
}
