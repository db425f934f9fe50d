package dev.weir.tools.packetdrill;

import java.util.Optional;

/**
 * A {@code --name=value} or {@code --name} line at the top of a script; it sets the runner's
 * configuration as the same command-line flag of packetdrill would ({@code --tolerance_usecs},
 * {@code --mss}, {@code --local_ip}, {@code --strict_segments}, {@code --define=SYM=value}...).
 * The value is the raw text up to the next blank.
 */
public record ScriptOption(int line, String name, Optional<String> value) {
    @Override
    public String toString() {
        return "--" + name + value.map(v -> "=" + v).orElse("");
    }
}
