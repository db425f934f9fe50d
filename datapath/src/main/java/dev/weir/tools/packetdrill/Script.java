package dev.weir.tools.packetdrill;

import java.util.List;
import java.util.Optional;

/**
 * A parsed packetdrill script: its options, its set-up commands, its events in order, and the
 * optional clean-up command.
 *
 * @param file     the name it was parsed under (used in messages)
 * @param options  the {@code --name=value} lines
 * @param includes the backquoted commands before the first event, usually the Linux baseline
 *                 {@code `../common/defaults.sh`} plus script-specific settings
 * @param events   the timed events
 * @param cleanup  a backquoted command after the last event, run whatever the outcome
 */
public record Script(String file, List<ScriptOption> options, List<ShellCommand> includes, List<Event> events,
        Optional<ShellCommand> cleanup) {
    public Script {
        options = List.copyOf(options);
        includes = List.copyOf(includes);
        events = List.copyOf(events);
    }

    /** The value of the last {@code --name} option (packetdrill lets a later one win), if any. */
    public Optional<ScriptOption> option(String name) {
        Optional<ScriptOption> found = Optional.empty();
        for (ScriptOption o : options) {
            if (o.name().equals(name)) {
                found = Optional.of(o);
            }
        }
        return found;
    }
}
