package dev.weir.tools.packetdrill;

import java.util.List;

/**
 * A backquoted shell command that is not an event: the set-up command before the first event
 * (typically {@code `../common/defaults.sh`}, sometimes with more lines that set sysctls, change
 * routes or turn GSO off) and the clean-up command after the last one
 * ({@code `/tmp/sysctl_restore_${PPID}.sh`}). {@link #steps()} reads it as the runner will
 * apply it.
 *
 * @param line the line of the opening backquote
 * @param text the text between the backquotes, as written
 */
public record ShellCommand(int line, String text) {
    /** The command read as a list of steps: sysctl settings, includes of defaults.sh, others. */
    public List<ShellLines.Step> steps() {
        return ShellLines.parse(text);
    }

    @Override
    public String toString() {
        return "`" + text + "`";
    }
}
