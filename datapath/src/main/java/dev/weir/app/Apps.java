package dev.weir.app;

import dev.weir.core.Args;
import dev.weir.core.CommandException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The applications a host can run, by command name: {@code ping}, {@code ping6},
 * {@code udp-send}, {@code udp-sink} in {@link #standard()}. {@link #create} reads a command line
 * ({@code ping -c 4 10.0.2.2}) into an application ready to {@link App#start}; a usage error is a
 * {@link CommandException} naming the option at fault, with the exit status the tool would give.
 */
public final class Apps {
    /** Makes an application from its arguments (the words after the command name). */
    @FunctionalInterface
    public interface Factory {
        App create(AppContext ctx, Args args);
    }

    private final Map<String, Factory> factories = new LinkedHashMap<>();

    /** The built-in applications. */
    public static Apps standard() {
        Apps a = new Apps();
        a.register("ping", (ctx, args) -> PingApp.create("ping", ctx, args));
        a.register("ping6", (ctx, args) -> PingApp.create("ping6", ctx, args));
        a.register("udp-send", UdpSend::create);
        a.register("udp-sink", UdpSink::create);
        return a;
    }

    /** Adds an application; a name already taken is refused, naming it. */
    public void register(String name, Factory factory) {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("an application name is one word, got '" + name + "'");
        }
        if (factories.putIfAbsent(name, java.util.Objects.requireNonNull(factory, "factory")) != null) {
            throw new IllegalStateException("an application named '" + name + "' is already registered");
        }
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(factories.keySet());
    }

    /**
     * The application {@code commandLine} names, made for {@code ctx}; not yet started. An unknown
     * name is exit status 127 ("command not found"), as a shell says it.
     */
    public App create(AppContext ctx, String commandLine) {
        List<String> words = Args.split(commandLine);
        if (words.isEmpty()) {
            throw new CommandException(2, "no command given");
        }
        Factory f = factories.get(words.get(0));
        if (f == null) {
            throw new CommandException(127, words.get(0) + ": command not found (applications: " + String.join(", ", factories.keySet()) + ")");
        }
        return f.create(ctx, new Args(words.get(0), words.subList(1, words.size())));
    }
}
