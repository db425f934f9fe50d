package dev.weir.tools.packetdrill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host configuration a script asks for before its first event. Linux's scripts start with
 * {@code `../common/defaults.sh`}, a shell script of sysctl settings (the "production" TCP
 * baseline: buffer sizes, timestamps, SACK, F-RTO, RACK, CUBIC, no slow start after idle, Fast
 * Open 0x70403...) plus two commands (flush TCP metrics, a pfifo root qdisc), sometimes followed
 * by settings of their own. The runner applies the same values to the simulated host instead of
 * running the shell: this class reads defaults.sh from the suite at run time (it is not copied
 * into Weir) and folds a script's set-up commands into one ordered list of sysctls, later
 * settings replacing earlier ones as they would on a real host.
 */
public final class LinuxDefaults {
    private LinuxDefaults() {}

    /** Where the baseline sits relative to the suite's root ({@code tcp/}). */
    public static final String DEFAULTS_PATH = "common/defaults.sh";

    /**
     * A set-up: sysctl name (dotted) to value, in the order first set, and the steps that are not
     * sysctls (commands, writes outside /proc/sys), in order.
     */
    public record Setup(Map<String, String> sysctls, List<ShellLines.Step> otherSteps) {
        public Setup {
            sysctls = Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
            otherSteps = List.copyOf(otherSteps);
        }
    }

    /** Reads a shell text such as defaults.sh. An include in it is kept as an other step. */
    public static Setup parse(String shell) {
        Map<String, String> sysctls = new LinkedHashMap<>();
        List<ShellLines.Step> other = new ArrayList<>();
        for (ShellLines.Step s : ShellLines.parse(shell)) {
            if (s instanceof ShellLines.Sysctl c) {
                sysctls.put(c.name(), c.value());
            } else {
                other.add(s);
            }
        }
        return new Setup(sysctls, other);
    }

    /** Reads defaults.sh (or any such file). */
    public static Setup read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * The set-up of a script of the suite rooted at {@code suiteRoot} (the {@code tcp/} folder):
     * its set-up commands in order, each include of {@code defaults.sh} read from the suite's
     * {@link #DEFAULTS_PATH}. Scripts name the baseline by different relative paths
     * ({@code ../common/}, {@code ../../common/}) because upstream keeps some of them deeper;
     * 29 of Linux's copies name a path that does not exist in their own tree, so the file name,
     * not the path, decides.
     */
    public static Setup setup(Script script, Path suiteRoot) throws IOException {
        Map<String, String> sysctls = new LinkedHashMap<>();
        List<ShellLines.Step> other = new ArrayList<>();
        for (ShellCommand cmd : script.includes()) {
            for (ShellLines.Step s : cmd.steps()) {
                switch (s) {
                    case ShellLines.Include inc -> {
                        Setup base = read(suiteRoot.resolve(DEFAULTS_PATH));
                        base.sysctls().forEach(sysctls::put);
                        other.addAll(base.otherSteps());
                    }
                    case ShellLines.Sysctl c -> sysctls.put(c.name(), c.value());
                    default -> other.add(s);
                }
            }
        }
        return new Setup(sysctls, other);
    }
}
